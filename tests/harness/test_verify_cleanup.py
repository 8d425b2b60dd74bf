"""A hung script is stopped at its timeout with every process Spark started, and nothing is left on disk."""

import threading
import time
from pathlib import Path

import psutil

from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.processes import tree
from sparklint.harness.session import VerifySession, spark_home

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verify"


def running_with(text: str) -> list[psutil.Process]:
    """Processes whose command line mentions `text` (an executor's names its application id)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if text in " ".join(proc.info["cmdline"] or ()):
            found.append(proc)
    return found


def test_timeout_stops_the_script_its_jvms_and_python_workers():
    session = VerifySession(ClusterSpec())
    session.start()
    try:
        workdir, app_id = session.workdir, session.info["app_id"]
        warm = session.run(FIXTURES / "row_udf.py", ["--rows", "400"])  # leaves Python worker daemons on executors
        assert warm.status == "ok", warm.traceback
        seen: dict[int, tuple[psutil.Process, str]] = {}
        executors: set[int] = set()
        watching = threading.Event()

        def watch():
            while not watching.wait(0.5):
                executors.update(p.pid for p in running_with(app_id))
                child = session._child  # None once the timeout has stopped the run
                for proc in tree(child.pid)[1:] if child is not None else ():
                    try:
                        seen.setdefault(proc.pid, (proc, proc.name()))
                    except psutil.NoSuchProcess:
                        pass

        watcher = threading.Thread(target=watch)
        watcher.start()
        began = time.monotonic()
        try:
            run = session.run(FIXTURES / "hangs.py", timeout=12)
        finally:
            watching.set()
            watcher.join()
        assert run.status == "timeout" and run.exit_code == 4
        assert time.monotonic() - began < 12 + 30, "stopped promptly after the timeout"
        names = [name for _, name in seen.values()]
        assert sum("java" in n for n in names) >= 3, f"driver and two executor JVMs were running: {names}"
        assert sum("python" in n for n in names) >= 2, f"executor Python workers were running: {names}"
        assert len(executors) >= 2, "executors are found by their application id, so the check below is real"
        session.close()
        assert not [p for p, _ in seen.values() if p.is_running()], "no process of the run is left"
        time.sleep(3)  # a worker that outlived its driver would relaunch executors now
        assert not running_with(app_id), "no executor of the application is left or relaunched"
        assert not psutil.pid_exists(session.info["jvm_pid"]), "the driver JVM is gone"
        assert not workdir.exists(), "the temp dir is removed"
        assert not (Path(spark_home()) / "work" / app_id).exists(), "the local-cluster worker dir is removed"
    finally:
        session.close()  # a failed assertion must not leak the cluster either
