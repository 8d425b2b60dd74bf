"""The real installation paths: a built wheel in a fresh venv, and the real pre-commit program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

import pytest

from support import REPO

BAD = "import pandas as pd\ndf = pd.read_csv('train.csv')\n"
CLEAN = "import pandas as pd\nprint(pd.__version__)\n"


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


def test_check_never_imports_pyspark_or_the_libraries_it_reads_about():
    probe = (
        "import sys\n"
        "from sparklint.cli import main\n"
        "try:\n"
        f"    main(['check', {str(REPO / 'fixtures')!r}, '-q'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pyspark', 'pandas', 'numpy', 'sklearn', 'torch', 'py4j') if m in sys.modules))\n"
    )
    result = run(sys.executable, "-c", probe)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_wheel_installs_in_a_fresh_venv_and_checks_from_there(tmp_path):
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO))
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(dist.glob("sparklint-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    fresh = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}  # the venv's own imports only
    installed = run(str(python), "-m", "pip", "install", "--quiet", str(wheel), env=fresh)
    assert installed.returncode == 0, installed.stderr[-2000:]
    work = tmp_path / "work"
    shutil.copytree(REPO / "fixtures", work / "fixtures")
    result = run(str(env_dir / "bin" / "sparklint"), "check", "fixtures", "--no-color", cwd=work, env=fresh)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SPL101" in result.stdout and "= PySpark: spark.read.csv(" in result.stdout
    listing = run(str(env_dir / "bin" / "sparklint"), "rules", "--format", "json", cwd=work, env=fresh)
    assert listing.returncode == 0 and '"SPL601"' in listing.stdout  # the catalog ships inside the wheel
    catalog = run(str(python), "-c", "import sparklint.catalog as c; print(c.catalog_dir())", cwd=work, env=fresh)
    assert catalog.stdout.strip().endswith("site-packages/sparklint/catalog")
    assert run(str(python), "-c", "import pyspark", env=fresh).returncode != 0  # check works without the spark extra


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.parametrize("content, expected", [(BAD, 1), (CLEAN, 0)], ids=["bad-script-fails", "clean-passes"])
def test_pre_commit_try_repo(tmp_path, precommit_home, content, expected):
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit test")
    repo = tmp_path / "project"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(precommit_home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    run("git", "init", "-q", cwd=repo, env=env)
    (repo / "train.py").write_text(content)
    run("git", "add", "train.py", cwd=repo, env=env)
    precommit = [sys.executable, "-m", "pre_commit"]
    result = run(*precommit, "try-repo", str(REPO), "sparklint", "--files", "train.py", cwd=repo, env=env)
    assert result.returncode == expected, result.stdout[-3000:] + result.stderr[-3000:]
    if expected:
        assert "train.py:2:6: SPL101" in result.stdout
