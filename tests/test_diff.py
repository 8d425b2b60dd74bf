"""`--diff REF` in a throwaway git repository: only lines changed since REF are reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEADER = "import pandas as pd\n\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                           *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def sparklint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sparklint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def findings(done: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["code"]) for f in json.loads(done.stdout)["findings"])


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    git("init", "-q", "-b", "main", cwd=tmp_path)
    (tmp_path / "old.py").write_text(HEADER + 'a = pd.read_csv("a.csv")\n')
    (tmp_path / "touched.py").write_text(HEADER + 'b = pd.read_csv("b.csv")\n\nprint(b)\n')
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "start", cwd=tmp_path)
    return tmp_path


def test_only_changed_lines_are_reported(repo: Path):
    # touched.py: one line added at the top (moves the old finding), one flagged line added at the end
    (repo / "touched.py").write_text('"""Doc."""\n' + HEADER + 'b = pd.read_csv("b.csv")\n\nprint(b)\n'
                                     'c = pd.read_parquet("c.parquet")\n')
    git("commit", "-q", "-am", "edit", cwd=repo)
    (repo / "sub dir").mkdir()
    (repo / "sub dir" / "new file.py").write_text(HEADER + 'd = pd.read_excel("d.xlsx")\n')  # untracked

    everything = sparklint("check", "--format", "json", cwd=repo)
    assert len(findings(everything)) == 4
    done = sparklint("check", "--diff", "HEAD~1", "--format", "json", cwd=repo)
    assert done.returncode == 1, done.stderr
    assert findings(done) == [("sub dir/new file.py", 3, "SPL104"), ("touched.py", 7, "SPL102")]

    # Against HEAD only the untracked file changed.
    assert findings(sparklint("check", "--diff", "HEAD", "--format", "json", cwd=repo)) == [
        ("sub dir/new file.py", 3, "SPL104")]


def test_unchanged_work_tree_reports_nothing(repo: Path):
    done = sparklint("check", "--diff", "HEAD", "--format", "json", cwd=repo)
    assert done.returncode == 0 and findings(done) == []


def test_bad_ref_and_no_repository_are_errors(repo: Path, tmp_path_factory: pytest.TempPathFactory):
    done = sparklint("check", "--diff", "no-such-ref", cwd=repo)
    assert done.returncode == 2 and "unknown git ref 'no-such-ref'" in done.stderr
    elsewhere = tmp_path_factory.mktemp("not_a_repo")
    (elsewhere / "x.py").write_text(HEADER + 'a = pd.read_csv("a.csv")\n')
    done = sparklint("check", "--diff", "HEAD", cwd=elsewhere)
    assert done.returncode == 2 and "not inside a git repository" in done.stderr
