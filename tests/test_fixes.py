"""Fixes: applied bottom-up with imports once, idempotent, safe/unsafe/display-only honoured,
notebook JSON and Databricks lines edited in place, written atomically with encoding and newlines kept."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sparklint import atomic
from sparklint.catalog import load_rules
from sparklint.engine import Engine
from sparklint.fixes import fix_bytes, fix_code, fix_file

RULES = {r.code: r for r in load_rules()}


def with_fix(code: str, fix: str, safety: str, imports: tuple[str, ...] = ()):
    return replace(RULES[code], fix=fix, fix_safety=safety, fix_imports=imports)


READ_CSV = with_fix("SPL101", "spark.read.csv({0}, header=True, inferSchema=True)", "unsafe")
TO_PANDAS = with_fix("SPL601", "{receiver}.pandas_api()", "unsafe")
FILLNA = with_fix("SPL230", "{receiver}.na.fill({0})", "display-only")


def checker(*rules):
    engine = Engine(rules)
    return lambda source: engine.check(source).findings


def test_fix_rewrites_the_span_keeps_comments_and_adds_the_session_once():
    code = ('"""Train."""\nimport os\nimport pandas as pd  # data\n\n'
            'df = pd.read_csv("a.csv")  # keep me\nb = pd.read_csv(os.path.join("x",\n    "b.csv"))\n')
    fixed = fix_code(code, checker(READ_CSV))
    assert fixed == ('"""Train."""\nimport os\nimport pandas as pd  # data\nfrom pyspark.sql import SparkSession\n'
                     'spark = SparkSession.builder.getOrCreate()\n\n'
                     'df = spark.read.csv("a.csv", header=True, inferSchema=True)  # keep me\n'
                     'b = spark.read.csv(os.path.join("x",\n    "b.csv"), header=True, inferSchema=True)\n')
    assert fix_code(fixed, checker(READ_CSV)) == fixed, "fixing twice changes nothing"


def test_fix_imports_are_added_once_after_existing_imports():
    rule = with_fix("SPL601", "{receiver}.select(F.col('a')).pandas_api()", "unsafe",
                    ("from pyspark.sql import functions as F",))
    code = ("from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
            "a = spark.table('t').toPandas()\nb = spark.table('u').toPandas()\n")
    fixed = fix_code(code, checker(rule))
    assert fixed.count("from pyspark.sql import functions as F") == 1
    assert fixed.splitlines()[1] == "from pyspark.sql import functions as F"
    assert fixed.count("SparkSession.builder") == 1, "an existing session is reused"


def test_safety_levels():
    code = "import pandas as pd\ndf = pd.read_csv('a.csv')\np = pd.read_json('b.json')\np = p.fillna(0)\n"
    check = checker(READ_CSV, FILLNA)
    safe_only = fix_bytes("t.py", code.encode(), check, unsafe=False)
    assert not safe_only.changed and len(safe_only.unsafe_left) == 1
    unsafe = fix_bytes("t.py", code.encode(), check, unsafe=True)
    assert "spark.read.csv('a.csv'" in unsafe.after
    assert "p.fillna(0)" in unsafe.after and unsafe.display_only, "display-only is never applied"
    assert unsafe.suggestion_diff(), "but it is shown"


def test_a_fix_that_would_not_compile_is_skipped_and_the_rest_applied():
    broken = with_fix("SPL101", "spark.read.csv({0}, header=True, header=True)", "safe")
    code = "import pandas as pd\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\ndf = pd.read_csv('a.csv')\n"
    result = fix_bytes("t.py", code.encode(), checker(broken), unsafe=True)
    assert not result.changed and not result.applied
    compile(result.after, "t.py", "exec")


def test_nested_fixes_converge_over_passes():
    code = "import pandas as pd\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nx = spark.table(pd.read_csv('a.csv')).toPandas()\n"
    fixed = fix_code(code, checker(READ_CSV, TO_PANDAS))
    assert "pd.read_csv" not in fixed and ".toPandas()" not in fixed


def test_fix_file_keeps_bom_crlf_and_encoding(tmp_path):
    path = tmp_path / "train.py"
    path.write_bytes("\ufeffimport pandas as pd\r\n# café\r\ndf = pd.read_csv('a.csv')\r\n".encode("utf-8-sig"))
    fix_file(path, checker(READ_CSV), unsafe=True)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert "café" in data.decode("utf-8-sig") and "spark.read.csv" in data.decode("utf-8-sig")
    latin = tmp_path / "latin.py"
    latin.write_bytes("# -*- coding: latin-1 -*-\nimport pandas as pd\n# é\ndf = pd.read_csv('a.csv')\n".encode("latin-1"))
    fix_file(latin, checker(READ_CSV), unsafe=True)
    assert "é" in latin.read_bytes().decode("latin-1")


def test_diff_mode_writes_nothing(tmp_path):
    path = tmp_path / "t.py"
    path.write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    before = path.read_bytes()
    result = fix_file(path, checker(READ_CSV), unsafe=True, write=False)
    assert path.read_bytes() == before and "+df = spark.read.csv" in result.diff()


def test_jupyter_cells_are_edited_in_the_json(tmp_path):
    notebook = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["%pip install pandas\n", "import pandas as pd"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["df = pd.read_csv('a.csv')  # load\n", "df.head()"]},
    ], "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook, indent=1) + "\n")
    fix_file(path, checker(READ_CSV), unsafe=True)
    text = path.read_text()
    assert text.startswith('{\n "cells"'), "indent and key order kept"
    cells = json.loads(text)["cells"]
    assert cells[1]["source"] == ["%pip install pandas\n", "import pandas as pd\n", "from pyspark.sql import SparkSession\n",
                                  "spark = SparkSession.builder.getOrCreate()"]
    assert cells[2]["source"][0] == "df = spark.read.csv('a.csv', header=True, inferSchema=True)  # load\n"


def test_databricks_magic_python_lines_keep_their_prefix(tmp_path):
    path = tmp_path / "nb.py"
    path.write_text("# Databricks notebook source\nimport pandas as pd\n\n# COMMAND ----------\n\n"
                    "# MAGIC %python\n# MAGIC df = pd.read_csv('/Volumes/main/raw/a.csv')\n")
    fix_file(path, checker(READ_CSV), unsafe=True)
    lines = path.read_text().splitlines()
    assert lines[-1] == "# MAGIC df = spark.read.csv('/Volumes/main/raw/a.csv', header=True, inferSchema=True)"
    assert not any("SparkSession" in line for line in lines), "Databricks defines `spark`"


@pytest.mark.parametrize("source", ["'/dbfs/raw/a.csv'", "'/dbfs' + folder", "url"])
def test_no_fix_copies_a_path_spark_spells_otherwise(source):
    """A `/dbfs` mount path is `dbfs:/…` for Spark and a URL is no path at all: the suggestion says so,
    and the fix, which copies the code as written, is not offered."""
    script = "import pandas as pd\nfolder = '/raw'\nurl = 'https://example.com/a.csv'\ndf = pd.read_csv({})\n"
    assert fix_code(script.format(source), checker(READ_CSV)) == script.format(source)
    assert "spark.read.csv('raw/a.csv'" in fix_code(script.format("'raw/a.csv'"), checker(READ_CSV))  # a plain path is fixed


def test_atomic_write_failure_leaves_the_original(tmp_path, monkeypatch):
    path = tmp_path / "t.py"
    path.write_text("original\n")

    def interrupted(src, dst):
        raise OSError("disk vanished")

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(OSError):
        atomic.write_text(path, "new\n")
    assert path.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.py"], "the temp file is removed"


def test_atomic_write_keeps_permissions(tmp_path):
    path = tmp_path / "t.py"
    path.write_text("x\n")
    path.chmod(0o750)
    atomic.write_text(path, "y\n")
    assert path.read_text() == "y\n" and (path.stat().st_mode & 0o777) == 0o750


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.fix], ids=lambda r: r.code)
def test_catalog_fix_examples(rule):
    """Each fixable rule's `fixed` examples: fix(flagged) == fixed, and fixing again changes nothing."""
    check = checker(rule)
    for bad, good in zip(rule.flagged, rule.fixed):
        assert fix_code(bad.code + "\n", check) == good + "\n"
        assert fix_code(good + "\n", check) == good + "\n"


def test_cli_fix_command_runs_and_reports(tmp_path, cli):
    path = tmp_path / "t.py"
    path.write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    result = cli("fix", str(path), "--diff")
    assert result.returncode in (0, 1), result.stderr
    assert "would fix" in result.stderr
    assert path.read_text() == "import pandas as pd\ndf = pd.read_csv('a.csv')\n", "--diff writes nothing"
