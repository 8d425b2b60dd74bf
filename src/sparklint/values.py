"""Which names hold a pandas frame, a Spark DataFrame, a NumPy array or an estimator.

Qualified names say what a *function* is; they say nothing about what a *variable* holds, so
`df.apply` alone cannot tell pandas from Spark. This layer follows values through assignments,
attributes (`self.df = ...`), annotations and the return values of functions defined in the file,
in source order, so a pandas rule never fires on a Spark DataFrame and the reverse. It is
deliberately flow-insensitive inside a scope: the last assignment seen wins. Where nothing tells
(a parameter, a helper from another module), the members a name is used with anywhere in the file
may: `.iloc` only exists on pandas frames, `.withColumn` only on Spark DataFrames (USAGE_MEMBERS).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import prod
from string import Formatter

import libcst as cst

from sparklint.catalog import load_mappings
from sparklint.names import Imports, dotted
from sparklint.tree import argument, children, descendants

PANDAS = "pandas"
PANDAS_GROUPBY = "pandas.groupby"  # groupby/rolling/resample objects: their methods aggregate
PANDAS_SMALL = "pandas.small"  # small by construction: literals, API payloads, head(n), a bounded pull
SPARK = "spark"
SPARK_SMALL = "spark.small"  # a DataFrame its plan bounds to a few rows: limit(n), describe(), a global agg
SPARK_PANDAS = "pyspark.pandas"
NUMPY = "numpy"
NUMPY_SMALL = "numpy.small"  # small by construction: literal arrays, toy datasets, a few thousand random points
PAYLOAD = "payload"  # an HTTP response or parsed JSON: what an endpoint returned, not a data set
SPARK_METRICS = "spark.metrics"  # an evaluator or a measure whose `transform` gives a row of metrics per column measured
ROWS = "spark.rows"  # rows collected to the driver
RDD = "spark.rdd"
SESSION = "spark.session"
READER = "spark.reader"
WRITER = "spark.writer"
SPARK_CONTEXT = "spark.context"
ESTIMATOR = "estimator"  # a single-node estimator (scikit-learn, xgboost, lightgbm, statsmodels)
ESTIMATORS = "estimators"  # a list, tuple or dict of single-node estimators, to be looped over
SPARK_ML = "spark.ml"
DISTRIBUTOR = "spark.distributor"  # TorchDistributor and its kin: `.run(fn)` ships fn
POLARS = "polars"
FILE = "file"
CSV_READER = "csv.reader"
VALUES = "python.values"  # a Python list of a frame's or an array's values (`.tolist()`): each item a plain value
VALUE = "python.value"  # one of them: a number, a text, a model's vector; never a frame, whatever members it has
TENSOR = "tensor"  # what a deep-learning library returns (tensors, namedtuples of them, models): never a frame
JVM = "jvm"  # a py4j handle of a JVM object (`metrics._java_model.roc().toJavaRDD()`): Java's methods, no Python data
DRIVER_FOLDER = "driver.folder"  # a folder on the driver's own disk: a temporary one, the working folder, a home

FIRST_ARGUMENT = "first-argument"  # a call that returns values of its first argument's kind
SMALL_ROWS = 20  # rows `show()` prints by default: pulling this many is a look, not a copy
SMALL_ARRAY = 10_000  # elements a synthetic array or toy data set may have and still be a demonstration's
# Numbers a library names, written in data as literals are (`[nan, 0, 3]`).
NUMBER_CONSTANTS = frozenset({"numpy.nan", "numpy.NaN", "numpy.inf", "numpy.pi", "numpy.e", "math.nan", "math.inf",
                              "math.pi", "math.e"})
# What a slice of a few rows of a value gives: the same data, small.
SHRINKS = {PANDAS: PANDAS_SMALL, PANDAS_SMALL: PANDAS_SMALL, NUMPY: NUMPY_SMALL, NUMPY_SMALL: NUMPY_SMALL}
# Values small by construction: work on them is not driver-bound data work, whatever library does it.
SMALL_KINDS = frozenset({PANDAS_SMALL, NUMPY_SMALL, SPARK_SMALL, PAYLOAD})
DRIVER_HELD = frozenset({PANDAS, PANDAS_SMALL, NUMPY, NUMPY_SMALL})  # values whose every row is in the driver's memory
LARGE_KINDS = frozenset({PANDAS, PANDAS_GROUPBY, NUMPY, SPARK_PANDAS, POLARS})  # local data of unknown size
# How a finding on a model given only such values reads: an info that states the bound, not a warning.
SMALL_DATA = (" — here on data small by construction (written in the code, a toy data set, a few thousand "
              "generated points or a sample drawn to a size the code caps): fine on the driver")
SMALL_DATA_SUGGESTION = "# nothing to change for data this small; for a real data set, see `sparklint rule {code}`"
# How a finding on a model whose results only feed a chart reads: an info, since a chart shows a sample's worth.
CHART_ONLY = (" — here only to draw a chart: fine on the driver when it is given a chart's worth of points (a sample or "
              "generated data); on a whole data set, the model itself is the work")
METRICS = "sklearn.metrics."  # scikit-learn's metrics: what they compute is a reduction of every row they are given
# How a finding on a metric whose result is drawn reads: the chart shows a few numbers, computed from every row given.
METRIC_DRAWN = (" — here to draw its result: the chart shows a few numbers, but they are computed from every row the "
                "metric is given, on the driver")
# How a finding on a parameter reads when every call of its function in the file gives it a small value.
GIVEN_SMALL = (" — here on `{parameter}`, which every call of `{function}` in this file gives a small value (a listing, "
               "a reply, a few rows): fine on the driver")
GIVEN_SMALL_SUGGESTION = ("# nothing to change for the small values this file passes; for a data set, see "
                          "`sparklint rule {code}`")
# How a finding in a script the notebook hands to a cloud service's job reads: it runs on that service's machines.
SUBMITTED = ("; yet it is in `{script}`, a script this notebook hands to a cloud service's job (`{launcher}`): it runs "
             "on that service's machines, not on a Spark driver")
SUBMITTED_SUGGESTION = ("# nothing to change while the script runs as that service's job; to run it on a Spark cluster "
                        "instead, see `sparklint rule {code}`")
# How a finding on one group of a group-by written by hand reads: the loop's work, reported where it groups.
GROUP_SLICE = (" — here on one group of the group-by this loop writes by hand, which is reported where it groups: "
               "this step moves with the loop's body")
GROUP_SLICE_SUGGESTION = ("# nothing to change on its own: the finding where the loop groups says what the loop becomes (its "
                          "body as fn(pdf) per group on the executors, sdf.groupBy(key).applyInPandas(fn, schema), or a "
                          "pivot when the loop merges the groups side by side), and this step goes with it")
# How a finding on one column pulled from a row per group reads: as many values as the grouping has keys.
PER_KEY = (" — here one column of a row per group: as many values as the grouping has keys (a set of names or "
           "categories is small; a set of ids is as large as the data)")
PER_KEY_SUGGESTION = ("# nothing to change when the keys are few (names, categories); when they are ids, keep them in Spark "
                      "and join or filter with them: see `sparklint rule {code}`")
# How a finding on a pull of a row per group of keys named as categories reads: as many rows as they have values.
PER_GROUP = (" — here a row per group of {keys}: as many rows as those keys have values (a few names, categories or "
             "periods are fine on the driver; a row per customer or per event is as large as the data)")
PER_GROUP_SUGGESTION = ("# nothing to change when the groups are few; when they are many, keep the rows in Spark: see "
                        "`sparklint rule {code}`")
# How a finding on a pull of a DataFrame that `limit(n)` bounds, n above SMALL_ROWS, reads.
LIMITED = (" — here the DataFrame is `limit({rows})`'s: at most {rows} rows, a sample of known size, fine on the driver "
           "when its rows are small")
LIMITED_SUGGESTION = ("# nothing to change for a sample of a known number of rows; for every row of the data, see "
                      "`sparklint rule {code}`")
# How a finding on a loop over the rows `take(n)` or `head(n)` pulled, n a number the code spells, reads.
TAKEN = (" — here over the {rows} rows at most that the pull (`take` or `head`) brought: a sample of known size, fine "
         "on the driver when its rows are small")
# How a finding on `take(n)` or `head(n)` reads, n a number the code spells, up to SMALL_ARRAY.
TAKEN_HERE = (" — here {rows} rows at most, a number the code spells: a sample of known size, fine on the driver when "
              "its rows are small")
# How a finding on the distinct values of a column or two pulled to the driver reads.
DISTINCT_VALUES = (" — here the distinct values of one or two columns: as many as they have (a set of names, tenants "
                   "or categories is small; a set of ids is as large as the data)")
# How a finding on a frame or pull whose every row drives a call to a service or a DDL statement reads.
ITEMS = (" — here each row is an item the loop acts on (a call to a service or a DDL statement per row): a list of "
         "tables, columns or items, as long as the workspace has them, fine on the driver")
ITEMS_SUGGESTION = "# nothing to change for a list of items to act on; for rows of data, see `sparklint rule {code}`"
# How a finding on the first row of the rows of one key pulled to the driver reads (`sdf.filter("id = 'x'").collect()[0]`).
LOOKUP = " — here of the rows of one value of a key column, of which `[0]` keeps the first: a lookup, fine on the driver"
# How deep-learning work reads in a task of a multi-machine TensorFlow job (TF_CONFIG names the job's machines).
CLUSTER_TASK = ("; yet the script is a task of a multi-machine TensorFlow job (it reads TF_CONFIG or builds a multi-worker "
                "strategy): its launcher starts the job's other tasks on other machines, and a Spark cluster starts none")
CLUSTER_TASK_SUGGESTION = ("# on Spark, MirroredStrategyRunner(num_slots=..., use_custom_strategy=True).run(train_fn) "
                           "starts the job's tasks on the executors and sets their TF_CONFIG, train_fn holding the "
                           "training with its own strategy; a Keras Tuner search spreads its trials with Hyperopt's "
                           "SparkTrials instead; see `sparklint rule {code}`")
HOROVOD_TASK = ("; yet the script is a process of a Horovod job (it calls hvd.init()): its launcher (horovodrun or "
                "mpirun) starts the job's other processes on other machines, and a Spark cluster starts none")
HOROVOD_TASK_SUGGESTION = ("# on Spark, horovod.spark.run(train_fn, num_proc=...) starts the job's processes on the "
                           "executors, train_fn holding this training as it is, hvd.init() first; see `sparklint rule {code}`")
# How a finding on a row loop reads when each row starts a walk: the loop's body calls a function that recurses.
WALK = (" — here each row starts a recursive walk (the loop's body calls a function that calls itself): a tree of few nodes, "
        "such as a model's dependencies, is fine on the driver")
WALK_SUGGESTION = ("# no column expression walks a tree: nothing to change for a small one; for a graph as large as the data, "
                   "repeat a join until it adds no new rows, or use GraphFrames")
# How a finding on model work that only gives MLflow a model's signature reads: a few rows give the same types.
SIGNATURES = frozenset({"mlflow.models.infer_signature", "mlflow.models.signature.infer_signature"})
SIGNATURE_ONLY = (" — here only to give MLflow the model's signature (the types of its input and output), which a "
                  "few rows tell as well")
SIGNATURE_SUGGESTION = ("# pass a few rows to infer_signature, X.head(5) and the model's output on them: the same "
                        "signature without scoring the whole data; see `sparklint rule {code}` for the model itself")
# How a finding on work whose value is only looked at (a notebook's bare `df.head()`, a table it shows) reads.
LOOKED_AT = (" — here all it leads to is looked at (a few rows, a count, a summary or a table a notebook shows): "
             "fine on the driver for a sample; on a whole data set, this step is still work on all of it")
LOOKED_AT_SUGGESTION = ""  # the rule's own: what to write when the data looked at is a whole data set
CHART_ONLY_SUGGESTION = "# nothing to change for a chart's points; for a model of a real data set, see `sparklint rule {code}`"
# Tables that list a tenant's items (workspaces, reports, semantic models): control data a notebook loops over.
LISTINGS = r"(?:workspaces|items|capacities|reports|dashboards|dataflows|datasets|semantic_?models|lakehouses|warehouses)"
AGGREGATES = (r"(?:count|sum|avg|mean|min|max|stddev\w*|variance|var_\w+|approx_count_distinct|percentile\w*|median"
              r"|count_?distinct|sum_?distinct|approx_percentile|skewness|kurtosis|corr|covar_\w+)")
# Column methods that rename or retype a value and keep it what it was (an aggregate stays one value).
COLUMN_RENAMES = frozenset({"alias", "name", "cast", "astype"})
GROUPINGS = frozenset({"groupBy", "groupby", "rollup", "cube", "pivot"})  # DataFrame methods that group rows
GROUPED_AGGREGATES = frozenset({"agg", "count", "sum", "avg", "mean", "min", "max"})  # a row per group of a grouping
AGGREGATED, DISTINCT = "aggregated", "distinct"  # how a DataFrame holds a row per group (`Values.per_group`)
# DataFrame steps that keep each row a row (or drop it): after a grouped aggregate, still at most a row per group.
PER_ROW_STEPS = frozenset({"select", "where", "filter", "withColumn", "withColumns", "withColumnRenamed", "drop",
                           "cache", "persist", "repartition", "coalesce",
                           "orderBy", "sort", "alias", "selectExpr", "dropna", "fillna", "limit"})
NA_STEPS = frozenset({"drop", "fill", "replace"})  # `df.na.drop()`: rows dropped or values filled, each row kept a row
# Spark SQL whose result is a few rows whatever the table's size: LIMIT n, a SELECT without FROM
# (`current_user()`, `version()`), aggregates only (global, or grouped by the one key its WHERE fixes),
# metadata (SHOW, DESCRIBE, the information schema, a listing of items as its first table).
SMALL_SQL = re.compile(r"(?is)^\s*(?:show|describe|desc)\b|\blimit\s+(?P<rows>\d+)\s*;?\s*$"
                       r"|^\s*select\s+(?:\w+\s*\([^)]*\)(?:\s+as\s+\w+)?\s*,?\s*)+;?\s*$"
                       r"|^\s*select\s+(?:" + AGGREGATES + r"\s*\([^)]*\)(?:\s+as\s+\w+)?\s*,?\s*)+\s+from\b"
                       r"(?:(?!\bgroup\s+by\b).)*(?:$|\bwhere\b.*\b(?P<fixed>\w+)\s*=[^=]*\bgroup\s+by\s+(?P=fixed)\s*;?\s*$)"
                       r"|\bfrom\s+(?:[\w`]+\.)*`?information_schema\b"
                       r"|^(?:(?!\bfrom\b).)*\bfrom\s+(?:[\w`]+\.)*`?" + LISTINGS + r"`?(?:\s+(?:as\s+)?\w+)?\s*(?:$|where\b|inner\b|join\b|left\b|order\b|,)")

# Spark SQL that selects the distinct values of a column or two: a row per value they take.
DISTINCT_SQL = re.compile(r"(?is)^\s*select\s+distinct\s+[\w`.]+(?:\s*,\s*[\w`.]+)?\s+from\b")

# Calls by qualified name (prefix match on the part before the last dot when it ends in "*").
CALL_KINDS: tuple[tuple[str, str], ...] = (
    ("sklearn.model_selection.train_test_split", FIRST_ARGUMENT),
    ("pyspark.pandas.*", SPARK_PANDAS),
    ("databricks.koalas.*", SPARK_PANDAS),
    ("pyspark.ml.torch.distributor.TorchDistributor", DISTRIBUTOR),
    ("pyspark.ml.deepspeed.deepspeed_distributor.DeepspeedTorchDistributor", DISTRIBUTOR),
    ("spark_tensorflow_distributor.MirroredStrategyRunner", DISTRIBUTOR),
    ("sparkdl.HorovodRunner", DISTRIBUTOR),
    ("pyspark.sql.SparkSession.getActiveSession", SESSION),
    ("pyspark.sql.SparkSession.active", SESSION),
    ("pyspark.SparkContext", SPARK_CONTEXT),
    ("pyspark.context.SparkContext", SPARK_CONTEXT),
    ("sklearn.pipeline.make_pipeline", ESTIMATOR),
    # Functions (not classes) that build or train a single-node model.
    ("xgboost.train", ESTIMATOR),
    ("xgboost.training.train", ESTIMATOR),
    ("lightgbm.train", ESTIMATOR),
    ("lightgbm.engine.train", ESTIMATOR),
    ("pmdarima.auto_arima", ESTIMATOR),
    ("pmdarima.arima.auto_arima", ESTIMATOR),
    *((f"statsmodels.formula.api.{formula}", ESTIMATOR)
      for formula in ("ols", "wls", "gls", "glm", "logit", "probit", "mnlogit", "poisson", "quantreg", "mixedlm")),
    ("xgboost.spark.*", SPARK_ML),
    ("synapse.ml.train.ComputeModelStatistics", SPARK_METRICS),
    ("mmlspark.train.ComputeModelStatistics", SPARK_METRICS),
    # Measures of a data set whose result is a row per column or class they measure (a correlation matrix,
    # a test's statistics, the balance of a sensitive column): small whatever the rows measured.
    *((f"pyspark.ml.stat.{stat}", SPARK_SMALL) for stat in ("Correlation.corr", "ChiSquareTest.test", "ANOVATest.test",
                                                            "FValueTest.test", "KolmogorovSmirnovTest.test")),
    ("synapse.ml.exploratory.*", SPARK_METRICS),
    ("synapse.ml.stages.SummarizeData", SPARK_METRICS),  # a row of statistics per column, as describe() gives
    ("mmlspark.stages.SummarizeData", SPARK_METRICS),
    ("synapse.ml.*", SPARK_ML),
    ("pyspark.ml.*", SPARK_ML),
    ("pandas.read_*", PANDAS),
    ("pandas.DataFrame", PANDAS),
    ("pandas.Series", PANDAS),
    ("pandas.concat", PANDAS),
    ("pandas.merge", PANDAS),
    ("pandas.get_dummies", PANDAS),
    ("pandas.pivot_table", PANDAS),
    ("pandas.melt", PANDAS),
    ("pandas.json_normalize", PANDAS_SMALL),  # an API's JSON payload
    # What an endpoint returns, and the listings of a workspace's items that Fabric's libraries give.
    ("requests.*", PAYLOAD),
    ("httpx.*", PAYLOAD),
    ("urllib.request.urlopen", PAYLOAD),
    ("json.loads", PAYLOAD),
    ("sempy.fabric.FabricRestClient", PAYLOAD),
    ("sempy.fabric.PowerBIRestClient", PAYLOAD),
    ("sempy.fabric.list_*", PANDAS_SMALL),
    ("sempy_labs.list_*", PANDAS_SMALL),
    ("sempy_labs.admin.list_*", PANDAS_SMALL),
    ("sempy_labs.lakehouse.get_lakehouse_*", PANDAS_SMALL),  # a lakehouse's tables or columns, a row each
    *((f"sklearn.datasets.load_{toy}", NUMPY_SMALL)
      for toy in ("iris", "wine", "digits", "breast_cancer", "diabetes", "linnerud")),
    ("seaborn.load_dataset", PANDAS_SMALL),  # seaborn's example tables (iris, tips, titanic): toy data sets
    ("polars.*", POLARS),
    ("numpy.*", NUMPY),
    ("sklearn.feature_extraction.image.*", NUMPY),  # patches cut from images (PatchExtractor): arrays, no model
    ("sklearn.*", ESTIMATOR),
    ("xgboost.*", ESTIMATOR),
    ("lightgbm.*", ESTIMATOR),
    ("catboost.*", ESTIMATOR),
    ("statsmodels.*", ESTIMATOR),
    ("prophet.*", ESTIMATOR),
    ("fbprophet.*", ESTIMATOR),
    ("pmdarima.*", ESTIMATOR),
    ("imblearn.*", ESTIMATOR),
    ("tabpfn.*", ESTIMATOR),
    ("tabpfn_client.*", ESTIMATOR),
    ("tabpfn_time_series.TabPFNTimeSeriesPredictor", ESTIMATOR),
    ("tabpfn_time_series.predictor.TabPFNTimeSeriesPredictor", ESTIMATOR),
    ("pymc_marketing.*", ESTIMATOR),
    # A file a deep-learning library downloads lands on the driver's disk (`~/.keras/datasets`, or `cache_dir`).
    ("tensorflow.keras.utils.get_file", DRIVER_FOLDER),
    ("keras.utils.get_file", DRIVER_FOLDER),
    # Deep-learning libraries: what they return is theirs, whatever members it is used with (`top_k(p).values`).
    ("tensorflow.*", TENSOR),
    ("torch.*", TENSOR),
    ("jax.*", TENSOR),
    ("keras.*", TENSOR),
    ("csv.reader", CSV_READER),
    ("csv.DictReader", CSV_READER),
    ("open", FILE),
    ("io.open", FILE),
    ("tempfile.mkdtemp", DRIVER_FOLDER),
    ("tempfile.gettempdir", DRIVER_FOLDER),
    ("tempfile.TemporaryDirectory", DRIVER_FOLDER),
    ("os.getcwd", DRIVER_FOLDER),
    ("os.path.expanduser", DRIVER_FOLDER),
    ("pathlib.Path.cwd", DRIVER_FOLDER),
    ("pathlib.Path.home", DRIVER_FOLDER),
)
ESTIMATOR_CLASS = re.compile(r"\.[A-Z]\w*$")

# What a method returns, by the kind of its receiver; "*" is every other method.
METHOD_KINDS: dict[str, dict[str, str | None]] = {
    SESSION: {"sql": SPARK, "table": SPARK, "createDataFrame": SPARK, "range": SPARK, "read": READER,
              "readStream": READER, "sparkContext": SPARK_CONTEXT, "newSession": SESSION, "*": None},
    # Every reader method but the settings returns a DataFrame, whatever connector adds it
    # (`synapsesql`, `mltable`, `kusto`, …).
    READER: {"format": READER, "option": READER, "options": READER, "schema": READER, "*": SPARK},
    WRITER: {"mode": WRITER, "format": WRITER, "option": WRITER, "options": WRITER, "partitionBy": WRITER,
             "bucketBy": WRITER, "sortBy": WRITER, "outputMode": WRITER, "trigger": WRITER, "*": None},
    SPARK_CONTEXT: {"parallelize": RDD, "textFile": RDD, "wholeTextFiles": RDD, "range": RDD, "*": None},
    SPARK: {"toPandas": PANDAS, "collect": ROWS, "take": ROWS, "tail": ROWS, "head": ROWS, "toLocalIterator": ROWS,
            "pandas_api": SPARK_PANDAS, "to_pandas_on_spark": SPARK_PANDAS, "rdd": RDD, "write": WRITER,
            "writeStream": WRITER, "count": None, "first": None, "columns": None, "dtypes": None, "schema": None,
            "show": None, "printSchema": None, "isEmpty": None, "describe": SPARK_SMALL, "summary": SPARK_SMALL,
            "*": SPARK},
    # What a bounded DataFrame gives stays small, until it meets another DataFrame.
    SPARK_SMALL: {"toPandas": PANDAS_SMALL, "collect": None, "take": None, "tail": None, "head": None,
                  "toLocalIterator": None, "first": None, "count": None, "rdd": RDD, "write": WRITER, "join": SPARK,
                  "crossJoin": SPARK, "union": SPARK, "unionAll": SPARK, "unionByName": SPARK, "*": SPARK_SMALL},
    RDD: {"collect": ROWS, "take": ROWS, "collectAsMap": None, "toDF": SPARK, "count": None, "first": None, "*": RDD},
    SPARK_PANDAS: {"to_pandas": PANDAS, "to_spark": SPARK, "to_numpy": NUMPY, "values": NUMPY, "*": SPARK_PANDAS},
    PANDAS_GROUPBY: {"*": PANDAS},
    PANDAS_SMALL: {"to_numpy": NUMPY_SMALL, "values": NUMPY_SMALL, "tolist": VALUES, "to_dict": None, "*": PANDAS_SMALL},
    PANDAS: {"head": PANDAS_SMALL, "groupby": PANDAS_GROUPBY, "rolling": PANDAS_GROUPBY, "expanding": PANDAS_GROUPBY,
             "resample": PANDAS_GROUPBY, "ewm": PANDAS_GROUPBY, "to_numpy": NUMPY, "values": NUMPY, "tolist": VALUES, "to_dict": None, "iterrows": None,
             "itertuples": None, "items": None, "shape": None, "columns": None, "corr": PANDAS_SMALL,
             "cov": PANDAS_SMALL, "describe": PANDAS_SMALL, "*": PANDAS},
    NUMPY: {"tolist": VALUES, "shape": None, "*": NUMPY},
    ESTIMATOR: {"fit": ESTIMATOR, "predict": NUMPY, "predict_proba": NUMPY, "transform": NUMPY,
                "fit_transform": NUMPY, "score": None, "best_estimator_": ESTIMATOR, "estimators_": ESTIMATORS,
                "named_estimators_": ESTIMATORS, "named_steps": ESTIMATORS,
                "*": None},
    ESTIMATORS: {"values": ESTIMATORS, "items": ESTIMATORS, "*": None},
    SPARK_ML: {"fit": SPARK_ML, "transform": SPARK, "evaluate": None, "*": SPARK_ML},
    SPARK_METRICS: {"transform": SPARK_SMALL, "*": SPARK_METRICS},
    NUMPY_SMALL: {"tolist": VALUES, "shape": None, "*": NUMPY_SMALL},
    PAYLOAD: {"to_pandas": PANDAS_SMALL, "*": PAYLOAD},
    POLARS: {"to_pandas": PANDAS, "*": POLARS},
    DISTRIBUTOR: {"*": None},
    ROWS: {"*": None},
    FILE: {"readline": PAYLOAD, "readlines": None, "read": None, "*": None},  # one line: text as small as a reply
    TENSOR: {"*": TENSOR},
    JVM: {"*": JVM},
}

# Draws from NumPy's random generators (`np.random.rand`, `rng.normal`): where their size argument is;
# "dims" for those that take the dimensions themselves.
RANDOM_DRAWS: dict[str, int | str] = {
    "rand": "dims", "randn": "dims", "random": 0, "random_sample": 0, "standard_normal": 0, "normal": 2,
    "uniform": 2, "randint": 2, "integers": 2, "exponential": 1, "poisson": 1, "binomial": 2, "choice": 1,
    "lognormal": 2, "beta": 2, "gamma": 2, "laplace": 2, "logistic": 2, "multivariate_normal": 2,
}
# NumPy constructors of regular arrays, and the argument that sets their size.
GRIDS = {"numpy.linspace": 2, "numpy.logspace": 2, "numpy.geomspace": 2}
# NumPy calls that lay out points on a regular grid, to draw a curve or a decision boundary over them.
GRID_MAKERS = frozenset({*GRIDS, "numpy.meshgrid"})
# Methods that give the same points in another shape (`x.reshape(-1, 1)`, `xx.ravel()`).
POINT_RESHAPES = frozenset({"reshape", "ravel", "flatten", "astype", "round", "squeeze"})
# Methods that score a fitted model on the points they are given (the rest of MODEL_DATA_METHODS train).
SCORING_METHODS = frozenset({"transform", "predict", "predict_proba", "predict_log_proba", "decision_function", "score"})
# A forecaster's scoring (`forecast`, `forecast_quantiles`, an AutoML forecaster's `rolling_forecast`) reads each time
# series whole and in order, its lags and horizon: on Spark one group per series, never batches that may split one.
SERIES_SCORING = "groupBy(series_keys).applyInPandas(forecast_series, schema)"
SERIES_KEYS = ("mapInPandas' batches would split a series; series_keys: the columns that tell one series from another, "
               "the forecaster's time series ids, which the code does not say (with one series, one group holds every "
               "row: keep that scoring on the driver)")
# Calls that send what they are given to a web service, and the keywords of an endpoint's client that take a request's
# body (Azure ML's `Webservice.run(input_data=...)`, SageMaker's `invoke_endpoint(Body=...)`).
REQUESTS = frozenset({"requests.post", "requests.put", "requests.patch", "requests.request", "httpx.post", "httpx.put",
                      "httpx.patch", "httpx.request", "urllib.request.urlopen", "urllib.request.Request"})
SENT_KEYWORDS = frozenset({"input_data", "Body"})
# scikit-learn's checks that an estimator follows its API: they fit it on a few points they generate.
API_CHECKS = frozenset({"sklearn.utils.estimator_checks.check_estimator",
                        "sklearn.utils.estimator_checks.parametrize_with_checks"})
FILE_READERS = ("pandas.read_", "numpy.load", "numpy.genfromtxt", "numpy.fromfile")  # the first argument: a file
NUMPY_SUFFIXES = {"numpy.save": ".npy", "numpy.savez": ".npz", "numpy.savez_compressed": ".npz"}  # added when missing
# Calls that join parts of a path: `os.path.join("data", name)`, `Path("data")`.
JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
                   "pathlib.WindowsPath"})
# A file named for a run's metrics (`results/metrics.json`), or scores in a folder named for a backtest or an
# evaluation (`automl_backtest/scores.csv`): a few numbers per model or series. Not `scores.csv` elsewhere, which is
# as often a score per scored row.
METRICS_FILE = re.compile(r"(?i)(?:^|[/\\])(?:metrics?|[^/\\]*(?:backtest|eval)[^/\\]*[/\\]scores?)\.(?:csv|json|tsv)$")
NUMPY_READERS = ("load", "fromfile", "genfromtxt", "memmap", "fromregex", "RandomState", "default_rng", "Generator")
FILLED = frozenset({"numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full", "numpy.eye", "numpy.identity"})
# Methods that train or score a model on the data they are given; the keywords that pass such data.
MODEL_DATA_METHODS = frozenset({"fit", "partial_fit", "fit_transform", "fit_predict", "fit_resample", "transform",
                                "predict", "predict_proba", "predict_log_proba", "decision_function", "score",
                                "evaluate", "sample_posterior_predictive", "forecast", "forecast_quantiles",
                                "rolling_forecast"})
# A fitted scikit-learn model's methods that no pyspark.ml model has: a fit moved to Spark leaves these calls without
# a model to call (`gm.sample(20)`, `pca.inverse_transform(X_reduced)`, `gm.bic(X)`).
TWIN_LACKS = frozenset({"sample", "score_samples", "aic", "bic", "inverse_transform", "staged_predict",
                        "staged_predict_proba"})
ON_TWIN_LACKS = ("later `{call}`: pyspark.ml's model has no `{method}`, so that step needs Spark code of its own, or stays on "
                 "the driver with a model fitted there")
DATA_KEYWORDS = frozenset({"X", "y", "x", "Y", "y_true", "y_pred", "y_score", "y_prob", "labels_true", "labels_pred"})
# Estimators that hold other estimators as steps: a pyspark.ml stage cannot be one of those steps.
COMPOSITES = frozenset({
    "sklearn.pipeline.make_pipeline", "sklearn.pipeline.Pipeline", "sklearn.pipeline.make_union",
    "sklearn.pipeline.FeatureUnion", "sklearn.compose.ColumnTransformer", "sklearn.compose.make_column_transformer",
    "sklearn.compose.TransformedTargetRegressor", "sklearn.ensemble.StackingClassifier",
    "sklearn.ensemble.StackingRegressor", "sklearn.ensemble.VotingClassifier", "sklearn.ensemble.VotingRegressor",
    "sklearn.ensemble.BaggingClassifier", "sklearn.ensemble.BaggingRegressor", "sklearn.ensemble.AdaBoostClassifier",
    "sklearn.ensemble.AdaBoostRegressor", "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.multiclass.OneVsOneClassifier", "imblearn.pipeline.Pipeline", "imblearn.pipeline.make_pipeline",
})
COMPOSITE_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in COMPOSITES)  # a cheap look before qualifying
# How a finding on such a step suggests where the composite's steps are not all known (a step a parameter holds) or it
# is no pipeline (an ensemble): in words, since a pyspark.ml call there would not run (else `step_suggestion`).
IN_COMPOSITE = ("# a step of a scikit-learn `{composite}`, where a pyspark.ml stage cannot go: when every step has a "
                "pyspark.ml twin, move the whole pipeline to pyspark.ml.Pipeline(stages=[...]) with a matching stage "
                "per step; else keep it scikit-learn, fit it once on the driver (on a sample if the data is large) and "
                "score the rest on the executors with sdf.mapInPandas(predict_batches, schema), or fit one per group "
                "with sdf.groupBy(key).applyInPandas(fit_group, schema)")
# Models that describe the points they are fitted on and have no `transform` or `predict` for new ones (embeddings,
# density and hierarchical clusterings): a sample cannot train them for the rest, nor can pyspark.ml replace them.
FIT_ONLY = frozenset({
    "sklearn.manifold.TSNE", "sklearn.manifold.MDS", "sklearn.manifold.SpectralEmbedding", "sklearn.cluster.DBSCAN",
    "sklearn.cluster.HDBSCAN", "sklearn.cluster.OPTICS", "sklearn.cluster.AgglomerativeClustering",
    "sklearn.cluster.SpectralClustering",
})
# How a finding on one of them suggests: in words, what is true of it.
ON_FIT_ONLY = ("# `{model}` has no pyspark.ml twin and no transform or predict for new data, so it cannot be fitted on a "
               "sample and applied to the rest: run it on a sample on the driver (fine for a figure), or use pyspark.ml's "
               "PCA for a linear embedding or KMeans/BisectingKMeans for a clustering when one will do")
# Models that are an index of the points they are fitted on, asked for neighbours: a sample would leave points out.
NEIGHBOUR_INDEX = frozenset({"sklearn.neighbors.NearestNeighbors"})
ON_NEIGHBOUR_INDEX = ("# `{model}` is an index of every point it is fitted on, so fitting it on a sample would leave "
                      "neighbours out: when the points fit the driver, fit it there and look up the neighbours of the "
                      "rest on the executors with sdf.mapInPandas(query_batches, schema), the fitted index shipped with "
                      "sc.broadcast(index); for more points, pyspark.ml.feature.BucketedRandomProjectionLSH("
                      'inputCol="features", outputCol="hashes", bucketLength=2.0).fit(sdf) finds approximate neighbours '
                      "in Spark (approxNearestNeighbors, approxSimilarityJoin)")
# How a model trained a batch at a time (`partial_fit` in a loop) is told: one pyspark.ml `fit` is not that loop.
ON_INCREMENTAL = ("# `{model}` learns a batch at a time (partial_fit), and the loop around it decides when to stop: "
                  "pyspark.ml has no incremental fit; keep the loop for data the driver holds, feed it batches Spark "
                  "streams to the driver (sdf.toLocalIterator()) for more, or, where the model has a pyspark.ml twin, "
                  "fit that once on the whole Spark DataFrame: its passes over the data run on the executors")
# TabPFN's API client fits and predicts on Prior Labs' service: what the driver does is send the rows. So do TabPFN's
# other models built in client mode (`TabPFNTimeSeriesPredictor(tabpfn_mode=TabPFNMode.CLIENT)`).
REMOTE_MODELS = "tabpfn_client."
CLIENT_MODE_MODELS = "tabpfn"
ON_REMOTE = ("# `{model}` is TabPFN's API client: fit and predict send the rows from the driver to Prior Labs' service, "
             "which keeps the training rows (a few thousand at most) as the model's context; to score a large table, "
             "call predict per batch on the executors with sdf.mapInPandas(predict_batches, schema)")
# How a finding on such a client's construction, training or scoring reads: the service does the work.
SERVED = (" — here the model is a client of a remote service, which trains and predicts: the driver only prepares "
          "the rows and sends them")
# Models whose training and scoring calls no pyspark.ml estimator stands for, by library, and what those calls are told
# (their constructors keep their own rows' suggestions). A forecaster fits one series (SPL497 reports it); a Bayesian
# model is sampled by PyMC on one machine, on data a media-mix or hierarchical model aggregates first.
MODELS_WITHOUT_TWIN = {
    ("prophet.", "fbprophet.", "statsmodels.tsa.", "statsmodels.api.tsa.", "pmdarima."):
        "# `{model}` fits one series: build, fit and forecast it inside fit_and_forecast(history), which "
        "sdf.groupBy(\"series_id\").applyInPandas(fit_and_forecast, schema) runs per series on the executors; "
        "one series, or a handful, is fine on the driver",
    ("pymc.", "pymc3.", "pymc_marketing."):
        "# `{model}` is a Bayesian model PyMC samples on one machine, with no pyspark.ml twin: aggregate its data "
        "with Spark first (weeks by channel are a few rows), and fit one model per market or group with "
        "sdf.groupBy(key).applyInPandas(fit_group, schema) when there are many",
}
# scikit-learn's searches: one `fit` trains every candidate on every fold.
SEARCHES = ("sklearn.model_selection.GridSearchCV", "sklearn.model_selection.RandomizedSearchCV",
            "sklearn.model_selection.HalvingGridSearchCV", "sklearn.model_selection.HalvingRandomSearchCV")
ON_SEARCH = ("# `{model}` is a search: its fit trains every candidate on every fold on the driver, and it predicts with "
             "the best of them; move the search as its constructor's finding says (pyspark.ml's CrossValidator for a "
             "model pyspark.ml has, else scikit-learn's fits spread over the executors with joblibspark or Hyperopt's "
             "SparkTrials), and score the whole data with the best model: sdf.mapInPandas(predict_batches, schema)")
# scikit-learn's transformer that learns nothing: it applies the function it is built with to the data it is given.
FUNCTION_TRANSFORMER = "sklearn.preprocessing.FunctionTransformer"
ON_FUNCTION = ("# `FunctionTransformer` learns nothing from the data: it applies `{function}` to each value, which on a "
               "Spark DataFrame is a column expression: sdf.withColumn(c, {column}(F.col(c))) for each column c it is given")
ON_FUNCTION_BATCHES = ("# `FunctionTransformer` learns nothing from the data: it applies `{function}`, so when that works "
                       "row by row (most do; not one that scales by a column's own statistics) each executor can run "
                       "the transformer as it is on its own rows: sdf.mapInPandas(lambda batches: (pd.DataFrame("
                       "transformer.transform(b[cols])) for b in batches), schema), cols the columns it is given, "
                       "schema the columns it returns")
# The area under a curve, computed from the curve's points (not from data rows): a drawn curve's area is the chart's.
CURVE_AREA = "sklearn.metrics.auc"
MODEL_LIBRARIES = ("sklearn.", "xgboost.", "lightgbm.", "catboost.", "statsmodels.", "imblearn.")
# Types whose call on literals writes one value out (`datetime(2021, 7, 3)`), by their last name.
VALUE_CONSTRUCTORS = frozenset({"datetime", "date", "time", "timedelta", "Timestamp", "Timedelta", "datetime64",
                                "timedelta64", "Decimal"})
# pandas parsers that give a single value when given one written in the code (`pd.to_datetime("2024-01-01")`).
SCALAR_PARSERS = frozenset({"pandas.to_datetime", "pandas.to_numeric", "pandas.to_timedelta", "pandas.Timestamp"})

# pandas aggregates that give one value per column (`df.mean()`), unless asked for one per row (`axis=1`).
COLUMN_AGGREGATES = frozenset({"sum", "mean", "median", "std", "var", "min", "max", "count", "nunique", "quantile",
                               "skew", "kurt", "sem", "prod", "any", "all"})

# NumPy array methods that give one number when given no axis (`y.sum()`).
ARRAY_REDUCTIONS = COLUMN_AGGREGATES - {"nunique", "quantile", "skew", "kurt", "sem", "count", "median"} | {
    "argmax", "argmin", "item", "ptp"}

# Libraries and methods that draw or show: a value that only feeds them is a chart's data, not data work.
PLOTTING = ("matplotlib.", "seaborn.", "plotly.", "bokeh.", "altair.", "ipywidgets.", "statsmodels.graphics.", "statsmodels.api.graphics.")
PLOT_METHODS = frozenset({"plot", "scatter", "hist", "bar", "barh", "boxplot", "imshow", "subplot", "add_subplot",
                          "lineplot", "scatterplot", "histplot", "set_title", "legend", "pie", "fill_between",
                          "errorbar", "vlines", "hlines", "heatmap", "barplot", "countplot",
                          "violinplot", "kdeplot", "pairplot", "pcolormesh", "contour", "contourf", "hexbin", "set_xticks", "set_xticklabels",
                          "set_yticks", "set_yticklabels", "axvline", "axhline", "text", "annotate"})
DISPLAYS = frozenset({"display", "displayHTML"})  # notebook functions that show a value
# What a bare expression statement may call and still only look at a value, which a notebook then shows (the last
# of a cell) or Python drops: a few rows, a summary or a rounding of a frame, a builtin's count. Any other call may
# act (write, fit) or be work of its own (`df.groupby(k).sum()`).
LOOKS = frozenset({"head", "tail", "sample", "describe", "info", "round"})
LOOK_FUNCTIONS = frozenset({"len", "sum", "min", "max"})
GLANCES = frozenset({"shape", "columns", "dtypes", "size", "ndim"})  # attributes that tell a value's size or layout
SHOWN_EXPRESSIONS = (cst.Name, cst.Attribute, cst.Subscript, cst.BinaryOperation, cst.Comparison, cst.UnaryOperation,
                     cst.Tuple)
# pandas methods whose expression text names the caller's variables as `@name`: a use of each.
QUERY_METHODS = frozenset({"query", "eval"})
LOCAL_REFERENCE = re.compile(r"@([A-Za-z_]\w*)")

# Methods that return a pandas frame whatever their receiver is (a handle from another library).
PANDAS_METHODS = frozenset({"to_pandas_dataframe"})

ANNOTATIONS = {
    "pandas.DataFrame": PANDAS, "pandas.Series": PANDAS, "pyspark.sql.DataFrame": SPARK,
    "pyspark.pandas.DataFrame": SPARK_PANDAS, "numpy.ndarray": NUMPY, "pyspark.sql.SparkSession": SESSION,
}

# Members that only one kind of frame has, among pandas, Spark and the other values scripts hold
# (lists, dicts, arrays, files), as regular-expression pieces: a name used with one of them holds that
# kind when nothing else tells (a parameter, a helper's result, a name another notebook defined).
# Checked against pandas.DataFrame/Series and pyspark.sql.DataFrame: none is on both.
USAGE_MEMBERS = {
    PANDAS: ("iloc", "iat", "loc", "iterrows", "itertuples", "value_counts", "sort_values", "reset_index",
             "set_index", "nunique", "pivot_table", "to_frame", "applymap", "to_csv", "to_parquet", "to_excel", "to_json",
             r"values(?!\s*\()"),  # the attribute, not dict.values()
    SPARK: ("rdd", "withColumn", "withColumns", "withColumnRenamed", "withColumnsRenamed", "toPandas",
            "createOrReplaceTempView", "createOrReplaceGlobalTempView", "createTempView", "printSchema",
            "selectExpr", "orderBy", "dropDuplicates", "unionByName", "crossJoin", "pandas_api", "mapInPandas",
            "sortWithinPartitions", "randomSplit", "sampleBy", "withWatermark", "writeStream",
            r"write(?=\s*\.)"),  # df.write.format(...), not file.write(...)
}
# Methods of a service's clients that return what the service logged for the calls the code made (Semantic Link's
# traces of a DAX query): a payload, as a listing is.
SERVICE_LOGS = frozenset({"get_trace_logs"})
# A column's first value taken as a Python value (`result["model"].values[0]`): a frame the code reads so, known only
# by its pandas members (a helper's result), is a one-row result, a solver's or a service's.
FIRST_VALUE = re.compile(r"\b([A-Za-z_]\w*)\[[^\[\]\n]+\]\.values\[0\]")
# Members of an ML vector (pyspark.ml.linalg, `vector.values` too): a name used with them is no frame.
VECTOR_MEMBERS = ("indices", "toArray", "numNonzeros", "squared_distance")
# One of those members after a dot; the name it is a member of is read backwards from there (OWNER): a pattern that
# starts at every name of the file costs ten times more.
USAGE = re.compile(r"\.(?:(?P<pandas>" + "|".join(USAGE_MEMBERS[PANDAS]) + r")|(?P<spark>" + "|".join(USAGE_MEMBERS[SPARK])
                   + r")|(?P<vector>" + "|".join(VECTOR_MEMBERS) + r"))\b")
OWNER = re.compile(r"(?:self\.)?[A-Za-z_]\w*$")
# pyspark.pandas frames have pandas' members too: in a file that may hold them, those members tell nothing.
SPARK_PANDAS_IN_USE = re.compile(r"pyspark\.pandas|from\s+pyspark\s+import\s+pandas|koalas|pandas_api|to_pandas_on_spark")

# Names notebook platforms define before the first cell runs.
NOTEBOOK_GLOBALS = {"spark": SESSION, "sc": SPARK_CONTEXT}
# The notebook utilities' folder listings (Databricks', Fabric's, by the names notebooks give them, never imported).
FOLDER_LISTINGS = frozenset({"dbutils.fs.ls", "mssparkutils.fs.ls", "notebookutils.fs.ls"})


@dataclass
class _CallerSizes:
    """A function's parameters and, asked once, the most each is given as a number by the file's calls."""

    parameters: set[str]
    compute: Callable[[], dict[str, int]]
    _sizes: dict[str, int] | None = None

    def sizes(self) -> dict[str, int]:
        if self._sizes is None:
            self._sizes = {}  # a call of the function inside itself gives it nothing known while this is read
            self._sizes = self.compute()
        return self._sizes


class Values:
    """A stack of scopes mapping names (and `self.attr`-style dotted names) to value kinds."""

    def __init__(self, imports: Imports, notebook: bool, code: str = "") -> None:
        self.imports = imports
        self.notebook = notebook
        self.code = code
        self.normalizes = "json_normalize" in code  # asked of every parameter: read once
        self.scopes: list[dict[str, str | None]] = [{}]
        self.held_small: list[str] = []  # names the `if` being walked holds to a few elements (`bounded_by`)
        self.function_returns: dict[str, str | None] = {}
        self.declared_returns: dict[str, cst.BaseExpression] = {}  # return annotations, by function name
        self._usage: dict[str, str] | None = None
        self.constants: dict[str, int] = {}  # names bound to an integer literal (`m = 100`), flow-insensitive
        self.parameter_sizes: list[_CallerSizes] = []  # per function walked: the numbers its callers give it
        self.texts: dict[str, str] = {}  # names bound to text the code writes (a query built in pieces)
        self.written: dict[str, int] = {}  # names bound to a list, tuple, set or dict written out -> its length
        self.points: set[str] = set()  # names bound to points the code writes out or lays on a grid (`_made_points`)
        self.grids_drawn = any(f"{maker.rsplit('.', 1)[1]}(" in code for maker in GRID_MAKERS)  # a gate: most files have none
        self.on_points: set[int] = set()  # ids of scoring calls given only such points, and of models built for API checks
        self.small_files: set[str] = set()  # paths the code writes a small value to, as spelt (`"my_array.csv"`)
        self.records: set[str] = set()  # names bound to a record written out (`{"name": v.name, "value": x}`)
        self.groupings: set[str] = set()  # names bound to a grouping (`by_user = df.groupBy("user_id")`)
        self.per_group_names: dict[str, str] = {}  # names bound to a row per group -> `per_group`'s answer
        self.limits: dict[str, int] = {}  # names bound to a DataFrame `limit(n)` bounds -> n (`limited`)
        self.caps: dict[str, int] = {}  # names bound to a size the code caps (`min(2000, len(X))`) -> the cap
        self.taken: dict[str, int] = {}  # names bound to the rows `sdf.take(n)` or `head(n)` pulled -> n
        self.aggregate_lists: set[str] = set()  # names bound to a list of aggregate columns (`[F.max(c) for c in cols]`)
        self.name_lists: set[str] = set()  # names bound to a list of names (`cols = ["a", "b"] + more`)
        self.models: dict[str, set[int]] = {}  # estimator names -> ids of the constructor calls they hold
        self.model_classes: dict[int, str] = {}  # constructor call id -> the class it builds, qualified
        self.model_constructors: dict[int, cst.Call] = {}  # constructor call id -> the call, with the settings it gives
        self.model_data_small: dict[int, bool] = {}  # constructor id -> every use so far was on small data
        self.small_calls: set[int] = set()  # ids of training and scoring calls given only small data
        self.model_calls: dict[int, list[int]] = {}  # constructor id -> ids of the calls that train, score or are handed it
        self.steps: dict[int, cst.Call] = {}  # ids of estimator constructors written as a composite's steps -> its call
        self.advice: dict[int, str] = {}  # ids of FIT_ONLY and remote models' constructors and calls -> suggestion
        # ids of those models' constructor calls -> what their training and scoring calls are told, in walk order: a
        # model built around others (`MMM(adstock=GeometricAdstock())`) comes before them
        self.told: dict[int, str] = {}
        self.remote_calls: set[int] = set()  # a remote service's model client built, fitted or used (REMOTE_MODELS)
        self.lacking: dict[int, str] = {}  # constructor id -> the first later call its pyspark.ml twin has no method for

    def push(self) -> None:
        self.scopes.append({})

    def bounded_by(self, test: cst.BaseExpression) -> str | None:
        """The name an `if` test holds to at most SMALL_ARRAY elements (`cov.shape == (2, 2)`, `x.size <= 9`): in
        the branch it guards, that value is small whatever it came from (a 2x2 covariance drawn as an ellipse)."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return None
        measured, bound = test.left, test.comparisons[0]
        if not isinstance(bound.operator, (cst.Equal, cst.LessThan, cst.LessThanEqual)) \
                or not isinstance(measured, cst.Attribute) or not isinstance(measured.value, cst.Name):
            return None
        size = self.elements(bound.comparator) if measured.attr.value == "shape" and isinstance(
            bound.operator, cst.Equal) else self.integer(bound.comparator) if measured.attr.value == "size" else None
        return measured.value.value if size is not None and size <= SMALL_ARRAY else None

    def counted_few(self, test: cst.BaseExpression) -> cst.Name | None:
        """The Spark frame a test holds to at most SMALL_ARRAY rows (`assert meta.count() == 1`): past an assert, its
        rows are a few whatever plan made them."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return None
        counted, bound = test.left, test.comparisons[0]
        frame = counted.func.value if isinstance(counted, cst.Call) and not counted.args \
            and isinstance(counted.func, cst.Attribute) and counted.func.attr.value == "count" else None
        rows = self.integer(bound.comparator)
        if isinstance(frame, cst.Name) and isinstance(bound.operator, (cst.Equal, cst.LessThan, cst.LessThanEqual)) \
                and rows is not None and rows <= SMALL_ARRAY and self.lookup(frame.value) == SPARK:
            return frame
        return None

    def enter_parameters(self, parameters: set[str], sizes: Callable[[], dict[str, int]]) -> None:
        """Inside a function, the most each parameter is given as a number by the file's calls, asked only when a
        parameter's number is (`Context.caller_integers` reads every call of the file)."""
        self.parameter_sizes.append(_CallerSizes(parameters, sizes))

    def leave_parameters(self) -> None:
        self.parameter_sizes.pop()

    def hold_small(self, name: str) -> None:
        self.held_small.append(name)

    def release_small(self, name: str) -> None:
        if name in self.held_small:  # unless the branch assigned it anew
            self.held_small.remove(name)

    def pop(self) -> None:
        self.scopes.pop()

    def bind(self, target: cst.BaseExpression, kind: str | None, value: cst.BaseExpression | None = None) -> None:
        """Record what an assignment target now holds; tuples receive the same kind element-wise.
        With the assigned `value`, also the integer a name holds and the models an estimator name was built from."""
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.bind(element.value, kind)
                if value is not None and isinstance(element.value, cst.Name) and self._made_points(value):
                    self.points.add(element.value.value)  # `x0, x1 = np.meshgrid(...)`
            return
        if isinstance(target, cst.StarredElement):
            self.bind(target.value, None)
            return
        grown = _row_appended(target)
        if grown is not None and next((scope[grown] for scope in reversed(self.scopes) if grown in scope), None) in (
                None, PANDAS_SMALL):
            self.scopes[-1][grown] = PANDAS_SMALL  # a frame of unknown origin grown a row at a time is a log
            return
        name = dotted(target)
        if name is not None:
            self.held_small[:] = [held for held in self.held_small if held != name]  # assigned anew in the branch
            if self.parameter_sizes:
                self.parameter_sizes[-1].parameters.discard(name)  # a parameter bound anew: not what callers gave
            self.constants.pop(name, None)
            self.models.pop(name, None)
            text = self.text(value) if value is not None else None
            self.texts.pop(name, None)
            if text is not None:
                self.texts[name] = text
            self.written.pop(name, None)
            self.points.discard(name)
            if value is not None and self._made_points(value):
                self.points.add(name)
            if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.Dict)) and not any(
                    isinstance(e, (cst.StarredElement, cst.StarredDictElement)) for e in value.elements):
                self.written[name] = len(value.elements)
            self.records.discard(name)
            if isinstance(value, cst.Dict) and self._record(value):
                self.records.add(name)
            per_group = self.per_group(value) if value is not None else None
            rows = self.limited(value) if value is not None else None
            self.limits.pop(name, None)
            if rows is not None:
                self.limits[name] = rows
            self.taken.pop(name, None)
            taken = self.integer(argument(value, 0, "n", "num")) \
                if isinstance(value, cst.Call) and method_name(value) in ("take", "head") else None
            if taken is not None:
                self.taken[name] = taken
            self.groupings.discard(name)
            self.per_group_names.pop(name, None)
            if value is not None and _grouping(value):
                self.groupings.add(name)
            if per_group:
                self.per_group_names[name] = per_group
            self.aggregate_lists.discard(name)
            if isinstance(value, (cst.List, cst.Tuple)) and value.elements \
                    and all(self.aggregate_column(element.value) for element in value.elements) \
                    or isinstance(value, (cst.ListComp, cst.GeneratorExp)) and self.aggregate_column(value.elt):
                self.aggregate_lists.add(name)
            self.name_lists.discard(name)
            if value is not None and _spells_names(value):
                self.name_lists.add(name)
            self.caps.pop(name, None)
            if isinstance(value, (cst.Integer, cst.BinaryOperation)) and (number := self.integer(value)) is not None:
                self.constants[name] = number  # `m = 100`, `n = train_len + test_len` of known numbers
            elif isinstance(value, cst.Call) and (cap := self.at_most(value)) is not None:
                self.caps[name] = cap  # `size = min(2000, len(X))`
            elif value is not None and kind in (ESTIMATOR, ESTIMATORS):  # a model, or a list of models to loop over
                self.models[name] = self._constructors(value)
            # `self.x` outlives the method that sets it: every method of the class reads it.
            self.scopes[0 if name.startswith("self.") else -1][name] = kind

    def declare_returns(self, module: cst.Module) -> None:
        """The return annotations of the module's functions and methods, read before the walk: a method
        is often called (`self.load()`) above its definition."""
        for statement in module.body:
            body = statement.body.body if isinstance(statement, cst.ClassDef) else (statement,)
            for definition in body:
                if isinstance(definition, cst.FunctionDef) and definition.returns is not None:
                    self.declared_returns[definition.name.value] = definition.returns.annotation

    def returns_of(self, function: str) -> str | None:
        """What a function of this file returns: its return statements' kind, else its annotation's."""
        annotation = self.declared_returns.get(function)
        return self.function_returns.get(function) or (self.annotation_kind(annotation) if annotation else None)

    def returned_kind(self, value: cst.BaseExpression) -> str | None:
        """What a return statement gives: a tuple of values of one kind is that kind, as its unpacking binds each name
        (`return columns, measures` of two workspace listings)."""
        kind = self.kind_of(value)
        if kind is None and isinstance(value, cst.Tuple) and value.elements:
            kinds = {self.kind_of(element.value) for element in value.elements}
            return kinds.pop() if len(kinds) == 1 else None
        return kind

    def bind_annotation(self, name: str, annotation: cst.BaseExpression) -> None:
        self.scopes[-1][name] = self.annotation_kind(annotation)

    def annotation_kind(self, annotation: cst.BaseExpression) -> str | None:
        return ANNOTATIONS.get(self.imports.qualify(annotation) or "")

    def bind_parameter(self, name: str, function: cst.FunctionDef) -> None:
        """An unannotated parameter is unknown, except the universal `spark`/`sc` convention and a frame whose
        columns the function flattens with `pd.json_normalize`: cells that are JSON records make a parsed reply,
        as small as one (a frame built by `json_normalize` is one already, CALL_KINDS)."""
        if self.normalizes and any(
                self.imports.qualify(call.func) == "pandas.json_normalize" and call.args
                and isinstance(column := call.args[0].value, cst.Subscript) and isinstance(column.value, cst.Name)
                and column.value.value == name for call in descendants(function.body, cst.Call)):
            self.scopes[-1][name] = PANDAS_SMALL
            return
        self.scopes[-1][name] = NOTEBOOK_GLOBALS.get(name) if "pyspark" in self.imports.modules else None

    def lookup(self, name: str) -> str | None:
        if name in self.held_small:
            return NUMPY_SMALL
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name] or self.used_as(name)
        if name in NOTEBOOK_GLOBALS and (self.notebook or "pyspark" in self.imports.modules):
            return NOTEBOOK_GLOBALS[name]
        return self.used_as(name)

    def only_used_as(self, node: cst.BaseExpression) -> bool:
        """Whether a name's kind is known only from the members it is used with (`used_as`): no assignment,
        annotation or return in this file says where its value comes from (a parameter, a helper's result)."""
        if not isinstance(node, cst.Name):
            return False
        bound = next((scope[node.value] for scope in reversed(self.scopes) if node.value in scope), None)
        return bound is None and self.used_as(node.value) is not None

    def used_as(self, name: str) -> str | None:
        """The kind of frame a name's members tell (USAGE_MEMBERS), anywhere in the file; None when
        they tell both or neither. Only asked when nothing else tells, so it never overrides a known kind."""
        if self._usage is None:
            told: dict[str, set[str]] = {}
            pandas_told = not SPARK_PANDAS_IN_USE.search(self.code)
            for owner, match in _usages(self.code):
                if match["spark"] or match["vector"] or pandas_told:
                    told.setdefault(owner, set()).add(SPARK if match["spark"] else "vector" if match["vector"] else PANDAS)
            self._usage = {used: kinds.pop() for used, kinds in told.items() if kinds in ({SPARK}, {PANDAS})}
            firsts = FIRST_VALUE.findall(self.code) if ".values[0]" in self.code else []  # a pattern at every name
            self._usage.update((one, PANDAS_SMALL) for one in firsts if self._usage.get(one) in (None, PANDAS))
        return self._usage.get(name)

    def kind_of(self, node: cst.BaseExpression) -> str | None:
        """The value kind of an expression, or None when it cannot be told."""
        # exact types: libcst's nodes are final, and isinstance on them is an abstract-base check
        if type(node) is cst.Name:
            return self.lookup(node.value)
        if type(node) is cst.Call:
            return self._call_kind(node)
        if type(node) is cst.Attribute:
            name = dotted(node)
            if name is not None:
                for scope in reversed(self.scopes):
                    if name in scope:
                        return scope[name] or self.used_as(name)
                if name.startswith("self.") and name.count(".") == 1 and self.used_as(name):
                    return self.used_as(name)
            if self.imports.qualify(node) is not None and not isinstance(node.value, cst.Call):
                return None  # a module attribute, e.g. np.pi
            receiver = self.kind_of(node.value)
            if receiver in (ESTIMATOR, SPARK_ML, None) and "importance" in node.attr.value.lower():
                return NUMPY_SMALL  # `model.featureImportances`, `feature_importances_`: a value per feature
            return self.member_kind(receiver, node.attr.value)
        if type(node) is cst.Subscript:
            kind = self.kind_of(node.value)
            if kind == ESTIMATORS:
                return ESTIMATOR
            if self.imports.qualify(node.value) in ("numpy.c_", "numpy.r_"):  # np.c_[a, b]: as small as its parts
                return NUMPY_SMALL if all(self._small_argument(e.slice.value) for e in node.slice
                                          if isinstance(e.slice, cst.Index)) else NUMPY
            capped = SMALL_ARRAY if kind in (NUMPY, NUMPY_SMALL) else SMALL_ROWS  # an array's first rows: a sample
            if kind in SHRINKS and (self._few_rows(node.slice, capped) or self._few_labels(node)
                                    or self._drawn_rows(node, kind)):
                return SHRINKS[kind]  # `df.iloc[:5]`, `arr[-10:]`, `X_train[:1000]`, `X[sample_idx]`
            if kind is None and self._few_rows(node.slice, SMALL_ARRAY):
                return NUMPY_SMALL  # `series.values[-6:]`, `X_scaled[:64]` of a value of unknown kind: a few rows all the same
            return kind if kind in (PANDAS, PANDAS_GROUPBY, PANDAS_SMALL, SPARK, SPARK_SMALL, SPARK_PANDAS, NUMPY,
                                    NUMPY_SMALL, POLARS, PAYLOAD) else None
        if isinstance(node, (cst.List, cst.Tuple, cst.Dict)):
            return ESTIMATORS if self._holds_estimator(node) else None
        if type(node) is cst.BinaryOperation and isinstance(node.operator, cst.Divide) \
                and method_name(node.left) == "value_counts" and self.kind_of(node.left.func.value) == PANDAS:  # type: ignore[attr-defined]
            return PANDAS_SMALL  # proportions: a share per category
        if type(node) is cst.BinaryOperation:  # a small value meeting a large one gives a large one
            kinds = [kind for kind in (self.kind_of(node.left), self.kind_of(node.right)) if kind is not None]
            return next((kind for kind in kinds if kind not in SMALL_KINDS), kinds[0] if kinds else None)
        if type(node) is cst.Comparison:  # element-wise on a frame or an array: a mask of the same kind
            kind = self.kind_of(node.left)
            return kind if kind in (PANDAS, PANDAS_SMALL, NUMPY, NUMPY_SMALL) else None
        if isinstance(node, (cst.Await, cst.UnaryOperation)):
            return self.kind_of(node.expression)
        if type(node) is cst.IfExp:
            return self.kind_of(node.body) or self.kind_of(node.orelse)
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)) and self.kind_of(node.for_in.iter) == PAYLOAD:
            return PAYLOAD  # a part of each item of a reply (`[item["fields"] for item in items]`): as small as it
        if type(node) is cst.ListComp and type(node.elt) is cst.Call and self._call_kind(node.elt) == ESTIMATOR:
            return ESTIMATORS  # a model built per setting: `[GaussianMixture(n) for n in range(1, 9)]`
        return None

    def _few_rows(self, index: Sequence[cst.SubscriptElement], most: int = SMALL_ROWS) -> bool:
        """Whether a subscript's first part is a slice the code bounds to at most `most` rows (`[:5]`, `[-10:]`,
        `[2:8]`), whatever follows it (`[:5, 0]`)."""
        first = index[0].slice if index else None
        if not isinstance(first, cst.Slice) or (first.step is not None and self.integer(first.step) is None):
            return False
        lower = self.integer(first.lower) if first.lower is not None else 0
        if lower is None:
            return False
        if first.upper is None:  # `[-10:]`: the last few
            return -most <= lower < 0
        upper = self.integer(first.upper)
        return upper is not None and (upper >= 0) == (lower >= 0) and upper - lower <= most

    def _drawn_rows(self, node: cst.Subscript, kind: str) -> bool:
        """Whether a subscript picks rows of an array, or of a frame by `.iloc`/`.loc`, by a small array of positions
        (`X[sample_idx]` of `sample_idx = np.random.choice(len(X), size=min(2000, len(X)), replace=False)`): a
        sample of known size. A frame's own `df[...]` picks columns or filters by a mask, so it is not one."""
        first = node.slice[0].slice if node.slice else None
        rows = kind in (NUMPY, NUMPY_SMALL) or isinstance(node.value, cst.Attribute) and node.value.attr.value in (
            "iloc", "loc")
        return rows and isinstance(first, cst.Index) and not isinstance(first.value, cst.Comparison) \
            and self.kind_of(first.value) == NUMPY_SMALL

    def _few_labels(self, node: cst.Subscript) -> bool:
        """Whether a subscript picks rows by a list of a few labels or positions written out (`df.loc[[key]]`,
        `df.iloc[[0, 5]]`), by one position (`df.iloc[0]`), or the keys of a few written out
        (`df.loc[list(names.keys())]`), not by a mask or a list of columns (`df[["a", "b"]]`)."""
        first = node.slice[0].slice if node.slice else None
        if not (isinstance(node.value, cst.Attribute) and node.value.attr.value in ("loc", "iloc")
                and isinstance(first, cst.Index)):
            return False
        labels = first.value
        if node.value.attr.value == "iloc" and self.integer(labels) is not None:  # `df.iloc[0]`: one row
            return True
        while isinstance(labels, cst.Call) and (dotted(labels.func) in ("list", "sorted", "tuple") and labels.args
                                                or isinstance(labels.func, cst.Attribute) and labels.func.attr.value == "keys"):
            labels = labels.args[0].value if isinstance(labels.func, cst.Name) else labels.func.value  # type: ignore[attr-defined]
        if isinstance(labels, cst.Name):
            return 0 < self.written.get(labels.value, SMALL_ROWS + 1) <= SMALL_ROWS
        return isinstance(labels, cst.List) and 0 < len(labels.elements) <= SMALL_ROWS and all(
            isinstance(e.value, (cst.Name, cst.Integer, cst.SimpleString, cst.Attribute)) for e in labels.elements)

    def _holds_estimator(self, node: cst.List | cst.Tuple | cst.Dict) -> bool:
        """A literal collection of models (`[RF(), SVC()]`, `[("rf", RF()), …]`, `{"rf": RF()}`)."""
        for element in node.elements:
            value = element.value
            if isinstance(value, cst.Tuple):
                if self._holds_estimator(value):
                    return True
            elif self.kind_of(value) in (ESTIMATOR, ESTIMATORS):
                return True
        return False

    def member_kind(self, receiver: str | None, member: str) -> str | None:
        if receiver is None:
            return None
        table = METHOD_KINDS.get(receiver, {})
        return table.get(member, table.get("*"))

    def _call_kind(self, node: cst.Call) -> str | None:
        func = node.func
        qualified = self.imports.qualify(func)
        if isinstance(func, cst.Attribute) and func.attr.value == "ls" and dotted(func) in FOLDER_LISTINGS:
            return PAYLOAD  # the entries of a folder, as the workspace's file service lists them: names, not data
        if isinstance(func, cst.Attribute) and func.attr.value == "getOrCreate":
            return SPARK_CONTEXT if qualified in ("pyspark.SparkContext.getOrCreate",
                                                  "pyspark.context.SparkContext.getOrCreate") else SESSION
        if qualified is None and isinstance(func, cst.Name):
            if func.value in self.function_returns or func.value in self.declared_returns:
                return self.returns_of(func.value)
            if func.value in ("open",):
                return FILE
            if func.value in ("enumerate", "list", "tuple", "sorted", "reversed") and node.args:
                return ESTIMATORS if self.kind_of(node.args[0].value) == ESTIMATORS else None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
            return self.returns_of(func.attr.value)  # a method of the class being walked
        if qualified is not None:
            kind = call_kind(qualified)
            if qualified == "pathlib.Path" and not node.args:
                return DRIVER_FOLDER  # `Path()`: the working folder
            if kind == FIRST_ARGUMENT:
                return self.kind_of(node.args[0].value) if node.args else None
            if kind == PANDAS and qualified in ("pandas.DataFrame", "pandas.Series", "pandas.concat") \
                    and self._small_frame_data(node):
                return PANDAS_SMALL
            if qualified == "pandas.merge" and self._merged_small(node):
                return PANDAS_SMALL
            if qualified in SCALAR_PARSERS and node.args and _written_out(node.args[0].value):
                return PANDAS_SMALL
            if qualified.startswith("pandas.read_") and node.args and _notebook_resource(node.args[0].value):
                return PANDAS_SMALL  # a file of a Fabric notebook's own resources: at most 100 MB, on the driver
            if qualified.startswith("pandas.read_") and node.args and METRICS_FILE.search(
                    self.path_text(node.args[0].value) or ""):
                return PANDAS_SMALL  # a run's metrics read back to be shown
            if qualified.startswith(FILE_READERS) and node.args and self.text(node.args[0].value) in self.small_files:
                return NUMPY_SMALL if kind == NUMPY else PANDAS_SMALL  # read back: `np.savetxt("a.csv", small)`
            if qualified == "pandas.read_json" and node.args and self.kind_of(node.args[0].value) == PAYLOAD:
                return PANDAS_SMALL  # an endpoint's JSON reply parsed into a frame, `pd.read_json(io.StringIO(r.text))`
            if kind == NUMPY or qualified.startswith("sklearn.datasets.make_"):
                return NUMPY_SMALL if self._small_array(qualified, node) else kind
            if kind is None and node.args and self.kind_of(node.args[0].value) == PAYLOAD:
                return PAYLOAD  # another library reading an endpoint's reply: `pa.ipc.open_stream(io.BytesIO(r.content))`
            if kind is None and "metric" in qualified.rsplit(".", 1)[-1].lower():
                return PANDAS_SMALL  # a helper's `compute_metrics(...)`: a few numbers per model or series
            return kind
        if isinstance(func, cst.Attribute):
            if func.attr.value == "toJavaRDD":  # a JVM RDD, through py4j: its rows are Java objects
                return JVM
            if func.attr.value in PANDAS_METHODS:  # after `.take(n)`/`.head(n)`, a few rows
                bounded = method_name(func.value) in ("take", "head")
                return PANDAS_SMALL if bounded else PANDAS
            receiver = self.kind_of(func.value)
            kind = self.member_kind(receiver, func.attr.value)
            if receiver == PANDAS and _summarizes(node):
                return PANDAS_SMALL
            if receiver == NUMPY and func.attr.value in ARRAY_REDUCTIONS and not node.args:
                return NUMPY_SMALL  # `y.sum()`: one number
            if receiver in (NUMPY, NUMPY_SMALL) and func.attr.value in RANDOM_DRAWS:  # rng.normal(0, 1, 50)
                return NUMPY_SMALL if self._small_draw(func.attr.value, node) else NUMPY
            if receiver == ESTIMATOR and func.attr.value.startswith("predict") and isinstance(func.value, cst.Name) \
                    and self.models.get(func.value.value, set()) & self.remote_calls:
                return PAYLOAD  # what a service replied: a forecast's horizon, a batch's predictions
            if receiver == ESTIMATOR and kind == NUMPY and self.model_data_is_small(node):
                return NUMPY_SMALL  # predictions on a few points are a few points
            if receiver is None and kind is None and self.given_small(node, (NUMPY_SMALL,)):
                return NUMPY_SMALL  # an unknown library's tool given a few points (`rotation.apply(X)`) gives as many
            if receiver == SESSION and func.attr.value == "createDataFrame" and node.args and (
                    self._driver_rows(node.args[0].value) or self._small_frame_data(node)):
                return SPARK_SMALL  # rows the driver held already, or written in the code: pulling them back is no work
            if receiver == SPARK_SMALL and func.attr.value in ("union", "unionAll", "unionByName") and node.args \
                    and self.kind_of(node.args[0].value) == SPARK_SMALL:
                return SPARK_SMALL  # rows the driver held, gathered: `reports = reports.union(spark.createDataFrame([row]))`
            if receiver == SESSION and func.attr.value == "range" and self._few_ids(node):
                return SPARK_SMALL  # `spark.range(1)`: a row or a few, to run something once on an executor
            if receiver in (SPARK_ML, None) and func.attr.value == "transform" and node.args \
                    and self.kind_of(node.args[0].value) == SPARK_SMALL:
                return SPARK_SMALL  # a model or a transformer gives a row for each row it is given
            if receiver is None and func.attr.value == "json" and not node.args:
                return PAYLOAD  # `reply.json()` of a client this file does not build: what an endpoint replied
            if receiver in (ESTIMATOR, SPARK_ML, None) and "importance" in func.attr.value.lower():
                return NUMPY_SMALL  # `model.getFeatureImportances()`: a value per feature
            if receiver is None and (func.attr.value.startswith("list_") or func.attr.value in SERVICE_LOGS):
                return PAYLOAD  # `connection.list_traces()` of a client this file does not build: a service's listing
            small = self.bounds(receiver, node) and (kind == SPARK or receiver is None and func.attr.value in ("sql", "limit"))
            return SPARK_SMALL if small else kind  # metadata SQL, or `limit` (Spark's only), on a value of unknown origin too
        return None

    # --- size: values small by construction -------------------------------------------------

    def bounds(self, receiver: str | None, node: cst.Call) -> bool:
        """Whether a method on a DataFrame (or a session's `sql`) returns a few rows whatever the data's size:
        `limit(n <= SMALL_ROWS)`, a global aggregate (`agg`, or a `select` of aggregates only; not one after
        `groupBy`: a row per group is as many rows as the keys have values, a row per user and day in a per-user
        table), or SQL with LIMIT, a global aggregate or metadata (SMALL_SQL). A receiver of unknown kind is read as
        a DataFrame."""
        func = node.func
        if not isinstance(func, cst.Attribute):
            return False
        method, first = func.attr.value, node.args[0].value if node.args else None
        if receiver not in (SPARK, SPARK_SMALL, None) and method != "sql":
            return False
        if method == "limit":
            rows = self.integer(first) if first is not None else None
            return rows is not None and rows <= SMALL_ROWS
        if method == "agg":  # one row, unless grouped: then one per group, as many as the keys have values
            grouped = func.value
            return not (_grouping(grouped) or isinstance(grouped, cst.Name) and grouped.value in self.groupings)
        if method == "select":  # one row when every column aggregates the whole frame
            return bool(node.args) and all(
                isinstance(column.value, cst.Name) and self.aggregate_list(column.value.value)
                if column.star == "*" else not column.star and self.aggregate_column(column.value)
                for column in node.args)
        if method == "sql" and receiver in (SESSION, None) and first is not None:  # a session of unknown origin too
            return few_rows(self.text(first))
        return False

    def aggregate_list(self, name: str) -> bool:
        """Whether a name holds aggregate Columns: a list of them written out, or one the file also hands to a grouped
        `agg(*name)` (a helper built it: `cols = self._stats_columns()`)."""
        return name in self.aggregate_lists or re.search(rf"\.agg\(\s*\*{re.escape(name)}\s*\)", self.code) is not None

    def aggregate_column(self, node: cst.BaseExpression) -> bool:
        """Whether a Column folds every row into one value: an aggregate of pyspark.sql.functions (`F.max(c)`),
        renamed or cast, or arithmetic on such values and numbers. Never one `.over(window)`: that keeps every row."""
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in COLUMN_RENAMES:
            node = node.func.value
        if isinstance(node, cst.BinaryOperation):
            sides = (node.left, node.right)
            return any(self.aggregate_column(side) for side in sides) and all(
                isinstance(side, (cst.Integer, cst.Float)) or self.aggregate_column(side) for side in sides)
        module, _, function = (self.imports.qualify(node.func) or "").rpartition(".") if isinstance(node, cst.Call) \
            else ("", "", "")
        return module == "pyspark.sql.functions" and re.fullmatch(AGGREGATES, function, re.IGNORECASE) is not None

    def per_group(self, node: cst.BaseExpression) -> str | None:
        """Whether a DataFrame expression holds a row per group, and of which grouping: an aggregate of one
        (AGGREGATED), or the distinct values of a column or two (DISTINCT: `df.select("tenant").distinct()`, `SELECT
        DISTINCT tenant FROM ...`), directly or through names bound to either, then only steps that keep one row per
        group (`where`, `select`, `cache`)."""
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            method, receiver = node.func.attr.value, node.func.value
            if _grouping(receiver) or isinstance(receiver, cst.Name) and receiver.value in self.groupings:
                return AGGREGATED if method in GROUPED_AGGREGATES else None
            if method in ("distinct", "dropDuplicates") and not node.args and method_name(receiver) == "select":
                return DISTINCT if 0 < len(receiver.args) <= 2 else None  # type: ignore[attr-defined]
            if method == "sql" and node.args and self.kind_of(receiver) == SESSION:
                return DISTINCT if DISTINCT_SQL.match(self.text(node.args[0].value) or "") else None
            if method not in PER_ROW_STEPS and not (method in NA_STEPS and _na(receiver)):
                return None
            node = receiver.value if _na(receiver) else receiver  # type: ignore[attr-defined]
        return self.per_group_names.get(node.value) if isinstance(node, cst.Name) else None

    def limited(self, node: cst.BaseExpression) -> int | None:
        """The rows a DataFrame expression is bounded to by `limit(n)`, n a number the code spells, then only steps
        that keep or drop rows (`select`, `where`, `orderBy`), directly or through a name bound to one."""
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            if node.func.attr.value == "limit":
                return self.integer(node.args[0].value) if node.args else None
            if node.func.attr.value not in PER_ROW_STEPS:
                return None
            node = node.func.value
        return self.limits.get(node.value) if isinstance(node, cst.Name) else None

    def integer(self, node: cst.BaseExpression | None) -> int | None:
        """An integer the code spells: a literal, a name bound to one (`m = 100`), or their product."""
        if isinstance(node, cst.Integer):
            return int(node.value, 0)
        if isinstance(node, cst.Name):
            given = self.parameter_sizes[-1] if self.parameter_sizes else None
            if given is not None and node.value in given.parameters:
                return given.sizes().get(node.value)
            return self.constants.get(node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls"):
            return self.constants.get(node.attr.value)  # a class's own constant (`NUM_ROWS = 100` in its body)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
            value = self.integer(node.expression)
            return None if value is None else -value
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Multiply, cst.Add)):
            left, right = self.integer(node.left), self.integer(node.right)
            if left is None or right is None:
                return None
            return left * right if isinstance(node.operator, cst.Multiply) else left + right
        return None

    def at_most(self, node: cst.BaseExpression) -> int | None:
        """The most an integer can be: one the code spells (`integer`), or the smallest it spells in a `min(...)`
        (`min(2000, len(X))`), directly or through a name bound to one."""
        if (exact := self.integer(node)) is not None:
            return exact
        if isinstance(node, cst.Name):
            return self.caps.get(node.value)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "min":
            known = [bound for arg in node.args if (bound := self.at_most(arg.value)) is not None]
            return min(known) if known else None
        return None

    def text(self, node: cst.BaseExpression) -> str | None:
        """The text a string expression spells, its unknown parts as ` name `: a literal, an f-string, a literal's
        `format` (`"runs/{}".format(tag)`), a name bound to one, or their sum (`sql = sql + " and x = '" + value +
        "'"`); None unless it starts with text."""
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            return value if isinstance(value, str) else None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format" \
                and isinstance(node.func.value, cst.SimpleString):
            template = node.func.value.evaluated_value
            try:
                parts = Formatter().parse(template) if isinstance(template, str) else ()
                return "".join(text + ("" if field is None else " name ") for text, field, _, _ in parts) or None
            except ValueError:  # not a format string after all (`"{".format()`)
                return None
        if isinstance(node, cst.FormattedString):
            return "".join(part.value if isinstance(part, cst.FormattedStringText) else (self.text(part.expression)
                           if isinstance(part, cst.FormattedStringExpression) else None) or " name " for part in node.parts)
        if isinstance(node, cst.ConcatenatedString):
            left, right = self.text(node.left), self.text(node.right)
            return None if left is None else left + (right if right is not None else " name ")
        if isinstance(node, cst.Name):
            return self.texts.get(node.value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            left = self.text(node.left)
            return None if left is None else left + (self.text(node.right) or " name ")
        return None

    def path_text(self, node: cst.BaseExpression) -> str | None:
        """The text a path spells (`text`), also as a `Path` or joined: `Path("data") / name` and
        `os.path.join("data", name)` are `data/ name `."""
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            left = self.path_text(node.left)
            return None if left is None else f"{left}/{self.text(node.right) or ' name '}"
        if isinstance(node, cst.Call) and self.imports.qualify(node.func) in JOINS and node.args and not node.args[0].star:
            first = self.path_text(node.args[0].value)
            return None if first is None else "/".join([first, *(self.path_text(a.value) or " name " for a in node.args[1:])])
        return self.text(node)

    def elements(self, shape: cst.BaseExpression | None) -> int | None:
        """How many elements an array of this shape (an integer or a tuple of them) has."""
        if isinstance(shape, (cst.Tuple, cst.List)):
            total = 1
            for element in shape.elements:
                size = self.integer(element.value)
                if size is None:
                    return None
                total *= size
            return total
        return self.integer(shape)

    def _merged_small(self, node: cst.Call) -> bool:
        """`pd.merge` of two listings (as small as they are), or a lookup: a few rows (a run's record written in the
        code) joined to a frame of unknown size (a helper's result) in a join that keeps only theirs (inner, or the
        side `how` keeps), one row per match."""
        sides = [argument(node, 0, "left"), argument(node, 1, "right")]
        kinds = [self.kind_of(side) if side is not None else PANDAS for side in sides]
        if all(kind in SMALL_KINDS for kind in kinds):
            return True
        how = argument(node, 2, "how")
        joined = "inner" if how is None else str(how.evaluated_value) if isinstance(how, cst.SimpleString) else ""
        kept = {"inner": (0, 1), "left": (0,), "right": (1,)}.get(joined, ())
        return any(kinds[side] in SMALL_KINDS and kinds[1 - side] is None for side in kept)

    def _small_argument(self, node: cst.BaseExpression) -> bool:
        """A number, a text (`"ts{}".format(i)` too), data written out in the code, a few thousand numbers counted out
        (`range(42, 42 + n)` of a number the code spells), or a value small by construction."""
        if self.integer(node) is not None or literal(node) or self.imports.qualify(node) in NUMBER_CONSTANTS \
                or self.text(node) is not None or method_name(node) == "format" \
                and isinstance(node.func.value, (cst.SimpleString, cst.ConcatenatedString)):  # type: ignore[attr-defined]
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "range" \
                and self.imports.qualify(node.func) is None and 1 <= len(node.args) <= 3:
            bounds = [self.integer(arg.value) for arg in node.args[:2]]
            return None not in bounds and bounds[-1] - (bounds[0] if len(bounds) == 2 else 0) <= SMALL_ARRAY  # type: ignore[operator]
        if isinstance(node, (cst.Tuple, cst.List)):
            return all(self._small_argument(e.value) for e in node.elements)
        return self.kind_of(node) in SMALL_KINDS

    def _few_ids(self, node: cst.Call) -> bool:
        """`spark.range(end)` or `range(start, end)` of numbers the code spells, at most SMALL_ROWS apart."""
        bounds = [bound for arg in node.args if arg.keyword is None and (bound := self.integer(arg.value)) is not None]
        if not 1 <= len(bounds) == len(node.args) <= 2:
            return False
        return bounds[-1] - (bounds[0] if len(bounds) == 2 else 0) <= SMALL_ROWS

    def given_small(self, node: cst.Call, kinds: tuple[str, ...] = (NUMPY_SMALL, PANDAS_SMALL)) -> bool:
        """A call whose arguments are numbers, data written out or small values, one of them a small array or frame
        of `kinds` (inside a list too: `pd.concat([a, b])`), by position or keyword (`np.save(file=f, arr=a)`)."""
        values = [arg.value for arg in node.args]
        held = [e.value for v in values for e in (v.elements if isinstance(v, (cst.List, cst.Tuple)) else [cst.Element(v)])]
        return any(self.kind_of(v) in kinds for v in held) and all(self._small_argument(v) for v in values)

    def _small_array(self, qualified: str, node: cst.Call) -> bool:
        """A NumPy array or toy data set small by construction: a draw or a grid of a few thousand points,
        a `make_*` sample of as many, or NumPy work whose every argument is itself small."""
        name = qualified.rsplit(".", 1)[-1]
        if qualified.startswith("numpy.random.") and name in RANDOM_DRAWS:
            return self._small_draw(name, node)
        if qualified.startswith("sklearn.datasets.make_"):
            samples = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "n_samples"),
                           node.args[0].value if node.args and node.args[0].keyword is None else None)
            size = 100 if samples is None else self.integer(samples)  # make_*'s default n_samples is 100
            return size is not None and size <= SMALL_ARRAY
        if qualified in GRIDS:
            size_argument = argument(node, GRIDS[qualified], "num")
            size = 50 if size_argument is None else self.integer(size_argument)  # their default num is 50
            return size is not None and size <= SMALL_ARRAY
        if qualified == "numpy.arange":
            bounds = [self.integer(a.value) for a in node.args if a.keyword is None]
            return bool(bounds) and None not in bounds and max(map(abs, bounds)) <= SMALL_ARRAY  # type: ignore[arg-type]
        if qualified in FILLED:
            size = self.elements(argument(node, 0, "shape", "N", "n"))
            return size is not None and size <= SMALL_ARRAY
        if name.startswith(NUMPY_READERS):
            return False
        data = [a.value for a in node.args if a.keyword is None or a.keyword.value in ("a", "object", "x", "arrays")]
        return bool(data) and all(self._small_argument(value) for value in data)

    def _small_draw(self, draw: str, node: cst.Call) -> bool:
        """A random draw of at most SMALL_ARRAY numbers (no size at all is one number), or one number per row of a
        small value (`rng.randn(X.shape[0])`, `len(x)` of a small `x`: noise added to generated points)."""
        where = RANDOM_DRAWS[draw]
        if where == "dims":
            dims = [a.value for a in node.args if a.keyword is None]
        else:
            given = argument(node, where, "size")  # type: ignore[arg-type]
            dims = [] if given is None else [e.value for e in given.elements] \
                if isinstance(given, (cst.Tuple, cst.List)) else [given]
        sizes = [self.at_most(d) for d in dims if not self._counts_small(d)]
        return None not in sizes and prod(sizes) <= SMALL_ARRAY  # type: ignore[arg-type]

    def _counts_small(self, node: cst.BaseExpression) -> bool:
        """`len(x)`, `x.shape[i]` or `x.size` of a value small by construction: a size that is small too."""
        if isinstance(node, cst.Subscript):
            node = node.value
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len" and node.args:
            measured: cst.BaseExpression | None = node.args[0].value
        elif isinstance(node, cst.Attribute) and node.attr.value in ("shape", "size"):
            measured = node.value
        else:
            measured = None
        return measured is not None and self.kind_of(measured) in SMALL_KINDS

    def _driver_rows(self, data: cst.BaseExpression) -> bool:
        """Whether what `createDataFrame` is given is rows the driver holds: a local frame or array, or a name of
        unknown kind (a parameter, a helper's result), which only an RDD would not be, and the file never says RDD."""
        kind = self.kind_of(data)
        return kind in DRIVER_HELD or kind is None and isinstance(data, cst.Name) and "rdd" not in data.value.lower()

    def _small_frame_data(self, node: cst.Call) -> bool:
        """Rows written in the code (`pd.DataFrame({...})` or of a name bound to such a record, `pd.DataFrame([...])`,
        no data at all), a small value such as a payload, or `pd.concat` of small frames only."""
        data = next((a.value for a in node.args if a.keyword is None or a.keyword.value in ("data", "objs")), None)
        concat = self.imports.qualify(node.func) == "pandas.concat"
        if isinstance(data, cst.Dict):  # columns written out, unless one is a large array or frame
            return not any(isinstance(e, cst.DictElement) and self.kind_of(e.value) in LARGE_KINDS for e in data.elements)
        if isinstance(data, cst.Name) and (data.value in self.records or self.written.get(data.value) and not concat):
            return True  # the same, bound to a name first: `pd.Series(populations)` of a list written out
        if isinstance(data, cst.Attribute) and data.attr.value.endswith("_") and self.kind_of(data.value) == ESTIMATOR:
            return True  # what a fitted model learnt (`cv_results_`, `feature_importances_`): a row per candidate or feature
        if data is None or isinstance(data, cst.Set) or (isinstance(data, (cst.List, cst.Tuple)) and not concat):
            return True
        if isinstance(data, cst.Call) and isinstance(data.func, cst.Name) and data.func.value == "list" and data.args:
            data = data.args[0].value  # `list(scores.items())`: the pairs themselves
        if isinstance(data, cst.Call) and isinstance(data.func, cst.Name) and data.func.value == "zip":
            return any(self._small_argument(arg.value) for arg in data.args)  # as long as its shortest part
        if isinstance(data, cst.Call) and isinstance(data.func, cst.Attribute) and data.func.attr.value == "items" \
                and self.kind_of(data.func.value) not in LARGE_KINDS:
            return True  # one row per key of a dict the code filled: scores, counts, settings
        if isinstance(data, (cst.ListComp, cst.GeneratorExp)):  # rows made from small values, or one per part of one
            return self.kind_of(data.elt) in SMALL_KINDS or self.kind_of(data.for_in.iter) in SMALL_KINDS
        return self._small_argument(data)

    # --- models and the data they are given ---------------------------------------------------

    def _constructors(self, value: cst.BaseExpression) -> set[int]:
        """Ids of the estimator constructor calls in an expression, and of those the estimator names in it hold; not
        of a model whose attribute it reads (`KNeighborsClassifier(**search.best_params_)` is no search)."""
        found = set()
        for call in descendants(value, cst.Call):
            qualified = self.imports.qualify(call.func) or ""
            if call_kind(qualified) == ESTIMATOR:
                found.add(id(call))
                self.model_classes[id(call)] = qualified
                self.model_constructors[id(call)] = call
                self._note_advice(call, qualified)
        read = {id(a.value) for a in descendants(value, cst.Attribute)}
        for name in descendants(value, cst.Name):
            if id(name) not in read:
                found |= self.models.get(name.value, set())
        return found

    def model_data_is_small(self, call: cst.Call) -> bool:
        """Whether a training, scoring or metric call is given only values small by construction (the models
        it is given are not data)."""
        data = [a.value for a in call.args if a.keyword is None or a.keyword.value in DATA_KEYWORDS]
        data = [value for value in data if self.kind_of(value) not in (ESTIMATOR, ESTIMATORS)]
        return bool(data) and all(isinstance(value, (cst.List, cst.Tuple))  # rows written in the code: `[x_new]`
                                  or isinstance(value, cst.Name) and value.value in self.written  # or named
                                  or self.kind_of(value) in SMALL_KINDS for value in data)

    def _made_points(self, value: cst.BaseExpression) -> bool:
        """Points the code writes out (`[[5, 1.5]]`, `[some_digit]`, `np.array([[0], [2]])`) or lays on a grid
        (`np.linspace(0, 2, 100).reshape(-1, 1)`, `np.c_[x0.ravel(), x1.ravel()]` of a meshgrid), a name bound to them,
        or what a model makes of them (`poly.transform(x_new)`): what a model scores there draws a curve or shows an
        example, and is no data set's work. Not data generated around them (`make_blobs(centers=points)`)."""
        if isinstance(value, (cst.List, cst.Tuple)):
            return True
        if isinstance(value, cst.Name):
            return value.value in self.points
        if isinstance(value, cst.BinaryOperation):  # `2 * x_grid + 1`
            sides = (value.left, value.right)
            return any(self._made_points(side) for side in sides) and all(
                isinstance(side, (cst.Integer, cst.Float)) or self._made_points(side) for side in sides)
        if isinstance(value, cst.Subscript):  # `x_fit[:, np.newaxis]`, `np.c_[x0.ravel(), x1.ravel()]`
            return self._made_points(value.value) or self.grids_drawn and self.imports.qualify(value.value) in (
                "numpy.c_", "numpy.r_") and all(isinstance(e.slice, cst.Index) and self._made_points(e.slice.value)
                                                for e in value.slice)
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in POINT_RESHAPES:
            return self._made_points(func.value)
        if isinstance(func, cst.Attribute) and func.attr.value in SCORING_METHODS and self.kind_of(func.value) == ESTIMATOR:
            return self._scores_points(value)
        if isinstance(func, cst.Attribute) and func.attr.value in ("array", "asarray") and value.args \
                and isinstance(value.args[0].value, (cst.List, cst.Tuple)):
            return self.imports.qualify(func) in ("numpy.array", "numpy.asarray")
        if self.imports.qualify(func) == "pandas.DataFrame" and value.args and isinstance(
                rows := value.args[0].value, cst.Dict) and rows.elements and all(
                isinstance(e, cst.DictElement) and isinstance(e.value, (cst.List, cst.Tuple)) for e in rows.elements):
            return True  # `pd.DataFrame({"ocean_proximity": ["INLAND", "NEAR BAY"]})`: a few rows written out
        return self.grids_drawn and self.imports.qualify(func) in GRID_MAKERS

    def _scores_points(self, call: cst.Call) -> bool:
        """A scoring call (`clf.predict_proba([[5, 1.5]])`, `tree.predict(x_grid)`) given only points the code made."""
        data = [a.value for a in call.args if a.keyword is None or a.keyword.value in DATA_KEYWORDS]
        return call.func.attr.value in SCORING_METHODS and bool(data) and all(  # type: ignore[attr-defined]
            self._made_points(value) for value in data)

    def note_write(self, call: cst.Call) -> None:
        """A small value written to a path the code spells (`np.savetxt("a.csv", a)`, `small.to_csv("b.csv")`) makes
        that file small when the code reads it back."""
        func, qualified = call.func, self.imports.qualify(call.func) or ""
        if qualified.startswith("numpy.save") and len(call.args) >= 2:
            path, value = call.args[0].value, call.args[1].value
        elif isinstance(func, cst.Attribute) and func.attr.value.startswith("to_") and call.args:
            path, value = call.args[0].value, func.value
        else:
            return
        text = self.text(path)
        if text is not None and " name " not in text and self.kind_of(value) in SMALL_KINDS:
            suffix = NUMPY_SUFFIXES.get(qualified, "")
            self.small_files.add(text if text.endswith(suffix) else text + suffix)  # `np.save("a", x)` writes a.npy

    def _one_side_small(self, call: cst.Call) -> bool:
        """A metric pairs arrays of one length (truth and prediction): one of them small (`y[-6:]`, a few values
        written out) makes every one small. A service's reply is no such side: it holds a prediction per row sent."""
        return any(self.kind_of(a.value) in SMALL_KINDS - {PAYLOAD} or isinstance(a.value, (cst.List, cst.Tuple))
                   for a in call.args if a.keyword is None or a.keyword.value in DATA_KEYWORDS)

    def note_reported(self, call: cst.Call, trains: bool = False) -> None:
        """A reported function of a model library (a metric, a split), of pandas or of NumPy given only small data
        is small work; so is a deep-learning model's training or scoring call (`trains`: `autoencoder.fit(x, x)` on
        60 generated points). Asked of reported calls only, where the walk reaches them: most calls are never
        reported."""
        qualified = self.imports.qualify(call.func) or ""
        if (trains or qualified.startswith(MODEL_LIBRARIES) and call_kind(qualified) != ESTIMATOR) \
                and self.model_data_is_small(call) or qualified.startswith(("pandas.", "numpy.")) \
                and self.given_small(call) \
                or qualified.startswith("sklearn.metrics.") and self._one_side_small(call):
            self.small_calls.add(id(call))

    def note_model_use(self, call: cst.Call) -> None:
        """Remember whether a model's training and scoring calls get only small data: a model built, fitted
        and scored on a few synthetic points is a demonstration, not driver-bound work (functions given small
        data: `note_reported`)."""
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in MODEL_DATA_METHODS
                and self.kind_of(func.value) == ESTIMATOR):
            if isinstance(func, cst.Attribute) and func.attr.value in TWIN_LACKS and self.kind_of(func.value) == ESTIMATOR:
                for origin in self._origins(func.value):  # the first such call names what the twin lacks
                    self.lacking.setdefault(origin, ON_TWIN_LACKS.format(
                        call=f"{dotted(func) or func.attr.value}(…)", method=func.attr.value))
            qualified = self.imports.qualify(func) or ""
            self._note_advice(call, qualified)
            if qualified in API_CHECKS:  # scikit-learn's own checks, on the few points they generate
                self.on_points |= {id(c) for c in descendants(call, cst.Call) if self.kind_of(c) == ESTIMATOR}
                for origin in {o for n in descendants(call, cst.Name) for o in self.models.get(n.value, ())}:
                    self.model_data_small.setdefault(origin, True)
            self._note_models_handed(call)
            return
        small = self.model_data_is_small(call)
        if small:
            self.small_calls.add(id(call))
            if self._scores_points(call):
                self.on_points.add(id(call))
        receiver = func.value
        origins = self._origins(receiver)
        for origin in origins:
            self.model_data_small[origin] = self.model_data_small.get(origin, True) and small
            self.model_calls.setdefault(origin, []).append(id(call))
        if func.attr.value == "partial_fit":  # trained a batch at a time: the loop around it is the training
            for origin in origins:
                self.advice[origin] = self.told[origin] = ON_INCREMENTAL.format(model=dotted(receiver) or "model")
        alone = all(self.model_classes.get(origin) == FUNCTION_TRANSFORMER for origin in origins)  # not a pipeline's step
        told = next((told for origin, told in self.told.items() if origin in origins
                     and (alone or self.model_classes.get(origin) != FUNCTION_TRANSFORMER)), None)
        if told is not None:
            self.advice[id(call)] = told
        if origins & self.remote_calls:
            self.remote_calls.add(id(call))

    def _origins(self, model: cst.BaseExpression) -> set[int]:
        """Ids of the constructor calls a model expression holds: a name's, or those written in it."""
        return self.models.get(model.value, set()) if isinstance(model, cst.Name) else self._constructors(model)

    def walk_models(self, target: cst.BaseExpression, walked: cst.BaseExpression) -> None:
        """A loop's model holds the models of what it walks (`for model in models`, `for name, m in models.items()`:
        the last element of a pair)."""
        if isinstance(target, (cst.Tuple, cst.List)) and target.elements:
            target = target.elements[-1].value
        origins = self._constructors(walked)
        if isinstance(target, cst.Name) and origins:
            self.models[target.value] = origins

    def _note_models_handed(self, call: cst.Call) -> None:
        """A model handed to a function with the data it is to be used on (`compare(kmeans1, kmeans2, X, "title")`)
        is used on that data: on small data when every value handed is small by construction, on large data when one
        is a frame or an array of unknown size. Text and numbers written out, and keywords other than data ones
        (`out_file=...`), are settings; a value of unknown kind tells nothing."""
        origins = {origin for arg in call.args if isinstance(arg.value, cst.Name)
                   for origin in self.models.get(arg.value.value, ())}
        for origin in origins:
            self.model_calls.setdefault(origin, []).append(id(call))  # used beyond its own calls: no chart's alone
        if not origins:
            return
        data = [self.kind_of(arg.value) for arg in call.args if (arg.keyword is None or arg.keyword.value in DATA_KEYWORDS)
                and not _written_out(arg.value)]
        data = [kind for kind in data if kind not in (ESTIMATOR, ESTIMATORS)]
        if data and (all(kind in SMALL_KINDS for kind in data) or set(data) & LARGE_KINDS):
            small = all(kind in SMALL_KINDS for kind in data)
            for origin in origins:
                self.model_data_small[origin] = self.model_data_small.get(origin, True) and small

    def _note_advice(self, call: cst.Call, qualified: str) -> None:
        """A model whose findings the rule's suggestion does not fit: one with no transform for new points
        (FIT_ONLY), an index of neighbours (NEIGHBOUR_INDEX), a client of a remote service (REMOTE_MODELS), or one
        of MODELS_WITHOUT_TWIN, whose training and scoring calls are told what takes a pyspark.ml estimator's place."""
        if not qualified:  # a method of a value: no library's model
            return
        model = qualified.rsplit(".", 1)[-1]
        if qualified in FIT_ONLY:
            self.advice[id(call)] = self.told[id(call)] = ON_FIT_ONLY.format(model=model)
        elif qualified in NEIGHBOUR_INDEX:
            self.advice[id(call)] = self.told[id(call)] = ON_NEIGHBOUR_INDEX.format(model=model)
        elif qualified.startswith(REMOTE_MODELS) or qualified.startswith(CLIENT_MODE_MODELS) and _client_mode(call):
            self.advice[id(call)] = self.told[id(call)] = ON_REMOTE.format(model=model)
            self.remote_calls.add(id(call))
        elif qualified in SEARCHES:
            self.told[id(call)] = ON_SEARCH.format(model=model)  # the constructor keeps its own row's suggestion
        elif qualified == FUNCTION_TRANSFORMER:
            self.told[id(call)] = self._on_function(call)
        else:
            told = next((told for libraries, told in MODELS_WITHOUT_TWIN.items() if qualified.startswith(libraries)), None)
            if told is not None:
                self.told[id(call)] = told.format(model=model)  # the constructor keeps its own row's suggestion

    def _on_function(self, call: cst.Call) -> str:
        """What a FunctionTransformer's calls are told: the Spark function of an element-wise NumPy one (the catalog's
        `spark.numpy` mapping), else the transformer run per batch on the executors."""
        function = argument(call, 0, "func")
        if function is None:
            return ON_FUNCTION_BATCHES.format(function="the identity")
        column = load_mappings().spark["numpy"]["functions"].get(self.imports.qualify(function) or "")
        spelt = dotted(function) or "its function"
        return ON_FUNCTION.format(function=spelt, column=column) if column else ON_FUNCTION_BATCHES.format(function=spelt)

    def note_growth(self, call: cst.Call, loop: cst.CSTNode | None) -> None:
        """A list that gathers an endpoint's replies (`records.extend(body["value"])`), or records made from
        them (`rows.append({"id": item.get("id"), "role": item.get("role")})`), is a payload too; so is a
        list of records of named fields written out (`{"name": var.name, "value": var.value}`, a solver's
        output, a log) or of small frames (`parts.append(pd.DataFrame(reply.json()["value"]))`), unless the
        enclosing `loop` generates rows (`while`, `range(n)` of unknown or large n) or walks a frame or an array; a
        record made from each row of a frame (`for _, row in frame.iterrows()`) is as many as the frame's rows."""
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("append", "extend") and call.args
                and isinstance(func.value, cst.Name)):
            return
        value = call.args[0].value
        written = (isinstance(value, cst.Name) and value.value in self.records) or (
            isinstance(value, cst.Dict) and self._record(value))
        if self._from_payload(value) or (written and not self._walks_rows(loop) or self.kind_of(value) == PANDAS_SMALL) \
                and not self._generates(loop):
            self.bind(func.value, PAYLOAD)

    def _from_payload(self, value: cst.BaseExpression) -> bool:
        """A payload, or a record written out whose fields come from one (and none from a frame or an array)."""
        if not isinstance(value, (cst.Dict, cst.List, cst.Tuple)):
            return self.kind_of(value) == PAYLOAD
        kinds = {self.kind_of(e.value) for e in value.elements if isinstance(e, (cst.DictElement, cst.Element))}
        return PAYLOAD in kinds and not kinds & LARGE_KINDS

    def _record(self, value: cst.Dict) -> bool:
        """A dict written out with text keys, none of its fields a frame, an array or a column of one."""
        return bool(value.elements) and all(
            isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            and self.kind_of(e.value) not in LARGE_KINDS for e in value.elements)

    def _generates(self, loop: cst.CSTNode | None) -> bool:
        """Whether a loop makes rows in bulk: `while`, `range(n)` with n unknown or above SMALL_ARRAY, or a walk
        over a frame or an array."""
        if isinstance(loop, cst.While):
            return True
        if not isinstance(loop, cst.For):
            return False
        if isinstance(loop.iter, cst.Call) and isinstance(loop.iter.func, cst.Name) and loop.iter.func.value == "range":
            stop = self.integer(loop.iter.args[min(1, len(loop.iter.args) - 1)].value) if loop.iter.args else None
            return stop is None or stop > SMALL_ARRAY
        return self.kind_of(loop.iter) in LARGE_KINDS

    def _walks_rows(self, loop: cst.CSTNode | None) -> bool:
        """Whether a `for` loop walks the rows of a frame or an array: `frame.iterrows()`, `enumerate(frame.values)`,
        `zip(a, b)`; a record made each turn is a row of it, as many as it has."""
        walked = loop.iter if isinstance(loop, cst.For) else None
        if isinstance(walked, cst.Call) and callee_name(walked.func) in ("enumerate", "zip"):
            return any(self.kind_of(arg.value) in LARGE_KINDS for arg in walked.args)
        if isinstance(walked, cst.Call) and isinstance(walked.func, cst.Attribute):
            walked = walked.func.value
        return walked is not None and self.kind_of(walked) in LARGE_KINDS

    def note_steps(self, call: cst.Call) -> None:
        """Remember the estimators built as steps of a scikit-learn pipeline, ensemble or search: in its call, or
        earlier under a name the call gives (`scaler = StandardScaler()`, then `Pipeline([("s", scaler)])`). A step
        is told the composite that holds it first: the innermost of those written in one another is met last, and one
        a name gives (`make_column_transformer((num_pipeline, cols))`) holds another that holds the step."""
        func = call.func
        name = callee_name(func)
        qualified = self.imports.qualify(func) if name in COMPOSITE_NAMES else None
        if qualified in COMPOSITES:
            for arg in call.args:
                written = {id(c) for c in descendants(arg.value, cst.Call)}
                for constructor in self._constructors(arg.value):
                    if constructor in written or constructor not in self.steps:
                        self.steps[constructor] = call

    def small_work(self) -> set[int]:
        """Ids of the calls whose work is on small data only: training and scoring calls, and the
        constructors of models used on nothing else."""
        return self.small_calls | {origin for origin, small in self.model_data_small.items() if small}


def few_rows(query: str | None) -> bool:
    """Whether SQL text returns a few rows whatever the table's size (SMALL_SQL: `LIMIT n <= SMALL_ROWS`, a global
    aggregate, metadata)."""
    small = SMALL_SQL.search(query) if query is not None else None
    return small is not None and (small["rows"] is None or int(small["rows"]) <= SMALL_ROWS)


def method_name(node: cst.BaseExpression) -> str | None:
    """`m` when the node is a call `receiver.m(...)`."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value
    return None


def _summarizes(call: cst.Call) -> bool:
    """A pandas call that gives a value per column or category, however many rows it reads: an aggregate over
    the rows (`df.mean()`, not `df.sum(axis=1)`), or the proportions of each value (`value_counts(normalize=True)`).
    (`corr`, `cov` and `describe` are in METHOD_KINDS: they need no argument read.)"""
    method = method_name(call)
    if method == "value_counts":
        return any(a.keyword is not None and a.keyword.value == "normalize" and isinstance(a.value, cst.Name)
                   and a.value.value == "True" for a in call.args)
    receiver = call.func.value  # type: ignore[attr-defined]
    if method not in COLUMN_AGGREGATES or isinstance(receiver, cst.Attribute) and receiver.attr.value in ("str", "dt"):
        return False  # `s.str.count("a")` counts in each element
    axis = argument(call, 0, "axis")
    return not (isinstance(axis, cst.Integer) and axis.value == "1"
                or isinstance(axis, cst.SimpleString) and axis.evaluated_value == "columns")


def _na(node: cst.BaseExpression) -> bool:
    """`df.na`: the null handling of a DataFrame."""
    return isinstance(node, cst.Attribute) and node.attr.value == "na"


def _grouping(node: cst.BaseExpression) -> bool:
    """`df.groupBy(...)`, `.rollup`, `.cube`, or a pivot of one: what `.agg` turns into a row per group."""
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in GROUPINGS


def _row_appended(target: cst.BaseExpression) -> str | None:
    """The frame `frame.loc[len(frame)] = [...]` (or `len(frame.index)`) appends a row to, else None."""
    if not (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Attribute)
            and target.value.attr.value == "loc" and isinstance(target.value.value, cst.Name)
            and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index)):
        return None
    frame, index = target.value.value.value, target.slice[0].slice.value
    if not (isinstance(index, cst.Call) and isinstance(index.func, cst.Name) and index.func.value == "len"
            and len(index.args) == 1):
        return None
    counted = index.args[0].value
    if isinstance(counted, cst.Attribute) and counted.attr.value == "index":
        counted = counted.value
    return frame if isinstance(counted, cst.Name) and counted.value == frame else None


def _spells_names(node: cst.BaseExpression) -> bool:
    """A list or tuple of strings written in the code, a comprehension making one, or their sum."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _spells_names(node.left) or _spells_names(node.right)
    if isinstance(node, (cst.List, cst.Tuple)):
        return bool(node.elements) and all(isinstance(element.value, (cst.SimpleString, cst.FormattedString))
                                           for element in node.elements)
    return isinstance(node, cst.ListComp) and isinstance(node.elt, (cst.SimpleString, cst.FormattedString))


def literal(node: cst.BaseExpression) -> bool:
    """Data written out in the code: numbers and strings, in lists, tuples, sets and dicts of them, and values
    constructed from them (`datetime(2021, 7, 3)`, `pd.Timestamp("2021-07-04")`)."""
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString, cst.Name)):
        return not isinstance(node, cst.Name) or node.value in ("True", "False", "None")
    if isinstance(node, cst.UnaryOperation):
        return literal(node.expression)
    if isinstance(node, cst.Call):
        name = dotted(node.func) or ""
        return name.rpartition(".")[2] in VALUE_CONSTRUCTORS and all(not a.star and literal(a.value) for a in node.args)
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return all(literal(e.value) for e in node.elements)
    if isinstance(node, cst.Dict):
        return all(isinstance(e, cst.DictElement) and literal(e.value) for e in node.elements)
    return False


def _a_glance(value: cst.BaseExpression) -> bool:
    """Whether an expression reads a value's size, columns or first rows (`df.shape[0]`, `len(df)`, `df.head()`)."""
    while isinstance(value, cst.Subscript):
        value = value.value
    if isinstance(value, cst.Attribute):
        return value.attr.value in GLANCES
    return isinstance(value, cst.Call) and callee_name(value.func) in (
        ("len",) if isinstance(value.func, cst.Name) else LOOKS)


def _a_look(value: cst.BaseExpression) -> bool:
    """Whether an expression only looks at values (`Flows.note_expression`)."""
    return isinstance(value, SHOWN_EXPRESSIONS) or isinstance(value, cst.Call) and (
        callee_name(value.func) in (LOOK_FUNCTIONS if isinstance(value.func, cst.Name) else LOOKS | COLUMN_AGGREGATES))


def _in_place(call: cst.Call) -> bool:
    """A pandas call given `inplace=True`, which changes its receiver and returns nothing; or a bare `df.pop(c)`,
    which drops the column and whose return the statement drops."""
    return callee_name(call.func) == "pop" or any(
        a.keyword is not None and a.keyword.value == "inplace" and isinstance(a.value, cst.Name)
        and a.value.value == "True" for a in call.args)


def _usages(code: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Each name used with a member of USAGE (`df.iloc`, `self.frame.toPandas`), with the match of its member."""
    for match in USAGE.finditer(code):
        owner = OWNER.search(code, max(0, match.start() - 200), match.start())
        before = code[owner.start() - 1] if owner is not None and owner.start() > 0 else ""
        if owner is not None and not (before.isalnum() or before in "_."):
            yield owner[0], match


def _notebook_resource(path: cst.BaseExpression) -> bool:
    """A path into a Fabric notebook's resources (`f"{notebookutils.nbResPath}/builtin/x.csv"`, `"builtin/x.csv"`):
    files Fabric caps at 100 MB each, mounted on the driver for the notebook's own lookups and settings."""
    if any(attribute.attr.value == "nbResPath" for attribute in descendants(path, cst.Attribute)):
        return True
    first = path.parts[0] if isinstance(path, cst.FormattedString) and path.parts else path
    text = first.value if isinstance(first, cst.FormattedStringText) else \
        first.evaluated_value if isinstance(first, cst.SimpleString) else None
    return isinstance(text, str) and text.startswith(("builtin/", "./builtin/"))


def _client_mode(call: cst.Call) -> bool:
    """A model built to run as a service's client: a `…mode` keyword set to CLIENT (`tabpfn_mode=TabPFNMode.CLIENT`)."""
    return any(a.keyword is not None and a.keyword.value.endswith("mode") and str(
        dotted(a.value) or (a.value.evaluated_value if isinstance(a.value, cst.SimpleString) else "")).rsplit(
        ".", 1)[-1].lower() == "client" for a in call.args)


def _written_out(node: cst.BaseExpression) -> bool:
    """A literal, or an f-string: a value the code writes, not data it reads."""
    return literal(node) or isinstance(node, (cst.FormattedString, cst.ConcatenatedString))


@lru_cache(maxsize=4096)
def call_kind(qualified: str) -> str | None:
    """The kind a call to a library function returns, from CALL_KINDS (a scan of the table, so each
    qualified name is worked out once per process)."""
    for pattern, kind in CALL_KINDS:
        if pattern.endswith("*"):
            if qualified.startswith(pattern[:-1]):
                if kind in (ESTIMATOR, SPARK_ML) and not ESTIMATOR_CLASS.search(qualified):
                    return None  # a helper function (metrics, preprocessing.scale), not an estimator
                return kind
        elif qualified == pattern:
            return kind
    return None


def forecasts(callee: str) -> bool:
    """Whether a call spelt `model.forecast_quantiles` (its callee as written) is a forecaster's scoring."""
    return "forecast" in callee.rsplit(".", 1)[-1]


def callee_name(func: cst.BaseExpression) -> str:
    """The name a call calls: `f` of `f(...)` and of `x.f(...)`; empty for anything else."""
    kind = type(func)  # exact types: libcst's nodes are final, and isinstance on them is an abstract-base check
    return func.attr.value if kind is cst.Attribute else func.value if kind is cst.Name else ""  # type: ignore[attr-defined]


def fed_names(target: cst.BaseExpression) -> tuple[str, ...]:
    """The names an assignment target gives a value to: `x`, each of `a, b`, the `x` of `x["c"]` or `x.index.name`."""
    if isinstance(target, cst.Name):
        return (target.value,)
    if isinstance(target, (cst.Tuple, cst.List)):
        return tuple(name for element in target.elements for name in fed_names(element.value))
    while isinstance(target, (cst.Subscript, cst.Attribute)):
        target = target.value
    return (target.value,) if isinstance(target, cst.Name) else ()


def _own_names(function: cst.FunctionDef) -> frozenset[str]:
    """The names a function owns, as Python scopes them: its parameters and the names it binds (assigns, loops over,
    takes `as`), not those it declares global or nonlocal, nor those bound inside a function, class, lambda or
    comprehension of its own; `self` and `cls` stay the object every method shares."""
    params = function.params
    owned = {param.name.value for param in (*params.params, *params.kwonly_params, *params.posonly_params,
                                            params.star_arg, params.star_kwarg) if type(param) is cst.Param}
    shared = {"self", "cls"}
    pending: list[cst.CSTNode] = [function.body]
    while pending:
        node = pending.pop()
        kind = type(node)
        if kind is cst.Assign:
            owned.update(name for target in node.targets for name in _bound_names(target.target))  # type: ignore[attr-defined]
        elif kind in TARGETED:
            owned.update(_bound_names(node.target))  # type: ignore[attr-defined]
        elif kind is cst.AsName:
            owned.update(_bound_names(node.name))  # type: ignore[attr-defined]
        elif kind in (cst.Global, cst.Nonlocal):
            shared.update(item.name.value for item in node.names)  # type: ignore[attr-defined]
        if kind in (cst.FunctionDef, cst.ClassDef):
            owned.add(node.name.value)  # type: ignore[attr-defined]
        elif kind in STATEMENT_HOLDERS:
            pending.extend(children(node))
    return frozenset(owned - shared)


# The statements that bind their `target`; the nodes a function's own bindings sit in (statements and their blocks,
# never an expression: a walrus in an expression is left to the module's names).
TARGETED = frozenset({cst.AugAssign, cst.AnnAssign, cst.For})
STATEMENT_HOLDERS = frozenset({cst.IndentedBlock, cst.SimpleStatementLine, cst.SimpleStatementSuite, cst.If, cst.Else,
                               cst.For, cst.While, cst.With, cst.WithItem, cst.Try, cst.TryStar, cst.ExceptHandler,
                               cst.ExceptStarHandler, cst.Finally, cst.Match, cst.MatchCase})


def _bound_names(target: cst.BaseExpression) -> tuple[str, ...]:
    """The names a target binds: `x`, each of `a, (b, *c)`; none for `x["c"]` or `x.a`, which change a value."""
    if isinstance(target, cst.Name):
        return (target.value,)
    if isinstance(target, (cst.Tuple, cst.List)):
        return tuple(name for element in target.elements for name in _bound_names(element.value))
    return _bound_names(target.value) if isinstance(target, cst.StarredElement) else ()


def _plot_accessor(func: cst.BaseExpression) -> bool:
    """`df.plot.bar`: a plot method reached through a frame's `plot` accessor."""
    return isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) and func.value.attr.value == "plot"


GROWS = frozenset({"append", "extend", "insert", "add", "update"})  # list, set and dict methods that take values in
FIRST_BINDING: tuple[int, dict[str, int]] = (0, {})  # what an occurrence reads and feeds when no name was bound anew


class Flows:
    """Where values go, noted as the walk passes them and asked once it is over, when every later use is known:
    which values only feed a chart or a display (`plot_only`), which expressions become a dict (`dict_sources`)."""

    def __init__(self, imports: Imports) -> None:
        self.imports = imports
        self.shown: list[cst.BaseExpression] = []  # arguments and receivers of plotting and display calls
        self.looks: list[cst.BaseExpression] = []  # bare expressions that only look at values (`note_expression`)
        self.summarized: set[str] = set()  # names a look reduces to a number (`scores.mean()`): a result shown
        self.bound: dict[str, list[cst.BaseExpression]] = {}  # the values assigned to each plain name, alone or unpacked
        self.walked: dict[str, list[cst.BaseExpression]] = {}  # what each `for` loop's target names walk (`note_loop`)
        self.loops_over: dict[str, list[cst.For]] = {}  # the `for` loops over each name, or over `enumerate(name)`
        # the statements that change each name's value in place: `x["c"] = ...`, `x.dropna(inplace=True)`
        self.changes: dict[str, list[cst.CSTNode]] = {}
        self.changed_at: dict[int, int] = {}  # id of a change in place -> how many occurrences its name had before it
        self.loads: dict[str, list[tuple[int, list[str]]]] = {}  # each name's occurrences: id, the names it feeds
        self.targets: set[int] = set()  # ids of the names assignments write (`x = ...`, `x["c"] = ...`)
        self.labels: set[int] = set()  # ids of names that are no variable: a keyword's (`data=`), a member's (`.data`)
        self.assigning: list[str] = []  # the names the assignment being walked feeds, shared by its occurrences
        self.dict_sources: set[int] = set()  # ids of expressions made a dict: `x.to_dict()`, `dict(x)`, `{...for r in x}`
        self.dict_walked: set[str] = set()  # the names a dict comprehension walks: `{r.a: r.n for r in rows}`
        self.handed: dict[str, list[cst.BaseExpression]] = {}  # the arguments each plain-named function is called with
        self.called: dict[str, list[cst.Call]] = {}  # the calls of each plain-named function
        # Bindings: a name a statement of the module's own body assigns anew (`df = ...` in a later cell) is another
        # variable from there on, as a reader of the notebook takes it; one assigned in a function, a loop or a
        # branch stays the binding it was. An occurrence in a function reads any binding: it runs when called.
        self.version: dict[str, int] = {}  # each name's binding now: how often the module's body assigned it anew
        self.binding: dict[str, int] = {}  # the bindings the assignment being walked gives the names it feeds
        self.walking: dict[int, list[str]] = {}  # id of an occurrence in what a `for` loop walks -> the loop's names
        self.read: dict[int, tuple[int | None, dict[str, int]]] = {}  # id of an occurrence -> the binding it reads, and `binding`
        self.held: dict[tuple[str, int], int] = {}  # (name, id of a value bound to it, walked or a change of it) -> binding
        # A function's own names (its parameters and what it assigns) are variables of their own: `df` in one helper
        # is not the `df` of another. Where the walk is, each name a function being walked owns -> its variable
        # (`df@<function id>`, the innermost owner's), one mapping per function entered; and the occurrences, values
        # and changes of such names -> the variable they are.
        self.variables: list[dict[str, str]] = [{}]
        self.local: dict[int, str] = {}
        self.local_values: dict[tuple[str, int], str] = {}

    def enter_function(self, node: cst.FunctionDef) -> None:
        self.variables.append({**self.variables[-1], **{name: f"{name}@{id(node)}" for name in _own_names(node)}})

    def leave_function(self) -> None:
        self.variables.pop()

    def _variable(self, name: str) -> str:
        """The variable a name is where the walk is: that of the innermost function walked that owns it, else the
        name (a module's, a notebook's)."""
        return self.variables[-1].get(name, name)

    def _hold(self, name: str, node: cst.CSTNode) -> None:
        """Note which binding of a name a value, a walk or a change is bound to."""
        self.held[name, id(node)] = self.version.get(name, 0)
        if (variable := self.variables[-1].get(name)) is not None:
            self.local_values[name, id(node)] = variable

    def note_loop(self, node: cst.For) -> None:
        """A loop's target names hold parts of what it walks: a chart drawn per group (`for _, g in df.groupby(k):
        plot(g)`) makes the grouping a chart's data, as an assignment would."""
        self.targets.update(id(name) for name in descendants(node.target, cst.Name))
        walkers = list(fed_names(node.target))
        for name in walkers:
            self.walked.setdefault(name, []).append(node.iter)
            self._hold(name, node.iter)
        walkers = [self._variable(name) for name in walkers]
        self.walking.update((id(name), walkers) for name in descendants(node.iter, cst.Name))
        walked = node.iter.args[0].value if isinstance(node.iter, cst.Call) and callee_name(node.iter.func) \
            == "enumerate" and node.iter.args else node.iter
        if isinstance(walked, cst.Name):
            self.loops_over.setdefault(walked.value, []).append(node)

    def note_name(self, node: cst.Name, in_function: bool) -> None:
        """An occurrence of a name: what it feeds (the assignment being walked's names, or a loop's, in what the loop
        walks), and the binding it reads when that is not the first, or every one in a function."""
        name, key = node.value, id(node)
        if (variable := self.variables[-1].get(name)) is not None:
            self.local[key] = variable
        walkers = self.walking.pop(key, None) if self.walking else None
        if walkers is None:
            self.loads.setdefault(name, []).append((key, self.assigning))
            feeds = self.binding
        else:  # in what a loop walks: it feeds the loop's names, changed by each turn
            self.loads.setdefault(name, []).append((key, walkers))
            feeds = {walker: self.version[walker] for walker in walkers if walker in self.version}
        if in_function or feeds or name in self.version:
            self.read[key] = (None if in_function else self.version.get(name, 0), feeds)

    def note_parameter(self, node: cst.Param) -> None:
        """A parameter's name binds what a caller passes: no use of a value (`def draw(frame): frame = ...`)."""
        self.targets.add(id(node.name))

    def note_attribute(self, node: cst.Attribute) -> None:
        self.labels.add(id(node.attr))

    def enter_assign(self, node: cst.Assign, straight: bool) -> None:
        """The names the value being walked feeds: those it binds (`x = …`, `a, b = …`), or the one whose column or
        attribute it sets (`x["c"] = …`, `x.index = …`), a value changed in place. None once a call in the value
        turns out to be a model's or a metric's work (`precision_recall_curve(y, p)`, `model.predict(x)`, see
        `note_call`): what feeds it is data work, even if the result is only drawn. A statement of the module's own
        body (`straight`) gives the names it binds a new binding."""
        self.assigning = [self._variable(name) for target in node.targets for name in fed_names(target.target)]
        anew = {name for target in node.targets if isinstance(target.target, (cst.Name, cst.Tuple, cst.List))
                for name in fed_names(target.target)} if straight else set()
        self.binding = {name: binding for name in self.assigning
                        if (binding := self.version.get(name, 0) + (name in anew))}  # the first ones left out

    def note_assign(self, node: cst.Assign) -> None:
        self.assigning = []
        for name, binding in self.binding.items():
            self.version[name] = binding
        self.binding = {}
        for target in node.targets:
            self.targets.update(id(name) for name in descendants(target.target, cst.Name))
            if isinstance(target.target, (cst.Name, cst.Tuple, cst.List)):
                for name in fed_names(target.target):
                    self.bound.setdefault(name, []).append(node.value)
                    self._hold(name, node.value)
            elif isinstance(target.target, (cst.Subscript, cst.Attribute)):
                for name in fed_names(target.target):
                    self._note_change(name, node)

    def _note_change(self, name: str, node: cst.CSTNode) -> None:
        self.changes.setdefault(name, []).append(node)
        self.changed_at[id(node)] = len(self.loads.get(name, ()))
        self._hold(name, node)

    def note_expression(self, statement: cst.Expr) -> None:
        """A bare expression that only looks at values shows them, as a notebook does with a cell's last one, or
        drops them: no later use. A look is a value (SHOWN_EXPRESSIONS), a call of LOOKS (`df.head()`, `len(df)`) or
        an aggregate (`(df.age > 80).sum()`); any other call may act (a write, a fit). A printed value may be a
        script's result (`print("accuracy", acc)`), so only a glance at a frame's size or first rows printed is a
        look (`print("rows:", df.shape[0])`, `print(df.head(10))`, in f-strings too)."""
        value = statement.value
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
                and isinstance(frame := value.func.value, cst.Name) and _in_place(value):
            self.targets.add(id(frame))  # `df.set_index(c, inplace=True)`: a change of `df`, as `df = df.set_index(c)`
            self._note_change(frame.value, statement)
            return
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in GROWS \
                and isinstance(grown := value.func.value, cst.Name):
            self.targets.add(id(grown))  # `values.append(v)`: what it is given feeds `values`, changed in place
            self._note_change(grown.value, statement)
            self.assigning = [self._variable(grown.value)]
            self.binding = {grown.value: self.version[grown.value]} if grown.value in self.version else {}
            return
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "print":
            shown = [part for arg in value.args for part in (
                [e.expression for e in arg.value.parts if isinstance(e, cst.FormattedStringExpression)]
                if isinstance(arg.value, cst.FormattedString) else [arg.value])]
            self.looks.extend(part for part in shown if _a_glance(part))
        elif _a_look(value):
            self.looks.append(value)
            if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and isinstance(
                    value.func.value, cst.Name) and value.func.attr.value in COLUMN_AGGREGATES:
                self.summarized.add(value.func.value.value)

    def leave_expression(self) -> None:
        self.assigning, self.binding = [], {}

    def note_dict_comprehension(self, node: cst.DictComp) -> None:
        self.dict_sources.add(id(node.for_in.iter))
        if isinstance(node.for_in.iter, cst.Name):
            self.dict_walked.add(node.for_in.iter.value)

    def note_call(self, call: cst.Call, looping: bool) -> bool:
        """Note what a call tells of where values go; whether it draws or sends. A request in a loop sends one item
        per turn, as many as there are (`acts_on_items`), not one payload."""
        func = call.func
        name = callee_name(func)
        if self.assigning and (name in MODEL_DATA_METHODS or (qualified := self.imports.qualify(func) or "").startswith(
                MODEL_LIBRARIES) and qualified != CURVE_AREA):
            self.assigning.clear()  # the occurrences noted so far share the list: a model's results are not its data
        if name == "to_dict" and isinstance(func, cst.Attribute):
            self.dict_sources.add(id(func.value))
        elif name == "dict" and call.args:
            self.dict_sources.add(id(call.args[0].value))
        self.labels.update(id(arg.keyword) for arg in call.args if arg.keyword is not None)
        if isinstance(func, cst.Name):
            self.handed.setdefault(name, []).extend(arg.value for arg in call.args)
            self.called.setdefault(name, []).append(call)
        elif name in QUERY_METHODS and call.args and isinstance(text := call.args[0].value, cst.SimpleString):
            for local in LOCAL_REFERENCE.findall(text.value):
                self.loads.setdefault(local, []).append((id(text), self.assigning))
            self.read[id(text)] = (None, self.binding)  # a query's text names frames: any binding of theirs
        if not looping and self.sends(call):
            self.shown.extend(arg.value for arg in call.args)
            return True
        if not self.draws(call):
            return False
        self.shown.extend(arg.value for arg in call.args)
        receiver = func.value if isinstance(func, cst.Attribute) else None
        if _plot_accessor(func):
            receiver = receiver.value  # type: ignore[union-attr]
        if receiver is not None and (self.imports.qualify(receiver) is None
                                     or isinstance(receiver, cst.Name) and receiver.value in self.bound):
            self.shown.append(receiver)  # not a module's function (`plt.plot`), unless the name was bound since
        return True

    def sends(self, call: cst.Call) -> bool:
        """A request to a web service (`requests.post(url, json=...)`) or a deployed model's endpoint (Azure ML's
        `service.run(input_data=...)`, SageMaker's `invoke_endpoint(Body=...)`): what it is given is a payload, small
        enough for one request, as what a chart is given is small enough to draw."""
        return (self.imports.qualify(call.func) or "") in REQUESTS or any(
            arg.keyword is not None and arg.keyword.value in SENT_KEYWORDS for arg in call.args)

    def draws(self, call: cst.Call) -> bool:
        """A plotting or display call: a plotting library's, a plot method (`ax.scatter`, `df.plot.bar`) or `display`."""
        func = call.func
        name = callee_name(func)
        return name in PLOT_METHODS or name in DISPLAYS or _plot_accessor(func) \
            or (self.imports.qualify(func) or "").startswith(PLOTTING)

    def plot_only(self, drawers: frozenset[str] = frozenset(),
                  functions: Mapping[str, cst.FunctionDef] | None = None) -> tuple[set[int], set[int]]:
        """Ids of the nodes whose value only feeds a chart or a display, and of those whose value is only looked at.

        Charted: the arguments and receiver chain of a plotting or display call (`sns.heatmap(df.corr())`,
        `df.groupby(k).size().plot()`), the arguments of a request (`sends`), or those of a call to one of the file's
        own `drawers` (functions that draw or send what they are given), and the values assigned to a name, and the
        changes made to it in place, when every use of it anywhere in the file is such a call, a look
        (`note_expression`) or feeds names that are, and one is a chart (`_reaching`). Looked at: the same for names
        that reach only looks (`weekly.head()` and nothing else), and the looks themselves. Either way, also the body
        of a function of the file whose every call is among them (a helper that computes a chart's or a table's data).
        A name used any other way (printed, written, passed to a model) keeps every value it is bound to."""
        shown = self.shown + [value for name in drawers for value in self.handed.get(name, ())]
        plotted = {id(n) for value in shown for n in descendants(value, cst.Name)}
        looked = {id(n) for value in self.looks for n in descendants(value, cst.Name)}
        bindings = self._bindings()
        charted_names = bindings.reaching(plotted, plotted | looked)
        looked_names = bindings.reaching(looked, plotted | looked) - charted_names
        charted = bindings.nodes(shown, charted_names) | bindings.changed_to_draw(plotted, plotted | looked, charted_names)
        seen = bindings.nodes(self.looks, looked_names) | charted
        helpers = {name: function for name, function in (functions or {}).items() if name in self.called}
        while helpers:
            done = [name for name in helpers if all(id(call) in seen for call in self.called[name])]
            if not done:
                break
            for name in done:
                body = {id(n) for n in descendants(helpers.pop(name), cst.CSTNode)}
                seen |= body
                if all(id(call) in charted for call in self.called[name]):
                    charted |= body
        return charted, seen - charted

    def _bindings(self) -> _Bindings:
        """The names' occurrences, values and changes, each binding of a name after the first as a name of its own
        (`df#1`), a function's own name as a variable of its own (`df@<id>`); an occurrence in a function of a name
        it does not own reads every binding of it. Occurrences that write a name, or are no variable, are left out."""
        loads: dict[str, list[tuple[int, list[str]]]] = {}
        order: dict[str, list[int]] = {}  # a changed binding's occurrences kept: their place among their name's
        targets, labels, read, local = self.targets, self.labels, self.read, self.local
        for name, occurrences in self.loads.items():
            changed = name in self.changes
            keys = [_binding(name, binding) for binding in range(self.version.get(name, 0) + 1)]
            for place, (i, fed) in enumerate(occurrences):
                if i in targets or i in labels:
                    continue
                binding, feeds = read.get(i, FIRST_BINDING)
                fed_bindings = [_binding(target, feeds.get(target, 0)) for target in fed] if feeds else fed
                variable = local.get(i)
                for key in (variable,) if variable else keys if binding is None else (keys[binding],):
                    loads.setdefault(key, []).append((i, fed_bindings))
                    if changed:
                        order.setdefault(key, []).append(place)

        def held(values: Mapping[str, Sequence[cst.CSTNode]]) -> dict[str, list[cst.CSTNode]]:
            by_binding: dict[str, list[cst.CSTNode]] = {}
            for name, nodes in values.items():
                for node in nodes:
                    key = self.local_values.get((name, id(node))) or _binding(name, self.held[name, id(node)])
                    by_binding.setdefault(key, []).append(node)
            return by_binding

        changes = held(self.changes)
        changed_at = {id(change): bisect_left(order.get(key, []), self.changed_at[id(change)])
                      for key, nodes in changes.items() for change in nodes}
        return _Bindings(loads, held(self.bound), held(self.walked), changes, changed_at)


def _binding(name: str, binding: int) -> str:
    """A binding of a name as a name of its own: the first is the name itself, a later one `name#n`."""
    return f"{name}#{binding}" if binding else name


@dataclass(frozen=True)
class _Bindings:
    """What `Flows.plot_only` reads, each binding of a name as a name of its own: its occurrences (id, the bindings
    each feeds), values, walks and changes in place, and how many occurrences came before each change."""

    loads: dict[str, list[tuple[int, list[str]]]]
    bound: dict[str, list[cst.CSTNode]]
    walked: dict[str, list[cst.CSTNode]]
    changes: dict[str, list[cst.CSTNode]]
    changed_at: dict[int, int]

    def changed_to_draw(self, plotted: set[int], ends: set[int], charted_names: set[str]) -> set[int]:
        """Ids of the nodes of the changes in place made to a name, after which it only feeds charts and looks, one a
        chart (`fcst.set_index("date", inplace=True)` before `ax.plot(fcst["y"])`, after the frame was written)."""
        found: set[int] = set()
        for name, changes in self.changes.items():
            if name in charted_names:
                continue  # every change of it is charted already
            uses = self.loads.get(name, [])
            for change in reversed(changes):  # the last first: a later change made for the chart is on its way
                later = uses[self.changed_at[id(change)]:]
                if any(i in plotted for i, _ in later) \
                        and all(i in ends or i in found or fed and set(fed) <= charted_names for i, fed in later):
                    found.update(id(n) for n in descendants(change, cst.CSTNode))
        return found

    def nodes(self, values: list[cst.BaseExpression], names: set[str]) -> set[int]:
        """Ids of every node in these values, and in the values of these names and their changes in place."""
        bound = [value for name in names for value in (*self.bound.get(name, ()), *self.walked.get(name, ()),
                                                          *self.changes.get(name, ()))]
        return {id(n) for value in [*values, *bound] for n in descendants(value, cst.CSTNode)}

    def reaching(self, sources: set[int], ends: set[int]) -> set[str]:
        """The names whose every use is one of the `ends` or feeds only such names or names never used, and that
        reach a use among the `sources`: the largest such set, so names that feed each other on the way (`births`
        filtered by a bound computed from itself) count, while names that feed only each other do not."""
        uses = {name: self.loads.get(name, []) for name in self.bound.keys() | self.walked.keys()}
        unused = {name for name, occurrences in uses.items() if not occurrences}
        feeders: dict[str, set[str]] = {}  # name -> the names with a use, not an end, that feeds it
        for name, occurrences in uses.items():
            for i, fed in occurrences:
                if i not in ends:
                    for target in fed:
                        feeders.setdefault(target, set()).add(name)
        only = {name for name, occurrences in uses.items() if occurrences}
        dropped = [name for name in only if any(i not in ends and (not fed or not set(fed) <= only | unused)
                                                for i, fed in uses[name])]
        while dropped:
            name = dropped.pop()
            if name in only:
                only.discard(name)
                dropped.extend(feeders.get(name, set()) & only)
        reach = {name for name in only if any(i in sources for i, _ in uses[name])}
        pending = list(reach)
        while pending:
            for feeder in feeders.get(pending.pop(), set()) & only - reach:
                reach.add(feeder)
                pending.append(feeder)
        return reach


def overwritten_models(module: cst.Module, reported: set[int]) -> set[int]:
    """Ids of the reported nodes inside a model that is built and thrown away: the value of a top-level
    `name = ...` that trains nothing (no `fit`, `transform`, … call in it) and whose name is assigned again at top
    level before any use (`pipe = Pipeline([...])` replaced by `pipe = make_pipeline(...)` in the next cell).
    Only top-level statements are read, and a name any function or class uses is never dropped: they may run later."""
    bound: list[tuple[int, str, cst.BaseExpression]] = []  # top-level `name = value`: index, name, value
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            assign = statement.body[0]
            if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
                bound.append((index, assign.targets[0].target.value, assign.value))
    dropped: set[int] = set()
    read_by_definitions: set[str] | None = None
    for position, (index, name, value) in enumerate(bound):
        inside = {id(n) for n in descendants(value, cst.Call)} & reported
        later = next((b for b in bound[position + 1:] if b[1] == name), None)
        if not inside or later is None or any(method_name(c) in MODEL_DATA_METHODS for c in descendants(value, cst.Call)):
            continue
        if read_by_definitions is None:
            read_by_definitions = {read for s in module.body if isinstance(s, (cst.FunctionDef, cst.ClassDef))
                                   for read in _variables_read(s)}
        if name not in read_by_definitions and not any(
                name in _variables_read(node) for node in [*module.body[index + 1:later[0]], later[2]]):
            dropped |= inside
    return dropped


def _variables_read(node: cst.CSTNode) -> set[str]:
    """The names a node reads as variables: not a member's (`x.preprocessing`), nor a module's an import spells
    (`from sklearn.preprocessing import StandardScaler`)."""
    spelt = {id(n) for imported in descendants(node, (cst.Import, cst.ImportFrom)) for n in descendants(imported, cst.Name)}
    spelt |= {id(a.attr) for a in descendants(node, cst.Attribute)}
    return {n.value for n in descendants(node, cst.Name) if id(n) not in spelt}
