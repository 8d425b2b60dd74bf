"""The parent side of a verify run: start the runner child and its Spark, send it scripts, clean up by pid.

Everything the run creates lives in one temp directory (event log, Spark's local and worker dirs, the
child's TMPDIR), and every process is a descendant of the runner, so `close()` can prove it left nothing:
it remembers the process tree while it is alive, because an exited parent's orphans are out of reach.
Under Spark Connect the child is only a client (no JVM, no Java needed): the jobs come from the server's
records (`connect.py`), not from an event log of ours.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import psutil

from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.eventlog import Job, MemoryPeak, jobs_of_run, memory_peaks, read_event_logs
from sparklint.harness.java import require_java
from sparklint.harness.processes import kill_all, kill_tree, tree

STARTUP_TIMEOUT_S = 240.0  # two executor JVMs on a busy 2-core machine can take 50 s; leave room


def spark_home() -> str | None:
    """SPARK_HOME, else the installed pyspark package's directory (found without importing it)."""
    if os.environ.get("SPARK_HOME"):
        return os.environ["SPARK_HOME"]
    spec = importlib.util.find_spec("pyspark")
    return os.path.dirname(spec.origin) if spec and spec.origin else None


class HarnessError(Exception):
    """Spark could not be started or the runner died: an environment problem, not the script's."""


@dataclass
class Run:
    """What one script run left: how it ended, the driver's numbers and the Spark jobs it started."""

    script: str
    argv: list[str]
    status: str  # ok, exited, raised, timeout, crashed
    exit_code: int
    traceback: str | None
    wall_s: float
    driver_python_cpu_s: float
    driver_jvm_cpu_s: float | None
    line_cpu: dict[int, float]
    driver_buckets: dict[int, float]
    line_changes: list[tuple[int, int]]
    executor_process_cpu_s: dict[str, float]  # measured on this machine; empty for remote executors
    start_ms: int
    end_ms: int
    jobs: list[Job]
    executors: dict[str, str]
    output_tail: str = ""  # the last lines the script printed (stdout and stderr)
    executor_cores: dict[str, int] = field(default_factory=dict)  # empty when Spark recorded none (local mode, Connect)
    executor_memory_bytes: int | None = None  # each executor's heap limit (spark.executor.memory)
    memory_peaks: dict[str, MemoryPeak] = field(default_factory=dict)  # executor id ("driver" too) -> peak JVM memory
    driver_peak_rss: int | None = None  # the driver Python process's peak resident memory while the script ran


STDERR_FD = 2


class VerifySession:
    """One Spark application, owned by a runner child, that can run several scripts in turn."""

    def __init__(self, spec: ClusterSpec = ClusterSpec(), startup_timeout: float = STARTUP_TIMEOUT_S):
        self.spec = spec
        self.startup_timeout = startup_timeout
        self.workdir: Path | None = None
        self.startup_s: float | None = None
        self.info: dict = {}
        self._child: subprocess.Popen | None = None
        self._requests: TextIO | None = None
        self._known: list[psutil.Process] = []

    def __enter__(self) -> VerifySession:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def event_log_dir(self) -> Path:
        return self._started_workdir() / "eventlog"

    def _started_workdir(self) -> Path:
        if self.workdir is None:
            raise HarnessError("the Spark session is not running")
        return self.workdir

    def start(self) -> None:
        if self.spec.mode != "connect":  # a Connect client is pure Python
            require_java()
        self.workdir = Path(tempfile.mkdtemp(prefix="sparklint-verify-"))
        for sub in ("eventlog", "local", "tmp", "runs"):
            (self.workdir / sub).mkdir()
        conf = {"spark.local.dir": str(self.workdir / "local"), **self.spec.spark_conf(str(self.event_log_dir))}
        (self.workdir / "config.json").write_text(json.dumps({"conf": conf, "executors": self.spec.expected_executors,
                                                              "remote": self.spec.remote}))
        env = {**os.environ, **self.spec.environment(), "TMPDIR": str(self.workdir / "tmp")}
        read_fd, write_fd = os.pipe()
        began = time.monotonic()
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "sparklint.harness.runner", str(self.workdir), str(read_fd)],
                # The script's prints and Spark's logs go to stderr: stdout carries sparklint's report
                # alone, so `verify --format json > out.json` is one JSON document.
                pass_fds=(read_fd,), stdin=subprocess.DEVNULL, stdout=STDERR_FD, env=env,
            )
        finally:
            os.close(read_fd)
        self._requests = os.fdopen(write_fd, "w")
        ready = self.workdir / "ready.json"
        try:
            self._wait_for(ready, self.startup_timeout, "Spark did not start")
        except BaseException:
            self.close()
            raise
        self.startup_s = time.monotonic() - began
        self.info = json.loads(ready.read_text())
        self._remember_tree()

    def run(self, script: str | os.PathLike, argv: list[str] | tuple[str, ...] = (), timeout: float | None = None) -> Run:
        """Run a script to its end (or its timeout, which stops this whole session) and gather its evidence."""
        if self._child is None or self._requests is None or self._child.poll() is not None:
            raise HarnessError("the Spark session is not running")
        tag = uuid.uuid4().hex
        out = self._started_workdir() / "runs" / f"{tag}.json"
        script = os.path.abspath(script)
        self._requests.write(json.dumps({"script": script, "argv": list(argv), "tag": tag, "out": str(out)}) + "\n")
        self._requests.flush()
        sent = time.time()
        self._remember_tree()
        try:
            self._wait_for(out, timeout, "the script did not finish", poll=self._remember_tree)
        except TimeoutError:
            self.kill()
            return self._unfinished(script, argv, "timeout", 4, f"stopped after the {timeout:g}s timeout", sent)
        except HarnessError as exc:
            self.kill()
            return self._unfinished(script, argv, "crashed", 1, str(exc), sent)
        raw = json.loads(out.read_text())
        capacity: dict = {}  # the executors' cores and memory, from our own event log (not under Connect)
        if self.spec.mode == "connect":
            jobs, executors = self._server_jobs(tag, raw)
        else:
            apps = read_event_logs(self.event_log_dir)
            executors = {k: v for app in apps for k, v in app.executors.items()}
            jobs = jobs_of_run(apps, tag, raw["start_ms"], raw["end_ms"])
            capacity = {"executor_cores": {k: v for app in apps for k, v in app.executor_cores.items()},
                      "executor_memory_bytes": next((a.executor_memory_bytes for a in apps if a.executor_memory_bytes), None),
                      "memory_peaks": memory_peaks(apps, {stage for job in jobs for stage in job.stages})}
        return Run(
            script=script, argv=list(argv), status=raw["status"], exit_code=raw["exit_code"],
            traceback=raw["traceback"], wall_s=raw["wall_s"], driver_python_cpu_s=raw["driver_python_cpu_s"],
            driver_jvm_cpu_s=raw["driver_jvm_cpu_s"],
            line_cpu={int(k): v for k, v in raw["line_cpu"].items()},
            driver_buckets={int(k): v for k, v in raw["driver_buckets"].items()},
            line_changes=[tuple(change) for change in raw["line_changes"]],
            executor_process_cpu_s=raw["executor_process_cpu_s"],
            start_ms=raw["start_ms"], end_ms=raw["end_ms"],
            jobs=jobs, executors=executors, output_tail=raw.get("output_tail", ""),
            driver_peak_rss=raw.get("driver_peak_rss"), **capacity,
        )

    def _server_jobs(self, tag: str, raw: dict) -> tuple[list[Job], dict[str, str]]:
        """A Connect run's jobs, from the server's REST API or event log; unreadable records are an environment error."""
        from sparklint.harness.connect import ServerRecordsError, server_jobs

        try:
            return server_jobs(None if self.spec.server_event_log else self.spec.server_ui_url,
                               self.spec.server_event_log, self.info["session_id"], tag, raw["start_ms"], raw["end_ms"])
        except ServerRecordsError as exc:
            raise HarnessError(f"{exc} (pass --server-ui URL or --server-event-log DIR)") from None

    def _unfinished(self, script, argv, status, code, message, sent) -> Run:
        now = time.time()
        return Run(script, list(argv), status, code, message, now - sent, 0.0, None, {}, {}, [], {},
                   int(sent * 1000), int(now * 1000), [], {})

    def close(self) -> None:
        """Stop Spark politely, then by pid whatever of the remembered tree outlived it; remove the temp dir."""
        if self._requests is not None:
            try:
                self._requests.close()
            except OSError:
                pass
            self._requests = None
        if self._child is not None:
            self._remember_tree()
            try:
                self._child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                kill_tree(self._child.pid)
            kill_all(self._known)  # whatever outlived the runner, by remembered pid
            self._child = None
        if self.workdir is not None:
            self._remove_worker_dirs()
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def _remove_worker_dirs(self) -> None:
        """local-cluster workers ignore SPARK_WORKER_DIR and write to SPARK_HOME/work/<app id>: remove ours."""
        home = spark_home()
        if not home or not self.event_log_dir.exists():
            return
        for app in read_event_logs(self.event_log_dir):
            if app.app_id.startswith("app-"):
                shutil.rmtree(Path(home, "work", app.app_id), ignore_errors=True)

    def kill(self) -> None:
        """Stop the runner and every process under it at once (a timed-out script)."""
        if self._child is not None:
            self._remember_tree()
            kill_all(self._known)
        self.close()

    def _remember_tree(self) -> None:
        if self._child is not None:
            seen = {p.pid for p in self._known}
            self._known += [p for p in tree(self._child.pid) if p.pid not in seen]

    def _wait_for(self, path: Path, timeout: float | None, what: str, poll=None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        last_poll = 0.0
        child = self._child
        if child is None:
            raise HarnessError(f"{what}: the runner is not running")
        while not path.exists():
            if child.poll() is not None:
                raise HarnessError(f"{what}: the runner exited with code {child.returncode} (see its output above)")
            if deadline is not None and time.monotonic() > deadline:
                if what == "Spark did not start":
                    raise HarnessError(f"{what} within {timeout:g}s")
                raise TimeoutError(what)
            if poll is not None and time.monotonic() - last_poll > 2:
                poll()
                last_poll = time.monotonic()
            time.sleep(0.05)
