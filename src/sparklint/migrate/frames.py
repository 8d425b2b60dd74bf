"""pandas DataFrame I/O and transforms → the Spark DataFrame API, as whole expressions or statements.

Each translation here has the same meaning in Spark up to row order (Spark keeps none unless told):
`dropna`, `fillna`, `drop_duplicates`, column drops and renames, boolean-mask filters, `merge` on key
columns, named `groupby(...).agg(...)`, `groupby(...)[c].transform(f)` as a window, `get_dummies` as
one boolean column per category. Reads add `header=True, inferSchema=True`, which is what pandas
does by default; writes replace pandas' single file with Spark's folder of part files (`overwrite`,
as pandas overwrites). A keyword with no Spark counterpart makes the translation give up (None).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst
import libcst.matchers as m

from sparklint.migrate import mappings
from sparklint.migrate.columns import AGGREGATES, CASTS, aggregate, column, column_name, scalar
from sparklint.patterns import shapes

if TYPE_CHECKING:
    from sparklint.migrate.program import Translator

READERS = mappings.readers()
WRITERS = mappings.writers()
SAME_METHODS = mappings.same_methods()
IDENTITY_METHODS = mappings.identity_methods()


def _kwargs(node: cst.Call) -> dict[str, cst.BaseExpression]:
    return {a.keyword.value: a.value for a in node.args if a.keyword is not None}


def _positional(node: cst.Call) -> list[cst.BaseExpression]:
    return [a.value for a in node.args if a.keyword is None and not a.star]


def names_list(t: Translator, node: cst.BaseExpression) -> str | None:
    """Column names as Spark varargs: a literal string or list, or a name bound to one (a name
    whose value the script does not show may be either, so it is not translated)."""
    if isinstance(node, cst.SimpleString):
        return t.code(node)
    if isinstance(node, (cst.List, cst.Tuple)) and all(isinstance(e.value, cst.SimpleString) for e in node.elements):
        return ", ".join(t.code(e.value) for e in node.elements)
    if isinstance(node, cst.Name) and t.scope.get(node.value) is None:
        literal = t.literals.get(node.value)
        if isinstance(literal, cst.SimpleString):
            return node.value
        if isinstance(literal, (cst.List, cst.Tuple)):
            return f"*{node.value}"
    return None


def _names_as_list(t: Translator, node: cst.BaseExpression) -> str | None:
    """Column names as one Python list (Spark's `subset=`, `dropDuplicates`)."""
    names = names_list(t, node)
    return None if names is None else names[1:] if names.startswith("*") else f"[{names}]"


def _plain_value(t: Translator, node: cst.BaseExpression) -> str | None:
    """A fill value Spark takes as it is: a literal, a dict of them, or a column's aggregate
    (`df["c"].median()`, computed as a Spark job); None for anything pandas-only."""
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString)) or (
            isinstance(node, cst.Name) and node.value in ("True", "False")):
        return t.code(node)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.expression, (cst.Integer, cst.Float)):
        return t.code(node)
    if isinstance(node, cst.Dict):
        parts = []
        for element in node.elements:
            if not (isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString)):
                return None
            value = _plain_value(t, element.value)
            if value is None:
                return None
            parts.append(f"{t.code(element.key)}: {value}")
        return "{" + ", ".join(parts) + "}"
    return scalar(t, node)


def frame(t: Translator, node: cst.BaseExpression) -> str | None:
    """A Spark DataFrame expression for a pandas DataFrame expression, or None."""
    if isinstance(node, cst.Name):
        return node.value if t.scope.is_frame(node.value) else None
    if isinstance(node, cst.Subscript):
        return _subscript(t, node)
    if not isinstance(node, cst.Call):
        return None
    called = t.helper_call(node)
    if called is not None:
        return called[0] if called[1] else None
    qualified = t.qualify(node.func)
    if qualified in READERS:
        return _read(t, node, *READERS[qualified])
    if qualified == "pandas.concat":
        parts = _positional(node)
        if len(parts) != 1 or not set(_kwargs(node)) <= {"ignore_index"}:
            return None
        if isinstance(parts[0], cst.List):
            translated = [frame(t, e.value) for e in parts[0].elements]
            frames = [f for f in translated if f is not None]
            return frames[0] + "".join(map(_union, frames[1:])) if frames and len(frames) == len(translated) else None
        listed = frame_list(t, parts[0])
        if listed is None:
            return None
        t.need("from functools import reduce")
        return f"reduce(lambda a, b: a{_union('b')}, {listed})"
    if qualified == "pandas.merge":
        parts = _positional(node)
        return _join(t, frame(t, parts[0]), parts[1:], node) if parts else None
    if not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    receiver_node = node.func.value
    if _is_groupby(receiver_node) or (isinstance(receiver_node, cst.Subscript) and _is_groupby(receiver_node.value)):
        return _aggregate(t, node)
    if method == "reset_index" and not node.args and isinstance(receiver_node, cst.Call):
        reset = _aggregate(t, receiver_node, keys_as_columns=True)
        if reset is not None:
            return reset
    receiver = frame(t, receiver_node)
    if receiver is None:
        return None
    return _method(t, receiver, method, node)


def _union(other: str) -> str:
    """pandas' `concat` of rows: columns matched by name, one missing from a frame filled with nulls."""
    return f".unionByName({other}, allowMissingColumns=True)"


def frame_list(t: Translator, node: cst.BaseExpression) -> str | None:
    """A Python list of Spark DataFrames for a list of pandas frames: a name that holds one (`Frames`),
    or `[pd.read_csv(p) for p in paths]`, whose loop names hold the plain values they hold in pandas."""
    from sparklint.migrate.scope import Frames

    if isinstance(node, cst.Name):
        return node.value if isinstance(t.scope.get(node.value), Frames) else None
    if not (isinstance(node, cst.ListComp) and node.for_in.inner_for_in is None and not node.for_in.ifs
            and node.for_in.asynchronous is None):
        return None
    t.scope.push()
    for name in m.findall(node.for_in.target, m.Name()):
        t.scope.set(name.value, None)  # type: ignore[attr-defined]
    element = frame(t, node.elt)
    t.scope.pop()
    loop = node.for_in
    return None if element is None else f"[{element} for {t.code(loop.target)} in {t.code(loop.iter)}]"


def appended(t: Translator, node: cst.Call) -> str | None:
    """`frames.append(pd.read_csv(p))` onto a list that was empty or holds Spark frames: the same list of
    Spark frames (`frame_list`)."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "append"
            and isinstance(node.func.value, cst.Name) and len(node.args) == 1 and node.args[0].keyword is None):
        return None
    name = node.func.value.value
    empty = (t.scope.get(name) is None and name in t.scope.frames[-1]  # made empty at this function's level
             and isinstance(literal := t.literals.get(name), cst.List) and not literal.elements)
    if not (empty or frame_list(t, node.func.value) is not None):
        return None
    element = frame(t, node.args[0].value)
    return None if element is None else f"{name}.append({element})"


def _read(t: Translator, node: cst.Call, reader: str, allowed: set[str]) -> str | None:
    args, keywords = _positional(node), _kwargs(node)
    columns = {k: keywords.pop(k) for k in READ_COLUMNS if k in keywords} if reader == "csv" else {}
    if len(args) != 1 or not set(keywords) <= allowed:
        return None
    options = [f"{'sep' if k == 'delimiter' else k}={t.code(v)}" for k, v in keywords.items() if k in ("sep", "delimiter")]
    if reader == "json" and keywords.get("lines") is None:
        return None  # pandas' default JSON is one document, Spark's is JSON Lines
    if reader == "csv":
        options += ["header=True", "inferSchema=True"]
    after = _read_columns(t, columns)
    if after is None:
        return None
    t.need_session()
    # pandas reads a `Path` as well as a string; Spark's reader takes strings only.
    path = t.code(args[0]) if isinstance(args[0], (cst.SimpleString, cst.FormattedString)) else f"str({t.code(args[0])})"
    return f"spark.read.{reader}({', '.join([path] + options)}){after}"


READ_COLUMNS = ("usecols", "parse_dates", "dtype")
# Query syntax that Spark SQL reads otherwise or not at all: lists, `@variables`, `~ & |`, backticks,
# `in`, and method calls (`.str.…`); what is left (comparisons, and/or/not) means the same.
PANDAS_ONLY_QUERY = re.compile(r"[\[\]@~&|`]|\bin\b|\.[A-Za-z_]")


def _read_columns(t: Translator, keywords: dict[str, cst.BaseExpression]) -> str | None:
    """What `read_csv`'s column keywords do, after Spark's read: `usecols` keeps those columns in the
    file's order (as pandas does, whatever the list's order), `parse_dates` makes timestamps, a
    `dtype` dict casts to Spark's types. None for any other spelling (`category` has no Spark twin)."""
    after = ""
    if "usecols" in keywords:
        names = _names_as_list(t, keywords["usecols"])
        if names is None:
            return None
        after += f".transform(lambda read: read.select([c for c in read.columns if c in {names}]))"
    if "parse_dates" in keywords:
        names = _names_as_list(t, keywords["parse_dates"])
        if names is None:
            return None
        t.need("F")
        after += f".withColumns({{c: F.to_timestamp(c) for c in {names}}})"
    if "dtype" in keywords:
        types = keywords["dtype"]
        if not isinstance(types, cst.Dict):
            return None
        casts = []
        for element in types.elements:
            cast = CASTS.get(t.code(element.value).strip("'\""))  # no `category`: its codes and order are pandas'

            if not isinstance(element, cst.DictElement) or cast is None:
                return None
            casts.append(f'{t.code(element.key)}: F.col({t.code(element.key)}).cast("{cast}")')
        if any('.cast("string")' in cast for cast in casts):
            t.todo("dtype=str is applied after Spark inferred the column's type: text that looks like a number "
                   "loses its leading zeros; give the reader a schema if the column has any")
        t.need("F")
        after += f".withColumns({{{', '.join(casts)}}})"
    return after


def _subscript(t: Translator, node: cst.Subscript) -> str | None:
    receiver = frame(t, node.value)
    if receiver is None or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    key = node.slice[0].slice.value
    if isinstance(key, cst.List) or (isinstance(key, cst.Name) and t.scope.get(key.value) is None):
        names = names_list(t, key)  # a name bound to one string picks a column (a pandas Series), not a frame
        return None if names is None or names == t.code(key) else f"{receiver}.select({names})"
    joined_lists = isinstance(key, cst.BinaryOperation) and isinstance(key.operator, cst.Add)  # df[A + B]: columns
    if isinstance(node.value, cst.Name) and not joined_lists:
        condition = column(t, key, node.value.value)
        if condition is not None and not isinstance(key, cst.SimpleString):
            return f"{receiver}.filter({condition})"
    return None


def _method(t: Translator, receiver: str, method: str, node: cst.Call) -> str | None:
    args, keywords = _positional(node), _kwargs(node)
    keywords.pop("inplace", None)
    if method in IDENTITY_METHODS and set(keywords) <= {"drop"} and not args:
        return receiver
    if method in SAME_METHODS and set(keywords) <= SAME_METHODS[method] and len(args) <= 1:
        values = [(None, _plain_value(t, a)) for a in args] + [
            (key, _names_as_list(t, value) if key == "subset" else _plain_value(t, value)) for key, value in keywords.items()]
        if any(value is None for _, value in values):
            return None
        return f"{receiver}.{method}({', '.join(f'{key}={value}' if key else str(value) for key, value in values)})"
    if method == "drop_duplicates" and "keep" in keywords and t.code(keywords["keep"]) in ("'first'", '"first"'):
        keywords.pop("keep")  # pandas' default, written out
    if method == "drop_duplicates" and not args and set(keywords) <= {"subset"}:
        subset = _names_as_list(t, keywords["subset"]) if "subset" in keywords else ""
        if subset:
            t.todo("drop_duplicates keeps each key's first row; Spark's dropDuplicates keeps any one of them, "
                   "and the rows come out in another order")
        return None if subset is None else f"{receiver}.dropDuplicates({subset})"
    if method == "drop":
        target = shapes.dropped_columns(node)
        names = names_list(t, target) if target is not None else None
        return None if names is None else f"{receiver}.drop({names})"
    if method == "rename" and set(keywords) == {"columns"} and isinstance(keywords["columns"], cst.Dict):
        return f"{receiver}.withColumnsRenamed({t.code(keywords['columns'])})"
    if method == "query" and len(args) == 1 and not keywords and isinstance(args[0], cst.SimpleString) and not (
            PANDAS_ONLY_QUERY.search(args[0].evaluated_value if isinstance(args[0].evaluated_value, str) else "[")):
        return f"{receiver}.filter({t.code(args[0])})"
    if method == "sort_values" and len(args) + len(keywords) >= 1 and set(keywords) <= {"by", "ascending"}:
        by = keywords.get("by", args[0] if args else None)
        names = names_list(t, by) if by is not None else None
        if names is None:
            return None
        parts = [names] + ([f"ascending={t.code(keywords['ascending'])}"] if "ascending" in keywords else [])
        return f"{receiver}.orderBy({', '.join(parts)})"
    if method == "head" and len(args) <= 1 and not keywords:
        return f"{receiver}.limit({t.code(args[0]) if args else 5})"
    if method in ("merge", "join") and method == "merge":
        return _join(t, receiver, args, node)
    if method == "astype" and len(args) == 1 and isinstance(args[0], cst.Dict):
        casts = []
        for element in args[0].elements:
            spelled = t.code(element.value).strip("'\"")
            if not isinstance(element, cst.DictElement) or spelled not in CASTS:
                return None
            casts.append(f'{t.code(element.key)}: F.col({t.code(element.key)}).cast("{CASTS[spelled]}")')
        t.need("F")
        return f"{receiver}.withColumns({{{', '.join(casts)}}})"
    return None


def _join(t: Translator, left: str | None, rest: list[cst.BaseExpression], node: cst.Call) -> str | None:
    """`merge(right, on=…, how=…)` → `join`, its columns in pandas' order: the left frame's, then the right's others."""
    keywords = _kwargs(node)
    if left is None or len(rest) != 1 or not set(keywords) <= {"on", "how", "validate"} or "on" not in keywords:
        return None
    right = frame(t, rest[0])
    how = t.code(keywords["how"]) if "how" in keywords else None
    if right is None or (how and how.strip("'\"") not in ("inner", "left", "right", "outer")):
        return None
    if "validate" in keywords:
        t.todo(f"merge(validate={t.code(keywords['validate'])}) raised when a key repeated where it must not; "
               "Spark's join does not check: count the keys (groupBy(on).count()) if the data may break it")
    joined = f"{left}.join({right}, on={t.code(keywords['on'])}{f', how={how}' if how else ''})"
    if not (left.isidentifier() and right.isidentifier()):
        t.todo("Spark's join puts the key columns first; pandas keeps the left frame's column order")
        return joined
    return f"{joined}.select(*{left}.columns, *[c for c in {right}.columns if c not in {left}.columns])"


def _is_groupby(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "groupby"


def _groupby_parts(t: Translator, node: cst.BaseExpression, keywords: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(frame, keys) of `frame.groupby(keys)` with keys given as a string or a list of strings, and no
    keyword but `keywords`."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    receiver = frame(t, node.func.value)
    plain = len(_positional(node)) == 1 and set(_kwargs(node)) <= keywords
    keys = names_list(t, _positional(node)[0]) if plain else None
    return None if receiver is None or keys is None else (receiver, keys)


def grouped_frame(t: Translator, node: cst.BaseExpression) -> str | None:
    """The Spark frame that `df.groupby(...)` or `df.groupby(...)[c]` groups (a name), else None."""
    if isinstance(node, cst.Subscript):
        node = node.value
    if not (_is_groupby(node) and isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    grouped = node.func.value
    return grouped.value if isinstance(grouped, cst.Name) and t.scope.is_frame(grouped.value) else None


def _as_index(t: Translator, grouping: cst.BaseExpression) -> str | None:
    """"True" or "False": whether `groupby(..., as_index=...)` makes the keys an index; None if not a literal."""
    given = _kwargs(grouping).get("as_index", cst.Name("True")) if isinstance(grouping, cst.Call) else None
    return None if given is None or t.code(given) not in ("True", "False") else t.code(given)


def _aggregate(t: Translator, node: cst.BaseExpression, keys_as_columns: bool = False) -> str | None:
    """`g.agg(out=(col, "f"))`, `g[col].f()`, `g[col].agg(["f", …])`, `g[[a, b]].f()` → `groupBy(keys).agg(F.f(col).alias(out))`
    (a list names each column after its function, as pandas does); keys stay columns. pandas makes the
    keys of a list's result, or of several columns', an index, so those forms are taken only after
    `.reset_index()` or with `groupby(..., as_index=False)` (`keys_as_columns`)."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    method = node.func.attr.value
    receiver = node.func.value
    selected = None
    several: list[str] = []  # g[["a", "b"]]
    if isinstance(receiver, cst.Subscript):
        index = receiver.slice[0].slice
        value = index.value if isinstance(index, cst.Index) else None
        selected = t.code(value) if isinstance(value, cst.SimpleString) else None
        if isinstance(value, cst.List) and value.elements and all(isinstance(e.value, cst.SimpleString) for e in value.elements):
            several = [t.code(e.value) for e in value.elements]
        if selected is None and not several:
            return None
        receiver = receiver.value
    parts = _groupby_parts(t, receiver, frozenset({"as_index"}))
    as_index = _as_index(t, receiver)
    if parts is None or as_index is None:
        return None
    keys_as_columns = keys_as_columns or as_index == "False"
    grouped, keys = parts
    grouped = f"{grouped}.dropna(subset=[{keys}])"  # pandas' groupby leaves out rows with a null key
    if several and keys_as_columns and method in AGGREGATES and not node.args:
        t.need("F")
        return _grouped(grouped, keys, [(aggregate(t, method, c), c) for c in several])
    if several:
        return None
    t.need("F")
    if selected is not None and method in AGGREGATES and not node.args:
        return _grouped(grouped, keys, [(aggregate(t, method, selected), selected)])
    functions = (_positional(node)[0] if keys_as_columns and selected is not None and method == "agg"
                 and len(node.args) == 1 else None)
    if selected is not None and isinstance(functions, cst.List) and functions.elements and all(
            isinstance(e.value, cst.SimpleString) and e.value.raw_value in AGGREGATES for e in functions.elements):
        names = [e.value.raw_value for e in functions.elements if isinstance(e.value, cst.SimpleString)]
        return _grouped(grouped, keys, [(aggregate(t, n, selected), repr(n)) for n in names])
    if method == "agg" and selected is None and not _positional(node):
        aggregations = []
        for name, spec in _kwargs(node).items():
            if not (isinstance(spec, cst.Tuple) and len(spec.elements) == 2):
                return None
            source, function = (t.code(e.value) for e in spec.elements)
            if function.strip("'\"") not in AGGREGATES:
                return None
            aggregations.append((aggregate(t, function.strip("'\""), source), repr(name)))
        return _grouped(grouped, keys, aggregations) if aggregations else None
    return None


def _grouped(grouped: str, keys: str, aggregations: list[tuple[str | None, str]]) -> str | None:
    """`groupBy(keys).agg(...)` of (aggregate, output name) pairs; None if one has no Spark form."""
    if any(expression is None for expression, _ in aggregations):
        return None
    return f"{grouped}.groupBy({keys}).agg({', '.join(f'{expression}.alias({name})' for expression, name in aggregations)})"


def window_transform(t: Translator, node: cst.BaseExpression, target: str) -> str | None:
    """`df.groupby(k)[c].transform("mean")` → `F.mean(c).over(Window.partitionBy(k))` (same rows, same order);
    a row with a null key gets null, as pandas leaves it out of every group."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "transform"):
        return None
    selected = node.func.value
    args = _positional(node)
    if not (isinstance(selected, cst.Subscript) and _is_groupby(selected.value) and len(args) == 1):
        return None
    parts = _groupby_parts(t, selected.value)
    index = selected.slice[0].slice
    function = t.code(args[0]).strip("'\"")
    if parts is None or parts[0] != target or function not in AGGREGATES or not isinstance(index, cst.Index):
        return None
    reduced = aggregate(t, function, t.code(index.value))
    if reduced is None:
        return None
    t.need("F")
    t.need("Window")
    keys = parts[1]
    return f"F.when({_keys_known(selected.value, keys)}, {reduced}.over(Window.partitionBy({keys})))"


def _keys_known(grouping: cst.BaseExpression, keys: str) -> str:
    """Whether a row's group keys are all present: pandas leaves a row with a null key out of every group."""
    one_key = isinstance(grouping, cst.Call) and isinstance(_positional(grouping)[0], cst.SimpleString)
    return f"F.col({keys}).isNotNull()" if one_key else f"F.least(F.lit(True), *[F.col(k).isNotNull() for k in [{keys}]])"


def sort_order(t: Translator, node: cst.BaseExpression) -> str | None:
    """The columns (Spark varargs) whose ascending order pandas' rows of `node` are in: a `sort_values(by)`,
    kept by `.reset_index(drop=True)` and `.copy()`, or a name bound to such a frame."""
    if isinstance(node, cst.Name):
        return t.orders.get(node.value)
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    method, args, keywords = node.func.attr.value, _positional(node), _kwargs(node)
    if method in ("reset_index", "copy") and not args and set(keywords) <= {"drop"}:
        return sort_order(t, node.func.value)
    by = keywords.get("by", args[0] if args else None)
    if method == "sort_values" and by is not None and len(args) + len(keywords) == 1:
        return names_list(t, by)
    return None


# the reductions a rolling window takes over its frame of rows, as the catalog maps them
ROLLING = {name: AGGREGATES[name] for name in ("mean", "sum", "min", "max", "std")}


def group_sequence(t: Translator, node: cst.BaseExpression, target: str) -> str | None:
    """`df.groupby(k)[c].shift(n)`, `.diff(n)`, `.cumsum()`, `df.groupby(k).cumcount()` and
    `.transform(lambda s: s.shift(j).rolling(n, min_periods=m).mean())` → a window over each group in
    the order `df` was sorted by (`sort_order`): pandas reads the rows as they stand, Spark has no row
    order but the sort's columns. Rows with a null key get null, as pandas leaves them out of every group."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    method, grouping, args = node.func.attr.value, node.func.value, _positional(node)
    selected = None
    if isinstance(grouping, cst.Subscript) and isinstance(grouping.slice[0].slice, cst.Index) and len(grouping.slice) == 1:
        key = grouping.slice[0].slice.value
        selected, grouping = (t.code(key) if isinstance(key, cst.SimpleString) else ""), grouping.value
    parts = _groupby_parts(t, grouping) if _is_groupby(grouping) else None
    order = t.orders.get(target)
    if parts is None or parts[0] != target or selected == "" or _kwargs(node):
        return None
    window = f"Window.partitionBy({parts[1]}).orderBy({order})"
    if method == "cumcount" and selected is None and not args:
        value = f"F.row_number().over({window}) - 1"
    elif selected is None:
        return None
    elif method in ("shift", "diff") and len(args) <= 1:
        lag = _offset(t, args[0]) if args else "F.lag(%s, 1)"
        if lag is None:
            return None
        lagged = f"{lag % selected}.over({window})"
        value = lagged if method == "shift" else f"F.col({selected}) - {lagged}"
        if method == "diff":
            t.todo("diff of a datetime column: pandas gives a Timedelta, Spark's difference of two timestamps is "
                   "an interval (for seconds: F.unix_timestamp(c) - F.lag(F.unix_timestamp(c), n).over(w))")
    elif method == "cumsum" and not args:
        running = f"F.sum({selected}).over({window}.rowsBetween(Window.unboundedPreceding, 0))"
        value = f"F.when(F.col({selected}).isNotNull(), {running})"  # pandas leaves a missing value missing
    elif method == "transform" and len(args) == 1:
        rolled = _rolling(t, args[0], selected, window)
        if rolled is None:
            return None
        value = rolled
    else:
        return None
    if order is None:  # pandas reads the rows as they stand: with no sort to say how, the line stays pandas
        return None
    t.need("F")
    t.need("Window")
    return f"F.when({_keys_known(grouping, parts[1])}, {value})"


def _offset(t: Translator, node: cst.BaseExpression) -> str | None:
    """A shift by a literal number of rows (negative: `F.lead`, the rows after) or by a name, as a
    template for the column."""
    if isinstance(node, (cst.Integer, cst.Name)):
        return f"F.lag(%s, {t.code(node)})"
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) and isinstance(node.expression, cst.Integer):
        return f"F.lead(%s, {t.code(node.expression)})"
    return None


def _rolling(t: Translator, node: cst.BaseExpression, selected: str, window: str) -> str | None:
    """`lambda s: s.shift(j).rolling(n, min_periods=m).mean()` → the function over the rows j+n-1 … j
    before each one, null while fewer than m of them hold a value (m = n unless given), as pandas counts."""
    if not (isinstance(node, cst.Lambda) and len(node.params.params) == 1):
        return None
    body = node.body
    if not (isinstance(body, cst.Call) and isinstance(body.func, cst.Attribute) and body.func.attr.value in ROLLING
            and not body.args):
        return None
    rolling = body.func.value
    if not (isinstance(rolling, cst.Call) and isinstance(rolling.func, cst.Attribute) and rolling.func.attr.value == "rolling"):
        return None
    sizes, options = _positional(rolling), _kwargs(rolling)
    if len(sizes) != 1 or not isinstance(sizes[0], cst.Integer) or set(options) - {"min_periods"}:
        return None
    size = int(sizes[0].value)
    least = options.get("min_periods", sizes[0])
    inner, lag = rolling.func.value, 0
    if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "shift":
        shifted = _positional(inner)
        if len(inner.args) > 1 or (shifted and not isinstance(shifted[0], cst.Integer)) or len(shifted) != len(inner.args):
            return None
        lag, inner = int(shifted[0].value) if shifted else 1, inner.func.value  # type: ignore[attr-defined]
    if not (isinstance(inner, cst.Name) and inner.value == node.params.params[0].name.value and isinstance(least, cst.Integer)):
        return None
    rows = f"{window}.rowsBetween({-(size - 1) - lag}, {-lag})"
    return f"F.when(F.count({selected}).over({rows}) >= {least.value}, {ROLLING[body.func.attr.value]}({selected}).over({rows}))"


def write(t: Translator, node: cst.Call) -> str | None:
    """`df.to_csv(path, index=False)` → `df.write.mode("overwrite")…csv(path)`; an index column is dropped."""
    if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in WRITERS:
        return None
    receiver = frame(t, node.func.value)
    args, keywords = _positional(node), _kwargs(node)
    if receiver is None or len(args) != 1 or not set(keywords) <= {"index", "orient", "lines"}:
        return None
    if t.code(keywords.get("index", cst.Name("True"))) != "False" and node.func.attr.value == "to_csv":
        return None  # pandas would write its index as a first column; Spark frames have none
    kind = WRITERS[node.func.attr.value]
    header = '.option("header", True)' if kind == "csv" else ""
    return f'{receiver}.write.mode("overwrite"){header}.{kind}({t.code(args[0])})'


def get_dummies(t: Translator, node: cst.BaseExpression, target: str) -> list[str] | None:
    """`df = pd.get_dummies(df, columns=[...], drop_first=..., dtype=...)` → one column `<col>_<value>`
    per category, sorted, appended after the other columns, the source column dropped — pandas' layout
    and dtype (bool unless `dtype` says int or float); a null is in no category (`eqNullSafe`: False
    where `==` would give null), and `drop_first` drops the first category in that sorted order."""
    if not (isinstance(node, cst.Call) and t.qualify(node.func) == "pandas.get_dummies"):
        return None
    args, keywords = _positional(node), _kwargs(node)
    if len(args) != 1 or not {"columns"} <= set(keywords) <= {"columns", "drop_first", "dtype"}:
        return None
    source = frame(t, args[0])
    names = keywords["columns"]
    drop_first = t.code(keywords.get("drop_first", cst.Name("False")))
    dtype = t.code(keywords["dtype"]).strip("'\"").removeprefix("np.") if "dtype" in keywords else "bool"
    if source is None or not isinstance(names, cst.List) or drop_first not in ("True", "False") or (
            dtype not in CASTS or CASTS[dtype] not in ("boolean", "int", "bigint", "double", "float")):
        return None
    t.need("F")
    kept = "_values[1:]" if drop_first == "True" else "_values"
    cast = "" if CASTS[dtype] == "boolean" else f'.cast("{CASTS[dtype]}")'
    return [f"{target} = {source}"] * (source != target) + [
        f"for _column in {t.code(names)}:\n"
        f"    _values = sorted(r[0] for r in {target}.select(_column).distinct().collect() if r[0] is not None)\n"
        f"    {target} = {target}.withColumns({{f\"{{_column}}_{{v}}\": F.col(_column).eqNullSafe(v){cast} for v in {kept}}})"
        f".drop(_column)",
    ]


def describe(t: Translator, shown: cst.BaseExpression) -> str | None:
    """`print(X.describe())`, also transposed (`.T`) or rounded (`.round(n)`), of a frame Spark holds:
    Spark's own summary table, shown as Spark lays it out, with what differs marked."""
    if isinstance(shown, cst.Attribute) and shown.attr.value == "T":
        shown = shown.value
    if isinstance(shown, cst.Call) and isinstance(shown.func, cst.Attribute) and shown.func.attr.value == "round":
        shown = shown.func.value
    if not (isinstance(shown, cst.Call) and isinstance(shown.func, cst.Attribute)
            and shown.func.attr.value == "describe" and not shown.args):
        return None
    described = frame(t, shown.func.value)
    if described is None:
        return None
    t.todo("printed as Spark's describe(): count, mean, stddev, min and max of every column, unrounded, one "
           "column per input column; pandas shows the quartiles too, of the numeric columns only")
    return f"{described}.describe().show()"


def missing_counts(t: Translator, shown: cst.BaseExpression) -> str | None:
    """`print(df.isna().sum())` (or `isnull`) of a frame Spark holds: the missing values of each column in
    one job, counted as pandas counts them — a null, or a NaN in a floating-point column — shown as one
    row with a column each, where pandas prints a line each (a TODO says so)."""
    if not (isinstance(shown, cst.Call) and isinstance(shown.func, cst.Attribute) and shown.func.attr.value == "sum"
            and not shown.args):
        return None
    tested = shown.func.value
    if not (isinstance(tested, cst.Call) and isinstance(tested.func, cst.Attribute)
            and tested.func.attr.value in ("isna", "isnull") and not tested.args):
        return None
    counted = frame(t, tested.func.value)
    if counted is None or not counted.isidentifier():
        return None
    t.need("F")
    t.todo("printed as one row, a column each, where pandas prints one line per column")
    missing = '(F.col(c).isNull() | F.isnan(c)) if kind in ("double", "float") else F.col(c).isNull()'
    return f"{counted}.select([F.sum(({missing}).cast(\"int\")).alias(c) for c, kind in {counted}.dtypes]).show()"


def shape(t: Translator, node: cst.BaseExpression) -> str | None:
    """Driver-side facts pandas has for free: `len(df)`, `df.shape`, `df.shape[0]` (each costs a count job)."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len" and len(node.args) == 1:
        inner = node.args[0].value
        if isinstance(inner, cst.Name) and t.scope.is_frame(inner.value):
            return f"{inner.value}.count()"
    if isinstance(node, cst.Attribute) and node.attr.value == "shape" and isinstance(node.value, cst.Name):
        if t.scope.is_frame(node.value.value):
            return f"({node.value.value}.count(), len({node.value.value}.columns))"
    return None


def is_column_of(t: Translator, node: cst.BaseExpression) -> str | None:
    """The frame name if `node` is `frame["col"]` of a Spark frame."""
    if isinstance(node, (cst.Subscript, cst.Attribute)) and isinstance(node.value, cst.Name):
        name = node.value.value
        if t.scope.is_frame(name) and column_name(t, node, name) is not None:
            return name
    return None
