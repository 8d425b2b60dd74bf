"""One local-cluster for the harness tests that can share it: each run's jobs are tagged, so sharing is honest.

The fixtures are the pytest plugin's own (imported here so the tests run before the package's entry
point is installed); the tests that must own their Spark (timeout, CLI) start their own.
"""

import os

import psutil
import pytest

from sparklint.harness.pytest_plugin import sparklint_session, sparklint_verify  # noqa: F401


@pytest.fixture
def marked_jvms(tmp_path):
    """(an environment that marks every process started with it, a function listing the JVMs that carry
    the mark): a JVM still carrying it after the run is an orphan of that run, whatever else the machine runs."""
    mark = str(tmp_path)

    def list_them() -> set[int]:
        found = set()
        for process in psutil.process_iter(["name"]):
            try:
                if process.info["name"] and "java" in process.info["name"] \
                        and process.environ().get("SPARKLINT_TEST_RUN") == mark:
                    found.add(process.pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return found

    return {**os.environ, "SPARKLINT_TEST_RUN": mark}, list_them
