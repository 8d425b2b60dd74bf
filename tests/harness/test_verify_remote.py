"""`sparklint verify` on clusters it does not own: a standalone master (`--master spark://`) and a Spark Connect
server (`--remote sc://`), both started here from the pip wheel and stopped by pid.

Shares nothing with the local-cluster fixture of the other modules. One standalone master and worker serve
both: the `--master` run (2 executors of 1 core, 1 GB) and the Connect server's application (2 of 1 core,
512 MB) fit side by side in the worker's 4 logical cores and 3 GB, so the order of the tests does not matter.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from sparklint.harness.connect import select
from sparklint.harness.eventlog import Job
from sparklint.harness.processes import kill_all, tree
from sparklint.harness.session import spark_home

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verify"
VERIFY = [sys.executable, "-c", "from sparklint.harness.command import verify; verify(prog_name='sparklint verify')"]
START_S = 180  # a busy 2-core machine; an idle one needs ~10 s (standalone) and ~20 s (Connect server)


def verify(*args, env=None, timeout=300):
    return subprocess.run([*VERIFY, *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout)


def json_result(done) -> dict:
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return json.loads(done.stdout[done.stdout.index("{\n"):])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return json.loads(reply.read())
    except (OSError, ValueError):
        return None  # not up yet, or "Spark is starting up" as plain text


class Started:
    """Processes this module started, remembered with their descendants (executors) and killed by pid."""

    def __init__(self):
        self.roots: list[subprocess.Popen] = []
        self.known: list[psutil.Process] = []

    def start(self, args: list[str], log: Path, env: dict) -> subprocess.Popen:
        proc = subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self.roots.append(proc)
        return proc

    def remember(self) -> None:
        seen = {p.pid for p in self.known}
        for root in self.roots:
            self.known += [p for p in tree(root.pid) if p.pid not in seen]

    def wait_until(self, ready, what: str, log: Path) -> None:
        deadline = time.monotonic() + START_S
        while not ready():
            if any(p.poll() is not None for p in self.roots) or time.monotonic() > deadline:
                pytest.fail(f"{what} did not start; its log ends: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        self.remember()

    def stop(self) -> None:
        self.remember()
        kill_all(list(reversed(self.known)))  # newest (Connect server, executors) first, the master last
        for root in self.roots:
            root.wait(timeout=30)
        assert not [p for p in self.known if p.is_running()], "no JVM this module started is left"


@pytest.fixture(scope="module")
def started():
    processes = Started()
    try:
        yield processes
    finally:
        processes.stop()


@pytest.fixture(scope="module")
def spark_env(tmp_path_factory):
    home = spark_home()
    assert home is not None, "the harness tests need pyspark (the dev extras install it)"
    return {**os.environ, "SPARK_HOME": home, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}


@pytest.fixture(scope="module")
def standalone(started, spark_env, tmp_path_factory):
    """A master and one worker (4 logical cores, 3 GB), started with bin/spark-class as the wheel has no sbin scripts."""
    logs = tmp_path_factory.mktemp("standalone")
    port, ui = free_port(), free_port()
    spark_class = str(Path(spark_env["SPARK_HOME"], "bin", "spark-class"))
    started.start([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                   "--webui-port", str(ui)], logs / "master.log", spark_env)
    url = f"spark://127.0.0.1:{port}"
    started.start([spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "4",
                   "--memory", "3g", "--webui-port", str(free_port()), "--work-dir", str(logs / "work")],
                  logs / "worker.log", spark_env)

    def worker_alive():
        state = get_json(f"http://127.0.0.1:{ui}/json/")
        return bool(state and any(w.get("state") == "ALIVE" for w in state.get("workers", [])))

    started.wait_until(worker_alive, "the standalone master and worker", logs / "worker.log")
    return url


@pytest.fixture(scope="module")
def connect_server(started, spark_env, standalone, tmp_path_factory):
    """A Spark Connect server on the standalone master, with its UI (REST API) and an event log."""
    import grpc  # noqa: F401  (the Connect client: pyspark[connect], in the dev extras)
    logs = tmp_path_factory.mktemp("connect")
    event_log = logs / "eventlog"
    event_log.mkdir()
    grpc_port, ui_port = free_port(), free_port()
    conf = {
        "spark.connect.grpc.binding.address": "127.0.0.1", "spark.connect.grpc.binding.port": grpc_port,
        "spark.ui.port": ui_port, "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
        "spark.executor.cores": 1, "spark.executor.memory": "512m", "spark.cores.max": 2,
        "spark.eventLog.enabled": "true", "spark.eventLog.dir": f"file://{event_log}", "spark.eventLog.compress": "false",
        "spark.executorEnv.PYSPARK_PYTHON": sys.executable, "spark.ui.showConsoleProgress": "false",
    }
    args = [str(Path(spark_env["SPARK_HOME"], "bin", "spark-submit")), "--class",
            "org.apache.spark.sql.connect.service.SparkConnectServer", "--master", standalone]
    for key, value in conf.items():
        args += ["--conf", f"{key}={value}"]
    started.start(args, logs / "server.log", spark_env)
    ui = f"http://127.0.0.1:{ui_port}"

    def serving():
        apps = get_json(f"{ui}/api/v1/applications")
        if not apps or "Spark Connect server started" not in (logs / "server.log").read_text():
            return False
        executors = get_json(f"{ui}/api/v1/applications/{apps[0]['id']}/executors") or []
        return len([e for e in executors if e["id"] != "driver"]) >= 2

    started.wait_until(serving, "the Spark Connect server", logs / "server.log")
    return {"remote": f"sc://127.0.0.1:{grpc_port}", "ui": ui, "event_log": event_log}


def executors_with_tasks(result: dict) -> set[str]:
    return {e["id"] for e in result["executors"] if e["tasks"]}


def test_standalone_master_runs_distributed_on_two_executors(standalone):
    result = json_result(verify("--master", standalone, "--format", "json", FIXTURES / "dataframe_groupby.py"))
    assert "standalone cluster, asking for 2 executors" in result["cluster"]
    assert executors_with_tasks(result) == {"0", "1"}, "spark.cores.max limits the run to the 2 executors asked for"
    assert result["verdict"]["label"] == "distributed", result["verdict"]["rule"]


def test_connect_groupby_is_distributed_from_the_servers_rest_api(connect_server):
    result = json_result(verify("--remote", connect_server["remote"], "--server-ui", connect_server["ui"],
                                "--format", "json", FIXTURES / "dataframe_groupby.py"))
    assert "Spark Connect server" in result["cluster"] and "REST API" in result["cluster"]
    assert result["driver_jvm_cpu_s"] is None, "the server's driver JVM is not ours to measure"
    assert executors_with_tasks(result) == {"0", "1"}
    assert result["verdict"]["label"] == "distributed", result["verdict"]["rule"]
    assert all(j["line"] for j in result["jobs"]), "jobs map to the script's lines by when they were submitted"


def test_connect_topandas_then_sklearn_is_driver_bound_from_the_servers_event_log(connect_server):
    result = json_result(verify("--remote", connect_server["remote"], "--server-event-log", connect_server["event_log"],
                                "--format", "json", FIXTURES / "topandas_sklearn.py"))
    assert "event log" in result["cluster"]
    assert len(executors_with_tasks(result)) == 2, "toPandas() runs tasks on both executors"
    assert result["verdict"]["label"] == "driver-bound", result["verdict"]["rule"]


def test_connect_rdd_script_fails_clearly(connect_server):
    done = verify("--remote", connect_server["remote"], "--server-ui", connect_server["ui"], FIXTURES / "rdd_count.py")
    assert done.returncode == 3, done.stderr[-2000:]
    out = " ".join(done.stdout.split())  # rich wraps lines
    assert "JVM_ATTRIBUTE_NOT_SUPPORTED" in out and "there is no SparkContext" in out


def test_remote_without_the_connect_client_is_one_clear_line(tmp_path):
    (tmp_path / "grpc.py").write_text("raise ImportError('grpc hidden by the test')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    done = verify("--remote", "sc://127.0.0.1:1", FIXTURES / "dataframe_groupby.py", env=env, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "pip install 'sparklint[spark]'" in done.stderr
    assert "grpc" in done.stderr


def test_only_this_sessions_run_jobs_are_counted():
    session, other = "s-1", "s-2"

    def job(jid, ms, *tags):
        return Job(jid, ms, "", None, tags=tuple(f"SparkConnect_SessionTag_User__Session_{t}" for t in tags))

    jobs = [
        job(1, 50, f"{session}_Tag_sparklint-run-r1"),   # this run
        job(2, 150, f"{session}_Tag_other"),             # a thread of the script, untagged by us, in the window
        job(3, 150, f"{other}_Tag_sparklint-run-r1"),    # another client on the same server
        job(4, 150, f"{session}_Tag_sparklint-warm-up"), # the harness's warm-up
        job(5, 999, f"{session}_Tag_x"),                 # after the run
        job(6, 150, f"{session}_Tag_sparklint-run-r0"),  # an earlier run of the same session
    ]
    assert [j.id for j in select(jobs, session, "r1", 100, 200)] == [1, 2]
