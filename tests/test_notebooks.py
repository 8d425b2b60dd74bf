"""Notebooks are checked as Jupyter, Databricks and Fabric run them: the platform's predefined
`spark`, cell languages set by a first-line magic, IPython's own transforms, and one bad cell
never costing the others. Every finding points at the user's own cell, line and column."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from sparklint.api import check_source
from sparklint.sources import read_source
from support import REPO

SCHEMA = json.loads((REPO / "src" / "sparklint" / "schemas" / "report.schema.json").read_text())
FABRIC = {"kernelspec": {"name": "synapse_pyspark", "display_name": "Synapse PySpark"},
          "language_info": {"name": "python"}, "microsoft": {"language": "python"}}
DATABRICKS = {"application/vnd.databricks.v1+notebook": {"language": "python", "notebookName": "churn"}}


def notebook(*cells: str, metadata: dict | None = None, as_list: bool = True, cell_metadata: dict | None = None):
    """nbformat 4 JSON with one code cell per text (a text starting `md:` is markdown)."""
    def cell(text: str) -> dict:
        kind = "markdown" if text.startswith("md:") else "code"
        text = text[3:] if kind == "markdown" else text
        source = text.splitlines(keepends=True) if as_list else text
        raw = {"cell_type": kind, "metadata": dict(cell_metadata or {}), "source": source}
        if kind == "code":
            raw |= {"execution_count": None, "outputs": []}
        return raw
    return json.dumps({"cells": [cell(t) for t in cells], "metadata": metadata or {}, "nbformat": 4,
                       "nbformat_minor": 5}).encode()


def check(data: bytes, name: str = "nb.ipynb"):
    return check_source(read_source(name, data))


def found(result) -> list[tuple[str, int, int, int]]:
    """(code, cell counted from 1, line in the cell, column in that line) of every finding."""
    return [(f.code, f.cell + 1, f.cell_line, f.column) for f in result.findings]


# --- 1. the predefined `spark`, whatever the notebook's file format ---------------------------

@pytest.mark.parametrize("metadata", [FABRIC, DATABRICKS, {}], ids=["fabric", "databricks", "plain"])
@pytest.mark.parametrize("as_list", [True, False], ids=["list-source", "string-source"])
def test_a_notebook_without_imports_is_checked_with_its_platform_spark(metadata, as_list):
    data = notebook(
        "md:# Churn\nLoad the lakehouse table.",
        'pdf = spark.read.format("delta").load("Tables/churn").toPandas()\nprint(len(pdf))',
        'rows = spark.table("sales").collect()',
        metadata=metadata, as_list=as_list, cell_metadata={"microsoft": {"language": "python"}} if metadata is FABRIC else None,
    )
    result = check(data)
    assert result.error is None and result.skipped is None
    assert found(result) == [("SPL601", 2, 1, 7), ("SPL602", 3, 1, 8)]
    assert result.compute is not None


def test_a_notebook_that_neither_imports_nor_uses_spark_is_skipped_not_checked():
    result = check(notebook("import os\nprint(os.getcwd())"))
    assert result.skipped == "imports nothing sparklint checks and uses no predefined `spark`"
    assert result.findings == [] and result.compute is None and result.readiness is None


# --- 2. Databricks' cell languages in its .ipynb exports --------------------------------------

LANGUAGE_CELLS = (
    "%md\n# Churn model\nThe **weekly** job.",
    "%sql\nSELECT customer_id, COUNT(*) AS n\nFROM sales\nGROUP BY customer_id",
    "%sh\nls -la /dbfs/tmp\ncat /tmp/x | wc -l",
    "%fs ls /databricks-datasets",
    "%scala\nval df = spark.table(\"sales\")\ndf.show()",
    "%r\nlibrary(SparkR)\ndf <- sql(\"SELECT 1\")",
    "%run ./setup/common",
    "%python\nimport pandas as pd\npdf = spark.table(\"sales\").toPandas()",
)


@pytest.mark.parametrize("metadata", [DATABRICKS, {}], ids=["with-export-metadata", "without"])
def test_databricks_language_magics_decide_the_cell_language(metadata):
    result = check(notebook(*LANGUAGE_CELLS, metadata=metadata))
    assert result.error is None and result.cell_errors == []
    assert found(result) == [("SPL601", 8, 3, 7)]
    assert result.other_cells == {"sql": 1, "shell": 2, "scala": 1, "r": 1}
    source = read_source("nb.ipynb", notebook(*LANGUAGE_CELLS, metadata=metadata))
    assert [c.language for c in source.cells] == ["markdown", "sql", "shell", "shell", "scala", "r", "python", "python"]
    assert [(m.name, m.argument) for m in source.magics] == [("run", "./setup/common")]


def test_the_export_metadata_says_the_platform():
    assert read_source("a.ipynb", notebook("x = 1", metadata=DATABRICKS)).platform == "databricks"
    assert read_source("b.ipynb", notebook("x = 1", metadata=FABRIC)).platform == "fabric"
    assert read_source("c.ipynb", notebook("x = 1")).platform is None


# --- 3. IPython's transforms: the finding stays on the user's text ----------------------------

@pytest.mark.parametrize("cell, expected", [
    # a cell indented as a whole: IPython strips the indent, the column is still the user's
    ("    pdf = spark.table('t').toPandas()\n    n = len(pdf)", [("SPL601", 2, 1, 11)]),
    ("\n\n\t\tpdf = spark.table('t').toPandas()", [("SPL601", 2, 3, 9)]),
    # a line magic alone in a block is a statement, not an empty block
    ("try:\n    import lightgbm\nexcept ImportError:\n    %pip install lightgbm\npdf = spark.table('t').toPandas()",
     [("SPL601", 2, 5, 7)]),
    ("if IS_COLAB:\n    !pip install -q pyspark\nrows = spark.table('t').collect()", [("SPL602", 2, 3, 8)]),
    ("for f in files:\n    listing = !ls {f}\nrows = spark.table('t').collect()", [("SPL602", 2, 3, 8)]),
    ("if True:\n    %pip install a \\\n        b\nrows = spark.table('t').collect()", [("SPL602", 2, 4, 8)]),
    # %time and %timeit run the statement after them
    ("%time pdf = spark.table('t').toPandas()", [("SPL601", 2, 1, 13)]),
    ("%timeit -n 1 -r 3 spark.table('t').collect()", [("SPL602", 2, 1, 19)]),
    ("%timeit np.fromiter((x for x in rows),\n                    dtype=float)\nrows = spark.table('t').collect()",
     [("SPL602", 2, 3, 8)]),
    ("x = !ls\ndisplay(spark.table('t'))\n%matplotlib inline\ndf?\nrows = spark.table('t').collect()",
     [("SPL602", 2, 5, 8)]),
])
def test_ipython_transforms_keep_cell_line_and_column(cell, expected):
    result = check(notebook("import numpy as np", cell))
    assert result.error is None and result.cell_errors == []
    assert found(result) == expected


def test_databricks_source_notebooks_get_the_same_transforms():
    text = ("# Databricks notebook source\n"
            "    pdf = spark.table('t').toPandas()\n"
            "# COMMAND ----------\n"
            "# MAGIC %python\n"
            "# MAGIC if True:\n"
            "# MAGIC     %pip install x\n"
            "# MAGIC rows = spark.table('t').collect()\n")
    result = check(text.encode(), "nb.py")
    assert result.cell_errors == []
    assert [(f.code, f.line, f.column) for f in result.findings] == [("SPL601", 2, 11), ("SPL602", 7, 16)]


# --- 4. notebooks and cells in other languages -------------------------------------------------

@pytest.mark.parametrize("metadata", [
    {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}, "language_info": {"name": "R"}},
    {"kernelspec": {"name": "synapse_pyspark"}, "language_info": {"name": "r"}},
], ids=["jupyter-r", "fabric-r"])
def test_a_notebook_in_r_is_skipped_and_says_so(metadata, tmp_path, cli):
    data = notebook("library(dplyr)\ndf <- read.csv('x.csv')\ndf %>% filter(x > 1)", metadata=metadata)
    result = check(data)
    assert result.skipped == "no Python cells (a notebook in R)" and result.error is None and result.compute is None
    (tmp_path / "analysis.ipynb").write_bytes(data)
    run = cli("check", "--no-cache", "--format", "json", "analysis.ipynb", cwd=tmp_path)
    assert run.returncode == 0
    document = json.loads(run.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["files"][0]["skipped"] == "no Python cells (a notebook in R)"
    assert document["summary"]["files_skipped"] == 1 and "compute" not in document["files"][0]


def test_a_python_cell_in_an_r_notebook_is_checked():
    metadata = {"kernelspec": {"name": "ir", "language": "R"}}
    result = check(notebook("df <- read.csv('x.csv')", "%python\nrows = spark.table('t').collect()", metadata=metadata))
    assert found(result) == [("SPL602", 2, 2, 8)] and result.other_cells == {"r": 1}


# --- 5. one bad cell costs that cell only -------------------------------------------------------

BAD_CELL_NOTEBOOK = notebook(
    "import pandas as pd",
    "# TODO: fill in\nsummarizer = <FILL_IN>",
    "pdf = spark.table('sales').toPandas()",
    "md:Next",
    "df = pd.read_csv('data/train.csv')",
)


def test_one_bad_cell_is_reported_and_every_other_cell_checked():
    result = check(BAD_CELL_NOTEBOOK)
    assert result.error is None
    assert result.cell_errors == ["syntax error at cell 2, line 2, column 14: invalid syntax"]
    assert found(result) == [("SPL601", 3, 1, 7), ("SPL101", 5, 1, 6)]


def test_bad_cells_in_a_databricks_source_notebook():
    text = ("# Databricks notebook source\nimport pandas as pd\n# COMMAND ----------\n"
            "model = <FILL_IN>\n# COMMAND ----------\n  x = (\n# COMMAND ----------\n"
            "df = pd.read_csv('train.csv')\n")
    result = check(text.encode(), "lab.py")
    assert result.cell_errors == ["syntax error at cell 2, line 1, column 9: invalid syntax",
                                  "syntax error at cell 3, line 1, column 7: '(' was never closed"]
    assert [(f.code, f.line) for f in result.findings] == [("SPL101", 8)]


def test_a_script_with_a_syntax_error_is_still_one_error():
    result = check(b"import pandas as pd\ndf = pd.read_csv(\n", "train.py")
    assert result.error == "syntax error at line 2, column 17: '(' was never closed" and result.findings == []


def test_bad_cells_reach_every_format_and_the_exit_code(tmp_path, cli):
    (tmp_path / "lab.ipynb").write_bytes(BAD_CELL_NOTEBOOK)
    text = cli("check", "--no-cache", "lab.ipynb", cwd=tmp_path)
    assert text.returncode == 2
    assert "lab.ipynb: error: syntax error at cell 2, line 2, column 14: invalid syntax" in text.stdout
    assert "lab.ipynb:cell 3:1:7: SPL601" in text.stdout and "1 notebook cell could not be checked." in text.stdout
    document = json.loads(cli("check", "--no-cache", "--format", "json", "lab.ipynb", cwd=tmp_path).stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["files"][0]["cell_errors"] == ["syntax error at cell 2, line 2, column 14: invalid syntax"]
    assert document["summary"]["cells_not_checked"] == 1 and document["summary"]["findings"] == 2
    sarif = json.loads(cli("check", "--no-cache", "--format", "sarif", "lab.ipynb", cwd=tmp_path).stdout)
    notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notifications] == [
        "lab.ipynb: syntax error at cell 2, line 2, column 14: invalid syntax"]
    junit = ET.fromstring(cli("check", "--no-cache", "--format", "junit", "lab.ipynb", cwd=tmp_path).stdout)
    assert junit.find(".//testcase/error").get("message").startswith("syntax error at cell 2")
    github = cli("check", "--no-cache", "--format", "github", "lab.ipynb", cwd=tmp_path).stdout
    assert "::error file=lab.ipynb,title=sparklint::syntax error at cell 2" in github


# --- 6. sessions and imports real code uses ------------------------------------------------------

@pytest.mark.parametrize("session", [
    "from databricks.connect import DatabricksSession\nspark = DatabricksSession.builder.remote().getOrCreate()",
    "from databricks.connect import DatabricksSession\nspark = DatabricksSession.builder.serverless(True).getOrCreate()",
    "from pyspark.sql import SparkSession\nspark = SparkSession.getActiveSession()",
    "from pyspark.sql import SparkSession\nspark = SparkSession.active()",
    "from pyspark.sql.connect.session import SparkSession\nspark = SparkSession.builder.remote('sc://h').getOrCreate()",
])
def test_every_way_of_getting_a_session_is_understood(session):
    result = check(f"{session}\nrows = spark.table('sales').collect()\n".encode(), "job.py")
    assert [(f.code, f.line) for f in result.findings] == [("SPL602", 3)]


def test_names_from_a_star_import_are_resolved_by_what_the_module_exports():
    code = (
        "import pandas as pd\n"
        "from pyspark.sql.functions import *\n"
        "from pyspark.sql.types import *\n"
        "def lookup(key):\n"
        "    return pd.read_csv('lookup.csv').loc[key]\n"  # runs inside the UDF, on executors
        "lookup_udf = udf(lookup, StringType())\n"
        "train = pd.read_csv('train.csv')\n"
    )
    # the UDF itself is reported (SPL611), its body is not: it runs on executors
    assert [(f.code, f.line) for f in check(code.encode(), "job.py").findings] == [("SPL611", 6), ("SPL101", 7)]


# --- 7. readers sparklint does not know by name ------------------------------------------------

@pytest.mark.parametrize("read", [
    'spark.read.synapsesql("warehouse.dbo.sales")',
    'spark.read.mltable("azureml://datastores/x/paths/y")',
    'spark.read.format("kusto").option("kustoCluster", c).kusto()',
    'spark.read.option("header", True).schema(s).format("csv").custom_connector("x")',
])
def test_any_reader_method_gives_a_spark_dataframe(read):
    code = f"from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\npdf = {read}.toPandas()\n"
    assert [f.code for f in check(code.encode(), "job.py").findings] == ["SPL601"]


def test_a_function_mapped_over_an_unknown_reader_runs_on_executors():
    code = ("import pandas as pd\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
            "def score(batches):\n    for batch in batches:\n        yield batch.merge(pd.read_csv('ref.csv'))\n"
            "out = spark.read.mltable('azureml://x').mapInPandas(score, 'id long')\n")
    assert check(code.encode(), "job.py").findings == []


# --- 8. files the gate skips say so ---------------------------------------------------------------

def test_a_skipped_file_is_counted_and_marked_in_every_format(tmp_path, cli):
    (tmp_path / "util.py").write_text("import os\nprint(os.sep)\n")
    (tmp_path / "train.py").write_text("import pandas as pd\ndf = pd.read_csv('t.csv')\n")
    text = cli("check", "--no-cache", ".", cwd=tmp_path)
    assert text.returncode == 1
    assert "Found 1 finding (1 warning) in 1 of 2 files. 1 file skipped (nothing to check)." in text.stdout
    assert "util.py:" not in text.stdout  # no estimate block for it
    document = json.loads(cli("check", "--no-cache", "--format", "json", ".", cwd=tmp_path).stdout)
    jsonschema.validate(document, SCHEMA)
    util = next(f for f in document["files"] if f["path"].endswith("util.py"))
    assert util["skipped"] == "imports nothing sparklint checks" and "compute" not in util and util["error"] is None
    assert document["summary"]["files_skipped"] == 1
    lines = [json.loads(line) for line in cli("check", "--no-cache", "--format", "json-lines", ".", cwd=tmp_path).stdout.splitlines()]
    assert [(line["path"], line["skipped"]) for line in lines if line.get("skipped")] == [
        ("util.py", "imports nothing sparklint checks")]
    junit = ET.fromstring(cli("check", "--no-cache", "--format", "junit", ".", cwd=tmp_path).stdout)
    assert junit.find("testsuite").get("skipped") == "1"
    assert junit.find(".//testcase[@name='util.py']/skipped").get("message") == "imports nothing sparklint checks"
    assert cli("check", "--no-cache", "util.py", cwd=tmp_path).returncode == 0


def test_fix_edits_the_good_cells_of_a_notebook_with_a_bad_one(tmp_path):
    from sparklint.fixes import fix_file

    path = tmp_path / "lab.ipynb"
    path.write_bytes(notebook("import pandas as pd", "model = <FILL_IN>", "df = pd.read_csv('data/train.csv')"))
    result = fix_file(path, unsafe=True)
    cells = json.loads(path.read_text())["cells"]
    assert [f.code for f in result.applied] == ["SPL101"]
    assert "".join(cells[1]["source"]) == "model = <FILL_IN>"  # left as the user wrote it
    assert "spark.read.csv('data/train.csv', header=True, inferSchema=True)" in "".join(cells[2]["source"])


def test_the_star_exports_are_pyspark_s_own_names():
    """`star_exports.json` is PySpark's, read by `scripts/star_exports.py`: no name in it is invented."""
    import importlib

    from sparklint.names import star_exports

    for module, names in star_exports().items():
        assert names and names <= set(dir(importlib.import_module(module))), module
