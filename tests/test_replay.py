"""Replay: a `check` identical to a recorded one writes back the recorded output; it must never be stale.

The property pinned here: after a recorded run, any change to something the output depends on
makes the next identical command print exactly what a fresh `--no-cache` run prints (which is
never replayed). Each mutation first proves that it really changes the output (else the test
would prove nothing), and runs under both ways `journal` vouches for what it saw: by digests and
names (what was touched in the last RACY_NS, the default for a tree just written) and by statuses
(RACY_NS = 0: every status is trusted).

Most runs are in-process (`entry.main`), each with the caches a new process would not have
dropped, and under a deadline (a hang fails instead of stalling the suite). Whether a run was
replayed is observed by a spy on `sparklint.cli.main`, which a replay never calls.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

import click
import pytest

from sparklint import cli, entry, journal, replay
from support import run_cli

JOB = 'import pandas as pd\n\ndf = pd.read_csv("data.csv")\nfor i, row in df.iterrows():\n    print(row)\n'
LOOP = "import pandas as pd\n\ndf = pd.DataFrame()\nfor i, row in df.iterrows():\n    print(row)\n"  # reads no data
TABLES = 'import pandas as pd\n\ndf = pd.read_parquet("table")\n'
ETL = ('from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\n'
       'sdf = spark.read.csv("parts/*.csv")\n')
CLEAN = "import os\n\nprint(os.getcwd())\n"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="symlinks and named pipes need POSIX")


# --- running sparklint in this process, as a new process would --------------------------------


class Outcome(NamedTuple):
    out: str
    code: int
    err: str
    replayed: bool

    @property
    def answer(self) -> tuple[str, int]:
        return self.out, self.code


# Caches of sparklint's own files or of pure functions: a new process fills them the same way.
KEPT_CACHES = {"load_rules", "code_fingerprint", "engine_for", "enabled_codes", "_settings_digest", "load_weights",
               "_exclude_matchers", "_load_all"}


def _as_in_a_new_process() -> None:
    """Drop every other `lru_cache` of sparklint: each holds answers read from the user's disk,
    which a new `sparklint` process would read again (and note in its journal)."""
    for name, module in list(sys.modules.items()):
        if name != "sparklint" and not name.startswith("sparklint."):
            continue
        for attribute, value in list(vars(module).items()):
            if attribute not in KEPT_CACHES and getattr(value, "__module__", None) == name and hasattr(value, "cache_clear"):
                value.cache_clear()


@pytest.fixture
def sparklint(monkeypatch, capsys) -> Callable[..., Outcome]:
    """`sparklint ARGS` in this process: its stdout, exit code, stderr, and whether it was replayed."""
    real, ran = cli.main, []

    def spy(*args, **kwargs):
        ran.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "main", spy)

    def run(*args: str) -> Outcome:
        _as_in_a_new_process()
        before = len(ran)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit, deadline(RUN_SECONDS):
            entry.main(list(args))
        captured = capsys.readouterr()
        return Outcome(captured.out, exit.value.code or 0, captured.err, replayed=len(ran) == before)

    return run


RUN_SECONDS = 10  # a run of these small trees takes milliseconds: longer is a hang (say, a named pipe opened)


class Hung(BaseException):
    """Not an OSError (as TimeoutError is), which sparklint would take for an unreadable file."""


class deadline:
    """Turn a hang into a failure: SIGALRM interrupts even a blocking open() of a named pipe."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        if hasattr(signal, "setitimer"):
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc) -> None:
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expired(self, *_) -> None:
        raise Hung(f"sparklint ran for over {self.seconds} s: it hangs")


@pytest.fixture(params=["digests", "statuses"])
def trust(request, monkeypatch) -> Callable[[], None]:
    """How the journal vouches for files and folders; returns what to do just before a mutation.

    "digests": RACY_NS at its default, so everything the test just wrote is vouched for by its
    digest (a folder by its names). "statuses": RACY_NS = 0, so statuses are trusted; file times
    tick every few milliseconds here, so a mutation in the same tick as the recorded status could
    leave an identical status behind (the very case RACY_NS exists for): sleep past the tick first.
    """
    if request.param == "digests":
        return lambda: None
    monkeypatch.setattr(journal, "RACY_NS", 0)
    return lambda: time.sleep(0.02)


# --- the tree every mutation starts from ----------------------------------------------------


@dataclass
class Tree:
    root: Path
    above: Path  # a folder above the path given, with a configuration
    project: Path  # the current folder
    elsewhere: Path  # symlink targets, outside the project
    cache: Path
    chmodded: list[tuple[Path, int]] = field(default_factory=list)  # given their mode back after the test

    def args(self, *args: str) -> tuple[str, ...]:
        return ("check", "--cache-dir", str(self.cache), *args)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Tree:
    above = tmp_path / "above"
    project = above / "project"
    elsewhere = tmp_path / "elsewhere"
    write(above / "sparklint.toml", 'extend-exclude = ["generated"]\n')
    write(project / "pyproject.toml", '[project]\nname = "demo"\n')  # no [tool.sparklint]: the one above applies
    write(project / ".gitignore", "ignored.py\nparts/\ntable/\n")  # data is rarely in git: only the estimate looks
    write(project / "job.py", JOB)
    write(project / "data.csv", "a,b\n1,2\n")
    write(project / "etl.py", ETL)
    write(project / "parts" / "a.csv", "a,b\n1,2\n")
    write(project / "clean.py", CLEAN)
    write(project / "ignored.py", JOB)
    write(project / "generated" / "gen.py", JOB)
    write(project / "notes", "not a script\n")
    write(project / "pkg" / "loop.py", LOOP)
    write(project / "tables.py", TABLES)
    write(project / "table" / "part-0.parquet", "x" * 100)
    write(elsewhere / "a.py", JOB)
    write(elsewhere / "b.py", CLEAN)
    write(elsewhere / "one" / "mod.py", LOOP)
    write(elsewhere / "two" / "mod.py", JOB)
    write(elsewhere / "strict" / "sparklint.toml", 'ignore = ["SPL301"]\n')
    write(elsewhere / "strict" / "one" / "mod.py", LOOP)  # a copy of one/, under other settings
    if os.name == "posix":
        (project / "link.py").symlink_to(elsewhere / "a.py")
        (project / "lib").symlink_to(elsewhere / "one", target_is_directory=True)
    monkeypatch.chdir(project)
    made = Tree(tmp_path, above, project, elsewhere, tmp_path / "cache")
    yield made
    for path, mode in reversed(made.chmodded):  # else the temporary folder cannot be removed
        path.chmod(mode)


# --- the mutations --------------------------------------------------------------------------


def edit_same_size(t: Tree) -> None:
    (t.project / "job.py").write_text(JOB.replace("iterrows", "iterxxxx"))


def edit_keeping_mtime(t: Tree) -> None:
    """Same size, and the old access and modification times put back: only ctime tells."""
    path = t.project / "job.py"
    before = path.stat()
    edit_same_size(t)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def retarget(link: Path, target: Path) -> None:
    link.unlink()
    link.symlink_to(target, target_is_directory=target.is_dir())


def replace_by_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def append(path: Path, text: str) -> None:
    with path.open("a") as handle:
        handle.write(text)


def more_files(count: int) -> Callable[[Tree], None]:
    def setup(t: Tree) -> None:
        for i in range(count):
            write(t.project / "more" / f"m{i}.py", JOB)
    return setup


@dataclass
class Mutation:
    id: str
    mutate: Callable[[Tree], object]
    args: tuple[str, ...] = ("--jobs", "1", ".")
    setup: Callable[[Tree], None] | None = None
    marks: tuple = ()


MUTATIONS = [
    # a checked file, and the files and folders of a walked folder
    Mutation("file edited, same size", edit_same_size),
    Mutation("file edited, same size and mtime", edit_keeping_mtime),
    Mutation("file edited, new size", lambda t: (t.project / "job.py").write_text(JOB.replace("i, row", "index, row"))),
    Mutation("file added", lambda t: write(t.project / "pkg" / "new.py", JOB)),
    Mutation("file removed", lambda t: (t.project / "clean.py").unlink()),
    Mutation("file renamed", lambda t: (t.project / "pkg" / "loop.py").rename(t.project / "pkg" / "renamed.py")),
    Mutation("folder added", lambda t: write(t.project / "pkg" / "sub" / "deep.py", JOB)),
    Mutation("folder removed", lambda t: shutil.rmtree(t.project / "pkg")),
    Mutation("file that is no script replaced by a folder of scripts",
             lambda t: ((t.project / "notes").unlink(), write(t.project / "notes" / "job.py", JOB))),
    Mutation("script replaced by a symlink to another checked script",
             lambda t: retarget(t.project / "clean.py", t.project / "job.py"), marks=(POSIX_ONLY,)),
    Mutation("walked folder replaced by a symlink to a copy of it", lambda t: (
        shutil.copytree(t.project / "pkg", t.elsewhere / "pkg"), shutil.rmtree(t.project / "pkg"),
        (t.project / "pkg").symlink_to(t.elsewhere / "pkg", target_is_directory=True)), marks=(POSIX_ONLY,)),
    Mutation("script replaced by a named pipe", lambda t: replace_by_fifo(t.project / "clean.py"), marks=(POSIX_ONLY,)),
    Mutation("named script replaced by a named pipe", lambda t: replace_by_fifo(t.project / "job.py"),
             args=("--jobs", "1", "job.py"), marks=(POSIX_ONLY,)),
    # symlinks
    Mutation("symlinked file retargeted", lambda t: retarget(t.project / "link.py", t.elsewhere / "b.py"),
             marks=(POSIX_ONLY,)),
    Mutation("symlinked file's target replaced by a named pipe",  # a plain open() of it would wait forever
             lambda t: replace_by_fifo(t.elsewhere / "a.py"), marks=(POSIX_ONLY,)),
    Mutation("symlinked folder retargeted", lambda t: retarget(t.project / "lib", t.elsewhere / "two"),
             args=("--jobs", "1", "lib"), marks=(POSIX_ONLY,)),
    Mutation("symlinked folder retargeted to a copy under other settings",
             lambda t: retarget(t.project / "lib", t.elsewhere / "strict" / "one"),
             args=("--jobs", "1", "lib"), marks=(POSIX_ONLY,)),
    # .gitignore, in the walked folder and above it
    Mutation(".gitignore edited", lambda t: append(t.project / ".gitignore", "clean.py\n")),
    Mutation(".gitignore removed", lambda t: (t.project / ".gitignore").unlink()),
    Mutation(".gitignore created in a subfolder", lambda t: write(t.project / "pkg" / ".gitignore", "loop.py\n")),
    Mutation(".gitignore created above", lambda t: write(t.above / ".gitignore", "project/pkg/\n")),
    Mutation(".gitignore created two folders above", lambda t: write(t.root / ".gitignore", "clean.py\n")),
    Mutation(".gitignore removed, given an ignored file with --force-exclude",
             lambda t: (t.project / ".gitignore").unlink(),
             args=("--jobs", "1", "--force-exclude", "ignored.py", "clean.py")),  # a run of no file is not recorded
    Mutation(".gitignore above, given a subfolder", lambda t: write(t.project / ".gitignore", "ignored.py\nloop.py\n"),
             args=("--jobs", "1", "pkg")),
    # configuration at the folder and above it
    Mutation("sparklint.toml created", lambda t: write(t.project / "sparklint.toml", 'ignore = ["SPL301"]\n')),
    Mutation("pyproject.toml [tool.sparklint] added",
             lambda t: append(t.project / "pyproject.toml", '[tool.sparklint]\nselect = ["SPL1"]\n')),
    Mutation("exclude created", lambda t: write(t.project / "sparklint.toml", 'exclude = ["pkg"]\n')),
    Mutation("config above: select", lambda t: append(t.above / "sparklint.toml", 'select = ["SPL1"]\n')),
    Mutation("config above: ignore", lambda t: append(t.above / "sparklint.toml", 'ignore = ["SPL301"]\n')),
    Mutation("config above: per-file-ignores",
             lambda t: append(t.above / "sparklint.toml", '[per-file-ignores]\n"project/pkg/*" = ["SPL3"]\n')),
    Mutation("config above: extend-exclude",
             lambda t: (t.above / "sparklint.toml").write_text('extend-exclude = ["generated", "pkg"]\n')),
    Mutation("config above: output-format", lambda t: append(t.above / "sparklint.toml", 'output-format = "concise"\n')),
    Mutation("config above: data-size", lambda t: append(t.above / "sparklint.toml", 'data-size = "50GB"\n')),
    Mutation("config above: invalid", lambda t: append(t.above / "sparklint.toml", "select = [\n")),
    Mutation("config above removed", lambda t: (t.above / "sparklint.toml").unlink()),
    Mutation("exclude created, given the file with --force-exclude",
             lambda t: write(t.project / "sparklint.toml", 'exclude = ["generated"]\n'),
             args=("--jobs", "1", "--force-exclude", "generated/gen.py", "clean.py")),
    Mutation("config above edited, given a file", lambda t: append(t.above / "sparklint.toml", 'ignore = ["SPL3"]\n'),
             args=("--jobs", "1", "job.py")),
    # the data the compute estimate sizes (shown by the text report)
    Mutation("data file grows", lambda t: append(t.project / "data.csv", "3,4\n" * 1000)),
    Mutation("data file removed", lambda t: (t.project / "data.csv").unlink()),
    Mutation("data file replaced by a folder", lambda t: (
        (t.project / "data.csv").unlink(), write(t.project / "data.csv" / "part-0.csv", "a\n" * 5000))),
    Mutation("data folder grows", lambda t: write(t.project / "table" / "part-1.parquet", "x" * 5000)),
    Mutation("data glob matches a new file", lambda t: write(t.project / "parts" / "b.csv", "a,b\n" * 5000)),
    Mutation("data file grows, files checked on two processes", lambda t: append(t.project / "data.csv", "3,4\n" * 1000),
             args=("--jobs", "2", "."), setup=more_files(8)),
]


@pytest.mark.parametrize("mutation", [pytest.param(m, id=m.id, marks=m.marks) for m in MUTATIONS])
def test_a_change_is_never_answered_from_the_record(mutation, tree, trust, sparklint):
    """The identical command after the change prints what a fresh run prints."""
    if mutation.setup is not None:
        mutation.setup(tree)
    args = tree.args(*mutation.args)
    recorded = sparklint(*args)
    replayed = sparklint(*args)
    assert not recorded.replayed and recorded.code in (0, 1) and not recorded.err
    assert replayed.replayed and replayed.answer == recorded.answer  # else the record proves nothing
    trust()
    mutation.mutate(tree)
    fresh = sparklint(*args, "--no-cache")
    assert fresh.answer != recorded.answer, "the mutation must change the output, or this test proves nothing"
    after = sparklint(*args)
    assert after.answer == fresh.answer
    assert sparklint(*args).answer == fresh.answer  # and what is recorded now is the new answer


@POSIX_ONLY
@pytest.mark.parametrize("name", ["job.py", "pkg"], ids=["file", "folder"])
def test_a_file_made_unreadable_is_not_answered_from_the_record(name, tree, sparklint, monkeypatch):
    """chmod 000 is an error for a user and nothing for root, who reads the file anyway; either way
    the mode is part of the status the record holds, so the command runs again and answers as a
    fresh run does. (Vouched for by digest, content that root can still read rightly replays.)"""
    monkeypatch.setattr(journal, "RACY_NS", 0)
    args = tree.args()
    sparklint(*args)
    assert sparklint(*args).replayed
    time.sleep(0.02)  # past the tick of the recorded statuses (see `trust`)
    path = tree.project / name
    tree.chmodded.append((path, path.stat().st_mode))
    path.chmod(0)
    after = sparklint(*args)
    assert not after.replayed and after.answer == sparklint(*args, "--no-cache").answer


class CoarseClock:
    """`os` as the journal sees it on a file system whose times tick once a minute: a change made
    within the tick of a status the journal took leaves that very status behind (size, inode,
    times). Here file times are fine-grained, so the coarse clock is simulated."""

    TICK_NS = 60 * 10**9

    def __getattr__(self, name: str):
        return getattr(os, name)

    def stat(self, *args, **kwargs) -> os.stat_result:
        return self._coarse(os.stat(*args, **kwargs))

    def lstat(self, *args, **kwargs) -> os.stat_result:
        return self._coarse(os.lstat(*args, **kwargs))

    def fstat(self, *args, **kwargs) -> os.stat_result:
        return self._coarse(os.fstat(*args, **kwargs))

    def _coarse(self, status: os.stat_result) -> os.stat_result:
        fields = {name: getattr(status, name) for name in dir(status) if name.startswith("st_")}
        for name in ("st_atime_ns", "st_mtime_ns", "st_ctime_ns"):
            fields[name] -= fields[name] % self.TICK_NS
        return os.stat_result(tuple(status), fields)


def test_a_change_within_the_clock_tick_of_a_status_is_still_seen(tmp_path, monkeypatch):
    """A status that may still change without changing is racy: the journal vouches for such a
    file by its bytes and for such a folder by its names, as long as RACY_NS covers the tick."""
    monkeypatch.setattr(journal, "os", CoarseClock())
    monkeypatch.setattr(journal, "RACY_NS", CoarseClock.TICK_NS)
    path, folder = write(tmp_path / "job.py", JOB), write(tmp_path / "folder" / "a.py", "").parent
    journal.record()
    journal.read(path)
    list(journal.walk(folder, onerror=None))
    noted = journal.recorded()
    assert journal.unchanged(noted)
    path.write_text(JOB.replace("iterrows", "iterxxxx"))
    (folder / "a.py").rename(folder / "b.py")
    assert not journal.unchanged({key: value for key, value in noted.items() if key[0] == "file"})
    assert not journal.unchanged({key: value for key, value in noted.items() if key[0] == "folder"})


def test_the_two_trust_modes_really_differ(tmp_path, monkeypatch):
    """The mutation tests run in both modes; both must exist, or half of them test nothing new."""
    path = write(tmp_path / "job.py", JOB)
    noted = {}
    for mode, racy in (("digests", journal.RACY_NS), ("statuses", 0)):
        monkeypatch.setattr(journal, "RACY_NS", racy)
        journal.record()
        journal.read(path)
        noted[mode] = journal.recorded()[("file", str(path))]
    assert noted["digests"][0] == "digest" and noted["statuses"] != noted["digests"]


def test_damaged_or_foreign_notes_count_as_a_change():
    """Notes that cannot be asked again (damaged, or of a kind this version does not know) never replay."""
    assert journal.unchanged({})
    assert not journal.unchanged([("kind", "x")])
    assert not journal.unchanged({("a kind from another version", "x"): 1})
    assert not journal.unchanged({("kind",): 1})


# --- the command itself: environment, arguments, folder, sparklint's own files ----------------


@pytest.mark.parametrize("name, value", [("NO_COLOR", "1"), ("SPARKLINT_CACHE_DIR", "elsewhere"),
                                         ("SPARKLINT_JOBS", "1"), ("SOMETHING_UNRELATED", "x"), ("HOME", None)])
def test_a_changed_environment_is_run_not_replayed(tree, sparklint, monkeypatch, name, value):
    """Identical means the same environment: any variable may change the output, so any change misses."""
    args = tree.args("--jobs", "1", ".")
    recorded = sparklint(*args)
    assert sparklint(*args).replayed
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, str(tree.root / value) if name.endswith("_DIR") else value)
    after = sparklint(*args)
    assert not after.replayed and after.answer == sparklint(*args, "--no-cache").answer == recorded.answer


@pytest.mark.parametrize("name", sorted(replay.SHELL_BOOKKEEPING))
def test_shell_bookkeeping_variables_do_not_keep_a_command_from_replaying(tree, sparklint, monkeypatch, name):
    """`_`, OLDPWD, PWD and SHLVL differ between identical commands typed in different shells."""
    args = tree.args("--jobs", "1", ".")
    recorded = sparklint(*args)
    monkeypatch.setenv(name, "something else")
    again = sparklint(*args)
    assert again.replayed and again.answer == recorded.answer


@pytest.mark.parametrize("first, second", [
    (("job.py", "clean.py", "pkg"), ("pkg", "clean.py", "job.py")),
    (("--select", "SPL1", "."), ("--select", "SPL3", ".")),
    (("--ignore", "SPL1", "."), ("--ignore=SPL3", ".")),
    (("--format", "text", "."), ("--format", "concise", ".")),
    (("--format", "json", "."), ("--format", "json", "--data-size", "50GB", ".")),
    ((".",), ("--quiet", ".")),
    ((".",), ("--statistics", ".")),
    ((".",), ("--exit-zero", ".")),
    (("--select", "SPL3", "."), ("--select", "SPL3", "--fail-on", "error", ".")),
    ((".",), ("--target", "databricks", ".")),
], ids=["order", "select", "ignore", "format", "data-size", "quiet", "statistics", "exit-zero", "fail-on", "target"])
def test_another_command_line_is_answered_anew(tree, sparklint, first, second):
    recorded = sparklint(*tree.args("--jobs", "1", *first))
    assert sparklint(*tree.args("--jobs", "1", *first)).replayed
    fresh = sparklint(*tree.args("--jobs", "1", *second), "--no-cache")
    assert fresh.answer != recorded.answer, "the two commands must differ in output, or this test proves nothing"
    other = sparklint(*tree.args("--jobs", "1", *second))
    assert not other.replayed and other.answer == fresh.answer


@pytest.mark.parametrize("other", ["another project", "an identical copy"])
def test_the_same_command_in_another_folder_is_answered_anew(tree, sparklint, monkeypatch, other):
    """SARIF names the folder it ran in: even an identical copy of the project answers differently."""
    args = tree.args("--jobs", "1", "--format", "sarif", ".")
    recorded = sparklint(*args)
    assert sparklint(*args).replayed
    if other == "an identical copy":
        shutil.copytree(tree.above, tree.root / "copy", symlinks=True)
        monkeypatch.chdir(tree.root / "copy" / "project")
    else:
        write(tree.elsewhere / "job.py", LOOP)
        monkeypatch.chdir(tree.elsewhere)
    fresh = sparklint(*args, "--no-cache")
    assert fresh.answer != recorded.answer
    assert sparklint(*args).answer == fresh.answer


def test_edited_sparklint_files_are_not_replayed(tree, sparklint, monkeypatch):
    """Sparklint's own files (its code and catalog) decide the output as much as the user's do."""
    args = tree.args("--jobs", "1", ".")
    recorded = sparklint(*args)
    assert sparklint(*args).replayed
    real = replay.own_files()
    monkeypatch.setattr(replay, "own_files", lambda: (*real[:-1], (real[-1][0], real[-1][1] + 1, real[-1][2])))
    after = sparklint(*args)
    assert not after.replayed and after.answer == recorded.answer


def test_an_installed_package_or_another_python_is_not_replayed(tree, sparklint, monkeypatch):
    """Installing a package changes a folder on sys.path; another Python may parse differently."""
    site = tree.root / "site-packages"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    args = tree.args("--jobs", "1", ".")
    sparklint(*args)
    assert sparklint(*args).replayed
    time.sleep(0.02)  # the folder's mtime must move to a later tick
    (site / "newpackage").mkdir()
    assert not sparklint(*args).replayed
    assert sparklint(*args).replayed
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert not sparklint(*args).replayed


# --- replay really happens --------------------------------------------------------------------


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--format", "sarif"), ("--format", "gitlab"),
                                     ("--statistics",), ("--quiet", "--exit-zero"), ("--select", "SPL1", "-q"),
                                     ("--format=concise", "-j", "1", "--no-color", "--force-exclude", "--fail-on=error")])
def test_an_unchanged_command_is_answered_without_running_the_linter(tree, trust, sparklint, monkeypatch, options):
    args = tree.args("--jobs", "1", *options, ".")
    recorded = sparklint(*args)

    def never(*args, **kwargs):
        raise AssertionError("a replayed command ran the command line")

    monkeypatch.setattr(cli, "main", never)
    again = sparklint(*args)
    assert recorded.out and again.answer == recorded.answer and again.err == ""


def test_a_clean_run_is_replayed_with_exit_code_zero(tree, sparklint):
    args = tree.args("--jobs", "1", "clean.py")
    recorded = sparklint(*args)
    again = sparklint(*args)
    assert recorded.code == 0 and again.replayed and again.answer == recorded.answer


def test_the_default_cache_in_the_checked_folder_settles_into_replaying(tree, sparklint, monkeypatch):
    """The default cache is created inside the walked project by the first run, which changes the
    folder that run listed: the second run records again, and from then on the command replays."""
    monkeypatch.delenv("SPARKLINT_CACHE_DIR", raising=False)
    args = ("check", "--jobs", "1", ".")
    first, second, third = (sparklint(*args) for _ in range(3))
    assert (tree.project / ".sparklint_cache" / replay.FOLDER).is_dir()
    assert not first.replayed and third.replayed and first.answer == second.answer == third.answer
    edit_same_size(tree)
    assert sparklint(*args).answer == sparklint(*args, "--no-cache").answer != first.answer


NEVER_REPLAYING = ("click", "libcst", "rich")  # top-level packages a replay must not import


def imported_modules(stderr: str) -> set[str]:
    """Every module a run imported, from `python -X importtime` lines on stderr."""
    return {line.rpartition("|")[2].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_a_replayed_process_imports_nothing_of_the_linter(tree):
    """The point of replaying: no command line, no click, no parser, no rich; the same bytes out."""
    args = tree.args("--jobs", "1", ".")
    profile = {"PYTHONPROFILEIMPORTTIME": "1"}
    cold = run_cli(*args, cwd=tree.project, env=profile)
    assert len(list((tree.cache / replay.FOLDER).iterdir())) == 1
    warm = run_cli(*args, cwd=tree.project, env=profile)
    assert {"sparklint.cli", "click", "libcst"} <= imported_modules(cold.stderr)  # the probe sees imports
    warm_imports = imported_modules(warm.stderr)
    assert "sparklint.replay" in warm_imports
    assert not {name for name in warm_imports if name == "sparklint.cli" or name.partition(".")[0] in NEVER_REPLAYING}
    assert cold.stdout and warm.stdout == cold.stdout and warm.returncode == cold.returncode == 1


# --- commands that are never recorded --------------------------------------------------------


class Terminal(io.StringIO):
    """A stderr that says it is a terminal: a progress bar is drawn on it."""

    def isatty(self) -> bool:
        return True


def records(tree: Tree) -> list[Path]:
    folder = tree.cache / replay.FOLDER
    return sorted(folder.iterdir()) if folder.is_dir() else []


def git_repository(t: Tree) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(git + command, cwd=t.project, check=True, capture_output=True)
    append(t.project / "job.py", "rows = df.iterrows()\n")


def baseline(t: Tree) -> None:
    with pytest.raises(SystemExit):
        entry.main(["check", "--no-cache", "--write-baseline", str(t.root / "baseline.json"), "."])


def stdin(text: str) -> Callable[[Tree, pytest.MonkeyPatch], None]:
    def setup(t: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    return setup


def many_files_to_parse_and_a_terminal(t: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(12):
        write(t.project / "many" / f"m{i}.py", JOB.replace("row", f"row{i}"))
    monkeypatch.setattr(sys, "stderr", Terminal())


NEVER_RECORDED = {
    "stdin": (("-",), stdin(JOB), None),
    "stdin with files": (("-", "."), stdin(JOB), None),
    "--stdin-filename": (("--stdin-filename", "x.py", "."), None, None),
    "--": (("--", "."), None, None),
    "--diff": (("--diff", "HEAD", "."), lambda t, m: git_repository(t), None),
    "--baseline": (("--baseline", "{root}/baseline.json", "."), lambda t, m: baseline(t), None),
    "--write-baseline": (("--write-baseline", "{root}/written.json", "."), None, None),
    "--output-file": (("--output-file", "{root}/report.txt", "."), None, None),
    "-o": (("-o", "{root}/report.txt", "."), None, None),
    "--no-cache": (("--no-cache", "."), None, None),
    "short options run together": (("-qj1", "."), None, None),
    "SPARKLINT_NO_CACHE": ((".",), lambda t, m: m.setenv("SPARKLINT_NO_CACHE", "1"), None),
    "a missing path (exit 2)": (("missing.py", "."), None, 2),
    "an invalid configuration (exit 2)": ((".",), lambda t, m: append(t.above / "sparklint.toml", "["), 2),
    "a progress bar on stderr": ((".",), many_files_to_parse_and_a_terminal, None),
    "an output over MAX_OUTPUT": ((".",), lambda t, m: m.setattr(replay, "MAX_OUTPUT", 100), None),
}


@pytest.mark.parametrize("case", NEVER_RECORDED)
def test_a_command_that_cannot_be_replayed_is_never_recorded(tree, sparklint, monkeypatch, case):
    options, setup, code = NEVER_RECORDED[case]
    if setup is not None:
        setup(tree, monkeypatch)
    args = tree.args("--jobs", "1", *(option.format(root=tree.root) for option in options))
    run = sparklint(*args)
    assert run.code == code if code is not None else run.code in (0, 1)  # else only the command forbids a record
    assert records(tree) == []


def test_the_progress_bar_case_would_be_recorded_without_the_terminal(tree, sparklint):
    """The control for "a progress bar on stderr": the same files, a plain stderr, a record."""
    for i in range(12):
        write(tree.project / "many" / f"m{i}.py", JOB.replace("row", f"row{i}"))
    args = tree.args("--jobs", "1", ".")
    assert not sparklint(*args).err and len(records(tree)) == 1 and sparklint(*args).replayed


# --- records on disk ------------------------------------------------------------------------


def corrupt(kind: str, record: Path, other: bytes) -> None:
    data = record.read_bytes()
    record.write_bytes({
        "empty": b"",
        "truncated to one byte": data[:1],
        "truncated to half": data[: len(data) // 2],
        "last byte missing": data[:-1],
        "garbage": b"\x00\xff not marshal data" * 10,
        "zeros": bytes(len(data)),
        "another command's record": other,
    }[kind])


@pytest.mark.parametrize("kind", ["empty", "truncated to one byte", "truncated to half", "last byte missing",
                                  "garbage", "zeros", "another command's record"])
def test_a_corrupt_record_is_ignored(tree, sparklint, kind):
    """A record that cannot be read, or that belongs to another command (a name collision), is a miss."""
    other_args = tree.args("--jobs", "1", "--select", "SPL1", ".")
    sparklint(*other_args)
    other = records(tree)[0].read_bytes()
    args = tree.args("--jobs", "1", ".")
    recorded = sparklint(*args)
    record = next(path for path in records(tree) if path.read_bytes() != other)
    corrupt(kind, record, other)
    after = sparklint(*args)
    assert not after.replayed and after.answer == recorded.answer == sparklint(*args, "--no-cache").answer
    assert sparklint(*args).replayed  # written anew


def test_at_most_keep_records_are_kept_and_the_newest_survive(tree, sparklint):
    commands = [tree.args("--jobs", str(jobs), "clean.py") for jobs in range(1, replay.KEEP + 5)]
    for args in commands:
        sparklint(*args)
    assert len(records(tree)) == replay.KEEP
    assert sparklint(*commands[-1]).replayed
    assert not sparklint(*commands[0]).replayed  # the oldest went first


# --- drift: every option of `check` is a decision ------------------------------------------------

# Options whose answer depends on more than the files and settings the journal sees (stdin, git, a
# baseline) or that write elsewhere than stdout, or that ask for no cache: never replayed.
NEVER_REPLAYED = {"--output-file", "-o", "--stdin-filename", "--baseline", "--write-baseline", "--diff", "--no-cache",
                  "--help", "-h"}
# Environment variables of never-replayed options: set, they must keep any command from replaying.
NEVER_REPLAYED_ENV = {"SPARKLINT_NO_CACHE"}


def test_every_option_of_check_is_replayable_or_never_replayed():
    """Adding an option to `check` forces a decision here (and in `replay.REPLAYABLE`)."""
    command = cli.check
    params = [p for p in command.get_params(click.Context(command)) if isinstance(p, click.Option)]
    takes_value = {opt: not p.is_flag for p in params for opt in (*p.opts, *p.secondary_opts)}
    assert not set(replay.REPLAYABLE) & NEVER_REPLAYED
    assert set(takes_value) == set(replay.REPLAYABLE) | NEVER_REPLAYED
    assert {opt: takes_value[opt] for opt in replay.REPLAYABLE} == replay.REPLAYABLE
    envvars = {p.envvar for p in params if p.envvar and not set(p.opts) & set(replay.REPLAYABLE)}
    assert envvars == NEVER_REPLAYED_ENV


@pytest.mark.parametrize("option", sorted(replay.REPLAYABLE))
def test_a_replayable_option_leaves_a_command_replayable(tmp_path, option, monkeypatch):
    monkeypatch.chdir(tmp_path)
    value = ("1",) if replay.REPLAYABLE[option] else ()
    assert replay.prepare(["check", option, *value, "."]) is not None


@pytest.mark.parametrize("option", sorted(NEVER_REPLAYED))
def test_a_never_replayed_option_makes_a_command_always_run(tmp_path, option, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert replay.prepare(["check", option, "x", "."]) is None
    assert replay.prepare(["check", f"{option}=x", "."]) is None


@pytest.mark.parametrize("name", sorted(NEVER_REPLAYED_ENV))
def test_never_replayed_environment_variables_keep_a_command_from_replaying(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    assert replay.prepare(["check", "."]) is not None
    monkeypatch.setenv(name, "1")
    assert replay.prepare(["check", "."]) is None
