"""Walk a script statement by statement, translate what has a faithful PySpark form, mark the rest.

The walk follows the script's own order (a later line is translated from what earlier lines became,
`scope.py`), recursing into function bodies and blocks. A statement becomes zero or more new
statements keeping the comments above and beside it; one that cannot be translated stays as written,
its driver-side expressions (`len(df)`, metrics, `df["x"].mean()`) rewritten where they appear, and
gets a `# TODO(sparklint): CODE name — …` comment naming the rules sparklint reports on it (or what
broke), never a silent change. Last, imports nothing uses any more (pandas, scikit-learn, joblib)
go, the pyspark imports used are added once after the others, and a SparkSession where the code
reads data and none exists.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import NamedTuple

import libcst as cst
import libcst.matchers as m
from libcst.metadata import MetadataWrapper, PositionProvider

from sparklint.migrate import frames, learn
from sparklint.migrate.columns import column, scalar
from sparklint.migrate.preprocess import steps
from sparklint.migrate.scope import (
    Estimator,
    Features,
    Fitted,
    Frame,
    Frames,
    Grouping,
    Label,
    LabelOf,
    Predictions,
    Scope,
    Split,
    Steps,
    Value,
)
from sparklint.names import Imports, dotted

SHORT_IMPORTS = {"F": "from pyspark.sql import functions as F", "Window": "from pyspark.sql import Window"}
SESSION_IMPORT = "from pyspark.sql import SparkSession"
SESSION = "spark = SparkSession.builder.getOrCreate()"
REPLACED_MODULES = ("pandas", "sklearn", "joblib")
ML_CALLS = ("fit", "fit_transform", "fit_predict", "predict", "predict_proba", "score", "transform")
# Spark DataFrame members: `df.count` is a method, never the column "count".
FRAME_MEMBERS = frozenset({
    "columns", "dtypes", "schema", "count", "select", "filter", "where", "withColumn", "withColumns", "drop",
    "dropna", "fillna", "join", "groupBy", "agg", "orderBy", "sort", "limit", "show", "write", "collect",
    "toPandas", "describe", "summary", "distinct", "union", "unionByName", "cache", "persist", "head", "first",
    "take", "shape", "values", "index", "T", "loc", "iloc", "str", "dt", "size", "empty", "mean", "sum",
    "min", "max", "median", "std", "copy", "apply", "rdd", "na", "stat", "alias", "printSchema", "sample",
})


class Translator:
    """The state of one pass of a migration: names, the imports it needs, the TODOs of the current
    statement, and the uses of Spark values that the code as written cannot take (`unsafe`).

    `ml` turns the scikit-learn → pyspark.ml translation on; `ml_data` cuts features, labels and
    splits from Spark frames (without it they stay pandas and models train across a bridge,
    `learn.fit`); `bridges` are the (statement, name) pairs
    before which a Spark DataFrame goes back to pandas; `frozen` the statements left exactly as
    written. `migrate._converged` runs passes until no unsafe use is left (see there).
    """

    def __init__(self, module: cst.Module, findings_by_line: dict[int, list[str]], api: str = "spark",
                 ml: bool = True, ml_data: bool = True, bridges: frozenset[tuple[int, str]] = frozenset(),
                 frozen: frozenset[int] = frozenset(), spark_params: frozenset[tuple[str, str]] = frozenset(),
                 model_params: frozenset[tuple[str, str, str]] = frozenset(), sklearn_models: frozenset[str] = frozenset(),
                 pandas_returns: frozenset[str] = frozenset()) -> None:
        self.module = module
        self.api = api
        self.ml = ml
        self.ml_data = ml_data
        self.bridges = bridges
        self.frozen = frozen
        self.spark_params = spark_params
        self.model_params = model_params
        self.sklearn_models = sklearn_models  # names whose models stay scikit-learn's (`kept_models` of a pass)
        self.pandas_returns = pandas_returns
        self.unsafe: list[Unsafe] = []
        # The script's own functions: their parameters, whether every `return` gives a Spark frame, the
        # function being walked; parameters that call sites pass a Spark frame (`wanted`) or that were
        # taken to hold one but are given something else (`refused`), and functions whose frame a line
        # kept as written receives (`keep_pandas`), for the next pass (`spark_params`, `pandas_returns`).
        self.params: dict[str, list[str]] = {}
        self.returns_frame: dict[str, bool] = {}
        self.returns_model: dict[str, Estimator | None] = {}  # the estimator every `return` builds, else None
        self.functions: list[str] = []
        self.wanted: set[tuple[str, str]] = set()
        self.wanted_models: set[tuple[str, str, str]] = set()  # (function, parameter, task) given a fitted model
        self.kept_models: set[str] = set()  # names of pyspark.ml models that code kept as written uses
        self.refused: set[tuple[str, str]] = set()
        self.keep_pandas: set[str] = set()
        self.literals: dict[str, cst.BaseExpression] = {}  # names bound to a literal string, list or dict, by the last assignment
        self.orders: dict[str, str] = {}  # frame -> the columns pandas' rows are sorted by (`frames.sort_order`)
        self.births: dict[str, int] = {}  # frame -> the statement that made it, while no Spark work used it
        self.anchors: list[cst.CSTNode | None] = [None]  # per function level: the statement being walked
        self.imports = Imports()
        for statement in module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self.imports.add(small)
        self.scope = Scope()
        self.needed: dict[str, None] = {}
        self.session = False
        self.pending: list[str] = []
        self.frame_members = FRAME_MEMBERS
        self.fitted_labels: dict[str, str | None] = {}
        self.findings_by_line = findings_by_line
        self.positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        self.ml_inputs = _ml_inputs(module)
        self.date_columns = _date_columns(module)
        self.column_keys: frozenset[str] = frozenset()  # a column migrate writes has its name written out (`_set_column`)
        self.todo_count = 0
        self.cell: int | None = None  # the notebook cell being walked
        self.origins: dict[int, Where] = {}  # id(a statement of the migrated code) -> where it came from

    # --- asked by the translations -----------------------------------------------------------

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node).strip()

    def spelt(self, frame: str) -> str:
        return frame

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.imports.qualify(node)

    def need(self, what: str) -> None:
        self.needed[SHORT_IMPORTS.get(what, what)] = None

    def need_session(self) -> None:
        self.session = True

    def todo(self, message: str) -> None:
        self.pending.append(message)

    def holds_spark(self, node: cst.CSTNode) -> bool:
        """Whether `node` reads a name that holds a translated (Spark) value."""
        return bool(self._spark_values(node))

    # --- the walk -----------------------------------------------------------------------------

    def block(self, body) -> list:
        """A function's (or the module's) statements: where bridges go, before the statement that needs them."""
        out = []
        for statement in body:
            self.anchors[-1] = statement
            out.extend(self._came_from(statement, [*self._bridges_before(statement), *self.statement(statement)]))
        return out

    def _nested(self, body) -> list:
        """The statements of an `if`/`for`/`with`/… body: bridges go before the whole compound statement."""
        out = []
        for statement in body:
            out.extend(self._came_from(statement, self.statement(statement)))
        return out

    def _came_from(self, original: cst.CSTNode, made: list) -> list:
        """Remember the original line of each statement `made` from `original` (a crash in the migrated
        script is named in the original too); statements kept as they were keep their own lines."""
        line = self.positions[original].start.line
        for new in made:
            self.origins.setdefault(id(new), (self.cell, line))
            if new is original:
                new.visit(_Origins(self))
        return made

    def statement(self, node: cst.CSTNode) -> list:
        if id(node) in self.frozen:
            self._refuse_helpers(node)
            self._check_uses(node, self._spark_values(node))
            for name in _bound_names(node):
                self.scope.set(name, None)
            return [node]
        if isinstance(node, cst.SimpleStatementLine):
            return self._simple_line(node)
        before = self._spark_values(node)
        if isinstance(node, cst.FunctionDef):
            name = node.name.value
            self.scope.set(name, None)
            self.scope.push()
            self.anchors.append(None)
            self.functions.append(name)
            self.params.pop(name, None)  # not callable as a helper from inside itself
            self.returns_frame.pop(name, None)
            self.returns_model.pop(name, None)
            params = [p.name.value for p in node.params.params]
            for param in params:
                if (name, param) in self.spark_params:
                    self.scope.set(param, Frame())
                task = next((task for f, p, task in self.model_params if (f, p) == (name, param)), None)
                if task is not None:
                    self.scope.set(param, Fitted(task))
            outer_orders, self.orders = self.orders, {}  # a parameter's row order is its caller's
            body = node.body.with_changes(body=self.block(node.body.body))
            self.orders = outer_orders
            self.functions.pop()
            self.anchors.pop()
            self.scope.pop()
            if not (isinstance(node.params.star_arg, (cst.Param, cst.ParamStar)) or node.params.star_kwarg
                    or node.params.kwonly_params or node.params.posonly_params or node.decorators):
                self.params[name] = params
            self._check_uses(node, before, skip={id(node.body)})
            return [node.with_changes(body=body)]
        if isinstance(node, (cst.If, cst.For, cst.While, cst.With, cst.Try)) and isinstance(node.body, cst.IndentedBlock):
            walked = {id(node.body)}
            changed = node.with_changes(body=node.body.with_changes(body=self._nested(node.body.body)))
            orelse = getattr(node, "orelse", None)
            if isinstance(orelse, cst.Else) and isinstance(orelse.body, cst.IndentedBlock):
                walked.add(id(orelse.body))
                changed = changed.with_changes(orelse=orelse.with_changes(
                    body=orelse.body.with_changes(body=self._nested(orelse.body.body))))
            self._check_uses(node, before, skip=walked)
            return [changed]
        self._check_uses(node, before)
        return [node]

    # --- where the code as written meets a Spark value ------------------------------------------

    def _spark_values(self, node: cst.CSTNode) -> dict[str, Value]:
        """The names `node` uses that hold a translated (Spark) value before it runs."""
        return {name: value for name in _used_names(node) if (value := self.scope.get(name)) is not None}

    def _check_uses(self, node: cst.CSTNode, before: dict[str, Value], skip: AbstractSet[int] = frozenset()) -> None:
        """Record each use of a Spark value in code kept as written (outside `skip`, the parts
        translated or rewritten): it would receive a Spark object where the code expects pandas."""
        for name in dict.fromkeys(_used_names(node, skip)):
            if name in before:
                level = next((i for i in range(len(self.scope.frames) - 1, -1, -1) if name in self.scope.frames[i]), 0)
                anchor = self.anchors[level] if level < len(self.anchors) else self.anchors[-1]
                value = before[name]
                if isinstance(value, Grouping) and not value.fresh:  # pandas grouped the frame as it was then:
                    self.unsafe.append(Unsafe(value.anchor, value.frame, False, self.births.get(value.frame)))
                    continue  # that frame comes back before the grouping is made
                bridgeable = self._pulled(name, value) is not None and (
                    isinstance(value, Frame) or not _uses_row_labels(node, name))
                self.unsafe.append(Unsafe(id(anchor), name, not bridgeable, self.births.get(name)))
                if isinstance(value, (Estimator, Fitted)):
                    self.kept_models.add(name)
                if isinstance(value, Grouping) and isinstance(self.scope.get(value.frame), Frame):
                    # pandas groups its own frame: that comes back first, just before the grouping
                    self.unsafe.append(Unsafe(id(anchor), value.frame, False, self.births.get(value.frame)))

    def _pulled(self, name: str, value: Value) -> str | None:
        """What a bridge gives the code as written for `name`: a frame as pandas, a split, label or
        predictions as `learn.to_driver` pulls them; a model or features have no such form (their
        pandas form is what the translation replaced)."""
        if isinstance(value, Frame):  # in the order pandas' rows are in, where a sort said so: windows reshuffle them
            return f"{name}.orderBy({self.orders[name]}).toPandas()" if name in self.orders else f"{name}.toPandas()"
        if isinstance(value, Frames):
            return f"[part.toPandas() for part in {name}]"
        if isinstance(value, Grouping):  # its frame comes back just before it (`_bridged_here`)
            return self.code(value.node) if value.fresh else None
        return learn.to_driver(self, name, value) if isinstance(value, (Split, Label, LabelOf, Predictions)) else None

    def _remember_literals(self, line: cst.SimpleStatementLine) -> None:
        for small in line.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                name, value = small.targets[0].target.value, small.value
                literal = isinstance(value, cst.SimpleString) or (isinstance(value, (cst.List, cst.Tuple)) and all(
                    isinstance(e.value, cst.SimpleString) for e in value.elements)) or _literal_dict(value)
                if literal:
                    self.literals[name] = value
                else:
                    self.literals.pop(name, None)

    def _note_work(self, line: cst.SimpleStatementLine, before: dict[str, Value]) -> None:
        """After a translated line: the frames it used have had Spark work; a frame it made from
        no other frame (a read) is new, and until it is worked on, keeping its read in pandas is
        better than a bridge right after it (the same bytes, pandas' own types). A frame a helper
        function gives is Spark by that function's own code, so it has no such read."""
        for name in before:
            self.births.pop(name, None)
        helpers = {call.func.value for call in m.findall(line, m.Call(func=m.Name())) if isinstance(call, cst.Call)
                   and isinstance(call.func, cst.Name)} & set(self.params)
        if not helpers and not any(isinstance(value, Frame) for value in before.values()):  # a helper's frame stays
            for name in _bound_names(line):
                if isinstance(self.scope.get(name), (Frame, Frames)):
                    self.births[name] = id(self.anchors[-1])

    def _bridges_before(self, statement: cst.CSTNode) -> list:
        """`df = df.toPandas()` for each frame bridged before this statement: from here on it is pandas."""
        out = []
        for name in self._bridged_here(statement):
            value = self.scope.get(name)
            pulled = self._pulled(name, value) if value is not None else None
            if pulled is None:
                continue
            self.scope.set(name, None)
            self.todo_count += 1
            what = "pandas on the driver" if isinstance(value, (Frame, Frames, Grouping)) else (
                "the driver, in Spark's row order and numbered from 0 (this value only: training stays on Spark)")
            out.append(cst.parse_statement(f"{name} = {pulled}\n").with_changes(leading_lines=[
                cst.EmptyLine(comment=cst.Comment(
                    f"# TODO(sparklint): bridge — `{name}` comes back to {what} here: the code "
                    f"below uses it in ways this migration cannot translate, so it stays as written"))]))
        return out

    def _bridged_here(self, statement: cst.CSTNode) -> list[str]:
        """The names bridged before `statement`; a split's labels (`y_test`) come back with it, first:
        once the split is pandas, their column cannot be read from Spark any more."""
        names: list[str] = []
        for anchor, name in sorted(self.bridges):
            if anchor == id(statement) and isinstance(self.scope.get(name), Split):
                names += [label for scope in self.scope.frames for label, value in scope.items()
                          if isinstance(value, LabelOf) and value.frame == name]
            names += [name] if anchor == id(statement) else []
        return sorted(dict.fromkeys(names), key=lambda name: isinstance(self.scope.get(name), Grouping))  # frames first

    def _simple_line(self, line: cst.SimpleStatementLine) -> list:
        self.pending = []
        before = self._spark_values(line)
        needed = dict(self.needed)
        translated = self._translate(line.body[0]) if len(line.body) == 1 else None
        self._remember_literals(line)
        if translated is None:
            self.needed, self.pending = needed, []  # what a translation that gave up asked for is not needed
            self._refuse_helpers(line)
            inline = _Inline(self)
            rewritten = line.visit(inline)
            assert isinstance(rewritten, cst.SimpleStatementLine)  # _Inline rewrites expressions only
            self._check_uses(line, before, inline.replaced | self._models_given(line))
            notes = self.pending + self._leftovers(line, rewritten)
            return [self._with_todos(rewritten, notes)]
        self._note_work(line, before)
        statements = [s for text in translated for s in cst.parse_module(text + "\n").body]
        if not statements:  # nothing left to do (`df = df.reset_index(drop=True)`); keep its comments
            return [cst.SimpleStatementLine([cst.Pass()], leading_lines=line.leading_lines)] if any(
                l.comment for l in line.leading_lines) else []
        first = statements[0].with_changes(leading_lines=line.leading_lines)
        statements[0] = self._with_todos(first, self.pending)
        last = statements[-1]
        if isinstance(last, cst.SimpleStatementLine):
            statements[-1] = last.with_changes(trailing_whitespace=line.trailing_whitespace)
        return statements

    def _with_todos(self, statement, notes: list[str]):
        if not notes:
            return statement
        self.todo_count += len(notes)
        comments = [cst.EmptyLine(comment=cst.Comment(f"# TODO(sparklint): {note}")) for note in dict.fromkeys(notes)]
        return statement.with_changes(leading_lines=[*statement.leading_lines, *comments])

    def _leftovers(self, original: cst.SimpleStatementLine, rewritten: cst.CSTNode) -> list[str]:
        """Why an untranslated line still needs a person: the rules that flag it, or names it uses
        whose meaning the migration changed (`y` is now a column name, `X` a list of columns)."""
        span = self.positions[original]
        notes = []
        if rewritten.deep_equals(original) or self._uses_replaced(rewritten):
            notes = [f for line in range(span.start.line, span.end.line + 1) for f in self.findings_by_line.get(line, [])]
        for name in _names(rewritten):
            value = self.scope.get(name)
            if isinstance(value, (Features, Label, LabelOf)):
                notes.append(f"not translated: `{name}` is now a {type(value).__name__.lower()} in pyspark.ml terms")
                break
        return notes

    def _uses_replaced(self, node: cst.CSTNode) -> bool:
        """Whether a pandas / scikit-learn / joblib name is still called or used in `node`."""
        found = []

        class Collect(cst.CSTVisitor):
            def visit_Attribute(inner, attribute: cst.Attribute) -> None:
                found.append(self.qualify(attribute))

            def visit_Name(inner, name: cst.Name) -> None:
                found.append(self.qualify(name))

        node.visit(Collect())
        return any(q and q.split(".")[0] in REPLACED_MODULES for q in found)

    # --- one statement ------------------------------------------------------------------------

    def _translate(self, small: cst.BaseSmallStatement) -> list[str] | None:
        """The statement's translation, or None with the names as they were (a translation that gives
        up half-way must not leave a name meaning Spark while the line stays pandas)."""
        saved = [dict(names) for names in self.scope.frames]
        translated = None
        expanded = small.visit(_Groupings(self))
        assert isinstance(expanded, cst.BaseSmallStatement)  # _Groupings rewrites expressions only
        small = expanded
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            translated = self._pairs(small.targets[0].target, small.value)
        elif isinstance(small, cst.Expr):
            translated = self._expression(small.value)
        elif isinstance(small, cst.Return) and self.functions:
            translated = self._return(small.value)
        if translated is None:
            self.scope.frames = saved
            for name in _bound_names(cst.SimpleStatementLine([small])):
                self.scope.set(name, None)
        for name in _bound_names(cst.SimpleStatementLine([small])):  # `df = …` is another object than the one
            for level in self.scope.frames:                            # a grouping of `df` made before holds
                level.update({key: replace(held, fresh=False) for key, held in level.items()
                              if isinstance(held, Grouping) and held.frame == name})
        return translated

    def _pairs(self, target: cst.BaseAssignTargetExpression, value: cst.BaseExpression) -> list[str] | None:
        """`X, y = df[F], df["label"]` is two assignments, translated together or not at all."""
        if not (isinstance(target, cst.Tuple) and isinstance(value, cst.Tuple)
                and len(target.elements) == len(value.elements) > 1):
            return self._assign(target, value)
        out: list[str] = []
        for name, part in zip(target.elements, value.elements, strict=True):
            if isinstance(part, cst.StarredElement) or not isinstance(name.value, cst.Name):
                return None
            translated = self._assign(name.value, part.value)
            if translated is None:
                return None
            out += translated
        return out

    def _assign(self, target: cst.BaseAssignTargetExpression, value: cst.BaseExpression) -> list[str] | None:
        if self.ml and isinstance(target, cst.Tuple) and isinstance(value, cst.Call) and self.qualify(value.func) == (
                "sklearn.model_selection.train_test_split"):
            names = [e.value.value for e in target.elements if isinstance(e.value, cst.Name)]
            return learn.split(self, value, names) if len(names) == len(target.elements) else None
        if isinstance(target, cst.Subscript):
            return self._set_column(target, value)
        if not isinstance(target, cst.Name):
            return None
        name = target.value
        if not self.ml:
            return self._frame_assign(name, value)
        if name in self.ml_inputs:
            found = learn.features(self, value)
            if found is not None:
                self.scope.set(name, Features(found.frame, name))
                return [f"{name} = {found.columns}"]
            found_label = learn.label(self, value)
            if found_label is not None:
                self.scope.set(name, found_label)
                return [f"{name} = {found_label.column}"]
            cast = learn.cast_label(self, value)
            if cast is not None:
                self.scope.set(name, cast[0])
                return [cast[1], f"{name} = {cast[0].column}"]
        if isinstance(value, cst.Call):
            staged = learn.transform_stage(self, value)
            if staged is not None:
                self.scope.set(name, staged)
                return [f"{name} = {self.code(value.args[0].value)}"]
            fitted = learn.fit(self, value, name)
            if fitted is not None:
                return [fitted]
        called = self.helper_call(value)
        if called is not None and isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and (
                model := self.returns_model.get(value.func.value)) and name not in self.sklearn_models:
            self.scope.set(name, model)  # `model = build_model()`: the pipeline the function builds
            return [f"{name} = {called[0]}"]
        built = learn.estimator(self, value, name)
        if built is not None:
            self.scope.set(name, built[1])
            return [f"{name} = {built[0]}"]
        if isinstance(value, cst.Call) and steps(self, value) is not None:
            self.scope.set(name, Steps(value))  # the ColumnTransformer that names it writes its stages
            return []
        predicted = learn.predictions(self, value) or learn.threshold(self, value)
        if predicted is not None:
            self.scope.set(name, Predictions(name, predicted[1].label, predicted[1].column, predicted[1].positive))
            return [f"{name} = {predicted[0]}"]
        return self._frame_assign(name, value)

    def _return(self, value: cst.BaseExpression | None) -> list[str] | None:
        """`return df` of a Spark frame: the function gives a frame where every `return` does."""
        function = self.functions[-1]
        built = learn.estimator(self, value, function) if self.ml and value is not None else None
        self.returns_model[function] = built[1] if built and self.returns_model.get(function, built[1]) else None
        if built is not None:
            self.returns_frame[function] = False
            return [f"return {built[0]}"]
        translated = frames.frame(self, value) if value is not None and function not in self.pandas_returns else None
        self.returns_frame[function] = translated is not None and self.returns_frame.get(function, True)
        return None if translated is None else [f"return {translated}"]

    def helper_call(self, node: cst.BaseExpression) -> tuple[str, bool] | None:
        """A call of one of the script's functions whose Spark-frame parameters (`spark_params`, learnt
        from the call sites of an earlier pass) get Spark frames and the others get no Spark value:
        (the call, whether it gives a frame). A frame passed where no pass has expected one yet is
        `wanted`; a parameter expected to get a frame that gets something else is `refused`."""
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in self.params):
            return None
        function, params = node.func.value, self.params[node.func.value]
        if len(node.args) > len(params) or any(a.keyword is not None or a.star for a in node.args):
            return None
        parts = []
        models, model_params = self._models_given(node), {(f, p) for f, p, _ in self.model_params}
        for param, arg in zip(params, node.args, strict=False):
            if id(arg.value) in models:  # `evaluate(model, X, y)`: its body scores with the pyspark.ml model
                parts.append(self.code(arg.value))
                continue
            if (function, param) in model_params or isinstance(arg.value, cst.Name) and isinstance(
                    self.scope.get(arg.value.value), Fitted):
                return None  # wanted for the next pass, or refused (`_models_given`)
            translated, expected = frames.frame(self, arg.value), (function, param) in self.spark_params
            if translated is not None and not expected:
                self.wanted.add((function, param))
                return None
            if translated is None and expected:
                self.refused.add((function, param))
                return None
            if translated is None and self._spark_values(arg.value):
                return None
            parts.append(translated or self.code(arg.value))
        return f"{function}({', '.join(parts)})", self.returns_frame.get(function, False)

    def _passes_frames(self, call: cst.Call) -> bool:
        assert isinstance(call.func, cst.Name)  # a helper call
        params = self.params.get(call.func.value, [])
        return any((call.func.value, param) in self.spark_params for param in params[: len(call.args)])

    def _refuse_helpers(self, node: cst.CSTNode) -> None:
        """A statement kept as written passes its helpers what it has, which is no Spark frame, and
        expects pandas from them."""
        for call in m.findall(node, m.Call(func=m.Name())):
            if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in self.params):
                continue
            function = call.func.value
            if self._passes_frames(call):
                self.refused.update((function, p) for p in self.params[function][: len(call.args)])
            if self.returns_frame.get(function):
                self.keep_pandas.add(function)

    def _models_given(self, node: cst.CSTNode) -> set[int]:
        """The fitted pyspark.ml models that `node`, a line kept as written, passes to the script's functions
        whose bodies score with them (`model_params`): those uses need no bridge. A model passed where no
        pass has expected one yet is `wanted_models`; a model parameter given anything else is `refused`."""
        given = set()
        for call in m.findall(node, m.Call(func=m.Name())):
            if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in self.params):
                continue
            function = call.func.value
            for param, arg in zip(self.params[function], call.args, strict=False):
                if arg.keyword is not None or arg.star:
                    break
                model = self.scope.get(arg.value.value) if isinstance(arg.value, cst.Name) else None
                expected = {task for f, p, task in self.model_params if (f, p) == (function, param)}
                if isinstance(model, Fitted) and model.task in expected:
                    given.add(id(arg.value))
                elif isinstance(model, Fitted):
                    self.wanted_models.add((function, param, model.task))
                elif expected:
                    self.refused.add((function, param))
        return given

    def _frame_assign(self, name: str, value: cst.BaseExpression) -> list[str] | None:
        grouped = frames.grouped_frame(self, value)
        if grouped is not None and grouped in self.scope.frames[-1]:
            self.scope.set(name, Grouping(grouped, value, id(self.anchors[-1])))
            return []
        order = frames.sort_order(self, value)
        self.orders.pop(name, None)
        called = self.helper_call(value)
        if called is not None:
            self.scope.set(name, Frame() if called[1] else None)
            return [f"{name} = {called[0]}"]
        dummies = frames.get_dummies(self, value, name)
        if dummies is not None:
            self.scope.set(name, Frame())
            return dummies
        listed = frames.frame_list(self, value)
        if listed is not None:
            self.scope.set(name, Frames())
            return [] if listed == name else [f"{name} = {listed}"]
        translated = frames.frame(self, value)
        if translated is not None:
            self.scope.set(name, Frame())
            if order is not None:
                self.orders[name] = order
            return [] if translated == name else [f"{name} = {translated}"]
        self.scope.set(name, None)
        return None

    def _set_column(self, target: cst.Subscript, value: cst.BaseExpression) -> list[str] | None:
        """`df["c"] = expr` → `df = df.withColumn("c", …)`; `df.loc[mask, "c"] = v` → F.when(mask, v)."""
        owner = target.value
        if isinstance(owner, cst.Attribute) and owner.attr.value == "loc" and isinstance(owner.value, cst.Name):
            name = owner.value.value
            if not self.scope.is_frame(name) or len(target.slice) != 2:
                return None
            mask, assigned = (s.slice.value for s in target.slice if isinstance(s.slice, cst.Index))
            condition, new = column(self, mask, name), column(self, value, name)
            if condition is None or new is None or not isinstance(assigned, cst.SimpleString):
                return None
            self.need("F")
            where = self.code(assigned)
            return [f"{name} = {name}.withColumn({where}, F.when({condition}, {new}).otherwise(F.col({where})))"]
        if not (isinstance(owner, cst.Name) and self.scope.is_frame(owner.value) and len(target.slice) == 1):
            return None
        key = target.slice[0].slice.value if isinstance(target.slice[0].slice, cst.Index) else None
        if not isinstance(key, (cst.SimpleString, cst.FormattedString)):
            return None
        name = owner.value
        new = frames.window_transform(self, value, name) or frames.group_sequence(self, value, name) or column(self, value, name)
        if new is None:
            return None
        if not new.startswith("F."):
            self.need("F")
            new = f"F.lit({new})" if "F." not in new else new
        return [f"{name} = {name}.withColumn({self.code(key)}, {new})"]

    def _expression(self, value: cst.BaseExpression) -> list[str] | None:
        if not isinstance(value, cst.Call):
            return None
        called = self.helper_call(value)
        if called is not None and not self._passes_frames(value):  # pandas would change the frame in place
            return [called[0]]
        appended = frames.appended(self, value)
        if appended is not None:
            assert isinstance(value.func, cst.Attribute) and isinstance(value.func.value, cst.Name)  # `name.append(…)`
            self.scope.set(value.func.value.value, Frames())
            return [appended]
        for translate in (frames.write, lambda t, v: learn.fit(t, v, None), learn.save_model)[:3 if self.ml else 1]:
            translated = translate(self, value)
            if translated is not None:
                return [translated]
        if isinstance(value.func, cst.Attribute) and any(
                a.keyword is not None and a.keyword.value == "inplace" for a in value.args):
            receiver = value.func.value
            translated = frames.frame(self, value)
            if isinstance(receiver, cst.Name) and translated is not None:
                return [f"{receiver.value} = {translated}"]
        if isinstance(value.func, cst.Attribute) and value.func.attr.value == "info" and isinstance(value.func.value, cst.Name):
            if self.scope.is_frame(value.func.value.value):
                return [f"{value.func.value.value}.printSchema()"]
        if isinstance(value.func, cst.Name) and value.func.value == "print" and len(value.args) == 1:
            return self._print(value.args[0].value)
        return None

    def _print(self, shown: cst.BaseExpression) -> list[str] | None:
        """`print(df.head())`, `print(df.describe())`, `print(df[c].value_counts())`, `print(df.isna().sum())` → `.show()`."""
        described = frames.describe(self, shown) or frames.missing_counts(self, shown)
        if described is not None:
            return [described]
        if not (isinstance(shown, cst.Call) and isinstance(shown.func, cst.Attribute)):
            return None
        method, receiver = shown.func.attr.value, shown.func.value
        if isinstance(receiver, cst.Name) and self.scope.is_frame(receiver.value) and method == "head":
            count = self.code(shown.args[0].value) if shown.args else "5"
            return [f"{receiver.value}.show({count})"]
        owner = frames.is_column_of(self, receiver)
        if method == "value_counts" and owner and not shown.args:
            from sparklint.migrate.columns import column_name

            self.need("F")
            return [f'{owner}.groupBy({column_name(self, receiver, owner)}).count().orderBy(F.desc("count")).show()']
        return None


class _Groupings(cst.CSTTransformer):
    """A statement with each use of a fresh `Grouping` (`g["x"]`, `g.cumcount()`) written as the
    `groupby` it names, which the translations read."""

    def __init__(self, t: Translator) -> None:
        super().__init__()
        self.t = t

    def _expanded(self, node: cst.BaseExpression) -> cst.BaseExpression:
        held = self.t.scope.get(node.value) if isinstance(node, cst.Name) else None
        return held.node if isinstance(held, Grouping) and held.fresh else node

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.Subscript:
        return updated.with_changes(value=self._expanded(updated.value))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(value=self._expanded(updated.value))


class _Inline(cst.CSTTransformer):
    """Inside a line that stays: metrics, `len(df)`, `df.shape`, `df[c].mean()`, fitted attributes; and
    the uses of a frame's column names that need no rewriting."""

    def __init__(self, t: Translator) -> None:
        super().__init__()
        self.t = t
        self.replaced: set[int] = set()  # the original expressions rewritten into Spark code

    def _rewritten(self, original: cst.CSTNode, updated: cst.BaseExpression, text: str | None) -> cst.BaseExpression:
        if not text:
            return updated
        self.replaced.add(id(original))
        return cst.parse_expression(text)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        text = ((learn.metric(self.t, original) or learn.predicted_on_driver(self.t, original)) if self.t.ml else None
                ) or frames.shape(self.t, original) or scalar(self.t, original)
        if isinstance(original.func, cst.Name) and original.func.value == "len" and len(original.args) == 1:
            self._same_names(original.args[0].value)
        return self._rewritten(original, updated, text)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._same_names(node.iter)

    def _same_names(self, node: cst.BaseExpression) -> None:
        """A Spark frame's `columns` is a list of the same names as pandas' column Index, counted (`len`)
        or looped over: the code as written works on it."""
        if (isinstance(node, cst.Attribute) and node.attr.value == "columns" and isinstance(node.value, cst.Name)
                and self.t.scope.is_frame(node.value.value)):
            self.replaced.add(id(node))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        text = frames.shape(self.t, original) or (learn.attribute(self.t, original) if self.t.ml else None)
        return self._rewritten(original, updated, text)

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.BaseExpression:
        if self.t.ml and (probability := learn.predicted_on_driver(self.t, original)):
            return self._rewritten(original, updated, probability)
        if (isinstance(original.value, cst.Attribute) and original.value.attr.value == "shape"
                and isinstance(original.value.value, cst.Name) and self.t.scope.is_frame(original.value.value.value)
                and self.t.code(original.slice[0]) in ("0", "1")):
            name = original.value.value.value
            return self._rewritten(original, updated, f"{name}.count()" if self.t.code(original.slice[0]) == "0"
                                   else f"len({name}.columns)")
        return updated


Where = tuple[int | None, int]  # (notebook cell index or None, 1-based line in the cell or script)


class _Origins(cst.CSTVisitor):
    """The statements inside one kept as written: each came from its own line."""

    def __init__(self, t: Translator) -> None:
        super().__init__()
        self.t = t

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            self.t.origins.setdefault(id(node), (self.t.cell, self.t.positions[node].start.line))
        return True


def origins(t: Translator, migrated: cst.Module, cell: int | None = None) -> dict[Where, Where]:
    """Each line of the migrated code (`cell`'s, in a notebook) -> the original line its statement
    came from; the innermost statement decides. Added lines (imports, the session) have none."""
    positions = MetadataWrapper(migrated, unsafe_skip_copy=True).resolve(PositionProvider)
    spans = [(span.start.line, span.end.line, t.origins[id(node)]) for node, span in positions.items()
             if isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)) and id(node) in t.origins]
    found: dict[Where, Where] = {}
    for start, end, origin in sorted(spans, key=lambda span: span[0] - span[1]):  # outer first, inner overwrite
        found.update(((cell, line), origin) for line in range(start, end + 1))
    return found


class Unsafe(NamedTuple):
    """A Spark value used by code kept as written: `anchor` is the statement of the name's own
    function level that holds the use (a bridge goes before it); `ml` when the value is not a frame;
    `birth` the statement that made the frame, when no Spark work has used it yet."""

    anchor: int
    name: str
    ml: bool
    birth: int | None


def _uses_row_labels(node: cst.CSTNode, name: str) -> bool:
    """Whether `node` reads `name`'s row labels (`.index`, `.loc`, `.iloc`), which a value pulled back
    from Spark does not have: they are numbered from 0 there."""
    return bool(m.findall(node, m.Attribute(value=m.Name(name), attr=m.Name("index") | m.Name("loc") | m.Name("iloc"))))


def _bound_names(node: cst.CSTNode) -> list[str]:
    """The plain names an assignment statement binds (`a = …`, `a, b = …`)."""
    if not isinstance(node, cst.SimpleStatementLine):
        return []
    names: list[str] = []
    for small in node.body:
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
            [small.target] if isinstance(small, cst.AnnAssign) else [])
        for target in targets:
            parts = [e.value for e in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else [target]
            names.extend(part.value for part in parts if isinstance(part, cst.Name))
    return names


def _used_names(node: cst.CSTNode, skip: AbstractSet[int] = frozenset()) -> list[str]:
    """The names `node` reads (not the ones it only binds: an assignment's plain targets, a `for`
    target, parameters), leaving out the subtrees in `skip`."""
    uses = _Uses(skip)
    node.visit(uses)
    return uses.found


class _Names(cst.CSTVisitor):
    """Every name a node mentions, but not an attribute after a dot or a keyword argument's name."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def visit_Name(self, name: cst.Name) -> None:
        self.found.append(name.value)

    def visit_Attribute(self, attribute: cst.Attribute) -> bool:
        attribute.value.visit(self)
        return False

    def visit_Arg(self, arg: cst.Arg) -> bool:
        arg.value.visit(self)
        return False


class _Uses(_Names):
    """The names a node reads: `_Names` without what it only binds, and without the `skip` subtrees."""

    def __init__(self, skip: AbstractSet[int]) -> None:
        super().__init__()
        self.skip = skip

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) not in self.skip and super().on_visit(node)

    def visit_AssignTarget(self, target: cst.AssignTarget) -> bool:
        return not _binds_only(target.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        if node.value is not None:
            node.value.visit(self)
        return not _binds_only(node.target)

    def visit_For(self, node: cst.For) -> bool:
        if not _binds_only(node.target):
            node.target.visit(self)
        for part in (node.iter, node.body, node.orelse):
            if part is not None:
                part.visit(self)
        return False

    def visit_CompFor(self, node: cst.CompFor) -> bool:
        node.iter.visit(self)
        for condition in node.ifs:
            condition.visit(self)
        if node.inner_for_in is not None:
            node.inner_for_in.visit(self)
        return False

    def visit_Parameters(self, node: cst.Parameters) -> bool:
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if id(node.body) not in self.skip:
            node.body.visit(self)
        return False


def _literal_dict(value: cst.BaseExpression) -> bool:
    """`{"Poor": 1, "Good": 3}`: a lookup table `s.map(name)` can translate (`columns`)."""
    simple = (cst.SimpleString, cst.Integer, cst.Float)
    return isinstance(value, cst.Dict) and bool(value.elements) and all(
        isinstance(e, cst.DictElement) and isinstance(e.key, simple) and isinstance(e.value, simple) for e in value.elements)


def _binds_only(target: cst.BaseExpression) -> bool:
    """A target that only binds names (`a`, `a, b`), as opposed to one that uses a value (`df["c"]`, `self.x`)."""
    if isinstance(target, cst.Name):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return all(_binds_only(e.value) for e in target.elements)
    return False


def _names(node: cst.CSTNode) -> list[str]:
    names = _Names()
    node.visit(names)
    return names.found


def _ml_inputs(module: cst.Module) -> set[str]:
    """Names passed to `train_test_split` or to estimator methods: the X and y of the script."""
    names: set[str] = set()

    class Collect(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            callee = dotted(node.func) or ""
            if callee.endswith("train_test_split") or (
                    isinstance(node.func, cst.Attribute) and node.func.attr.value in ML_CALLS):
                names.update(a.value.value for a in node.args if isinstance(a.value, cst.Name))

    module.visit(Collect())
    return names


def _date_columns(module: cst.Module) -> set[str]:
    """The columns the script makes dates of (`parse_dates=[...]`, `df["c"] = pd.to_datetime(...)`): pandas
    averages them into a date, where Spark's averages refuse a timestamp."""
    found: set[str] = set()

    class Collect(cst.CSTVisitor):
        def visit_Arg(self, node: cst.Arg) -> None:
            if node.keyword is not None and node.keyword.value == "parse_dates" and isinstance(node.value, (cst.List, cst.Tuple)):
                found.update(_strings(e.value for e in node.value.elements))

        def visit_Assign(self, node: cst.Assign) -> None:
            if isinstance(node.value, cst.Call) and (dotted(node.value.func) or "").endswith("to_datetime"):
                found.update(_strings(t.target.slice[0].slice.value for t in node.targets if isinstance(t.target, cst.Subscript)
                                      and isinstance(t.target.slice[0].slice, cst.Index)))

    module.visit(Collect())
    return found


def _strings(nodes) -> list[str]:
    return [n.evaluated_value for n in nodes if isinstance(n, cst.SimpleString) and isinstance(n.evaluated_value, str)]


def finish(t: Translator, body: list) -> list:
    """Drop the imports nothing uses any more, add the pyspark ones and the session after the rest."""
    used = {name for statement in body if not _is_import(statement) for name in _names(statement)}
    kept = []
    for statement in body:
        if _is_import(statement):
            statement = _prune(statement, used)
            if statement is None:
                continue
        kept.append(statement)
    additions = [line for line in t.needed if line not in {_code(s) for s in kept}]
    rebound = {name for line in additions for name in _bound(line)}
    kept = [s for s in (_prune(s, used - rebound) if _is_import(s) else s for s in kept) if s is not None]
    if t.session and not any(isinstance(s, cst.SimpleStatementLine) and _code(s).startswith("spark =") for s in kept):
        additions += [SESSION_IMPORT, SESSION]
    last_import = max((i for i, s in enumerate(kept) if _is_import(s)), default=-1)
    if last_import < 0 and kept and _is_docstring(kept[0]):
        last_import = 0
    new = [cst.parse_statement(line + "\n") for line in dict.fromkeys(additions)]
    return kept[: last_import + 1] + new + kept[last_import + 1:]


def _bound(line: str) -> set[str]:
    imports = Imports()
    statement = cst.parse_statement(line + "\n")
    assert isinstance(statement, cst.SimpleStatementLine)  # `line` is an import
    for small in statement.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            imports.add(small)
    return set(imports.aliases)


def _is_import(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)


def _is_docstring(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Expr) and isinstance(
        statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))


def _code(statement: cst.SimpleStatementLine | cst.BaseCompoundStatement) -> str:
    return cst.Module(body=[statement]).code.strip()


def _prune(statement: cst.SimpleStatementLine, used: set[str]) -> cst.SimpleStatementLine | None:
    """An import of pandas / scikit-learn / joblib names that nothing uses any more is removed."""
    smalls: list[cst.BaseSmallStatement] = []
    for small in statement.body:
        assert isinstance(small, (cst.Import, cst.ImportFrom))  # only called on import lines
        module = dotted(small.module) if isinstance(small, cst.ImportFrom) and small.module else None
        if isinstance(small.names, cst.ImportStar):
            smalls.append(small)
            continue
        aliases = []
        for alias in small.names:
            full = module or dotted(alias.name) or ""
            renamed = alias.asname.name if alias.asname else None  # a Name in an import
            bound = renamed.value if isinstance(renamed, cst.Name) else (dotted(alias.name) or "").split(".")[0]
            if full.split(".")[0] in REPLACED_MODULES and bound not in used:
                continue
            aliases.append(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))
        if aliases:
            smalls.append(small.with_changes(names=aliases))
    return statement.with_changes(body=smalls) if smalls else None
