"""Small questions about code shapes that several patterns ask; no rule lives here.

Patterns stay short when "is this a call of method X?", "what does this loop iterate over?" or
"which line is that node on?" are answered once. Everything here only reads the tree and the
RuleContext.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any

import libcst as cst

from sparklint.context import RuleContext
from sparklint.rule import SUGGESTION_NOTE, SUGGESTION_WORDS
from sparklint.tree import argument, chain_root, descendants
from sparklint.values import COLUMN_AGGREGATES, PANDAS, literal


def method_call(node: cst.CSTNode, names: frozenset[str] | tuple[str, ...]) -> cst.BaseExpression | None:
    """The receiver of `receiver.<name>(...)` when `node` is such a call, else None.

    Asked of nearly every node, so it compares types (LibCST's node classes are final) rather than
    calling `isinstance`, whose abstract-base-class check is slow when it fails."""
    if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in names:
        return node.func.value
    return None


def root_name(node: cst.BaseExpression) -> str | None:
    """The name a chain of attributes, subscripts and calls starts from (`df` of `df.drop(c)["a"]`)."""
    root = chain_root(node)
    return root.value if isinstance(root, cst.Name) else None


def keyword(node: cst.Call, name: str) -> cst.BaseExpression | None:
    """The value of a keyword argument, None when the call does not give it by keyword."""
    return next((a.value for a in node.args if a.keyword is not None and a.keyword.value == name), None)


def int_literal(node: cst.BaseExpression | None) -> int | None:
    """The value of an integer literal (`20`, `-1`), None for anything else."""
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        inner = int_literal(node.expression)
        return -inner if inner is not None else None
    return None


def string_literal(node: cst.BaseExpression | None) -> str | None:
    """The text of a plain string literal, None for f-strings and everything else."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def subscript_key(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The key of `x[key]`: one index, no slice; None for anything else."""
    index = node.slice[0].slice if isinstance(node, cst.Subscript) and len(node.slice) == 1 else None
    return index.value if isinstance(index, cst.Index) else None


# A pandas frame's own attributes, which `df.name` never means a column by.
FRAME_ATTRIBUTES = frozenset({"index", "columns", "values", "dtypes", "shape", "size", "ndim", "empty", "axes", "T",
                              "loc", "iloc", "at", "iat", "str", "dt", "cat", "plot", "style", "array", "attrs"})


def column_spelt(node: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """A pandas frame's column as `F.col` takes it: `df["c"]` and `df.c` as "c", `df[name]` as `name`; never a
    member of a Series or an accessor (`(a - b).dt.seconds`, `df["t"].dt.hour`)."""
    if isinstance(node, cst.Attribute):
        frame = node.value
        named = isinstance(frame, cst.Name) or isinstance(frame, cst.Attribute) and frame.attr.value not in FRAME_ATTRIBUTES
        return f'"{node.attr.value}"' if named and ctx.kind_of(frame) == PANDAS \
            and node.attr.value not in FRAME_ATTRIBUTES else None
    key = subscript_key(node)
    return ctx.code(key) if isinstance(key, (cst.SimpleString, cst.Name)) else None


# Rows in order, as a window with no partitionBy takes them, and what the user must know of it.
ORDERED_WINDOW = "Window.orderBy(ts)"
ORDERED_WINDOW_NOTE = ("ts: the column that orders the rows; a window with no partitionBy runs in one task, so "
                       "partitionBy a key when the frame holds several series")


def row_offset(node: cst.BaseExpression, ctx: RuleContext) -> tuple[str, str | None] | None:
    """`s.shift(n)`, `diff` or `pct_change` as what `F.lag` offsets (`F.lead` for a negative shift: the next row's
    value), with the column it offsets (`df["bus"]` as "bus"; None when not spelt, the offset then of `col`) and the
    periods (pandas' default is 1); None for any other call."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("shift", "diff", "pct_change")):
        return None
    receiver = node.func.value
    column = column_spelt(receiver, ctx) if isinstance(receiver, (cst.Subscript, cst.Attribute)) else None
    periods = one_line(ctx, given) if (given := argument(node, 0, "periods")) is not None else "1"
    offset = f"F.lead({column or 'col'}, {periods[1:]})" if periods.startswith("-") else \
        f"F.lag({column or 'col'}, {periods})"
    return offset, column


def offset_column(node: cst.BaseExpression, ctx: RuleContext) -> tuple[str, str] | None:
    """A column offset by rows (`df["c"].shift(-1)`, `diff`, `pct_change`) as a window's lag or lead of it, and the
    column; None for any other value or a column not spelt."""
    offset = row_offset(node, ctx)
    if offset is None or offset[1] is None:
        return None
    lag, column = f"{offset[0]}.over({ORDERED_WINDOW})", offset[1]
    return {"shift": lag, "diff": f"F.col({column}) - {lag}",
            "pct_change": f"F.col({column}) / {lag} - 1"}[node.func.attr.value], column  # type: ignore[attr-defined]


def iterated(node: cst.CSTNode) -> cst.BaseExpression | None:
    """What a `for` statement or a comprehension's `for` clause iterates over."""
    return node.iter if isinstance(node, (cst.For, cst.CompFor)) else None


def names_in(node: cst.CSTNode) -> Iterator[str]:
    return (n.value for n in descendants(node, cst.Name))


def assigned_names(node: cst.Assign) -> list[str]:
    """Plain names an assignment binds, one level of tuple targets unpacked."""
    names: list[str] = []
    for target in node.targets:
        value = target.target
        elements = [e.value for e in value.elements] if isinstance(value, (cst.Tuple, cst.List)) else [value]
        names.extend(e.value for e in elements if isinstance(e, cst.Name))
    return names


def rebind(table: dict[str, Any], node: cst.Assign, value: Any) -> None:
    """Record what an assignment's plain names now hold in a pattern's own table; None forgets them."""
    for name in assigned_names(node):
        if value is None:
            table.pop(name, None)
        else:
            table[name] = value


def enclosing_function_name(ctx: RuleContext, default: str) -> str:
    """The function the code runs in, as a runner's `run(fn)` can call it: a function of no required parameter (a
    method or one given data gets `default`, a function to write that builds what it needs itself)."""
    function = next((scope for scope in reversed(ctx.scopes) if isinstance(scope, cst.FunctionDef)), None)
    required = [p for p in function.params.params if p.default is None] if function is not None else [None]
    return function.name.value if function is not None and not required else default


CONTINUATION = re.compile(r"\\\r?\n")  # a backslash that ends a line: the statement goes on


def one_line(ctx: RuleContext, node: cst.CSTNode) -> str:
    """A node's code folded onto one line, to be read inside a one-line message or suggestion: its explicit line
    continuations (a backslash at a line's end) dropped, as a pasted line needs."""
    return " ".join(CONTINUATION.sub(" ", ctx.code(node)).split())


def line_label(ctx: RuleContext, node: cst.CSTNode) -> str:
    """`line 12` (or `cell 3, line 2` in a notebook) for a node; positions are resolved once per file."""
    return ctx.source.where(ctx.positions.line(node))


def pipeline_steps(node: cst.Call, qualified: str | None) -> list[cst.BaseExpression] | None:
    """The steps of `make_pipeline(a, b)` or `Pipeline([("a", a), ("b", b)])` (scikit-learn's, by qualified name),
    None when the call is neither or does not spell its steps out."""
    if qualified == "sklearn.pipeline.make_pipeline":
        return [a.value for a in node.args if a.keyword is None]
    if qualified != "sklearn.pipeline.Pipeline" or len(node.args) != 1 or not isinstance(node.args[0].value, cst.List):
        return None
    pairs = [e.value for e in node.args[0].value.elements]
    if not all(isinstance(p, cst.Tuple) and len(p.elements) == 2 for p in pairs):
        return None
    return [p.elements[1].value for p in pairs if isinstance(p, cst.Tuple)]


def on_columns(axis: cst.BaseExpression | None) -> bool:
    """Whether a pandas `axis` is the columns' (`1`, `"columns"`): side by side for `concat`, columns for `drop`."""
    return axis is not None and (int_literal(axis) == 1 or string_literal(axis) == "columns")


def dropped_columns(node: cst.Call) -> cst.BaseExpression | None:
    """The columns a pandas `drop` drops: `columns=`, or its labels on the columns' axis (also given second, as pandas
    before 2.0 took it); None when it drops rows."""
    columns = keyword(node, "columns")
    if columns is None and on_columns(argument(node, 1, "axis")):
        columns = argument(node, 0, "labels")
    return columns


def reader_options(qualified: str, node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """The options of a pandas reader that decide what Spark's reader must read as Spark spells them, by reader."""
    if qualified.endswith(".read_csv"):
        return _csv_options(node, ctx)
    if qualified.endswith(".read_excel"):
        return _excel_options(node, ctx)
    return {}


def _csv_options(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.read_csv`'s separator and header as Spark's CSV reader takes them: `sep` (one character), `header=False`
    for a file without one (`header=None`, or `names=` without `header`, which pandas reads so), whose column names
    (`names=`) are given afterwards by `toDF`."""
    options, notes = [], []
    separator = argument(node, 1, "sep", "delimiter")
    if separator is not None:
        text = string_literal(separator)
        if text is None or len(text) == 1:
            options.append(f"sep={one_line(ctx, separator)}")
        else:
            notes.append(f"sep: Spark splits on one character, not the pattern {one_line(ctx, separator)}")
    header, names = keyword(node, "header"), keyword(node, "names")
    headless = isinstance(header, cst.Name) and header.value == "None" or header is None and names is not None
    options += ["header=False" if headless else "header=True", "inferSchema=True"]
    if names is not None:
        notes.append(f".toDF(*{one_line(ctx, names)}) after the read names the columns")
    return {"csv_options": ", ".join(options), **({SUGGESTION_NOTE: "; ".join(notes)} if notes else {})}


def _excel_options(node: cst.Call, ctx: RuleContext) -> dict[str, str]:
    """`pd.read_excel`'s sheet and header as the spark-excel reader's options: the sheet by name in `dataAddress`
    (pandas reads the first sheet by default, as spark-excel does); an index or every sheet (`None`), in words."""
    header = keyword(node, "header")
    options = [f'header={"False" if isinstance(header, cst.Name) and header.value == "None" else "True"}']
    sheet, note = argument(node, 1, "sheet_name"), ""
    name = string_literal(sheet) if sheet is not None else None
    if name is not None:
        options.append(f'dataAddress="\'{name}\'!A1"')
    elif isinstance(sheet, cst.Name) and sheet.value == "None":
        note = "every sheet: pandas reads them all (a dict of frames), spark-excel one per read, named in dataAddress"
    elif isinstance(sheet, cst.Integer):
        note = f"the sheet at index {sheet.value}: spark-excel names it, dataAddress=\"'<its name>'!A1\"" \
            if sheet.value != "0" else ""
    elif sheet is not None:
        options.append(f'dataAddress=f"\'{{{one_line(ctx, sheet)}}}\'!A1"')
    return {"excel_options": ", ".join(options), **({SUGGESTION_NOTE: note} if note else {})}


def split_fractions(test_size: str | None, frame: str, train_size: str | None = None) -> tuple[str, str]:
    """`train_test_split`'s test size (its code, None when not given: scikit-learn's 0.25, or the rest of a train
    size given alone) as the fractions of rows the two parts keep, as code: computed for a literal fraction, a share
    of the frame's count for a number of rows."""
    if test_size is None and train_size is not None:
        return split_fractions(train_size, frame)[::-1]
    if test_size is None:
        return "0.75", "0.25"
    if re.fullmatch(r"0?\.\d+", test_size):
        return f"{1 - float(test_size):g}", test_size
    if test_size.isdigit():
        return f"1 - {test_size} / {frame}.count()", f"{test_size} / {frame}.count()"
    return f"1 - {test_size}", test_size


def as_column(value: cst.BaseExpression, frame: cst.BaseExpression, ctx: RuleContext,
              spelt: str | None = None, keys: frozenset[str] = frozenset()) -> tuple[str, list[str]] | None:
    """The new value as a Column expression of the frame's own columns, by migrate's translation of pandas Series
    expressions (the one place that knows them, proven on Spark by its tests), with its notes; the frame named
    `spelt` where the suggestion calls it so. A frame not named plainly (`self.frame`) has no column the translation
    reads, so only a value of none translates (a constant); `keys` are names that hold a column's name (the one the
    statement writes). None for a value it does not translate faithfully."""
    from sparklint.migrate.columns import column  # loaded only when a column assignment is reported

    name = frame.value if isinstance(frame, cst.Name) else ""
    asked = ColumnsAsked(ctx, {name: spelt} if spelt and name else {}, keys)
    expression = column(asked, value, name)
    if expression is None:
        return None
    return (expression if "F." in expression else f"F.lit({expression})"), asked.notes


def column_words(expression: str, said: str, frame: str, use: str) -> dict[str, str]:
    """A Column expression migrate's translation wrote for pandas code, said as such: the frame is to be a Spark one."""
    return {SUGGESTION_WORDS: f"{expression}  # {said} as a Column of `{frame}` as a Spark DataFrame: {use}"}


class ColumnsAsked:
    """What migrate's column translation asks of its translator, answered from the check's context. A name is a plain
    Python value (a threshold) only when it is True or False or the file binds it to a number or text, or once to
    one number a column's aggregate gives (`mean = df["x"].mean()`, one number on the driver in Spark too); any other
    name, of a frame, an array or unknown, leaves the value untranslated. No name is known to hold a column's name, no
    column a date; names that hold a column's name are those the caller gives (`column_keys`)."""

    frame_members = FRAME_ATTRIBUTES
    date_columns: frozenset[str] = frozenset()

    def __init__(self, ctx: RuleContext, renamed: dict[str, str], column_keys: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.renamed = renamed  # frames the suggestion names otherwise (`sdf`)
        self.column_keys = column_keys
        self.todos: list[str] = []
        self.numbers: list[str] = []  # names of an aggregate's number the value reads

    @property
    def notes(self) -> list[str]:
        numbers = ", ".join(f"`{name}`" for name in self.numbers)
        each = "each " if len(self.numbers) > 1 else ""
        return [*self.todos, *([f"{numbers}: {each}a number on the driver, as an aggregate's `.first()[0]` gives one"]
                               if numbers else [])]

    @property
    def scope(self) -> ColumnsAsked:
        """Itself, as a property: an attribute would be a cycle that keeps the file's tree alive until the collector
        runs."""
        return self

    @property
    def literals(self) -> dict[str, cst.BaseExpression]:
        """Names the file binds once, to a dict, list or text written out (`codes = {"low": 0, "high": 1}`)."""
        return {name: value for name, value in self._bound_once.items()
                if isinstance(value, (cst.Dict, cst.List, cst.SimpleString)) and literal(value)}

    @cached_property
    def _bound_once(self) -> dict[str, cst.BaseExpression]:
        """Names the file binds once, to the value they hold (read once per translation, asked per name)."""
        bound: dict[str, list[cst.BaseExpression]] = {}
        for assign in self.ctx.every(cst.Assign):
            for target in assign.targets:
                if isinstance(target.target, cst.Name):
                    bound.setdefault(target.target.value, []).append(assign.value)
        return {name: values[0] for name, values in bound.items() if len(values) == 1}

    def _aggregate(self, name: str) -> bool:
        """Whether the file binds the name once to an aggregate of a pandas frame's column (`df["x"].mean()`)."""
        value = self._bound_once.get(name)
        func = value.func if isinstance(value, cst.Call) and not value.args else None
        return isinstance(func, cst.Attribute) and func.attr.value in COLUMN_AGGREGATES \
            and isinstance(func.value, cst.Subscript) and self.ctx.kind_of(func.value.value) == PANDAS

    def code(self, node: cst.CSTNode) -> str:
        return self.ctx.code(node)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.ctx.qualify(node)

    def spelt(self, frame: str) -> str:
        return self.renamed.get(frame, frame)

    def get(self, name: str) -> object | None:
        values = self.ctx.values
        if name in values.constants or name in values.texts or name in ("True", "False"):
            return None
        if not self._aggregate(name):
            return name
        self.numbers += [] if name in self.numbers else [name]
        return None

    def is_frame(self, name: str) -> bool:
        return self.ctx.kind_of(cst.Name(name)) == PANDAS

    def need(self, what: str) -> None:
        """Imports are the user's to add."""

    def todo(self, message: str) -> None:
        self.todos.append(message)
