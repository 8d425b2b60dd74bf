"""pandas Series expressions → Spark Column expressions, for the columns of one frame.

`df["income"] / (df["tenure"] + 1)` becomes `F.col("income") / (F.col("tenure") + 1)`; NumPy ufuncs,
`astype`, `fillna`, `.str`/`.dt` accessors, `np.where` and dictionary `map`s have exact Column
counterparts. Anything else returns None, so the caller leaves the line as it was with a TODO: a
guess would change results silently. Only columns of the frame being assigned are accepted —
`df["x"] = other["y"]` aligns on the pandas index, which Spark has no notion of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sparklint.migrate import mappings

if TYPE_CHECKING:
    from sparklint.migrate.program import Translator

NUMPY_UFUNCS = mappings.functions("numpy")
NUMPY_CONSTANTS = ("numpy.pi", "numpy.e")  # plain Python floats next to a Column
CASTS = mappings.types("astype")
STR_METHODS = mappings.functions("str")
DT_FIELDS = mappings.functions("dt")  # pandas counts weekdays from Monday=0, Spark's dayofweek from Sunday=1
AGGREGATES = mappings.functions("aggregate")


def column_name(t: Translator, node: cst.BaseExpression, frame: str) -> str | None:
    """`df["c"]` or `df.c` on `frame` → the column name as a Python string literal."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == frame:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key = node.slice[0].slice.value
            if isinstance(key, cst.SimpleString):
                return t.code(key)
            if isinstance(key, cst.Name) and isinstance(t.literals.get(key.value), cst.SimpleString):
                return key.value  # a name bound to the column's name
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == frame:
        if node.attr.value not in t.frame_members:
            return repr(node.attr.value)
    return None


def scalar(t: Translator, node: cst.BaseExpression) -> str | None:
    """`df["c"].median()` → a one-row aggregate job whose value is a Python number, as pandas returns."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args):
        return None
    aggregate = AGGREGATES.get(node.func.attr.value)
    series = node.func.value
    if aggregate is None or not isinstance(series, (cst.Subscript, cst.Attribute)):
        return None
    frame = series.value
    if not isinstance(frame, cst.Name) or not t.scope.is_frame(frame.value):
        return None
    name = column_name(t, series, frame.value)
    if name is None:
        return None
    t.need("F")
    return f"{frame.value}.select({aggregate}({name})).first()[0]"


def column(t: Translator, node: cst.BaseExpression, frame: str) -> str | None:
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
    if isinstance(node, cst.Attribute) and t.qualify(node) in NUMPY_CONSTANTS:
        return t.code(node)
    if isinstance(node, cst.BinaryOperation):
        left, right = column(t, node.left, frame), column(t, node.right, frame)
        if left is None or right is None:
            return None
        return _parens(node, f"{left} {t.code(node.operator).strip()} {right}")
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
        inner = column(t, node.value.value, frame)
        field = DT_FIELDS.get(node.attr.value)
        return None if inner is None or field is None else field.format(inner)
    if isinstance(node, cst.Call):
        return _call(t, node, frame)
    return None


def _call(t: Translator, node: cst.Call, frame: str) -> str | None:
    qualified = t.qualify(node.func)
    args = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    if qualified in NUMPY_UFUNCS and len(args) == 1 and not keywords:
        inner = column(t, args[0].value, frame)
        return None if inner is None else f"{NUMPY_UFUNCS[qualified]}({inner})"
    if qualified == "numpy.where" and len(args) == 3:
        parts = [column(t, a.value, frame) for a in args]
        return None if None in parts else f"F.when({parts[0]}, {parts[1]}).otherwise({parts[2]})"
    if qualified == "pandas.to_datetime" and len(args) == 1 and not keywords:
        inner = column(t, args[0].value, frame)
        return None if inner is None else f"F.to_timestamp({inner})"
    if not isinstance(node.func, cst.Attribute):
        return None
    method, receiver = node.func.attr.value, node.func.value
    if isinstance(receiver, cst.Attribute) and receiver.attr.value == "str" and method in STR_METHODS and not node.args:
        inner = column(t, receiver.value, frame)
        return None if inner is None else f"{STR_METHODS[method]}({inner})"
    series = column(t, receiver, frame)
    if series is None:
        return None
    if method == "astype" and len(args) == 1:
        spelled = t.code(args[0].value).strip("'\"").replace("numpy.", "").replace("np.", "")
        return f'{series}.cast("{CASTS[spelled]}")' if spelled in CASTS else None
    if method == "fillna" and len(args) == 1 and not keywords:
        value = column(t, args[0].value, frame)
        return None if value is None else f"F.coalesce({series}, {_lit(value)})"
    if method in ("isna", "isnull") and not node.args:
        return f"{series}.isNull()"
    if method in ("notna", "notnull") and not node.args:
        return f"{series}.isNotNull()"
    if method in ("isin", "between") and not keywords:
        return f"{series}.{method}({', '.join(t.code(a.value) for a in args)})"
    if method == "abs" and not node.args:
        return f"F.abs({series})"
    if method == "round" and len(args) <= 1 and not keywords:
        return f"F.round({series}, {t.code(args[0].value) if args else 0})"
    if method == "clip" and not args and set(keywords) <= {"lower", "upper"}:
        out = series
        if "lower" in keywords:
            out = f"F.greatest({out}, F.lit({t.code(keywords['lower'])}))"
        if "upper" in keywords:
            out = f"F.least({out}, F.lit({t.code(keywords['upper'])}))"
        # greatest/least skip nulls (least(null, 365) is 365); pandas keeps a missing value missing.
        return f"F.when({series}.isNotNull(), {out})"
    if method == "map" and len(args) == 1 and isinstance(args[0].value, cst.Dict):
        chain = "F"
        for element in args[0].value.elements:
            if not isinstance(element, cst.DictElement):
                return None
            chain += f".when({series} == {t.code(element.key)}, {t.code(element.value)})"
        return chain if chain != "F" else None  # unmapped keys stay null, as pandas leaves NaN
    return None


def _lit(value: str) -> str:
    return value if value.startswith(("F.", "(")) else f"F.lit({value})"


def _parens(node: cst.CSTNode, text: str) -> str:
    return f"({text})" if getattr(node, "lpar", None) else text
