"""PySpark code that brings rows, work or whole plans back to the driver, in shapes a table cannot match.

Each class answers one question a method name alone cannot: is `take(n)` large, is this
`count()` only an emptiness test, does a loop visit collected rows, is this `withColumn` inside a
loop, was the data handed to `createDataFrame` built on the driver, does a `toPandas()` copy end
in a scikit-learn `fit`.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from sparklint.catalog import call_rule
from sparklint.context import RuleContext
from sparklint.names import dotted
from sparklint.patterns import Pattern
from sparklint.patterns.row_loops import RowLoop, draws_random
from sparklint.patterns.shapes import (
    assigned_names,
    int_literal,
    line_label,
    method_call,
    names_in,
    one_line,
    reader_options,
    rebind,
    root_name,
    string_literal,
)
from sparklint.rule import SUGGESTION_WORDS, Rule
from sparklint.tree import argument, descendants, picks_first
from sparklint.values import (
    ESTIMATOR,
    NUMPY,
    PANDAS,
    RDD,
    READER,
    ROWS,
    SESSION,
    SMALL_KINDS,
    SMALL_ROWS,
    SPARK,
    SPARK_CONTEXT,
    SPARK_PANDAS,
    callee_name,
    few_rows,
    literal,
)

UDF = "pyspark.sql.functions.udf"
FILE_MOVES = ("fs.cp", "fs.mv", "shutil.copy", "shutil.copyfile", "shutil.move", "os.rename", "os.replace")
PANDAS_UDF = "pyspark.sql.functions.pandas_udf"
# What SPL611 suggests instead: a vectorised UDF, or, for an ML vector read by element or made a list, no UDF at all
# (a pandas_udf cannot take a vector: Arrow carries none).
ROW_UDF = ("pandas_udf({return_type})({function})  # take and return pandas Series, one Arrow batch per call; "
           "better, a built-in from pyspark.sql.functions")
ROW_UDF_DECORATOR = ("pandas_udf({return_type})  # as {function}'s decorator: it takes and returns pandas Series, one "
                     "Arrow batch per call; better, a built-in from pyspark.sql.functions")
# A body that treats its values as scalars (`s.strip()`, `int(v)`, `if v > 0`) fails on a pandas_udf's Series; an
# Arrow-optimised UDF (Spark 3.5+) keeps it as it is.
ARROW_UDF = ("udf({function}{given_type}, useArrow=True)  # Spark 3.5+: rows reach Python in Arrow batches, the "
             "function still called once per value, as its body treats each value as a scalar, which a pandas_udf's "
             "Series is not; before 3.5, for a return type that is no struct: pandas_udf({return_type})(lambda "
             "*columns: pd.Series(list(map({function}, *columns)))) (a struct's pandas_udf returns a pd.DataFrame of "
             "its fields); better, built-ins from pyspark.sql.functions")
ARROW_UDF_DECORATOR = ("udf({given_type}useArrow=True)  # as {function}'s decorator, Spark 3.5+: rows "
                       "reach Python in Arrow batches, the function still called once per value, as its body treats "
                       "each value as a scalar, which a pandas_udf's Series is not; better, built-ins from "
                       "pyspark.sql.functions")
# What SPL611 suggests for a UDF of no column: a value made per row, which built-ins make on the JVM (and which an
# Arrow-optimised UDF, batching its input columns, cannot make from none).
NO_INPUT_UDF = ("# {function} takes no column: it makes one value per row, as built-ins do on the executors' JVMs: "
                "F.expr(\"uuid()\") for an id (F.uuid() from Spark 4), F.rand(seed) or F.randn(seed) for a draw, "
                "F.monotonically_increasing_id() for a unique number")
NO_INPUT_ID = "F.expr(\"uuid()\")  # in place of {function}(): a random UUID per row, made on the executors (F.uuid() from Spark 4)"
# What an expression may hold and still compute the same on whole pandas Series as on single values.
SERIES_SAFE = (cst.Name, cst.Integer, cst.Float, cst.SimpleString, cst.BinaryOperation, cst.UnaryOperation,
               cst.Comparison, cst.ComparisonTarget)
SCALAR_ONLY_OPERATORS = (cst.Not, cst.In, cst.NotIn, cst.Is, cst.IsNot)
VECTOR_COLUMN = "vector_to_array(F.col(column))"
VECTOR_ELEMENT = (VECTOR_COLUMN + "[{index}]  # pyspark.ml.functions.vector_to_array: an ML vector's "
                  "element with built-ins, no UDF (a pandas_udf cannot take a vector); an array column: F.col(column)[{index}]")
VECTOR_ARRAY = (VECTOR_COLUMN + "  # pyspark.ml.functions: an ML vector's values as an array column, "
                "no UDF (a pandas_udf cannot take a vector){then}")
# What VECTOR_ARRAY adds for a function that computes more from the vector's values than the values themselves.
VECTOR_THEN = ("; what the function computes from them after (a sort, a top k, a sum, the elements at another "
               "column's positions) with array functions on that column (F.array_sort, F.slice, F.aggregate, "
               "F.transform(positions, lambda i: values[i])), or a @pandas_udf taking it")
# A UDF a pipeline stage takes (SynapseML's `UDFTransformer().setUDF(udf(...))`): the stage needs a UDF object.
UDF_STAGE = ("scored.withColumn(output_column, {expression})  # the stage (setUDF) takes a UDF, not a column: drop it "
             "and add the column to the pipeline's output instead; {note}")
VALUES_ONLY = frozenset({"toArray", "tolist", "list", "float"})  # calls that only hand a vector's values on
FITS = frozenset({"fit", "fit_transform", "partial_fit"})
# (comparison operator, constant) -> whether `count() <op> constant` asks "is it empty?"
EMPTY_TESTS = {("==", 0): True, ("<=", 0): True, ("<", 1): True, ("!=", 0): False, (">", 0): False, (">=", 1): False}
MIRRORED = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}


def spark_receiver(node: cst.CSTNode, methods: tuple[str, ...], ctx: RuleContext) -> cst.BaseExpression | None:
    """The receiver of `df.<method>(...)` when it is a Spark DataFrame or RDD.

    A receiver of unknown kind counts only in files that do not import pandas, whose frames
    share these method names.
    """
    receiver = method_call(node, methods)
    if receiver is None or ctx.qualify(node.func) is not None:  # type: ignore[attr-defined]
        return None
    kind = ctx.kind_of(receiver)
    if kind in (SPARK, RDD) or (kind is None and "pandas" not in ctx.imports.modules):
        return receiver
    return None


def emptiness_test(test: cst.BaseExpression, ctx: RuleContext) -> tuple[cst.Call, bool] | None:
    """`(count call, asks-if-empty)` for `df.count() == 0`, `0 < df.count()`, `not df.count()`, `df.count()`."""
    negated = False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        negated, test = True, test.expression
    if isinstance(test, cst.Call) and not test.args and spark_receiver(test, ("count",), ctx) is not None:
        return test, negated
    if negated or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator = ctx.code(target.operator)
    left, right = test.left, target.comparator
    if int_literal(left) is not None:
        left, right, operator = right, left, MIRRORED.get(operator, operator)
    empty = EMPTY_TESTS.get((operator, int_literal(right)))  # type: ignore[arg-type]
    if empty is None or not isinstance(left, cst.Call) or left.args:
        return None
    return (left, empty) if spark_receiver(left, ("count",), ctx) is not None else None


class _CountTests(Pattern):
    """Finds emptiness tests in `if`/`while`/`assert` tests, conditional expressions and comparisons."""

    needs = ("count",)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.tested: set[int] = set()

    def visit_Comparison(self, node: cst.Comparison, ctx: RuleContext) -> None:
        self._test(node, node, ctx)

    def visit_If(self, node: cst.If, ctx: RuleContext) -> None:
        self._test(node.test, node.test, ctx)

    def visit_While(self, node: cst.While, ctx: RuleContext) -> None:
        self._test(node.test, node.test, ctx)

    def visit_Assert(self, node: cst.Assert, ctx: RuleContext) -> None:
        self._test(node.test, node.test, ctx)

    def visit_IfExp(self, node: cst.IfExp, ctx: RuleContext) -> None:
        self._test(node.test, node.test, ctx)

    def _test(self, test: cst.BaseExpression, where: cst.CSTNode, ctx: RuleContext) -> None:
        found = emptiness_test(test, ctx)
        if found is not None and id(found[0]) not in self.tested:
            self.tested.add(id(found[0]))
            self.on_test(where, found[0], found[1], ctx)

    def on_test(self, where: cst.CSTNode, count: cst.Call, empty: bool, ctx: RuleContext) -> None:
        """Called once per emptiness test found."""


class CountEmptiness(_CountTests):
    """`df.count() == 0`, `if df.count():` — counting every row to learn whether there is one."""

    def on_test(self, where: cst.CSTNode, count: cst.Call, empty: bool, ctx: RuleContext) -> None:
        receiver = one_line(ctx, count.func.value)  # type: ignore[attr-defined]
        ctx.report(self.rule, where, receiver=receiver, test=ctx.code(where),
                   instead=f"{receiver}.isEmpty()" if empty else f"not {receiver}.isEmpty()",
                   older=f"len({receiver}.head(1)) {'==' if empty else '>'} 0")


class CountInLoop(_CountTests):
    """`df.count()` inside a `for` loop (emptiness tests are SPL606's): one full Spark job per iteration. The
    steps of a `while` loop depend on each other (a convergence test, a poll), so its counts cannot be one job."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if node.args or id(node) in self.tested or not ctx.in_loop() or isinstance(ctx.loops[-1], cst.While):
            return
        receiver = spark_receiver(node, ("count",), ctx)
        if receiver is not None and not _read_here(receiver, ctx):
            ctx.report(self.rule, node, receiver=one_line(ctx, receiver))


def _read_here(plan: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Whether a DataFrame expression reads its data itself (`spark.table(name)…`, `spark.read…`): in a loop,
    each iteration then counts another table, or the same one as it grows (a polling loop), and one
    job per iteration is what the code asks for."""
    return any(isinstance(call.func, cst.Attribute) and ctx.kind_of(call.func.value) in (SESSION, READER)
               for call in descendants(plan, cst.Call))


def bounded(receiver: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Whether a receiver of unknown kind is a few rows by its own plan (`values.Values.bounds`), as metadata SQL on
    a session handed in as a parameter is (`session.sql("SHOW VIEWS")`)."""
    return isinstance(receiver, cst.Call) and ctx.values.bounds(None, receiver)


# What SPL603 suggests, by what the loop does and what it loops over: a Python collection filled with the rows'
# values is no loop body for `withColumn`; an RDD has no DataFrame methods; a receiver of unknown kind gets words.
COLLECTS = ("# the values are pulled into a Python collection on the driver: fine when {receiver} is small (a lookup "
            "list, ids to draw from); else keep them in a DataFrame and join, filter or sample on the cluster")
DATAFRAME_LOOP = ("{receiver}.withColumn(...)  # express the loop body as DataFrame operations: .withColumn(...), "
                  ".groupBy(...).agg(...), joins")
RDD_LOOP = "{receiver}.map(fn)  # the loop body as a function of one record, run on the executors; .toDF() for DataFrame operations"
UNKNOWN_LOOP = ("# express the loop body on the cluster: DataFrame operations (.withColumn, .groupBy().agg, joins) if "
                "{receiver} is a Spark DataFrame, .map(fn) if it is an RDD; sparklint cannot tell which")
# Calls that only convert a value read from a row, adding no computation of their own.
CONVERSIONS = frozenset({"str", "int", "float", "bool", "tuple", "list", "dict"})


class LoopOverCollectedRows(RowLoop):
    """`for row in df.collect()`, `toLocalIterator()`, a name holding collected rows; comprehensions too."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.elements: dict[int, list[cst.BaseExpression]] = {}  # a comprehension's `for` -> what it keeps

    def visit_ListComp(self, node: cst.ListComp, ctx: RuleContext) -> None:
        self.elements[id(node.for_in)] = [node.elt]

    def visit_SetComp(self, node: cst.SetComp, ctx: RuleContext) -> None:
        self.elements[id(node.for_in)] = [node.elt]

    def visit_DictComp(self, node: cst.DictComp, ctx: RuleContext) -> None:
        self.elements[id(node.for_in)] = [node.key, node.value]

    def row_source(self, iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
        receiver = method_call(iterable, ("collect", "toLocalIterator"))
        if receiver is not None:
            kind = ctx.kind_of(receiver)
            return one_line(ctx, receiver) if kind in (SPARK, RDD) or kind is None and not bounded(receiver, ctx) else None
        return "df" if ctx.kind_of(iterable) == ROWS else None  # the DataFrame is out of sight

    def fields(self, node: cst.For | cst.CompFor, receiver: str, ctx: RuleContext) -> dict[str, str]:
        if self._only_collects(node):
            template = COLLECTS
        else:
            collected = method_call(node.iter, ("collect", "toLocalIterator"))
            kind = ctx.kind_of(collected) if collected is not None else SPARK  # rows by name: a DataFrame's
            template = {SPARK: DATAFRAME_LOOP, RDD: RDD_LOOP}.get(kind or "", UNKNOWN_LOOP)
        return {"instead": template.format(receiver=receiver)}

    def _only_collects(self, node: cst.For | cst.CompFor) -> bool:
        """Whether the loop only copies values of each row into a list, set or dict: no per-row computation."""
        if isinstance(node, cst.CompFor):
            kept = self.elements.get(id(node))
            return kept is not None and node.inner_for_in is None and all(_reads_fields(e) for e in kept)
        statements = [s for line in node.body.body if isinstance(line, cst.SimpleStatementLine) for s in line.body]
        return len(statements) == len(node.body.body) and bool(statements) and all(map(_fills, statements))


def _fills(statement: cst.BaseSmallStatement) -> bool:
    """`out.append(row.x)`, `seen.add(row.x)`, `by_key[row.k] = row.v`: a row's values copied into a collection."""
    if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
        call = statement.value
        return method_call(call, ("append", "add")) is not None and len(call.args) == 1 \
            and _reads_fields(call.args[0].value)
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        target = statement.targets[0].target
        return isinstance(target, cst.Subscript) and _reads_fields(target) and _reads_fields(statement.value)
    return isinstance(statement, cst.Pass)


def _reads_fields(node: cst.BaseExpression) -> bool:
    """Whether an expression only reads values (`row.id`, `row["k"]`, `(r.a, r.b)`, `str(r.id)`, `r.asDict()`)."""
    if isinstance(node, (cst.Name, cst.BaseNumber, cst.SimpleString)):
        return True
    if isinstance(node, cst.Attribute):
        return _reads_fields(node.value)
    if isinstance(node, cst.Subscript):
        return _reads_fields(node.value) and all(
            isinstance(e.slice, cst.Index) and _reads_fields(e.slice.value) for e in node.slice)
    if isinstance(node, (cst.Tuple, cst.List)):
        return all(_reads_fields(e.value) for e in node.elements)
    if isinstance(node, cst.Call):  # a getter (`row.asDict()`, a Java tuple's `t._1()`) or a conversion
        if isinstance(node.func, cst.Attribute):
            return not node.args and _reads_fields(node.func.value)
        return isinstance(node.func, cst.Name) and node.func.value in CONVERSIONS and len(node.args) == 1 \
            and _reads_fields(node.args[0].value)
    return False


class TakeManyRows(Pattern):
    """`take(n)` / `head(n)` / `tail(n)` on a Spark DataFrame or RDD with n unknown or above SMALL_ROWS."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, ("take", "head", "tail"))
        if receiver is None or ctx.kind_of(receiver) not in (SPARK, RDD):
            return
        count = argument(node, 0, "n", "num")
        rows = ctx.values.integer(count) if count is not None else None  # a literal, a constant, `self.N`
        if count is not None and (rows is None or rows > SMALL_ROWS):
            ctx.report(self.rule, node, **{**ctx.call_fields(node), "n": ctx.code(count)})


class CollectAll(Pattern):
    """`collect()` on a Spark DataFrame or RDD, unless the plan is already small (a bounded kind, see
    `values.SPARK_SMALL`; for a receiver of unknown kind, the same bounds: `values.Values.bounds`). A module's function (`gc.collect()`) is never a DataFrame's."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.first_only: set[int] = set()  # `collect()` calls whose first row alone is used: `collect()[0]`

    def visit_Subscript(self, node: cst.Subscript, ctx: RuleContext) -> None:
        if picks_first(node):
            self.first_only.add(id(node.value))

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, ("collect",))
        if receiver is None or ctx.qualify(node.func) is not None:
            return
        kind = ctx.kind_of(receiver)
        if kind in (SPARK, RDD) or kind is None and not bounded(receiver, ctx):
            # an RDD has no `limit`: a look at a few rows is `take`, which a receiver of unknown kind has too
            first = {SUGGESTION_WORDS: FIRST_ROW.format(receiver=one_line(ctx, receiver))} \
                if id(node) in self.first_only else {}
            ctx.report(self.rule, node, what="RDD" if kind == RDD else "DataFrame",
                       look="limit(20).collect()" if kind == SPARK else "take(20)", **ctx.call_fields(node), **first)


# What SPL602 suggests for `collect()[0]`, which pulls every row to keep the first.
FIRST_ROW = "{receiver}.first()  # the first row alone; collect()[0] brings every row to the driver to keep one"
# Functions that read a data file into the driver's memory: data that came from them has a source Spark can read.
FILE_READERS = ("pandas.read_", "numpy.load", "numpy.fromfile", "numpy.genfromtxt", "polars.read_",
                "pyarrow.parquet.read_", "pyarrow.csv.read_")
DISTRIBUTED_DATASETS = frozenset({"ray", "dask"})  # engines whose datasets `to_pandas()` gathers on the driver
FETCHES = ("fetchall", "fetchmany")  # a DB-API cursor's methods that return its rows
# What SPL609 suggests, by where the data came from: a file Spark can read, rows the code makes, or neither known.
READ_INSTEAD = ("spark.read.parquet(path)  # read the data's source with Spark (spark.read.csv, spark.read.json, "
                "spark.table for a catalog table) instead of building it on the driver")
READ_LIKE = "the file `{reader}` read, read by Spark ({code}) instead of built on the driver"
GENERATE_INSTEAD = ("spark.range(n).select(F.col(\"id\"), F.rand(seed=7).alias(\"value\"))  # generate the rows on the "
                    "executors: spark.range and column expressions (F.rand, F.randn, F.expr), or "
                    "sc.parallelize(range(n), slices).map(make_row) with the code that makes one row")
FETCHED_INSTEAD = ("spark.read.format(\"jdbc\").option(\"url\", jdbc_url).option(\"query\", sql).option(\"user\", user)"
                   ".option(\"password\", password).load()  # rows a database cursor fetched on the driver: Spark's JDBC "
                   "source runs the cursor's query (sql) itself; jdbc_url: the database's JDBC URL "
                   "(jdbc:postgresql://host:5432/db); for a large table, .option(\"dbtable\", table) in place of query, "
                   "with partitionColumn, lowerBound, upperBound and numPartitions, spreads the read over the executors")
GATHERED_INSTEAD = ("# `{dataset}` is gathered on the driver only to be handed to Spark: have it write its rows to "
                    "storage every executor reads (a Ray Dataset: {dataset}.write_parquet(path); Dask: "
                    "{dataset}.to_parquet(path)), then spark.read.parquet(path)")
GATHERED_CHANGED = ("# `{name}`, gathered from `{dataset}` on the driver, is changed there (`{changed} = ...`) before "
                    "Spark gets it: while its rows fit the driver, handing it over is what remains; for more, have "
                    "`{dataset}` write its rows to storage every executor reads ({dataset}.write_parquet(path) for a Ray "
                    "Dataset), spark.read.parquet(path), and make the change with Spark column expressions")
UNKNOWN_INSTEAD = ("# build the data where it will live: read its source with spark.read if it came from files, "
                   "generate its rows on the executors (spark.range(n) with F.rand, F.randn, F.expr) if the code makes "
                   "them, or, if it came from a Spark DataFrame's toPandas(), keep that DataFrame and do the pandas "
                   "steps between as its own operations: no round trip through the driver")


class _LocalData(Pattern):
    """Knows which names hold data built in the driver's memory: frames, arrays, lists grown in loops, and which of
    them came from a data file."""

    method = ""
    receiver_kind = ""
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.local: dict[str, str] = {}  # name -> what it holds
        self.read: dict[str, cst.Call] = {}  # names whose data came from a file -> the reader's call that loaded it
        self.made: set[str] = set()  # names of lists whose rows the code makes: counted out or drawn at random
        self.empty_lists: set[str] = set()
        self.literals: set[str] = set()  # names bound to data written out in the code (`ids = [1, 2]`)
        self.sourced: dict[str, str] = {}  # names bound to rows a cursor fetched or a dataset gathered -> what instead

    def written_in_code(self, node: cst.Call | cst.ListComp | cst.GeneratorExp | cst.SetComp | cst.DictComp) -> bool:
        """`list(zip(ids, labels))`, `tuple(enumerate(names))`, `[(url,) for url in urls]`: rows put together from
        data written out in the code, directly or through names bound to it, as small as what was written; `zip` stops
        at its shortest part, so one part written out bounds it (`zip(papers, summaries)` of four papers)."""
        parts: list[cst.BaseExpression] = [f.iter for f in descendants(node, cst.CompFor)] if not isinstance(
            node, cst.Call) else [a.value for a in node.args]
        return bool(parts) and all(self._written(part) for part in parts)

    def _written(self, part: cst.BaseExpression) -> bool:
        if isinstance(part, cst.Call) and isinstance(part.func, cst.Name) and part.func.value in ("zip", "enumerate"):
            found = [self._written(a.value) for a in part.args]
            return bool(found) and (any(found) if part.func.value == "zip" else all(found))
        return literal(part) or isinstance(part, cst.Name) and part.value in self.literals

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        if literal(node.value) or _fetched_few(node.value, ctx):
            self.literals.update(assigned_names(node))
        else:
            self.literals.difference_update(assigned_names(node))
        what = self.local_data(node.value, ctx)
        read = self.reader_of(node.value, ctx) if what is not None else None
        empty = isinstance(node.value, cst.List) and not node.value.elements
        made = what is not None and self.makes_rows(node.value, ctx)
        for name in assigned_names(node):
            self.local.pop(name, None)
            self.sourced.pop(name, None)
            if (sourced := _source_elsewhere(node.value, ctx, name)) is not None:
                self.sourced[name] = sourced
            self.empty_lists.discard(name)
            self.read.pop(name, None)
            self.made.discard(name)
            if what is not None:
                self.local[name] = what
            elif empty:
                self.empty_lists.add(name)
            if read:
                self.read[name] = read
            if made:
                self.made.add(name)

    def reader_of(self, node: cst.BaseExpression, ctx: RuleContext) -> cst.Call | None:
        """The reader's call (of FILE_READERS) a value's data came from a file by, directly or through a name."""
        for part in descendants(node, (cst.Call, cst.Name)):
            call = self.read.get(part.value) if isinstance(part, cst.Name) else part
            if call is not None and (ctx.qualify(call.func) or "").startswith(FILE_READERS):
                return call
        return None

    def makes_rows(self, node: cst.BaseExpression, ctx: RuleContext) -> bool:
        """Whether a list's rows are made by the code, not copied from other data: a comprehension over `range(n)`
        or drawing random values, or a name holding such a list."""
        if isinstance(node, cst.Name):
            return node.value in self.made
        comprehension = isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp, cst.DictComp))
        return comprehension and (draws_random(node, ctx) or any(
            _counts(f.iter, ctx) for f in descendants(node, cst.CompFor)))

    def local_data(self, node: cst.BaseExpression, ctx: RuleContext) -> str | None:
        """What a value holds if it is data built on the driver ("a pandas frame", …), else None. A value small by
        construction (`SMALL_KINDS`: records gathered from an API's objects, a payload) is no data set."""
        kind = ctx.kind_of(node)
        if kind in (PANDAS, NUMPY):
            return "a pandas frame" if kind == PANDAS else "a NumPy array"
        if kind in SMALL_KINDS:
            return None
        if isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp, cst.DictComp)):
            return None if self.written_in_code(node) else "a list built in Python"
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("list", "tuple") \
                and not self.written_in_code(node):
            return "a list built in Python"  # list(range(n)) materialises every element on the driver
        if isinstance(node, cst.Name):
            return self.local.get(node.value)
        if method_call(node, ("tolist", "to_dict", "to_records")) is not None:
            return "a list made from a local frame"
        return None

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        grown = method_call(node, ("append", "extend"))
        if isinstance(grown, cst.Name) and grown.value in self.empty_lists and ctx.in_loop():
            self.local[grown.value] = "a list built in Python"
            loop = ctx.loops[-1]
            if isinstance(loop, cst.For) and _counts(loop.iter, ctx) or draws_random(loop, ctx):
                self.made.add(grown.value)
            return
        receiver = method_call(node, (self.method,))
        if receiver is None or ctx.kind_of(receiver) != self.receiver_kind:
            return
        data = argument(node, 0, "data", "c")
        what = self.local_data(data, ctx) if data is not None else None
        if data is not None and what is not None:
            ctx.report(self.rule, node, what=what, **self.fields(data, what, ctx), **ctx.call_fields(node))

    def fields(self, data: cst.BaseExpression, what: str, ctx: RuleContext) -> dict[str, str]:
        """Template fields a subclass adds to `what` and the call's own."""
        return {}


def _counts(iterable: cst.BaseExpression, ctx: RuleContext) -> bool:
    """`range(...)`: turns that count out rows rather than visit other data."""
    return isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value == "range" \
        and ctx.qualify(iterable.func) is None


class CreateDataFrameFromLocalData(_LocalData):
    method = "createDataFrame"
    needs = (method,)
    receiver_kind = SESSION

    def fields(self, data: cst.BaseExpression, what: str, ctx: RuleContext) -> dict[str, str]:
        """What to write instead: for data from a file, what the reader's own rule suggests (`spark.read.csv(path,
        header=True, …)` for `pd.read_csv`); executors generating rows the code makes."""
        call = self.reader_of(data, ctx)
        if call is not None:
            reader = ctx.qualify(call.func) or ""
            rule = call_rule(reader)
            if rule is None:
                return {"instead": READ_INSTEAD}
            read = rule.render_suggestion({"0": "path", **reader_options(reader, call, ctx)})
            note = READ_LIKE.format(reader=reader, code=rule.code)
            return {"instead": read + ("; " if "  # " in read else "  # ") + note}
        for part in descendants(data, (cst.Name, cst.Call)):
            sourced = self.sourced.get(part.value) if isinstance(part, cst.Name) else _source_elsewhere(part, ctx)
            if sourced is not None:
                return {"instead": sourced}
        return {"instead": GENERATE_INSTEAD if self.makes_rows(data, ctx) else UNKNOWN_INSTEAD}


def _fetched_few(value: cst.BaseExpression, ctx: RuleContext) -> bool:
    """Rows a DB-API cursor fetched (`cur.fetchall()`) after a query that returns a few rows whatever the table's size
    (`... LIMIT 20`, an aggregate: `values.few_rows`), the query being the last the same cursor executed before."""
    cursor = method_call(value, FETCHES)
    if cursor is None:
        return False
    query = None
    for call in ctx.every(cst.Call):
        if call is value:
            break
        executed = method_call(call, ("execute",))
        if executed is not None and call.args and root_name(executed) == root_name(cursor):
            query = ctx.values.text(call.args[0].value)
    return few_rows(query)


def _source_elsewhere(value: cst.BaseExpression, ctx: RuleContext, name: str | None = None) -> str | None:
    """What SPL609 suggests for rows that live elsewhere first: a database a cursor fetched them from
    (`cur.fetchall()`), or a distributed dataset gathered on the driver (`ds.to_pandas()` of a Ray or Dask dataset,
    `ddf.compute()` in a file that imports one: not Spark's, not a local library's such as a pyarrow Table); a
    gathered frame the code then changes on the driver (`name["c"] = ...`) holds what the dataset does not."""
    if method_call(value, FETCHES) is not None:
        return FETCHED_INSTEAD
    gathered = method_call(value, ("to_pandas", "compute"))
    if gathered is None or ctx.kind_of(gathered) is not None or DISTRIBUTED_DATASETS.isdisjoint(ctx.imports.modules):
        return None
    changed = next((target.target for assign in ctx.every(cst.Assign) for target in assign.targets
                    if isinstance(target.target, cst.Subscript) and root_name(target.target) == name), None)
    if changed is not None:
        return GATHERED_CHANGED.format(dataset=one_line(ctx, gathered), name=name, changed=one_line(ctx, changed))
    return GATHERED_INSTEAD.format(dataset=one_line(ctx, gathered))


class ParallelizeLocalData(_LocalData):
    method = "parallelize"
    needs = (method,)
    receiver_kind = SPARK_CONTEXT


class PythonRowUdf(Pattern):
    """`@udf`, `F.udf(fn)` and `spark.udf.register(name, fn)` with a plain Python function (not `pandas_udf`)."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.in_decorators: set[int] = set()
        self.udf_decorators: dict[int, dict[str, str]] = {}  # decorator id -> template fields
        self.vectorised: set[str] = set()  # functions decorated with pandas_udf

    def visit_FunctionDef(self, node: cst.FunctionDef, ctx: RuleContext) -> None:
        for decorator in node.decorators:
            target = decorator.decorator
            call = target if isinstance(target, cst.Call) else None
            qualified = ctx.qualify(call.func if call is not None else target)
            if call is not None:
                self.in_decorators.add(id(call))
            if qualified == PANDAS_UDF:
                self.vectorised.add(node.name.value)
            elif qualified == UDF:
                returns = argument(call, 0, "returnType") if call is not None else None
                self.udf_decorators[id(decorator)] = self._fill(node.name.value, returns, ctx, node, decorates=True)

    def visit_Decorator(self, node: cst.Decorator, ctx: RuleContext) -> None:
        """Reported here, where the walk is outside the function again: the decorator runs on the driver."""
        fill = self.udf_decorators.pop(id(node), None)
        if fill is not None:
            ctx.report(self.rule, node, **fill)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if id(node) in self.in_decorators:
            return
        if ctx.qualify(node.func) == UDF:
            function = argument(node, 0, "f")
            if function is not None:
                fill = self._fill(_spelt(function, ctx), argument(node, 1, "returnType"), ctx, self._body(function, ctx))
                if fill["instead"].startswith(VECTOR_COLUMN) and any(  # no UDF at all, where a stage needs one
                        callee_name(call.func) == "setUDF" and any(a.value is node for a in call.args)
                        for call in ctx.every(cst.Call)):
                    code, _, note = fill["instead"].partition("  # ")
                    fill["instead"] = UDF_STAGE.format(expression=code, note=note)
                ctx.report(self.rule, node, **fill)
            return
        registry = method_call(node, ("register",))
        function = argument(node, 1, "f")
        if registry is None or not ctx.code(registry).endswith(".udf") or function is None:
            return
        if isinstance(function, cst.Lambda) or (
            isinstance(function, cst.Name) and function.value in ctx.definitions
            and function.value not in self.vectorised
        ):
            ctx.report(self.rule, node, **self._fill(_spelt(function, ctx), argument(node, 2, "returnType"), ctx,
                                                     self._body(function, ctx)))

    @staticmethod
    def _body(function: cst.BaseExpression, ctx: RuleContext) -> cst.CSTNode | None:
        """The code of a UDF's function: the lambda, or the function of the file it names."""
        return ctx.definitions.get(function.value) if isinstance(function, cst.Name) else function

    @staticmethod
    def _fill(function: str, returns: cst.BaseExpression | None, ctx: RuleContext,
              body: cst.CSTNode | None = None, decorates: bool = False) -> dict[str, Any]:
        """The suggestion for a UDF whose function is `body` (a lambda or a function of the file; None when it is
        defined elsewhere): a pandas_udf only for a body known to compute the same on whole Series."""
        index = _vector_element(body, ctx) if body is not None else None
        if index is not None:
            return {"function": function, "instead": VECTOR_ELEMENT.format(index=index)}
        if body is not None and any(method_call(call, ("toArray",)) is not None
                                    for call in descendants(body, cst.Call)):
            converts = all(callee_name(call.func) in VALUES_ONLY for call in descendants(body, cst.Call)) \
                and not descendants(body, cst.Subscript)  # `v.toArray()[indices]` picks, not hands on
            return {"function": function, "instead": VECTOR_ARRAY.format(then="" if converts else VECTOR_THEN)}
        typed = one_line(ctx, returns) if returns is not None else None
        if isinstance(body, (cst.FunctionDef, cst.Lambda)) and not descendants(body.params, cst.Param):
            makes_ids = any((ctx.qualify(call.func) or "").startswith("uuid.") for call in descendants(body, cst.Call))
            instead = (NO_INPUT_ID if makes_ids else NO_INPUT_UDF).format(function=function)
        elif body is not None and _vectorises(body):
            template = ROW_UDF_DECORATOR if decorates else ROW_UDF
            instead = template.format(return_type=typed or '"double"', function=function)
        elif decorates:  # no type given stays none: udf's default (a string) is what the user has
            instead = ARROW_UDF_DECORATOR.format(given_type=f"returnType={typed}, " if typed else "", function=function)
        else:
            instead = ARROW_UDF.format(given_type=f", {typed}" if typed else "", return_type=typed or '"string"',
                                       function=function)
        return {"function": function, "instead": instead}



def _spelt(function: cst.BaseExpression, ctx: RuleContext) -> str:
    """A UDF's function as a suggestion names it: by its name, or a short lambda as written, so that the code pasted
    keeps it; a long lambda is `fn`, its body to be moved into a function of that name."""
    text = one_line(ctx, function)
    return text if isinstance(function, cst.Name) or isinstance(function, cst.Lambda) and len(text) <= 80 else "fn"

def _vectorises(function: cst.CSTNode) -> bool:
    """Whether a UDF's function computes the same on whole pandas Series as on single values: it returns one expression
    of its parameters made only of arithmetic and comparisons (`a / b`, `(x - 3) * 2 > y`), no call, member,
    subscript, condition or `in`."""
    if isinstance(function, cst.Lambda):
        returned: cst.BaseExpression | None = function.body
    elif isinstance(function, cst.FunctionDef):
        lines = function.body.body if isinstance(function.body, cst.IndentedBlock) else [function.body]
        simple = [line for line in lines if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))]
        if len(simple) != len(lines):
            return False  # an `if`, a loop: a condition on the values
        code = [s for line in simple for s in line.body
                if not (isinstance(s, cst.Expr) and isinstance(s.value, cst.SimpleString))]
        returned = code[0].value if len(code) == 1 and isinstance(code[0], cst.Return) else None
    else:
        return False
    if returned is None:
        return False
    parameters = {p.name.value for p in descendants(function, cst.Param)}
    parts = descendants(returned, cst.CSTNode)
    return any(isinstance(part, cst.Name) and part.value in parameters for part in parts) and all(
        isinstance(part, SERIES_SAFE) and not isinstance(getattr(part, "operator", None), SCALAR_ONLY_OPERATORS)
        for part in parts)


def _vector_element(function: cst.CSTNode, ctx: RuleContext) -> str | None:
    """The index (as code) when a UDF reads one element of an ML vector, `float(v[i])` or `v.toArray()[1]`, the
    way a class's probability is taken from a classifier's `probability` vector. One element: a literal index, or
    a subscript made a number (`float(...)`); `v.toArray()[indices].tolist()` picks several."""
    parameters = {p.name.value for p in descendants(function, cst.Param)}
    numbers = {id(c.args[0].value) for c in descendants(function, cst.Call)
               if isinstance(c.func, cst.Name) and c.func.value in ("float", "int") and len(c.args) == 1}
    for subscript in descendants(function, cst.Subscript):
        element = subscript.slice[0].slice if len(subscript.slice) == 1 else None
        if not isinstance(element, cst.Index) or isinstance(element.value, (cst.SimpleString, cst.FormattedString)):
            continue  # a slice, or a struct's or map's field by name: no vector element
        vector = subscript.value
        one = id(subscript) in numbers or int_literal(element.value) is not None
        if one and (method_call(vector, ("toArray",)) is not None
                    or isinstance(vector, cst.Name) and vector.value in parameters and id(subscript) in numbers):
            return one_line(ctx, element.value)
    return None


class WithColumnInLoop(Pattern):
    """`df = df.withColumn(...)` (or `withColumnRenamed`) repeated by a loop: one plan node per step."""

    INSTEAD = {"withColumn": "withColumns(new_columns)  # one projection for all the loop's columns: the loop "
                             "collects each name and its Column first, new_columns[name] = expr",
               "withColumnRenamed": "withColumnsRenamed(renames)  # one projection for all the loop's renames: the "
                                    "loop collects each old and new name first, renames[old] = new"}
    # A column named by a literal is the same column every iteration: a dict keeps one entry per name, so the
    # loop's steps become one expression, each wrapping the one before.
    SAME_COLUMN = ("withColumn({column}, value)  # the loop rewrites {column} every time, which a dict of columns "
                   "cannot hold: start from value = F.col({column}), let each iteration wrap it (value = "
                   "F.when(condition, new).otherwise(value)), and add the column once after the loop")

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.reported: set[int] = set()

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, tuple(self.INSTEAD))
        if receiver is None or not ctx.in_loop() or id(ctx.loops[-1]) in self.reported:
            return
        loop = ctx.loops[-1]
        if isinstance(loop, cst.For) and isinstance(loop.iter, (cst.List, cst.Tuple)) and len(loop.iter.elements) < 10:
            return  # a handful of literal steps: the plan stays small
        if isinstance(receiver, cst.Name) and _made_afresh(loop, receiver.value) or _fed_to_a_model(loop):
            return  # read or built again every iteration: the plan starts over, it does not grow
        method = node.func.attr.value  # type: ignore[attr-defined]
        if method == "withColumnRenamed" and string_literal(argument(node, 0, "existing")) is not None:
            return  # the same column renamed every time: a step of the loop makes it anew, one dict cannot rename it
        if ctx.kind_of(receiver) in (SPARK, None) and ctx.qualify(node.func) is None:
            self.reported.add(id(ctx.loops[-1]))
            column = argument(node, 0, "colName")
            instead = self.INSTEAD[method]
            if method == "withColumn" and column is not None and string_literal(column) is not None:
                instead = self.SAME_COLUMN.format(column=ctx.code(column))
            ctx.report(self.rule, node, instead=instead, **ctx.call_fields(node))


def _fed_to_a_model(loop: cst.CSTNode) -> bool:
    """Whether each iteration hands the frame it rebinds to another object's `transform` (`df = knn.transform(
    df.withColumn(...))`): every iteration adds a model's stage, whose input the columns are; no dict folds them."""
    rebound = {name for assign in descendants(loop, cst.Assign) for name in assigned_names(assign)}
    return any(call.args and root_name(call.args[0].value) in rebound and root_name(call.func) not in rebound
               for call in descendants(loop, cst.Call) if method_call(call, ("transform",)) is not None)


def _made_afresh(loop: cst.CSTNode, name: str) -> bool:
    """Whether the loop assigns `name` a value that does not come from `name` itself."""
    for node in descendants(loop, cst.Assign):
        if any(isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets):
            if not any(n.value == name for n in descendants(node.value, cst.Name)):
                return True
    return False


# What SPL614 suggests, by what the one-partition frame is for: written, or used by the steps after it (a fit, a join).
WRITE_PARTS = ("{receiver}.write.parquet(path)  # drop .{method}(1): each partition writes its own part file; "
               "orderBy(...) first if order matters")
KEEP_PARTITIONS = ("# drop .{method}(1) and keep the frame's own partitions: what uses it next (a fit, a join, an "
                   "aggregate) then runs a task per partition; keep it only where a library must see all the rows in one task")


class SinglePartition(Pattern):
    """`repartition(1)` / `coalesce(1)` on a Spark DataFrame: every row through one task."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, ("repartition", "coalesce"))
        if receiver is None or ctx.qualify(node.func) is not None or ctx.kind_of(receiver) not in (SPARK, RDD, None):
            return
        if int_literal(argument(node, 0, "numPartitions")) == 1 and not _copies_a_file(ctx):
            method = node.func.attr.value  # type: ignore[attr-defined]
            own = _own_write(node, receiver, ctx)
            instead = f"{own}  # drop .{method}(1): each partition writes its own part file" if own else (
                WRITE_PARTS if _written(node, ctx) else KEEP_PARTITIONS).format(receiver=one_line(ctx, receiver),
                                                                                 method=method)
            ctx.report(self.rule, node, method=method, instead=instead, **ctx.call_fields(node))


def _own_write(node: cst.Call, receiver: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The write the statement makes of the one-partition frame itself (`sdf.coalesce(1).write.option(...).csv(out)`),
    spelt without the `coalesce(1)`: the user's format, options and mode kept."""
    line = ctx.statement(node)
    expression = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
    written = expression.value if isinstance(expression, cst.Expr) else None
    chain = written
    while isinstance(chain, (cst.Attribute, cst.Call)) and not (isinstance(chain, cst.Attribute)
                                                              and chain.attr.value == "write" and chain.value is node):
        chain = chain.func if isinstance(chain, cst.Call) else chain.value
    if written is None or not isinstance(chain, cst.Attribute):
        return None
    return one_line(ctx, written).replace(one_line(ctx, node), one_line(ctx, receiver), 1)


def _written(node: cst.Call, ctx: RuleContext) -> bool:
    """Whether the frame `node` gives is written: `.write` down its own chain (`df.coalesce(1).write.csv(…)`), or on a
    name it reaches through assignments, anywhere in the file. One partition for a frame that is cached and fitted
    is no write, and a writer is no answer to it."""
    assignments = ctx.every(cst.Assign)
    holders = {name for assign in assignments if any(call is node for call in descendants(assign.value, cst.Call))
               for name in assigned_names(assign)}
    grown = True
    while grown:
        fed = {name for assign in assignments if root_name(assign.value) in holders for name in assigned_names(assign)}
        grown = not fed <= holders
        holders |= fed
    for write in ctx.every(cst.Attribute):
        if write.attr.value in ("write", "writeStream"):
            chain = write.value
            while isinstance(chain, (cst.Attribute, cst.Call, cst.Subscript)) and chain is not node:
                chain = chain.func if isinstance(chain, cst.Call) else chain.value
            if chain is node or isinstance(chain, cst.Name) and chain.value in holders:
                return True
    return False


def _copies_a_file(ctx: RuleContext) -> bool:
    """Whether the function around the code copies or moves a file (`dbutils.fs.cp`, `shutil.move`, …): one
    partition written to pick up its single part file under a name of its own, which is the point."""
    function = next((s for s in reversed(ctx.scopes) if isinstance(s, cst.FunctionDef)), None)
    return function is not None and any((dotted(call.func) or "").endswith(FILE_MOVES)
                                        for call in descendants(function, cst.Call))


class ToPandasThenFit(Pattern):
    """A frame from `sdf.toPandas()` that flows, through assignments, into a single-node estimator's `fit`.

    Reported once per `toPandas()` at the first such `fit`, naming the line of the copy.
    """

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.origins: dict[str, cst.Call] = {}  # name -> the toPandas() call its value came from
        self.reported: set[int] = set()
        self.copies = False

    def visit_Module(self, node: cst.Module, ctx: RuleContext) -> None:
        self.copies = "toPandas" in ctx.source.code or "to_pandas" in ctx.source.code  # else nothing to follow

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        if self.copies:
            rebind(self.origins, node, self._origin(node.value, ctx))

    def _origin(self, value: cst.BaseExpression, ctx: RuleContext) -> cst.Call | None:
        for call in descendants(value, cst.Call):
            receiver = method_call(call, ("toPandas", "to_pandas"))
            if receiver is not None and ctx.kind_of(receiver) in (SPARK, SPARK_PANDAS, None):
                return call
        if not self.origins:
            return None
        return next((self.origins[n] for n in names_in(value) if n in self.origins), None)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        estimator = method_call(node, FITS)
        if estimator is None or ctx.kind_of(estimator) != ESTIMATOR:
            return
        for arg in node.args:
            frame = next((n for n in names_in(arg.value) if n in self.origins), None)
            origin = self.origins.get(frame or "")
            if origin is not None and id(origin) not in self.reported:
                self.reported.add(id(origin))
                spark_df = origin.func.value  # type: ignore[attr-defined]
                ctx.report(self.rule, node, callee=ctx.code(node.func), frame=frame, origin=ctx.code(origin),
                           origin_line=line_label(ctx, origin),
                           spark_df=ctx.code(spark_df), estimator=ctx.code(estimator))
                return
