"""`verify` runs notebooks as their platforms do: `spark`, `sc`, `display` and the notebook utilities
exist, and a failing cell's traceback names the cell and line. Real Spark (the shared local-cluster)."""

import json

import pytest

from sparklint.harness.notebook_globals import NeedsTheWorkspace, notebook_globals


def jupyter(path, cells, metadata=None):
    path.write_text(json.dumps({
        "cells": [{"cell_type": kind, "metadata": {}, "source": source, "outputs": [], "execution_count": None}
                  if kind == "code" else {"cell_type": kind, "metadata": {}, "source": source}
                  for kind, source in cells],
        "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5,
    }))
    return path


def databricks(path, *cells):
    path.write_text("# Databricks notebook source\n" + "\n\n# COMMAND ----------\n\n".join(cells) + "\n")
    return path


def fabric(path, *cells):
    blocks = "".join(f"# CELL ********************\n\n{cell}\n\n" for cell in cells)
    path.write_text("# Fabric notebook source\n\n# METADATA ********************\n\n# META {}\n\n" + blocks)
    return path


GROUPBY = ("from pyspark.sql import functions as F\n"
           "counts = spark.range(0, 200000, 1, 4).groupBy((F.col('id') % 7).alias('k')).count()\n")


def test_an_ipynb_uses_the_predefined_spark_display_and_widgets(sparklint_verify, tmp_path):
    path = jupyter(tmp_path / "explore.ipynb", [
        ("markdown", "# Counts by key"),
        ("code", "%pip install nothing-at-all"),
        ("code", 'dbutils.widgets.text("keys", "7")\nkeys = int(dbutils.widgets.get("keys"))'),
        ("code", GROUPBY + "display(counts)\nassert counts.count() == keys"),
    ], metadata={"application/vnd.databricks.v1+notebook": {"language": "python"}})
    result = sparklint_verify(path)
    assert result.status == "ok", result.traceback
    assert result.label == "distributed", result.verdict.rule
    assert sum(job.tasks for job in result.jobs) >= 4


def test_a_databricks_source_notebook_uses_sc_and_a_workspace_call_names_its_cell(sparklint_verify, tmp_path):
    path = databricks(tmp_path / "etl.py",
                      "total = sc.parallelize(range(1000), 4).map(lambda x: x * 2).sum()\nassert total == 999000",
                      "# a comment first\nfiles = dbutils.fs.ls('/mnt/raw')")
    result = sparklint_verify(path)
    assert result.status == "raised"
    assert f'{path}, cell 2", line 2' in result.traceback, result.traceback
    assert "files = dbutils.fs.ls('/mnt/raw')" in result.traceback, "the cell's code, not the file's text"
    assert "`dbutils.fs.ls(...)` needs the Databricks workspace" in result.traceback
    assert "notebook_globals.py" not in result.traceback, "the harness's own frames are hidden"
    assert result.jobs, "the first cell's job still counts"


def test_an_ipynb_error_names_its_cell_not_the_json(sparklint_verify, tmp_path):
    path = jupyter(tmp_path / "fails.ipynb", [
        ("code", "rows = spark.range(10).count()"),
        ("markdown", "Then it fails:"),
        ("code", "x = 1\nraise ValueError(f'got {rows} rows')"),
    ])
    result = sparklint_verify(path)
    assert result.status == "raised"
    assert f'{path}, cell 3", line 2' in result.traceback, result.traceback
    assert "raise ValueError(f'got {rows} rows')" in result.traceback
    assert "ValueError: got 10 rows" in result.traceback


def test_a_fabric_notebook_ends_at_notebookutils_exit(sparklint_verify, tmp_path):
    path = fabric(tmp_path / "notebook-content.py",
                  "n = spark.range(0, 1000, 1, 2).count()",
                  "notebookutils.notebook.exit(str(n))",
                  "raise RuntimeError('never reached: exit ends the notebook')")
    result = sparklint_verify(path)
    assert result.status == "ok", result.traceback
    assert result.jobs


def test_a_plain_script_gets_no_predefined_names(sparklint_verify, tmp_path):
    script = tmp_path / "plain.py"
    script.write_text("print(spark)\n")
    result = sparklint_verify(script)
    assert result.status == "raised" and "NameError: name 'spark' is not defined" in result.traceback


class FakeSession:
    """Only for the utilities' own answers below, which never touch the session."""

    sparkContext = None


def test_widgets_answer_their_defaults_and_other_calls_say_what_they_need():
    names = notebook_globals(FakeSession(), connect=True)
    assert "sc" not in names, "Spark Connect has no SparkContext"
    dbutils = names["dbutils"]
    dbutils.widgets.dropdown("env", "dev", ["dev", "prod"])
    assert dbutils.widgets.get("env") == "dev"
    assert dbutils.widgets.getArgument("missing", "fallback") == "fallback"
    with pytest.raises(NeedsTheWorkspace, match="no widget 'other' was defined"):
        dbutils.widgets.get("other")
    with pytest.raises(NeedsTheWorkspace, match=r"`mssparkutils.credentials.getSecret\(...\)` needs the Fabric"):
        names["mssparkutils"].credentials.getSecret("vault", "key")
    with pytest.raises(SystemExit) as exited:
        dbutils.notebook.exit("done")
    assert exited.value.code == 0
