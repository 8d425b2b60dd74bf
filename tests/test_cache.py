"""The result cache: a hit gives the same answer without parsing; anything it depends on changes the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sparklint import cache as cache_module
from sparklint.api import check_paths
from sparklint.cache import Cache
from sparklint.config import Settings
from sparklint.engine import Engine
from sparklint.sources import read_source

SCRIPT = "import pandas as pd\n\ndf = pd.read_csv('data.csv')\nfor i, row in df.iterrows():\n    print(row)\n"


def _snapshot(run) -> list:
    return [(r.path, r.error, [f.as_dict() for f in r.findings], r.signals, r.counts)
            for r in run.files]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "train.py").write_text(SCRIPT)
    (tmp_path / "clean.py").write_text("import os\nprint(os.getcwd())\n")
    (tmp_path / "broken.py").write_text("import pandas as pd\ndef (:\n")
    return tmp_path


def test_a_warm_run_answers_from_the_cache_without_parsing(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    cold = check_paths([str(project)], cache=True, cache_dir=store, jobs=1)
    assert cold.findings and cold.errors

    def no_parsing(self, source, *args, **kwargs):
        raise AssertionError(f"{source.path} was parsed again")

    monkeypatch.setattr(Engine, "check", no_parsing)
    warm = check_paths([str(project)], cache=True, cache_dir=store, jobs=1)
    assert _snapshot(warm) == _snapshot(cold)
    with_findings = next(r for r in warm.files if r.findings)
    assert with_findings.source is not None and "iterrows" in with_findings.source.code  # code frames still work
    assert with_findings.compute is not None  # derived again from the cached answer


def test_the_cache_dir_is_git_ignored_and_holds_no_temporary_files(project, tmp_path):
    store = tmp_path / "store"
    check_paths([str(project)], cache=True, cache_dir=store, jobs=1)
    assert (store / ".gitignore").read_text().splitlines()[-1] == "*"
    entries = [p for p in store.rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == 3 and not [p for p in entries if p.name.startswith(".tmp-")]


def test_a_changed_file_is_checked_again(project, tmp_path):
    store = tmp_path / "store"
    check_paths([str(project)], cache=True, cache_dir=store, jobs=1)
    (project / "train.py").write_text(SCRIPT.replace("iterrows", "itertuples"))
    run = check_paths([str(project / "train.py")], cache=True, cache_dir=store, jobs=1)
    assert not any("iterrows" in f.message for f in run.findings)
    fresh = check_paths([str(project / "train.py")], jobs=1)
    assert _snapshot(run) == _snapshot(fresh)


def test_the_key_depends_on_code_path_settings_version_and_catalog(project, monkeypatch):
    store = Cache(project / "store")
    source = read_source(project / "train.py")
    base = store.key(source, Settings())
    assert store.key(source, Settings()) == base
    assert store.key(read_source(project / "clean.py"), Settings()) != base
    assert store.key(source, Settings(select=("SPL1",))) != base
    moved = type(source)(str(project / "other.py"), source.kind, source.code)
    assert store.key(moved, Settings()) != base
    monkeypatch.setattr(cache_module, "__version__", "999")
    assert store.key(source, Settings()) != base
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "edited catalog")
    assert store.key(source, Settings()) != base


def test_settings_changes_are_not_answered_from_the_cache(project, tmp_path):
    store = tmp_path / "store"
    everything = check_paths([str(project / "train.py")], cache=True, cache_dir=store, jobs=1)
    only_io = check_paths([str(project / "train.py")], {"select": ("SPL1",)}, cache=True, cache_dir=store, jobs=1)
    assert {f.code[:4] for f in only_io.findings} == {"SPL1"}
    assert len(everything.findings) > len(only_io.findings)


SHORT_ROW = b'{"path": "train.py", "kind": "python", "error": null, "findings": [[1]], "signals": [], "counts": {}}'


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"path": 1}', b"[]", SHORT_ROW])
def test_a_corrupt_entry_is_a_miss(project, tmp_path, garbage):
    store = tmp_path / "store"
    cold = check_paths([str(project)], cache=True, cache_dir=store, jobs=1)
    for entry in (p for p in store.rglob("*") if p.is_file() and p.name != ".gitignore"):
        entry.write_bytes(garbage)
    assert _snapshot(check_paths([str(project)], cache=True, cache_dir=store, jobs=1)) == _snapshot(cold)


def test_an_unwritable_cache_is_no_error(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = check_paths([str(project)], cache=True, cache_dir=blocker / "cache", jobs=1)
    assert run.findings


def test_library_calls_use_no_cache_unless_asked(project, monkeypatch):
    monkeypatch.chdir(project)
    check_paths([str(project)], jobs=1)
    assert not (project / ".sparklint_cache").exists()


def test_the_cli_caches_in_the_project_root_and_no_cache_turns_it_off(project, cli):
    (project / "pyproject.toml").write_text("[tool.sparklint]\n")
    first = cli("check", "--no-cache", ".", cwd=project)
    assert first.returncode == 2 and not (project / ".sparklint_cache").exists()
    cold = cli("check", ".", cwd=project)
    assert (project / ".sparklint_cache" / ".gitignore").is_file()
    warm = cli("check", ".", cwd=project)
    assert warm.stdout == cold.stdout == first.stdout and warm.returncode == cold.returncode
    other = project / "elsewhere"
    cli("check", "--cache-dir", str(other), ".", cwd=project)
    assert (other / ".gitignore").is_file()
