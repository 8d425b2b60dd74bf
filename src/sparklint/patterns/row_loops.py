"""Loops whose body runs once per data row in Python on the driver.

A loop is a row loop because of what it iterates over: pandas records, a pandas Series, the rows
of a CSV file, positions `range(len(df))` used to index the frame, or collected Spark rows (SPL603,
`spark_driver_pull.LoopOverCollectedRows`); or because its counter picks one row of a frame per
turn (`df.at[idx, col]`); or because each turn handles one group of a frame (a group-by by hand).
Loops over column names, parameter grids or file paths only build Spark plans and never match.
"""

from __future__ import annotations

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.local_paths import data_reader
from sparklint.patterns.shapes import (
    assigned_names,
    iterated,
    method_call,
    one_line,
    rebind,
    root_name,
    string_literal,
)
from sparklint.rule import SUGGESTION_WORDS, Rule
from sparklint.tree import argument, descendants
from sparklint.values import CSV_READER, FILE, NUMPY, NUMPY_SMALL, PANDAS, PLOT_METHODS, PLOTTING, RANDOM_DRAWS

# Extensions whose lines, when a loop reads them one by one, are records: a `.json` file read line
# by line is JSON Lines (a `.json` file read whole is usually configuration, and is not looked at).
LINE_RECORDS = frozenset({"json"})
# Synthetic rows: a loop of up to FEW_ROWS turns (spelt or capped) is small; draws from these modules make the values.
FEW_ROWS = 1000
RANDOM_MODULES = ("random.", "numpy.random.", "uuid.", "faker.")

INDEXERS = frozenset({"loc", "iloc", "at", "iat"})


class RowLoop(Pattern):
    """Reports `for` statements and comprehension `for` clauses whose iterable `row_source` accepts."""

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        self._check(node, ctx)

    def visit_CompFor(self, node: cst.CompFor, ctx: RuleContext) -> None:
        self._check(node, ctx)

    def _check(self, node: cst.For | cst.CompFor, ctx: RuleContext) -> None:
        source = self.row_source(iterated(node), ctx)  # type: ignore[arg-type]
        if source is not None:
            ctx.report(self.rule, node, receiver=source, iterable=ctx.code(node.iter), **self.fields(node, source, ctx))

    def row_source(self, iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
        """The code of the data whose rows the loop visits (a template's `{receiver}`), None if no row loop."""
        raise NotImplementedError

    def fields(self, node: cst.For | cst.CompFor, receiver: str, ctx: RuleContext) -> dict[str, str]:
        """Template fields a subclass adds to `receiver` and `iterable`."""
        return {}


class LoopOverPandasRecords(RowLoop):
    """`df.to_dict("records")`, `df.to_records()`, `df.values.tolist()` iterated directly or by name."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.records: dict[str, cst.BaseExpression] = {}

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        rebind(self.records, node, self._records_of(node.value, ctx))

    def row_source(self, iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
        if isinstance(iterable, cst.Name) and iterable.value in self.records:
            return ctx.code(self.records[iterable.value])
        frame = self._records_of(iterable, ctx)
        return ctx.code(frame) if frame is not None else None

    def _records_of(self, node: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression | None:
        frame = method_call(node, ("to_dict",))
        if frame is not None and string_literal(argument(node, 0, "orient")) == "records":  # type: ignore[arg-type]
            return frame if ctx.kind_of(frame) in (PANDAS, None) else None
        frame = method_call(node, ("to_records",))
        if frame is None:
            array = method_call(node, ("tolist",))
            if isinstance(array, cst.Attribute) and array.attr.value == "values":
                frame = array.value
            elif array is not None:
                frame = method_call(array, ("to_numpy",))
        return frame if frame is not None and ctx.kind_of(frame) == PANDAS else None


class SeriesItems(Pattern):
    """`df["col"].items()` or a name bound to one column: one Python iteration per value."""

    needs = ("items",)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.series: set[str] = set()

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        names = assigned_names(node)
        if _is_column(node.value, ctx) and len(names) == 1:
            self.series.add(names[0])
        else:
            self.series.difference_update(names)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        receiver = method_call(node, ("items", "iteritems"))
        if receiver is None:
            return
        column = _is_column(receiver, ctx) or (isinstance(receiver, cst.Name) and receiver.value in self.series)
        if column and ctx.kind_of(receiver) == PANDAS:
            ctx.report(self.rule, node, **ctx.call_fields(node))


def _is_column(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """`df["col"]`: a pandas frame indexed by one string is a Series (a DataFrame's `.items()` yields columns)."""
    if not isinstance(node, cst.Subscript) or ctx.kind_of(node.value) != PANDAS or len(node.slice) != 1:
        return False
    index = node.slice[0].slice
    return isinstance(index, cst.Index) and string_literal(index.value) is not None


class RangeLenIndexing(Pattern):
    """`for i in range(len(df)):` whose body reads `df.loc[i]` / `.iloc` / `.at` / `.iat` with the counter."""

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        frame = _range_over_length(node.iter, ctx)
        if frame is None or not isinstance(node.target, cst.Name):
            return
        counter = node.target.value
        for subscript in descendants(node.body, cst.Subscript):
            value = subscript.value
            if isinstance(value, cst.Attribute) and value.attr.value in INDEXERS \
                    and any(n.value == counter for s in subscript.slice for n in descendants(s, cst.Name)):
                ctx.report(self.rule, node, receiver=ctx.code(frame), indexer=value.attr.value)
                return


def _range_over_length(node: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression | None:
    """The frame in `range(len(df))`, `range(0, len(df))` or `range(df.shape[0])`, if it may be pandas."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "range"):
        return None
    if not node.args or ctx.qualify(node.func) is not None:
        return None
    bound = node.args[1].value if len(node.args) > 1 else node.args[0].value
    frame = None
    if isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name) and bound.func.value == "len" and bound.args:
        frame = bound.args[0].value
    elif isinstance(bound, cst.Subscript) and isinstance(bound.value, cst.Attribute) \
            and bound.value.attr.value == "shape":
        frame = bound.value.value
    if isinstance(frame, cst.Attribute) and frame.attr.value == "index":
        frame = frame.value
    return frame if frame is not None and ctx.kind_of(frame) in (PANDAS, None) else None


class LoopOverCsvRows(RowLoop):
    """`for row in csv.reader(f)` / `csv.DictReader` / the lines of `open("data.csv")`."""

    needs = ("open", "csv")

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.data_files: dict[str, str] = {}  # names bound to an open data file -> its path

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        names = assigned_names(node)
        path = self._data_file(node.value, ctx)
        for name in names:
            if path is not None:
                self.data_files[name] = path
            else:
                self.data_files.pop(name, None)

    def visit_WithItem(self, node: cst.WithItem, ctx: RuleContext) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name) \
                and (path := self._data_file(node.item, ctx)) is not None:
            self.data_files[node.asname.name.value] = path

    def row_source(self, iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
        if ctx.kind_of(self._lines_of(iterable)) == CSV_READER or self._path(iterable, ctx) is not None:
            return ctx.code(iterable)
        return None

    def fields(self, node: cst.For | cst.CompFor, receiver: str, ctx: RuleContext) -> dict[str, str]:
        """The Spark reader of the file the loop reads, by its extension (a `csv.reader` of one not named: csv)."""
        iterable = iterated(node)
        path = self._path(iterable, ctx) if iterable is not None else None
        if path is None and isinstance(iterable, cst.Call) and iterable.args:  # `csv.reader(handle)`
            path = self._path(iterable.args[0].value, ctx)
        extension = path.rsplit(".", 1)[-1].lower() if path is not None and "." in path else "csv"
        reader = "json" if extension in LINE_RECORDS else data_reader(f".{extension}") or "csv"
        options = {"csv": ', header=True, inferSchema=True' + {"tsv": ', sep="\\t"', "psv": ', sep="|"'}.get(extension, "")}
        return {"reader": f"{reader}(path{options.get(reader, '')})",
                "file": f"`{path}`" if path is not None else "the file the loop reads"}

    def _lines_of(self, iterable: cst.BaseExpression) -> cst.BaseExpression:
        lines = method_call(iterable, ("readlines",))
        return lines if lines is not None else iterable

    def _path(self, iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
        """The data file whose lines a loop reads: opened there, or by the name it iterates."""
        candidate = self._lines_of(iterable)
        if isinstance(candidate, cst.Name) and ctx.kind_of(candidate) == FILE:
            return self.data_files.get(candidate.value)
        return self._data_file(candidate, ctx)

    def _data_file(self, node: cst.BaseExpression, ctx: RuleContext) -> str | None:
        if not (isinstance(node, cst.Call) and ctx.kind_of(node) == FILE):
            return None
        path = string_literal(argument(node, 0, "file"))
        readable = path is not None and (data_reader(path) is not None or path.rsplit(".", 1)[-1].lower() in LINE_RECORDS)
        return path if readable else None


class RowByRowIndexing(Pattern):
    """`for idx in df.index:` (or any other list of labels) whose body reads or writes
    `df.at[idx, ...]` / `.loc` / `.iloc` / `.iat` with the counter as the row: one row per turn."""

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        if not isinstance(node.target, cst.Name) or _range_over_length(node.iter, ctx) is not None \
                or _few_literals(node.iter, ctx):
            return
        counter = node.target.value
        for subscript in descendants(node.body, cst.Subscript):
            value = subscript.value
            if isinstance(value, cst.Attribute) and value.attr.value in INDEXERS \
                    and ctx.kind_of(value.value) in (PANDAS, None) and _names_row(subscript, counter):
                ctx.report(self.rule, node.iter, receiver=ctx.code(value.value), indexer=value.attr.value,
                           counter=counter, iterable=ctx.code(node.iter))
                return


def _few_literals(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """A literal list/tuple/set, or `range(k)` with a literal k up to FEW_ROWS: a handful of rows, fine on the driver."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return True
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "range" \
        and _range_count(node, ctx) is None


def _names_row(subscript: cst.Subscript, counter: str) -> bool:
    """Whether the row position of `frame.at[row, col]` (the only position of `frame.loc[row]`) is the counter."""
    row = subscript.slice[0].slice
    return isinstance(row, cst.Index) and isinstance(row.value, cst.Name) and row.value.value == counter


class LoopOverGroups(Pattern):
    """A group-by by hand: `for key, group in df.groupby(k):`, or `for v in df[k].unique():` whose body
    keeps the rows `df[df[k] == v]`; silent when the body only draws a chart per group."""

    # What each group becomes: a frame of its own (a function of the group), or columns beside the other groups'.
    APPLIED = ("sdf.groupBy({key}).applyInPandas(fn, schema)  # fn(pdf) gets one group as a pandas DataFrame, on the "
               "executors; groupBy({key}).agg(...) when the loop only aggregates")
    SIDE_BY_SIDE = ("sdf.groupBy(row_key).pivot({key}).agg(F.first(value))  # the loop merges each group beside the "
                    "others on a row key: a pivot, one column per value of {key}; row_key: what the groups' rows are "
                    "matched on, value: the column each group adds")

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        found = self._grouped(node, ctx)
        if found is not None and not _plots(node.body, ctx):
            frame, key = found
            instead = (self.SIDE_BY_SIDE if _merged_side_by_side(node.body, ctx) else self.APPLIED).format(key=key)
            ctx.report(self.rule, node.iter, receiver=ctx.code(frame), key=key, instead=instead)

    def _grouped(self, node: cst.For, ctx: RuleContext) -> tuple[cst.BaseExpression, str] | None:
        """The frame and the grouping key (as code) when the loop visits one group per turn."""
        iterable = node.iter
        frame = method_call(iterable, ("groupby",))
        if frame is not None and isinstance(iterable, cst.Call) and ctx.kind_of(frame) is None \
                and ctx.qualify(iterable.func) is None:  # on a known pandas frame SPL201 reports the groupby
            key = argument(iterable, 0, "by")
            return frame, ctx.code(key) if key is not None else "..."
        column = method_call(iterable, ("unique",))
        if not (isinstance(column, cst.Subscript) and isinstance(node.target, cst.Name)) \
                or ctx.kind_of(column.value) not in (PANDAS, None):
            return None
        frame_code, name = _column_key(column, ctx)
        if name is None:
            return None
        for comparison in descendants(node.body, cst.Comparison):
            sides = [comparison.left, *(t.comparator for t in comparison.comparisons)]
            if len(sides) == 2 and isinstance(comparison.comparisons[0].operator, cst.Equal) \
                    and any(_column_key(a, ctx) == (frame_code, name) and isinstance(b, cst.Name)
                            and b.value == node.target.value for a, b in (sides, sides[::-1])):
                return column.value, repr(name)
        return None


def _merged_side_by_side(body: cst.CSTNode, ctx: RuleContext) -> bool:
    """Whether a loop body joins what it made to a frame it carries from turn to turn (`acc = acc.merge(part, ...)`,
    `pd.merge(acc, part)`, `acc.join(part)`, `pd.concat([acc, part], axis=1)`): the groups end up side by side."""
    for assign in descendants(body, cst.Assign):
        names = set(assigned_names(assign))
        for value in descendants(assign.value, cst.Call):  # `acc = part if acc is None else acc.merge(part)` too
            if _carries(value, names, ctx):
                return True
    return False


def _carries(call: cst.Call, names: set[str], ctx: RuleContext) -> bool:
    """Whether a call joins a frame bound to one of `names` to another frame, on keys or side by side."""
    qualified = ctx.qualify(call.func)
    receiver = method_call(call, ("merge", "join")) if qualified is None else None
    first = call.args[0].value if call.args else None
    if receiver is not None:
        return root_name(receiver) in names
    if qualified == "pandas.merge":
        return first is not None and root_name(first) in names
    axis = argument(call, 1, "axis")
    return qualified == "pandas.concat" and isinstance(first, (cst.List, cst.Tuple)) and axis is not None \
        and ctx.code(axis) in ("1", "'columns'", '"columns"') and any(root_name(e.value) in names for e in first.elements)


def _column_key(node: cst.BaseExpression, ctx: RuleContext) -> tuple[str, str | None]:
    """`df["k"]` as (the frame's code, "k"), so `df['k']` and `df["k"]` compare equal."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return ctx.code(node.value), string_literal(node.slice[0].slice.value)
    return "", None


def _plots(body: cst.CSTNode, ctx: RuleContext) -> bool:
    """Whether a loop body draws: a call into a plotting library or a plotting method (`ax.plot`, `.hist`)."""
    for call in descendants(body, cst.Call):
        qualified = ctx.qualify(call.func) or ""
        if qualified.startswith(PLOTTING) or method_call(call, PLOT_METHODS) is not None:
            return True
    return False


# A generating loop whose count each turn of an enclosing loop decides: one row per outer turn, exploded.
PER_TURN = ('# `{count}` records drawn for each turn of the enclosing loop over `{outer}`, a count that turn decides: on '
            'Spark, one row per turn with its count as a column n, then .filter("n > 0").withColumn("i", '
            'F.explode(F.sequence(F.lit(1), F.col("n")))), each field a column expression (F.rand, F.randn, '
            'F.expr("uuid()")); a draw Spark has no function for (a Poisson count): outer_sdf.mapInPandas(draw_records, '
            'schema), each partition drawing the records of its rows')


# What a generating loop nested with others adds: one record per combination of their turns.
NESTED = ('; the loops nest, one record per combination of their turns: each loop\'s value from the id '
          '(F.col("id") % inner_count, F.floor(F.col("id") / inner_count)), or a spark.range per loop crossJoined')


class GeneratedRowsLoop(Pattern):
    """`for i in range(n):` whose body draws random values and appends a record (a dict, tuple or list)
    to a list: synthetic data built one row at a time. A count the code keeps to `FEW_ROWS` or fewer is left alone."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.reported: set[int] = set()  # loops reported: the loops nested in them are not reported again

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        count = _range_count(node.iter, ctx)
        if count is None or any(id(loop) in self.reported for loop in ctx.loops) or not draws_random(node.body, ctx):
            return
        appended = (argument(c, 0) for c in descendants(node.body, cst.Call) if method_call(c, ("append",)))
        if any(isinstance(a, (cst.Dict, cst.Tuple, cst.List)) for a in appended):
            self.reported.add(id(node))
            outer = [loop.iter for loop in ctx.loops if isinstance(loop, cst.For) and loop is not node]
            changing = {name for a in descendants(node.body, cst.Assign) for name in assigned_names(a)}
            inner = [loop.iter for loop in descendants(node.body, cst.For)  # not a count each turn draws anew
                     if not changing & {n.value for n in descendants(loop.iter, cst.Name)}]
            counts = [c for c in (_loop_count(i, ctx) for i in outer) if c] + [ctx.code(count)] + [
                c for c in (_loop_count(i, ctx) for i in inner) if c]
            drawn_per_turn = _drawn_per_turn(node, count, ctx)
            ctx.report(self.rule, node.iter, count=" * ".join(counts), nested=NESTED if len(counts) > 1 else "",
                       **{SUGGESTION_WORDS: PER_TURN.format(count=ctx.code(count), outer=one_line(
                           ctx, drawn_per_turn.iter))} if drawn_per_turn is not None else {})


def _drawn_per_turn(node: cst.For, count: cst.BaseExpression, ctx: RuleContext) -> cst.For | None:
    """The enclosing loop a generating loop's count changes with (`n = np.random.poisson(...)` in the body of
    `for _, row in frame.iterrows():`), or whose turns are not counted (rows, pairs): then no `spark.range` of
    that count makes the records, one outer row's count does."""
    names = {n.value for n in descendants(count, cst.Name)}
    for loop in ctx.loops:
        if isinstance(loop, cst.For) and loop is not node and (_loop_count(loop.iter, ctx) is None or names & {
                name for a in descendants(loop.body, cst.Assign) for name in assigned_names(a)}):
            return loop
    return None


def _range_stop(node: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression | None:
    """The stop of `range(n)` or `range(a, n[, step])`, None for other iterables."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "range"
            and ctx.qualify(node.func) is None and 1 <= len(node.args) <= 3):
        return None
    return node.args[min(1, len(node.args) - 1)].value


def _range_count(node: cst.BaseExpression, ctx: RuleContext) -> cst.BaseExpression | None:
    """The count of `range(n)`, None for other iterables and counts the code keeps small (`range(20)`, `range(n)` of
    `n = min(200, len(skus))`)."""
    stop = _range_stop(node, ctx)
    if stop is None:
        return None
    most = ctx.values.at_most(stop)
    return None if most is not None and most <= FEW_ROWS else stop


def _loop_count(iterable: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """How many turns a loop nested with a generating one takes: `n` of `range(n)`, `len(items)` of a list's name."""
    stop = _range_stop(iterable, ctx)
    if stop is not None:
        return ctx.code(stop)
    return f"len({iterable.value})" if isinstance(iterable, cst.Name) else None


def draws_random(body: cst.CSTNode, ctx: RuleContext) -> bool:
    """Whether code calls into `random`, `numpy.random`, `uuid` or faker, or draws from a NumPy generator
    (`rng.normal(...)`): values made up, not read."""
    return any((ctx.qualify(c.func) or "").startswith(RANDOM_MODULES)
               or isinstance(c.func, cst.Attribute) and c.func.attr.value in RANDOM_DRAWS
               and ctx.kind_of(c.func.value) in (NUMPY, NUMPY_SMALL) for c in descendants(body, cst.Call))
