"""Readers keep one code line per input line and map every line back to the cell the user sees."""

from __future__ import annotations

import json

import libcst as cst
import pytest

from sparklint.sources import SourceError, read_source


def notebook(*cells, nbformat=4, **metadata):
    def cell(kind, text):
        return {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True), "outputs": []}
    return json.dumps({"cells": [cell(k, t) for k, t in cells], "metadata": metadata, "nbformat": nbformat,
                       "nbformat_minor": 5}).encode()


def test_jupyter_masks_magics_without_shifting_lines(tmp_path):
    data = notebook(
        ("markdown", "# Title"),
        ("code", "%pip install pandas\nimport pandas as pd\n!ls data\nfiles = !ls\ndf = pd.read_csv('x.csv')\ndf?"),
        ("code", "%%bash\necho hi\nls"),
        ("code", "%%time\ny = df.sum()"),
        ("code", "pip install numpy\ncd = 3\nprint(cd)"),
    )
    source = read_source(tmp_path / "n.ipynb", data)
    lines = source.code.splitlines()
    assert len(lines) == 6 + 3 + 2 + 3
    assert lines[1] == "import pandas as pd" and lines[4] == "df = pd.read_csv('x.csv')"
    # Line magics become statements (a block holding one is still a block), cell-magic cells comments.
    assert [lines[i] for i in (0, 2, 3, 5, 11)] == [
        "pass  # %pip install pandas", "pass  # !ls data", "pass  # files = !ls", "pass  # df?", "pass  # pip install numpy"]
    assert lines[6:10] == ["# %%bash", "# echo hi", "# ls", "pass  # %%time"]
    assert lines[10] == "y = df.sum()" and lines[12:] == ["cd = 3", "print(cd)"]
    cst.parse_module(source.code)  # masking leaves parseable code
    assert source.locate(5) == (1, 5)  # cell index counts the markdown cell
    assert source.locate(11) == (3, 2)
    assert [c.kind for c in source.cells] == ["markdown", "code", "other", "code", "code"]
    assert [(m.name, m.argument) for m in source.magics] == [("pip", "install pandas"), ("pip", "install numpy")]


def test_a_python_script_a_cell_writes_is_checked_as_python_and_other_files_are_not(tmp_path):
    data = notebook(
        ("code", "%%writefile $folder/train.py\nimport pandas as pd\ndf = pd.read_csv('x.csv')"),
        ("code", "%%writefile env.yml\nname: train\ndependencies: [pandas]"),
    )
    source = read_source(tmp_path / "n.ipynb", data)
    assert source.code.splitlines() == ["pass  # %%writefile $folder/train.py", "import pandas as pd",
                                        "df = pd.read_csv('x.csv')", "# %%writefile env.yml", "# name: train",
                                        "# dependencies: [pandas]"]
    assert [c.language for c in source.cells] == ["python", "%%writefile"]
    assert [c.script for c in source.cells] == ["$folder/train.py", None]


def test_jupyter_accepts_string_sources_and_nbformat_3(tmp_path):
    v4 = {"cells": [{"cell_type": "code", "source": "import pandas as pd\nx = 1", "metadata": {}}], "metadata": {},
          "nbformat": 4}
    assert read_source(tmp_path / "a.ipynb", json.dumps(v4).encode()).code == "import pandas as pd\nx = 1\n"
    v3 = {"worksheets": [{"cells": [{"cell_type": "code", "input": ["import numpy\n", "y = 2\n"]}]}], "nbformat": 3}
    assert read_source(tmp_path / "b.ipynb", json.dumps(v3).encode()).code == "import numpy\ny = 2\n"


def test_cells_in_other_languages_are_hidden(tmp_path):
    data = json.dumps({"cells": [
        {"cell_type": "code", "source": "val x = 1", "metadata": {"vscode": {"languageId": "scala"}}},
        {"cell_type": "code", "source": "import pandas", "metadata": {}},
    ], "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4}).encode()
    source = read_source(tmp_path / "mixed.ipynb", data)
    assert source.code == "# val x = 1\nimport pandas\n"
    assert [c.language for c in source.cells] == ["scala", "python"]


@pytest.mark.parametrize("data, message", [
    (b"{not json", "notebook is not valid JSON (line 1, column 2"),
    (b"[]", "notebook is not a JSON object"),
    (b'{"metadata": {}}', "notebook has no 'cells' list"),
    (b'{"cells": [{"cell_type": "code", "source": 3}]}', "cell 1 has a source that is neither"),
    (b'\xff\xfe{}', "notebook is not valid UTF-8"),
])
def test_broken_notebooks_give_one_clear_message(tmp_path, data, message):
    with pytest.raises(SourceError, match="^" + message.replace("(", r"\(").replace("[", r"\[")):
        read_source(tmp_path / "broken.ipynb", data)


DATABRICKS = """# Databricks notebook source
# MAGIC %md
# MAGIC # Title

# COMMAND ----------

import pandas as pd
df = pd.read_csv("x.csv")

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT 1

# COMMAND ----------

# MAGIC %python
# MAGIC pdf = spark.table("t").toPandas()

# COMMAND ----------

# MAGIC %pip install xgboost

# COMMAND ----------

# MAGIC %run ./helpers
"""


def test_databricks_cells_keep_file_lines(tmp_path):
    source = read_source(tmp_path / "nb.py", DATABRICKS.encode())
    assert source.kind == "databricks"
    lines = source.code.splitlines()
    assert len(lines) == len(DATABRICKS.splitlines())
    assert lines[7] == 'df = pd.read_csv("x.csv")'
    assert lines[17] == 'pdf = spark.table("t").toPandas()'  # a %python cell's MAGIC lines are code
    assert source.column_offsets[18] == len("# MAGIC ")
    assert [c.kind for c in source.cells] == ["markdown", "code", "other", "code", "code", "code"]  # %pip, %run: Python
    assert source.locate(8) == (1, 2)
    assert source.locate(18) == (3, 2)
    assert [(m.name, m.argument) for m in source.magics] == [("pip", "install xgboost"), ("run", "./helpers")]
    cst.parse_module(source.code)


FABRIC = """# Fabric notebook source

# METADATA ********************

# META {
# META   "kernel_info": {"name": "synapse_pyspark"}
# META }

# MARKDOWN ********************

# # Title

# CELL ********************

import pandas as pd
df = pd.read_csv("Files/x.csv")

# METADATA ********************

# META {
# META   "language": "python"
# META }

# CELL ********************

SELECT * FROM t

# METADATA ********************

# META {
# META   "language": "sparksql"
# META }
"""


def test_fabric_cells_and_languages(tmp_path):
    source = read_source(tmp_path / "notebook-content.py", FABRIC.encode())
    assert source.kind == "fabric"
    lines = source.code.splitlines()
    assert lines[15] == 'df = pd.read_csv("Files/x.csv")'
    assert lines[25] == "# SELECT * FROM t"  # a Spark SQL cell is hidden
    assert [(c.index, c.kind, c.language) for c in source.cells] == [
        (0, "markdown", "markdown"), (1, "code", "python"), (2, "other", "sql")]
    assert source.locate(16) == (1, 2)
    cst.parse_module(source.code)


def test_encodings(tmp_path):
    latin = "# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1")
    assert "café" in read_source(tmp_path / "a.py", latin).code
    with pytest.raises(SourceError, match=r"is not valid utf-8 \(byte 0xe9 at offset 11\); declare its encoding"):
        read_source(tmp_path / "b.py", "name = 'café'\n".encode("latin-1"))
    bom = read_source(tmp_path / "c.py", b"\xef\xbb\xbfimport pandas\n")
    assert bom.code == "import pandas\n" and bom.encoding == "utf-8-sig"
    with pytest.raises(SourceError, match="contains null bytes"):
        read_source(tmp_path / "d.py", b"import os\x00\n")


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_source(tmp_path / "missing.py")
    (tmp_path / "dir.py").mkdir()
    with pytest.raises(SourceError, match="is a directory"):
        read_source(tmp_path / "dir.py")
