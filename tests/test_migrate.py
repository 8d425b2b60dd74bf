"""`sparklint migrate`: the fixture training scripts translate to PySpark that compiles, keeps nothing of
pandas/scikit-learn it could translate, and marks what it cannot. That they run distributed with outputs
that agree with the original's is proven on real Spark in test_migrate_runs.py (one cluster for both)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sparklint.migrate import migrate_code, migrate_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "migrate"
SCRIPTS = sorted(p for p in FIXTURES.glob("*.py") if p.name != "make_data.py")


def test_there_are_at_least_ten_training_scripts():
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_script_migrates_to_pyspark_that_compiles(script):
    migrated = migrate_file(script).code
    compile(migrated, str(script), "exec")
    assert "import pandas" not in migrated and "sklearn" not in migrated, migrated
    assert "spark = SparkSession.builder.getOrCreate()" in migrated
    assert "VectorAssembler(" in migrated and ".fit(" in migrated
    assert migrate_code(migrated).code == migrated, "migrating twice changes nothing"


def test_comments_and_layout_around_translated_lines_are_kept():
    migrated = migrate_file(FIXTURES / "churn_logreg.py").code
    assert 'F.col("income") / (F.col("tenure") + 1))  # tenure 0 would divide by zero' in migrated
    assert migrated.startswith('"""Churn: clean, engineer a ratio')


def test_what_cannot_be_translated_stays_with_a_todo_naming_the_rule():
    code = ("import pandas as pd\n"
            "df = pd.read_csv('a.csv')\n"
            "df['ratio'] = df.apply(lambda r: r['a'] / r['b'] if r['b'] else 0, axis=1)\n"
            "df['b'] = df['b'] * 2\n")
    migrated = migrate_code(code)
    lines = migrated.code.splitlines()
    todo = lines.index("df['ratio'] = df.apply(lambda r: r['a'] / r['b'] if r['b'] else 0, axis=1)") - 1
    assert lines[todo].startswith("# TODO(sparklint): SPL2"), lines[todo]
    # Nothing ran on Spark before the untranslatable line, so the read stays pandas' own (no bridge), and
    # the line after it stays pandas too: translating it would hand a Spark frame to pandas code.
    assert "df = pd.read_csv('a.csv')" in lines and lines[-1] == "df['b'] = df['b'] * 2"
    assert "toPandas" not in migrated.code
    todos = [line for line in lines if line.startswith("# TODO(sparklint):")]
    # the row-wise apply (SPL221), and the column it and the next line write (SPL240 each)
    assert sorted(t.split()[2] for t in todos) == ["SPL221", "SPL240", "SPL240"] and migrated.todos == len(todos)


def test_known_differences_are_marked_not_hidden():
    code = ("import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            "from sklearn.model_selection import train_test_split\n"
            "df = pd.read_csv('a.csv')\nX = df[['a', 'b']]\ny = df['label']\n"
            "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)\n"
            "m = LogisticRegression(C=0.5).fit(X_tr, y_tr)\n")
    migrated = migrate_code(code).code
    assert "# TODO(sparklint): randomSplit is not stratified" in migrated
    assert "# TODO(sparklint): scikit-learn's `C=` has no exact pyspark.ml counterpart" in migrated
    assert ".setLabelCol('label')" not in migrated, "the default label column needs no setter"
    compile(migrated, "m.py", "exec")


@pytest.mark.parametrize("estimator", ["ensemble.RandomForestRegressor", "cluster.KMeans"])
def test_a_model_spark_trains_otherwise_says_how_on_the_spark_path_and_across_the_training_bridge(estimator):
    module, name = estimator.rsplit(".", 1)
    fit = f"m = {name}().fit(X_tr, y_tr)\n" if name != "KMeans" else f"m = {name}().fit(X_tr)\n"
    for printed, bridged in (("", False), ("print(m.predict(X_te))\n", True)):  # a printed prediction: the bridge
        code = (f"import pandas as pd\nfrom sklearn.{module} import {name}\n"
                "from sklearn.model_selection import train_test_split\n"
                "df = pd.read_csv('a.csv')\nX = df[['a', 'b']]\ny = df['label']\n"
                "X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)\n" + fit + printed)
        migrated = migrate_code(code).code
        assert ("training bridge" in migrated) == bridged, migrated
        assert f"pyspark.ml's {name} is not scikit-learn's model" in migrated, migrated
        compile(migrated, "m.py", "exec")


def test_pandas_on_spark_keeps_the_pandas_code():
    code = "import pandas as pd\ndf = pd.read_csv('a.csv')\ndf['b'] = df['a'] * 2\nprint(df.groupby('b').size())\n"
    migrated = migrate_code(code, api="pandas-on-spark").code
    assert migrated.startswith("import pyspark.pandas as pd\n")
    assert migrated.endswith("df['b'] = df['a'] * 2\nprint(df.groupby('b').size())\n")


def test_notebooks_migrate_cell_by_cell(tmp_path):
    cells = [
        ("markdown", "# Churn"),
        ("code", "%pip install scikit-learn"),
        ("code", "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\nfrom sklearn.metrics import r2_score"),
        ("code", "df = pd.read_csv('houses.csv')\ndf['age'] = 2024 - df['year_built']"),
        ("code", "X = df[['rooms', 'age']]\ny = df['price']\nmodel = LinearRegression()\nmodel.fit(X, y)"),
        ("code", "print(r2_score(y, model.predict(X)))"),
    ]
    notebook = {"cells": [{"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True),
                           **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                          for kind, text in cells],
                "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "houses.ipynb"
    path.write_text(json.dumps(notebook, indent=1))
    out = json.loads(migrate_file(path).code)["cells"]
    text = ["".join(c["source"]) for c in out]
    assert text[0] == "# Churn" and text[1] == "%pip install scikit-learn"
    assert "spark = SparkSession.builder.getOrCreate()" in text[2] and "sklearn" not in text[2]
    assert text[3].startswith("df = spark.read.csv('houses.csv', header=True, inferSchema=True)")
    assert 'Pipeline(stages=[VectorAssembler(inputCols=X, outputCol="features"), model.setLabelCol(\'price\')]).fit(df)' in text[4]
    assert text[5].startswith("print(RegressionEvaluator(labelCol='price'")


def test_cli_migrate_writes_the_output(tmp_path, cli):
    out = tmp_path / "spark_version.py"
    result = cli("migrate", str(FIXTURES / "fraud_tree.py"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "DecisionTreeClassifier(maxDepth=4, seed=3)" in out.read_text()


def test_columns_joined_from_two_lists_are_a_selection_never_a_filter():
    code = migrate_code('import pandas as pd\nA = ["a"]\nB = ["b"]\ndf = pd.read_csv("x.csv").dropna()\n'
                        'X = df[A + B]\nprint(X.shape)\n').code
    assert "X = df[A + B]" in code and ".filter(" not in code, code


@pytest.mark.parametrize("sort, translated", [("", False), ('df = df.sort_values(["k", "t"])\n', True),
                                             ('ordered = df.sort_values("t")\n', False)])
def test_a_group_shift_becomes_a_window_only_on_a_frame_in_a_known_order(sort, translated):
    """pandas reads the rows as they stand: a window needs the columns of the sort that put them so."""
    code = migrate_code(f'import pandas as pd\ndf = pd.read_csv("x.csv")\n{sort}'
                        'df["prev"] = df.groupby("k")["x"].shift(1)\nprint(df["prev"].sum())\n').code
    window = 'F.lag("x", 1).over(Window.partitionBy("k").orderBy('
    assert (window in code) is translated, code
    assert ('df["prev"] = df.groupby("k")["x"].shift(1)' in code) is not translated, code


@pytest.mark.parametrize("line", [
    'df["w"] = df["city"].str.contains(r"\\w+")',  # \w: Unicode letters in Python, ASCII in Java
    'df["w"] = df["city"].str.contains("(?i)paris")',  # inline flags
    'df["w"] = df["city"].str.contains("paris", case=False)',
    'df["w"] = df["tenure"].apply(lambda d: 1 if d != 30 else 0)',  # NaN != 30 is True, null != 30 is null
    'df["w"] = df["tenure"].apply(lambda d: 1 if not d < 30 else 0)',
    'df["w"] = pd.cut(df["tenure"], bins=[0, 30, 60])',  # pandas' labels are Interval objects
    'df["w"] = pd.cut(df["tenure"], bins=[0, 30, 60], labels=False, include_lowest=True)',
    'df["w"] = df["plan"].eq(df["city"])',  # NaN == NaN is False in pandas, eqNullSafe(null, null) True
])
def test_an_element_wise_shape_spark_reads_differently_stays_pandas(line):
    code = migrate_code(f'import pandas as pd\ndf = pd.read_csv("x.csv")\ndf["k"] = df["tenure"] * 2\n{line}\n'
                        'df.to_parquet("out")\n').code
    assert line in code, code
    assert ".toPandas()" in code, code


def test_a_name_bound_to_a_dict_maps_like_the_dict_itself():
    code = migrate_code('import pandas as pd\nLEVELS = {"basic": 1, "pro": 2}\ndf = pd.read_csv("x.csv")\n'
                        'df["level"] = df["plan"].map(LEVELS)\ndf.to_parquet("out")\n').code
    assert 'F.when(F.col("plan") == "basic", 1).when(F.col("plan") == "pro", 2)' in code, code


def test_rounding_keeps_pandas_halves_to_even_and_marks_decimals():
    code = migrate_code('import pandas as pd\ndf = pd.read_csv("x.csv")\ndf["a"] = df["x"].round()\n'
                        'df["b"] = df["x"].round(2)\ndf.to_parquet("out")\n').code
    assert 'F.bround(F.col("x"), 0)' in code and 'F.bround(F.col("x"), 2)' in code, code
    assert code.count("TODO(sparklint): F.bround rounds the decimal value") == 1, code


@pytest.mark.parametrize("format, translated", [
    ('"%Y-%m-%d %H:%M"', 'df.withColumn("t", F.to_timestamp(F.col("t"), "yyyy-MM-dd HH:mm"))'),
    ('"%d/%m/%Y at %H"', """df.withColumn("t", F.to_timestamp(F.col("t"), "dd/MM/yyyy 'at' HH"))"""),
    ('"%Y week %U"', None),  # the week of the year has no Spark letter
])
def test_a_date_parsed_with_a_format_is_parsed_with_spark_s_letters_for_it(format, translated):
    code = migrate_code(f'import pandas as pd\ndf = pd.read_csv("x.csv")\ndf["t"] = pd.to_datetime(df["t"], format={format})\n'
                        'df.to_parquet("out")\n').code
    assert (translated in code) if translated else f'df["t"] = pd.to_datetime(df["t"], format={format})' in code, code


def test_drop_duplicates_with_keep_first_written_out_is_the_default_and_says_so():
    code = migrate_code('import pandas as pd\ndf = pd.read_csv("x.csv")\n'
                        'df = df.drop_duplicates(subset="id", keep="first")\ndf.to_parquet("out")\n').code
    assert 'dropDuplicates(["id"])' in code and "Spark's dropDuplicates keeps any one of them" in code, code


@pytest.mark.parametrize("drop", ['df.drop(columns=["a", "b"])', 'df.drop(["a", "b"], axis=1)',
                                  'df.drop(["a", "b"], 1)', 'df.drop(["a", "b"], axis="columns")'])
def test_a_drop_of_columns_is_spark_s_drop_however_pandas_was_told_the_axis(drop):
    code = migrate_code(f'import pandas as pd\ndf = pd.read_csv("x.csv")\ndf = {drop}\ndf.to_parquet("out")\n').code
    assert 'df = df.drop("a", "b")' in code, code


def test_a_list_of_frames_used_where_no_translation_reaches_stays_pandas_or_comes_back_whole():
    listed = ("import sys\nimport pandas as pd\n"
              "parts = [pd.read_csv(p) for p in sys.argv[1:3]]\n"
              "sizes = [len(p.index) for p in parts]\n"  # row labels: no Spark form
              "df = pd.concat(parts)\n")
    code = migrate_code(listed).code
    assert "parts = [pd.read_csv(p) for p in sys.argv[1:3]]" in code and "spark.read" not in code, code
    appended = ("import sys\nimport pandas as pd\nframes = []\n"
                "for p in sys.argv[1:3]:\n    frames.append(pd.read_csv(p))\n"
                "frames.append(pd.DataFrame({'id': [1]}))\n"  # a frame built in pandas joins them
                "df = pd.concat(frames)\n")
    code = migrate_code(appended).code
    compile(code, "appended.py", "exec")
    bridge = code.index("frames = [part.toPandas() for part in frames]")
    assert code.index("frames.append(spark.read.csv(str(p), header=True, inferSchema=True))") < bridge, code
    assert bridge < code.index("frames.append(pd.DataFrame(") < code.index("df = pd.concat(frames)"), code
    assert "# TODO(sparklint): bridge — `frames` comes back to pandas" in code[:bridge].splitlines()[-1]


def test_a_grouping_of_a_frame_given_another_since_comes_back_before_it_is_made():
    code = ("import pandas as pd\ndf = pd.read_csv('a.csv').dropna(subset=['k'])\ng = df.groupby('k')\n"
            "df['n'] = g['x'].transform('count')\n"
            "df = df.fillna(0)\n"  # another object: g still groups the one before, unfilled
            "df['m'] = g['x'].transform('mean')\n")
    migrated = migrate_code(code).code
    bridge = migrated.index("df = df.toPandas()")
    assert bridge < migrated.index("g = df.groupby('k')") < migrated.index("df['n'] = g['x'].transform('count')") < (
        migrated.index("df = df.fillna(0)")), migrated
    assert "F.mean" not in migrated, migrated
