"""What keeps `sparklint check` fast, and that the fast path prints exactly what the slow one does.

Issue 7: a run the cache answers must be about as fast as a linter's cold run, so it must not pay
for LibCST, rich or PySpark at all, and plain text must not be printed through rich line by line.
Which modules a run imports is behaviour, asserted here; how fast it is is measured by
`benchmarks/bench.py`, not by tests.
"""

from __future__ import annotations

import io
import os
import random

import libcst as cst
import pytest
from rich.console import Console
from rich.text import Text

from sparklint.config import real_path
from sparklint.progress import check_with_progress
from sparklint.reporters.styled import console_for, plain, write
from sparklint.tree import parse
from support import REPO, run_cli

NEVER_WARM = ("libcst", "rich", "pyspark")


def imported(stderr: str) -> set[str]:
    """Top-level packages a run imported, from `python -X importtime` lines on stderr."""
    return {line.rpartition("|")[2].strip().partition(".")[0]
            for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("output_format", ["concise", "json", "text"])  # text piped, as in CI logs
def test_a_warm_run_prints_the_cold_output_without_importing_a_parser(tmp_path, output_format):
    args = ("check", "--format", output_format, "--cache-dir", str(tmp_path / "cache"), "fixtures")
    profile = {"PYTHONPROFILEIMPORTTIME": "1"}
    cold = run_cli(*args, cwd=REPO, env=profile)
    warm = run_cli(*args, cwd=REPO, env=profile)
    assert "libcst" in imported(cold.stderr) and "sparklint" in imported(warm.stderr)  # the probe sees imports
    assert not imported(warm.stderr) & set(NEVER_WARM)
    assert "sparklint.api" in warm.stderr  # the files were looked up in the cache index
    assert cold.stdout and warm.stdout == cold.stdout and warm.returncode == cold.returncode == 1


def test_a_warm_run_shows_no_progress_bar_even_on_a_terminal(tmp_path):
    for i in range(12):
        (tmp_path / f"job_{i}.py").write_text('import pandas as pd\n\ndf = pd.read_csv("x.csv")\n')
    options = {"cache": True, "cache_dir": tmp_path / "cache", "jobs": 1}
    cold, warm = io.StringIO(), io.StringIO()
    check_with_progress([str(tmp_path)], console=Console(file=cold, force_terminal=True), **options)
    run = check_with_progress([str(tmp_path)], console=Console(file=warm, force_terminal=True), **options)
    assert "Checking" in cold.getvalue() and warm.getvalue() == "" and len(run.findings) == 12


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_real_path_is_os_realpath(tmp_path, monkeypatch):
    """Discovery resolves each folder once; the answer must still be `os.path.realpath`'s."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c" / "f.py").write_text("")
    links = {"lb": "a/b", "a/b/lc": "c", "loop": "loop", "x1": "x2", "x2": "x1", "lf.py": "a/b/c/f.py",
             "broken.py": "missing"}
    for link, target in links.items():
        (tmp_path / link).symlink_to(target)
    cases = ["a/b/c/f.py", "lb/c/f.py", "lb/lc/f.py", "lb/..", "lb/lc/../c/f.py", "loop", "loop/x", "x1", "x2/y",
             "lf.py", "broken.py", "", ".", "..", "a//b", "a/b/", "missing/q", str(tmp_path / "lb" / "lc"),
             "./lb/./lc/f.py"]
    assert {case: real_path(case) for case in cases} == {case: os.path.realpath(case) for case in cases}
    elsewhere = tmp_path / "a"
    monkeypatch.chdir(elsewhere)  # relative paths follow the current folder, not an earlier answer
    assert real_path("b/lc") == os.path.realpath("b/lc") == str(elsewhere.resolve() / "b" / "c")


ALPHABET = ["a", "Z", " ", "  ", "\t", "\n", "\r", "\a", "\b", "\v", "\f", "\x1b", "\x00", "é", "漢", "字", "😀",
            "\u0301", "\u200d", "\ufe0f", "|", "^", "ﾊ", "\u00ad"]


def random_lines(seed: int, count: int) -> list[tuple]:
    generator = random.Random(seed)
    styles = ["", "bold", "blue", "bold red"]
    return [tuple(("".join(generator.choices(ALPHABET, k=generator.randint(0, 12))), generator.choice(styles))
                  for _ in range(generator.randint(0, 4))) for _ in range(count)]


def test_plain_lines_read_as_rich_prints_them_without_colour():
    for line in random_lines(7, 2000):
        printed = io.StringIO()
        console_for(printed, color=False).print(Text.assemble(*line))
        assert plain(line) + "\n" == printed.getvalue(), line


def test_coloured_lines_printed_at_once_read_as_printed_one_by_one(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    for seed in range(200):
        lines = random_lines(seed, 6)
        at_once, one_by_one = io.StringIO(), io.StringIO()
        write(lines, at_once, color=True)
        console = console_for(one_by_one, color=True)
        for line in lines:
            console.print(Text.assemble(*line))
        assert "\x1b[" in at_once.getvalue() and at_once.getvalue() == one_by_one.getvalue(), lines


def test_parse_builds_the_tree_libcst_builds_and_leaves_node_checks_on():
    """`tree.parse` skips LibCST's check of each node only while it parses: the tree is the one `parse_module`
    builds, a syntax error is still LibCST's, and a node built afterwards (by a fix) is checked again."""
    code = "import pandas as pd\ndf = (pd.read_csv('a.csv')\n      .dropna())  # note\nif df.empty:\n    pass\n"
    assert parse(code).deep_equals(cst.parse_module(code)) and parse(code).code == code
    with pytest.raises(cst.ParserSyntaxError):
        parse("df = (\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_node_type_checks_answer_as_abcs_would_without_their_python_level_check():
    """LibCST's node classes register no virtual subclass, so a check along a class's bases answers what ABCMeta's
    would: `tree` makes every node class check so (4% of a cold run), and the answers stay the same."""
    import _abc

    from sparklint.tree import _concrete_nodes

    node_types = {cst.CSTNode} | _concrete_nodes(cst.CSTNode)
    assert not any(_abc._get_dump(node_type)[0] for node_type in node_types)  # no registry: nothing but the bases
    assert all(type(node_type).__instancecheck__ is type.__instancecheck__ for node_type in node_types)
    name, call = cst.Name("df"), cst.Call(cst.Name("f"))
    assert isinstance(name, cst.BaseExpression) and isinstance(name, (cst.Call, cst.Name))
    assert not isinstance(name, cst.Call) and not isinstance(call, cst.BaseStatement) and not isinstance("df", cst.Name)
    assert issubclass(cst.Name, cst.BaseAssignTargetExpression) and not issubclass(cst.Name, cst.BaseSmallStatement)
    with pytest.raises(TypeError):
        cst.BaseExpression()  # type: ignore[abstract]  # still abstract: ABCMeta made them so, and that stays
