"""Loops whose body runs once per data row in Python on the driver.

A loop is a row loop because of what it iterates over: collected Spark rows, pandas records, a
pandas Series, the rows of a CSV file, or positions `range(len(df))` used to index the frame.
Loops over column names, parameter grids or file paths only build Spark plans and never match,
because none of these patterns looks at such iterables.
"""

from __future__ import annotations

import libcst as cst

from sparklint.context import Context
from sparklint.patterns import Pattern
from sparklint.patterns.paths import data_reader
from sparklint.patterns.shapes import argument, assigned_names, iterated, method_call, rebind, string_literal
from sparklint.tree import descendants
from sparklint.values import CSV_READER, FILE, PANDAS, RDD, ROWS, SPARK

INDEXERS = frozenset({"loc", "iloc", "at", "iat"})


class _LoopPattern(Pattern):
    """Reports `for` statements and comprehension `for` clauses whose iterable `row_source` accepts."""

    def visit_For(self, node: cst.For, ctx: Context) -> None:
        self._check(node, ctx)

    def visit_CompFor(self, node: cst.CompFor, ctx: Context) -> None:
        self._check(node, ctx)

    def _check(self, node: cst.For | cst.CompFor, ctx: Context) -> None:
        source = self.row_source(iterated(node), ctx)  # type: ignore[arg-type]
        if source is not None and ctx.enabled(self.rule):
            ctx.report(self.rule, node, receiver=source, iterable=ctx.code(node.iter))

    def row_source(self, iterable: cst.BaseExpression, ctx: Context) -> str | None:
        """The code of the data whose rows the loop visits (a template's `{receiver}`), None if no row loop."""
        raise NotImplementedError


class LoopOverCollectedRows(_LoopPattern):
    """`for row in df.collect()`, `toLocalIterator()`, a name holding collected rows; comprehensions too."""

    name = "loop-over-collected-rows"

    def row_source(self, iterable: cst.BaseExpression, ctx: Context) -> str | None:
        receiver = method_call(iterable, ("collect", "toLocalIterator"))
        if receiver is not None:
            return ctx.code(receiver) if ctx.kind_of(receiver) in (SPARK, RDD, None) else None
        return "df" if ctx.kind_of(iterable) == ROWS else None  # the DataFrame is out of sight


class LoopOverPandasRecords(_LoopPattern):
    """`df.to_dict("records")`, `df.to_records()`, `df.values.tolist()` iterated directly or by name."""

    name = "loop-over-pandas-records"

    def visit_Module(self, node: cst.Module, ctx: Context) -> None:
        self.records: dict[str, cst.BaseExpression] = {}

    def visit_Assign(self, node: cst.Assign, ctx: Context) -> None:
        rebind(self.records, node, self._records_of(node.value, ctx))

    def row_source(self, iterable: cst.BaseExpression, ctx: Context) -> str | None:
        if isinstance(iterable, cst.Name) and iterable.value in self.records:
            return ctx.code(self.records[iterable.value])
        frame = self._records_of(iterable, ctx)
        return ctx.code(frame) if frame is not None else None

    def _records_of(self, node: cst.BaseExpression, ctx: Context) -> cst.BaseExpression | None:
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

    name = "pandas-series-items"

    def visit_Module(self, node: cst.Module, ctx: Context) -> None:
        self.series: set[str] = set()

    def visit_Assign(self, node: cst.Assign, ctx: Context) -> None:
        names = assigned_names(node)
        if _is_column(node.value, ctx) and len(names) == 1:
            self.series.add(names[0])
        else:
            self.series.difference_update(names)

    def visit_Call(self, node: cst.Call, ctx: Context) -> None:
        receiver = method_call(node, ("items", "iteritems"))
        if receiver is None:
            return
        column = _is_column(receiver, ctx) or (isinstance(receiver, cst.Name) and receiver.value in self.series)
        if column and ctx.kind_of(receiver) == PANDAS and ctx.enabled(self.rule):
            ctx.report(self.rule, node, **ctx.call_fields(node))


def _is_column(node: cst.BaseExpression, ctx: Context) -> bool:
    """`df["col"]`: a pandas frame indexed by one string is a Series (a DataFrame's `.items()` yields columns)."""
    if not isinstance(node, cst.Subscript) or ctx.kind_of(node.value) != PANDAS or len(node.slice) != 1:
        return False
    index = node.slice[0].slice
    return isinstance(index, cst.Index) and string_literal(index.value) is not None


class RangeLenIndexing(Pattern):
    """`for i in range(len(df)):` whose body reads `df.loc[i]` / `.iloc` / `.at` / `.iat` with the counter."""

    name = "range-len-indexing"

    def visit_For(self, node: cst.For, ctx: Context) -> None:
        frame = _range_over_length(node.iter, ctx)
        if frame is None or not isinstance(node.target, cst.Name):
            return
        counter = node.target.value
        for subscript in descendants(node.body, cst.Subscript):
            value = subscript.value
            if isinstance(value, cst.Attribute) and value.attr.value in INDEXERS \
                    and any(n.value == counter for s in subscript.slice for n in descendants(s, cst.Name)):
                if ctx.enabled(self.rule):
                    ctx.report(self.rule, node, receiver=ctx.code(frame), indexer=value.attr.value)
                return


def _range_over_length(node: cst.BaseExpression, ctx: Context) -> cst.BaseExpression | None:
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


class LoopOverCsvRows(_LoopPattern):
    """`for row in csv.reader(f)` / `csv.DictReader` / the lines of `open("data.csv")`."""

    name = "loop-over-csv-rows"

    def visit_Module(self, node: cst.Module, ctx: Context) -> None:
        self.data_files: set[str] = set()  # names bound to an open data file

    def visit_Assign(self, node: cst.Assign, ctx: Context) -> None:
        names = assigned_names(node)
        if self._opens_data_file(node.value, ctx):
            self.data_files.update(names)
        else:
            self.data_files.difference_update(names)

    def visit_WithItem(self, node: cst.WithItem, ctx: Context) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name) \
                and self._opens_data_file(node.item, ctx):
            self.data_files.add(node.asname.name.value)

    def row_source(self, iterable: cst.BaseExpression, ctx: Context) -> str | None:
        lines = method_call(iterable, ("readlines",))
        candidate = lines if lines is not None else iterable
        if ctx.kind_of(candidate) == CSV_READER or self._opens_data_file(candidate, ctx) or (
            isinstance(candidate, cst.Name) and candidate.value in self.data_files and ctx.kind_of(candidate) == FILE
        ):
            return ctx.code(iterable)
        return None

    def _opens_data_file(self, node: cst.BaseExpression, ctx: Context) -> bool:
        if not (isinstance(node, cst.Call) and ctx.kind_of(node) == FILE):
            return False
        path = string_literal(argument(node, 0, "file"))
        return path is not None and data_reader(path) is not None
