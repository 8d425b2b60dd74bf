"""pytest plugin: assert in your own tests that a script or a training function runs distributed.

    def test_training_is_distributed(sparklint_verify):
        result = sparklint_verify("train.py", "--epochs", "1")
        assert result.label == "distributed", result.verdict.rule

One Spark application (a local-cluster by default; `--sparklint-master` to change) is shared by the whole
test session, since starting one costs 20-50 s; each call's jobs are tagged, so the numbers are its own.
This module imports pyspark only when a test asks for the fixture.
"""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("sparklint")
    group.addoption("--sparklint-master", default=None,
                    help="Spark master for the sparklint_verify fixture (default: local-cluster[2,1,1024]).")


@pytest.fixture(scope="session")
def sparklint_session(request):
    """The shared VerifySession (runner child + Spark); stopped, with its JVMs and temp dir, at session end."""
    pytest.importorskip("pyspark")
    from sparklint.harness.cluster import ClusterSpec
    from sparklint.harness.session import VerifySession

    master = request.config.getoption("--sparklint-master", default=None)
    with VerifySession(ClusterSpec(master=master)) as session:
        yield session


@pytest.fixture
def sparklint_verify(sparklint_session, tmp_path):
    """A runner: call it with a script path (and its arguments) or a top-level function; get a VerifyResult."""
    from sparklint.harness.outcome import measure
    from sparklint.harness.verdict import Thresholds

    def run(target, *args: str, timeout: float | None = None, thresholds: Thresholds = Thresholds()):
        script = _script_calling(target, tmp_path) if callable(target) else Path(target)
        return measure(sparklint_session, str(script.resolve()), list(args), timeout, thresholds)

    return run


def _script_calling(func, directory: Path) -> Path:
    """A script that imports `func` from its file and calls it: the runner runs scripts, not objects."""
    if func.__qualname__ != func.__name__ or func.__name__ == "<lambda>":
        raise TypeError(f"sparklint_verify needs a top-level function, got {func.__qualname__}")
    source_file = Path(inspect.getfile(func)).resolve()
    script = directory / f"sparklint_call_{func.__name__}.py"
    script.write_text(textwrap.dedent(f"""\
        import importlib.util, sys
        sys.path.insert(0, {str(source_file.parent)!r})
        spec = importlib.util.spec_from_file_location("_sparklint_target", {str(source_file)!r})
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        module.{func.__name__}(*sys.argv[1:])
        """))
    return script
