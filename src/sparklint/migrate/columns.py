"""pandas Series expressions → Spark Column expressions, for the columns of one frame.

`df["income"] / (df["tenure"] + 1)` becomes `F.col("income") / (F.col("tenure") + 1)`; NumPy ufuncs,
`astype`, `fillna`, `where`, `.str`/`.dt` accessors, `np.where` and dictionary `map`s have exact Column
counterparts. Anything else returns None, so the caller leaves the line as it was with a TODO: a
guess would change results silently. Only columns of the frame being assigned are accepted —
`df["x"] = other["y"]` aligns on the pandas index, which Spark has no notion of.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Protocol

import libcst as cst

from sparklint.migrate import mappings
from sparklint.patterns.pandas_transforms import spark_pattern, timestamp
from sparklint.tree import descendants

NUMPY_UFUNCS = mappings.functions("numpy")
NUMPY_PAIRWISE = mappings.pairwise_functions()
COLUMN_NAMED = re.compile(r"F\.col\([^()]*\)")  # `F.col("c")`: a Column a method can follow without brackets
NUMPY_CONSTANTS = ("numpy.pi", "numpy.e")  # plain Python floats next to a Column
# pandas' missing values, each a null of the type pandas gives its column (NaN a float, NaT a timestamp)
MISSING_VALUES = {"numpy.nan": "double", "numpy.NaN": "double", "pandas.NaT": "timestamp"}
CASTS = mappings.types("astype")
STR_METHODS = mappings.functions("str")  # "{1}" in a template: the method takes one literal argument
# A Python text's methods that pandas' `.str` has with the same meaning, as a function given each value calls them.
TEXT_METHODS = frozenset({"lower", "upper", "strip", "capitalize", "startswith", "endswith"})
DT_FIELDS = mappings.functions("dt")  # pandas counts weekdays from Monday=0, Spark's dayofweek from Sunday=1
# What one timestamp has of those: `.dt`'s attributes, but `date()` and `weekday()` are a timestamp's methods.
TIMESTAMP_METHODS = frozenset({"date", "weekday"})
TIMESTAMP_FIELDS = frozenset(field for field in DT_FIELDS if "(" not in field) - TIMESTAMP_METHODS
# NumPy's draws of one value per row as Spark's of the same distribution: the template, then the draw's parameters by
# position (the size follows them) and their defaults.
RANDOM_COLUMNS = {
    "numpy.random.rand": ("F.rand()", (), ()),
    "numpy.random.random": ("F.rand()", (), ()),
    "numpy.random.randn": ("F.randn()", (), ()),
    "numpy.random.uniform": ("({start}F.rand(){times_span})", ("low", "high"), ("0.0", "1.0")),
    "numpy.random.normal": ("({start}F.randn(){times_scale})", ("loc", "scale"), ("0.0", "1.0")),
    "numpy.random.randint": ("F.floor({start}F.rand() * {span}).cast(\"bigint\")", ("low", "high"), ("0", "None")),
}
# `axis=` values of a frame's `apply` that hand the function one row at a time.
ROW_AXES = frozenset({"1", '"columns"', "'columns'"})
# A row's own members (a pandas Series') beside those a frame has too, which `row.<name>` reads rather than a column.
ROW_MEMBERS = frozenset({"name", "get", "keys", "items", "to_dict", "dtype"})
# Python's conversions of one value that a column's `astype` makes of every value alike.
CONVERSIONS = frozenset({"int", "float", "str"})
TIMEDELTA_PARTS = mappings.timedelta_parts()  # {0} - {1}: the difference of two timestamps as a number
AGGREGATES = mappings.functions("groupby")
AS_DOUBLE = mappings.as_double("groupby")
DATE_AVERAGES = ("mean", "median", "quantile(q)")  # a date's average or quantile is a date, in pandas


class Names(Protocol):
    """What a name holds, as far as the translation asks: anything (None: a plain Python value), and whether a frame."""

    def get(self, name: str) -> object | None: ...

    def is_frame(self, name: str) -> bool: ...


class Asked(Protocol):
    """What the translation asks of its caller: `migrate`'s translator, or the check's suggestions."""

    @property
    def scope(self) -> Names: ...

    @property
    def literals(self) -> Mapping[str, cst.BaseExpression]:
        """Names bound to a literal string, list or dict."""

    @property
    def frame_members(self) -> Collection[str]:
        """A frame's own attributes, never a column by `df.name`."""

    @property
    def date_columns(self) -> Collection[str]:
        """The columns the script makes dates of."""

    @property
    def column_keys(self) -> Collection[str]:
        """Names that hold a column's name: the key of the column a statement writes (`df[c] = df[c].fillna("")`)."""

    def code(self, node: cst.CSTNode) -> str: ...

    def qualify(self, node: cst.BaseExpression) -> str | None: ...

    def spelt(self, frame: str) -> str:
        """How the code written names a frame of the script (migrate keeps its name; a suggestion may say `sdf`)."""

    def need(self, what: str) -> None: ...

    def todo(self, message: str) -> None: ...


def column_name(t: Asked, node: cst.BaseExpression, frame: str) -> str | None:
    """`df["c"]` or `df.c` on `frame` → the column name as a Python string literal."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == frame:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = node.slice[0].slice.value
            if isinstance(key, cst.SimpleString):
                return t.code(key)
            if isinstance(key, cst.Name) and (key.value in t.column_keys
                                              or isinstance(t.literals.get(key.value), cst.SimpleString)):
                return key.value  # a name bound to the column's name
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == frame:
        if node.attr.value not in t.frame_members:
            return repr(node.attr.value)
    return None


def aggregate(t: Asked, function: str, name: str, *args: str) -> str | None:
    """pandas' reduction `function` (an AGGREGATES key) of the column `name` (a Python expression of its
    name) as a Spark aggregate. Spark's averages refuse booleans and timestamps, which pandas averages:
    a boolean as 0/1 (read as a double here, which changes no number), a date into a date (averaged
    here as microseconds, made a timestamp again). None for what has no such form (a date's std)."""
    def reduce(source: str) -> str:
        return f"{AGGREGATES[function]}({', '.join((source, *args))})"

    if _named(t, name) in t.date_columns:
        if function in DATE_AVERAGES:
            micros = reduce(f"F.unix_micros(F.col({name}))")
            return f'F.timestamp_micros({micros}.cast("long"))'
        return None if function in AS_DOUBLE else reduce(name)
    return reduce(f'F.col({name}).cast("double")') if function in AS_DOUBLE else reduce(name)


def scalar(t: Asked, node: cst.BaseExpression) -> str | None:
    """`df["c"].median()`, `df["c"].quantile(0.99)` → a one-row aggregate job whose value is a Python
    number, as pandas returns; `.round(n)` of one is Python's `round`, half to even as NumPy's."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    function = node.func.attr.value
    if function == "round" and len(node.args) <= 1 and all(
            a.keyword is None and isinstance(a.value, cst.Integer) for a in node.args):
        number = scalar(t, node.func.value)
        return None if number is None else f"round({number}, {t.code(node.args[0].value) if node.args else 0})"
    args = [t.code(a.value) for a in node.args if a.keyword is None and isinstance(a.value, (cst.Integer, cst.Float))]
    if args and len(args) == len(node.args) == 1:
        function += "(q)"  # the one argument of a quantile
    elif node.args:
        return None
    series = node.func.value
    if function not in AGGREGATES or not isinstance(series, (cst.Subscript, cst.Attribute)):
        return None
    frame = series.value
    if not isinstance(frame, cst.Name) or not t.scope.is_frame(frame.value):
        return None
    name = column_name(t, series, frame.value)
    reduced = None if name is None else aggregate(t, function, name, *args)
    if reduced is None:
        return None
    t.need("F")
    return f"{t.spelt(frame.value)}.select({reduced}).first()[0]"


def _named(t: Asked, name: str) -> str | None:
    """The column a name literal, or a name bound to one, stands for."""
    literal = t.literals.get(name) if name.isidentifier() else cst.parse_expression(name)
    return literal.evaluated_value if isinstance(literal, cst.SimpleString) and isinstance(literal.evaluated_value, str) else None


def column(t: Asked, node: cst.BaseExpression, frame: str) -> str | None:
    """The Column expression for a pandas Series expression over `frame`, or None if not faithful."""
    name = column_name(t, node, frame)
    if name is not None:
        t.need("F")
        return f"F.col({name})"
    value = scalar(t, node)
    if value is not None:
        return f"F.lit({value})"
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString)):
        return _parens(node, t.code(node))
    if isinstance(node, cst.Name) and node.value not in ("None",) and t.scope.get(node.value) is None:
        return node.value  # a plain Python value (a threshold, a constant)
    if isinstance(node, cst.Attribute) and t.qualify(node) in MISSING_VALUES:
        t.need("F")
        return f'F.lit(None).cast("{MISSING_VALUES[t.qualify(node) or ""]}")'
    if isinstance(node, cst.Attribute) and t.qualify(node) in NUMPY_CONSTANTS:
        return t.code(node)
    if isinstance(node, cst.BinaryOperation):
        return _arithmetic(t, node, frame)
    if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
        target = node.comparisons[0]
        left, right = column(t, node.left, frame), column(t, target.comparator, frame)
        operator = t.code(target.operator).strip()
        if left is None or right is None or operator in ("in", "not in", "is", "is not"):
            return None
        return _parens(node, f"{left} {operator} {right}")
    if isinstance(node, cst.UnaryOperation):
        inner = column(t, node.expression, frame)
        return None if inner is None else _parens(node, f"{t.code(node.operator).strip()}{inner}")
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Attribute) and node.value.attr.value == "dt":
        return _date_part(t, node.value.value, node.attr.value, frame)
    if isinstance(node, cst.IfExp):
        return _if_else(t, node, frame)
    if isinstance(node, cst.Call):
        return _call(t, node, frame)
    return None


def _arithmetic(t: Asked, node: cst.BinaryOperation, frame: str) -> str | None:
    """`a op b` with a Column on either side. A Column has Python's + - * / % ** & | but no `//`, which is
    `F.floor(a / b)` (pandas floors too); no `@`, `^` or shifts, which are not translated."""
    left, right = column(t, node.left, frame), column(t, node.right, frame)
    if left is None or right is None:
        return None
    operator = t.code(node.operator).strip()
    if "F." in left + right:  # a Column's operators; plain Python values are Python's to compute
        if operator == "//":
            return f"F.floor({left} / {right})"
        if operator not in ("+", "-", "*", "/", "%", "**", "&", "|"):
            return None
    return _parens(node, f"{left} {operator} {right}")


def _if_else(t: Asked, node: cst.IfExp, frame: str) -> str | None:
    """`a if s < k else b` → `F.when(s < k, a).otherwise(b)`. Only an ordering or `==` test: it is
    False for a missing value in Python as its null is in `F.when`, so both take the `else` branch
    (`!=` and `not` are True for NaN in Python, null in Spark: not translated)."""
    test = node.test
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, (cst.LessThan, cst.LessThanEqual, cst.GreaterThan,
                                                          cst.GreaterThanEqual, cst.Equal))):
        return None
    parts = [column(t, part, frame) for part in (test, node.body, node.orelse)]
    if None in parts or "F." not in str(parts[0]):  # a test on plain Python values is no Column
        return None
    return f"F.when({parts[0]}, {parts[1]}).otherwise({parts[2]})"


def _date_part(t: Asked, value: cst.BaseExpression, part: str, frame: str) -> str | None:
    """`value.dt.<part>` (`part` ends in `()` for a method): a part of a timestamp Column (`s.dt.month`), or a
    Timedelta of two read as a number (`(end - start).dt.days`, `.dt.total_seconds()`)."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Subtract) and part in TIMEDELTA_PARTS:
        end, start = column(t, value.left, frame), column(t, value.right, frame)
        return None if end is None or start is None else TIMEDELTA_PARTS[part].format(end, start)
    inner = column(t, value, frame)
    field = DT_FIELDS.get(part)
    return None if inner is None or field is None else field.format(inner)


def _sole_parameter(function: cst.BaseExpression) -> str | None:
    """The name of a lambda's one parameter, when its body binds no name again (a lambda or comprehension inside)."""
    if not (isinstance(function, cst.Lambda) and len(function.params.params) == 1
            and not isinstance(function.params.star_arg, cst.Param) and not function.params.kwonly_params):
        return None
    if descendants(function.body, (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
        return None
    return function.params.params[0].name.value


def _element_function(t: Asked, function: cst.BaseExpression, series: cst.BaseExpression, frame: str) -> str | None:
    """`s.apply(lambda v: <expression of v>)` → that expression with the column in place of `v`."""
    param = _sole_parameter(function)
    if param is None:
        return None
    body = function.body  # type: ignore[attr-defined]
    if isinstance(body, cst.Subscript) and len(body.slice) == 1 and isinstance(index := body.slice[0].slice, cst.Index) \
            and isinstance(index.value, cst.Name) and index.value.value == param:  # `lambda v: codes[v]`: a lookup
        inner = column(t, series, frame)
        return None if inner is None else _mapped(t, inner, body.value)

    substituted = body.visit(_ValueAsColumn(t, param, series))
    return column(t, substituted, frame) if isinstance(substituted, cst.BaseExpression) else None


class _ValueAsColumn(cst.CSTTransformer):
    """The column in place of the value a function is handed; a text value's own methods (`v.strip()`, `len(v)`) as the
    column's `.str` ones and a timestamp's parts (`v.hour`, `v.date()`) as its `.dt` ones, which pandas and the catalog
    know; and `float(v)`, `int(v)`, `str(v)` as the column's `astype`."""

    def __init__(self, t: Asked, param: str, series: cst.BaseExpression) -> None:
        super().__init__()
        self.t, self.param, self.series = t, param, series

    def _the_value(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.param

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        return self.series if original.value == self.param else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if self._the_value(original.value) and original.attr.value in TIMESTAMP_FIELDS:
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("dt")))
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func, called, series = updated.func, original.func, self.series
        of_value = _names(original, self.param)
        if isinstance(called, cst.Attribute) and self._the_value(called.value) and called.attr.value in TIMESTAMP_METHODS \
                and not updated.args:
            return cst.Attribute(cst.Attribute(series, cst.Name("dt")), called.attr)
        if of_value and isinstance(func, cst.Attribute) and func.attr.value in TEXT_METHODS:
            return updated.with_changes(func=func.with_changes(value=cst.Attribute(func.value, cst.Name("str"))))
        if of_value and isinstance(func, cst.Name) and func.value == "len" and len(updated.args) == 1:
            return cst.Call(cst.Attribute(cst.Attribute(updated.args[0].value, cst.Name("str")), cst.Name("len")))
        if isinstance(called, cst.Name) and called.value in CONVERSIONS and self.t.qualify(called) is None \
                and len(original.args) == 1 and self._the_value(original.args[0].value):
            return cst.Call(cst.Attribute(series, cst.Name("astype")), [cst.Arg(cst.Name(called.value))])
        return updated


def _row_function(t: Asked, function: cst.BaseExpression, rows: cst.Name, frame: str) -> str | None:
    """`df.apply(lambda row: <expression of row's fields>, axis=1)` → that expression with each field as the frame's
    column (`row["c"]`, `row.c`, `row.get("c", d)`), `float(row["c"])` as its `astype` and a text's methods as its
    `.str` ones. None when the function is handed the whole row (`score(row)`) or reads a field by a name's value."""
    row = _sole_parameter(function)
    if row is None:
        return None
    substituted = function.body.visit(_RowFields(t, row, rows))  # type: ignore[attr-defined]
    if not isinstance(substituted, cst.BaseExpression) or _names(substituted, row):
        return None  # the row itself, not its fields, is what the function is handed
    return column(t, substituted, frame)


class _RowFields(cst.CSTTransformer):
    """Each field of the row a function is handed as the frame's column (`rows["c"]`); `float(field)` as its `astype`,
    a text's methods as its `.str` ones."""

    def __init__(self, t: Asked, row: str, rows: cst.Name) -> None:
        super().__init__()
        self.t, self.row, self.rows = t, row, rows

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.BaseExpression:
        return self._column(original, updated)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        return self._column(original, updated)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if (name := self._field(original)) is not None:
            return self._of_rows(name)
        func = updated.func
        if isinstance(original.func, cst.Name) and original.func.value in CONVERSIONS \
                and self.t.qualify(original.func) is None and len(original.args) == 1 \
                and _names(original.args[0], self.row):
            return cst.Call(cst.Attribute(updated.args[0].value, cst.Name("astype")), [cst.Arg(cst.Name(func.value))])  # type: ignore[attr-defined]
        if isinstance(func, cst.Attribute) and func.attr.value in TEXT_METHODS and _names(original.func, self.row):
            return updated.with_changes(func=func.with_changes(value=cst.Attribute(func.value, cst.Name("str"))))
        return updated

    def _column(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        name = self._field(original)
        return updated if name is None else self._of_rows(name)

    def _of_rows(self, name: cst.SimpleString) -> cst.Subscript:
        return cst.Subscript(self.rows, [cst.SubscriptElement(cst.Index(name))])

    def _field(self, node: cst.BaseExpression) -> cst.SimpleString | None:
        """The column a row's field names: `row["c"]`, `row.c` (not a Series' own member), `row.get("c"[, d])`."""
        row = self.row
        if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == row \
                and len(node.slice) == 1 and isinstance(index := node.slice[0].slice, cst.Index) \
                and isinstance(index.value, cst.SimpleString):
            return index.value
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == row \
                and node.attr.value not in ROW_MEMBERS and node.attr.value not in self.t.frame_members:
            return cst.SimpleString(f'"{node.attr.value}"')
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == row \
                and 1 <= len(node.args) <= 2 and isinstance(node.args[0].value, cst.SimpleString):
            self.t.todo(f"`{self.t.code(node)}` is read as the column, which the frame must have: pandas gives the "
                        "default for a column it lacks, Spark stops")
            return node.args[0].value
        return None


def _names(node: cst.CSTNode, name: str) -> bool:
    """Whether the code reads the name anywhere in it."""
    return any(n.value == name for n in descendants(node, cst.Name))


def _drawn(t: Asked, node: cst.Call, draw: tuple[str, tuple[str, ...], tuple[str, ...]], frame: str) -> str | None:
    """A NumPy draw of one value per row of the frame (its size `len(df)` or `df.shape[0]`) as Spark's draw of the same
    distribution, `draw` the template and the parameters it takes by position and by keyword, with their defaults."""
    template, names, defaults = draw
    values = {name: default for name, default in zip(names, defaults, strict=True)}
    sized = False
    for position, arg in enumerate(node.args):
        name = arg.keyword.value if arg.keyword is not None else ([*names, "size"][position] if position <= len(names)
                                                                   else None)
        if name == "size" or name is None and position == len(names):
            sized = t.code(arg.value) in (f"len({frame})", f"{frame}.shape[0]")
        elif name in values and _number(t, arg.value):
            values[name] = t.code(arg.value)
        else:
            return None
    if not sized:
        return None  # one value for every row, or an array of another length
    if values.get("high") == "None":  # `randint(3, size=n)`: from 0 up to 3
        values["low"], values["high"] = "0", values["low"]
    first = values.get("low", values.get("loc", "0"))
    zero = first in ("0", "0.0")
    values["start"] = "" if zero else f"{first} + "  # where the values start, and how far they spread
    values["span"] = values.get("high", "") if zero else f"({values.get('high')} - {first})"
    for factor in ("span", "scale"):  # a spread of 1 multiplies nothing
        values[f"times_{factor}"] = "" if values.get(factor) in ("1", "1.0") else f" * {values.get(factor)}"
    t.need("F")
    t.todo("Spark's generator draws other numbers than NumPy's: the same distribution, not the same values")
    drawn = template.format(**values)
    return drawn[1:-1] if drawn in ("(F.rand())", "(F.randn())") else drawn


def _repeated(t: Asked, values: cst.BaseExpression, dtype: cst.BaseExpression | None, frame: str) -> str | None:
    """`pd.Series([v] * len(df), dtype=...)`: one value in every row of the frame, of the type given."""
    if not (isinstance(values, cst.BinaryOperation) and isinstance(values.operator, cst.Multiply)):
        return None
    written, counted = (values.left, values.right) if isinstance(values.left, cst.List) else (values.right, values.left)
    if not (isinstance(written, cst.List) and len(written.elements) == 1 and isinstance(counted, cst.Call)
            and t.code(counted) == f"len({frame})"):
        return None
    value = column(t, written.elements[0].value, frame)
    if value is None or "F." in value:
        return None
    cast = _spark_type(t, dtype) if dtype is not None else None
    if dtype is not None and cast is None:
        return None
    t.need("F")
    return f'F.lit({value})' + (f'.cast("{cast}")' if cast is not None else "")


def _spark_type(t: Asked, dtype: cst.BaseExpression) -> str | None:
    """The Spark type a pandas or NumPy type names (`float`, `"int64"`, `np.float32`), None for one it has no cast to."""
    return CASTS.get(t.code(dtype).strip("'\"").replace("numpy.", "").replace("np.", ""))


def _coerced(errors: cst.BaseExpression | None) -> bool | None:
    """Whether a parse's `errors=` makes a value that does not parse missing ("coerce"), or raises (not given); None
    for "ignore", which gives the text back where it does not parse: no Column holds both."""
    if errors is None:
        return False
    return True if isinstance(errors, cst.SimpleString) and errors.evaluated_value == "coerce" else None


def _numeric(inner: str | None, errors: cst.BaseExpression | None) -> str | None:
    """`pd.to_numeric(s)` as a cast to double; with `errors="coerce"`, SQL's try_cast, null where a value does not
    parse as pandas gives NaN (Spark 4 fails on one by default; `Column.try_cast` is Spark 4's, `expr` reaches 3.5)."""
    coerce = _coerced(errors)
    if inner is None or coerce is None:
        return None
    if not coerce:
        return f'{inner}.cast("double")'
    name = re.fullmatch(r'F\.col\((["\'])([^"\'`\\]+)\1\)', inner)  # `F.col("c")` or `F.col('c')`, as spelt
    if name:
        return f'F.expr("try_cast(`{name[2]}` AS DOUBLE)")'
    held = re.fullmatch(r"F\.col\(([A-Za-z_]\w*)\)", inner)  # `F.col(c)`: a name that holds the column's
    return f'F.expr(f"try_cast(`{{{held[1]}}}` AS DOUBLE)")' if held else None


def _call(t: Asked, node: cst.Call, frame: str) -> str | None:
    qualified = t.qualify(node.func)
    args = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    if qualified in NUMPY_UFUNCS and len(args) == 1 and not keywords:
        inner = column(t, args[0].value, frame)
        return None if inner is None else f"{NUMPY_UFUNCS[qualified]}({inner})"
    if qualified in NUMPY_PAIRWISE and len(args) == 2 and not keywords:
        sides = [side for a in args if (side := column(t, a.value, frame)) is not None]
        if len(sides) < len(args):
            return None
        out = f"{NUMPY_PAIRWISE[qualified]}({', '.join(_lit(side) for side in sides)})"
        if qualified.startswith("numpy.f"):
            return out  # fmin/fmax skip a NaN as greatest/least skip a null
        # np.minimum/np.maximum give NaN when either side is: keep a missing value missing, as `clip` does
        columns = [side for a, side in zip(args, sides, strict=True) if not _number(t, a.value)]
        tests = [f"{side if COLUMN_NAMED.fullmatch(side) else f'({side})'}.isNotNull()" for side in columns]
        return f"F.when({' & '.join(tests)}, {out})" if tests else out
    if qualified == "numpy.where" and len(args) == 3:
        parts = [column(t, a.value, frame) for a in args]
        return None if None in parts else f"F.when({parts[0]}, {parts[1]}).otherwise({parts[2]})"
    if qualified == "pandas.to_datetime" and len(args) == 1 and keywords.keys() <= {"format", "errors"}:
        inner = column(t, args[0].value, frame)
        given, errors = keywords.get("format"), keywords.get("errors")
        pattern = spark_pattern(str(given.evaluated_value)) if isinstance(given, cst.SimpleString) else None
        if inner is None or given is not None and (pattern is None or '"' in pattern):
            return None  # a format Spark's letters cannot spell
        coerce = _coerced(errors)
        return None if coerce is None else timestamp(inner, f'"{pattern}"' if given is not None else None, coerce)
    if qualified == "pandas.to_numeric" and len(args) == 1 and keywords.keys() <= {"errors"}:
        return _numeric(column(t, args[0].value, frame), keywords.get("errors"))
    if qualified == "pandas.cut":
        return _cut(t, node, frame)
    if qualified in RANDOM_COLUMNS:
        return _drawn(t, node, RANDOM_COLUMNS[qualified], frame)
    if qualified == "pandas.Series" and len(args) == 1 and keywords.keys() <= {"dtype"}:
        return _repeated(t, args[0].value, keywords.get("dtype"), frame)
    if not isinstance(node.func, cst.Attribute):
        return None
    method, receiver = node.func.attr.value, node.func.value
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "str" and "{1}" not in STR_METHODS.get(method, "{1}") \
            and not node.args:
        inner = column(t, receiver.value, frame)
        return None if inner is None else STR_METHODS[method].format(inner)
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "str":
        return _str_test(t, node, method, column(t, receiver.value, frame))
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "dt" and not node.args:
        return _date_part(t, receiver.value, f"{method}()", frame)
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "dt" and method == "strftime" and len(args) == 1 \
            and not keywords and isinstance(args[0].value, cst.SimpleString):
        inner, pattern = column(t, receiver.value, frame), spark_pattern(str(args[0].value.evaluated_value))
        return None if inner is None or pattern is None or '"' in pattern else f'F.date_format({inner}, "{pattern}")'
    if method == "apply" and len(args) == 1 and keywords.keys() == {"axis"} and t.code(keywords["axis"]) in ROW_AXES \
            and isinstance(receiver, cst.Name) and receiver.value == frame:
        return _row_function(t, args[0].value, receiver, frame)
    series = column(t, receiver, frame)
    if series is None:
        return None
    if method == "astype" and len(args) == 1:
        cast = _spark_type(t, args[0].value)
        return f'{series}.cast("{cast}")' if cast is not None else None
    if method == "fillna" and len(args) == 1 and not keywords:
        value = column(t, args[0].value, frame)
        return None if value is None else f"F.coalesce({series}, {_lit(value)})"
    if method == "eq" and len(args) == 1 and not keywords and isinstance(args[0].value, (cst.SimpleString, cst.Integer, cst.Float)):
        return f"{series}.eqNullSafe({t.code(args[0].value)})"  # a missing value is not equal: False, as in pandas
    if method in ("isna", "isnull") and not node.args:
        return f"{series}.isNull()"
    if method in ("notna", "notnull") and not node.args:
        return f"{series}.isNotNull()"
    if method in ("isin", "between") and not keywords:
        return f"{series}.{method}({', '.join(t.code(a.value) for a in args)})"
    if method == "abs" and not node.args:
        return f"F.abs({series})"
    if method == "round" and len(args) <= 1 and not keywords:
        # pandas rounds halves to even (NumPy's rint), as F.bround does; F.round rounds them up.
        digits = t.code(args[0].value) if args else "0"
        if digits != "0":
            t.todo("F.bround rounds the decimal value written, NumPy the binary one: a value such as 2.675 "
                   "(2.67499… in binary) rounds to 2.68 here and 2.67 in pandas")
        return f"F.bround({series}, {digits})"
    if method == "clip" and len(args) <= 2 and set(keywords) <= {"lower", "upper"}:
        bounds = {**{("lower", "upper")[i]: a.value for i, a in enumerate(args)}, **keywords}  # `clip(0, 100)` too
        out = series
        for bound, function in (("lower", "F.greatest"), ("upper", "F.least")):
            limit = column(t, bounds[bound], frame) if bound in bounds else None
            if bound in bounds and limit is None:
                return None
            out = out if limit is None else f"{function}({out}, {_lit(limit)})"
        # greatest/least skip nulls (least(null, 365) is 365); pandas keeps a missing value missing.
        return f"F.when({series}.isNotNull(), {out})"
    if method == "replace" and len(args) == 2 and not keywords \
            and all(isinstance(a.value, (cst.Integer, cst.Float, cst.SimpleString)) for a in args):
        old, new = (t.code(a.value) for a in args)  # one value for another; a missing value stays missing
        return f"F.when({series} == {old}, {new}).otherwise({series})"
    if method == "where" and 1 <= len(args) <= 2 and not keywords:  # kept where the test holds, else `other` (NaN)
        test, *other = [column(t, a.value, frame) for a in args]
        if test is None or None in other:
            return None
        return f"F.when({test}, {series})" + "".join(f".otherwise({value})" for value in other)
    if method in ("apply", "map") and len(args) == 1 and not keywords and isinstance(args[0].value, cst.Lambda):
        return _element_function(t, args[0].value, receiver, frame)
    return _mapped(t, series, args[0].value) if method == "map" and len(args) == 1 and not keywords else None


def _mapped(t: Asked, series: str, mapping: cst.BaseExpression) -> str | None:
    """A column's values looked up in a dict written out (or a name bound to one): a `F.when` per key; unmapped keys
    stay null, as pandas leaves NaN."""
    written = t.literals.get(mapping.value) if isinstance(mapping, cst.Name) else mapping
    if not isinstance(written, cst.Dict):
        return None
    chain = "F"
    for element in written.elements:
        if not isinstance(element, cst.DictElement):
            return None
        chain += f".when({series} == {t.code(element.key)}, {t.code(element.value)})"
    return chain if chain != "F" else None


def _cut(t: Asked, node: cst.Call, frame: str) -> str | None:
    """`pd.cut(s, bins=[...], labels=False | [...], right=...)` → `F.when` per bin: (a, b] (right=False:
    [a, b)), the bin's number or label; a value outside every bin or missing stays missing, as pandas'
    NaN. pandas' default labels (Interval objects) have no Spark form."""
    args = [a.value for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    if len(args) == 2 and "bins" not in keywords:
        keywords["bins"] = args.pop()
    if len(args) != 1 or not {"bins", "labels"} <= set(keywords) <= {"bins", "labels", "right"}:
        return None
    series, bins, labels = column(t, args[0], frame), keywords["bins"], keywords["labels"]
    right = t.code(keywords.get("right", cst.Name("True")))
    if series is None or not isinstance(bins, cst.List) or right not in ("True", "False"):
        return None
    edges = [t.code(e.value) for e in bins.elements if _number(t, e.value)]
    if len(edges) < 2 or len(edges) != len(bins.elements):
        return None
    if isinstance(labels, cst.List) and len(labels.elements) == len(edges) - 1 and all(
            isinstance(e.value, (cst.SimpleString, cst.Integer, cst.Float)) for e in labels.elements):
        names = [t.code(e.value) for e in labels.elements]
    elif t.code(labels) == "False":
        names = [str(i) for i in range(len(edges) - 1)]
    else:
        return None
    low, high = (">=", "<") if right == "False" else (">", "<=")
    return "F" + "".join(f".when(({series} {low} {a}) & ({series} {high} {b}), {name})"
                         for a, b, name in zip(edges, edges[1:], names, strict=False))


def _number(t: Asked, node: cst.BaseExpression) -> bool:
    """A literal number, negative or not, or NumPy's infinity."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    return isinstance(node, (cst.Integer, cst.Float)) or t.qualify(node) == "numpy.inf"


def _str_test(t: Asked, node: cst.Call, method: str, series: str | None) -> str | None:
    """`s.str.contains(pattern)`, `startswith(text)`, `endswith(text)` with a literal argument. A
    regex only in the syntax Python's `re` and Java's read alike (no flags, groups or class escapes
    such as `\\w`, whose letters differ); `na=` fills the test of a missing value, as pandas does."""
    args = [a.value for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: t.code(a.value) for a in node.args if a.keyword is not None}
    if series is None or len(args) != 1 or not isinstance(args[0], cst.SimpleString) or not set(keywords) <= {"na", "regex"}:
        return None
    pattern = args[0].evaluated_value
    regex = method == "contains" and keywords.get("regex", "True") == "True"
    if keywords.get("regex", "True") not in ("True", "False") or keywords.get("na", "True") not in ("True", "False"):
        return None
    if not isinstance(pattern, str) or (regex and JAVA_DIFFERS.search(pattern)):
        return None
    template = STR_METHODS.get(method if regex or method != "contains" else "contains(regex=False)", "")
    if "{1}" not in template:
        return None
    # (?d): only `\n` ends a line for `.`, `^` and `$`, as in Python (Java counts `\r` and others too)
    test = template.format(series, repr("(?d)" + pattern) if regex else t.code(args[0]))
    return f"F.coalesce({test}, F.lit({keywords['na']}))" if "na" in keywords else test


# What Python's `re` and Java's regex read differently: flags and group syntax `(?`, escapes of a
# letter or digit (`\w`, `\d`, `\s` are Unicode in Python, ASCII in Java; `\Z`, `\1`), POSIX classes `[[:`.
JAVA_DIFFERS = re.compile(r"\(\?|\\[A-Za-z0-9]|\[\[:|\[\^?\]")


def _lit(value: str) -> str:
    return value if value.startswith(("F.", "(")) else f"F.lit({value})"


def _parens(node: cst.CSTNode, text: str) -> str:
    return f"({text})" if getattr(node, "lpar", None) else text
