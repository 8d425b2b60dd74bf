"""The project cache index: a hit gives the same answer without reading or parsing the file, and
no change a fresh run would see is ever answered from it.

Each mutation test first proves that the change alters a fresh (`--no-cache`) run's output, then
requires the cached run to print exactly that: a mutation that changed nothing would prove nothing.
"""

from __future__ import annotations

import json
import marshal
import os
from pathlib import Path

import pytest

from sparklint import api, cache as cache_module
from sparklint.api import check_paths
from sparklint.config import settings_for_dir
from sparklint.discovery import _gitignore, _ignores_above
from sparklint.engine import Engine
from sparklint.result import DataInput

SCRIPT = "import pandas as pd\n\ndf = pd.read_csv('data.csv')\nfor i, row in df.iterrows():\n    print(row)\n"
NOTEBOOK = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                       "source": ["pdf = spark.table('t').toPandas()\n"]}], "metadata": {}, "nbformat": 4,
            "nbformat_minor": 5}


def snapshot(run) -> list:
    return [(r.path, r.error, r.cell_errors, r.skipped, [f.as_dict() for f in r.findings], r.signals, r.counts,
             r.lines, r.compute and r.compute.as_dict()) for r in run.files]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "train.py").write_text(SCRIPT)
    (root / "clean.py").write_text("import os\nprint(os.getcwd())\n")
    (root / "broken.py").write_text("import pandas as pd\ndef (:\n")
    (root / "nb.ipynb").write_text(json.dumps(NOTEBOOK))
    return root


def stored(store: Path) -> dict:
    """The index's status file as the cache wrote it: path -> [status, settings, digest]."""
    (index,) = store.glob("index-*")
    return marshal.loads((index / "status").read_bytes())


def shards(store: Path) -> list[Path]:
    """The shard files of the one index in `store`, which hold the answers."""
    (index,) = store.glob("index-*")
    return sorted(p for p in index.iterdir() if p.name != "status")


def answers(store: Path) -> dict:
    """The answers of all shards: path -> [status, result]."""
    return {path: answer for shard in shards(store) for path, answer in marshal.loads(shard.read_bytes()).items()}


def cached(project: Path, store: Path, *paths: str, **options):
    return _run(project, paths, cache=True, cache_dir=store, **options)


def fresh(project: Path, *paths: str, **options):
    return _run(project, paths, **options)


def _run(project, paths, **options):
    """A run as a new process makes it: configuration and .gitignore files read anew."""
    settings_for_dir.cache_clear()
    _gitignore.cache_clear()
    _ignores_above.cache_clear()
    return check_paths([str(p) for p in paths or (project,)], jobs=1, **options)


def test_a_warm_run_reads_and_parses_no_file(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    cold = cached(project, store)
    assert cold.findings and cold.errors

    def refuse(*args, **kwargs):
        raise AssertionError("a file was read or parsed again")

    monkeypatch.setattr(Engine, "check", refuse)
    monkeypatch.setattr(api, "read_bytes", refuse)
    warm = cached(project, store)
    assert snapshot(warm) == snapshot(cold)
    assert warm.findings == cold.findings and [r.signals for r in warm.files] == [r.signals for r in cold.files]
    assert any(f.fix for f in warm.findings) and any(f.cell is not None for f in warm.findings)  # restored with their types:
    assert any(isinstance(s.value, DataInput) for r in warm.files for s in r.signals)  # a Fix, a DataInput
    with_findings = next(r for r in warm.files if r.path.endswith("train.py"))
    assert "iterrows" in with_findings.lines[4]  # code frames and fingerprints need no read
    assert with_findings.compute is not None  # derived again from the cached answer


def test_one_index_per_project_git_ignored_and_no_temporary_files(project, tmp_path):
    store = tmp_path / "store"
    cached(project, store)
    assert (store / ".gitignore").read_text().splitlines()[-1] == "*"
    files = [p.name for p in store.iterdir() if p.name != ".gitignore"]
    assert len(files) == 1 and files[0].startswith(f"index-{cache_module.FORMAT}-")
    assert not [p for p in shards(store) if p.name.startswith(".tmp-")]
    assert sorted(Path(p).name for p in stored(store)) == ["broken.py", "clean.py", "nb.ipynb", "train.py"]


def test_the_entries_of_deleted_files_go_when_the_index_is_next_written(project, tmp_path):
    store = tmp_path / "store"
    cached(project, store)
    (project / "clean.py").unlink()
    cached(project, store, project / "train.py")  # a run that does not look at the others: nothing to write
    assert len(stored(store)) == 4
    (project / "train.py").write_text(SCRIPT + "print(1)\n")
    cached(project, store, project / "train.py")  # written for the edit: the deleted file's entry goes,
    assert sorted(Path(p).name for p in stored(store)) == ["broken.py", "nb.ipynb", "train.py"]  # others stay
    assert set(answers(store)) <= set(stored(store)) | {str(project / "clean.py")}  # its answer with its shard


def test_a_new_build_keeps_the_indexes_of_only_a_few_others(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    for build in range(6):  # six upgrades, or edits of an editable install
        monkeypatch.setattr(cache_module, "build_key", lambda build=build: f"build{build}")
        cached(project, store)
    kept = sorted(p.name for p in store.glob("index-*"))
    assert kept == [f"index-{cache_module.FORMAT}-build{b}" for b in range(6 - cache_module.KEPT_BUILDS - 1, 6)]


def test_the_index_writes_each_string_once(project, tmp_path):
    """Findings repeat their messages: the index holds each string once, and loads it shared."""
    for number in range(20):
        (project / f"copy_{number}.py").write_text(SCRIPT)
    store = tmp_path / "store"
    cold = cached(project, store)
    message = next(f.message for f in cold.findings if f.code == "SPL301")
    assert len(cold.findings) > 40
    assert all(shard.read_bytes().count(message.encode()) <= 1 for shard in shards(store))
    warm = cached(project, store)
    assert snapshot(warm) == snapshot(cold)
    shared: dict[int, set[int]] = {}  # a shard's findings share one message object
    for finding in warm.findings:
        if finding.code == "SPL301":
            shared.setdefault(cache_module.shard_of(str(project / finding.path)), set()).add(id(finding.message))
    assert len(shared) > 1 and all(len(ids) == 1 for ids in shared.values())


def _rewrite_same_size_same_time(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _old(path: Path) -> None:
    """As if the file had been written long before the run (not racy)."""
    os.utime(path, (1_000_000_000, 1_000_000_000))


MUTATIONS = {
    "edit": lambda p: (p / "train.py").write_text(SCRIPT.replace("iterrows()", "itertuples()")),
    "same size, time put back": lambda p: _rewrite_same_size_same_time(p / "train.py", SCRIPT.replace("iterrows", "iterr0ws")),
    "edit a notebook": lambda p: (p / "nb.ipynb").write_text(json.dumps(NOTEBOOK).replace("toPandas()", "count()   ")),
    "rename": lambda p: (p / "train.py").rename(p / "renamed.py"),
    "fix the broken file": lambda p: (p / "broken.py").write_text("import pandas as pd\ndf = pd.read_csv('x')\n"),
    "new config": lambda p: (p / "pyproject.toml").write_text("[tool.sparklint]\nignore = ['SPL301']\n"),
    "per-file-ignores": lambda p: (p / "sparklint.toml").write_text("[per-file-ignores]\n'train.py' = ['SPL101']\n"),
    "file replaced by a symlink": lambda p: ((p / "other.py").write_text("import pandas as pd\npd.read_json('a')\n"),
                                             (p / "train.py").unlink(), (p / "train.py").symlink_to(p / "other.py")),
}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=list(MUTATIONS))
def test_a_change_is_never_answered_from_the_cache(project, tmp_path, mutation):
    for path in project.iterdir():
        _old(path)
    store = tmp_path / "store"
    before = fresh(project)
    assert snapshot(cached(project, store)) == snapshot(before)
    MUTATIONS[mutation](project)
    after = fresh(project)
    assert snapshot(after) != snapshot(before), "the mutation must change a fresh run's output"
    assert snapshot(cached(project, store)) == snapshot(after)
    assert snapshot(cached(project, store)) == snapshot(after)  # and the index it wrote is right too


def test_a_change_within_one_clock_tick_is_seen(project, tmp_path, monkeypatch):
    """On a file system whose clock ticks once a minute (simulated), a file edited within the tick
    keeps size and time: its entry was racy, so the bytes are compared."""
    monkeypatch.setattr(cache_module, "_status", lambda s: [s.st_size, s.st_mtime_ns // 60_000_000_000])
    store = tmp_path / "store"
    cached(project, store)
    text = SCRIPT.replace("iterrows", "iterr0ws")  # same size
    (project / "train.py").write_text(text)
    assert snapshot(cached(project, store)) == snapshot(fresh(project))


def test_a_racy_entry_is_trusted_by_its_status_once_the_file_is_old(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    cached(project, store)  # every file was just written: racy, so entries keep digests
    assert all(e[cache_module.DIGEST] for e in stored(store).values())
    monkeypatch.setattr(cache_module, "RACY_NS", -10**18)  # as if the run came long after
    written = {shard: (shard.read_bytes(), shard.stat().st_mtime_ns) for shard in shards(store)}
    cached(project, store)
    assert {shard: (shard.read_bytes(), shard.stat().st_mtime_ns) for shard in shards(store)} == written
    # forgetting a digest is no reason to write the index
    (project / "clean.py").write_text("import os\nprint(os.getcwd(), 1)\n")
    cached(project, store)  # its shard is written for the edit: with every digest the run found needless gone
    edited = cache_module.shard_of(str(project / "clean.py"))
    assert not any(entry[cache_module.DIGEST] for path, entry in stored(store).items()
                   if cache_module.shard_of(path) == edited)


def test_settings_and_sparklint_itself_key_the_answers(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    everything = cached(project, store, project / "train.py")
    only_io = cached(project, store, project / "train.py", overrides={"select": ("SPL1",)})
    assert {f.code[:4] for f in only_io.findings} == {"SPL1"} and len(everything.findings) > len(only_io.findings)
    monkeypatch.setattr(cache_module, "build_key", lambda: "an edited catalog")
    checked = []
    monkeypatch.setattr(Engine, "check", lambda self, source, **kw: checked.append(source.path) or everything.files[0])
    cached(project, store, project / "train.py")
    assert checked == [str(project / "train.py")]  # another build has no entries: the file is checked anew


def test_the_paths_are_the_ones_this_run_was_given(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    cached(project, store)
    monkeypatch.chdir(project)
    run = check_paths(["train.py"], cache=True, cache_dir=store, jobs=1)
    assert {f.path for f in run.findings} == {"train.py"} and run.files[0].path == "train.py"


GARBAGE = {"empty": b"", "not marshal": b"\xff{not marshal", "cut short": "cut", "not a dict": marshal.dumps([]),
           "an entry of another shape": "shape", "a result of another shape": "result"}


@pytest.mark.parametrize("part", ["status", "shards"])
@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=list(GARBAGE))
def test_a_damaged_index_is_a_miss(project, tmp_path, garbage, part):
    store = tmp_path / "store"
    cold = cached(project, store)
    (index,) = store.glob("index-*")
    for damaged in [index / "status"] if part == "status" else shards(store):  # each damaged the same way
        entries, garbled = marshal.loads(damaged.read_bytes()), garbage
        if garbage == "cut":
            garbled = damaged.read_bytes()[:-100]
        elif garbage in ("shape", "result"):  # a status entry or a shard's result one field short
            short = (lambda entry: entry[:-1]) if part == "status" else (lambda entry: [entry[0], entry[1][:-1]])
            garbled = marshal.dumps({path: {"status": entry[0]} if garbage == "shape" else short(entry)
                                     for path, entry in entries.items()})
        damaged.write_bytes(garbled)
    assert snapshot(cached(project, store)) == snapshot(cold)


def test_an_answer_lost_from_its_shard_is_checked_anew(project, tmp_path):
    """Two runs at once may leave a status file and a shard from different runs: a shard's answer
    made from another status than the status file's is not given."""
    store = tmp_path / "store"
    cold = cached(project, store)
    for shard in shards(store):
        shard.write_bytes(marshal.dumps({path: [[0, 0, 0, 0], result]
                                         for path, (_, result) in marshal.loads(shard.read_bytes()).items()}))
    (project / "train.py").write_text(SCRIPT.replace("data.csv", "other.csv"))
    assert snapshot(cached(project, store)) == snapshot(fresh(project)) != snapshot(cold)
    assert all(answers(store)[path][0] == entry[0] for path, entry in stored(store).items())  # and it heals


def test_an_unwritable_cache_is_no_error(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert cached(project, blocker / "cache").findings


def test_library_calls_use_no_cache_unless_asked(project, monkeypatch):
    monkeypatch.chdir(project)
    check_paths([str(project)], jobs=1)
    assert not (project / ".sparklint_cache").exists()


def test_parallel_workers_fill_the_same_index(project, tmp_path):
    for index in range(12):
        (project / f"job_{index}.py").write_text(f"import pandas as pd\n{'x = 1' * index}\npd.read_csv('a')\n")
    store = tmp_path / "store"
    cold = check_paths([str(project)], cache=True, cache_dir=store, jobs=2)
    assert len(stored(store)) == 16
    assert snapshot(check_paths([str(project)], cache=True, cache_dir=store, jobs=2)) == snapshot(cold)


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


def test_a_check_that_hit_a_bug_is_reported_but_never_cached(project, tmp_path, monkeypatch):
    store = tmp_path / "store"
    real_check = Engine.check

    def broken(self, *args, **kwargs):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(Engine, "check", broken)
    first = cached(project, store, str(project / "train.py"))
    assert first.files[0].error.startswith("internal error: RuntimeError")
    monkeypatch.setattr(Engine, "check", real_check)
    second = cached(project, store, str(project / "train.py"))
    assert second.files[0].error is None and second.findings, "the next run checks the file again"
