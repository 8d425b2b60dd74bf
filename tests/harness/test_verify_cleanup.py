"""A hung script is stopped at its timeout with every process Spark started, and nothing is left on disk."""

import threading
import time
from pathlib import Path

import psutil

from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.processes import tree
from sparklint.harness.session import VerifySession, spark_home

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verify"


def test_timeout_stops_the_script_its_jvms_and_python_workers(java_pids):
    before = java_pids()
    session = VerifySession(ClusterSpec())
    session.start()
    workdir, app_id = session.workdir, session.info["app_id"]
    warm = session.run(FIXTURES / "row_udf.py")  # leaves Python worker daemons on both executors
    assert warm.status == "ok", warm.traceback
    seen: dict[int, tuple[psutil.Process, str]] = {}
    watching = threading.Event()

    def watch():
        while not watching.wait(0.5):
            for proc in tree(session._child.pid)[1:]:
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
    session.close()
    assert not [p for p, _ in seen.values() if p.is_running()], "no process of the run is left"
    assert java_pids() <= before, "no new JVM outlived the session"
    assert not workdir.exists(), "the temp dir is removed"
    assert not (Path(spark_home()) / "work" / app_id).exists(), "the local-cluster worker dir is removed"
