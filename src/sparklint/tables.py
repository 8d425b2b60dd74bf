"""The catalog's table rows (`call`, `method`, `attribute`) as one matcher indexed by name.

One dictionary lookup per call or attribute node finds every row that could match it, however
many rows the catalog has; the few rows whose shape a table cannot express are pattern classes.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import libcst as cst

from sparklint.catalog import call_rule, load_catalog
from sparklint.context import READ_NAMES, RuleContext
from sparklint.patterns.local_paths import (
    COPIES_TO_STORAGE,
    PANDAS_WRITES,
    for_spark,
    in_driver_folder,
    within,
)
from sparklint.patterns.pandas_transforms import ELEMENTWISE, appended_to, udf_for
from sparklint.patterns.shapes import (
    FRAME_ATTRIBUTES,
    ORDERED_WINDOW,
    ORDERED_WINDOW_NOTE,
    as_column,
    column_spelt,
    column_words,
    dropped_columns,
    iterated,
    keyword,
    method_call,
    offset_column,
    on_columns,
    one_line,
    reader_options,
    root_name,
    row_offset,
    split_fractions,
    string_literal,
    subscript_key,
)
from sparklint.patterns.sklearn import (
    PIPELINES,
    UNTWINNED,
    pipeline_suggestion,
    scoring_evaluator,
    stage_names,
    translated,
)
from sparklint.rule import (
    ANY_VALUE,
    BUILDS_A_CLASS,
    SUGGESTION_AROUND,
    SUGGESTION_DATA,
    SUGGESTION_IN_PLACE,
    SUGGESTION_NOTE,
    SUGGESTION_ONLY,
    SUGGESTION_PATH,
    SUGGESTION_WORDS,
    Rule,
)
from sparklint.tree import argument, descendants
from sparklint.values import (
    COMPOSITES,
    ESTIMATOR,
    FILE,
    JOINS,
    METRICS,
    MODEL_DATA_METHODS,
    NUMPY,
    NUMPY_SMALL,
    PANDAS,
    PANDAS_GROUPBY,
    PANDAS_SMALL,
    PLOTTING,
    RDD,
    READER,
    SEARCHES,
    SERIES_KEYS,
    SERIES_SCORING,
    SESSION,
    SMALL_ARRAY,
    SPARK,
    SPARK_CONTEXT,
    SPARK_PANDAS,
    SPARK_SMALL,
    USAGE_MEMBERS,
    WRITER,
    callee_name,
    forecasts,
    literal,
    method_name,
)

if TYPE_CHECKING:
    from sparklint.migrate.mappings import Spec

SPARK_KINDS = frozenset({SPARK, SPARK_SMALL, SPARK_PANDAS, RDD, SESSION, READER, WRITER, SPARK_CONTEXT})
LOCAL_KINDS = frozenset({PANDAS, PANDAS_SMALL, PANDAS_GROUPBY, NUMPY})  # values only the driver holds
PATHS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath"})
TEXT = frozenset({"io.StringIO", "io.BytesIO"})
URLS = ("http://", "https://", "ftp://")
PATH_READERS = ("pandas.read_", "numpy.loadtxt", "numpy.genfromtxt")  # the first argument is the file read
SPARK_WRITE = "{receiver}.write"  # the start of a suggestion that writes the frame through Spark
QUOTES = "\"'"  # around a column name written as a string
# scikit-learn's curves: the member of a pyspark.ml binary classifier's summary that holds one, its columns, its area.
CURVES = {"sklearn.metrics.roc_curve": ("roc", "FPR and TPR", "areaUnderROC"),
          "sklearn.metrics.precision_recall_curve": ("pr", "recall and precision", "areaUnderPR")}
NEEDS_MORE_THAN_A_NAME = frozenset({"max_features", "class_weight"})  # settings a twin takes only translated (migrate)
SPAN_UNITS = {"D": 86400, "H": 3600, "h": 3600, "min": 60, "T": 60, "S": 1, "s": 1}  # pandas' fixed offsets, in seconds
FUSE = "/dbfs"  # Databricks' local mount of DBFS, which Spark names `dbfs:`
# What takes a pandas frame its keys index (AutoGluon's frames, AutoML's forecasters' own scoring methods), what
# SPL243 says of the index set for one, and what a step says that prepares a frame for one.
INDEXED_INPUTS = frozenset({"TimeSeriesDataFrame", "rolling_forecast", "forecast_quantiles"})
INDEX_KEPT = ("# keep this index: `{consumer}` takes a pandas frame indexed by its keys; on Spark, this preparation "
              "goes with the model, per series on the executors: sdf.groupBy(key).applyInPandas(fn, schema), fn setting "
              "the index on its group")
PREPARED_FOR = ("# this prepares `{frame}` for `{consumer}`, which takes a pandas frame: on Spark, the preparation goes "
                "with the model, per series on the executors: sdf.groupBy(key).applyInPandas(fn, schema), fn doing this "
                "step on its group")
# Calls that only build or prepare paths in a folder: given a folder, they do not read what was written there.
PATH_BUILDERS = ("os.path.", "posixpath.", "pathlib.", "os.makedirs", "os.mkdir")
# Calls that only show a path, and so do not take the file a writer wrote: printing and logging.
NOT_HANDING_ON = frozenset({"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
# The arguments that carry scikit-learn metrics' data, and what their rows suggest when those are arrays.
METRIC_DATA = frozenset({"y_true", "y_pred", "y_score", "y_prob", "probas_pred", "labels_true", "labels_pred", "X"})
ON_ARRAYS = ("# `{callee}` is given NumPy arrays, not a DataFrame of predictions, which a pyspark.ml evaluator scores "
             "(model.transform(test_sdf)): over arrays it is one pass on the driver; once the model runs on Spark, "
             "evaluate its predictions DataFrame instead")
PER_ITEM = ("# `{callee}` runs once per turn of the loop, on the rows of one `{item}`: with the true values and the "
            "predictions in one Spark DataFrame, one grouped aggregate gives every item's at once, "
            "sdf.groupBy(key).agg(...) of the metric's formula over the label and prediction columns (mean absolute "
            'error: F.avg(F.abs(F.col("label") - F.col("prediction")))); a few items of a few rows are fine on the driver')
PREDICTIONS = ("predictions: the model's predictions as a Spark DataFrame (model.transform(test_sdf) of a pyspark.ml "
               "model, or sdf.mapInPandas(predict_batches, schema) of another), the true values in its label column")
# What a pyspark.ml estimator's suggestion says of its input: one vector column of features, in a Spark DataFrame.
ASSEMBLED = ('fit on a Spark DataFrame whose features are one vector column: VectorAssembler(inputCols=feature_cols, '
             'outputCol="features").transform(sdf)')
# What a window that numbers every row (a surrogate key) is told: a partition would restart the numbers per key.
ROW_NUMBERS = ("# a row number over all rows takes one ordered pass in one task: fine for a table of few rows (a "
               "dimension's keys); for a large one, unique ids in no order: F.monotonically_increasing_id(), or "
               "consecutive ones in the window's order: sdf.rdd.zipWithIndex() after sdf.orderBy(...); a partitionBy "
               "would restart the numbers for each key")
# What a row number over all rows is told when the code divides it by the row count: bins of equal counts (a qcut).
QUANTILE_BINS = ('QuantileDiscretizer(numBuckets=..., inputCol={column}, outputCol="bucket").fit(sdf).transform(sdf)  # '
                 "pyspark.ml.feature: the bins' bounds are approximate quantiles the executors compute, no ranking of "
                 "every row in one task; buckets count from 0, and equal values share a bucket where ranks split them")
# What a model fitted on a resample of its data (a bootstrap) is told.
BOOTSTRAP = ("# each fit is on its own resample of the data, independent of the others: Spark runs them as tasks, one "
             "per seed, sc.parallelize(range(n), numSlices).map(fit_on_resample).collect(), the data handed to each "
             "task with sc.broadcast(data) when it is small; for a large data set, each resample drawn by Spark, "
             "sdf.sample(withReplacement=True, fraction=1.0, seed=seed), and fitted with pyspark.ml")
# What a dataset pulled to pandas and made a NumPy array at once is told.
MADE_AN_ARRAY = ("# the pull is made a NumPy array at once (.values), which only the driver holds: keep it for a small "
                 "result (a column of predictions or labels to compare); for a large one, keep the data a Spark "
                 "DataFrame (dataset.to_spark_dataframe()) and compute with columns there, joining predictions to "
                 "labels on a key")
# Model methods that score the data they are given, and what a pull handed to one (or to a metric) adds
# (`predict_proba`, `forecast_quantiles`, an AutoML forecaster's `rolling_forecast`).
SCORING = re.compile(r"predict|forecast|^score$")
TAKES_PANDAS = ("; `{consumer}` then uses it as pandas: keep this pull when the rows fit the driver, else move that "
                "step to Spark too ({scoring}; a metric: a pyspark.ml evaluator)")
MODEL_SCORING = "a model's scoring: sdf.mapInPandas(predict_batches, schema)"
FORECAST_SCORING = f"a forecaster's scoring: sdf.{SERIES_SCORING}, one time series whole per group: {SERIES_KEYS}"
# How a call that may take an array for a model is spelt: a model's method, or a scikit-learn function's usual names.
MODEL_CALL = (rf"(?:\b(?P<model>[A-Za-z_][\w.]*(?:\([^()]*\))?)\.(?P<method>{'|'.join(sorted(MODEL_DATA_METHODS))})"
              r"|\b(?P<function>train_test_split|cross_val\w*|\w+_score|\w+_error|confusion_matrix))")
# A pandas query's pieces, and those of them that are an operand in Spark SQL too: a name, a backticked name, a
# number, a quoted text (a piece matching neither, `@name`, `[`, `&`, keeps the query from being copied).
QUERY_TOKENS = re.compile(r"\s+|<=|>=|==|!=|[<>()]|`[^`]*`|'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?|[A-Za-z_]\w*|.")
QUERY_OPERAND = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?|[A-Za-z_]\w*")
# What an array copied out of a frame for a model is told.
ARRAY_FOR_A_MODEL = ("# the array feeds `{consumer}`: for a pyspark.ml model, features and label stay in the Spark "
                     "DataFrame, the features as one vector column, VectorAssembler(inputCols=feature_cols, "
                     "outputCol=\"features\").transform(sdf), which its fit and transform take; to keep a single-node "
                     "model, fit it on a sample that fits the driver, sdf.sample(fraction=0.1).toPandas(), and score "
                     "on the executors, sdf.mapInPandas(predict_batches, schema)")
ARRAY_FOR_A_FORECASTER = ("# the array feeds `{consumer}`, a forecaster that reads each time series whole: keep the values "
                          f"a column of the Spark DataFrame and forecast per series, sdf.{SERIES_SCORING}, the function "
                          f"given one series' rows as pandas; {SERIES_KEYS}")
# What a scikit-learn pipeline's fit or predict is told when every step has a twin.
PIPELINE_TWIN = ("pipeline: the pyspark.ml Pipeline the line that builds `{name}` is told, here pyspark.ml's {stages} "
                 "after a VectorAssembler of the feature columns, on a Spark DataFrame")
PIPELINE_OF_TWINS = ("pipeline: a pyspark.ml Pipeline of the twins the lines that build `{name}`'s steps ({steps}) are "
                     "told, in that order, on a Spark DataFrame")
# What a join of two frames by their index is told of its key.
ON_INDEX = ("index_columns: the columns both frames' indexes hold (set_index's keys; reset_index() makes them columns), as "
            "Spark has no index")
# Members only a pandas frame has (`iloc`, `values`, ...): the names of `values.USAGE_MEMBERS`' pieces.
PANDAS_MEMBERS = frozenset(member.split("(")[0] for member in USAGE_MEMBERS[PANDAS])
# What a function mapped over rows numbered by zipWithIndex is told.
ROWS_NUMBERED = ("# zipWithIndex numbers every row in the RDD's order, which no column expression or mapInPandas batch "
                 "can: keep it for consecutive numbers (it runs on the executors, with one extra job that counts each "
                 "partition); for unique ids in no order, df.withColumn(name, F.monotonically_increasing_id())")
# What a forecaster fitted once per turn of a loop over items other than groups is told.
ONE_SERIES = ("# one series, fitted once: fine on the driver, as Spark does not split one model's fit; for many "
              "series (a column naming each), sdf.groupBy(key).applyInPandas(fit_and_forecast, schema=\"series "
              "string, ds date, yhat double\") fits each on an executor")
SERIES_LOOP = ("# each turn of the loop over `{items}` fits its own model (a walk-forward backtest refits on the data up to "
               "each item): the fits are independent, so they can run as Spark tasks, one per item: "
               "sc.parallelize(list(items), numSlices).map(fit_and_forecast).collect(), with the series handed to "
               "each task by sc.broadcast(series); one series of a few thousand points is fine on the driver")
# What SPL201 suggests for a loop over a group-by's groups, which aggregates nothing: each group's work on an executor.
GROUPS_LOOPED = ("{receiver}.groupBy({keys}).applyInPandas(per_group, schema)  # the loop's body as per_group(pdf): it "
                 "gets one group's rows as a pandas frame on an executor and returns a pandas frame of `schema`; a "
                 "chart or a file per group stays a loop on the driver")
# What SPL201 suggests for a loop that only puts each group in a list, unchanged: the split is all the work.
GROUPS_GATHERED = ("# the loop only puts each group of {keys} in `{gathered}`, unchanged: a Spark DataFrame needs no "
                   "split, keep {receiver} whole (one group: {receiver}.where(F.col(key) == value); the groups in "
                   "order: {receiver}.orderBy({keys}))")
# What SPL204 suggests for frames a loop makes one at a time on the driver.
LOOP_MADE = ("# the frames in `{frames}` are made one at a time by a loop on the driver (`{maker}`): to make them on the "
             "executors, put what the loop walks in a Spark DataFrame, a row per item (or keep the frame a group-by "
             "splits), and make each with sdf.groupBy(item).applyInPandas(make_frame, schema), which returns them as "
             "one DataFrame: no union needed")
LOOP_READ = ("# the frames in `{frames}` are files a loop reads one at a time (`{reader}`): one Spark read of them all, "
             "of their folder or of the list of their paths, gives one DataFrame, no union needed")
# Calls that test each value of one column, giving a column of booleans (`s.str.contains("x")`, `s.isin(v)`).
SERIES_TESTS = frozenset({"contains", "startswith", "endswith", "match", "isin", "isna", "isnull", "notna", "notnull",
                          "between"})
# What SPL201 suggests for a group-by whose groups are only counted (`.ngroups`).
GROUPS_COUNTED = "{receiver}.select({keys}).distinct().count()  # the number of groups"
# pandas writers that return the frame as text when given no path, and what they are told then.
TEXT_WRITES = frozenset({"to_json", "to_csv"})  # their Spark writer: the catalog's `[rule.spark."to_*"]`
AS_TEXT = ("# with no path, `{callee}` returns the frame as one text in memory (a payload for an API or a message), "
           "not a file: fine for a small frame such as a listing; for a data set, keep it a Spark DataFrame and write "
           "files: sdf.write.{writer}(path)")
# What SPL15x suggests for a file pandas writes and the code then hands on: Spark writes a folder of part files.
HANDED_ON = ("# keep this write in pandas: the code hands {path} on as one local file afterwards ({consumer}), and "
             "Spark writes a folder of part files there; to write from the executors, write a table or a folder with "
             "sdf.write and make that next step read the folder")


class Table:
    """Every table row, indexed by qualified call name, method name and attribute name: built once."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.calls: dict[str, list[Rule]] = defaultdict(list)
        self.methods: dict[str, list[Rule]] = defaultdict(list)
        self.attributes: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            for name in rule.match.call:
                self.calls[name].append(rule)
            for name in rule.match.method:
                self.methods[name].append(rule)
            for name in rule.match.attribute:
                self.attributes[name].append(rule)


class TableMatcher:
    """Matches one file against the table; like a pattern, a new one serves each file."""

    def __init__(self, table: Table) -> None:
        self.calls, self.methods, self.attributes = table.calls, table.methods, table.attributes
        self.callees: set[int] = set()
        # group-by call id -> the call reducing its groups, and what was selected from them first (`["amount"]`);
        # the walk passes the outer call first
        self.reductions: dict[int, tuple[cst.Call, cst.BaseExpression | None]] = {}
        self.counted: set[int] = set()  # ids of group-by calls whose groups are only counted (`.ngroups`)
        # value id -> what the code makes of it next: a call of its method (`.max()` of `.min()`), an attribute of it
        # (`.year` of `.dt`), a function given it alone (`np.sqrt`); the walk passes the outer node first
        self.outer: dict[int, cst.BaseExpression] = {}

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        func = node.func
        self.callees.add(id(func))
        if isinstance(func, cst.Attribute):
            self.outer[id(func.value)] = node
        if len(node.args) == 1 and isinstance(node.args[0].value, cst.Call) and not node.args[0].keyword:
            self.outer[id(node.args[0].value)] = node
        if isinstance(func, cst.Attribute):
            grouped, selected = func.value, None
            if isinstance(grouped, (cst.Subscript, cst.Attribute)):
                grouped, selected = grouped.value, grouped
            if isinstance(grouped, cst.Call) and callee_name(grouped.func) == "groupby":
                self.reductions[id(grouped)] = (node, selected)
        qualified = ctx.qualify(func)
        if qualified is not None:
            matched = [r for r in self.calls.get(qualified, ()) if _keywords_match(r, node, ctx)]
            if matched:
                self.report(matched, node, ctx, {**ctx.call_fields(node), **_spelt_for_spark(node, None, None, ctx),
                                                 **_metric(qualified, node, self.outer.get(id(node)), ctx),
                                                 **_read_for_a_library(qualified, node, ctx),
                                                 **_made_in_a_loop(qualified, node, ctx),
                                                 **_concat_keywords(qualified, node), **_pivot(node, qualified, ctx),
                                                 **_concat_of_pandas(qualified, node, ctx),
                                                 **_columns_of_one_frame(qualified, node, ctx),
                                                 **_split(qualified, node, ctx), **_numbered(qualified, node, ctx),
                                                 **_naive_bayes(qualified, node, ctx), **_imputed(qualified, node, ctx),
                                                 **_curve(qualified),
                                                 **_constructed_twin(qualified, node, ctx)})
            return
        if isinstance(func, cst.Attribute) and func.attr.value in self.methods and not _index_handed_over(node, ctx):
            receiver = ctx.kind_of(func.value)
            built_by = self._reported_model(func.value, receiver, ctx)
            matched = [r for r in self.methods[func.attr.value] if r.family not in built_by
                       and _receiver_matches(r, receiver) and _keywords_match(r, node, ctx)]
            if matched and not (_writes_text(node, receiver, ctx) and ctx.fetches_frames()):
                self.report(matched, node, ctx, {**ctx.call_fields(node), **_spelt_for_spark(node, func.value, receiver, ctx),
                                                 **_sort_order(node, ctx), **_casts(node, ctx), **_in_place(node),
                                                 **_join_defaults(node, ctx),
                                                 **_filled(node, ctx), **_applied(node, ctx),
                                                 **_per_group_value(node, receiver, ctx),
                                                 **_lagged(node, ctx), **_rolling(node, self.outer, ctx),
                                                 **_aggregation(node, self.reductions.get(id(node)),
                                                                id(node) in self.counted, self.outer, ctx),
                                                 **_deduplication(node, ctx), **_dropped(node, ctx), **_renamed(node, ctx),
                                                 **_incomplete(node, ctx), **_rows_as_json(node, ctx),
                                                 **_model_twin(node, receiver, ctx), **_numbered_rows(node, receiver),
                                                 **_bootstrap(node, receiver, ctx), **_counted(node, ctx),
                                                 **_pivot(node, None, ctx), **_registered(node, self.outer, ctx),
                                                 **_copied(node, ctx), **_prepared_for(node, ctx),
                                                 **_fields_gathered(node, ctx), **_columns_filled(node, ctx),
                                                 **_pull_returned(node, ctx), **_array_for_a_model(node, ctx),
                                                 **_query_as_sql(node, ctx)})

    @staticmethod
    def report(matched: list[Rule], node: cst.Call, ctx: RuleContext, fields: dict) -> None:
        """A row with keyword conditions outranks its family's general row."""
        specific = {r.family for r in matched if r.match.keywords}
        for rule in matched:
            if rule.match.keywords or rule.family not in specific:
                fill = {**fields, **_written_from_pandas(rule, node, ctx), **_evaluated(rule, fields),
                        **_series_loop(rule, ctx)}
                ctx.report(rule, node, **fill, **_assembled(rule, fill))

    def _reported_model(self, receiver: cst.BaseExpression, kind: str | None, ctx: RuleContext) -> set[str]:
        """The families whose call rows report the model a call is chained on (`Model().fit(...)`):
        their method rows leave that call alone, so one line gets one finding for one model."""
        if kind != ESTIMATOR or not isinstance(receiver, cst.Call):
            return set()
        return {r.family for r in self.calls.get(ctx.qualify(receiver.func) or "", ())}

    def visit_Attribute(self, node: cst.Attribute, ctx: RuleContext) -> None:
        self.outer.setdefault(id(node.value), node)
        if node.attr.value == "ngroups" and isinstance(node.value, cst.Call) and callee_name(node.value.func) == "groupby":
            self.counted.add(id(node.value))
        if id(node) in self.callees or node.attr.value not in self.attributes or ctx.qualify(node) is not None:
            return
        receiver = ctx.kind_of(node.value)
        for rule in self.attributes[node.attr.value]:
            if _receiver_matches(rule, receiver):
                ctx.report(rule, node, receiver=ctx.code(node.value), callee=ctx.code(node),
                           **self._accessor_column(node, ctx), **_array_for_a_model(node, ctx))

    def _accessor_column(self, accessor: cst.Attribute, ctx: RuleContext) -> dict[str, str]:
        """What a `.str` or `.dt` accessor computes (`df["city"].str.strip().str.lower()`, `s.dt.year`), the longest
        such expression around it, as the Column expression migrate's translation writes; for a Timedelta's number
        that it cannot translate, how Spark computes it from the two timestamps; nothing otherwise."""
        value = accessor.value
        frame = root_name(value.left if isinstance(value, cst.BinaryOperation) else value)  # `(end - start).dt`
        if accessor.attr.value not in ("str", "dt"):
            return {}
        if frame is not None and ctx.kind_of(cst.Name(frame)) != PANDAS:
            frame = None  # no pandas frame's column: nothing to translate
        found, used = None, self.outer.get(id(accessor))
        for _ in range(8):  # a chain of a few steps: `.str.strip().str.lower().str.len()`
            if frame is None or not isinstance(used, (cst.Call, cst.Attribute)):
                break
            translated = as_column(used, cst.Name(frame), ctx)
            if translated is not None and "F." in translated[0]:
                found = (used, translated[0])
            used = self.outer.get(id(used))
        if frame is not None and found is not None:
            return column_words(found[1], f"`{one_line(ctx, found[0])}`", frame,
                                 "the value of a withColumn, a select or a filter")
        return self._timedelta_part(accessor, ctx) if accessor.attr.value == "dt" else {}

    def _timedelta_part(self, accessor: cst.Attribute, ctx: RuleContext) -> dict[str, str]:
        """`.dt.days` or `.dt.total_seconds()` reads a Timedelta, the difference of two timestamps, which Spark
        computes from the two (date parts would be wrong); nothing for a date's own parts."""
        part = self.outer.get(id(accessor))  # `.days`, or the call of `.total_seconds`
        if isinstance(part, cst.Call) and isinstance(part.func, cst.Attribute):
            name = f"{part.func.attr.value}()"
        elif isinstance(part, cst.Attribute):
            name = part.attr.value
        else:
            return {}
        template = load_catalog()[1]["dt"]["timedelta"].get(name)  # `[rule.spark."dt"]`
        if template is None:
            return {}
        spark = template.format('F.col("end")', 'F.col("start")')
        return {SUGGESTION_WORDS: f"{spark}  # `{one_line(ctx, accessor)}."
                                  f"{name}` of the difference of two timestamps; end, start: the two timestamp "
                                  "columns, as Columns of the frame as a Spark DataFrame"}


def _index_handed_over(node: cst.Call, ctx: RuleContext) -> bool:
    """A `reset_index()` that keeps the index (no `drop=True`) in the frame its statement hands to
    `spark.createDataFrame`: Spark leaves a pandas index out, so making it a column first is the handing over's own
    step, not work to move."""
    drop = keyword(node, "drop")
    if callee_name(node.func) != "reset_index" or isinstance(drop, cst.Name) and drop.value == "True":
        return False
    statement = ctx.statement(node)
    return statement is not None and any(
        callee_name(call.func) == "createDataFrame" and call.args and any(n is node for n in descendants(
            call.args[0].value, cst.Call)) for call in descendants(statement, cst.Call))


def _series_loop(rule: Rule, ctx: RuleContext) -> dict[str, str]:
    """Where a forecaster is fitted: in a loop over a group-by's groups, one series per group, grouped by its key; in
    a loop over other items (the days of a walk-forward backtest), one fit per item, independent of the others;
    outside a loop, in a function, a series its callers choose, whose key the code does not name; outside both,
    the one series the file fits."""
    if "series_key" not in rule.template_fields:
        return {}
    loop = next((loop for loop in reversed(ctx.loops) if isinstance(loop, cst.For)), None)
    if loop is None and not any(isinstance(scope, cst.FunctionDef) for scope in ctx.scopes):
        return {SUGGESTION_WORDS: ONE_SERIES}
    if loop is None:
        return {"series_key": "key"}
    if method_name(loop.iter) == "groupby" and loop.iter.args:  # type: ignore[attr-defined]
        return {"series_key": one_line(ctx, loop.iter.args[0].value)}  # type: ignore[attr-defined]
    return {SUGGESTION_WORDS: SERIES_LOOP.format(items=one_line(ctx, loop.iter))}


def _evaluated(rule: Rule, fields: dict) -> dict[str, str]:
    """An evaluator's suggestion scores `predictions`, which the script has yet to make: the comment says what it is."""
    if not ("evaluate(predictions)" in rule.suggestion or rule.suggestion.startswith("predictions.")) \
            or SUGGESTION_WORDS in fields:
        return {}
    return {SUGGESTION_NOTE: PREDICTIONS}


def _assembled(rule: Rule, fill: dict) -> dict[str, str]:
    """A pyspark.ml estimator reads its features from one vector column, which the script's array or frame
    columns are not yet: the comment says how that column is made (a constructor's twin too)."""
    built = rule.suggestion.startswith("{twin}") and "twin_module" in rule.fills.names
    if 'featuresCol="features"' not in (fill.get("twin", "") if built else rule.suggestion) \
            or SUGGESTION_WORDS in fill or SUGGESTION_NOTE in fill:
        return {}
    return {SUGGESTION_NOTE: ASSEMBLED}


def _written_from_pandas(rule: Rule, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A pandas frame no pandas reader of this file reads (another library's result, a function's, rows pulled by
    `toPandas()` and edited) stays pandas when the reads move to Spark: Spark writes it only once it is made a Spark
    frame."""
    frame = node.func.value if isinstance(node.func, cst.Attribute) else None
    if frame is None or not _plain(frame) or not rule.suggestion.startswith(SPARK_WRITE) or ctx.kind_of(frame) != PANDAS \
            or not ctx.values.only_used_as(frame) and _read_in_this_file(frame, ctx):
        return {}
    return {SUGGESTION_ONLY + "receiver": f"spark.createDataFrame({ctx.code(frame)})"}


def _read_in_this_file(frame: cst.BaseExpression, ctx: RuleContext, followed: frozenset[str] = frozenset()) -> bool:
    """Whether a frame is made from what a pandas reader of this file reads, in its expression or through the values
    its names were bound to: that reader's own finding moves the data to Spark."""
    if any((ctx.qualify(call.func) or "").startswith("pandas.read_") for call in descendants(frame, cst.Call)):
        return True
    names = {name.value for name in descendants(frame, cst.Name)} - followed
    return any(_read_in_this_file(value, ctx, followed | names) for name in names
               for value in ctx.flows.bound.get(name, ()))


def _spelt_for_spark(node: cst.Call, receiver: cst.BaseExpression | None, kind: str | None,
                     ctx: RuleContext) -> dict[str, str]:
    """A suggestion is Spark code: a pandas receiver that is more than a name (a chain of pandas calls,
    one column) has no Spark spelling, so the suggestion names the data `sdf`; an argument computed
    from the data itself (`df["a"].median()`) or built by pandas (`pd.DataFrame(rows)`) has none
    either, so it shows as `...`."""
    if kind in SPARK_KINDS:
        return {}
    if _writes_text(node, kind, ctx):
        writer = load_catalog()[1][callee_name(node.func)]["writer"]
        return {SUGGESTION_WORDS: AS_TEXT.format(callee=ctx.code(node.func), writer=writer)}
    spelt = {} if receiver is None or _plain(receiver) or kind == ESTIMATOR else {  # a model is no data to re-spell
        SUGGESTION_ONLY + "receiver": "sdf", SUGGESTION_NOTE: _chain_note(receiver, ctx)}
    if receiver is not None and kind == PANDAS and _plain(receiver):
        spelt[SUGGESTION_DATA] = one_line(ctx, receiver)
    data = root_name(receiver) if receiver is not None else None
    position = 0
    for arg in node.args:
        if arg.star:
            continue
        name = arg.keyword.value if arg.keyword is not None else str(position)
        position += arg.keyword is None
        action = _path_action(node, kind, ctx) if name == "0" else None
        if action == "write" and (consumer := _handed_on(arg.value, node, ctx)) is not None:
            return {SUGGESTION_WORDS: HANDED_ON.format(path=ctx.code(arg.value), consumer=consumer)}
        if _local(arg.value, data, ctx):
            spelt[SUGGESTION_ONLY + name] = "..."
        elif action and (elsewhere := _local_path(arg.value, action, ctx)) is not None:
            spelt[SUGGESTION_PATH + name] = elsewhere
        elif action and _maybe_mounted(arg.value, ctx):
            spelt[SUGGESTION_NOTE] = f"a {FUSE}/... path (DBFS as pandas reads it) is dbfs:/... to Spark: " \
                                     f"{_spark_path(arg.value, ctx)}"
        elif action == "read" and (files := _files_looped(arg.value, node, ctx)) is not None:
            spelt |= {SUGGESTION_ONLY + name: files, SUGGESTION_NOTE: f"every file of `{files}` in one read, not one "
                      "job per file (F.input_file_name() tells a row's file)"}
        elif action == "read" and (folder := _folder_looped(arg.value, ctx)) is not None:
            spelt |= {SUGGESTION_ONLY + name: folder, SUGGESTION_NOTE: f"the folder `{folder}` in one read, every file "
                      "of it, not one job per file (pathGlobFilter=\"*.csv\" keeps to some; F.input_file_name() tells "
                      "a row's file)"}
        elif (spelling := _source(arg.value, ctx)) is not None:
            spelt[SUGGESTION_ONLY + name] = spelling
        elif action == "read" and isinstance(arg.value, cst.Name) and ctx.values.text(arg.value) is None \
                and not (ctx.qualify(node.func) or "").startswith(("pandas.read_sql", "pandas.read_json")):  # a query, text
            spelt.setdefault(SUGGESTION_NOTE, f"`{arg.value.value}` must name storage the cluster reads: a file the "
                                              "code put on the driver's own disk is copied there first")
    return spelt


def _files_looped(path: cst.BaseExpression, call: cst.Call, ctx: RuleContext) -> str | None:
    """The list of files a loop reads one at a time (`for f in files: pd.read_csv(f)`, or a comprehension), as
    code: Spark's readers take the whole list at once. None unless the path is the loop's own name, over a name."""
    if not isinstance(path, cst.Name):
        return None
    loops = [(loop.target, loop.iter) for loop in ctx.loops if isinstance(loop, cst.For)]
    comprehended = re.search(rf"\bfor\s+{re.escape(path.value)}\s+in\b", ctx.source.code) is not None
    for kind in (cst.ListComp, cst.GeneratorExp, cst.SetComp) if comprehended else ():  # the file's index, if need be
        for comprehension in ctx.every(kind):
            if any(inner is call for inner in descendants(comprehension.elt, cst.Call)):
                loops.append((comprehension.for_in.target, comprehension.for_in.iter))
    return next((one_line(ctx, files) for target, files in reversed(loops) if isinstance(target, cst.Name)
                 and target.value == path.value and isinstance(files, (cst.Name, cst.Attribute))), None)


def _folder_looped(path: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The folder a loop reads file by file (`for f in os.listdir(d): p = os.path.join(d, f)` then a read of `p`), as
    code: Spark's readers take the folder. None for anything else."""
    if not isinstance(path, cst.Name):
        return None
    for loop in reversed(ctx.loops):
        if not isinstance(loop, cst.For) or not isinstance(loop.target, cst.Name):
            continue
        listed = loop.iter
        if isinstance(listed, cst.Call) and callee_name(listed.func) == "sorted" and listed.args:
            listed = listed.args[0].value
        if not (isinstance(listed, cst.Call) and ctx.qualify(listed.func) == "os.listdir" and listed.args):
            continue
        folder = ctx.code(listed.args[0].value)
        for assign in descendants(loop.body, cst.Assign):
            value, target = assign.value, assign.targets[0].target
            if isinstance(target, cst.Name) and target.value == path.value and isinstance(value, cst.Call) \
                    and ctx.qualify(value.func) == "os.path.join" and len(value.args) == 2 \
                    and ctx.code(value.args[0].value) == folder and ctx.code(value.args[1].value) == loop.target.value:
                return folder
    return None


def _handed_on(path: cst.BaseExpression, write: cst.Call, ctx: RuleContext) -> str | None:
    """The callee that takes the file a pandas writer wrote, as code, when the file hands it on (an upload, a copy, a
    reader): the path's name or text given to any call other than a pandas writer, printing or logging, or a function
    of the file (which passes it along, as to the function the write is in), or its folder given to an upload
    (`ds.upload(src_dir="./data")`); for a path joined onto a folder's name (`os.path.join(results, "a.csv")`), that
    name given afterwards to a call that does not only build paths (`score_folder(results)`). Names are matched across
    scopes."""
    key = path.value if isinstance(path, cst.Name) else ctx.values.text(path)
    code = ctx.source.code
    uploads = isinstance(path, cst.BaseString) and key is not None and ("upload" in code or ".fs." in code) and any(
        code.count(folder) > code.count(key) for folder in _folders(key))  # a folder of the file named elsewhere
    joined = path.args[0].value if isinstance(path, cst.Call) and path.args and ctx.qualify(path.func) in JOINS else None
    folder = joined.value if isinstance(joined, cst.Name) and len(  # `os.path.join(results, "a.csv")`: `results`
        re.findall(rf"\b{re.escape(joined.value)}\b", code)) > 2 + len(ctx.flows.bound.get(joined.value, ())) else None
    if (key is None or not (uploads or _mentioned_elsewhere(path, key, ctx))) and folder is None:
        return None
    own = {f.name.value for f in ctx.every(cst.FunctionDef)}
    keys = {key, *_passed_for(key, ctx)} if key is not None else set()
    written, folder_upload = False, None
    for call in ctx.every(cst.Call):  # in the file's order
        func = call.func
        name = callee_name(func)
        written = written or call is write
        if call is write or (isinstance(func, cst.Name) and name in own) or name in NOT_HANDING_ON | PANDAS_WRITES:
            continue
        given = [e.value for a in call.args for e in (a.value.elements if isinstance(a.value, (cst.List, cst.Tuple))
                                                      else [a])]  # `upload_files(files=[path])` too
        texts = [value.value if isinstance(value, cst.Name) else ctx.values.text(value) for value in given]
        if keys.intersection(texts) or written and folder is not None and not (ctx.qualify(func) or "").startswith(
                PATH_BUILDERS) and any(isinstance(value, cst.Name) and value.value == folder for value in given):
            # the file, or its folder given afterwards to a step that reads it
            return one_line(ctx, call.func)
        if uploads and written and folder_upload is None and COPIES_TO_STORAGE.search(ctx.code(func)) \
                and any(text is not None and key is not None and within(key, text) for text in texts):  # its folder
            folder_upload = one_line(ctx, call.func)
    return folder_upload


def _passed_for(parameter: str, ctx: RuleContext) -> list[str]:
    """What the file's calls of the function being walked pass for one of its parameters, by name or text
    (`fetch(conn, snapshot_file)` for `def fetch(conn, output_path)`): the file the function writes, as its callers
    name it."""
    function = next((scope for scope in reversed(ctx.scopes) if isinstance(scope, cst.FunctionDef)), None)
    names = [p.name.value for p in function.params.params] if function is not None else []
    if parameter not in names:
        return []
    position, passed = names.index(parameter), []
    for call in ctx.every(cst.Call):
        if isinstance(call.func, cst.Name) and call.func.value == function.name.value:  # type: ignore[union-attr]
            value = argument(call, position, parameter)
            spelt = value.value if isinstance(value, cst.Name) else ctx.values.text(value) if value is not None else None
            if spelt is not None:
                passed.append(spelt)
    return passed


def _folders(path: str) -> list[str]:
    """The folders a relative or absolute path lies in, the nearest first (`data/day/x.csv`: `data/day`, `data`)."""
    parts = path.removeprefix("./").strip("/").split("/")[:-1]
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _mentioned_elsewhere(path: cst.BaseExpression, key: str, ctx: RuleContext) -> bool:
    """Whether the file's text names a path more often than its write and, for a name, its bindings so far do: a text
    test before a look at every call of the file (a literal's value built otherwise, `os.path.join`, is missed)."""
    if isinstance(path, cst.Name):
        return len(re.findall(rf"\b{re.escape(key)}\b", ctx.source.code)) > 1 + len(ctx.flows.bound.get(key, ()))
    return not isinstance(path, cst.SimpleString) or ctx.source.code.count(key) > 1


def _casts(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`astype`'s new types as the dict `withColumns` takes, in place of its first argument: one column's (`df["c"]`,
    of the frame it belongs to), a dict's columns, or every column of a frame; each type by the catalog's Spark name
    for it (`[rule.spark."astype"]`). What the receiver computes on the way (`(df.a > 0).astype(int)`) is a Column
    expression first: that, in words."""
    if callee_name(node.func) != "astype" or not isinstance(node.func, cst.Attribute) \
            or (given := argument(node, 0, "dtype")) is None:
        return {}
    receiver = node.func.value
    column = column_spelt(receiver, ctx)
    frame = receiver.value if isinstance(receiver, (cst.Subscript, cst.Attribute)) else None
    if column is not None and isinstance(frame, cst.Name):
        line = ctx.statement(node)
        whole = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
        if not (isinstance(whole, (cst.Assign, cst.Expr)) and whole.value is node):  # `total += df[c].astype(int) * 10`
            return {SUGGESTION_WORDS: f"F.col({column}).cast({_spark_type(given, ctx)})  # a Column of `{frame.value}` "
                                      "in the expression the line computes"}
        # `df["new"] = df["old"].astype(t)` writes the cast into the column it assigns, not the one it casts
        written = (column_spelt(whole.targets[0].target, ctx) if isinstance(whole, cst.Assign)
                   and len(whole.targets) == 1 else None) or column
        return {SUGGESTION_ONLY + "0": f"{{{written}: F.col({column}).cast({_spark_type(given, ctx)})}}",
                SUGGESTION_ONLY + "receiver": frame.value, SUGGESTION_NOTE: ""}
    # a name bound to one column computed from others (`flag = df["model"].str.contains("x")`) is a Series
    assigned = _last_assigned(receiver, ctx) if isinstance(receiver, cst.Name) else None
    owner = _frame_of_columns(receiver, ctx)  # of a value computed on the way: `(df["a"] > 0).astype(int)`
    translated = as_column(node, cst.Name(owner), ctx) if owner is not None else None
    if owner is not None and translated is not None and ".cast(" in translated[0]:
        return column_words(translated[0], f"`{one_line(ctx, node)}`", owner,
                             "the value of a withColumn, a select or a filter")
    if not _plain(receiver) or isinstance(assigned, (cst.Comparison, cst.BinaryOperation, cst.UnaryOperation)) or (
            isinstance(assigned, cst.Call) and callee_name(assigned.func) in SERIES_TESTS):
        return {SUGGESTION_WORDS: f'F.col("column").cast({_spark_type(given, ctx)})  # "column": '
                                  f"`{one_line(ctx, assigned or receiver)}` as a Column expression (F.col, F.when, ...), "
                                  "then cast"}
    if isinstance(given, cst.Dict) and all(isinstance(e, cst.DictElement) for e in given.elements):
        casts = [f"{ctx.code(e.key)}: F.col({ctx.code(e.key)}).cast({_spark_type(e.value, ctx)})"
                 for e in given.elements if isinstance(e, cst.DictElement)]
        return {SUGGESTION_ONLY + "0": "{" + ", ".join(casts) + "}"}
    return {SUGGESTION_ONLY + "0": f"{{c: F.col(c).cast({_spark_type(given, ctx)}) for c in {one_line(ctx, receiver)}.columns}}"}


def _filled(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`fillna` on one column or on a value computed from columns (a Series, not a frame): the column with its gaps
    filled, `F.coalesce(column, F.lit(value))`, since a DataFrame's fillna takes no column expression; the value as
    migrate's translation writes it where it has one. A fill by
    another column of the frame is that column; any other fill (a method, a dict, a name, None) keeps the frame's form."""
    if callee_name(node.func) != "fillna" or not isinstance(node.func, cst.Attribute) \
            or (value := argument(node, 0, "value")) is None:
        return {}
    other = column_spelt(value, ctx)
    filler = f"F.lit({one_line(ctx, value)})" if literal(value) and ctx.code(value) != "None" \
        else f"F.col({other})" if other is not None else None
    receiver = node.func.value
    column = column_spelt(receiver, ctx)
    if filler is None:
        return {}
    if column is not None:
        return {SUGGESTION_WORDS: f"F.coalesce(F.col({column}), {filler})  # the column with its gaps filled, as the "
                                  "value of a withColumn"}
    frame = _frame_of_columns(receiver, ctx)
    translated = as_column(node, cst.Name(frame), ctx) if frame is not None else None
    if frame is not None and translated is not None and translated[0].startswith("F.coalesce("):
        return column_words(translated[0], f"`{one_line(ctx, receiver)}` with its gaps filled,", frame,
                             "the value of a withColumn")
    if not _one_column(receiver, ctx):
        return {}  # a frame, not a value computed from its columns
    return {SUGGESTION_WORDS: f"F.coalesce(column, {filler})  # column: `{one_line(ctx, receiver)}` as a Column "
                              "expression (F.col, arithmetic, F.when, ...), its gaps filled, as the value of a withColumn"}


def _applied(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A function applied to each value of a column (`df["c"].apply(lambda v: v.strip().lower())`) as the Column
    migrate's translation writes for it, where it has one: built-in functions, no Python per value; else a function
    of the file applied (`df["t"].apply(to_us)`) as a UDF of it."""
    if callee_name(node.func) not in ("apply", "map") or not isinstance(node.func, cst.Attribute):
        return {}
    frame = _frame_of_columns(node.func.value, ctx)
    translated = as_column(node, cst.Name(frame), ctx) if frame is not None else None
    if frame is not None and translated is None and (udf := udf_for(node, frame, ctx)) is not None:
        return {SUGGESTION_WORDS: f'{frame}.withColumn("out", {udf[0]})  # `{frame}` as a Spark DataFrame; {udf[1]}'}
    if frame is None or translated is None:
        return {}
    return column_words(translated[0], f"`{one_line(ctx, node)}`", frame, "the value of a withColumn")


def _per_group_value(node: cst.Call, kind: str | None, ctx: RuleContext) -> dict[str, str]:
    """`frame.groupby(k).apply(lambda g: list(g["id"]))`: a function that makes one value of each group (a list, a
    number), not a frame, which applyInPandas would not take: on Spark, an aggregate of each group's rows."""
    applied = node.args[0].value if kind == PANDAS_GROUPBY and callee_name(node.func) == "apply" and node.args else None
    aggregate: str | None
    if isinstance(applied, cst.Name) and applied.value == "len":
        aggregate = 'F.count("*")'
    elif isinstance(applied, cst.Lambda) and len(applied.params.params) == 1:
        aggregate = _group_aggregate(applied.body, applied.params.params[0].name.value, ctx)
    else:
        return {}
    grouped = node.func.value  # type: ignore[attr-defined]
    grouped = grouped.value if isinstance(grouped, cst.Subscript) else grouped
    if aggregate is None or not (isinstance(grouped, cst.Call) and callee_name(grouped.func) == "groupby"
                                 and isinstance(grouped.func, cst.Attribute)):
        return {}
    keys = _group_keys(grouped, ctx)
    frame = grouped.func.value
    data, named = (one_line(ctx, frame), f"`{one_line(ctx, frame)}` as a Spark DataFrame; ") if _plain(frame) \
        else ("sdf", "")
    return {SUGGESTION_WORDS: f'{data}.groupBy({keys}).agg({aggregate}.alias("value"))  # {named}the function makes '
                              "one value of each group, not a frame: on Spark an aggregate, a row per group the "
                              "executors compute (as a dict on the driver: {r[0]: r[1] for r in ....collect()})"}


def _group_aggregate(body: cst.BaseExpression, group: str, ctx: RuleContext) -> str | None:
    """What a function of a group makes of it, as a Spark aggregate: the list of a column's values
    (`list(g["id"])`, `g["id"].tolist()`) or of several columns' (`list(zip(g["a"], g["b"]))`), a column's reduction
    by the catalog's functions for `groupby` (`g["amount"].sum()`), the group's rows counted (`len(g)`)."""
    called = callee_name(body.func) if isinstance(body, cst.Call) else None
    arguments = [a.value for a in body.args] if isinstance(body, cst.Call) else []
    if called == "len" and len(arguments) == 1 and isinstance(arguments[0], cst.Name) and arguments[0].value == group:
        return 'F.count("*")'
    if called == "list" and len(arguments) == 1:
        zipped = arguments[0]
        if isinstance(zipped, cst.Call) and callee_name(zipped.func) == "zip":
            fields = [_group_column(a.value, group, ctx) for a in zipped.args]
            return f"F.collect_list(F.struct({', '.join(fields)}))" if all(fields) else None  # type: ignore[arg-type]
        single = _group_column(zipped, group, ctx)
        return f"F.collect_list({single})" if single else None
    receiver = method_call(body, (called,)) if called and not arguments else None
    single = _group_column(receiver, group, ctx) if receiver is not None else None
    functions = load_catalog()[1]["groupby"]["functions"]
    if single and called in ("tolist", "to_list"):
        return f"F.collect_list({single})"
    return f"{functions[called]}({single})" if single and called in functions else None


def _group_column(node: cst.BaseExpression, group: str, ctx: RuleContext) -> str | None:
    """A column of the group a function is given (`g["id"]`, `g.id`), cast as Spark casts it when the code casts it
    (`g["id"].astype(str)`), as an aggregate takes it; None for anything else."""
    cast = method_call(node, ("astype",)) if isinstance(node, cst.Call) and node.args else None
    column = cast if cast is not None else node
    if not (isinstance(column, (cst.Subscript, cst.Attribute)) and isinstance(column.value, cst.Name)
            and column.value.value == group):
        return None
    key = column_spelt(column, ctx) if isinstance(column, cst.Subscript) \
        else f'"{column.attr.value}"' if column.attr.value not in FRAME_ATTRIBUTES else None
    if key is None or cast is None:
        return key
    spark_type = _spark_type(node.args[0].value, ctx)  # type: ignore[attr-defined]
    return f"F.col({key}).cast({spark_type}).alias({key})" if spark_type != "spark_type" else None


def _fields_gathered(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A comprehension over `frame.iterrows()` (or `itertuples()`) whose every item is fields of the row
    (`{(row["user"], row["item"]) for _, row in frame.iterrows()}`, a dict `{row["k"]: row["v"] ...}`) gathers those
    columns: on Spark a `select` of them (`distinct` for a set; a null test on a field, `where`), a DataFrame to join
    with rather than a Python collection."""
    statement = ctx.statement(node) if callee_name(node.func) in ("iterrows", "itertuples") else None
    if statement is None:
        return {}
    made = next((c for c in descendants(statement, cst.BaseComp) if c.for_in.iter is node and c.for_in.inner_for_in is None),
                None)
    target = made.for_in.target if made is not None else None
    if isinstance(target, cst.Tuple) and len(target.elements) == 2:
        target = target.elements[1].value
    if not isinstance(made, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)) or not isinstance(target, cst.Name):
        return {}
    items = [cst.Element(made.key), cst.Element(made.value)] if isinstance(made, cst.DictComp) else \
        made.elt.elements if isinstance(made.elt, cst.Tuple) else [cst.Element(made.elt)]
    formatted = None if isinstance(made, cst.DictComp) else _formatted_fields(made.elt, target.value, ctx)
    columns = formatted[0] if formatted else [
        column for item in items if (column := _row_field(item.value, target.value, ctx)) is not None]
    tested = [column for test in made.for_in.ifs if (column := _null_tested(test.test, target.value, ctx)) is not None]
    if not formatted and len(columns) != len(items) or len(tested) != len(made.for_in.ifs):
        return {}
    distinct = isinstance(made, cst.SetComp) or any(
        callee_name(call.func) == "set" and call.args and call.args[0].value is made for call in descendants(statement, cst.Call))
    frame = one_line(ctx, node.func.value)  # type: ignore[attr-defined]
    kept = "".join(f".where(F.col({column}).isNotNull())" for column in tested)
    selected = f"{frame}{kept}.select({', '.join(columns)}){'.distinct()' if distinct else ''}"
    item = formatted[1] if formatted else "r[0]" if len(columns) == 1 else "tuple(r)"
    gathered, collection = (f"{{r[0]: r[1] for r in {selected}.collect()}}", "dict") if isinstance(made, cst.DictComp) \
        else (f"{{{item} for r in {selected}.collect()}}", "set") if distinct \
        else (f"[{item} for r in {selected}.collect()]", "list")
    many = f"keep {selected} a DataFrame and join with it (how=\"left_anti\" keeps the rows it lacks)" \
        if not formatted else f"make the text a column of it, {frame}.select({formatted[2]}.alias(\"text\"))" \
        if formatted[2] else "make the text a column of it with F.format_string or F.concat"
    return {SUGGESTION_WORDS: f"{gathered}  # `{frame}` as a Spark DataFrame: the executors select the columns the "
                              f"comprehension takes from each row, and the driver gets only those, as a Python "
                              f"{collection}; when they are many, {many}"}


def _columns_filled(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A loop over `frame.iterrows()` whose body appends a value per row to lists the frame then takes as columns
    (`statuses.append(status)`, later `df["status"] = statuses`): each is a column of the frame's own on Spark, as
    the findings where they are assigned say, and the loop goes."""
    loop = ctx.statement(node) if callee_name(node.func) in ("iterrows", "itertuples") else None
    frame = node.func.value if isinstance(node.func, cst.Attribute) else None
    if not (isinstance(loop, cst.For) and loop.iter is node and isinstance(frame, cst.Name)
            and isinstance(loop.body, cst.IndentedBlock)):
        return {}
    filled = {appended[0] for statement in loop.body.body if (appended := appended_to(statement)) is not None}
    scope = ctx.scopes[-1] if ctx.scopes else ctx.module
    columns = [(ctx.code(key), assign.value.value) for assign in descendants(scope, cst.Assign)
               if isinstance(assign.value, cst.Name) and assign.value.value in filled and len(assign.targets) == 1
               and isinstance(target := assign.targets[0].target, cst.Subscript) and isinstance(target.value, cst.Name)
               and target.value.value == frame.value and (key := subscript_key(target)) is not None]
    if not columns:
        return {}
    lists = ", ".join(f"`{name}`" for name in dict.fromkeys(name for _, name in columns))
    return {SUGGESTION_WORDS: f"# the loop fills {lists} with a value per row, which `{frame.value}` then takes as its "
                              f"column{'s' if len(columns) > 1 else ''} {', '.join(c for c, _ in columns)}: on Spark, "
                              f"{frame.value}.withColumn(column, value) with each value a Column of its own columns "
                              "(the findings where they are assigned give each), and no loop"}


def _formatted_fields(element: cst.BaseExpression, row: str,
                      ctx: RuleContext) -> tuple[list[str], str, str | None] | None:
    """An f-string of a row's fields only (`f"{row['table']}.{row['column']}"`): the columns it takes, the f-string
    with the row named `r`, which a Spark Row's fields fill the same way, and the same text as a column
    (`F.format_string`) when no field has a format of its own."""
    if not isinstance(element, cst.FormattedString):
        return None
    parts = [part for part in element.parts if isinstance(part, cst.FormattedStringExpression)]
    columns = [_row_field(part.expression, row, ctx) for part in parts]
    if not parts or None in columns:
        return None
    written, formats = [], []
    for part in element.parts:
        if isinstance(part, cst.FormattedStringExpression):
            field = ctx.code(part.expression)
            written.append(ctx.code(part).replace(field, "r" + field[len(row):], 1))
            formats.append("%s" if part.conversion is None and part.format_spec is None else "")
        else:
            written.append(part.value)  # type: ignore[attr-defined]
            formats.append(part.value.replace("%", "%%").replace("{{", "{").replace("}}", "}"))  # type: ignore[attr-defined]
    quote = element.start.lstrip("fFrR")
    prefix = element.start[:-len(quote)].replace("f", "").replace("F", "")
    text = f"{prefix}{quote}{''.join(formats)}{element.end}"
    fields = [c for c in columns if c is not None]
    column = f"F.format_string({text}, {', '.join(fields)})" if "" not in formats else None
    return list(dict.fromkeys(fields)), f"{element.start}{''.join(written)}{element.end}", column


def _null_tested(test: cst.BaseExpression, row: str, ctx: RuleContext) -> str | None:
    """The column a comprehension's condition keeps the rows with a value of: `pd.notnull(row["c"])`, `pd.notna`,
    `row["c"] is not None`."""
    if isinstance(test, cst.Call) and (ctx.qualify(test.func) or "") in ("pandas.notnull", "pandas.notna") and test.args:
        return _row_field(test.args[0].value, row, ctx)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.IsNot) \
            and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None":
        return _row_field(test.left, row, ctx)
    return None


def _row_field(node: cst.BaseExpression, row: str, ctx: RuleContext) -> str | None:
    """The column a row's field names: `"user"` of `row["user"]` or `row.user`, `USER_COL` of `row[USER_COL]`."""
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == row:
        return f'"{node.attr.value}"'
    key = subscript_key(node)
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == row and key is not None:
        return ctx.code(key)
    return None


def _copied(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """What a pandas method copies whole, for its message: one column or the frame. A copy of the column a frame's
    name selects (`df["label"].copy()`) is a one-column selection on Spark, where `df["label"]` is a Column."""
    receiver = node.func.value  # type: ignore[attr-defined]
    copied = {"copied": "column" if _one_column(receiver, ctx) else "frame"}
    key = subscript_key(receiver) if isinstance(receiver, cst.Subscript) and _plain(receiver.value) else None
    if callee_name(node.func) != "copy" or not isinstance(key, cst.SimpleString):
        return copied
    frame = one_line(ctx, receiver.value)
    return {**copied, SUGGESTION_WORDS: f"{frame}.select({ctx.code(key)})  # `{frame}` as a Spark DataFrame; the "
                                        "column itself, in a Spark DataFrame of its own: Spark DataFrames are "
                                        "immutable, each transformation returns a new one, so no copy is needed"}


def _one_column(receiver: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Whether a value is one column, a Series: `df["c"]`, `df.c`, `(df.a > 0)`, or a chain of methods on one
    (`df["c"].map(codes).fillna(0)`, `df["c"].str.strip()`, `(end - start).dt.seconds`); anything else is read as a
    frame."""
    node = receiver
    while True:  # down the chain: a method's receiver, an accessor's Series, an accessor's member's Series
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            node = node.func.value
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Attribute) \
                and node.value.attr.value in ("str", "dt"):
            node = node.value.value
        elif isinstance(node, cst.Attribute) and node.attr.value in ("str", "dt"):
            node = node.value
        else:
            break
    key = subscript_key(node)
    named = isinstance(node, cst.Attribute) and column_spelt(node, ctx) is not None or isinstance(
        key, cst.SimpleString) or isinstance(key, cst.Name) and ctx.values.text(key) is not None  # no mask's name
    return named or isinstance(node, (cst.Comparison, cst.BinaryOperation, cst.UnaryOperation))


def _frame_of_columns(value: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The pandas frame whose columns a value computed on the way is made of (`(df["a"] > 0)`: `df`), if any."""
    frame = next((s.value.value for s in descendants(value, cst.Subscript) if isinstance(s.value, cst.Name)), None)
    return frame if frame is not None and ctx.kind_of(cst.Name(frame)) == PANDAS else None


def _spark_type(node: cst.BaseExpression, ctx: RuleContext) -> str:
    """A pandas or NumPy type (`int`, `"float32"`, `np.int64`) by its Spark name, else `spark_type` to fill in."""
    name = node.value if isinstance(node, cst.Name) else node.attr.value if isinstance(node, cst.Attribute) \
        else string_literal(node)
    spark = load_catalog()[1]["astype"]["types"].get(name or "")
    return f'"{spark}"' if spark is not None else "spark_type"


def _aggregation(node: cst.Call, reduction: tuple[cst.Call, cst.BaseExpression | None] | None, counted: bool,
                 outer: dict[int, cst.BaseExpression], ctx: RuleContext) -> dict[str, str]:
    """A group-by's aggregate functions as Spark's `agg` takes them, from the call that reduces its groups: a
    reduction of the columns selected (`["amount"].mean()`, by the catalog's functions for `groupby`), `size()`, or
    `agg` of a dict, of functions named for the selected columns, or of named aggregations; `...` for anything else
    (a transform, an apply, a loop over the groups), which the suggestion's comment covers. One column's per-group
    values reduced again to one value (`["date"].min().max()`) is a second, global `agg` and its one value."""
    if callee_name(node.func) != "groupby":
        return {}
    statement = ctx.statement(node)
    comprehensions = descendants(statement, cst.CompFor) if statement is not None else []
    loop = next((loop for loop in [*ctx.loops, *comprehensions] if iterated(loop) is node), None)
    if isinstance(node.func, cst.Attribute) and (loop is not None or counted):
        receiver = node.func.value
        gathered = _gathered(loop) if isinstance(loop, cst.For) else None
        words = GROUPS_COUNTED if loop is None else GROUPS_LOOPED if gathered is None else GROUPS_GATHERED
        return {SUGGESTION_WORDS: words.format(
            receiver=one_line(ctx, receiver) if _plain(receiver) else "sdf", gathered=gathered,
            keys=_group_keys(node, ctx))}
    if reduction is None:
        return {"aggregation": "..."}
    call, selected = reduction
    method, columns = callee_name(call.func), _selected(selected, ctx)
    if method == "size":
        return {"aggregation": 'F.count("*").alias("size")'}
    if method in ("agg", "aggregate"):
        pairs = _aggregated(call, columns, ctx)
    else:
        pairs = [(column, method, column) for column in columns or ['"column"']] if not call.args else None
    functions = load_catalog()[1]["groupby"]["functions"]
    if not pairs or any(function not in functions for _, function, _ in pairs):
        return {"aggregation": "..."}
    then = outer.get(id(call))
    overall = callee_name(then.func) if isinstance(then, cst.Call) and not then.args and len(pairs) == 1 else None
    return {"aggregation": ", ".join(f"{functions[function]}({column}).alias({alias})"
                                     for column, function, alias in pairs),
            **({"then": f".agg({functions[overall]}({pairs[0][2]})).first()[0]"} if overall in functions else {})}


def _group_keys(groupby: cst.Call, ctx: RuleContext) -> str:
    """The keys a `groupby` call is given, as `groupBy` takes them, or `key` where it names them by keyword only."""
    return ", ".join(one_line(ctx, a.value) for a in groupby.args if a.keyword is None) or "key"


def _gathered(loop: cst.For) -> str | None:
    """The list a loop over groups only appends each group to (`for _, part in df.groupby(k): parts.append(part)`)."""
    target = loop.target
    group = target.elements[-1].value if isinstance(target, cst.Tuple) and target.elements else None
    lists = set()
    for statement in loop.body.body if isinstance(loop.body, cst.IndentedBlock) else ():
        call = statement.body[0].value if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
            and isinstance(statement.body[0], cst.Expr) else None
        receiver = method_call(call, ("append",)) if isinstance(call, cst.Call) else None
        if not (isinstance(call, cst.Call) and isinstance(receiver, cst.Name) and isinstance(group, cst.Name)
                and [a.value.deep_equals(group) for a in call.args] == [True]):
            return None
        lists.add(receiver.value)
    return lists.pop() if len(lists) == 1 else None


def _selected(selected: cst.BaseExpression | None, ctx: RuleContext) -> list[str] | None:
    """The columns taken from the groups before they are reduced (`["a"]`, `[["a", "b"]]`, `.a`), as code."""
    if isinstance(selected, cst.Attribute):
        return [f'"{selected.attr.value}"']
    key = subscript_key(selected)
    if isinstance(key, cst.List) and all(isinstance(e.value, cst.SimpleString) for e in key.elements):
        return [ctx.code(e.value) for e in key.elements]
    return [ctx.code(key)] if isinstance(key, (cst.SimpleString, cst.Name)) else None


def _aggregated(call: cst.Call, columns: list[str] | None, ctx: RuleContext) -> list[tuple[str, str, str]] | None:
    """(column, pandas function, alias) for each aggregate `agg` asks for: `{"a": "sum", "b": ["min", "max"]}`,
    `"mean"` or `["mean", "max"]` of the selected columns, `total=("a", "sum")`; None for a function object or
    anything else written."""
    named = [(a.keyword.value, a.value) for a in call.args if a.keyword is not None]
    if named:
        pairs = []
        for alias, spec in named:
            parts = [string_literal(e.value) for e in spec.elements] if isinstance(spec, cst.Tuple) else []
            if len(parts) != 2 or None in parts:
                return None
            pairs.append((f'"{parts[0]}"', str(parts[1]), f'"{alias}"'))
        return pairs
    given = call.args[0].value if len(call.args) == 1 else None
    if isinstance(given, cst.Dict):
        pairs = []
        for element in given.elements:
            column = string_literal(element.key) if isinstance(element, cst.DictElement) else None
            names = _function_names(element.value) if column is not None else None
            if column is None or names is None:
                return None
            pairs += [(f'"{column}"', name, f'"{column}"' if len(names) == 1 else f'"{column}_{name}"') for name in names]
        return pairs
    names = _function_names(given) if given is not None else None
    if names is None or not columns:
        return None
    return [(column, name, column if len(names) == 1 else f'"{column.strip(QUOTES)}_{name}"')
            for column in columns for name in names]


def _function_names(node: cst.BaseExpression) -> list[str] | None:
    """`"sum"` or `["min", "max"]`: the names of pandas' aggregate functions, as written."""
    elements = node.elements if isinstance(node, (cst.List, cst.Tuple)) else [node]
    names = [string_literal(e.value if isinstance(e, cst.BaseElement) else e) for e in elements]
    return None if not names or None in names else [str(n) for n in names]


def _join_defaults(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """What pandas' `merge` and `join` do unless told, spelt for Spark: the kind of join (inner for merge, left for
    join), a match by the index (`left_index=True`, or `join` with no `on`), which a Spark DataFrame has not: the
    join is then on the columns the indexes hold; and the suffixes pandas gives a column both frames hold, which
    Spark's join does not: the other frame's are renamed first."""
    method = callee_name(node.func)
    if method not in ("merge", "join") or not node.args:
        return {}
    flags = [keyword(node, side) for side in ("left_index", "right_index")]
    merge = method == "merge"  # merge(right, how, on, …), join(other, on, how, …)
    by_index = any(isinstance(flag, cst.Name) and flag.value == "True" for flag in flags) if merge \
        else argument(node, 1, "on") is None
    how = {} if argument(node, 1 if merge else 2, "how") is not None else {
        SUGGESTION_ONLY + "how": '"inner"' if merge else '"left"'}
    notes = "; ".join(note for note in (ON_INDEX if by_index else "", _suffixed(node, merge, ctx)) if note)
    return {**how, **({SUGGESTION_ONLY + "on": "index_columns"} if by_index else {}),
            **({SUGGESTION_NOTE: notes} if notes else {})}


def _suffixed(node: cst.Call, merge: bool, ctx: RuleContext) -> str:
    """Words for the suffixes a merge (`suffixes=("", "_r")`) or a join (`lsuffix`, `rsuffix`) gives a column both frames
    hold: Spark's join keeps both under one name, so each side that pandas suffixes is renamed before the join."""
    pair = keyword(node, "suffixes") if merge else None
    given = [e.value for e in pair.elements] if isinstance(pair, (cst.Tuple, cst.List)) and len(pair.elements) == 2 \
        else [] if merge else [keyword(node, "lsuffix"), keyword(node, "rsuffix")]
    suffixes = [string_literal(value) for value in given]
    frames = [one_line(ctx, node.func.value) if isinstance(node.func, cst.Attribute) else "", one_line(ctx, node.args[0].value)]
    renames = [f'`{frame}`\'s with .withColumnRenamed(c, c + "{suffix}")'
               for frame, suffix in zip(frames, suffixes, strict=False) if suffix and frame]
    return ("a column both frames hold besides the key is not suffixed by Spark's join: rename it first, "
            + " and ".join(renames)) if renames else ""


def _in_place(node: cst.Call) -> dict[str, str]:
    """A pandas call that changes its frame in place (`inplace=True`) returns nothing: its Spark form returns the new
    DataFrame, which the suggestion assigns back."""
    flag = keyword(node, "inplace")
    return {SUGGESTION_IN_PLACE: ""} if isinstance(flag, cst.Name) and flag.value == "True" else {}


def _sort_order(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`sort_values`' columns and direction as `orderBy` takes them, in place of its first argument: `by` given by
    position or keyword, and `ascending` as written (a bool, or one per column, as orderBy takes too). A Series sorts
    by its own values: `df["c"]` (`df.c`, `df[name]`) is `df` sorted by that column, another by a column the user
    names."""
    if callee_name(node.func) != "sort_values" or not isinstance(node.func, cst.Attribute):
        return {}
    by, ascending, series = argument(node, 0, "by"), keyword(node, "ascending"), node.func.value
    column = column_spelt(series, ctx) if by is None else None
    order = one_line(ctx, by) if by is not None else column or '"column"'
    spelt = {SUGGESTION_ONLY + "0": order if ascending is None else f"{order}, ascending={one_line(ctx, ascending)}"}
    if column is not None and isinstance(series, cst.Subscript) and isinstance(series.value, cst.Name):
        spelt |= {SUGGESTION_ONLY + "receiver": series.value.value, SUGGESTION_NOTE: ""}
    return spelt


def _dropped(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`drop`'s columns as Spark's `drop` takes them, names one by one: `columns=`, or labels with `axis=1`; rows
    dropped by their index labels have no Spark twin but a filter on the key column, in words."""
    if callee_name(node.func) != "drop" or not isinstance(node.func, cst.Attribute):
        return {}
    columns = dropped_columns(node)
    if columns is None:
        rows = keyword(node, "index") or argument(node, 0, "labels")
        shown = one_line(ctx, rows) if rows is not None else "labels"
        frame = one_line(ctx, node.func.value) if _plain(node.func.value) else "sdf"
        return {SUGGESTION_WORDS: f"{frame}.filter(~F.col(key).isin({shown}))  # rows dropped by their index labels: a "
                                  "Spark DataFrame has no index, so keep the rows whose key column is not among them"}
    if isinstance(columns, (cst.List, cst.Tuple)) and columns.elements:
        spelt = ", ".join(one_line(ctx, e.value) for e in columns.elements)
    else:
        spelt = one_line(ctx, columns) if ctx.values.text(columns) is not None else f"*{one_line(ctx, columns)}"
    return {"dropped": spelt}


def _renamed(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`rename`'s columns as Spark renames them: a mapping as `withColumnsRenamed` takes it, a function (`str.lower`)
    over every name with `toDF`; an index's labels have no Spark twin, said in words."""
    if callee_name(node.func) != "rename" or not isinstance(node.func, cst.Attribute):
        return {}
    mapper = keyword(node, "columns") or (argument(node, 0, "mapper") if on_columns(keyword(node, "axis")) else None)
    if mapper is None:
        if node.args and node.args[0].keyword is None and string_literal(named := node.args[0].value) is not None:
            column = column_spelt(node.func.value, ctx) or '"column"'
            return {SUGGESTION_WORDS: f"F.col({column.strip(QUOTES)!r}).alias({one_line(ctx, named)})  # a Series "
                                      "named anew: the column under its new name, in a select"}
        if keyword(node, "index") is not None or node.args and node.args[0].keyword is None:
            return {SUGGESTION_WORDS: "# the index's labels are renamed, which a Spark DataFrame does not have: its key "
                                      "is an ordinary column, whose values change with F.when(...) or a join on a "
                                      "mapping table"}
        return {"renamed": 'withColumnsRenamed({"old_name": "new_name"})  # Spark 3.4+; before: '
                           'sdf.withColumnRenamed("old_name", "new_name")'}
    spelt = one_line(ctx, mapper)
    if isinstance(mapper, (cst.Lambda, cst.Attribute)) or isinstance(mapper, cst.Name) and mapper.value in ctx.definitions:
        return {"renamed": f"toDF(*map({spelt}, {one_line(ctx, node.func.value)}.columns))  # every column's new name"}
    return {"renamed": f"withColumnsRenamed({spelt})  # Spark 3.4+; before: one withColumnRenamed(old, new) per column"}


def _incomplete(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`dropna`'s arguments as Spark's takes them: the user's own that Spark's takes alike (`how`, `thresh`, `subset`,
    with pandas' defaults); columns dropped (`axis=1`) have no Spark twin, said in words."""
    if callee_name(node.func) != "dropna" or not isinstance(node.func, cst.Attribute):
        return {}
    if on_columns(argument(node, 0, "axis")):
        return {SUGGESTION_WORDS: "# dropping the columns that hold a null has no Spark twin: count each column's "
                                  "nulls, sdf.select([F.count(F.when(F.col(c).isNull(), 1)).alias(c) for c in "
                                  "sdf.columns]), and drop those above zero"}
    if (offset := offset_column(node.func.value, ctx)) is not None:  # `s.diff().dropna()`: the first row's gap
        return {SUGGESTION_WORDS: f"{offset[0]}  # each row set against the one before it, the value of a withColumn "
                                  f"(name); .where(F.col(name).isNotNull()) then drops the first row's null as dropna "
                                  f"does; {ORDERED_WINDOW_NOTE}"}
    shared = _same_keywords("dropna")
    return {"incomplete": ", ".join(f"{arg.keyword.value}={one_line(ctx, arg.value)}" for arg in node.args
                                    if arg.keyword is not None and arg.keyword.value in shared)}


def _same_keywords(method: str) -> tuple[str, ...]:
    """The keywords Spark's method of the same name takes as pandas' does (the catalog's `method = "same"` entry)."""
    return tuple(load_catalog()[1][method].get("keywords", ()))


def _deduplication(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`drop_duplicates` as Spark keeps a row. `dropDuplicates` keeps any one row of each group: pandas' row only when
    the rows are whole duplicates. After a sort (or with keep="last") pandas keeps the first (last) row in an order,
    which a window numbers; keep=False drops every row that has a duplicate, which a window counts."""
    if callee_name(node.func) != "drop_duplicates" or not isinstance(node.func, cst.Attribute):
        return {}
    subset, keep = argument(node, 0, "subset"), keyword(node, "keep")
    if subset is None:
        return {"deduplication": "dropDuplicates()  # whole rows alike: which one is kept does not matter"}
    columns = one_line(ctx, subset)
    by = f"Window.partitionBy({columns})"
    if isinstance(keep, cst.Name) and keep.value == "False":
        return {"deduplication": f'withColumn("_n", F.count("*").over({by})).filter("_n = 1").drop("_n")  '
                                 "# keep=False: every row that has a duplicate is dropped"}
    last = string_literal(keep) == "last"
    sort = _sorted_by(node.func.value, ctx)
    if sort is None and not last:
        return {"deduplication": f"dropDuplicates({columns})  # keeps one row of each group, not the first in any "
                                 "order: if which row matters, number them with F.row_number() over a window ordered "
                                 "by the column that decides"}
    order = _window_order(sort, last, ctx) if sort is not None else None
    return {"deduplication": f'withColumn("_n", F.row_number().over({by}.orderBy({order or "order"})))'
                             '.filter("_n = 1").drop("_n")  # the row pandas keeps: the '
                             + ("first after the sort" if sort is not None and not last else "last after the sort"
                                if sort is not None else "last in the frame's order")
                             + ("" if order else "; order: the column(s) that decide which row, F.desc(c) to keep "
                                "the last (Spark's rows have no order of their own)")}


def _sorted_by(frame: cst.BaseExpression, ctx: RuleContext) -> cst.Call | None:
    """The `sort_values` a frame comes from: in its own chain (`df.sort_values(c).reset_index()`), or in the last
    assignment of its name before the call (`ranked = df.sort_values(c)`)."""
    if isinstance(frame, cst.Name):
        frame = _last_assigned(frame, ctx) or frame
    while isinstance(frame, cst.Call) and isinstance(frame.func, cst.Attribute):
        if frame.func.attr.value == "sort_values":
            return frame
        frame = frame.func.value
    return None


def _last_assigned(name: cst.Name, ctx: RuleContext) -> cst.BaseExpression | None:
    """The value a name was last bound to before this use of it, in the walk's order, not the program's (a loop or a
    branch may bind it otherwise); a tuple's whole value where it was unpacked."""
    bound = ctx.flows.bound.get(name.value)
    return bound[-1] if bound else None


def _window_order(sort: cst.Call, last: bool, ctx: RuleContext) -> str | None:
    """The sort as a window's `orderBy` puts the kept row first: its column(s), descending where pandas' order
    ascends and the last row is kept, and the other way round; None for an order spelt by anything but literals."""
    by, ascending = argument(sort, 0, "by"), keyword(sort, "ascending")
    names = [string_literal(e.value) for e in by.elements] if isinstance(by, (cst.List, cst.Tuple)) else \
        [string_literal(by)]
    rising = True if ascending is None else (ascending.value == "True" if isinstance(ascending, cst.Name) else None)
    if None in names or rising is None:
        return None
    return ", ".join(f'F.{"asc" if rising != last else "desc"}("{name}")' for name in names)


def _lagged(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """What `shift`/`diff`/`pct_change` on a frame offset, as `F.lag` takes it, over one window of every row, which
    runs in one task (a group-by's shift is the group-by's finding, with its keys)."""
    if (offset := row_offset(node, ctx)) is None:
        return {}
    return {"lag": f"{offset[0]}.over({ORDERED_WINDOW})", SUGGESTION_NOTE: ORDERED_WINDOW_NOTE}


def _rolling(node: cst.Call, outer: dict[int, cst.BaseExpression], ctx: RuleContext) -> dict[str, str]:
    """`rolling(n)` as the frame of a window: the n rows up to this one, or centred on it (`center=True`: pandas
    takes n // 2 rows before and (n - 1) // 2 after), or a time span (`"7D"`) as seconds over the time cast to them;
    the aggregate the code applies to it (`.mean()`: F.mean) and the column it rolls over."""
    if callee_name(node.func) != "rolling" or not isinstance(node.func, cst.Attribute):
        return {}
    window = argument(node, 0, "window")
    size, span = ctx.values.integer(window), _span_seconds(string_literal(window))
    spelt = one_line(ctx, window) if window is not None else "n"
    centred = isinstance(flag := keyword(node, "center"), cst.Name) and flag.value == "True"
    order, note = ORDERED_WINDOW, ""
    if span is not None:
        order = 'Window.orderBy(F.col(ts).cast("long"))'
        frame = f"rangeBetween({-(span - 1)}, Window.currentRow)"
        note = f"the frame spans {spelt} back in seconds, the row exactly {spelt} before left out, as pandas does"
    elif size is not None:
        frame = f"rowsBetween({-(size // 2)}, {(size - 1) // 2})" if centred else \
            f"rowsBetween({-(size - 1)}, Window.currentRow)"
    elif string_literal(window) is not None:
        frame = "rangeBetween(-seconds, Window.currentRow)"
        note = f"seconds: the span {spelt}, over the time cast to seconds (F.col(ts).cast(\"long\"))"
    else:
        frame = f"rowsBetween(-({spelt} // 2), ({spelt} - 1) // 2)" if centred else \
            f"rowsBetween(-({spelt} - 1), Window.currentRow)"
    if span is None and keyword(node, "min_periods") is None:
        note = "; ".join(part for part in (note, "pandas leaves a row empty until its window is full, Spark "
                                                 "aggregates the rows there are") if part)
    applied = outer.get(id(node))
    function = _spark_aggregate(callee_name(applied.func)) if isinstance(applied, cst.Call) else None
    if function is None:
        note = "; ".join(part for part in (note, "F.mean for .mean(): the aggregate the code applies to the window") if part)
    column = column_spelt(node.func.value, ctx) if isinstance(node.func.value, (cst.Subscript, cst.Attribute)) else None
    return {"rolled": f"{function or 'F.mean'}({column or 'col'}).over({order}.{frame})",
            SUGGESTION_NOTE: "; ".join(part for part in (ORDERED_WINDOW_NOTE, note) if part)}


def _span_seconds(span: str | None) -> int | None:
    """A pandas offset of one fixed unit (`"7D"`, `"12h"`, `"30min"`) in seconds; None for a month or any other."""
    match = re.fullmatch(r"\s*(\d*)\s*(D|H|h|min|T|S|s)\s*", span or "")
    return int(match[1] or 1) * SPAN_UNITS[match[2]] if match else None


def _split(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`train_test_split`'s sizes and seed as `randomSplit` takes them, and as `sampleBy` does for a stratified split;
    no seed when the split gives none."""
    if qualified != "sklearn.model_selection.train_test_split":
        return {}
    test_size, train_size, seed = keyword(node, "test_size"), keyword(node, "train_size"), keyword(node, "random_state")
    kept, held_out = split_fractions(one_line(ctx, test_size) if test_size is not None else None, "sdf",
                                     one_line(ctx, train_size) if train_size is not None else None)
    seeded = f", seed={one_line(ctx, seed)}" if seed is not None and one_line(ctx, seed) != "None" else ""
    part = _split_part(node, ctx) if keyword(node, "stratify") is None else None
    if part is not None:  # `X_train, X_val, ... = train_test_split(X_train, ...)`: the first split's part, split again
        return {SUGGESTION_WORDS: f"{part[1]}, val_df = {part[1]}.randomSplit([{kept}, {held_out}]{seeded})  # `{part[0]}` "
                                  f"is the {part[1]} of the split before; features and label stay in one DataFrame"}
    split = f"[{kept}, {held_out}]{seeded}"
    return {"split": split, "sampling": f"fractions={{c: {kept} for c in classes}}{seeded}",
            **_strata(keyword(node, "stratify"), split, ctx)}


def _strata(stratify: cst.BaseExpression | None, split: str, ctx: RuleContext) -> dict[str, str]:
    """The column a stratified split keeps the classes of: the one `stratify=` takes from its frame (`df["y"]`,
    `df[label_col]`, through a name bound to it, in a branch too), else "label"; when that name is also bound to None,
    the split may be a plain one, said in words."""
    if stratify is None:
        return {"strata": '"label"'}
    bound = list(ctx.flows.bound.get(stratify.value, [])) if isinstance(stratify, cst.Name) else [stratify]
    bound += [part for value in bound if isinstance(value, cst.IfExp) for part in (value.body, value.orelse)]
    columns = {ctx.code(key) for value in bound if isinstance(value, cst.Subscript)
               and isinstance(key := subscript_key(value), (cst.SimpleString, cst.Name))}
    fill = {"strata": columns.pop() if len(columns) == 1 else '"label"'}
    if any(isinstance(value, cst.Name) and value.value == "None" for value in bound):
        fill[SUGGESTION_NOTE] = f"`{one_line(ctx, stratify)}` may be None, a split with no classes: sdf.randomSplit({split})"
    return fill


def _rows_as_json(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`df.apply(fn, axis=1)` where fn makes each row JSON text (`json.dumps({c: row[c] for c in cols})`,
    `json.dumps(row.to_dict())`, `row.to_json()`): Spark's F.to_json of a struct of those columns, no Python."""
    if callee_name(node.func) != "apply" or not node.args or keyword(node, "axis") is None:
        return {}
    function = node.args[0].value
    named: dict[str, cst.BaseExpression] = {}  # the function's own names bound once: `record = {...}`
    if isinstance(function, cst.Name) and function.value in ctx.definitions:
        definition = ctx.definitions[function.value]
        returned = [r.value for r in descendants(definition.body, cst.Return)]
        parameters = [p.name.value for p in definition.params.params]
        named = {a.targets[0].target.value: a.value for a in descendants(definition.body, cst.Assign)
                 if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name)}
    elif isinstance(function, cst.Lambda):
        returned, parameters = [function.body], [p.name.value for p in function.params.params]
    else:
        return {}
    if len(returned) != 1 or len(parameters) != 1 or not isinstance(made := returned[0], cst.Call):
        return {}
    row, frame = parameters[0], node.func.value  # type: ignore[attr-defined]
    record = made.args[0].value if ctx.qualify(made.func) == "json.dumps" and made.args else made
    if isinstance(record, cst.Name):
        record = named.get(record.value, record)
    columns = None
    if isinstance(record, cst.DictComp) and isinstance(record.value, cst.Subscript) \
            and isinstance(record.value.value, cst.Name) and record.value.value.value == row \
            and isinstance(key := subscript_key(record.value), cst.Name) and isinstance(record.for_in.target, cst.Name) \
            and key.value == record.for_in.target.value:
        columns = one_line(ctx, record.for_in.iter)
    elif isinstance(record, cst.Call) and method_name(record) in ("to_dict", "to_json") \
            and isinstance(owner := record.func, cst.Attribute) and isinstance(owner.value, cst.Name) \
            and owner.value.value == row and (record is not made or method_name(made) == "to_json"):
        columns = f"{one_line(ctx, frame)}.columns"
    if columns is None:
        return {}
    return {SUGGESTION_WORDS: f"F.to_json(F.struct(*{columns}))  # each row's columns as one JSON text on the executors, "
                              "the value of a withColumn or a select: no Python per row (a null field is left out)"}


def _model_twin(call: cst.Call, kind: str | None, ctx: RuleContext) -> dict[str, str]:
    """The pyspark.ml estimator a model's name was built as (`forest = RandomForestClassifier()` … `forest.fit(X, y)`:
    its twin, pyspark.ml's RandomForestClassifier), or a model built on the line (`PCA(2).fit(X)`), when one class
    built it and the catalog has its twin (a `spark`
    entry of rules/sklearn.toml); else a pipeline's stages, or the placeholder `estimator` with the twin the line that
    builds it is told named in words, or said to have none. What the twin's model does next is the call's own: a
    `score` is its evaluator's metric of the scored rows (accuracy, R²), anything else the scored rows."""
    model = call.func.value  # type: ignore[attr-defined]
    built_here = isinstance(model, cst.Call) and kind == ESTIMATOR and id(model) in ctx.values.model_classes
    name = model.value if isinstance(model, cst.Name) and kind == ESTIMATOR else one_line(ctx, model) if built_here else ""
    origins = {id(model)} if built_here else ctx.values.models.get(name, set())
    classes = {ctx.values.model_classes.get(origin) for origin in origins}
    evaluator = scoring_evaluator(call, next(iter(classes)), ctx)[0] if callee_name(call.func) == "score" \
        and len(classes) == 1 else "evaluator"
    scoring = "scored = model.transform(sdf)" if evaluator == "evaluator" \
        else f"metric = {evaluator}.evaluate(model.transform(test_sdf))"
    return {**_twin_of_model(name, origins, classes, ctx), "scoring": scoring}


def _twin_of_model(name: str, origins: set[int], classes: set[str | None], ctx: RuleContext) -> dict[str, str]:
    """The twin `_model_twin` builds of a model named `name`, which the constructors `origins` of `classes` may have
    built, or words where there is none."""
    built = ctx.values.model_constructors.get(next(iter(origins))) if len(origins) == 1 else None
    twin = _twin(next(iter(classes)) or "", built, ctx) if len(classes) == 1 else None
    steps = _pipeline_steps(origins, ctx) if twin is None else None
    stages = stage_names(steps) if steps is not None else None
    if stages is not None:
        return {"twin": "pipeline", "twin_note": PIPELINE_TWIN.format(name=name, stages=stages)}
    if steps and all(translated().get(step) for step in steps):  # a step's twin is stages of its own
        return {"twin": "pipeline", "twin_note": PIPELINE_OF_TWINS.format(
            name=name, steps=", ".join(step.rsplit(".", 1)[-1] for step in steps))}
    told = translated().get(next(iter(classes)) or "") if twin is None and len(classes) == 1 else None
    if told is not None and built is not None and (spelt := _twin_told(built, ctx)) is not None:
        module, _, notes = spelt[1].partition("; ")
        return {"twin": spelt[0], "twin_note": f"{module}'s twin of `{name}`, as the line that builds it is told"
                                               f"{'; ' + notes if notes else ''}; on a Spark DataFrame with a `features` "
                                               "vector column"}
    if told is not None:  # a twin its constructor's line is told, with settings this line cannot spell
        built_as = next(iter(classes)) or ""
        row = call_rule(built_as)
        vector = row is None or '"features"' in row.suggestion  # an Imputer takes the columns themselves
        return {"twin": "estimator", "twin_note": f"estimator: the {told} the line that builds `{name}` "
                f"({built_as.rsplit('.', 1)[-1]}) is told, with its settings, on a Spark DataFrame "
                + ("with a `features` vector column" if vector else "with the columns that line names")}
    if twin is None and steps and (words := pipeline_suggestion(steps)).startswith("#"):
        return {SUGGESTION_WORDS: words}  # a pipeline whose steps pyspark.ml cannot all hold, said as its line is
    only = next(iter(classes)) if len(classes) == 1 else None
    if twin is None and only and only not in translated() and only not in COMPOSITES and only not in SEARCHES:
        return {SUGGESTION_WORDS: UNTWINNED.format(model=only.rsplit(".", 1)[-1])}
    if twin is None:
        return {"twin": "estimator", "twin_note": "a pyspark.ml estimator on a Spark DataFrame with a `features` vector "
                "column; a model with no pyspark.ml twin: fit on a sample, score with sdf.mapInPandas(predict_batches, "
                "schema)"}
    made, module, notes = twin
    return {"twin": made, "twin_note": f"{module}'s twin of `{name}`, a {next(iter(classes)).rsplit('.', 1)[-1]}, "  # type: ignore[union-attr]
                                       f"with the settings the line that builds it is told; on a Spark DataFrame with "
                                       f"a `features` vector column{notes}"}


def _pipeline_steps(origins: set[int], ctx: RuleContext) -> list[str] | None:
    """The classes of a scikit-learn pipeline's steps a model's name holds, in order, when they are written in it
    (`make_pipeline(StandardScaler(), LogisticRegression())`); else None."""
    built = [ctx.values.model_constructors[origin] for origin in origins if origin in ctx.values.model_constructors]
    pipeline = next((call for call in built if ctx.qualify(call.func) in PIPELINES), None)
    if pipeline is None or len(built) != len(origins):
        return None
    steps = [call for call in descendants(pipeline, cst.Call) if id(call) in origins and call is not pipeline]
    if len(steps) != len(origins) - 1:
        return None  # a step held by a name, built elsewhere
    return [ctx.qualify(step.func) or "" for step in steps]


def _twin_told(built: cst.Call, ctx: RuleContext) -> tuple[str, str] | None:
    """The twin a constructor's own row builds of its call's settings alone (`GaussianMixture(featuresCol="features",
    k=40, seed=42)`), and that row's words on it; None for a row whose twin needs more than the call's fields."""
    rule = call_rule(ctx.qualify(built.func) or "")
    if rule is None or rule.fills.names or not BUILDS_A_CLASS.match(rule.suggestion):
        return None
    made, _, words = rule.render_suggestion({key: value.spelt(ctx.code) for key, value in
                                             ctx.call_fields(built).items()}).partition("  # ")
    return made, words


def _constructed_twin(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A scikit-learn model's constructor as its pyspark.ml twin is built, with the same settings (the catalog's
    `spark` entry of its class, as a model's fit line is told it)."""
    twin = _twin(qualified, node, ctx)
    return {} if twin is None else {"twin": twin[0], "twin_module": f"{twin[1]}{twin[2]}"}


def _twin(qualified: str, built: cst.Call | None, ctx: RuleContext) -> tuple[str, str, str] | None:
    """The pyspark.ml call that builds the twin of a scikit-learn class (its catalog `spark` entry) with the settings
    `built` gives it, its module, and notes on penalties Spark scales per row; None when the class has no twin."""
    entry = load_catalog()[1].get(qualified, {})
    spark = entry.get("estimator")
    if spark is None:
        return None
    columns = {"classification": 'featuresCol="features", labelCol="label"', "regression": 'featuresCol="features", '
               'labelCol="label"', "transform": 'inputCol="features", outputCol="out"'}.get(entry.get("task", ""),
                                                                                            'featuresCol="features"')
    scaled = {spark_key: next((k for k, v in entry.get("keywords", {}).items() if v == spark_key), spark_key)
              for spark_key in entry.get("per_row", {})}  # Ridge's alpha: Spark's regParam depends on the training rows
    settings, translated = _settings(built, set(scaled), ctx)
    parts = [part.split("=", 1) for part in filter(None, entry.get("defaults", "").split(", "))]
    defaults = "".join(f", {key}={value if key not in translated else '...'}" for key, value in parts)
    left = [*scaled, *sorted(translated - {key for key, _ in parts})]  # class weights: a weightCol to make
    penalties = "".join(f", {key}=..." for key in left)
    built_as = qualified.rsplit(".", 1)[-1]
    notes = "".join(f"; {key}: {built_as}'s {given} × the training label's F.stddev_pop / the training rows"
                    for key, given in scaled.items())
    return f'{spark.rsplit(".", 1)[-1]}({columns}{defaults}{penalties}{settings})', spark.rsplit(".", 1)[0], notes


def _settings(built: cst.Call | None, scaled: set[str], ctx: RuleContext) -> tuple[str, set[str]]:
    """The settings a model's constructor is given, as its pyspark.ml twin takes them (`n_estimators=100`:
    `numTrees=100`, `random_state=42`: `seed=42`), each a literal or a name of the user's; and the Spark names of those that
    need more than a new name (a `max_features` rule, class weights), left to the line that builds it, as a penalty
    scaled per row and a `None` are."""
    spec = _estimators().get(ctx.qualify(built.func) or "") if built is not None else None
    if spec is None or built is None:
        return "", set()
    given = _keywords_given(built, ctx)
    named = [(key, value) for key, value in given if key in spec.params and spec.params[key] not in scaled]
    kept = "".join(f", {spec.params[key]}={ctx.code(value)}" for key, value in named
                   if key not in NEEDS_MORE_THAN_A_NAME and (isinstance(value, (cst.Integer, cst.Float, cst.SimpleString))
                                                             or isinstance(value, cst.Name) and value.value != "None"))
    kept += "".join(f", {setting}" for key, value in given for setting in spec.split(key, value, ctx.code) or ())
    return kept, {spec.params[key] for key, _ in named if key in NEEDS_MORE_THAN_A_NAME}


def _keywords_given(built: cst.Call, ctx: RuleContext) -> list[tuple[str, cst.BaseExpression]]:
    """A call's keyword arguments, and those of a dict written out in the file that it unpacks (`Model(**params)` after
    `params = {"n_estimators": 200}`, the one assignment of that name)."""
    given = [(arg.keyword.value, arg.value) for arg in built.args if arg.keyword is not None]
    for arg in built.args:
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            bound = [a.value for a in ctx.every(cst.Assign) if len(a.targets) == 1
                     and isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == arg.value.value]
            if len(bound) == 1 and isinstance(written := bound[0], cst.Dict):
                given += [(key, element.value) for element in written.elements if isinstance(element, cst.DictElement)
                          and (key := string_literal(element.key)) is not None]
    return given


@lru_cache(maxsize=1)
def _estimators() -> dict[str, Spec]:
    """The catalog's scikit-learn models and their pyspark.ml twins, as `migrate` translates them."""
    from sparklint.migrate.mappings import estimators  # loaded only when a model's fit is reported

    return estimators()


def _imputed(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """SimpleImputer's strategy as Spark's Imputer spells it (the catalog's `values`), "mean" when none is given; a
    constant fill is no Imputer but Spark's fillna."""
    strategies = load_catalog()[1].get(qualified, {}).get("values", {}).get("strategy")
    if strategies is None:
        return {}
    given = argument(node, 1, "strategy")
    chosen = "mean" if given is None else string_literal(given)
    if chosen == "constant":
        value = keyword(node, "fill_value")
        return {SUGGESTION_WORDS: f"sdf.fillna({one_line(ctx, value)}, subset=cols)  # a constant fill is Spark's "
                                  "fillna, no Imputer" if value is not None else
                "# a constant fill is Spark's fillna, no Imputer: sdf.fillna(value, subset=cols), value 0 for numbers "
                "and \"missing_value\" for text as scikit-learn's default"}
    spelt = strategies.get(chosen or "")
    return {"imputer_strategy": f'"{spelt}"' if spelt is not None else "..."}


def _naive_bayes(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """The modelType of Spark's NaiveBayes that is scikit-learn's class (GaussianNB is "gaussian", and so on), and
    its smoothing, the discrete models' `alpha` (both default to 1; the gaussian model has none)."""
    if not qualified.startswith("sklearn.naive_bayes.") or not qualified.endswith("NB"):
        return {}
    model_type = qualified.rsplit(".", 1)[-1].removesuffix("NB").lower()
    alpha = keyword(node, "alpha")
    smoothing = f", smoothing={one_line(ctx, alpha)}" if alpha is not None and model_type != "gaussian" else ""
    return {"model_type": f'"{model_type}"', "smoothing": smoothing}


def _counted(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`df["c"].value_counts()`: a count per value of that column of that frame, shares with `normalize=True`."""
    column = node.func.value if isinstance(node.func, cst.Attribute) else None
    if callee_name(node.func) != "value_counts" or not isinstance(column, (cst.Subscript, cst.Attribute)) \
            or not _plain(column.value) or (spelt := column_spelt(column, ctx)) is None:
        return {}
    frame = one_line(ctx, column.value)
    shares = "; normalize=True: each count divided by the total, F.col(\"count\") / F.sum(\"count\").over(" \
             "Window.partitionBy())" if keyword(node, "normalize") is not None else ""
    return {SUGGESTION_WORDS: f'{frame}.groupBy({spelt}).count().orderBy(F.desc("count"))  # `{frame}` as a Spark '
                              f"DataFrame{shares}"}


def _bootstrap(node: cst.Call, kind: str | None, ctx: RuleContext) -> dict[str, str]:
    """A model fitted on a resample of its data (`model.fit(*resample(X, y))`, as a bootstrap repeats it): each fit
    is independent of the others, so they are tasks; said in words."""
    if kind != ESTIMATOR or not any(ctx.qualify(call.func) == "sklearn.utils.resample"
                                    for arg in node.args for call in descendants(arg.value, cst.Call)):
        return {}
    return {SUGGESTION_WORDS: BOOTSTRAP}


def _prepared_for(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A step that prepares a frame for a library that takes a pandas frame indexed by its keys (`df =
    df.sort_values(...)`, then `df = df.set_index(["item_id", "timestamp"])`, then `TimeSeriesDataFrame(df)`): the
    step is that library's input, not one to translate; said in words, with where the preparation goes on Spark."""
    if callee_name(node.func).startswith(READ_NAMES):
        return {}  # the frame's own load or pull, whose suggestion says what the library then takes
    statement = ctx.statement(node)
    assigned = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    target = assigned.targets[0].target if isinstance(assigned, cst.Assign) and len(assigned.targets) == 1 else None
    if not isinstance(target, cst.Name) or not any(library in ctx.source.code for library in INDEXED_INPUTS):
        return {}
    consumer = next((callee_name(call.func) for call in ctx.every(cst.Call) if callee_name(call.func) in INDEXED_INPUTS
                     and any(root_name(a.value) == target.value for a in call.args)), None)
    if consumer is None:
        return {}
    return {SUGGESTION_WORDS: (INDEX_KEPT if callee_name(node.func) == "set_index" else PREPARED_FOR).format(
        consumer=consumer, frame=target.value)}


def _query_as_sql(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`df.query("a > 0 and b == 'x'")` whose text Spark SQL reads the same: names (backticks too), numbers, texts,
    one comparison at a time joined by `and`/`or`/`not`, brackets; not pandas' own (`@name`, `in`, `a < b < c`)."""
    text = node.args[0].value if callee_name(node.func) == "query" and len(node.args) == 1 else None
    if not isinstance(text, cst.SimpleString) or not _spark_sql_as_written(str(text.evaluated_value)):
        return {}
    frame = one_line(ctx, node.func.value)  # type: ignore[attr-defined]
    return {SUGGESTION_WORDS: f"{frame}.filter({ctx.code(text)})  # `{frame}` as a Spark DataFrame: the query's text "
                              "is Spark SQL as it is written"}


def _spark_sql_as_written(query: str) -> bool:
    """Whether a pandas query's text means the same to Spark SQL (see `_query_as_sql`)."""
    compared = 0
    for token in QUERY_TOKENS.findall(query):
        if token.isspace():
            continue
        if token.lower() in ("and", "or", "not", "(", ")"):
            compared = 0
        elif token in ("<", ">", "<=", ">=", "==", "!="):
            compared += 1
            if compared > 1:
                return False  # `0 < a < 5`: pandas chains it, Spark compares a boolean
        elif not QUERY_OPERAND.fullmatch(token) or token.lower() in ("in", "is", "none"):
            return False
    return True


@lru_cache(maxsize=1)
def _deep_learning_modules() -> frozenset[str]:
    """The modules the catalog's single-node deep learning rules need: a file importing one may build networks."""
    return frozenset(module for rule in load_catalog()[0] if rule.family == "single-node-deep-learning"
                     for module in rule.requires)


def _pull_returned(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`return sdf.toPandas()` ending a function: its callers get a pandas copy on the driver to work on, where
    they could get the Spark DataFrame itself and do their steps as its operations."""
    statement = ctx.statement(node) if callee_name(node.func) == "toPandas" else None
    returned = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    function = next((s for s in reversed(ctx.scopes) if isinstance(s, cst.FunctionDef)), None)
    if not (isinstance(returned, cst.Return) and returned.value is node and function is not None):
        return {}
    receiver = one_line(ctx, node.func.value)  # type: ignore[attr-defined]
    return {SUGGESTION_AROUND: f"return {receiver}  # `{function.name.value}` hands its callers the Spark DataFrame, "
                               "not a pandas copy on the driver: their pandas steps on it become its operations (the "
                               "findings on those steps say how), and only a small result (an agg, a limit) is "
                               f"pulled; or return {receiver}.pandas_api(), pandas' API over the same distributed "
                               "rows, as the fix writes"}


def _array_for_a_model(node: cst.Call | cst.Attribute, ctx: RuleContext) -> dict[str, str]:
    """A frame's data copied into an array (`.values`, `.to_numpy()`) that a model's method or a scikit-learn
    function then takes, as the argument or through the name it is bound to or a name bound to rows taken from it
    (read in the file's text, which spares indexing every node of it): the suggestion's branch for a model, named."""
    copied = node.attr.value if isinstance(node, cst.Attribute) else callee_name(node.func)
    if copied not in ("values", "to_numpy"):
        return {}
    statement = ctx.statement(node)
    bound = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    name = _assigned_name(statement) if isinstance(bound, cst.Assign) and bound.value is node else None
    unknown = ESTIMATOR if ctx.imports.modules & _deep_learning_modules() else None  # a model of unknown kind: no network
    for call in descendants(statement, cst.Call) if statement is not None else ():
        func = call.func
        if any(a.value is node for a in call.args) and (
                (ctx.qualify(func) or "").startswith("sklearn.") or isinstance(func, cst.Attribute)
                and func.attr.value in MODEL_DATA_METHODS and ctx.kind_of(func.value) in (ESTIMATOR, unknown)):
            return {SUGGESTION_WORDS: _array_fed(one_line(ctx, func))}
    names = [name, *re.findall(rf"^\s*(\w+)\s*=\s*{re.escape(name)}\[", ctx.source.code, re.MULTILINE)] \
        if name is not None else []  # and the rows taken from it by name (`X_sample = X[picked]`)
    handed = re.compile(rf"{MODEL_CALL}\s*\((?:[^()]*,\s*)?(?:{'|'.join(map(re.escape, names))})\b") if names else None
    for found in handed.finditer(ctx.source.code) if handed is not None else ():
        model, method, function = found.group("model", "method", "function")
        if function is not None and (ctx.qualify(cst.Name(function)) or "").startswith("sklearn.") \
                or method is not None and ctx.kind_of(cst.parse_expression(model)) in (ESTIMATOR, unknown):
            return {SUGGESTION_WORDS: _array_fed(function or f"{model}.{method}")}
    return {}


def _array_fed(consumer: str) -> str:
    """What an array a model's call takes is told: a forecaster's, per series; any other model's, its branch."""
    return (ARRAY_FOR_A_FORECASTER if forecasts(consumer) else ARRAY_FOR_A_MODEL).format(consumer=consumer)


def _numbered_rows(node: cst.Call, kind: str | None) -> dict[str, str]:
    """A function mapped over `rdd.zipWithIndex()`: the rows with their consecutive numbers, which no column
    expression or batch makes; said in words."""
    receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
    if kind != RDD or not (isinstance(receiver, cst.Call) and callee_name(receiver.func) == "zipWithIndex"):
        return {}
    return {SUGGESTION_WORDS: ROWS_NUMBERED}


def _numbered(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A window over all rows that numbers them (`F.row_number().over(Window.orderBy(k))`, directly or through the
    name it is bound to): a surrogate key, which a partition would restart per key; said in words."""
    if qualified not in ("pyspark.sql.Window.orderBy", "pyspark.sql.window.Window.orderBy"):
        return {}
    statement = ctx.statement(node)
    named = [t.target.value for a in (descendants(statement, cst.Assign) if statement is not None else ())
             for t in a.targets if isinstance(t.target, cst.Name) and a.value is node]
    used = rf"row_number\(\)\s*\.over\(\s*{re.escape(named[0])}\s*\)" if named else None
    if not ("row_number()" in ctx.code(statement) if statement is not None and not named else
            used is not None and re.search(used, ctx.source.code)):
        return {}
    ranked = re.search(rf"""withColumn\(\s*(["'])(\w+)\1\s*,\s*F\.{used}""", ctx.source.code) if used else None
    ordered = node.args[0].value if len(node.args) == 1 and isinstance(node.args[0].value, cst.SimpleString) else None
    if ranked and ordered is not None and re.search(rf"""F\.col\(\s*(["']){ranked[2]}\1\s*\)\s*/""", ctx.source.code):
        return {SUGGESTION_WORDS: QUANTILE_BINS.format(column=ctx.code(ordered))}
    return {SUGGESTION_WORDS: ROW_NUMBERS}


def _split_part(node: cst.Call, ctx: RuleContext) -> tuple[str, str] | None:
    """The data a split is given when an earlier `train_test_split` of the file made it, and which of that split's
    DataFrames it is (`X_train`: `train_df`; outputs alternate train, test for each array split)."""
    given = node.args[0].value if node.args and node.args[0].keyword is None else None
    if not isinstance(given, cst.Name):
        return None
    for value in reversed(ctx.flows.bound.get(given.value, ())):
        position = _position(given.value, value, ctx)
        if value is not node and isinstance(value, cst.Call) and ctx.qualify(value.func) == ctx.qualify(node.func) \
                and position is not None:
            return given.value, "test_df" if position % 2 else "train_df"
    return None


def _position(name: str, value: cst.BaseExpression, ctx: RuleContext) -> int | None:
    """Where `name` stands among the names an assignment of `value` unpacks it into (`a, b = value`), else None."""
    statement = ctx.statement(value)
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
    if not (isinstance(assign, cst.Assign) and assign.value is value
            and isinstance(target := assign.targets[0].target, (cst.Tuple, cst.List))):
        return None
    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
    return names.index(name) if name in names else None


def _made_in_a_loop(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.concat(frames)` of frames a loop makes one at a time by calling code (a solver, a function per group),
    `frames.append(make(item))` directly or through a name bound in the loop, or makes one per group of a group-by
    it walks (`for key, part in frame.groupby(k)`): those frames are no Spark DataFrames to
    union, the loop's work is what moves to the executors. Frames the loop reads from files are one Spark read. A
    frame built by pandas, or a Spark one, keeps the union."""
    frames = argument(node, 0, "objs")
    if qualified != "pandas.concat" or not isinstance(frames, cst.Name):
        return {}
    appended: list[cst.BaseExpression] = []
    for loop in ctx.every(cst.For):
        for call in descendants(loop.body, cst.Call):
            if isinstance(call.func, cst.Attribute) and call.func.attr.value == "append" and call.args \
                    and isinstance(call.func.value, cst.Name) and call.func.value.value == frames.value:
                made, walked = call.args[0].value, loop
                if method_name(loop.iter) == "groupby":  # a frame per group: the loop's body is what moves
                    grouped = loop.iter.func.value if isinstance(loop.iter, cst.Call) \
                        and isinstance(loop.iter.func, cst.Attribute) else None
                    if not (isinstance(grouped, cst.Name) and _the_group(loop, made)):
                        return {SUGGESTION_WORDS: LOOP_MADE.format(frames=frames.value, maker=one_line(ctx, loop.iter))}
                    # each group put back unchanged: the frames are the grouped one, as the loop around it binds it
                    made, walked = grouped, next((outer for outer in ctx.every(cst.For) if any(
                        inner is loop for inner in descendants(outer.body, cst.For))), loop)
                appended += [made] if not isinstance(made, cst.Name) else [
                    a.value for a in descendants(walked.body, cst.Assign) if len(a.targets) == 1
                    and isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == made.value]
    makers = [call for call in map(_innermost_call, appended) if call is not None]
    if makers and len(makers) == len(appended) and all(
            (ctx.qualify(made.func) or "").startswith(PATH_READERS) for made in makers):
        return {SUGGESTION_WORDS: LOOP_READ.format(frames=frames.value, reader=one_line(ctx, makers[0].func))}
    if not makers or len(makers) < len(appended) or any(
            ctx.kind_of(made) in SPARK_KINDS or (ctx.qualify(made.func) or "").startswith(("pandas.", *PATH_READERS))
            for made in makers):
        return {}
    return {SUGGESTION_WORDS: LOOP_MADE.format(frames=frames.value, maker=one_line(ctx, makers[0].func))}


def _the_group(loop: cst.For, made: cst.BaseExpression) -> bool:
    """Whether `made` is the group a `for key, group in frame.groupby(k)` loop binds, as it is."""
    target = loop.target
    return isinstance(made, cst.Name) and isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 2 \
        and isinstance(group := target.elements[1].value, cst.Name) and group.value == made.value


def _pivot(node: cst.Call, qualified: str | None, ctx: RuleContext) -> dict[str, str]:
    """A pandas pivot's parts as `groupBy(index).pivot(column).agg(...)` takes them, given by keyword or by position
    (`pivot_table(values, index, columns, aggfunc)`, the frame first for `pd.pivot_table`); its aggregate by the
    catalog's functions for `groupby`: `pivot_table` averages unless told otherwise, `pivot` keeps the one value.
    Spark pivots on one column: several are one column first, in words."""
    name = callee_name(node.func)
    if qualified == "pandas.crosstab":
        return _crosstab(node, ctx)
    if name not in ("pivot", "pivot_table") or qualified is not None and not qualified.startswith("pandas."):
        return {}
    first = 1 if qualified is not None else 0  # `pd.pivot_table(frame, ...)`
    order = ("values", "index", "columns", "aggfunc") if name == "pivot_table" else ("index", "columns", "values")
    given = {key: argument(node, first + position, key) for position, key in enumerate(order)}
    parts = {key: [e.value for e in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else [value]
             for key, value in given.items() if value is not None}
    held = [p.value for key in ("index", "columns") for p in parts.get(key, []) if isinstance(p, cst.Name)
            and _computed_from_a_frame(p, ctx)]  # `age = pd.cut(df.age, bins)`: values, not a column's name
    spelt = {key: [f'"{p.value}"' if isinstance(p, cst.Name) and p.value in held else one_line(ctx, p) for p in value]
             for key, value in parts.items()}
    function = "first" if name == "pivot" else "mean"
    if (aggfunc := given.get("aggfunc")) is not None:
        function = _function_named(aggfunc)
    spark = _spark_aggregate(function)
    values = spelt.get("values")
    aggregates = ", ".join(f"{spark}({v})" for v in values) if spark and values else "..."
    if isinstance(aggfunc, cst.Dict):  # `aggfunc={"survived": sum, "fare": "mean"}`: a function per column
        pairs = [(one_line(ctx, e.key), _function_named(e.value)) for e in aggfunc.elements if isinstance(e, cst.DictElement)]
        spark_pairs = [(column, _spark_aggregate(f)) for column, f in pairs]
        if pairs and len(pairs) == len(aggfunc.elements) and all(f for _, f in spark_pairs):
            aggregates = ", ".join(f"{f}({column})" for column, f in spark_pairs)
            function, values = ", ".join(f for _, f in pairs), [column for column, _ in pairs]
    fill = {"index": ", ".join(spelt.get("index", [])), "columns": ", ".join(spelt.get("columns", ["..."])),
            "values": ", ".join(values or ["..."]), "aggfunc": function or "...", "pivot_aggregate": aggregates}
    if len(spelt.get("columns", [])) > 1:
        fill["columns"] = '"pivot_key"'
        fill[SUGGESTION_NOTE] = (f'Spark pivots on one column: .withColumn("pivot_key", F.concat_ws("_", '
                                 f'{", ".join(spelt["columns"])})) first')
    if held:
        fill[SUGGESTION_NOTE] = "; ".join(filter(None, [fill.get(SUGGESTION_NOTE), ", ".join(
            f'"{name}": `{name}` holds values, not a column\'s name: add it as a column first, '
            f'.withColumn("{name}", ...) computed with Spark functions' for name in held)]))
    return fill


def _function_named(aggfunc: cst.BaseExpression) -> str:
    """The aggregate a pandas `aggfunc` names: `"mean"`, `np.mean` or Python's `sum`; empty for any other."""
    return string_literal(aggfunc) or (aggfunc.attr.value if isinstance(aggfunc, cst.Attribute) else
                                       aggfunc.value if isinstance(aggfunc, cst.Name) else "")


def _spark_aggregate(function: str) -> str | None:
    """The Spark function the catalog maps a pandas aggregate to (`mean`: `F.mean`), `F.first` for pivot's value."""
    return load_catalog()[1]["groupby"]["functions"].get(function) or ("F.first" if function == "first" else None)


def _computed_from_a_frame(name: cst.Name, ctx: RuleContext) -> bool:
    """Whether a name holds values, not a column's name: a local frame or array, or what a pandas or NumPy function
    computed from one (`pd.cut(df["age"], bins)`)."""
    assigned = _last_assigned(name, ctx)
    return ctx.kind_of(name) in LOCAL_KINDS or isinstance(assigned, cst.Call) and (
        ctx.qualify(assigned.func) or "").startswith(("pandas.", "numpy.")) and any(
        ctx.kind_of(arg.value) in LOCAL_KINDS for arg in assigned.args)


def _crosstab(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.crosstab(df.a, df.b)`, a count per pair of two columns of one frame, is Spark's `df.crosstab("a", "b")`;
    with `values=`, `normalize=` or margins, or columns of different frames, the pivot's words stand."""
    rows, columns = argument(node, 0, "index"), argument(node, 1, "columns")
    frames = [side.value for side in (rows, columns) if isinstance(side, (cst.Subscript, cst.Attribute))]
    names = [column_spelt(side, ctx) for side in (rows, columns) if side is not None]
    if len(frames) != 2 or None in names or not all(isinstance(f, cst.Name) for f in frames) or len(
            {ctx.code(f) for f in frames}) != 1 or any(keyword(node, k) is not None for k in
                                                       ("values", "aggfunc", "normalize", "margins")):
        return {}
    return {SUGGESTION_WORDS: f"{ctx.code(frames[0])}.crosstab({names[0]}, {names[1]})  # a count per pair, its first "
                              "column named after both"}


def _registered(node: cst.Call, outer: dict[int, cst.BaseExpression], ctx: RuleContext) -> dict[str, str]:
    """An azureml dataset read whole (`train.to_pandas_dataframe()`) is the same dataset read as a Spark frame, by
    the name the code gives it. `Dataset.Tabular.register_pandas_dataframe(ds.to_pandas_dataframe(), ...)` takes
    pandas only: registering the Spark frame is azureml's `register_spark_dataframe`. A pull made a NumPy array at
    once (`.to_pandas_dataframe().values`) has no Spark twin: the array's use decides. A pull only looked at through
    `.head(n)` or `.tail(n)` is those rows: `take(n)` reads the first, Spark's `tail(n)` the last."""
    if callee_name(node.func) != "to_pandas_dataframe" or not isinstance(node.func, cst.Attribute):
        return {}
    then = outer.get(id(node))
    if isinstance(then, cst.Attribute) and then.attr.value == "values" \
            or isinstance(then, cst.Call) and callee_name(then.func) == "to_numpy":
        return {SUGGESTION_WORDS: MADE_AN_ARRAY}
    dataset = one_line(ctx, node.func.value)
    shown = then if isinstance(then, cst.Call) and callee_name(then.func) in ("head", "tail") else None
    rows = (ctx.values.integer(given) if (given := argument(shown, 0, "n")) is not None else 5) if shown else None
    if shown is not None and rows is not None and 0 < rows <= SMALL_ARRAY:  # `.to_pandas_dataframe().tail()`: a look
        return {SUGGESTION_WORDS: f"{dataset}.take({rows}).to_pandas_dataframe()  # azureml's "
                                  f"TabularDataset.take reads only the first {rows} rows"
                if callee_name(shown.func) == "head" else
                f"{dataset}.to_spark_dataframe().tail({rows})  # the last {rows} rows as Spark Rows, the dataset read "
                "by the executors rather than whole into pandas (Spark's tail needs the count pandas takes as 5)"}
    statement = ctx.statement(node)
    register = next((call for call in descendants(statement, cst.Call) if callee_name(call.func) ==
                     "register_pandas_dataframe" and any(a.value is node for a in call.args)), None) \
        if statement is not None else None
    rows = _first_rows_only(_assigned_name(statement), ctx)
    if rows is not None:
        return {SUGGESTION_WORDS: f"{dataset}.take({rows}).to_pandas_dataframe()  # azureml's "
                                  f"TabularDataset.take reads only the rows the code uses, the first {rows}"}
    if register is None or not isinstance(register.func, cst.Attribute):
        consumer = _pandas_consumer(statement, ctx)
        return {SUGGESTION_WORDS: f"{dataset}.to_spark_dataframe()  # on the same azureml "
                                  "TabularDataset, in place of to_pandas_dataframe(): a Spark DataFrame read in "
                                  "parallel by the executors" + (TAKES_PANDAS.format(
                                      consumer=consumer, scoring=FORECAST_SCORING if forecasts(consumer) else MODEL_SCORING)
                                      if consumer else "")}
    rest = ", ".join(one_line(ctx, a.value) if a.keyword is None else f"{a.keyword.value}={one_line(ctx, a.value)}"
                     for a in register.args if a.value is not node)
    return {SUGGESTION_WORDS: f"{one_line(ctx, register.func.value)}.register_spark_dataframe("
                              f"{dataset}.to_spark_dataframe(), {rest})  # azureml registers a "
                              "Spark DataFrame too (register_pandas_dataframe takes pandas only)"}


def _read_for_a_library(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """A pandas reader's options as Spark's reader takes them, and, when the code hands the frame it makes whole to a
    library no rule of the catalog knows (`create_pandas_dataframe_agent(llm, frame)`), that the library takes pandas:
    Spark's read alone does not serve it."""
    options = reader_options(qualified, node, ctx)
    consumer = _library_taking(ctx.statement(node), ctx) if qualified.startswith("pandas.read_") else None
    if consumer is None:
        return options
    note = f"`{consumer}` then takes the frame as pandas: keep this read while the file fits the driver, or read " \
           "with Spark and hand it sdf.toPandas() of only the rows and columns it needs"
    return {**options, SUGGESTION_NOTE: "; ".join(filter(None, (options.get(SUGGESTION_NOTE), note)))}


def _library_taking(statement: cst.CSTNode | None, ctx: RuleContext) -> str | None:
    """The call of an imported library without rules or charts that takes the frame the statement assigns to a name
    as one of its arguments (an LLM agent over a frame, a model library's own frame type); Python's own modules
    (`json`, `pickle`) are not such libraries."""
    name = _assigned_name(statement)
    known = _modules_known()
    if name is None or ctx.imports.modules <= known:  # no call can be another library's
        return None
    for call in ctx.every(cst.Call):
        qualified = ctx.qualify(call.func) or ""
        if qualified and qualified.split(".")[0] not in known and not qualified.startswith(PLOTTING) \
                and any(isinstance(a.value, cst.Name) and a.value.value == name for a in call.args):
            return ctx.code(call.func)
    return None


def _first_rows_only(name: str | None, ctx: RuleContext) -> int | None:
    """How many first rows of a frame the code uses when it uses no others: each use of the name, but the one
    assignment, is `name[:k]` or `name.head(k)` for a number up to SMALL_ARRAY the code spells."""
    if name is None:
        return None
    taken = [rows for sliced in ctx.every(cst.Subscript) if isinstance(sliced.value, cst.Name) and sliced.value.value == name
             and len(sliced.slice) == 1 and isinstance(cut := sliced.slice[0].slice, cst.Slice) and cut.step is None
             and (cut.lower is None or ctx.values.integer(cut.lower) == 0)
             for rows in [ctx.values.integer(cut.upper)]] + [
        ctx.values.integer(shown) if (shown := argument(call, 0, "n")) is not None else 5  # pandas' default
        for call in ctx.every(cst.Call) if isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "head" and isinstance(call.func.value, cst.Name) and call.func.value.value == name]
    uses = sum(1 for n in ctx.every(cst.Name) if n.value == name) - 1
    if not taken or len(taken) != uses or any(rows is None or not 0 < rows <= SMALL_ARRAY for rows in taken):
        return None
    return max(taken)  # type: ignore[type-var]


def _assigned_name(statement: cst.CSTNode | None) -> str | None:
    """The one name a statement `name = ...` assigns."""
    assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        return assign.targets[0].target.value
    return None


@lru_cache(maxsize=1)
def _modules_known() -> frozenset[str]:
    """The modules whose calls are no other library taking a frame: those with rules, and Python's own."""
    return _modules_with_rules() | sys.stdlib_module_names


@lru_cache(maxsize=1)
def _modules_with_rules() -> frozenset[str]:
    """The libraries whose calls the catalog's rows name (pandas, sklearn, torch...): their calls are findings."""
    return frozenset(name.split(".")[0] for rule in load_catalog()[0] for name in rule.match.call) | {"pyspark"}


def _pandas_consumer(statement: cst.CSTNode | None, ctx: RuleContext) -> str | None:
    """What uses the frame the statement assigns to a name as pandas: a model call or a metric handed it
    (`fitted_model.predict(X_test_df)`, `confusion_matrix(y_test_df.values, y_pred)`) or a member only pandas has
    (`data_train.iloc`)."""
    name = _assigned_name(statement)
    if name is None:
        return None
    for call in ctx.every(cst.Call):
        scores = SCORING.search(callee_name(call.func)) is not None and isinstance(call.func, cst.Attribute) \
            and ctx.kind_of(call.func.value) not in (SPARK, SPARK_SMALL)
        if (scores or (ctx.qualify(call.func) or "").startswith(METRICS)) \
                and any(root_name(a.value) == name for a in call.args):
            return ctx.code(call.func)
    return next((ctx.code(member) for member in ctx.every(cst.Attribute) if member.attr.value in PANDAS_MEMBERS
                 and isinstance(member.value, cst.Name) and member.value.value == name), None)


def _concat_of_pandas(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.concat([a, b])` of pandas frames no pandas reader of the file reads (made from arrays, a function's
    result): they stay pandas when the reads move to Spark, so the union is of Spark frames made from them."""
    frames = argument(node, 0, "objs")
    if qualified != "pandas.concat" or not isinstance(frames, (cst.List, cst.Tuple)) or not frames.elements or not all(
            isinstance(e.value, cst.Name) and ctx.kind_of(e.value) == PANDAS and not _read_in_this_file(e.value, ctx)
            for e in frames.elements):
        return {}
    return {SUGGESTION_ONLY + "0": "[" + ", ".join(f"spark.createDataFrame({one_line(ctx, e.value)})"
                                                   for e in frames.elements) + "]"}


def _columns_of_one_frame(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.concat([keys, parsed], axis=1)` of frames that are all columns of one frame's rows (`df[["id", "ts"]]`, or
    a frame built from its column, `pd.DataFrame(list(df["report"].apply(json.loads)))`): side by side, the rows
    pair up as they are, which on Spark is one select of that frame, no join and no key to make."""
    frames = argument(node, 0, "objs")
    if qualified != "pandas.concat" or not on_columns(argument(node, 1, "axis")) \
            or not isinstance(frames, (cst.List, cst.Tuple)) or len(frames.elements) < 2:
        return {}
    owners = {_columns_owner(element.value, ctx) for element in frames.elements}
    owner = owners.pop() if len(owners) == 1 else None
    if owner is None:
        return {}
    return {SUGGESTION_WORDS: f"{owner}.select(...)  # `{owner}` as a Spark DataFrame: the frames are columns of its "
                              "rows, so side by side they are one select of its columns, with no join and no key; a "
                              "column of JSON text unpacked into columns: F.from_json(F.col(c), schema).alias(\"r\"), "
                              "then \"r.*\" in the same select"}


def _followed(value: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression:
    """A name's last value (`_last_assigned`), or the value itself."""
    return (_last_assigned(value, ctx) if isinstance(value, cst.Name) else None) or value


def _columns_owner(value: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The frame whose rows a value holds some columns of: a selection of its columns by name (`df[["a", "b"]]`), a
    frame made of one of its columns' values (`pd.DataFrame(list(df["c"].apply(f)))`), a name last bound to one, or
    an empty frame the file gives columns of that frame alone (`out = pd.DataFrame()`, `out["id"] = df["id"]`, read in
    its text); None for anything else (a row filter keeps other rows)."""
    named = value.value if isinstance(value, cst.Name) else None
    value = _followed(value, ctx)
    if named and isinstance(value, cst.Call) and ctx.qualify(value.func) == "pandas.DataFrame" and not value.args:
        filled = set(re.findall(rf"^\s*{re.escape(named)}\[[^\]]+\]\s*=\s*(\w+)\[", ctx.source.code, re.MULTILINE))
        owner = filled.pop() if len(filled) == 1 else None  # an empty frame given columns of one frame, one by one
        return owner if owner is not None and ctx.kind_of(cst.Name(owner)) == PANDAS else None
    if isinstance(value, cst.Call) and ctx.qualify(value.func) == "pandas.DataFrame" and value.args:
        data = _followed(value.args[0].value, ctx)
        if isinstance(data, cst.Call) and callee_name(data.func) == "list" and data.args:
            data = _followed(data.args[0].value, ctx)  # `list(df["c"].apply(json.loads))`: the column's values
        while isinstance(data, cst.Call) and isinstance(data.func, cst.Attribute) \
                and data.func.attr.value in (*ELEMENTWISE, "tolist", "to_list"):
            data = data.func.value  # a value per row of the column
        value = data if isinstance(data, cst.Subscript) and isinstance(subscript_key(data), cst.SimpleString) else value
    key = subscript_key(value) if isinstance(value, cst.Subscript) else None
    selected = isinstance(key, cst.SimpleString) or isinstance(key, cst.List) and all(
        isinstance(e.value, cst.SimpleString) for e in key.elements)
    frame = value.value if selected else None  # type: ignore[attr-defined]
    return frame.value if isinstance(frame, cst.Name) and ctx.kind_of(frame) == PANDAS else None


def _concat_keywords(qualified: str, node: cst.Call) -> dict[str, str]:
    """What `pd.concat`'s keywords do that a union of Spark DataFrames does not, in words: `keys=` labels each frame's
    rows, `join="inner"` keeps only the columns every frame has, `verify_integrity=True` checks an index Spark has
    not."""
    if qualified != "pandas.concat":
        return {}
    notes, side_by_side = [], on_columns(argument(node, 1, "axis"))
    if keyword(node, "keys") is not None and not side_by_side:
        notes.append('keys=: pandas labels each frame\'s rows; add the label as a column first, .withColumn("key", F.lit(k))')
    if string_literal(keyword(node, "join")) == "inner":
        notes.append('join="inner": how="inner"' if side_by_side else
                     'join="inner": select the columns every frame has, then unionByName without allowMissingColumns')
    if (verify := keyword(node, "verify_integrity")) is not None and not (isinstance(verify, cst.Name)
                                                                           and verify.value == "False"):
        notes.append("verify_integrity: a Spark DataFrame has no index to check; count the key column's duplicates")
    return {SUGGESTION_NOTE: "; ".join(notes)} if notes else {}


def _innermost_call(node: cst.BaseExpression) -> cst.Call | None:
    """The call a chain starts from (`make(x)` in `make(x).sort_values(c).head()`), None unless it is a call."""
    found = None
    while isinstance(node, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Call):
            found = node
            node = node.func
        node = node.value if isinstance(node, (cst.Attribute, cst.Subscript)) else node
    return found


def _metric(qualified: str, node: cst.Call, outer: cst.BaseExpression | None, ctx: RuleContext) -> dict[str, str]:
    """A scikit-learn metric given only NumPy arrays has no DataFrame of predictions for a pyspark.ml evaluator to
    score: its suggestion says so in words rather than name an evaluator of data the script does not have. A mean
    squared error the code takes the root of (`squared=False`, `np.sqrt(...)`) is the evaluator's "rmse"."""
    if not qualified.startswith(METRICS):
        return {}
    item = _item_of_loop(ctx)
    if item is not None:
        return {SUGGESTION_WORDS: PER_ITEM.format(callee=one_line(ctx, node.func), item=item)}
    data = [a.value for a in node.args if a.keyword is None or a.keyword.value in METRIC_DATA]
    if data and all(ctx.kind_of(value) in (NUMPY, NUMPY_SMALL) for value in data):
        return {SUGGESTION_WORDS: ON_ARRAYS.format(callee=one_line(ctx, node.func))}
    truth = argument(node, 0, "y_true")
    label = (_label_column(truth, ctx, frozenset()) if truth is not None else None) or '"label"'
    average = string_literal(keyword(node, "average"))
    entry = load_catalog()[1].get(qualified, {})
    if average not in (None, "binary") and "averages" in entry:
        return {SUGGESTION_WORDS: f"{_averaged(entry, average, label)}; {PREDICTIONS}"}
    rooted = isinstance(outer, cst.Call) and ctx.qualify(outer.func) in ("numpy.sqrt", "math.sqrt") or any(
        a.keyword is not None and a.keyword.value == "squared" and ctx.code(a.value) == "False" for a in node.args)
    return {"squared_metric": '"rmse"' if rooted else '"mse"', "label_column": label}


def _curve(qualified: str) -> dict[str, str]:
    """`roc_curve` or `precision_recall_curve` as the summary of a fitted pyspark.ml binary classifier gives it, for
    the classifiers that have one."""
    if qualified not in CURVES:
        return {}
    member, columns, area = CURVES[qualified]
    return {"curve": f"model.evaluate(test_sdf).{member}  # the binary summary of a fitted LogisticRegression, "
                     f"RandomForestClassifier, LinearSVC or FMClassifier model (a PipelineModel's: its last stage's, "
                     f"given the rows its other stages transform): a Spark DataFrame of {columns}; other models (GBT) "
                     f"have none: draw the curve from a sample of their scores pulled; the area on every row: "
                     f'BinaryClassificationEvaluator(metricName="{area}")'}


def _averaged(entry: dict, average: str, label: str) -> str:
    """What an F1, precision or recall score given `average=` is in Spark, from its catalog entry: the evaluator's
    metric of that average, the mean of the per-label metric for a macro average (Spark has none), or the multilabel
    evaluator's metric of each row's labels for `samples`."""
    multilabel = entry["multilabel"]
    micro = f"micro{multilabel[0].upper()}{multilabel[1:]}"
    several = f'several labels per row (as arrays): MultilabelClassificationEvaluator(metricName="{micro}")'
    evaluate = ('MulticlassClassificationEvaluator(labelCol={label}, predictionCol="prediction", metricName="{metric}"'
                '{more}).evaluate(predictions)')
    if average in entry["averages"]:
        return (evaluate.format(label=label, metric=entry["averages"][average], more="")
                + f'  # sklearn\'s average="{average}"' + (f"; {several}" if average == "micro" else ""))
    if average == "samples":
        return (f'MultilabelClassificationEvaluator(labelCol={label}, predictionCol="prediction", metricName="{multilabel}")'
                f'.evaluate(predictions)  # average="samples": the score of each row\'s set of labels, averaged over rows')
    return (f'# average="{average}" has no Spark metric: the mean over the labels of '
            + evaluate.format(label=label, metric=entry["metric"], more=", metricLabel=label")
            + f'; several labels per row (as arrays): of MultilabelClassificationEvaluator(metricName="{multilabel}ByLabel", '
            "metricLabel=label)")


def _item_of_loop(ctx: RuleContext) -> str | None:
    """The name of the item a `for` loop around the walk takes each turn, when its body keeps that item's rows
    (`frame[frame["id"] == sid]`): work there is done once per item, on the item's rows."""
    loop = next((loop for loop in reversed(ctx.loops) if isinstance(loop, cst.For)), None)
    if loop is None or not isinstance(loop.target, cst.Name):
        return None
    item = loop.target.value
    for comparison in descendants(loop.body, cst.Comparison):
        sides = [comparison.left, *(c.comparator for c in comparison.comparisons)]
        if len(sides) == 2 and isinstance(comparison.comparisons[0].operator, cst.Equal) and any(
                isinstance(a, cst.Name) and a.value == item and not isinstance(b, cst.Name) for a, b in (sides, sides[::-1])):
            return item
    return None


def _label_column(value: cst.BaseExpression, ctx: RuleContext, followed: frozenset[str]) -> str | None:
    """The frame column the true values of a metric come from (`df["Exited"]`, `df.pop("Exited")`, `.values` of
    one), through the names bound to it and the parts `train_test_split` makes of it; None when unknown."""
    while isinstance(value, cst.Attribute) and value.attr.value == "values" or method_name(value) in ("to_numpy", "ravel"):
        value = value.value if isinstance(value, cst.Attribute) else value.func.value  # type: ignore[attr-defined]
    key = subscript_key(value) if isinstance(value, cst.Subscript) else None
    if method_name(value) == "pop" and value.args:  # type: ignore[attr-defined]
        key = value.args[0].value  # type: ignore[attr-defined]
    if isinstance(key, cst.SimpleString):
        return ctx.code(key)
    if not isinstance(value, cst.Name) or value.value in followed:
        return None
    for bound in reversed(ctx.flows.bound.get(value.value, ())):
        position = _position(value.value, bound, ctx)
        source: cst.BaseExpression | None = bound
        if position is not None and isinstance(bound, cst.Tuple):  # `X, y = df[cols], df["Exited"]`
            source = bound.elements[position].value if position < len(bound.elements) else None
        elif position is not None and isinstance(bound, cst.Call) \
                and ctx.qualify(bound.func) == "sklearn.model_selection.train_test_split":
            arrays = [a.value for a in bound.args if a.keyword is None]
            source = arrays[position // 2] if position // 2 < len(arrays) else None
        elif position is not None:
            continue
        found = _label_column(source, ctx, followed | {value.value}) if source is not None else None
        if found is not None:
            return found
    return None


def _chain_note(receiver: cst.BaseExpression, ctx: RuleContext) -> str:
    """What `sdf` stands for where a suggestion takes the place of one call of a pandas chain: the steps before it
    are work to translate too, not to drop. One column of a frame (`data["ts"]`) is no DataFrame: `sdf` is the frame."""
    key = subscript_key(receiver) if isinstance(receiver, cst.Subscript) else None
    if isinstance(key, cst.SimpleString) and _plain(receiver.value):  # type: ignore[attr-defined]
        return f"sdf: `{one_line(ctx, receiver.value)}` as a Spark DataFrame, the work on its column {ctx.code(key)}"  # type: ignore[attr-defined]
    chain = one_line(ctx, receiver)
    if len(chain) > 80:
        return "sdf: the frame the steps before this call compute, as a Spark DataFrame, those steps translated too"
    return f"sdf: `{chain}` as a Spark DataFrame, its steps translated too"


def _local(node: cst.BaseExpression, data: str | None, ctx: RuleContext) -> bool:
    """Whether an argument is computed from the data or by pandas, on the driver."""
    return any((isinstance(n, cst.Name) and n.value == data) or (
        isinstance(n, (cst.Call, cst.Attribute, cst.Subscript)) and ctx.kind_of(n) in LOCAL_KINDS)
        for n in descendants(node, cst.BaseExpression))


def _source(node: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """How a Spark reader or writer names a source the user gave as something else: a `Path` as its
    string; a file handle by the path it was opened from; a URL or text in memory, which Spark
    cannot read, in words."""
    if _a_path(node, ctx):
        return f"str({one_line(ctx, node)})"
    if (opened := _opened_from(node, ctx)) is not None:
        return ctx.code(opened)
    if ctx.kind_of(node) == FILE:
        return f'"<the path {ctx.code(node)} was opened from>"'
    if isinstance(node, cst.Call) and ctx.qualify(node.func) in TEXT or _text_made(node, ctx):
        return '"<a file in storage the cluster reads: Spark reads files, not text in memory>"'
    text = ctx.values.text(node)
    if text is None:
        return None
    if text.startswith(URLS):
        shown = f" of {text}" if " name " not in text and '"' not in text else ""
        return (f'"<a copy{shown} in storage the cluster reads: Spark does not read web URLs; copy the file there first, '
                'or for a small file spark.sparkContext.addFile(url) and read SparkFiles.get(its name)>"')
    if text.startswith(FUSE) and text[len(FUSE):][:1] in ("", "/", " "):  # `/dbfs/x`, `"/dbfs" + x`
        return _spark_path(node, ctx)
    return None


def _text_made(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Text the code builds in memory rather than a path: a string's method (`"[{0}]".format(...)`,
    `",".join(lines)`), `json.dumps(...)`, or text that opens as JSON does (`[`, `{`); also through a name."""
    if isinstance(node, cst.Name) and (bound := ctx.flows.bound.get(node.value)):
        node = bound[-1]
    if isinstance(node, cst.Call):
        func = node.func
        return ctx.qualify(func) == "json.dumps" or isinstance(func, cst.Attribute) and isinstance(
            func.value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString))
    text = ctx.values.text(node)
    return text is not None and text.lstrip().startswith(("[", "{"))


def _a_path(node: cst.BaseExpression, ctx: RuleContext, followed: frozenset[str] = frozenset()) -> bool:
    """A `pathlib` path: made by `Path(...)`, joined to one with `/`, or a name last bound to one."""
    if isinstance(node, cst.Name) and node.value not in followed and (bound := ctx.flows.bound.get(node.value)):
        return _a_path(bound[-1], ctx, followed | {node.value})
    return isinstance(node, cst.Call) and ctx.qualify(node.func) in PATHS or (
        isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)
        and (isinstance(node.right, (cst.SimpleString, cst.FormattedString)) or _a_path(node.left, ctx, followed)))


def _writes_text(node: cst.Call, kind: str | None, ctx: RuleContext) -> bool:
    """Whether a pandas writer is given no path (`pdf.to_csv(index=False)`): it returns the frame as one text, a
    payload for whatever the code sends it to (a page's download, an API), not a file."""
    return _path_action(node, kind, ctx) == "write" and argument(node, 0, "path_or_buf") is None \
        and callee_name(node.func) in TEXT_WRITES


def _path_action(node: cst.Call, kind: str | None, ctx: RuleContext) -> str | None:
    """`read` or `write` when a call's first argument is a file the driver reads (`pd.read_csv(p)`) or a pandas frame
    writes (`pdf.to_csv(p)`), else None."""
    if (ctx.qualify(node.func) or "").startswith(PATH_READERS):
        return "read"
    writes = isinstance(node.func, cst.Attribute) and node.func.attr.value in PANDAS_WRITES
    return "write" if writes and kind in (PANDAS, PANDAS_SMALL) else None


def _local_path(node: cst.BaseExpression, action: str, ctx: RuleContext) -> str | None:
    """A path pandas reads from or writes to the driver's disk (`data/train.csv`, or the file handle opened from
    it) that Spark on the target would look for elsewhere, in words; None for any other path, or one whose
    beginning the code does not spell."""
    node = _opened_from(node, ctx) or node
    text = ctx.values.path_text(node)
    if text is None or text.startswith(" name "):
        return in_driver_folder(node, ctx, action)
    return for_spark(text.replace(" name ", "…"), ctx.target, ctx.source.code, action)


def _opened_from(node: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression | None:
    """The path a file handle or a pandas workbook (`pd.ExcelFile(path)`) was opened from, given as the opening call
    or a name last bound to it; None for anything else."""
    opened = ctx.flows.bound.get(node.value, [None])[-1] if isinstance(node, cst.Name) else node
    if isinstance(opened, cst.Call) and opened.args and (
            ctx.kind_of(opened) == FILE or ctx.qualify(opened.func) == "pandas.ExcelFile"):
        return opened.args[0].value
    return None


def _maybe_mounted(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Whether a path pandas reads or writes on Databricks starts with text the code does not spell
    (`f"{DA.paths.datasets}/x.parquet"`): pandas sees DBFS only through its `/dbfs` mount, which Spark does not."""
    text = ctx.values.path_text(node)
    return "databricks" in (ctx.target, ctx.source.platform) and (text is None or text.startswith(" name ")) \
        and not (isinstance(node, cst.Name) and ctx.values.text(node) is None and ctx.kind_of(node) is not None)


def _spark_path(node: cst.BaseExpression, ctx: RuleContext) -> str:
    """Databricks' local mount `/dbfs/x` is `dbfs:/x` to Spark (`spark.read.parquet("/dbfs/x")` looks for
    `dbfs:/dbfs/x`): the path's leading text re-spelt where the code writes it, else the value re-spelt."""
    code = one_line(ctx, node)
    quoted = code.lstrip("rbfRBF")
    if quoted[1:].startswith(FUSE):
        return code[: len(code) - len(quoted) + 1] + "dbfs:" + quoted[1 + len(FUSE):]
    return f'{code if isinstance(node, cst.Name) else f"({code})"}.replace("{FUSE}", "dbfs:", 1)'


def _plain(node: cst.BaseExpression) -> bool:
    """A name, an attribute of one (`self.frame`), or a list of columns of one (`df[["a", "b"]]`)."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Subscript) and not (
                len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
                and isinstance(node.slice[0].slice.value, cst.List)):
            return False
        node = node.value
    return isinstance(node, cst.Name)


def _receiver_matches(rule: Rule, receiver: str | None) -> bool:
    return rule.match.unknown if receiver is None else receiver in rule.match.on


def _keywords_match(rule: Rule, node: cst.Call, ctx: RuleContext) -> bool:
    if not rule.match.keywords:
        return True
    given = {a.keyword.value: ctx.code(a.value) for a in node.args if a.keyword is not None}
    return all(given.get(name) in accepted or ANY_VALUE in accepted and given.get(name) not in (None, "None")
               for name, accepted in rule.match.keywords.items())
