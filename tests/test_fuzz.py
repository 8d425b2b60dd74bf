"""Property-based tests over the readers and the engine: random bytes, random valid Python, random notebooks.

Invariants: nothing raises but SourceError from a reader, and the engine never reports an internal
error; every finding lies inside the file (and inside its cell); masking notebook magics never moves
a line; and the JSON report is always valid against schemas/report.schema.json. Bounded for CI:
a few hundred examples per property, no deadline (the machine may be busy).
"""

from __future__ import annotations

import ast
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from support import REPO
from sparklint.api import Run, check_source
from sparklint.config import Settings
from sparklint.reporters.json_report import as_document
from sparklint.sources import Source, SourceError, python_lines, read_source

SCHEMA = json.loads((REPO / "src" / "sparklint" / "schemas" / "report.schema.json").read_text())
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

# --- random valid Python, built from the APIs the rules care about -------------------------------

NAMES = st.sampled_from(["df", "pdf", "rows", "model", "arr", "sdf", "row", "path", "x"])
ATOMS = st.one_of(NAMES, st.sampled_from(["'train.csv'", "1", "-2", "None", "spark", "pd", "np", "[1, 2]", "x.y"]))
TEMPLATES = st.sampled_from([
    "pd.read_csv({0})", "pd.read_parquet({0})", "{0}.toPandas()", "{0}.collect()", "np.array({0})",
    "{0}.apply(len, axis=1)", "spark.read.parquet({0})", "{0}.groupby({1}).sum()", "[r for r in {0}.collect()]",
    "{0}.values", "len({0})", "({0} + {1})", "{0}[{1}]", "{0}.fit({1}, {1})", "RandomForestClassifier().fit({0}, {1})",
    "{0}.iterrows()", "{0}.to_csv({1})", "spark.createDataFrame({0})", "{0}.rdd.map(lambda r: r).collect()",
    "f'{{{0}}}'", "{0} if {1} else {0}", "not {0}", "{0}.count()", "{0}.merge({1}, on='k')",
])
EXPRESSIONS = st.recursive(
    ATOMS, lambda inner: st.tuples(TEMPLATES, inner, inner).map(lambda t: t[0].format(t[1], t[2])), max_leaves=6)
IMPORTS = st.lists(st.sampled_from([
    "import pandas as pd", "import numpy as np", "from pyspark.sql import SparkSession",
    "spark = SparkSession.builder.getOrCreate()", "from sklearn.ensemble import RandomForestClassifier",
    "import pyspark.pandas as ps", "from pyspark.sql.functions import udf",
]), unique=True, max_size=6)


@st.composite
def statements(draw, depth: int = 0) -> list[str]:
    kind = draw(st.sampled_from(["assign", "expr", "for", "def", "if", "with", "comment", "blank", "udf"]
                                if depth < 2 else ["assign", "expr", "comment"]))
    name, value = draw(NAMES), draw(EXPRESSIONS)
    if kind == "assign":
        return [f"{name} = {value}"]
    if kind == "expr":
        return [value]
    if kind == "comment":
        return [draw(st.sampled_from(["# a comment", "# noqa: SPL101", "# sparklint: noqa", "    # indented"]))]
    if kind == "blank":
        return [""]
    if kind == "udf":
        return ["@udf('int')", f"def g_{depth}({name}):", f"    return {value}"]
    header = {"for": f"for {name} in {value}:", "def": f"def f_{depth}({name}):", "if": f"if {value}:",
              "with": f"with open({value}) as {name}:"}[kind]
    body = [line for stmt in draw(st.lists(statements(depth + 1), min_size=1, max_size=4)) for line in stmt]
    return [header] + ["    " + line if line else line for line in body] + (["    pass"] if not any(
        line.strip() and not line.strip().startswith("#") for line in body) else [])


@st.composite
def programs(draw) -> str:
    lines = draw(IMPORTS) + [line for stmt in draw(st.lists(statements(), max_size=10)) for line in stmt]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


def assert_findings_inside(result, code: str, source: Source) -> None:
    lines = python_lines(code)
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), (f, len(lines))
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        if source.cells:
            cell = next(c for c in source.cells if c.index == f.cell)
            assert 1 <= f.cell_line <= cell.line_count and cell.first_line + f.cell_line - 1 == f.line, f
    for signal in result.signals:
        assert 1 <= signal.line <= len(lines), signal


def assert_valid_report(*results) -> None:
    jsonschema.validate(json.loads(json.dumps(as_document(Run(list(results))))), SCHEMA)



def assert_checked_cleanly(source) -> None:
    """The engine's answer: no internal error, findings inside the file, a report valid by its schema."""
    result = check_source(source, Settings())
    assert result.error is None or not result.error.startswith("internal error"), result.error
    if result.error is None:
        assert_findings_inside(result, source.code, source)
    assert_valid_report(result)

@FUZZ
@given(programs())
def test_random_valid_python_is_checked_with_findings_inside_the_file(code):
    try:
        ast.parse(code)
    except SyntaxError:  # e.g. `not` where an expression statement cannot start a call chain
        assume(False)
    source = read_source("fuzz.py", code.encode())
    result = check_source(source, Settings())
    assert result.error is None, result.error
    assert_findings_inside(result, code, source)
    assert_valid_report(result)


# --- random notebooks ----------------------------------------------------------------------------

CELL_LINES = st.one_of(
    st.lists(st.sampled_from(["import pandas as pd", "df = pd.read_csv('a.csv')", "rows = sdf.collect()",
                              "for r in rows:", "    print(r)", "x = 1", "", "# comment"]), max_size=1).map(
        lambda v: v[0] if v else ""),
    st.sampled_from(["%pip install pandas", "%%time", "%%sql", "%%bash", "%%custom", "!ls -la", "files = !ls",
                     "%matplotlib inline", "pip install numpy", "cd data", "df?", "?df", "%run ./other.ipynb",
                     "%load_ext autoreload", "x = %env HOME", "!echo \\", "continued"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
)


@st.composite
def notebooks(draw) -> tuple[bytes, list[tuple[str, list[str]]]]:
    cells = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["code", "code", "markdown", "raw"]))
        lines = draw(st.lists(CELL_LINES, max_size=6))
        breaks = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
        text = "".join(line + brk for line, brk in zip(lines, breaks))
        if draw(st.booleans()):
            text = text.rstrip("\r\n")
        source = text if draw(st.booleans()) else text.splitlines(keepends=True)
        metadata = draw(st.sampled_from([{}, {"vscode": {"languageId": "scala"}}, {"microsoft": {"language": "python"}}]))
        cells.append({"cell_type": kind, "source": source, "metadata": metadata, "outputs": []})
    notebook = {"cells": cells, "metadata": draw(st.sampled_from([{}, {"kernelspec": {"language": "python"}}])),
                "nbformat": 4}
    return json.dumps(notebook).encode(), [(c["cell_type"], python_lines("".join(c["source"]))) for c in cells]


@FUZZ
@given(notebooks())
def test_masking_notebook_magics_never_shifts_a_line(drawn):
    data, cells = drawn
    try:
        source = read_source("fuzz.ipynb", data)
    except SourceError as exc:  # a random line may hold a character Python cannot parse
        assert "cannot parse" in str(exc)
        return
    code_lines = python_lines(source.code)
    expected = sum(len(lines) for kind, lines in cells if kind == "code")
    assert len(code_lines) == expected
    for cell, (kind, lines) in zip(source.cells, cells):
        if kind != "code" or not lines:
            continue
        assert cell.line_count == len(lines)
        for offset, original in enumerate(lines):
            shown = code_lines[cell.first_line - 1 + offset]
            # As is, less a prefix IPython drops (a cell's common indent, `%time `), or masked with its text kept.
            assert original.endswith(shown) or shown.endswith(original.lstrip()) and "# " in shown, (shown, original)
            assert source.locate(cell.first_line + offset) == (cell.index, offset + 1)
    assert_checked_cleanly(source)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["code", "magic", "sql", "md"]), st.lists(CELL_LINES, max_size=4)),
                max_size=5), st.sampled_from(["\n", "\r\n"]))
def test_databricks_files_keep_every_line_in_place(cells, newline):
    lines = ["# Databricks notebook source"]
    for index, (kind, body) in enumerate(cells):
        if index:
            lines.append("# COMMAND ----------")
        prefix = {"magic": ["# MAGIC %python"], "sql": ["# MAGIC %sql"], "md": ["# MAGIC %md"]}.get(kind, [])
        lines += prefix + [("# MAGIC " + line if kind != "code" else line) for line in body]
    text = newline.join(lines) + newline
    try:
        source = read_source("nb.py", text.encode("utf-8", "surrogatepass"))
    except SourceError as exc:
        assert "cannot parse" in str(exc)
        return
    code_lines = python_lines(source.code)
    assert len(code_lines) == len(python_lines(text))
    for number, (original, shown) in enumerate(zip(python_lines(text), code_lines), start=1):
        if not original.startswith("# "):  # plain Python lines stay as they are, where they are
            assert shown == original or shown.endswith(original.lstrip()), (number, original, shown)
    result = check_source(source, Settings())
    assert result.error is None or not result.error.startswith("internal error"), result.error


# --- random bytes --------------------------------------------------------------------------------

PREFIXES = st.sampled_from([b"", b"import pandas as pd\n", b"\xef\xbb\xbf", b"# -*- coding: latin-1 -*-\n",
                            b"# coding: unicode_escape\n", b"# Databricks notebook source\n",
                            b"# Fabric notebook source\n# CELL ********************\n", b'{"cells": [', b"\x00"])


@FUZZ
@given(PREFIXES, st.binary(max_size=400), st.sampled_from(["f.py", "f.ipynb"]))
def test_random_bytes_never_raise_anything_but_a_clear_source_error(prefix, data, name):
    try:
        source = read_source(name, prefix + data)
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_checked_cleanly(source)


@FUZZ
@given(programs(), st.integers(0, 400), st.sampled_from("([{"))
def test_random_truncations_and_nesting_give_errors_not_exceptions(code, cut, bracket):
    """Unfinished edits (code cut anywhere) and extra nesting: an error message, never a crash."""
    closing = {"(": ")", "[": "]", "{": "}"}[bracket]
    for variant in (code[:cut], code + "\nz = " + bracket * 250 + closing * 250 + "\n"):
        source = read_source("fuzz.py", variant.encode())
        result = check_source(source, Settings())
        assert result.error is None or not result.error.startswith("internal error"), result.error
        if result.error is None:
            assert_findings_inside(result, variant, source)
        assert_valid_report(result)


@pytest.mark.parametrize("text", ["a\x0cb\n", "a\u2028b\r\nc", "a\rb\r\n\nc\n", "", "\n", "x"])
def test_python_lines_match_how_python_counts_lines(text):
    """The readers' line splitting agrees with the tokenizer: only \\r\\n, \\r and \\n end a line."""
    expected = text.count("\r\n") + text.replace("\r\n", "").count("\r") + text.replace("\r\n", "").count("\n")
    assert len(python_lines(text)) == expected + (1 if text and not text.endswith(("\n", "\r")) else 0)
