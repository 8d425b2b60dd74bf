"""One local-cluster for the harness tests that can share it: each run's jobs are tagged, so sharing is honest.

The fixtures are the pytest plugin's own (imported here so the tests run before the package's entry
point is installed); the tests that must own their Spark (timeout, CLI) start their own.
"""

import psutil
import pytest

from sparklint.harness.pytest_plugin import sparklint_session, sparklint_verify  # noqa: F401



@pytest.fixture
def java_pids():
    """A function listing every JVM on the machine: compare before and after a run to find orphans."""
    def list_them() -> set[int]:
        return {p.pid for p in psutil.process_iter(["name"]) if p.info["name"] and "java" in p.info["name"]}

    return list_them
