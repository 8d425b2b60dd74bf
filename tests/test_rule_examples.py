"""Every rule's own examples are tests: a `flagged` example is reported once on each line it marks
(`# expect: CODE`) and nowhere else; a `silent` example is not reported at all."""

from __future__ import annotations

import json

import pytest

from sparklint.api import engine_for
from sparklint.catalog import load_rules
from sparklint.context import Context
from sparklint.rule import SUGGESTION_WORDS, Example, Rule
from sparklint.sources import Source, read_source

RULES = load_rules()
ENGINE = engine_for(tuple(r.code for r in RULES))


def lines_reported(rule: Rule, example: Example) -> list[int]:
    result = ENGINE.check(Source("example.py", "python", example.code))
    assert result.error is None, result.error
    return sorted(f.line for f in result.findings if f.code == rule.code)


def suggestions_by_line(code: str, example: str) -> dict[int, str]:
    """What one rule suggests on each line of an example it reports."""
    return {f.line: f.suggestion for f in ENGINE.check(Source("example.py", "python", example)).findings if f.code == code}


def examples(kind: str) -> list:
    return [pytest.param(rule, example, id=f"{rule.code}-{example.name or f'{kind}-{number}'}")
            for rule in RULES for number, example in enumerate(getattr(rule, kind), 1)]


@pytest.mark.parametrize("rule, example", examples("flagged"))
def test_flagged_examples_are_reported_once_on_each_marked_line(rule, example):
    reported = lines_reported(rule, example)
    assert reported == sorted(example.lines), (
        f"{rule.code} reported on lines {reported}, marked {list(example.lines)}:\n{example.code}")


@pytest.mark.parametrize("rule, example", examples("silent"))
def test_silent_examples_stay_silent(rule, example):
    assert lines_reported(rule, example) == [], f"{rule.code} fired on:\n{example.code}"


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES:
        assert rule.flagged and rule.silent, rule.code


@pytest.mark.parametrize("rule", [r for r in RULES if r.match.pattern], ids=lambda r: r.code)
def test_a_pattern_fills_the_fields_it_declares(rule, monkeypatch):
    """The row's `fills` is what the catalog's template check trusts without importing the class:
    each report passes every name it declares, and a pattern that passes no call fields passes
    nothing else but the words that take the whole suggestion's place, which no template names."""
    fills = rule.fills
    passed: list[set[str]] = []
    report = Context.report

    def recording(self, reported, node, /, **fill):
        if reported is rule:
            passed.append(set(fill))
        report(self, reported, node, **fill)

    monkeypatch.setattr(Context, "report", recording)
    for example in rule.flagged:
        lines_reported(rule, example)
    assert passed
    for names in passed:
        fields = names - {SUGGESTION_WORDS}
        assert set(fills.names) <= fields and (fills.call or fields == set(fills.names)), (fills, names)


def test_a_udf_over_an_ml_vector_is_told_vector_to_array_and_others_an_arrow_udf():
    suggestions = suggestions_by_line("SPL611", (
        "from pyspark.sql import functions as F\n"
        "as_list = F.udf(lambda v: v.toArray().tolist(), 'array<double>')\n"
        "shout = F.udf(lambda s: s.upper(), 'string')\n"))
    assert "vector_to_array" in suggestions[2] and "pandas_udf(" not in suggestions[2]
    assert suggestions[3].startswith("udf(lambda s: s.upper(), 'string', useArrow=True)")  # fails on a pandas Series


def test_a_udf_of_no_column_is_told_the_built_in_that_makes_a_value_per_row():
    suggestions = suggestions_by_line("SPL611", (
        "import random\n"
        "import uuid\n"
        "from pyspark.sql import functions as F\n"
        "@F.udf('string')\n"
        "def new_id():\n"
        "    return str(uuid.uuid4())\n"
        "coin = F.udf(lambda: random.random() > 0.5, 'boolean')\n"))
    assert suggestions[4].startswith('F.expr("uuid()")  # in place of new_id()')
    assert suggestions[7].startswith("# lambda: random.random() > 0.5 takes no column: it makes one value per row")


def test_a_copy_is_its_frame_as_spark_names_it_with_the_columns_it_keeps():
    suggestions = suggestions_by_line("SPL242", (
        "import pandas as pd\n"
        "raw = pd.read_parquet('sensors/')\n"
        "clean = raw[['sensor', 'reading']].copy()\n"
        "late = raw.sort_values('time').copy()\n"))
    assert suggestions[3].startswith("raw[['sensor', 'reading']]  # Spark DataFrames are immutable")
    assert suggestions[4].startswith("sdf  # Spark DataFrames are immutable") and "raw.sort_values('time')" in suggestions[4]


def test_a_shift_of_a_frame_lags_its_column_over_one_window_that_says_it_runs_in_one_task():
    suggestions = suggestions_by_line("SPL215", (
        "import pandas as pd\n"
        "rides = pd.read_parquet('rides/')\n"
        "naive = rides['bus'].shift(7)\n"
        "change = rides.diff()\n"
        "ahead = rides['bus'].shift(-1)\n"))
    assert suggestions[3].startswith("F.lag('bus', 7).over(Window.orderBy(ts))  # diff:")
    assert "a window with no partitionBy runs in one task" in suggestions[3]
    assert suggestions[4].startswith("F.lag(col, 1).over(Window.orderBy(ts))  # diff:")
    assert suggestions[5].startswith("F.lead('bus', 1).over(Window.orderBy(ts))  # diff:")


def test_a_rolling_window_keeps_its_size_centring_span_and_aggregate():
    suggestions = suggestions_by_line("SPL213", (
        "import pandas as pd\n"
        "prices = pd.read_parquet('prices/')\n"
        "week = prices['close'].rolling(7).mean()\n"
        "year = prices.close.rolling(365, center=True).std()\n"
        "pair = prices['close'].rolling(4, center=True).sum()\n"
        "span = prices['close'].rolling('7D').max()\n"
        "window = prices['close'].rolling(n, min_periods=1)\n"))
    assert suggestions[3].startswith("F.mean('close').over(Window.orderBy(ts).rowsBetween(-6, Window.currentRow))  # ts:")
    assert "pandas leaves a row empty until its window is full" in suggestions[3]
    assert suggestions[4].startswith('F.stddev("close").over(Window.orderBy(ts).rowsBetween(-182, 182))')
    assert suggestions[5].startswith("F.sum('close').over(Window.orderBy(ts).rowsBetween(-2, 1))")
    assert suggestions[6].startswith("F.max('close').over(Window.orderBy(F.col(ts).cast(\"long\"))"
                                     ".rangeBetween(-604799, Window.currentRow))")
    assert "the row exactly '7D' before left out" in suggestions[6] and "until its window is full" not in suggestions[6]
    assert suggestions[7].startswith("F.mean('close').over(Window.orderBy(ts).rowsBetween(-(n - 1), Window.currentRow))")
    assert "F.mean for .mean(): the aggregate the code applies" in suggestions[7]


def test_a_rename_keeps_the_users_mapping_or_function_and_tells_an_index_or_a_series_apart():
    suggestions = suggestions_by_line("SPL236", (
        "import pandas as pd\n"
        "df = pd.read_parquet('events/')\n"
        "df = df.rename(columns={'ts': 'event_time'})\n"
        "df.rename(columns={target: 'actual'}, inplace=True)\n"
        "df = df.rename(str.lower, axis='columns')\n"
        "df = df.rename(index={0: 'first'})\n"
        "total = df['amount'].rename('total')\n"))
    assert suggestions[3].startswith("df.withColumnsRenamed({'ts': 'event_time'})  # Spark 3.4+")
    assert suggestions[4].startswith("df = df.withColumnsRenamed({target: 'actual'})")
    assert suggestions[5].startswith("df.toDF(*map(str.lower, df.columns))")
    assert suggestions[6].startswith("# the index's labels are renamed, which a Spark DataFrame does not have")
    assert suggestions[7].startswith("F.col('amount').alias('total')")


def test_a_frame_known_as_pandas_only_by_its_members_is_told_its_origin_decides():
    suggestions = {(f.line, f.code): f.suggestion for f in ENGINE.check(Source("example.py", "python", (
        "import pandas as pd\n"
        "def tidy(report):\n"
        "    report['share'] = report['n'] / report['n'].sum()\n"
        "    return report.loc[report['share'] > 0.1]\n"
        "orders = pd.read_parquet('orders/')\n"
        "orders['net'] = orders['gross'] - orders['tax']\n"))).findings}
    for finding in ((3, "SPL240"), (4, "SPL241")):
        assert "`report` as a Spark DataFrame if it holds a data set (where it comes from is not in this file" \
            in suggestions[finding]
    assert suggestions[(6, "SPL240")].startswith("orders = orders.withColumn('net', F.col('gross') - F.col('tax'))  # `orders` as a Spark DataFrame; the new value as a Column")


def test_a_column_of_another_frame_is_selected_from_it_not_added_with_with_column():
    suggestions = suggestions_by_line("SPL240", (
        "import pandas as pd\n"
        "shipments = pd.read_parquet('shipments/')\n"
        "summary = pd.DataFrame()\n"
        "summary['parcel'] = shipments['parcel_id']\n"
        "shipments['late'] = shipments['days'] > 3\n"
        "parcels = pd.read_parquet('parcels/')\n"
        "parcels['weight'] = shipments['weight']\n"))
    assert suggestions[4].startswith("summary = shipments.select(F.col('parcel_id').alias('parcel'), ...)  "
                                     "# `shipments` as a Spark DataFrame; a column belongs to its own DataFrame")
    assert "withColumn" not in suggestions[4]
    assert suggestions[5].startswith("shipments = shipments.withColumn('late', F.col('days') > 3)")
    # a frame of data keeps its own rows: the other's column is joined to it on a key the user names
    assert suggestions[7].startswith("parcels = parcels.join(shipments.select(key, F.col('weight').alias('weight')), "
                                     "on=key)  # `parcels` as a Spark DataFrame, `shipments` one too; ")
    assert "on key, a column both hold" in suggestions[7]


def test_create_dataframe_suggests_a_reader_only_for_data_read_from_a_file_or_a_database():
    suggestions = suggestions_by_line("SPL609", (
        "import random\n"
        "import pandas as pd\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "visits = pd.read_csv('visits.csv')\n"
        "spark.createDataFrame(visits)\n"
        "draws = [(i, random.random()) for i in range(500000)]\n"
        "spark.createDataFrame(draws, ['id', 'value'])\n"
        "def joined(left, right):\n"
        "    return pd.merge(left, right, on='id')\n"
        "spark.createDataFrame(joined(first, second))\n"
        "cursor.execute('SELECT * FROM features')\n"
        "rows = cursor.fetchall()\n"
        "spark.createDataFrame([dict(zip(names, row)) for row in rows])\n"))
    assert suggestions[6].startswith("spark.read.csv(path, header=True, inferSchema=True)  # the file `pandas.read_csv`")
    assert suggestions[8].startswith("spark.range(n).select(")
    assert suggestions[11].startswith("# build the data where it will live")
    assert suggestions[14].startswith('spark.read.format("jdbc").option("url", jdbc_url).option("query", sql)')
    assert "spark.read.parquet(" not in suggestions[8] + suggestions[11]


@pytest.mark.parametrize("engine, handed", [("import ray", True), ("import pyarrow.parquet as ray", False)])
def test_a_distributed_dataset_gathered_for_spark_is_told_to_write_its_rows_to_storage(engine, handed):
    suggestions = suggestions_by_line("SPL609", (
        f"{engine}\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "scored = ray.data.read_parquet('s3://bucket/in').map(solve)\n"
        "results = scored.to_pandas()\n"
        "print(results.iloc[0])\n"
        "spark.createDataFrame(results).write.saveAsTable('t')\n"))
    assert suggestions[7].startswith("# `scored` is gathered on the driver only to be handed to Spark") == handed


def test_a_single_partition_is_told_to_write_part_files_only_when_the_frame_is_written():
    suggestions = suggestions_by_line("SPL614", (
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "census = spark.table('census')\n"
        "one = census.repartition(1).cache()\n"
        "model = pipeline.fit(one)\n"
        "report = census.groupBy('state').count().coalesce(1)\n"
        "ordered = report.orderBy('state')\n"
        "ordered.write.csv('abfss://out@lake.dfs.core.windows.net/report')\n"
        "census.coalesce(1).write.parquet('abfss://out@lake.dfs.core.windows.net/census')\n"))
    assert suggestions[4].startswith("# drop .repartition(1) and keep the frame's own partitions")
    assert suggestions[6].startswith("census.groupBy('state').count().write.parquet(path)  # drop .coalesce(1)")
    assert suggestions[9] == ("census.write.parquet('abfss://out@lake.dfs.core.windows.net/census')  # drop .coalesce(1): "
                              "each partition writes its own part file")


def test_a_random_column_is_drawn_with_spark_never_joined_from_a_driver_array():
    suggestions = suggestions_by_line("SPL240", (
        "import numpy as np\n"
        "import pandas as pd\n"
        "plants = pd.read_parquet('plants/')\n"
        "plants['budget'] = np.abs(np.random.normal(loc=0, scale=50, size=len(plants))).astype(int)\n"
        "rng = np.random.default_rng(7)\n"
        "plants['jitter'] = rng.uniform(0, 1, len(plants))\n"
        "plants['shift'] = ['day', 'night'] * 50\n"))
    assert suggestions[4].startswith("plants = plants.withColumn('budget', F.abs((F.randn() * 50)).cast(\"int\"))  # ")
    assert suggestions[6].startswith("plants = plants.withColumn('jitter', F.rand())")  # a generator's uniform draw
    assert suggestions[7].startswith("plants = plants.join(values, on=key)")


def test_an_element_map_is_told_a_join_only_for_a_lookup_it_cannot_write_as_a_when():
    suggestions = suggestions_by_line("SPL222", (
        "import pandas as pd\n"
        "users = pd.read_csv('users.csv')\n"
        "users['region'] = users['country'].map({'FR': 'EU', 'US': 'NA'})\n"
        "nested = (users.applymap(type) == dict).all()\n"
        "users['name'] = users['name'].map(str.strip)\n"
        "users['tier'] = users['plan'].map(tiers)\n"
        "regions = pd.read_csv('regions.csv').set_index('country')['region']\n"
        "users['area'] = users['country'].map(regions)\n"))
    assert suggestions[3].startswith("F.when(F.col('country') == 'FR', 'EU').when(F.col('country') == 'US', 'NA')  # ")
    assert suggestions[8].startswith('sdf.join(F.broadcast(lookup_sdf), on=col, how="left")  # the lookup')
    assert suggestions[4].startswith("[f.name for f in sdf.schema.fields") and "join" not in suggestions[4]
    assert suggestions[5].startswith("# the function on each element as column expressions") and "join" not in suggestions[5]
    assert "a dict: that join" in suggestions[6] and "a function:" in suggestions[6]


def test_columns_named_by_a_list_are_written_with_with_columns():
    suggestions = suggestions_by_line("SPL240", (
        "import pandas as pd\n"
        "scores = pd.read_parquet('scores/')\n"
        "folds = ['fold0', 'fold1'] + ['mean']\n"
        "scores[folds] = -scores[folds]\n"
        "for fold in folds:\n"
        "    scores[fold] = scores[fold] * 2\n"))
    assert suggestions[4].startswith("scores = scores.withColumns({c: new_value for c in folds})")
    assert suggestions[6].startswith("scores = scores.withColumn(fold, F.col(fold) * 2)")  # one column per turn


def test_one_value_picked_from_another_frame_or_made_by_python_is_a_literal_in_every_row_and_a_column_is_joined():
    suggestions = suggestions_by_line("SPL240", (
        "import pandas as pd\n"
        "sales = pd.read_csv('sales.csv')\n"
        "rates = pd.read_csv('rates.csv')\n"
        "sales['rate'] = rates['rate'].values[0]\n"
        "sales['top'] = rates.at[0, 'rate']\n"
        "sales['peak'] = rates['rate'].max()\n"
        "sales['rates'] = rates['rate']\n"
        "sales['first'] = rates.iloc[0]\n"
        "sales['note'] = str(notes)\n"))
    assert suggestions[4].startswith("sales = sales.withColumn('rate', F.lit(rates['rate'].values[0]))  # ")
    assert suggestions[5].startswith("sales = sales.withColumn('top', F.lit(rates.at[0, 'rate']))  # ")
    assert suggestions[6].startswith("sales = sales.withColumn('peak', F.lit(rates['rate'].max()))  # ")
    assert "one value picked from `rates`" in suggestions[4] and "join" in suggestions[7]
    assert "F.lit(rates" not in suggestions[7] + suggestions[8]  # a column; a row
    assert suggestions[9].startswith("sales = sales.withColumn('note', F.lit(str(notes)))  # ")


def test_an_index_set_for_a_library_that_takes_an_indexed_frame_is_kept():
    suggestions = suggestions_by_line("SPL243", (
        "import pandas as pd\n"
        "from tabpfn_time_series import TimeSeriesDataFrame\n"
        "sales = pd.read_parquet('sales/')\n"
        "series = sales.set_index(['item_id', 'timestamp'])\n"
        "prices = sales.set_index(['item_id', 'timestamp'])\n"
        "train = TimeSeriesDataFrame(series)\n"))
    assert suggestions[4].startswith("# keep this index: `TimeSeriesDataFrame` takes a pandas frame indexed by its keys")
    assert suggestions[5].startswith("sdf  # a Spark DataFrame has no index")


def test_a_deduplication_keeps_the_row_pandas_keeps():
    suggestions = suggestions_by_line("SPL211", (
        "import pandas as pd\n"
        "visits = pd.read_csv('visits.csv')\n"
        "everyone = visits.drop_duplicates()\n"
        "anyone = visits.drop_duplicates(subset=['user'])\n"
        "recent = visits.sort_values('at', ascending=False)\n"
        "latest = recent.drop_duplicates(subset=['user'])\n"
        "oldest = visits.sort_values('at').drop_duplicates('user', keep='last')\n"
        "once = visits.drop_duplicates(['user'], keep=False)\n"))
    assert suggestions[3].startswith("visits.dropDuplicates()  # whole rows")
    assert suggestions[4].startswith("visits.dropDuplicates(['user'])  # keeps one row of each group, not the first")
    assert suggestions[6].startswith("recent.withColumn(\"_n\", F.row_number().over(Window.partitionBy(['user'])"
                                     ".orderBy(F.desc(\"at\")))).filter(\"_n = 1\")")
    assert ".orderBy(F.desc(\"at\"))" in suggestions[7]  # the last of an ascending sort comes first
    assert suggestions[8].startswith("visits.withColumn(\"_n\", F.count(\"*\").over(Window.partitionBy(['user'])))")


def test_a_csv_read_keeps_its_separator_and_header():
    suggestions = suggestions_by_line("SPL101", (
        "import pandas as pd\n"
        "plain = pd.read_csv('s3://lake/plain.csv')\n"
        "semi = pd.read_csv('s3://lake/semi.csv', sep=';')\n"
        "bare = pd.read_csv('s3://lake/bare.csv', header=None, names=['day', 'sales'])\n"
        "spaced = pd.read_csv('s3://lake/spaced.txt', sep=r'\\s+')\n"))
    assert suggestions[2] == "spark.read.csv('s3://lake/plain.csv', header=True, inferSchema=True)"
    assert suggestions[3] == "spark.read.csv('s3://lake/semi.csv', sep=';', header=True, inferSchema=True)"
    assert suggestions[4].startswith("spark.read.csv('s3://lake/bare.csv', header=False, inferSchema=True)  # "
                                     ".toDF(*['day', 'sales'])")
    assert "Spark splits on one character" in suggestions[5] and "sep=" not in suggestions[5].split("#")[0]


def test_a_workbook_read_keeps_its_sheet_and_reads_the_path_a_workbook_was_opened_from():
    suggestions = suggestions_by_line("SPL104", (
        "import pandas as pd\n"
        "book = pd.ExcelFile('s3://lake/book.xlsx')\n"
        "for sheet in book.sheet_names:\n"
        "    part = pd.read_excel(book, sheet_name=sheet)\n"
        "bare = pd.read_excel('s3://lake/bare.xlsx', '2024', header=None)\n"
        "third = pd.read_excel('s3://lake/book.xlsx', 2)\n"))
    reader = 'spark.read.format("com.crealytics.spark.excel")'
    code = {line: suggestion.partition("  # ")[0] for line, suggestion in suggestions.items()}
    assert code[4] == reader + '.options(header=True, dataAddress=f"\'{sheet}\'!A1").load(\'s3://lake/book.xlsx\')'
    assert code[5] == reader + '.options(header=False, dataAddress="\'2024\'!A1").load(\'s3://lake/bare.xlsx\')'
    assert code[6] == reader + ".options(header=True).load('s3://lake/book.xlsx')"
    assert suggestions[6].endswith("; the sheet at index 2: spark-excel names it, dataAddress=\"'<its name>'!A1\"")
    assert all("needs the spark-excel library (Maven com.crealytics:spark-excel) installed on the cluster" in suggestion
               for suggestion in suggestions.values())


def test_a_path_built_on_a_driver_folder_or_joined_relative_is_a_file_spark_must_find_elsewhere():
    suggestions = suggestions_by_line("SPL101", (
        "import os, tempfile\n"
        "import pandas as pd\n"
        "folder = tempfile.mkdtemp()\n"
        "scores = os.path.join(folder, 'run', 'scores.csv')\n"
        "a = pd.read_csv(scores)\n"
        "with tempfile.TemporaryDirectory() as scratch:\n"
        "    b = pd.read_csv(f'{scratch}/b.csv')\n"
        "c = pd.read_csv(os.path.join(os.path.dirname(__file__), 'c.csv'))\n"
        "d = pd.read_csv(os.path.join('data', 'd.csv'))\n"
        "e = pd.read_csv(os.path.join(lake_root, 'e.csv'))\n"
        "from pathlib import Path\n"
        "import tensorflow as tf\n"
        "fetched = Path(tf.keras.utils.get_file('rides.tgz', 'https://example.com/rides.tgz', extract=True))\n"
        "f = pd.read_csv(fetched.with_name('rides') / 'daily.csv')\n"
        "lake = Path('s3://lake') / 'g.csv'\n"
        "g = pd.read_csv(lake)\n"
        "here = Path() / 'datasets'\n"
        "h = pd.read_csv(str(here / 'h.csv'))\n"))
    assert suggestions[5].startswith('spark.read.csv("<scores.csv copied to storage the cluster reads, such as ')
    assert "the code puts it in a folder on the driver's own disk" in suggestions[5]
    assert suggestions[7].startswith('spark.read.csv("<b.csv copied to storage')
    assert "the script's own folder" in suggestions[8]
    assert suggestions[9].startswith('spark.read.csv("<data/d.csv copied to storage') and "a relative path" in suggestions[9]
    assert suggestions[10].startswith("spark.read.csv(os.path.join(lake_root, 'e.csv'), header=True")
    assert suggestions[14].startswith('spark.read.csv("<daily.csv copied to storage')
    assert suggestions[16].startswith("spark.read.csv(str(lake), header=True")
    assert suggestions[18].startswith('spark.read.csv("<h.csv copied to storage')



def test_a_path_the_code_gets_from_a_function_is_told_it_must_name_storage_the_cluster_reads():
    suggestions = suggestions_by_line("SPL101", (
        "import pandas as pd\n"
        "scores = fetch_output(run, 'scores.csv')\n"
        "frame = pd.read_csv(scores)\n"
        "known = pd.read_csv('abfss://lake@acct.dfs.core.windows.net/known.csv')\n"))
    assert suggestions[3] == ("spark.read.csv(scores, header=True, inferSchema=True)  # `scores` must name storage the "
                              "cluster reads: a file the code put on the driver's own disk is copied there first")
    assert "must name storage" not in suggestions[4]


def test_a_databricks_path_of_unknown_text_may_be_the_dbfs_mount_spark_names_otherwise():
    code = ("import pandas as pd\n"
            "talks = pd.read_parquet(f'{DA.paths.datasets}/talks.parquet')\n"
            "local = pd.read_parquet('/Volumes/main/raw/talks.parquet')\n")
    suggestions = {f.line: f.suggestion for f in ENGINE.check(Source("x.py", "python", code, platform="databricks")).findings}
    assert suggestions_by_line("SPL102", code)[2] == "spark.read.parquet(f'{DA.paths.datasets}/talks.parquet')"
    assert suggestions[2] == ("spark.read.parquet(f'{DA.paths.datasets}/talks.parquet')  # a /dbfs/... path (DBFS as "
                              "pandas reads it) is dbfs:/... to Spark: (f'{DA.paths.datasets}/talks.parquet')"
                              '.replace("/dbfs", "dbfs:", 1)')
    assert suggestions[3] == "spark.read.parquet('/Volumes/main/raw/talks.parquet')"


def test_a_concat_says_what_its_keywords_do_that_a_union_or_a_join_does_not():
    code = ("import pandas as pd\n"
            "a, b = pd.read_csv('s3://x/a.csv'), pd.read_csv('s3://x/b.csv')\n"
            "checked = pd.concat([a, b], verify_integrity=True)\n"
            "labelled = pd.concat([a, b], keys=['a', 'b'], join='inner')\n"
            "wide = pd.concat([a, b], axis=1, join='inner', keys=['a', 'b'])\n"
            "plain = pd.concat([a, b])\n")
    rows, sides = suggestions_by_line("SPL204", code), suggestions_by_line("SPL218", code)
    assert rows[3].endswith("; verify_integrity: a Spark DataFrame has no index to check; count the key column's duplicates")
    assert 'keys=: pandas labels each frame\'s rows; add the label as a column first, .withColumn("key", F.lit(k)); ' \
           'join="inner": select the columns every frame has' in rows[4]
    assert sides[5].endswith('; join="inner": how="inner"') and "keys=" not in sides[5]
    assert "verify_integrity" not in rows[6] and "keys=" not in rows[6]
    assert rows[6].startswith("functools.reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), [a, b])")


def test_a_concat_of_pandas_frames_no_reader_reads_is_a_union_of_spark_frames_made_from_them():
    rows = suggestions_by_line("SPL204", (
        "import numpy as np\n"
        "import pandas as pd\n"
        "normal = pd.DataFrame({'amount': np.random.rand(size)})\n"
        "fraud = pd.DataFrame({'amount': np.random.rand(size) * 9})\n"
        "both = pd.concat([normal, fraud], ignore_index=True)\n"))
    assert rows[5].startswith("functools.reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), "
                              "[spark.createDataFrame(normal), spark.createDataFrame(fraud)])")


def test_a_pivot_keeps_its_aggregate_and_its_parts_given_by_position():
    suggestions = suggestions_by_line("SPL205", (
        "import pandas as pd\n"
        "trips = pd.read_csv('s3://lake/trips.csv')\n"
        "a = trips.pivot_table('fare', ['city', 'day'], 'hour')\n"
        "b = trips.pivot_table(index='city', columns='hour', values='fare', aggfunc='sum')\n"
        "c = trips.pivot(index='day', columns='city', values='fare')\n"
        "d = trips.pivot_table('fare', 'city', ['hour', 'kind'])\n"))
    assert suggestions[3].startswith("trips.groupBy('city', 'day').pivot('hour').agg(F.mean('fare'))  # the pandas "
                                     "aggregation (`mean`)")
    assert suggestions[4].startswith("trips.groupBy('city').pivot('hour').agg(F.sum('fare'))")
    assert suggestions[5].startswith("trips.groupBy('day').pivot('city').agg(F.first('fare'))")
    assert suggestions[6].startswith("trips.groupBy('city').pivot(\"pivot_key\").agg(F.mean('fare'))")
    assert suggestions[6].endswith('.withColumn("pivot_key", F.concat_ws("_", \'hour\', \'kind\')) first')


def test_a_crosstab_of_two_columns_of_one_frame_is_spark_s_crosstab():
    suggestions = suggestions_by_line("SPL206", (
        "import pandas as pd\n"
        "trips = pd.read_csv('s3://lake/trips.csv')\n"
        "counts = pd.crosstab(trips.city, trips['kind'])\n"
        "shares = pd.crosstab(trips.city, trips['kind'], normalize='index')\n"))
    assert suggestions[3].startswith('trips.crosstab("city", \'kind\')  # a count per pair')
    assert ".crosstab(" not in suggestions[4].split("  #")[0]


def test_a_downloaded_archive_is_extracted_before_spark_reads_what_is_inside():
    code = ("import urllib.request\n"
            "urllib.request.urlretrieve('https://example.org/rides.tgz', 'data/rides.tgz')\n"
            "urllib.request.urlretrieve('https://example.org/rides.csv', 'data/rides.csv')\n")
    suggestions = suggestions_by_line("SPL803", code)
    assert suggestions[2].startswith("# extract rides.tgz once and copy the files inside to storage every executor "
                                     "reads, such as ") and "/rides/, then read them there with the reader of their " \
                                                            "kind (spark.read.csv(folder, header=True) or spark.read.parquet(folder) for tables" in suggestions[2]
    assert suggestions[3].startswith("# copy the file once to storage every executor reads")
    on_volumes = {f.line: f.suggestion for f in engine_for(("SPL803",)).check(Source("x.py", "python", code), "databricks").findings}
    assert on_volumes[2].endswith('; extract the archive there, and Spark reads the files inside as '
                                  '"/Volumes/<catalog>/<schema>/<volume>/rides/"')


def test_a_dataset_registered_again_from_its_pandas_copy_is_registered_as_a_spark_frame():
    suggestions = suggestions_by_line("SPL109", (
        "from azureml.core import Dataset\n"
        "copy = Dataset.Tabular.register_pandas_dataframe(\n"
        "    trips.to_pandas_dataframe(), target=(store, 'trips'), name='trips')\n"))
    assert suggestions[3].startswith("Dataset.Tabular.register_spark_dataframe(trips.to_spark_dataframe(), "
                                     "target=(store, 'trips'), name='trips')  #")


def test_a_dataset_read_whole_is_read_as_a_spark_frame_from_the_same_dataset():
    suggestions = suggestions_by_line("SPL109", (
        "from azureml.core import Run\n"
        "images = Run.get_context().input_datasets['images']\n"
        "(train, test) = images.random_split(percentage=0.8, seed=1)\n"
        "rows = train.to_pandas_dataframe()\n"))
    assert suggestions[4].startswith("train.to_spark_dataframe()  #")


def test_a_column_filtered_is_its_frame_filtered_then_the_column_selected():
    suggestions = suggestions_by_line("SPL241", (
        "import pandas as pd\n"
        "towns = pd.read_parquet('towns/')\n"
        "unmapped = towns['name'][towns['area'].isna()]\n"
        "large = towns[towns['area'] > 100]\n"
        "smallest = towns[towns['area'] == towns['area'].min()]\n"))
    assert suggestions[3].startswith("sdf.filter(F.col('area').isNull()).select('name')  # sdf: `towns` as a Spark DataFrame")
    assert suggestions[4].startswith("sdf.filter(F.col('area') > 100)  # sdf: `towns` as a Spark DataFrame")
    assert suggestions[5].startswith("sdf.filter(F.col('area') == F.lit(sdf.select(F.min('area')).first()[0]))")


def test_the_first_row_a_mask_keeps_is_first_and_a_lookup_per_pass_of_a_loop_is_told_its_jobs():
    suggestions = suggestions_by_line("SPL241", (
        "import pandas as pd\n"
        "towns = pd.read_parquet('towns/')\n"
        "biggest = towns[towns['area'] > 100].iloc[0]\n"
        "for region in regions:\n"
        "    town = towns[towns['area'] > 10].iloc[0]\n"
        "    towns_kept = towns[towns['area'] > 5].iloc[1]\n"))
    assert suggestions[3].startswith("sdf.filter(F.col('area') > 100).first()  # sdf: `towns` as a Spark DataFrame")
    assert "one Spark job per pass" not in suggestions[3] and "one Spark job per pass of the loop" in suggestions[5]
    assert suggestions[6].startswith("sdf.filter(F.col('area') > 5)  #")


def test_a_column_taken_from_an_unknown_value_is_told_a_frame_is_joined():
    suggestions = suggestions_by_line("SPL240", (
        "import numpy as np, pandas as pd\n"
        "towns = pd.read_parquet('towns/')\n"
        "bands = forecaster.quantiles(towns)\n"
        "towns['band'] = bands['band']\n"
        "towns['label'] = texts.apply(lambda t: classifier.label(t))\n"
        "towns['ratio'] = np.log(towns['band'])\n"))
    assert suggestions[4].startswith("towns = towns.withColumn('band', new_value)")
    assert "if `bands` is another frame, its column cannot be given to withColumn: join `bands`" in suggestions[4]
    assert "if `texts` is another frame, its column cannot be given to withColumn: join `texts`" in suggestions[5]
    assert "another frame" not in suggestions[6]


def test_rows_pulled_then_walked_to_call_a_service_are_items_to_act_on():
    suggestions = suggestions_by_line("SPL602", (
        "import requests\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "grants = spark.sql('select * from grants').collect()\n"
        "for number, grant in enumerate(grants):\n"
        "    requests.post('https://api.example.com/grants', json=grant.asDict())\n"
        "events = spark.sql('select * from events').collect()\n"
        "total = sum(event.amount for event in events)\n"))
    assert suggestions[4].startswith("# nothing to change for a list of items to act on")
    assert suggestions[7].startswith("# keep the work on the cluster")


def test_a_loop_over_groups_is_told_each_group_runs_on_an_executor_not_an_aggregation():
    suggestions = suggestions_by_line("SPL201", (
        "import pandas as pd\n"
        "sales = pd.read_parquet('sales/')\n"
        "for store, rows in sales.groupby('store'):\n"
        "    rows.to_csv(f'{store}.csv')\n"
        "totals = sales.groupby('store')['amount'].sum()\n"))
    assert suggestions[3].startswith("sales.groupBy('store').applyInPandas(per_group, schema)  # the loop's body")
    assert suggestions[5].startswith("sales.groupBy('store').agg(F.sum('amount').alias('amount'))")


def test_a_loop_that_only_gathers_the_groups_is_told_the_frame_needs_no_split():
    """Each group appended to a list unchanged is all the loop does: no function to run per group on an executor."""
    suggestions = suggestions_by_line("SPL201", (
        "import pandas as pd\n"
        "sales = pd.read_parquet('sales/')\n"
        "parts = []\n"
        "for _, part in sales.groupby('store'):\n"
        "    parts.append(part)\n"
        "for _, part in sales.groupby('day'):\n"
        "    parts.append(part.head(3))\n"))
    assert suggestions[4].startswith("# the loop only puts each group of 'store' in `parts`, unchanged: a Spark "
                                     "DataFrame needs no split, keep sales whole")
    assert suggestions[6].startswith("sales.groupBy('day').applyInPandas(per_group, schema)")


def test_frames_a_loop_makes_by_calling_code_are_told_the_loop_moves_not_a_union():
    suggestions = suggestions_by_line("SPL204", (
        "import pandas as pd\n"
        "plans = []\n"
        "for site in sites:\n"
        "    plan = optimiser.solve(network, site)\n"
        "    plans.append(plan)\n"
        "plans = pd.concat(plans, ignore_index=True)\n"
        "parts = []\n"
        "for path in paths:\n"
        "    parts.append(pd.read_parquet(path))\n"
        "whole = pd.concat(parts)\n"))
    assert suggestions[6].startswith("# the frames in `plans` are made one at a time by a loop on the driver "
                                     "(`optimiser.solve`)")
    assert suggestions[10].startswith("# the frames in `parts` are files a loop reads one at a time (`pd.read_parquet`): "
                                      "one Spark read of them all")


def test_frames_made_one_per_group_are_told_the_loop_moves_and_replies_of_a_service_are_not_reported():
    code = (
        "import pandas as pd\n"
        "import requests\n"
        "forecasts = pd.read_parquet('forecasts/')\n"
        "scores = []\n"
        "for series, part in forecasts.groupby('series'):\n"
        "    errors = {'mae': (part.actual - part.predicted).abs().mean()}\n"
        "    scores.append(pd.DataFrame(list(errors.items()), columns=['metric', 'value']).assign(series=series))\n"
        "scores = pd.concat(scores)\n"
        "pages = []\n"
        "for app in ['sales', 'stock']:\n"
        "    reply = requests.get(f'https://api.example.com/apps/{app}/reports', timeout=30)\n"
        "    pages.append(pd.DataFrame(reply.json()['value']))\n"
        "reports = pd.concat(pages, ignore_index=True)\n")
    suggestions = suggestions_by_line("SPL204", code)
    assert suggestions[8].startswith("# the frames in `scores` are made one at a time by a loop on the driver "
                                     "(`forecasts.groupby('series')`)")
    assert 13 not in suggestions


def test_a_vector_udf_is_told_what_remains_after_its_values_and_a_stage_keeps_a_udf():
    suggestions = suggestions_by_line("SPL611", (
        "from pyspark.sql.functions import udf\n"
        "from pyspark.sql.types import ArrayType, DoubleType, IntegerType\n"
        "def second(vector):\n"
        "    return float(vector[1])\n"
        "stage = UDFTransformer().setInputCol('probability').setUDF(udf(second, DoubleType()))\n"
        "best = udf(lambda v: (-v.toArray()).argsort()[:3].tolist(), ArrayType(IntegerType()))\n"
        "values = udf(lambda v: v.toArray().tolist(), ArrayType(DoubleType()))\n"
        "picked = udf(lambda v, at: v.toArray()[at].tolist(), ArrayType(DoubleType()))\n"))
    assert suggestions[5].startswith("scored.withColumn(output_column, vector_to_array(F.col(column))[1])  # the stage")
    assert suggestions[6].startswith("vector_to_array(F.col(column))  #") and "F.array_sort" in suggestions[6]
    assert suggestions[7].startswith("vector_to_array(F.col(column))  #") and "F.array_sort" not in suggestions[7]
    assert "F.transform(positions, lambda i: values[i])" in suggestions[8]


def test_a_date_parsed_from_its_day_alone_is_a_date_in_spark():
    suggestions = suggestions_by_line("SPL237", (
        "import pandas as pd\n"
        "rides = pd.read_parquet('rides/')\n"
        "rides['day'] = pd.to_datetime(rides['pickup'].dt.date)\n"
        "rides['at'] = pd.to_datetime(rides['pickup'])\n"))
    assert suggestions[3].startswith("F.to_date(F.col('pickup'))  # the day alone")
    assert suggestions[4].startswith("F.to_timestamp(F.col('pickup'))")


def test_a_split_is_weighted_as_scikit_learn_splits():
    suggestions = suggestions_by_line("SPL450", (
        "from sklearn.model_selection import train_test_split\n"
        "halves = train_test_split(X, y)\n"
        "fifths = train_test_split(X, y, test_size=0.2, random_state=7)\n"
        "counted = train_test_split(X, y, test_size=500)\n"))
    assert suggestions[2].startswith("train_df, test_df = sdf.randomSplit([0.75, 0.25])  #")  # scikit-learn's default
    assert suggestions[3].startswith("train_df, test_df = sdf.randomSplit([0.8, 0.2], seed=7)  #")
    assert suggestions[4].startswith("train_df, test_df = sdf.randomSplit([1 - 500 / sdf.count(), 500 / sdf.count()])  #")


def test_the_first_row_of_a_collect_is_told_first():
    suggestions = suggestions_by_line("SPL602", (
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "items = spark.table('items')\n"
        "name, owner = items.filter(\"id == 'a1'\").collect()[0][1:3]\n"
        "rows = items.collect()\n"))
    assert suggestions[4].startswith("items.filter(\"id == 'a1'\").first()  # the first row alone")
    assert suggestions[5].startswith("# keep the work on the cluster")


def test_the_first_row_of_one_key_is_a_lookup_told_first_and_of_another_column_a_warning():
    result = ENGINE.check(Source("example.py", "python", (
        "from pyspark.sql import SparkSession, functions as F\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "items = spark.table('items')\n"
        "for old_id in spark.table('moves').toLocalIterator():\n"
        "    name = items.filter(f\"old_item_id=='{old_id}'\").collect()[0][1]\n"
        "    owner = items.where(F.col('itemId') == old_id).collect()[0]\n"
        "    sale = items.filter(\"country = 'US'\").collect()[0]\n"
        "    later = items.where(F.col('item_id') >= old_id).collect()[0]\n")))
    pulls = [(f.line, f.severity, "a lookup" in f.message, f.suggestion.split("  #")[0])
             for f in result.findings if f.code == "SPL602"]
    assert pulls == [
        (5, "info", True, "items.filter(f\"old_item_id=='{old_id}'\").first()"),
        (6, "info", True, "items.where(F.col('itemId') == old_id).first()"),
        (7, "warning", False, "items.filter(\"country = 'US'\").first()"),
        (8, "warning", False, "items.where(F.col('item_id') >= old_id).first()"),
    ]


def test_a_date_parsed_from_digits_computed_as_a_number_is_cast_to_text_first():
    suggestions = suggestions_by_line("SPL237", (
        "import pandas as pd\n"
        "births = pd.read_csv('s3://lake/births.csv')\n"
        "births['day'] = pd.to_datetime(10000 * births.year + 100 * births.month + births.day, format='%Y%m%d')\n"))
    assert suggestions[3].startswith('F.to_timestamp(F.col("column").cast("string"), "yyyyMMdd")  # column:')


def test_what_a_line_reads_of_a_parsed_date_is_taken_from_the_timestamp():
    suggestions = suggestions_by_line("SPL237", (
        "import pandas as pd\n"
        "orders = pd.read_csv('s3://lake/orders.csv')\n"
        "orders['yyyy'] = pd.to_datetime(orders['placed']).dt.strftime('%Y')\n"
        "orders['month'] = pd.to_datetime(orders['placed']).dt.month\n"
        "orders['weekday'] = pd.to_datetime(orders['placed']).dt.dayofweek\n"))
    assert suggestions[3] == "F.date_format(F.to_timestamp(F.col('placed')), \"yyyy\")"
    assert suggestions[4] == "F.month(F.to_timestamp(F.col('placed')))"
    assert suggestions[5] == "((F.dayofweek(F.to_timestamp(F.col('placed'))) + 5) % 7)"  # pandas counts from Monday=0


def test_a_timedelta_read_as_a_number_is_told_from_the_two_timestamps():
    suggestions = suggestions_by_line("SPL239", (
        "import pandas as pd\n"
        "trips = pd.read_parquet('s3://lake/trips/')\n"
        "trips['seconds'] = (trips['ended'] - trips['started']).dt.total_seconds()\n"
        "took = trips['ended'] - trips['started']\n"
        "trips['days'] = took.dt.days\n"
        "trips['hour'] = trips['started'].dt.hour\n"))
    assert suggestions[3].startswith("(F.unix_micros(F.col('ended')) - F.unix_micros(F.col('started'))) / 1000000  # ")
    assert suggestions[5].startswith('F.floor((F.unix_micros(F.col("end")) - F.unix_micros(F.col("start"))) / '
                                     '86400000000)  # `took.dt.days` of the difference of two timestamps; end, start:')
    assert suggestions[6].startswith("F.hour(F.col('started'))  # ")


def test_a_column_copied_is_called_a_column_and_a_cast_computed_on_the_way_is_translated_whole():
    example = (
        "import pandas as pd\n"
        "gold = pd.read_parquet('s3://lake/gold/')\n"
        "gold['score'] = (gold['velocity'] > 0).astype(int) * 15\n"
        "gold['roaming'] = gold['roaming'].fillna(False).astype(int)\n"
        "labels = gold['label'].copy()\n"
        "recent = gold[gold['year'] > 2020].copy()\n")
    messages = {(f.line, f.code): f.message for f in ENGINE.check(Source("example.py", "python", example)).findings}
    assert messages[3, "SPL232"].endswith("copies the whole column with new types on the driver")
    assert messages[4, "SPL230"].endswith("rewrites the whole column on the driver")
    assert messages[5, "SPL242"].endswith("makes a second full copy of the column in the driver's memory")
    assert messages[6, "SPL242"].endswith("makes a second full copy of the frame in the driver's memory")
    suggestions = suggestions_by_line("SPL232", example)
    assert suggestions[3].startswith("(F.col('velocity') > 0).cast(\"int\")  # `(gold['velocity'] > 0).astype(int)` as "
                                     "a Column of `gold` as a Spark DataFrame")
    assert suggestions[4].startswith("F.coalesce(F.col('roaming'), F.lit(False)).cast(\"int\")  # ")


def test_groups_merged_side_by_side_are_told_a_pivot_and_groups_kept_apart_a_function_per_group():
    suggestions = suggestions_by_line("SPL307", (
        "import pandas as pd\n"
        "def wide(scores):\n"
        "    table = None\n"
        "    for run, part in scores.groupby('run'):\n"
        "        part = part.set_index('metric')[['value']]\n"
        "        table = part if table is None else pd.merge(table, part, left_index=True, right_index=True)\n"
        "    for run, part in scores.groupby('run'):\n"
        "        part.to_csv(f'{run}.csv')\n"
        "    return table\n"))
    assert suggestions[4].startswith("""sdf.groupBy(row_key).pivot('run').agg(F.first(value))  # the loop merges""")
    assert suggestions[7].startswith("""sdf.groupBy('run').applyInPandas(fn, schema)  # """)


def test_keras_in_a_task_of_a_multi_machine_job_is_an_info_in_its_own_cell_only():
    cells = [
        "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.fit(x, y)\n",
        "%%writefile task.py\nimport json, os\nimport tensorflow as tf\nconfig = json.loads(os.environ['TF_CONFIG'])\n"
        "strategy = tf.distribute.MultiWorkerMirroredStrategy()\nwith strategy.scope():\n"
        "    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.fit(x, y)\n",
    ]
    notebook = json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    found = {(f.cell, f.code): f for f in ENGINE.check(read_source("job.ipynb", notebook.encode())).findings}
    local, task = found[0, "SPL902"], found[1, "SPL902"]
    assert local.severity == "warning" and "TF_CONFIG" not in local.message
    assert task.severity == "info" and task.message.endswith("and a Spark cluster starts none")
    assert task.suggestion.startswith("# on Spark, MirroredStrategyRunner(num_slots=..., use_custom_strategy=True)")


def test_keras_in_a_process_of_a_horovod_job_is_an_info_told_horovod_on_spark():
    found = {f.code: f for f in ENGINE.check(Source("train.py", "python", (
        "import tensorflow as tf\n"
        "import horovod.tensorflow.keras as hvd\n"
        "hvd.init()\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
        "model.compile(optimizer=hvd.DistributedOptimizer(tf.keras.optimizers.Adam()), loss='mse')\n"
        "model.fit(x, y)\n"))).findings}
    fit = found["SPL902"]
    assert fit.severity == "info" and "a process of a Horovod job (it calls hvd.init())" in fit.message
    assert fit.suggestion.startswith("# on Spark, horovod.spark.run(train_fn, num_proc=...) starts the job's processes")


@pytest.mark.parametrize("submit, submitted", [
    ("from google.cloud import aiplatform\njob = aiplatform.CustomJob.from_local_script(script_path='trial.py')\n", True),
    ("from google.cloud import aiplatform\njob = aiplatform.CustomJob.from_local_script(script_path='other.py')\n", False),
    ("import subprocess\nsubprocess.run(['python', 'trial.py'])\n", False),
])
def test_a_script_a_notebook_hands_to_a_cloud_job_is_an_info_that_says_where_it_runs(submit, submitted):
    """The cell that writes `trial.py` is that script: a cloud service's job given it runs it on its own machines."""
    cells = ["%%writefile trial.py\nimport tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
             "model.fit(x, y)\n", submit]
    notebook = json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    found = {(f.cell, f.code): f for f in ENGINE.check(read_source("trials.ipynb", notebook.encode())).findings}
    fit = found[0, "SPL902"]
    assert (fit.severity, "a script this notebook hands to a cloud service's job" in fit.message) == (
        ("info", True) if submitted else ("warning", False))


def test_groups_only_counted_are_told_a_distinct_count():
    suggestions = suggestions_by_line("SPL201", (
        "import pandas as pd\n"
        "sales = pd.read_parquet('sales/')\n"
        "stores = sales.groupby(['region', 'store']).ngroups\n"))
    assert suggestions[3].startswith("sales.select(['region', 'store']).distinct().count()  # the number of groups")


def test_a_cast_of_a_column_computed_into_a_name_is_a_column_cast():
    suggestions = suggestions_by_line("SPL232", (
        "import pandas as pd\n"
        "devices = pd.read_csv('s3://lake/devices.csv')\n"
        "emulated = devices['model'].str.contains('x86')\n"
        "devices['score'] = emulated.astype(int) * 12\n"
        "numbers = devices.astype(float)\n"))
    assert suggestions[4].startswith('F.col("column").cast("int")  # "column": `devices[\'model\'].str.contains(\'x86\')`')
    assert suggestions[5].startswith('devices.withColumns({c: F.col(c).cast("double") for c in devices.columns})')


def test_a_runner_is_given_the_enclosing_function_only_when_it_can_call_it():
    suggestions = suggestions_by_line("SPL902", (
        "import tensorflow as tf\n"
        "def train():\n"
        "    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
        "    model.fit(features, labels, epochs=5)\n"
        "def fit_and_evaluate(model, train_set):\n"
        "    return model.fit(train_set, epochs=5)\n"))
    assert ".run(train)  #" in suggestions[4]
    assert ".run(train_fn)  #" in suggestions[6]


def test_a_drop_names_the_columns_it_drops():
    suggestions = suggestions_by_line("SPL235", (
        "import pandas as pd\n"
        "staff = pd.read_csv('s3://lake/staff.csv')\n"
        "kept = staff.drop(columns=['Over18', 'EmployeeCount'])\n"
        "fewer = staff.drop('Over18', axis=1)\n"
        "named = staff.drop(columns=unused)\n"
        "rows = staff.drop([0, 1])\n"
        "old = staff.drop('Over18', 1)\n"
        "target = 'Attrition'\n"
        "features = staff.drop(columns=target)\n"))
    assert suggestions[3].startswith("staff.drop('Over18', 'EmployeeCount')  #")
    assert suggestions[7].startswith("staff.drop('Over18')  #")
    assert suggestions[9].startswith("staff.drop(target)  #")
    assert suggestions[4].startswith("staff.drop('Over18')  #")
    assert suggestions[5].startswith("staff.drop(*unused)  #")
    assert suggestions[6].startswith("staff.filter(~F.col(key).isin([0, 1]))  # rows dropped by their index labels")


def test_a_new_column_is_written_as_spark_columns_where_the_translation_is_faithful():
    suggestions = suggestions_by_line("SPL240", (
        "import numpy as np\n"
        "import pandas as pd\n"
        "trips = pd.read_parquet('trips/')\n"
        "cap = 120\n"
        "trips['speed'] = trips['distance'] / trips['minutes']\n"
        "trips['hour'] = trips['start'].dt.hour\n"
        "trips['scaled'] = np.log1p(trips['distance'])\n"
        "trips.loc[trips['speed'] > cap, 'speed'] = cap\n"
        "trips['ratio'] = trips['distance'] / weights\n"))
    assert suggestions[5].startswith("trips = trips.withColumn('speed', F.col('distance') / F.col('minutes'))  #")
    assert suggestions[6].startswith("trips = trips.withColumn('hour', F.hour(F.col('start')))  #")
    assert suggestions[7].startswith("trips = trips.withColumn('scaled', F.log1p(F.col('distance')))  #")
    assert suggestions[8].startswith(
        "trips = trips.withColumn('speed', F.when(F.col('speed') > cap, F.lit(cap)).otherwise(F.col('speed')))  #")
    assert suggestions[9].startswith("trips = trips.withColumn('ratio', new_value)  #")  # `weights` may be an array


def test_a_cast_assigned_to_another_column_is_written_there():
    casts = suggestions_by_line("SPL232", (
        "import pandas as pd\n"
        "swaps = pd.read_csv('s3://lake/swaps.csv')\n"
        "swaps['recent'] = swaps['swap_flag'].astype(bool)\n"))
    assert casts[3].startswith("swaps.withColumns({'recent': F.col('swap_flag').cast(\"boolean\")})")


def test_a_clustering_step_before_the_last_is_no_pyspark_ml_stage_and_one_at_the_end_is():
    suggestions = suggestions_by_line("SPL442", (
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.cluster import KMeans\n"
        "from sklearn.ensemble import RandomForestClassifier\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "faces = make_pipeline(KMeans(n_clusters=80), RandomForestClassifier())\n"
        "groups = make_pipeline(StandardScaler(), KMeans(n_clusters=8))\n"))
    assert suggestions[5].startswith("# `KMeans` is a step before the last, where scikit-learn hands on each point's "
                                     "distances to the cluster centres")
    assert suggestions[6].startswith("Pipeline(stages=[...])")


def test_a_pipelines_function_step_is_a_sql_transformer_and_a_model_without_twin_keeps_scikit_learn():
    suggestions = suggestions_by_line("SPL442", (
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.impute import SimpleImputer\n"
        "from sklearn.preprocessing import FunctionTransformer, StandardScaler\n"
        "from sklearn.svm import SVR\n"
        "ratio = make_pipeline(SimpleImputer(), FunctionTransformer(column_ratio), StandardScaler())\n"
        "svr = make_pipeline(FunctionTransformer(column_ratio), SVR())\n"))
    assert suggestions[5].startswith("# `FunctionTransformer` runs a Python function, which a pyspark.ml Pipeline holds "
                                     "as SQL: SQLTransformer(statement=\"SELECT *, <what the function computes, in "
                                     "SQL> FROM __THIS__\") in its place")
    assert suggestions[6].startswith("# `FunctionTransformer`, `SVR` have no pyspark.ml twin, so no pyspark.ml "
                                     "Pipeline can hold this one")


def test_dropna_keeps_the_users_how_thresh_and_subset_and_tells_columns_dropped_in_words():
    suggestions = suggestions_by_line("SPL231", (
        "import pandas as pd\n"
        "trips = pd.read_parquet('trips/')\n"
        "kept = trips.dropna(how='all')\n"
        "some = trips.dropna(subset=['fare'], thresh=2)\n"
        "every = trips.dropna()\n"
        "narrow = trips.dropna(axis=1)\n"
        "steps = trips['fare'].diff().dropna()\n"))
    assert suggestions[3].startswith("trips.dropna(how='all')  #")
    assert suggestions[7].startswith("F.col('fare') - F.lag('fare', 1).over(Window.orderBy(ts))  # each row set against "
                                     "the one before it") and "drops the first row's null" in suggestions[7]
    assert suggestions[4].startswith("trips.dropna(subset=['fare'], thresh=2)  #")
    assert suggestions[5].startswith("trips.dropna()  #")
    assert suggestions[6].startswith("# dropping the columns that hold a null has no Spark twin")


def test_a_keras_model_with_a_stateful_layer_is_told_to_train_on_one_machine():
    suggestions = suggestions_by_line("SPL902", (
        "import tensorflow as tf\n"
        "model = tf.keras.Sequential([tf.keras.layers.GRU(128, return_sequences=True, stateful=True)])\n"
        "model.fit(train_set, epochs=10)\n"
        "plain = tf.keras.Sequential([tf.keras.layers.GRU(128)])\n"
        "plain.fit(train_set, epochs=10)\n"))
    assert suggestions[3].startswith("# a stateful layer carries its state from one batch to the next")
    assert suggestions[5].startswith("MirroredStrategyRunner(")


def test_a_precision_recall_curve_is_told_the_summarys_pr_and_a_roc_curve_its_roc():
    suggestions = suggestions_by_line("SPL473", (
        "from sklearn.metrics import precision_recall_curve, roc_curve\n"
        "fpr, tpr, cutoffs = roc_curve(truth, churn_scores)\n"
        "precision, recall, _ = precision_recall_curve(truth, churn_scores)\n"))
    assert suggestions[2].startswith("model.evaluate(test_sdf).roc  #") and '"areaUnderROC"' in suggestions[2]
    assert suggestions[3].startswith("model.evaluate(test_sdf).pr  #") and '"areaUnderPR"' in suggestions[3]
    assert "LogisticRegression, RandomForestClassifier, LinearSVC or FMClassifier" in suggestions[3]  # GBT has none


def test_a_stratified_split_keeps_the_column_stratify_takes_its_train_size_and_a_stratify_that_may_be_none():
    suggestions = suggestions_by_line("SPL452", (
        "import pandas as pd\n"
        "from sklearn.model_selection import train_test_split\n"
        "def split(df, label_col):\n"
        "    stratify = df[label_col] if label_col else None\n"
        "    return train_test_split(df, train_size=0.8, random_state=7, stratify=stratify)\n"
        "churn = pd.read_parquet('churn/')\n"
        "train, test = train_test_split(churn, test_size=0.2, stratify=churn['Exited'])\n"))
    assert suggestions[5].startswith("train_df = sdf.sampleBy(label_col, fractions={c: 0.8 for c in classes}, seed=7)")
    assert suggestions[7].startswith("""train_df = sdf.sampleBy('Exited', fractions={c: 0.8 for c in classes});""")
    assert "classes = [r[0] for r in sdf.select('Exited').distinct().collect()]" in suggestions[7]


def test_a_models_fit_is_told_its_twin_with_the_settings_its_constructor_is_given():
    suggestions = suggestions_by_line("SPL417", (
        "import pandas as pd\n"
        "from sklearn.ensemble import RandomForestClassifier\n"
        "digits = pd.read_parquet('digits/')\n"
        "forest = RandomForestClassifier(n_estimators=100, random_state=42, max_depth=None, max_features=0.5)\n"
        "forest.fit(digits.drop(columns='label'), digits['label'])\n"))
    assert suggestions[5].startswith('model = RandomForestClassifier(featuresCol="features", labelCol="label", '
                                     'featureSubsetStrategy=..., numTrees=100, seed=42).fit(train_sdf)')


def test_a_one_partition_write_is_told_the_users_own_write_without_it_on_one_line():
    suggestions = suggestions_by_line("SPL614", (
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "report = spark.table('report')\n"
        "report.coalesce(1).write\\\n"
        "    .option('header', 'true')\\\n"
        "    .mode('append')\\\n"
        "    .csv(out_dir)\n"))
    assert suggestions[4].startswith("report.write .option('header', 'true') .mode('append') .csv(out_dir)  # drop "
                                     ".coalesce(1): each partition writes its own part file")


def test_a_distributed_dataset_gathered_and_changed_on_the_driver_is_told_the_change_stays_to_make():
    suggestions = suggestions_by_line("SPL609", (
        "import ray\n"
        "import numpy as np\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "scored = ray.data.read_parquet('s3://bucket/in').map(solve)\n"
        "results = scored.to_pandas()\n"
        "results['spend'] = np.random.normal(size=len(results))\n"
        "print(results.iloc[0])\n"
        "spark.createDataFrame(results).write.saveAsTable('t')\n"))
    assert suggestions[9].startswith("# `results`, gathered from `scored` on the driver, is changed there "
                                     "(`results['spend'] = ...`) before Spark gets it: while its rows fit the driver")
    assert "make the change with Spark column expressions" in suggestions[9]


def test_steps_that_prepare_a_frame_for_a_library_that_takes_an_indexed_frame_are_that_librarys_input():
    code = ("import pandas as pd\n"
            "from tabpfn_time_series import TimeSeriesDataFrame\n"
            "sales = pd.read_parquet('sales/')\n"
            "series = sales.rename(columns={'sku': 'item_id', 'day': 'timestamp'})\n"
            "series = series.sort_values(['item_id', 'timestamp'])\n"
            "ranked = sales.sort_values(['sku', 'day'])\n"
            "train = TimeSeriesDataFrame(series.set_index(['item_id', 'timestamp']))\n")
    prepared = "# this prepares `series` for `TimeSeriesDataFrame`, which takes a pandas frame: on Spark, the preparation"
    assert suggestions_by_line("SPL236", code)[4].startswith(prepared)
    sorted_ = suggestions_by_line("SPL210", code)
    assert sorted_[5].startswith(prepared) and sorted_[6].startswith("sales.orderBy(")


def test_steps_that_prepare_a_frame_for_an_automl_forecasters_scoring_are_its_input_and_the_read_is_not():
    code = ("import pandas as pd\n"
            "import joblib\n"
            "test = pd.read_csv('test.csv')\n"
            "X_test = test.reset_index(drop=True)\n"
            "model = joblib.load('model.pkl')\n"
            "forecast = model.forecast_quantiles(X_test)\n")
    assert suggestions_by_line("SPL243", code)[4].startswith(
        "# this prepares `X_test` for `forecast_quantiles`, which takes a pandas frame")
    assert suggestions_by_line("SPL101", code)[3].startswith("spark.read.csv(")


@pytest.mark.parametrize("query, expected", [
    ('"passengerCount>0 and totalAmount>0"', 'trips.filter("passengerCount>0 and totalAmount>0")  # `trips` as a Spark '
                                             "DataFrame: the query's text is Spark SQL as it is written"),
    ("'`fare amount` >= -2.5 or (kind != \"cab\" and not late)'", "trips.filter('`fare amount` >= -2.5 or (kind != "),
    ("'fare > @limit'", 'sdf.filter("condition")'),
    ("'kind in [\"cab\", \"bus\"]'", 'sdf.filter("condition")'),
    ("'0 < fare < 10'", 'sdf.filter("condition")'),
    ("'fare > 0 & late'", 'sdf.filter("condition")'),
])
def test_a_query_whose_text_is_spark_sql_is_copied_into_the_filter(query, expected):
    suggestions = suggestions_by_line("SPL244", f"import pandas as pd\ntrips = pd.read_parquet('trips/')\n"
                                                f"kept = trips.query({query})\n")
    assert suggestions[3].startswith(expected)


def test_a_column_mapped_through_a_dict_the_file_writes_out_once_is_a_when_chain():
    suggestions = suggestions_by_line("SPL240", (
        "import pandas as pd\n"
        "users = pd.read_csv('users.csv')\n"
        "regions = {'FR': 'EU', 'US': 'NA'}\n"
        "users['region'] = users['country'].map(regions)\n"
        "tiers = {'free': 0}\n"
        "tiers = load_tiers()\n"
        "users['tier'] = users['plan'].map(tiers)\n"))
    assert suggestions[4].startswith("users = users.withColumn('region', F.when(F.col('country') == 'FR', 'EU')"
                                     ".when(F.col('country') == 'US', 'NA'))")
    assert suggestions[7].startswith("users = users.withColumn('tier', new_value)")  # bound twice: not known


def test_a_constant_assigned_to_a_column_of_an_attributes_frame_is_its_literal():
    suggestions = suggestions_by_line("SPL240", (
        "import pandas as pd\n"
        "class Queue:\n"
        "    def load(self):\n"
        "        self.frame = pd.read_parquet('cases/')\n"
        "        self.frame['owner'] = ''\n"
        "        self.frame['score'] = self.frame['a'] * 2\n"))
    assert suggestions[5].startswith("self.frame = self.frame.withColumn('owner', F.lit(''))")
    assert suggestions[6].startswith("self.frame = self.frame.withColumn('score', new_value)")  # its columns: not read
