"""pandas work a table row cannot name: writing a column (`df["c"] = ...`) and keeping rows by a mask
(`df[df["c"] > 0]`), which are subscripts, not method calls.

Both fire only on frames the values layer knows are large pandas frames; a frame written in the code
is small, unless the column written into it comes from a large one.
"""

from __future__ import annotations

import builtins
import re

import libcst as cst

from sparklint.catalog import load_catalog
from sparklint.context import RuleContext
from sparklint.names import dotted
from sparklint.patterns import Pattern
from sparklint.patterns.row_loops import draws_random
from sparklint.patterns.shapes import (
    ORDERED_WINDOW_NOTE,
    as_column,
    assigned_names,
    column_spelt,
    column_words,
    keyword,
    method_call,
    offset_column,
    on_columns,
    one_line,
    root_name,
    string_literal,
    subscript_key,
)
from sparklint.rule import SUGGESTION_WORDS, Rule
from sparklint.tree import argument, descendants, picks_first
from sparklint.values import (
    ESTIMATOR,
    LARGE_KINDS,
    NUMPY,
    NUMPY_SMALL,
    PANDAS,
    PANDAS_SMALL,
    SERIES_KEYS,
    SERIES_SCORING,
    SPARK,
    callee_name,
    forecasts,
)

MASK_OPERATORS = (cst.BitAnd, cst.BitOr, cst.BitXor)
UNIQUES = frozenset({"unique", "drop_duplicates"})  # what keeps each distinct value or row once: Spark's distinct()
# What SPL241 says of a condition it cannot translate to Spark columns itself.
REWRITE_CONDITION = ("; condition: `{}` rewritten with Spark columns: F.col(\"c\") > 0, F.col(\"c\").isin(values), "
                     "& | ~ as in pandas")
SCALAR_BUILTINS = frozenset({"str", "repr", "int", "float", "bool"})  # one Python value made of another
# A model's scoring methods (and their variants: `predict_proba`, `forecast_quantiles`), its output one row per row given.
SCORINGS = ("predict", "forecast", "decision_function", "score_samples")
# The clock read once on the driver: one value for every row, as pandas gives it.
CLOCK_READS = frozenset({"datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
                         "datetime.date.today", "pandas.Timestamp.now", "pandas.Timestamp.utcnow", "pandas.Timestamp.today",
                         "time.time"})
# Calls that give one value of a column: an element, or a reduction over it.
ONE_VALUE_CALLS = frozenset({"item", "max", "min", "mean", "median", "sum", "std", "count", "nunique"})
# What SPL241 adds for the first row a mask keeps, looked up once per pass of a loop.
LOOKUP_IN_LOOP = ("; first() is one Spark job per pass of the loop: for many keys, collect the few rows once before it "
                  "(a dict by key) or join the keys")
MASK_METHODS = frozenset({"isin", "isna", "isnull", "notna", "notnull", "between", "contains", "startswith",
                          "endswith", "duplicated"})


Written = tuple[cst.BaseExpression, cst.BaseExpression, cst.BaseExpression | None]  # frame, column, rows' condition
# What a name a loop's body binds in a way not followed holds: a call of no known function, which no Column translates.
UNKNOWN_PER_ROW = cst.Call(cst.Name("unknown"))


def _frame_and_column(target: cst.Subscript, ctx: RuleContext) -> Written | None:
    """The frame, the column and the condition on the rows (None: every row) of `df["c"]`, `df[name]` or
    `df.loc[rows, "c"]` where the rows are all (`:`) or a condition; None for a cell (`df.loc[3, "c"]`, `df.at[...]`)
    or an element (`s[0]`)."""
    frame, elements, condition = target.value, target.slice, None
    if isinstance(frame, cst.Attribute) and frame.attr.value == "loc":
        rows = elements[0].slice
        every_row = isinstance(rows, cst.Slice) and rows.lower is None and rows.upper is None
        if len(elements) != 2 or not (every_row or
                                      isinstance(rows, cst.Index) and is_mask(rows.value, ctx)):
            return None
        frame, elements = frame.value, elements[1:]
        condition = rows.value if isinstance(rows, cst.Index) else None
    index = elements[0].slice if len(elements) == 1 else None
    column = index.value if isinstance(index, cst.Index) else None
    if isinstance(column, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.Name, cst.Attribute)):
        return frame, column, condition
    return None


def origin(frame: cst.BaseExpression, ctx: RuleContext) -> str:
    """The frame as its suggestion names it: as a Spark DataFrame, and, where this file does not show where it
    comes from (a parameter, a helper's result, known as pandas only by its members), only if it holds a data set."""
    spark = f"`{ctx.code(frame)}` as a Spark DataFrame"
    if not ctx.values.only_used_as(frame):
        return spark
    return (f"{spark} if it holds a data set (where it comes from is not in this file; for a few rows, such as "
            "a result, a listing or a reply, pandas is fine)")


class ColumnAssignment(Pattern):
    """`df["c"] = expression` on a large pandas frame, or into any pandas frame from a large one."""

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Subscript):
            return
        found = _frame_and_column(node.targets[0].target, ctx)
        if found is None:
            return
        frame, column, condition = found
        kind = ctx.kind_of(frame)
        if kind == PANDAS or (kind == PANDAS_SMALL and ctx.kind_of(node.value) == PANDAS):
            ctx.report(self.rule, node, frame=ctx.code(frame), column=ctx.code(column),
                       **_rewrite(frame, column, condition, node.value, ctx))


def _rewrite(frame: cst.BaseExpression, column: cst.BaseExpression, condition: cst.BaseExpression | None,
             value: cst.BaseExpression, ctx: RuleContext) -> dict[str, str]:
    """How the column is built in Spark. A column of another frame (`report["c"] = orders["c"]`) cannot be
    added with `withColumn`, since a Spark column belongs to its own DataFrame: a frame built in the code is selected
    from the other one, a frame of data joined to it on a key; a frame made from the other with its rows
    (`_same_rows_as`) holds that column itself. Random values are Spark's own draws (`F.randn`), never
    joined."""
    code, column_code = ctx.code(frame), ctx.code(column)
    other = value.value if isinstance(value, cst.Subscript) else None
    index = value.slice[0].slice if isinstance(value, cst.Subscript) and len(value.slice) == 1 else None
    source = _same_rows_as(frame, ctx)
    if isinstance(other, cst.Name) and other.value != code and ctx.kind_of(other) == PANDAS \
            and isinstance(index, cst.Index) and (source is None or source.value != other.value):
        selected = f"F.col({ctx.code(index.value)}).alias({column_code})"
        if ctx.kind_of(frame) == PANDAS:  # rows of its own, which pandas pairs with the other's by the index
            return {"rewrite": f"{code}.join({other.value}.select(key, {selected}), on=key)",
                    "origin": f"{origin(frame, ctx)}, `{other.value}` one too",
                    "how": f"a column belongs to its own DataFrame: join `{other.value}`'s to `{code}` on key, a column "
                           "both hold (an id, a time); pandas pairs their rows by the index, which Spark has not"}
        return {"rewrite": f"{other.value}.select({selected}, ...)", "origin": origin(other, ctx),
                "how": f"a column belongs to its own DataFrame: build `{code}` by selecting from `{other.value}`"}
    if draws_random(value, ctx) and (drawn := as_column(value, frame, ctx)) is not None:
        return {"rewrite": f"{code}.withColumn({column_code}, {drawn[0]})", "origin": origin(frame, ctx),
                "how": "; ".join(["the new value as a Column, its random values drawn on the executors", *drawn[1]])}
    if draws_random(value, ctx):
        normal = any(callee_name(call.func) in NORMAL_DRAWS for call in descendants(value, cst.Call))
        return {"rewrite": f"{code}.withColumn({column_code}, {'F.randn()' if normal else 'F.rand()'})",
                "origin": origin(frame, ctx),
                "how": "random values are drawn on the executors, never joined from a driver array: F.randn(seed) for "
                       "a normal draw, F.rand(seed) for a uniform one, scaled and shifted as the NumPy draw is "
                       "(F.randn(seed) * scale + loc; F.abs, .cast(\"int\"))"}
    if (picked := _picked_from(value, root_name(frame), ctx)) is not None:
        return {"rewrite": f"{code}.withColumn({column_code}, F.lit({one_line(ctx, value)}))", "origin": origin(frame, ctx),
                "how": f"one value picked from `{picked}` on the driver, which F.lit puts in every row; with `{picked}` "
                       "in Spark too, pick it there with `.first()[\"c\"]` (or an aggregate's "
                       "`.agg(F.max(\"c\")).first()[0]`), or join when it differs per key"}
    if _python_constant(value, ctx):
        return {"rewrite": f"{code}.withColumn({column_code}, F.lit({one_line(ctx, value)}))", "origin": origin(frame, ctx),
                "how": "one Python value, the same in every row"}
    if (start := _numbering_start(value, ctx)) is not None:
        shift = "" if start == "1" else " - 1" if start == "0" else f" + ({start} - 1)"
        return {"rewrite": f"{code}.withColumn({column_code}, F.row_number().over(Window.orderBy("
                           f"F.monotonically_increasing_id())){shift})", "origin": origin(frame, ctx),
                "how": "consecutive numbers in the frame's order: a window with no partition numbers every row in one "
                       "task; unique ids that need not be consecutive are F.monotonically_increasing_id(), on the "
                       "executors" + ("; pandas' index labels are these numbers only while the index is the default one"
                                      if isinstance(value, cst.Attribute) else "")}
    if (scoring := _scored(value, ctx)) is not None:
        read = "" if isinstance(value, cst.Call) else f" (as `{one_line(ctx, value)}` reads it)"
        if forecasts(scoring):
            return {"rewrite": f"{code}.{SERIES_SCORING}", "origin": origin(frame, ctx),
                    "how": f"forecast_series: a function given one time series of `{code}`'s rows as one pandas frame "
                           f"that sets its {column_code} from `{scoring}` of it{read} and returns it, so each series is "
                           f"forecast whole on the executors; {SERIES_KEYS}; schema: `{code}`'s columns and the type of "
                           f"{column_code}"}
        return {"rewrite": f"{code}.mapInPandas(score_batches, schema)", "origin": origin(frame, ctx),
                "how": f"score_batches: a function given `{code}`'s rows as pandas batches that sets each batch's "
                       f"{column_code} from `{scoring}` of that batch{read} and yields it, so the model scores on the "
                       f"executors and each row keeps its own prediction, with no key to join on; schema: `{code}`'s "
                       f"columns and the type of {column_code}"}
    if condition is not None and (key := _key_set_per_turn(condition, code, ctx)) is not None:
        return {"rewrite": f"{code}.join(updates, on={key}, how=\"left\").withColumn({column_code}, F.coalesce("
                           f"F.col(\"new_value\"), F.col({column_code}))).drop(\"new_value\")",
                "origin": origin(frame, ctx),
                "how": f"each turn of the loop sets {column_code} of the rows of one {key}, a pass over every row "
                       f"each; updates: spark.createDataFrame(keyed, [{key}, \"new_value\"]) made once after the "
                       f"loop, keyed the list of the ({key}, value) pairs it sets: one join for all"}
    if (filled := _filled_per_row(value, code, ctx)) is not None:
        loop, per_row = filled
        translated = as_column(per_row, frame, ctx)
        made = (f"the value the loop over `{one_line(ctx, loop.iter)}` appends to `{ctx.code(value)}` for each row, as "
                "a Column of its own columns")
        if translated is not None:
            return {"rewrite": f"{code}.withColumn({column_code}, {translated[0]})", "origin": origin(frame, ctx),
                    "how": "; ".join([f"{made}: no loop, no list on the driver, no key to join",
                                      *translated[1]])}
        return {"rewrite": f"{code}.withColumn({column_code}, per_row)", "origin": origin(frame, ctx),
                "how": f"per_row: {made} (F.when(...).when(...).otherwise(...) for an if/elif chain, "
                       "F.to_json(F.struct(...)) for a dict written as JSON text, a F.udf for Python no built-in "
                       "function does): no loop, no list on the driver, no key to join"}
    if _held_on_driver(value, root_name(frame), ctx):
        return {"rewrite": f"{code}.join(values, on=key)", "origin": origin(frame, ctx),
                "how": f"withColumn takes a Column, never a local array or list: make `{one_line(ctx, value)}` a "
                       f"Spark DataFrame `values` with a key column of `{code}` (an id or a time) and join, or build "
                       f"`{code}` with spark.createDataFrame from its columns and the values together"}
    if (udf := udf_for(value, code, ctx)) is not None:
        return {"rewrite": f"{code}.withColumn({column_code}, {udf[0]})", "origin": origin(frame, ctx), "how": udf[1]}
    if (lagged := _offset_column(value, code, column_code, ctx)) is not None:
        return lagged
    names = isinstance(column, cst.Name) and column.value in ctx.values.name_lists  # `df[cols] = ...`
    keys = frozenset({column.value}) if isinstance(column, cst.Name) else frozenset()  # `df[c] = df[c].fillna("")`
    translated = None if names else as_column(value, frame, ctx, keys=keys)
    if translated is None and not names and source is not None:
        translated = as_column(value, source, ctx, keys=keys)  # `a = b.reset_index()`, then `a["c"] = b["x"] * 2`
    test = as_column(_masks_spelt(condition, ctx), frame, ctx) \
        if condition is not None and translated is not None else None
    if translated is not None and (condition is None or test is not None):
        expression, notes = translated
        if test is not None:  # `df.loc[mask, "c"] = v` changes the rows the mask picks, and keeps the others
            expression = f"F.when({test[0]}, {expression}).otherwise(F.col({column_code}))"
            notes += test[1]
        return {"rewrite": f"{code}.withColumn({column_code}, {expression})", "origin": origin(frame, ctx),
                "how": "; ".join(["the new value as a Column", *notes])}
    if isinstance(value, cst.Name) and value.value == "None":  # a column of nulls needs a type to be written
        return {"rewrite": f"{code}.withColumn({column_code}, F.lit(None).cast(spark_type))", "origin": origin(frame, ctx),
                "how": "spark_type: the type the column will hold (\"string\", \"double\", \"timestamp\"): a "
                       "column of untyped nulls cannot be written"}
    held = isinstance(value, cst.Name) and ctx.kind_of(value) is None and ctx.values.text(value) is None
    taken = other.value if isinstance(other, cst.Name) else root_name(value) if isinstance(value, cst.Call) and \
        callee_name(value.func) in ELEMENTWISE and isinstance(value.func, cst.Attribute) else None  # `other.apply(fn)`
    if taken in (None, "self", root_name(frame)) or ctx.qualify(cst.Name(taken)) is not None \
            or ctx.kind_of(cst.Name(taken)) not in (None, PANDAS):
        taken = None  # a module's function (`np.log(df.x)`), the frame's own values, or no frame
    # the rows a mask leaves keep their values; a whole column assigned has no old value to keep
    kept = f"F.col({'c' if names else column_code})" if condition is not None else "other_value"
    return {"rewrite": f"{code}.withColumns({{c: new_value for c in {column_code}}})" if names
            else f"{code}.withColumn({column_code}, new_value)", "origin": origin(frame, ctx),
            "how": f"new_value: a Column{' for column c' if names else ''} from pyspark.sql.functions (F.col, F.lit, "
                   f"F.when(condition, value).otherwise({kept}))"
                   + (f"; if `{ctx.code(value)}` is an array or list on the driver (predictions), join it on a key "
                      "column instead: withColumn cannot take it" if held else "")
                   + (f"; if `{taken}` is another frame, its column cannot be given to withColumn: join `{taken}` "
                      f"to `{code}` on a key column and select it" if taken else "")}


def _offset_column(value: cst.BaseExpression, code: str, column_code: str, ctx: RuleContext) -> dict[str, str] | None:
    """A column of a frame offset by rows (`df["c"].shift(-1)`, `diff`, `pct_change`) as a window's lag or lead of it,
    taken on the frame that holds the column: another frame's offset column is added to that frame (a Spark column
    belongs to its own DataFrame). None for any other value or a column not spelt."""
    offset = offset_column(value, ctx)
    taken = root_name(value)
    if offset is None or taken is None or ctx.kind_of(cst.Name(taken)) != PANDAS:
        return None
    expression = offset[0]
    moved = "" if taken == code else (f"the offset is of `{taken}`'s column, so it is added to `{taken}`: keep "
                                      f"`{code}`'s columns with .select(...), or join this to `{code}` on ts; ")
    return {"rewrite": f"{taken}.withColumn({column_code}, {expression})",
            "origin": origin(cst.Name(taken), ctx), "how": moved + ORDERED_WINDOW_NOTE}


def udf_for(value: cst.BaseExpression, frame: str, ctx: RuleContext) -> tuple[str, str] | None:
    """A column of `frame` computed value by value with a function of this file (`_applied_function`) as a UDF of it
    makes it: the Column (`clean_udf(F.col("t"))`) and, in words, the UDF and when built-ins do instead."""
    applied = _applied_function(value, frame, ctx)
    if applied is None:
        return None
    function, called, given, column_of = applied
    udf = called.rsplit(".", 1)[-1].lstrip("_") + "_udf"  # `self.__predict`: predict_udf
    return f"{udf}({given})", (f"{column_of}{udf} = F.udf({function}, return_type), run on the executors, if what "
                               f"`{called}` does has no built-in column function (F.when, F.regexp_replace, ...); a "
                               "model it calls is loaded once per executor by a @pandas_udf or sdf.mapInPandas "
                               "scoring a batch at a time")


def _applied_function(value: cst.BaseExpression, frame: str, ctx: RuleContext) -> tuple[str, str, str, str] | None:
    """The function of this file a column of `frame` is computed with value by value (`df["t"].apply(clean)`,
    `s.map(lambda x: clean(x))`, `df.apply(fn, axis=1)` row by row), as a UDF takes it (a lambda that gives it more
    than its parameters, `lambda x: clean(str(x))`, whole), the function's own name, what it is given as Spark code
    (`F.col("t")`, `F.struct(*df.columns)`, else `F.col(column)`) and what `column` is, in words: Python no column
    expression is known to compute, a UDF is. None for anything else: a mapping (`s.map({"a": 1})`), a built-in
    (`apply(float)`, a cast), a lambda's own expression, a whole frame's columns one at a time (`df.apply(fn)`) or
    another frame's rows."""
    if not (isinstance(value, cst.Call) and callee_name(value.func) in ("apply", "map") and value.args
            and isinstance(value.func, cst.Attribute) and ctx.kind_of(receiver := value.func.value) in (PANDAS, None)):
        return None
    function = applied = value.args[0].value
    if isinstance(function, cst.Lambda) and isinstance(call := function.body, cst.Call):
        parameters = [p.name.value for p in function.params.params]
        given = [a.value.value if isinstance(a.value, cst.Name) and a.keyword is None else None for a in call.args]
        function = call.func
        applied = call.func if given == parameters else applied
    method = isinstance(function, cst.Attribute) and isinstance(function.value, cst.Name) \
        and function.value.value == "self" and function.attr.value in ctx.definitions  # a method of the class
    if not (isinstance(function, cst.Name) and function.value in ctx.definitions or method):
        return None
    name, called = ctx.code(applied), ctx.code(function)
    axis = keyword(value, "axis")
    if axis is not None:  # row by row: the rows of the frame written to, as a struct of its columns
        by_rows = isinstance(axis, cst.Integer) and axis.value == "1" or ctx.values.text(axis) == "columns"
        same = isinstance(receiver, cst.Name) and receiver.value == frame
        return (name, called, f"F.struct(*{frame}.columns)", "") if by_rows and same else None
    if root_name(receiver) == frame and (column := column_spelt(receiver, ctx)) is not None:
        return name, called, f"F.col({column})", ""
    return name, called, "F.col(column)", f"column: the column of `{frame}` holding `{one_line(ctx, receiver)}`; "


# Methods whose frame keeps the rows of the one they are called on, each row's index with it: a column of that frame
# is, row for row, a column of theirs (pandas pairs the two by the index).
SAME_ROWS = frozenset({"reset_index", "copy", "sort_values", "sort_index"})


def _same_rows_as(frame: cst.BaseExpression, ctx: RuleContext) -> cst.Name | None:
    """The frame a frame's name was made from, once, by a method that keeps its rows (`with_id = homes.reset_index()`):
    its columns are the name's own columns too; None otherwise."""
    bound = ctx.flows.bound.get(frame.value, []) if isinstance(frame, cst.Name) else []
    made = bound[0] if len(bound) == 1 else None
    source = made.func.value if isinstance(made, cst.Call) and isinstance(made.func, cst.Attribute) \
        and made.func.attr.value in SAME_ROWS else None
    return source if isinstance(source, cst.Name) and ctx.kind_of(source) == PANDAS else None


# A row filter by membership in another frame's column, as Spark writes it (`_membership_join`).
MEMBERSHIP_JOIN = ('{frame}.join({other}.select(F.col({key})), on={column}, how="{how}")  # the rows whose {column} is '
                   "{among} {other}'s: a {how} join on the executors, which keeps each row once; isin() takes values, "
                   "not another DataFrame's column")
INDEX_MEMBERSHIP_JOIN = ('{frame}.join({other}, on=index_columns, how="{how}")  # the rows whose index is {among} '
                         "{other}'s: a {how} join on the executors; index_columns: the columns both indexes were set "
                         "from (set_index's keys), as Spark has no index; isin() takes values, not another frame's index")
NORMAL_DRAWS = frozenset({"normal", "randn", "standard_normal", "gauss", "normalvariate"})  # else a uniform draw
# Series methods whose result keeps the index of what they are called on: a column of that frame, aligned by index.
ELEMENTWISE = frozenset({"apply", "map", "transform", "astype", "fillna", "where", "round", "shift"})
SIZES = frozenset({"shape", "size", "index", "columns"})  # members that tell a frame's size, not its values


def _scored(value: cst.BaseExpression, ctx: RuleContext, followed: frozenset[str] = frozenset()) -> str | None:
    """The model's scoring a value holds (`model.predict(X)`, `forecast_quantiles(X)[0.5]`, `proba[:, 1]`, or a name
    bound once to one), as `model.predict`; None for anything else. A model loaded from a file is known by the call."""
    while isinstance(value, cst.Subscript):
        value = value.value
    if isinstance(value, cst.Name) and value.value not in followed and len(bound := ctx.flows.bound.get(value.value, [])) == 1:
        return _scored(bound[0], ctx, followed | {value.value})
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
            and value.func.attr.value.startswith(SCORINGS) and isinstance(value.func.value, cst.Name)):
        return None
    return dotted(value.func) if ctx.kind_of(value.func.value) in (ESTIMATOR, None) else None


def _key_set_per_turn(condition: cst.BaseExpression, frame: str, ctx: RuleContext) -> str | None:
    """The key column of `df.loc[df["k"] == value, "c"] = ...` in a loop over anything but the frame's rows, the
    value one the loop's turn gives (its own name, or one bound in its body): a row set per key, as a join sets them."""
    loop = next((loop for loop in reversed(ctx.loops) if isinstance(loop, cst.For)), None)
    if loop is None or not (isinstance(condition, cst.Comparison) and len(condition.comparisons) == 1
                            and isinstance(condition.comparisons[0].operator, cst.Equal)):
        return None
    given = condition.comparisons[0].comparator
    per_turn = {n.value for n in descendants(loop.target, cst.Name)} | {
        name for a in descendants(loop.body, cst.Assign) for name in assigned_names(a)}
    key = subscript_key(condition.left) if isinstance(condition.left, cst.Subscript) else None
    if key is None or root_name(condition.left) != frame or root_name(loop.iter) == frame \
            or not (isinstance(given, cst.Name) and given.value in per_turn):
        return None
    return ctx.code(key)


def _filled_per_row(value: cst.BaseExpression, frame: str, ctx: RuleContext) -> tuple[cst.For, cst.Call] | None:
    """A list a loop over the frame's own rows fills with one value per row (`for _, row in df.iterrows():` then
    `amounts.append(float(row["price"]))` in the loop's body, not under a condition), and that value as a row-wise
    `df.apply(lambda row: ..., axis=1)`: names the body binds before the append are put in, one assignment or an
    if/elif/else whose every branch assigns the name once (`status = "high" if ... else ...`)."""
    if not isinstance(value, cst.Name):
        return None
    scope = ctx.scopes[-1] if ctx.scopes else ctx.module
    for loop in descendants(scope, cst.For):
        rows = method_call(loop.iter, ("iterrows", "itertuples"))
        target = loop.target.elements[-1].value if isinstance(loop.target, cst.Tuple) else loop.target
        if not (isinstance(rows, cst.Name) and rows.value == frame and isinstance(target, cst.Name)
                and isinstance(loop.body, cst.IndentedBlock)):
            continue
        bound: dict[str, cst.BaseExpression] = {}
        for statement in loop.body.body:
            appended = appended_to(statement)
            if appended is not None and appended[0] == value.value:
                per_row = cst.Lambda(cst.Parameters([cst.Param(target)]), _put_in(appended[1], bound))
                return loop, cst.Call(cst.Attribute(cst.Name(frame), cst.Name("apply")),
                                      [cst.Arg(per_row), cst.Arg(cst.Integer("1"), keyword=cst.Name("axis"))])
            bound.update({name: _put_in(held, bound) for name, held in _bound_per_row(statement).items()})
    return None


def appended_to(statement: cst.BaseStatement) -> tuple[str, cst.BaseExpression] | None:
    """The list a statement appends to and what (`names.append(x)`: "names", `x`)."""
    line = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    call = line.value if isinstance(line, cst.Expr) else None
    if isinstance(call, cst.Call) and method_call(call, ("append",)) is not None and len(call.args) == 1 \
            and isinstance(call.func.value, cst.Name):  # type: ignore[attr-defined]
        return call.func.value.value, call.args[0].value  # type: ignore[attr-defined]
    return None


def _bound_per_row(statement: cst.BaseStatement) -> dict[str, cst.BaseExpression]:
    """The names a statement of a loop's body binds, each to its value: `x = value`, or an if/elif/else whose every
    branch is one `x = value` (as nested `a if test else b`); any other statement unbinds what it assigns."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
            and isinstance(line := statement.body[0], cst.Assign) and len(line.targets) == 1 \
            and isinstance(line.targets[0].target, cst.Name):
        return {line.targets[0].target.value: line.value}
    if isinstance(statement, cst.If) and (chain := _assigned_chain(statement)) is not None:
        return {chain[0]: chain[1]}
    targets = [t.target for t in descendants(statement, (cst.AugAssign, cst.AnnAssign, cst.For))] + [
        t for a in descendants(statement, cst.Assign) for t in a.targets]
    return {name.value: UNKNOWN_PER_ROW for target in targets for name in descendants(target, cst.Name)}


def _assigned_chain(statement: cst.If) -> tuple[str, cst.BaseExpression] | None:
    """`if a: x = 1 / elif b: x = 2 / else: x = 3` as ("x", `1 if a else 2 if b else 3`)."""
    def assigned(body: cst.BaseSuite) -> tuple[str, cst.BaseExpression] | None:
        lines = body.body if isinstance(body, cst.IndentedBlock) else ()
        line = lines[0].body[0] if len(lines) == 1 and isinstance(lines[0], cst.SimpleStatementLine) \
            and len(lines[0].body) == 1 else None
        if isinstance(line, cst.Assign) and len(line.targets) == 1 and isinstance(line.targets[0].target, cst.Name):
            return line.targets[0].target.value, line.value
        return None
    branch = assigned(statement.body)
    rest = statement.orelse
    other = assigned(rest.body) if isinstance(rest, cst.Else) else _assigned_chain(rest) if isinstance(rest, cst.If) else None
    if branch is None or other is None or branch[0] != other[0]:
        return None
    return branch[0], cst.IfExp(statement.test, branch[1], other[1])


def _put_in(value: cst.BaseExpression, bound: dict[str, cst.BaseExpression]) -> cst.BaseExpression:
    """The value with the names a loop's body bound before it replaced by what they hold (itself put in already)."""
    result = value.visit(_PutIn(bound))
    return result if isinstance(result, cst.BaseExpression) else value


class _PutIn(cst.CSTTransformer):
    """Names replaced by the values they hold (a class of its own: one defined per call is a cycle for the collector)."""

    def __init__(self, bound: dict[str, cst.BaseExpression]) -> None:
        super().__init__()
        self.bound = bound

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        return self.bound.get(original.value, updated)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        return updated.with_changes(attr=original.attr)  # `row.score`: a member's name is no variable


def _held_on_driver(value: cst.BaseExpression, frame: str | None, ctx: RuleContext) -> bool:
    """Values that are no expression over the frame's columns: a model's predictions, a list the code writes, an
    array computed without the frame (`np.where(df["a"] > 0, 1, 0)` is a column expression: `F.when`)."""
    if _written_out(value) or (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
                               and ctx.kind_of(value.func.value) == ESTIMATOR):
        return True
    return ctx.kind_of(value) in (NUMPY, NUMPY_SMALL) and not any(
        isinstance(n, (cst.Subscript, cst.Attribute)) and isinstance(n.value, cst.Name) and n.value.value == frame
        and not (isinstance(n, cst.Attribute) and n.attr.value in SIZES) for n in descendants(value, cst.BaseExpression))


def _picked_from(value: cst.BaseExpression, frame: str | None, ctx: RuleContext) -> str | None:
    """The other frame one value is picked from (`rates["rate"].values[0]`, `rates.at[0, "rate"]`, `.iloc[0]`,
    `.item()`, `rates["rate"].max()`): a number for every row, not a column to join."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and not value.args \
            and value.func.attr.value in ONE_VALUE_CALLS:
        node, cell = value.func.value, value.func.attr.value == "item"  # `rates["rate"].max()`, `.item()`
    elif isinstance(value, cst.Subscript) and isinstance(value.value, cst.Attribute) \
            and value.value.attr.value in ("values", "iloc", "iat", "at", "loc"):
        node, cell = value.value.value, len(value.slice) == 2  # `rates["rate"].iloc[0]`, `rates.at[0, "rate"]`
        indices = [e.slice.value for e in value.slice if isinstance(e.slice, cst.Index)]
        if len(indices) != len(value.slice) or any(is_mask(index, ctx) for index in indices) \
                or not cell and not isinstance(indices[0], (cst.Integer, cst.UnaryOperation)):
            return None
    else:
        return None
    if not cell and not isinstance(node, cst.Subscript):
        return None  # a row or a value per column (`rates.iloc[0]`, `rates.max()`), not one value
    other = root_name(node)
    return other if other not in (None, frame) and ctx.kind_of(cst.Name(other)) in (PANDAS, PANDAS_SMALL) else None


def _numbering_start(value: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The first number of a count over the rows (`range(1, len(df) + 1)`, `np.arange(len(df))`, `list(range(n))`,
    the frame's own `df.index`, by default): a row number."""
    if isinstance(value, cst.Attribute) and value.attr.value == "index" and ctx.kind_of(value.value) == PANDAS:
        return "0"
    if isinstance(value, cst.Call) and callee_name(value.func) == "list" and len(value.args) == 1:
        value = value.args[0].value
    if not isinstance(value, cst.Call) or not (
            isinstance(value.func, cst.Name) and value.func.value == "range" and ctx.qualify(value.func) is None
            or ctx.qualify(value.func) == "numpy.arange") or not 1 <= len(value.args) <= 2 or any(
            a.keyword is not None or a.star for a in value.args):
        return None
    stop = value.args[-1].value
    if not any(isinstance(c.func, cst.Name) and c.func.value == "len" for c in descendants(stop, cst.Call)):
        return None  # a count of the rows: `len(df)`, `len(df) + 1`
    return ctx.code(value.args[0].value) if len(value.args) == 2 else "0"


def _python_constant(value: cst.BaseExpression, ctx: RuleContext) -> bool:
    """One value Python makes of others that are no frame or array (`str(records)`, `float(threshold)`), or reads of
    the clock (`datetime.now()`)."""
    if isinstance(value, cst.Call) and ctx.qualify(value.func) in CLOCK_READS:
        return True
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in SCALAR_BUILTINS \
        and ctx.qualify(value.func) is None and len(value.args) == 1 \
        and ctx.kind_of(value.args[0].value) not in (*LARGE_KINDS, SPARK, NUMPY_SMALL, PANDAS_SMALL)


def _written_out(value: cst.BaseExpression) -> bool:
    """A list or tuple the code writes (`[...]`, `[f(x) for x in xs]`, `["a", "b"] * n`): values, not a column."""
    if isinstance(value, cst.BinaryOperation):
        return _written_out(value.left) or _written_out(value.right)
    return isinstance(value, (cst.List, cst.Tuple, cst.ListComp))


def _masks_spelt(condition: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression:
    """A row condition with the masks it names put in where the file binds each once to one written out
    (`cleared = df["status"] == "cleared"`, then `df.loc[cleared & (df["label"] == 1), "c"]`), those masks' own too."""
    held: dict[str, cst.BaseExpression] = {}
    pending = [n.value for n in descendants(condition, cst.Name)]
    while pending:
        name = pending.pop()
        bound = ctx.flows.bound.get(name, ())
        if name not in held and len(bound) == 1 and not isinstance(bound[0], cst.Name) and is_mask(bound[0], ctx):
            held[name] = bound[0] if bound[0].lpar else bound[0].with_changes(  # kept whole where it is put in
                lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            pending.extend(n.value for n in descendants(bound[0], cst.Name))
    for _ in range(len(held)):  # each pass puts in one level of the masks named in masks
        condition = _put_in(condition, held)
    return condition


def is_mask(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """A boolean row condition: a comparison, `&`/`|`/`~` of conditions, `.isin(...)`-like calls,
    or a name holding a Series computed from a frame."""
    if isinstance(node, cst.Comparison):
        return True
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, MASK_OPERATORS)
    if isinstance(node, cst.UnaryOperation):
        return isinstance(node.operator, cst.BitInvert) and is_mask(node.expression, ctx)
    if isinstance(node, cst.Call):
        return isinstance(node.func, cst.Attribute) and node.func.attr.value in MASK_METHODS
    return isinstance(node, cst.Name) and ctx.kind_of(node) == PANDAS


# What SPL222 suggests, by what is mapped over the elements: a lookup, each element's type, a function, or unknown.
LOOKUP_JOIN = ('sdf.join(F.broadcast(lookup_sdf), on=col, how="left")  # the lookup as a DataFrame of keys and values, '
               "joined (unmatched keys become null, as with map), or sdf.replace(mapping, subset=[col]) to keep them "
               "when the keys and the values are of one type")
SCHEMA_TYPES = ("[f.name for f in sdf.schema.fields if isinstance(f.dataType, (T.StructType, T.ArrayType))]  # a Spark "
                "column has one type, which the schema states: no pass over the rows finds the records or the lists")
COLUMN_FUNCTION = ("# the function on each element as column expressions over the columns it reads (F.when, F.trim, "
                   "F.regexp_replace, F.length, .cast), else a @pandas_udf")
LOOKUP_OR_FUNCTION = ('sdf.join(F.broadcast(lookup_sdf), on=col, how="left")  # a dict: that join, or '
                      "sdf.replace(mapping, subset=[col]) when its keys and values are of one type; a function: a "
                      "built-in F.* expression, else a @pandas_udf")


class ElementMap(Pattern):
    """`map` / `applymap` on a pandas frame or column; what Spark does instead depends on what is mapped."""

    needs = ("map",)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, ("map", "applymap"))
        if receiver is not None and ctx.qualify(node.func) is None and ctx.kind_of(receiver) == PANDAS:
            frame = root_name(receiver)
            translated = as_column(node, cst.Name(frame), ctx) if frame is not None else None
            words = column_words(translated[0], f"`{one_line(ctx, node)}`", frame, "; ".join(
                ["the value of a withColumn", *translated[1]])) if translated is not None and frame is not None else {}
            ctx.report(self.rule, node, instead=_mapped_instead(argument(node, 0, "arg", "func"), ctx),
                       **ctx.call_fields(node), **words)


def _mapped_instead(mapped: cst.BaseExpression | None, ctx: RuleContext) -> str:
    """A dict or a Series is a lookup (a join); `type` asks each element what the schema already says; a lambda, a
    function of the file or a builtin is column expressions; a name that may be either gets both."""
    if isinstance(mapped, (cst.Dict, cst.DictComp)) or mapped is not None and ctx.kind_of(mapped) in (PANDAS, PANDAS_SMALL):
        return LOOKUP_JOIN
    if isinstance(mapped, cst.Name) and ctx.qualify(mapped) is None and mapped.value not in ctx.definitions:
        return SCHEMA_TYPES if mapped.value == "type" else COLUMN_FUNCTION if callable(
            getattr(builtins, mapped.value, None)) else LOOKUP_OR_FUNCTION
    return COLUMN_FUNCTION if isinstance(mapped, (cst.Lambda, cst.Name, cst.Attribute)) else LOOKUP_OR_FUNCTION


# strftime's directives as Spark's datetime pattern letters (Spark's own "Datetime Patterns" page)
SPARK_DATETIME_LETTERS = {"%Y": "yyyy", "%y": "yy", "%m": "MM", "%d": "dd", "%H": "HH", "%I": "hh", "%M": "mm",
                          "%S": "ss", "%f": "SSSSSS", "%p": "a", "%b": "MMM", "%B": "MMMM", "%a": "EEE", "%A": "EEEE",
                          "%j": "DDD", "%z": "Z", "%Z": "z", "%%": "%"}
EPOCH_UNITS = {"s": "F.timestamp_seconds", "ms": "F.timestamp_millis", "us": "F.timestamp_micros"}


class DateParsing(Pattern):
    """`pd.to_datetime(column, ...)` on the driver; Spark parses with the same format, spelt in its own letters, and
    takes what the line reads of the date after (`.dt.year`, `.dt.strftime("%m")`) from the timestamp."""

    needs = ("to_datetime",)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.then: dict[int, str] = {}  # to_datetime call id -> what the line reads of the date after it, `{}` the date

    def visit_Attribute(self, node: cst.Attribute, ctx: RuleContext) -> None:
        accessor = node.value
        if isinstance(accessor, cst.Attribute) and accessor.attr.value == "dt":
            part = load_catalog()[1]["dt"]["functions"].get(node.attr.value)  # `[rule.spark."dt"]`: a date's parts
            if part is not None:
                self.then[id(accessor.value)] = part

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        accessor = node.func.value if isinstance(node.func, cst.Attribute) else None
        if callee_name(node.func) == "strftime" and isinstance(accessor, cst.Attribute) and accessor.attr.value == "dt":
            text = string_literal(argument(node, 0, "date_format"))
            pattern = spark_pattern(text) if text is not None else None
            if pattern is not None:
                self.then[id(accessor.value)] = f'F.date_format({{}}, "{pattern}")'
        if ctx.qualify(node.func) == "pandas.to_datetime" and not _one_value(argument(node, 0, "arg"), ctx):
            parsed = _parsed(node, ctx)
            if id(node) in self.then:
                code, _, words = parsed.partition("  # ")
                parsed = self.then[id(node)].replace("{}", code, 1) + (f"  # {words}" if words else "")
            ctx.report(self.rule, node, parsed=parsed, **ctx.call_fields(node))


def _one_value(given: cst.BaseExpression | None, ctx: RuleContext) -> bool:
    """A date `pd.to_datetime` parses one of: a literal (`"2024-01-01"`, an f-string) or a name the file never shows
    holding a frame or an array (a parameter annotated `str | datetime`, a loop's string)."""
    if given is None or isinstance(given, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString,
                                           cst.Integer, cst.Float)):
        return True
    return isinstance(given, cst.Name) and ctx.kind_of(given) is None


def _parsed(node: cst.Call, ctx: RuleContext) -> str:
    """The Spark parse of what `pd.to_datetime` is given: the column (`df["c"]` as "c"), `format` in Spark's pattern
    letters, `errors="coerce"` as the try_ form that gives null instead of failing (Spark 4 fails on a bad value by
    default), `unit` as an epoch number's timestamp."""
    given = argument(node, 0, "arg")
    day = isinstance(given, cst.Attribute) and given.attr.value == "date"  # `s.dt.date`, `DatetimeIndex(s).date`
    if day and isinstance(given, cst.Attribute):
        given = given.value.value if isinstance(given.value, cst.Attribute) and given.value.attr.value == "dt" \
            else given.value
    column = column_spelt(given, ctx) if given is not None else None
    words = [f"column: the column `{one_line(ctx, given)}` holds"] if column is None and given is not None else []
    column = column or '"column"'
    if day:
        return f"F.to_date(F.col({column}))  # the day alone, as `.date` keeps it" + (f"; {words[0]}" if words else "")
    text = string_literal(keyword(node, "format"))
    pattern = spark_pattern(text) if text is not None else None
    if text is not None and pattern is None:
        words.append(f"pattern: {text!r} in Spark's datetime pattern letters")
    spelt = f'"{pattern}"' if pattern is not None else '"pattern"' if text is not None else None
    unit = string_literal(keyword(node, "unit"))
    # digits computed as a number (`10000 * year + 100 * month + day`) parse by a pattern only as text
    text_of = f"F.col({column})" + ('.cast("string")' if spelt and isinstance(given, cst.BinaryOperation)
                                    and any(descendants(given, cst.Integer)) else "")
    coerce = string_literal(keyword(node, "errors")) == "coerce"
    parse = f"{EPOCH_UNITS[unit]}(F.col({column}))" if unit in EPOCH_UNITS else timestamp(text_of, spelt, coerce)
    return parse + (f"  # {'; '.join(words)}" if words else "")


def timestamp(text: str, pattern: str | None, coerce: bool) -> str:
    """Spark's parse of a text Column into a timestamp, by a quoted pattern when there is one; with `coerce`, the try_
    form, null where a value does not parse as pandas' `errors="coerce"` gives NaT (Spark 4 fails on one by default)."""
    if coerce:
        return f"F.try_to_timestamp({text}, F.lit({pattern}))" if pattern else f"F.try_to_timestamp({text})"
    return f"F.to_timestamp({text}, {pattern})" if pattern else f"F.to_timestamp({text})"


def spark_pattern(strftime: str) -> str | None:
    """A strftime format in Spark's pattern letters (`%Y-%m-%d` is `yyyy-MM-dd`, `%H:%M on %d` is `HH:mm 'on' dd`);
    None when a directive has no Spark letter (`%U`, week of the year) or the text quotes (`o'clock`)."""
    if "'" in strftime:
        return None
    parts = re.split(r"(%.)", strftime)
    spelt = []
    for index, part in enumerate(parts):
        if index % 2:
            if part not in SPARK_DATETIME_LETTERS:
                return None
            spelt.append(SPARK_DATETIME_LETTERS[part])
        else:  # text between directives: letters are pattern letters to Spark unless quoted
            spelt.append(re.sub(r"[A-Za-z]+", lambda word: f"'{word.group()}'", part))
    return "".join(spelt)


class NestedColumnFlatten(Pattern):
    """A frame joined to its own column flattened: `df.drop(columns=[c]).join(df[c].explode())` or
    `pd.concat([df, pd.json_normalize(df[c])], axis=1)`. In Spark that is no join but one select on the
    executors (`F.explode`, or a struct's fields), so this row outranks the join's (`Context.settled`)."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        func = node.func
        called = callee_name(func)
        if called == "join" and isinstance(func, cst.Attribute) and node.args:
            frame, sides = func.value, [node.args[0].value]
        elif called == "concat" and node.args and isinstance(node.args[0].value, cst.List) \
                and ctx.qualify(func) == "pandas.concat" and on_columns(keyword(node, "axis")):
            elements = [e.value for e in node.args[0].value.elements]
            frame, sides = elements[0], elements[1:]
        else:
            return
        name = root_name(frame)
        if name is None or ctx.kind_of(frame) != PANDAS:
            return
        for side in sides:
            found = _flattened_column(side, name, ctx)
            if found is not None:
                how, own = found
                column = own.slice[0].slice.value  # type: ignore[attr-defined]
                code = ctx.code(column)
                rewrite = (f"withColumn({code}, F.explode({code}))" if how == "explode" else
                           f'select("*", F.col({_fields(column, ctx)})).drop({code})')
                ctx.report(self.rule, node, frame=name, column=code, how=how, rewrite=rewrite,
                           origin=origin(own.value, ctx))
                return


def _flattened_column(side: cst.BaseExpression, frame: str, ctx: RuleContext) -> tuple[str, cst.Subscript] | None:
    """`explode` or `json_normalize`, and the frame's column (`df[c]`), when a side is that column flattened."""
    for call in descendants(side, cst.Call):
        normalized = ctx.qualify(call.func) == "pandas.json_normalize"
        exploded = isinstance(call.func, cst.Attribute) and call.func.attr.value == "explode"
        column = (call.args[0].value if normalized and call.args else
                  call.func.value if exploded else None)
        if isinstance(column, cst.Subscript) and root_name(column) == frame and len(column.slice) == 1 \
                and isinstance(column.slice[0].slice, cst.Index):
            return ("explode" if exploded else "json_normalize"), column
    return None


def _fields(column: cst.BaseExpression, ctx: RuleContext) -> str:
    """The struct's fields as Spark names them: `"payload.*"`, or `f"{col}.*"` for a column held in a name."""
    if isinstance(column, cst.SimpleString) and isinstance(column.evaluated_value, str):
        return f'"{column.evaluated_value}.*"'
    return f'f"{{{ctx.code(column)}}}.*"'


class RowFilter(Pattern):
    """`df[mask]` or `df.loc[mask]` that reads, on a large pandas frame (a write is a column assignment)."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.written: set[int] = set()

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        self.written.update(id(t.target) for t in node.targets)

    def visit_Subscript(self, node: cst.Subscript, ctx: RuleContext) -> None:
        if id(node) in self.written or len(node.slice) > 2 or not isinstance(node.slice[0].slice, cst.Index):
            return
        frame = node.value
        if isinstance(frame, cst.Attribute) and frame.attr.value == "loc":
            frame = frame.value
        elif len(node.slice) > 1:
            return
        condition = node.slice[0].slice.value
        if is_mask(condition, ctx) and ctx.kind_of(frame) == PANDAS:
            # a column filtered (`df["c"][mask]`) is its frame filtered, then the column selected; so are the columns
            # `df.loc[mask, cols]` names
            labels = isinstance(frame, cst.Attribute) and frame.attr.value == "index"  # `df.index[mask]`: row labels
            column = column_spelt(frame, ctx) if isinstance(frame, (cst.Subscript, cst.Attribute)) and not labels else None
            data = frame.value if (column is not None or labels) and isinstance(frame, (cst.Subscript, cst.Attribute)) \
                else frame
            if labels:
                column = "id_column"  # a Spark DataFrame has no index: the rows' own key names them
            chosen = node.slice[1].slice if len(node.slice) == 2 else None
            if isinstance(chosen, cst.Index) and isinstance(chosen.value, (cst.List, cst.SimpleString)):
                column = ", ".join(one_line(ctx, e.value) for e in chosen.value.elements) \
                    if isinstance(chosen.value, cst.List) else ctx.code(chosen.value)
            translated = as_column(condition, data, ctx, spelt="sdf")  # the suggestion's name for the frame
            test = translated[0] if translated is not None else "condition"
            statement = ctx.statement(node)
            distinct = statement is not None and any(  # `df.loc[mask, "c"].unique()`: the distinct values kept
                isinstance(call.func, cst.Attribute) and call.func.value is node and call.func.attr.value in UNIQUES
                for call in descendants(statement, cst.Call))
            first = statement is not None and any(  # `df[mask].iloc[0]`: the first row kept, a lookup
                isinstance(pick.value, cst.Attribute) and pick.value.value is node and pick.value.attr.value == "iloc"
                and picks_first(pick)
                for pick in descendants(statement, cst.Subscript))
            ctx.report(self.rule, node, frame=ctx.code(frame), condition=ctx.code(condition), origin=origin(data, ctx),
                       filtered=f"filter({test})" + (f".select({column})" if column else "")
                       + (".distinct()" if distinct else "") + (".first()" if first else ""),
                       rewritten=("" if translated is not None else REWRITE_CONDITION.format(one_line(ctx, condition)))
                       + (LOOKUP_IN_LOOP if first and ctx.in_loop() else "")
                       + ("; id_column: the column that names a row, in place of pandas' index" if labels else ""),
                       **_membership_join(frame, condition, ctx))


def _membership_join(frame: cst.BaseExpression, condition: cst.BaseExpression, ctx: RuleContext) -> dict[str, str]:
    """`df[df.k.isin(other.k)]` (or `~...`): rows whose key another frame has (or lacks) are a semi (or anti) join
    in Spark; `isin` of another DataFrame's column is no Column expression."""
    negated = isinstance(condition, cst.UnaryOperation) and isinstance(condition.operator, cst.BitInvert)
    test = condition.expression if isinstance(condition, cst.UnaryOperation) and negated else condition
    if not (isinstance(test, cst.Call) and callee_name(test.func) == "isin" and isinstance(test.func, cst.Attribute)
            and test.args and root_name(test.func.value) == root_name(frame)):
        return {}
    given = test.args[0].value
    if not isinstance(given, (cst.Attribute, cst.Subscript)) or ctx.kind_of(given.value) not in (PANDAS, PANDAS_SMALL):
        return {}
    how = "left_anti" if negated else "left_semi"
    among = "not among" if negated else "among"
    if _is_index(test.func.value) and _is_index(given) and isinstance(given.value, cst.Name) \
            and given.value.value != root_name(frame):  # `a.index.isin(b.index)`: keys both indexes hold
        return {SUGGESTION_WORDS: INDEX_MEMBERSHIP_JOIN.format(frame=ctx.code(frame), other=given.value.value, how=how,
                                                               among=among)}
    column, key, other = column_spelt(test.func.value, ctx), column_spelt(given, ctx), root_name(given)
    if column is None or key is None or other is None or other == root_name(frame):
        return {}
    spelt = column if column == key else f"{key}).alias({column}"
    return {SUGGESTION_WORDS: MEMBERSHIP_JOIN.format(frame=ctx.code(frame), other=other, key=spelt, column=column,
                                                     how=how, among=among)}


def _is_index(node: cst.BaseExpression) -> bool:
    """`frame.index`: the labels pandas keeps beside a frame's columns."""
    return isinstance(node, cst.Attribute) and node.attr.value == "index" and isinstance(node.value, cst.Name)
