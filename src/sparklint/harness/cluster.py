"""Where the script runs: the Spark master (or Connect server) and the settings that make its evidence reliable.

The default is `local-cluster[N,cores,memMB]`: pip's pyspark starts a master, workers and N separate
executor JVMs on this machine, so tasks recorded on executors really ran outside the driver. `local[*]`
is faster but records every task on executor `driver`, so it can never prove distribution. On a
standalone master (`spark://`) the run asks for N executors of `cores` each (`spark.cores.max`), since
otherwise one executor takes every core of a worker. With `--remote sc://` the script is a Spark Connect
client: the session lives in a server we do not own, so no setting is sent and the evidence is read
from the server's records (see `connect.py`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

DEFAULT_EXECUTORS = 2
DEFAULT_EXECUTOR_CORES = 1
DEFAULT_EXECUTOR_MEMORY_MB = 1024


@dataclass(frozen=True)
class ClusterSpec:
    """A Spark master URL plus extra `--conf` settings."""

    master: str | None = None
    executors: int = DEFAULT_EXECUTORS
    executor_cores: int = DEFAULT_EXECUTOR_CORES
    executor_memory_mb: int = DEFAULT_EXECUTOR_MEMORY_MB
    conf: dict[str, str] = field(default_factory=dict)
    remote: str | None = None  # sc://host:port: a Spark Connect server
    server_ui: str | None = None  # the Connect server's UI (REST API); default http://<host>:4040
    server_event_log: str | None = None  # the Connect server's spark.eventLog.dir, when readable here

    @property
    def master_url(self) -> str:
        if self.remote:
            return self.remote
        if self.master:
            return self.master
        return f"local-cluster[{self.executors},{self.executor_cores},{self.executor_memory_mb}]"

    @property
    def mode(self) -> str:
        """One of local-cluster, local, standalone, connect, other."""
        if self.remote:
            return "connect"
        url = self.master_url
        for prefix, mode in (("local-cluster", "local-cluster"), ("local", "local"), ("spark://", "standalone")):
            if url.startswith(prefix):
                return mode
        return "other"

    @property
    def expected_executors(self) -> int:
        """Executors to wait for before running a script: the ones we start or ask a standalone master for."""
        return self.executors if self.mode in ("local-cluster", "standalone") else 0

    @property
    def server_ui_url(self) -> str:
        """The Connect server's UI: `--server-ui`, else port 4040 on the sc:// URL's host."""
        if self.server_ui:
            return self.server_ui.rstrip("/")
        host = (self.remote or "").removeprefix("sc://").split("/")[0].split(";")[0].rsplit(":", 1)[0]
        return f"http://{host or 'localhost'}:4040"

    @property
    def can_prove_distribution(self) -> bool:
        return self.mode != "local"

    def describe(self) -> str:
        """What the user should know about this cluster, said in the output."""
        if self.mode == "local-cluster":
            return (
                f"{self.master_url}: {self.executors} separate executor JVMs on this machine "
                f"({self.executor_cores} core, {self.executor_memory_mb} MB each)"
            )
        if self.mode == "local":
            return f"{self.master_url}: driver and executors share one JVM, so this run cannot prove distribution"
        if self.mode == "connect":
            where = (f"its event log in {self.server_event_log}" if self.server_event_log
                     else f"its REST API at {self.server_ui_url}")
            return (f"{self.master_url}: a Spark Connect server; executor tasks are read from {where}, "
                    "filtered by this client's session and run tags; driver Python CPU is this client's, "
                    "the server's driver JVM is not measured")
        if self.mode == "standalone":
            return (f"{self.master_url}: a standalone cluster, asking for {self.executors} executors "
                    f"({self.executor_cores} core, {self.executor_memory_mb} MB each)")
        return f"{self.master_url}: an existing cluster"

    def spark_conf(self, event_log_dir: str) -> dict[str, str]:
        """Settings for the harness-owned session: loopback addresses, uncompressed event log, our Python.

        A Connect client owns no session: the server's settings are fixed, so only `--conf` is passed (as
        runtime settings, which Connect allows).
        """
        if self.mode == "connect":
            return dict(self.conf)
        conf = {
            "spark.master": self.master_url,
            "spark.app.name": "sparklint-verify",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": f"file://{event_log_dir}",
            "spark.eventLog.compress": "false",
            "spark.eventLog.logStageExecutorMetrics": "true",  # peak JVM memory per stage and executor
            # The driver's JVM memory reaches those peaks only with its heartbeat (10 s by default), so a
            # run of short stages had none: a beat a second samples it in every stage that lasts one.
            "spark.executor.heartbeatInterval": "1s",
            "spark.executorEnv.PYSPARK_PYTHON": sys.executable,
            # Random ports: a second harness, a notebook server or a stale driver can hold the defaults.
            "spark.driver.port": "0",
            "spark.blockManager.port": "0",
            "spark.port.maxRetries": "32",
        }
        if self.mode in ("local-cluster", "standalone"):
            # Above a worker's memory an executor never starts; local-cluster refuses Spark's 1g default
            # when the workers have less (`--executor-memory 512`).
            conf["spark.executor.memory"] = f"{self.executor_memory_mb}m"
        if self.mode == "standalone":
            conf["spark.executor.cores"] = str(self.executor_cores)  # else one executor takes every core
            conf["spark.cores.max"] = str(self.executors * self.executor_cores)
        conf.update(self.conf)
        return conf

    def environment(self) -> dict[str, str]:
        """Environment for the runner: Spark must bind to loopback and start workers with this Python."""
        env = {"SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
        if self.remote:
            env["SPARK_REMOTE"] = self.remote  # so the script's own getOrCreate() connects
        return env
