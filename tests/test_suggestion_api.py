"""Every suggestion the catalog renders is PySpark a user can paste: it parses, and each call on a
Spark object names a method that exists, with keywords it takes, checked against PySpark itself.

A suggestion is code with an optional note: `code  # note`, or a note alone (`# words`) when the
tool cannot write the code. The code part must parse; calls written in the note are checked too.
Suggestions are rendered from every rule's flagged examples, `tests/corpus/` and `fixtures/`, for
each `--target`, with the fields the matchers really fill.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import libcst as cst
import pytest

pyspark = pytest.importorskip("pyspark")

from pyspark import RDD, SparkContext  # noqa: E402
from pyspark.sql import (  # noqa: E402
    Column,
    DataFrame,
    DataFrameNaFunctions,
    DataFrameReader,
    DataFrameStatFunctions,
    DataFrameWriter,
    GroupedData,
    SparkSession,
    Window,
    functions,
    types,  # noqa: E402
)
from pyspark.sql.window import WindowSpec  # noqa: E402

from sparklint.api import engine_for  # noqa: E402
from sparklint.catalog import load_rules  # noqa: E402
from sparklint.context import Code, Context  # noqa: E402
from sparklint.rule import Rule  # noqa: E402
from sparklint.sources import Source, read_source  # noqa: E402
from sparklint.tables import SPARK_KINDS  # noqa: E402
from sparklint.values import (  # noqa: E402
    DISTRIBUTOR,
    ESTIMATOR,
    READER,
    SESSION,
    SPARK_CONTEXT,
    SPARK_ML,
    SPARK_PANDAS,
    WRITER,
)
from sparklint.values import RDD as RDD_KIND  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules()
ENGINE = engine_for(tuple(r.code for r in RULES))
TARGETS = ("spark", "databricks", "fabric")

# What a name means when a suggestion starts a call chain with it.
SPARK_CLASSES = (DataFrame, GroupedData, DataFrameReader, DataFrameWriter, Column, WindowSpec, RDD,
                 SparkSession, SparkContext, DataFrameNaFunctions, DataFrameStatFunctions)
BY_NAME: dict[str, type] = {cls.__name__: cls for cls in SPARK_CLASSES}
ML_MODULES = ("pyspark.ml", "pyspark.ml.feature", "pyspark.ml.classification", "pyspark.ml.regression",
              "pyspark.ml.clustering", "pyspark.ml.evaluation", "pyspark.ml.tuning", "pyspark.ml.stat",
              "pyspark.ml.fpm", "pyspark.ml.recommendation", "pyspark.ml.torch.distributor",
              "pyspark.mllib.linalg.distributed")
CLASSES: dict[str, type] = {"Window": Window}
for _module in ML_MODULES:
    try:
        _loaded = importlib.import_module(_module)
    except ImportError:  # an optional dependency of one module (torch) is missing
        continue
    CLASSES.update({name: value for name, value in vars(_loaded).items()
                    if inspect.isclass(value) and value.__module__.startswith("pyspark.")})
MODULES = {"F": functions, "functions": functions, "T": types, "t": types, "types": types}
INSTANCES: dict[str, type] = {"spark": SparkSession, "sc": SparkContext, "pipeline": CLASSES["Pipeline"]}
# Names a suggestion may use that are no DataFrame: other libraries, a pyspark.ml estimator, model or
# evaluator of a class the suggestion leaves open, another library's dataset; not checked.
NOT_SPARK = {"functools", "joblibspark", "np", "pd", "tf", "torch", "json", "math", "os", "mlflow", "lgb", "xgb",
             "sklearn", "sm", "smf", "keras", "est", "estimator", "evaluator", "model", "dataset", "urllib", "shutil"}

# What a receiver of each value kind is in a suggestion; any other data is the data as a Spark DataFrame.
KINDS: dict[str | None, Type | None] = {
    RDD_KIND: ("instance", RDD), SESSION: ("instance", SparkSession), SPARK_CONTEXT: ("instance", SparkContext),
    READER: ("instance", DataFrameReader), WRITER: ("instance", DataFrameWriter),
    ESTIMATOR: None, SPARK_ML: None, DISTRIBUTOR: None,
}
try:
    import pyspark.pandas as ps

    KINDS[SPARK_PANDAS] = ("instance", ps.DataFrame)
    MODULES["ps"] = ps
except ImportError:
    pass


@dataclass
class Rendered:
    """One rendered suggestion and what the matcher knew of the values it filled in."""

    rule: Rule
    text: str
    fill: dict[str, Any]
    kinds: dict[str, str | None]  # field -> value kind, for the fields taken from the user's call


@dataclass
class Checked:
    calls: int = 0
    failures: list[str] = field(default_factory=list)


def rendered_suggestions(sources: Iterator[Source], monkeypatch) -> list[Rendered]:
    """Run the engine with `Context.report` and `Rule.render` watched: each report's user-code fields
    get their value kinds, each suggestion is kept with the fill it was rendered from."""
    seen: list[Rendered] = []
    report, render = Context.report, Rule.render

    def watching_report(self, rule, node, /, **fill):
        kinds = {}
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            kinds["receiver"] = self.kind_of(node.func.value)
        elif isinstance(node, cst.Attribute):
            kinds["receiver"] = self.kind_of(node.value)
        elif isinstance(node, (cst.For, cst.CompFor)) and isinstance(node.iter, cst.Call) \
                and isinstance(node.iter.func, cst.Attribute):
            kinds["receiver"] = self.kind_of(node.iter.func.value)  # a loop over `rdd.collect()`: the RDD
        if isinstance(node, cst.Call):
            position = 0
            for arg in node.args:
                if arg.keyword is not None:
                    kinds[arg.keyword.value] = self.kind_of(arg.value)
                elif arg.star == "":
                    kinds[str(position)] = self.kind_of(arg.value)
                    position += 1
        user = {key for key, value in fill.items() if isinstance(value, Code) or key == "receiver"}
        if isinstance(node, cst.Call) and self.qualify(node.func) is not None:
            user.discard("receiver")  # `pd.concat(...)`: a module, not the user's data
        report(self, rule, node, **fill, _kinds={key: kinds.get(key) for key in user})

    def watching_render(self, template, fill):
        text = render(self, template, fill)
        if template in (self.suggestion, self.fix) and "_kinds" in fill:  # a fix is code to paste too
            plain = {key: value for key, value in fill.items() if key != "_kinds"}
            seen.append(Rendered(self, text, plain, fill["_kinds"]))
        return text

    monkeypatch.setattr(Context, "report", watching_report)
    monkeypatch.setattr(Rule, "render", watching_render)
    for source in sources:
        for target in TARGETS:
            result = ENGINE.check(source, target=target)
            assert result.error is None, (source.path, result.error)
    return seen


def all_sources() -> Iterator[Source]:
    for rule in RULES:
        for example in rule.flagged:
            yield Source(f"{rule.code}.py", "python", example.code)
    for folder in (ROOT / "tests" / "corpus", ROOT / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".ipynb"):
                yield read_source(path)


# --- the checker -----------------------------------------------------------------------------------

Type = tuple[str, Any]  # ("instance", cls) | ("class", cls) | ("module", module); None: not checked


def split(suggestion: str) -> tuple[str, str]:
    """The code part and the note of a suggestion (`code  # note`, or `# note` alone)."""
    text = suggestion.strip()
    if text.startswith("#"):
        return "", text[1:]
    code, _, note = text.partition("  #")
    return code.strip(), note


OPERATORS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "truediv", ast.FloorDiv: "floordiv",
             ast.Mod: "mod", ast.Pow: "pow", ast.MatMult: "matmul", ast.BitAnd: "and", ast.BitOr: "or",
             ast.BitXor: "xor", ast.LShift: "lshift", ast.RShift: "rshift"}
CHAIN = re.compile(r"(?<![\w.\"'`])\.?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\(")


def calls_in_note(note: str) -> Iterator[str]:
    """Code chains written in a note, `name.method(...).method(...)` or `.method(...)`: each that parses.
    The user's own code quoted in backticks is not PySpark and is left out."""
    note = re.sub(r"`[^`]*`", "", note)
    position = 0
    while match := CHAIN.search(note, position):
        end = _closing(note, match.end() - 1)
        if end is None:
            break
        while (more := re.match(r"\.[A-Za-z_]\w*", note[end:])) is not None:
            after = end + more.end()
            if after < len(note) and note[after] == "(":
                closed = _closing(note, after)
                if closed is None:
                    break
                after = closed
            end = after
        yield note[match.start():end]
        position = end


def _closing(text: str, opening: int) -> int | None:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return None


class Checker:
    """Types each call chain of a suggestion against PySpark's real classes and signatures."""

    def __init__(self, rendered: Rendered) -> None:
        self.rendered = rendered
        self.checked = Checked()
        self.user_values = {_normal(str(v)): key for key, v in rendered.fill.items() if key in rendered.kinds}
        self.in_arguments: set[int] = set()
        self.typed: dict[ast.Call, Type | None] = {}
        self.inside_unit: set[ast.Call] = set()
        self.lambda_parameters: set[str] = set()
        receiver = rendered.fill.get("receiver")
        self.data_name = _root_name(str(receiver)) if receiver else None

    def arguments_copied(self, tree: ast.AST) -> None:
        """Names inside the user's arguments copied into the suggestion: only the data itself is typed there."""
        for node in ast.walk(tree):
            key = self.user_values.get(ast.unparse(node)) if isinstance(node, ast.expr) else None
            if key is not None:  # the receiver's own root is the data; its other names are the user's
                data = _leftmost(node) if key == "receiver" else None
                self.in_arguments |= {id(n) for n in ast.walk(node) if isinstance(n, ast.Name) and n is not data}
                if key == "receiver" and self.is_unit(node):
                    self.inside_unit |= {n for n in ast.walk(node) if isinstance(n, ast.Call)}

    def check(self) -> Checked:
        code, note = split(self.rendered.text)
        if code:
            try:
                tree = ast.parse(code)
            except SyntaxError as error:
                self.fail(f"the code part does not parse: {error.msg}")
                return self.checked
            self.walk(tree)
        for snippet in calls_in_note(note):
            dotted = snippet.startswith(".")
            try:
                tree = ast.parse(("_receiver" if dotted else "") + snippet, mode="eval")
            except SyntaxError:
                continue  # words with brackets, not code
            self.walk(tree, dotted=dotted)
        return self.checked

    def fail(self, reason: str) -> None:
        self.checked.failures.append(f"{self.rendered.rule.code}: {self.rendered.text!r}: {reason}")

    def walk(self, tree: ast.AST, dotted: bool = False) -> None:
        self.arguments_copied(tree)
        self.lambda_parameters |= {a.arg for node in ast.walk(tree) if isinstance(node, ast.Lambda)
                                   for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                self.call(node, dotted)
            elif isinstance(node, ast.Attribute) and not _is_callee(node, tree):
                self.type_of(node, dotted)
            elif isinstance(node, ast.BinOp):
                self.type_of(node, dotted)

    def call(self, node: ast.Call, dotted: bool) -> Type | None:
        """Each call is checked once, whether the walk or a chain reaches it first."""
        if node in self.inside_unit:
            return self.type_of(node, dotted) if self.is_unit(node) else None
        if node not in self.typed:
            self.typed[node] = self.check_call(node, dotted)
        return self.typed[node]

    def check_call(self, node: ast.Call, dotted: bool) -> Type | None:
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = self.type_of(func.value, dotted)
            if receiver is None:
                return None
            if dotted and isinstance(func.value, ast.Name) and func.value.id == "_receiver":
                return self.any_owner(node, func.attr)
            if not self.member(receiver, func.attr):
                return None
            how, owner = receiver
            function = getattr(owner, func.attr)
            if isinstance(function, type):
                return self.arguments(node, function.__init__, True, function.__name__, ("instance", function))
            raw = inspect.getattr_static(owner, func.attr) if how != "module" else function
            bound = how == "instance" and not isinstance(raw, (staticmethod, classmethod, property))
            label = f"{_label(receiver)}.{func.attr}"
            if isinstance(raw, property) or not callable(function):
                self.fail(f"{label} is not a method")
                return None
            return self.arguments(node, function, bound, label, _returned(function))
        if isinstance(func, ast.Name):
            if func.id not in CLASSES and func.id not in MODULES and not hasattr(functions, func.id):
                return None  # a Python builtin, another library's function, or a pandas call named in words
            called = self.type_of(func, dotted)
            if called is None:
                return None
            how, owner = called
            if how == "class":
                self.param_values(node, owner)
                return self.arguments(node, owner.__init__, True, owner.__name__, ("instance", owner))
            if how == "module" and hasattr(owner, func.id):  # a function imported by name
                function = getattr(owner, func.id)
                return self.arguments(node, function, False, func.id, _returned(function))
            self.fail(f"{func.id} is a {_label(called)}, not a function")
        return None

    def any_owner(self, node: ast.Call, name: str) -> Type | None:
        """`.method(...)` in a note: right if some Spark class has the method and takes the arguments."""
        owners = [cls for cls in SPARK_CLASSES if hasattr(cls, name)]
        failures = self.checked.failures
        for cls in owners:
            self.checked.failures = []
            function = getattr(cls, name)
            result = self.arguments(node, function, True, f"{cls.__name__}.{name}", _returned(function))
            if not self.checked.failures:
                self.checked.failures = failures
                return result
            self.checked.calls -= 1
        self.checked.failures = failures
        self.fail(f".{name}() is not a method of any Spark class that takes these arguments")
        return None

    def param_values(self, node: ast.Call, cls: type) -> None:
        """A literal given to a pyspark.ml parameter must pass the parameter's own type converter
        (`maxDepth=None` or `k=0.95` do not), checked without a JVM."""
        for keyword in node.keywords:
            param = getattr(cls, keyword.arg, None) if keyword.arg else None
            converter = getattr(param, "typeConverter", None)
            try:
                value = ast.literal_eval(keyword.value)
            except ValueError:
                continue
            if converter is not None and value is not Ellipsis:  # `...`: a value the user fills in
                try:
                    converter(value)
                except TypeError as error:
                    self.fail(f"{cls.__name__}({keyword.arg}={value!r}): {error}")

    def member(self, receiver: Type, name: str) -> bool:
        if not hasattr(receiver[1], name):
            self.fail(f"{_label(receiver)} has no {name}")
            return False
        return True

    def arguments(self, node: ast.Call, function: Any, bound: bool, label: str, result: Type | None) -> Type | None:
        """Whether `function` takes the call's keywords and number of positional arguments."""
        self.checked.calls += 1
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            return result
        keywords = {k.arg: None for k in node.keywords if k.arg is not None}
        starred = any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords)
        parameters = signature.parameters
        takes_any = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
        for keyword in keywords:
            parameter = parameters.get(keyword)
            if not takes_any and (parameter is None or parameter.kind is parameter.POSITIONAL_ONLY):
                self.fail(f"{label}() takes no keyword {keyword}= (it takes {list(parameters)})")
                return result
        elided = any(isinstance(a, ast.Constant) and a.value is Ellipsis for a in node.args)
        if not starred and not elided:  # `f(...)`: the arguments are the user's to write
            try:
                signature.bind(*([None] if bound else []), *[None] * len(node.args), **keywords)
            except TypeError as error:
                self.fail(f"{label}(): {error}")
        return result

    def type_of(self, node: ast.expr, dotted: bool = False) -> Type | None:
        if self.is_unit(node):
            return self.user_value(self.user_values[ast.unparse(node)])
        if isinstance(node, ast.Name) and node.id in self.lambda_parameters:
            return None  # a value a UDF's lambda is called with, one row's, in the user's Python
        if isinstance(node, ast.Name) and id(node) in self.in_arguments and node.id != self.data_name:
            known = node.id in CLASSES or node.id in MODULES or node.id in INSTANCES
            return self.root(node.id, dotted) if known else None  # the user's own values inside an argument
        if isinstance(node, ast.Name):
            return self.root(node.id, dotted)
        if isinstance(node, ast.Call):
            return self.call(node, dotted)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            return ("instance", DataFrame)  # `self.frame`: the user's own attribute holding the data
        if isinstance(node, ast.Attribute):
            receiver = self.type_of(node.value, dotted)
            if receiver is None:
                return None
            if receiver[0] == "module" and isinstance(getattr(receiver[1], node.attr, None), type):
                return ("class", getattr(receiver[1], node.attr))
            if receiver == ("instance", DataFrame) and not hasattr(DataFrame, node.attr):
                return ("instance", Column)  # `df.amount`: a column by name
            if not self.member(receiver, node.attr):
                return None
            raw = inspect.getattr_static(receiver[1], node.attr, None)
            if isinstance(raw, property) and receiver[0] == "instance":
                return _returned(raw.fget)
            return None  # a method not called here, or a plain attribute: nothing to follow
        if isinstance(node, ast.BinOp):
            return self.operation(node, dotted)
        if isinstance(node, ast.Subscript) and self.type_of(node.value, dotted) == ("instance", DataFrame):
            if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                return ("instance", Column)  # `sdf["amount"]`
            if isinstance(node.slice, ast.List):
                return ("instance", DataFrame)  # `sdf[["a", "b"]]`
        return None

    def operation(self, node: ast.BinOp, dotted: bool) -> Type | None:
        """`a op b` with a Column on a side: Column must define the operator (it has no `//`, `@`, `^`)."""
        name = OPERATORS[type(node.op)]
        column = ("instance", Column)
        sides = ((self.type_of(node.left, dotted), f"__{name}__"), (self.type_of(node.right, dotted), f"__r{name}__"))
        if all(side != column for side, _ in sides):
            return None
        if not any(side == column and hasattr(Column, dunder) for side, dunder in sides):
            self.fail(f"a Column has no __{name}__: {ast.unparse(node)}")
            return None
        return column

    def is_unit(self, node: ast.expr) -> bool:
        """A value copied from the user's call, typed as a whole by what the matcher knew of it."""
        user = self.user_values.get(ast.unparse(node))
        known = isinstance(node, ast.Name) and (node.id in CLASSES or node.id in MODULES or node.id in INSTANCES)
        # a Spark receiver is the user's own code, which Spark checks when it runs
        return user is not None and not known and (user != "receiver" or _names_only(node) or self.spark_receiver())

    def spark_receiver(self) -> bool:
        """A receiver the finding knows is Spark's: by its kind, or by a Spark rule that reports
        receivers of unknown kind (those must then take the DataFrame's methods)."""
        kind = self.rendered.kinds.get("receiver")
        return kind in SPARK_KINDS or (kind is None and self.rendered.rule.family == "spark-driver-pull")

    def user_value(self, key: str) -> Type | None:
        """A value the matcher copied from the user's call, typed by what the matcher knew of it."""
        kind = self.rendered.kinds.get(key)
        if key != "receiver" and kind is None:
            return _builtin(str(self.rendered.fill[key]))  # an argument of unknown kind: only a builtin is known
        return KINDS.get(kind, ("instance", DataFrame))

    def root(self, name: str, dotted: bool) -> Type | None:
        if name == "_receiver" and dotted:
            return ("instance", DataFrame)  # replaced by the class that has the method, in `call`
        if name in MODULES:
            return ("module", MODULES[name])
        if name in INSTANCES:
            return ("instance", INSTANCES[name])
        if name in CLASSES:
            return ("class", CLASSES[name])
        if name in NOT_SPARK or name[0].isupper():
            return None
        if hasattr(builtins, name) or hasattr(functions, name):
            return _builtin(name) or (("module", functions) if hasattr(functions, name) else None)
        if "rdd" in name.lower():
            return ("instance", RDD)
        return ("instance", DataFrame)  # a name for the user's data: a Spark DataFrame


def _names_only(node: ast.expr) -> bool:
    """`df`, `self.frame`: no call or subscript in which a pandas method could hide."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _root_name(code: str) -> str | None:
    try:
        node = _leftmost(ast.parse(code, mode="eval").body)
    except SyntaxError:
        return None
    return node.id if isinstance(node, ast.Name) else None


def _normal(code: str) -> str:
    try:
        return ast.unparse(ast.parse(code, mode="eval").body)
    except SyntaxError:
        return code


def _builtin(name: str) -> Type | None:
    value = getattr(builtins, name, None)
    return ("class", value) if isinstance(value, type) else None


def _is_callee(node: ast.Attribute, tree: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and n.func is node for n in ast.walk(tree))


def _leftmost(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _label(receiver: Type) -> str:
    how, owner = receiver
    return owner.__name__ if how != "module" else owner.__name__.split(".")[-1]


def _returned(function: Any) -> Type | None:
    """The type a PySpark method returns, from its annotation (often a string such as "DataFrame")."""
    try:
        annotation = inspect.signature(function).return_annotation
    except (TypeError, ValueError):
        return None
    if isinstance(annotation, str):
        match = re.fullmatch(r"[\"']?(?:\w+\.)*(\w+)(?:\[.*\])?[\"']?", annotation.strip())
        cls = BY_NAME.get(match.group(1)) if match else None
    else:
        cls = annotation if annotation in SPARK_CLASSES else None
    return ("instance", cls) if cls is not None else None


def check_all(rendered: list[Rendered]) -> Checked:
    total = Checked()
    for item in {(r.rule.code, r.text): r for r in rendered}.values():
        checked = Checker(item).check()
        total.calls += checked.calls
        total.failures += checked.failures
    return total


def test_every_rendered_suggestion_is_valid_pyspark(monkeypatch):
    rendered = rendered_suggestions(all_sources(), monkeypatch)
    checked = check_all(rendered)
    rules = {r.rule.code for r in rendered}
    assert len(rules) >= len(RULES) * 0.9, sorted({r.code for r in RULES} - rules)
    assert checked.calls >= 500, checked.calls
    assert not checked.failures, "\n".join(sorted(set(checked.failures)))


def test_every_rule_suggestion_is_code_with_a_note():
    """The template itself, every field a name (an optional one, `{then:?}`, left out as when unknown): code that
    parses, then an optional `  # note`; so a rule no example reaches follows the form too."""
    for rule in RULES:
        optional = {name for _, name, spec, _ in string.Formatter().parse(rule.suggestion) if spec == "?"}
        fill = {name: "" if name in optional else "value" for name in rule.template_fields}
        code, _ = split(rule.render(rule.suggestion, fill))
        if code:
            ast.parse(code)


@pytest.mark.parametrize("suggestion, reason", [
    ("sdf.sample(frac=0.1)", "no keyword frac="),
    ("rdd.limit(20)", "RDD has no limit"),
    ('sdf.groupBy("k").agg(foo=1)', "no keyword foo="),
    ("spark.read.csv(path, header=True).withColumn(1, 2, 3, 4)", "too many positional"),
    ("df.toPandas()  # or sdf.sampleBy(label, fractions, seed, 1, 2)", "too many positional"),
    ("x.withColumns({c: F.col(c).cast(t) for c, t in str.items()})", "str has no items"),
    ("F.avg(col).over(Window.partitionBy(key).orderBy(ts).rowsBetwen(0, 1))", "WindowSpec has no rowsBetwen"),
    ("LinearRegression(featuresCol='f', alpha=0.1)", "no keyword alpha="),
    ('PCA(k=0.95, inputCol="features")', "PCA(k=0.95)"),
    ("RandomForestClassifier(maxDepth=None)", "RandomForestClassifier(maxDepth=None)"),
    ("sdf.withColumn('decade', 10 * (F.col('year') // 10))", "a Column has no __floordiv__"),
    ("sdf.select((F.col('a') + 1) ^ F.col('b'))", "a Column has no __xor__"),
])
def test_the_checker_rejects_calls_pyspark_does_not_have(suggestion, reason):
    rule = RULES[0]
    checked = Checker(Rendered(rule, suggestion, {}, {})).check()
    assert any(reason in failure for failure in checked.failures), checked.failures


def test_the_checker_accepts_valid_chains():
    valid = ('spark.read.option("header", True).csv(path).groupBy("k").agg(F.sum("x").alias("s"))'
             '.write.mode("overwrite").parquet(out)  # or sdf.sample(fraction=0.1, seed=1).rdd.take(20)')
    checked = Checker(Rendered(RULES[0], valid, {}, {})).check()
    assert checked.failures == [] and checked.calls == 10
    arithmetic = Checker(Rendered(RULES[0], "sdf.select(2 ** (F.col('a') % 7) / 3 - F.col('b'), 7 // 2)", {}, {}))
    assert arithmetic.check().failures == []


def findings_of(code: str) -> list:
    result = ENGINE.check(Source("example.py", "python", code))
    assert result.error is None, result.error
    return result.findings


SESSION = "from pyspark.sql import SparkSession, functions as F\nspark = SparkSession.builder.getOrCreate()\n"


def suggestions_of(code: str, rule: str) -> list[str]:
    return [f.suggestion for f in findings_of(code) if f.code == rule]


def the_suggestion(code: str, rule: str) -> str:
    """The one suggestion `rule` makes on `code` (a test fails if it makes none or several)."""
    [suggestion] = suggestions_of(code, rule)
    return suggestion


@pytest.mark.parametrize("line, expected", [
    ('df = pd.read_csv("https://example.org/x.csv")', 'spark.read.csv("<a copy of https://example.org/x.csv in storage'),
    ('df = pd.read_csv(Path("/Volumes/main/raw") / "x.csv")', 'spark.read.csv(str(Path("/Volumes/main/raw") / "x.csv"), header=True'),
    ('df = pd.read_csv(Path("data") / name)', 'spark.read.csv("<data/… copied to storage the cluster reads, such as'),
    ('df = pd.read_csv(open("/Volumes/main/raw/x.csv"))', 'spark.read.csv("/Volumes/main/raw/x.csv", header=True'),
    ('df = pd.read_csv("/tmp/x.csv")', "spark.read.csv(\"</tmp/x.csv copied to storage the cluster reads, such as abfss:"),
    ('df = pd.read_csv(open("/data/x.csv"))', "Python finds it on the driver's own disk, while Spark looks for it in the cluster"),
    ('df = pd.read_csv("data/x.csv")', 'spark.read.csv("<data/x.csv copied to storage the cluster reads, such as abfss:'),
    ('df = pd.read_csv(open("x.csv"))', 'spark.read.csv("<x.csv copied to storage the cluster reads'),
    ('frame.to_csv("out/x.csv")', '.csv("<storage the cluster writes, such as abfss://<container>@<account>.dfs.core.windows.net/out/x.csv, in place of out/x.csv: a relative path'),
    ('df = pd.read_json(io.StringIO(text))', 'spark.read.json("<a file in storage the cluster reads: Spark reads files, not text'),
    ('text = "[{0}]".format(",".join(lines))\ndf = pd.read_json(text)', 'spark.read.json("<a file in storage the cluster '
                                                                       'reads: Spark reads files, not text'),
    ('frame["iso"] = frame["ts"].apply(lambda x: x.isoformat())', 'sdf: `frame` as a Spark DataFrame, the work on its '
                                                                  'column "ts"'),
    ('df = pd.read_json(json.dumps(rows))', 'spark.read.json("<a file in storage the cluster reads: Spark reads files, not'),
    ('frame.set_index("ts").groupby("k").sum()', 'sdf.groupBy("k")'),
    ('frame.loc[~frame.id.isin(seen.id)].reset_index()', 'sdf  # a Spark DataFrame has no index'),
    ('frame.loc[~frame.id.isin(seen.id)].reset_index()', '; sdf: `frame.loc[~frame.id.isin(seen.id)]` as a Spark '
                                                         'DataFrame, its steps translated too'),
    ('frame.fillna(frame["a"].median())', 'frame.fillna(...)'),
    ('frame["a"].astype(str)', 'frame.withColumns({"a": F.col("a").cast("string")})'),
    ('pd.concat([frame, pd.DataFrame(rows)])', 'a.unionByName(b, allowMissingColumns=True), ...)'),
    ('pd.concat([frame, other], axis=1)', 'a.join(b, on=..., how="outer"), [frame, other])'),
])
def test_the_user_code_copied_into_a_suggestion_is_spelt_for_spark(line, expected):
    code = f"import io\nimport json\nfrom pathlib import Path\nimport pandas as pd\nframe = pd.read_csv('f.csv')\n{line}\n"
    suggestions = [f.suggestion for f in findings_of(code) if f.line == 6 + line.count("\n")]
    assert any(expected in s for s in suggestions), suggestions


def test_a_fix_copies_only_the_arguments_spark_shares():
    fixes = {f.line: f.fix for f in findings_of(
        "import pandas as pd\na = pd.read_csv('a.csv', sep=';')\nb = pd.read_csv('b.csv', parse_dates=['d'])\n"
        "c = pd.read_csv('c.csv', **options)\n") if f.code == "SPL101"}
    assert fixes[2] is not None and "sep=';'" in fixes[2].replacement
    assert fixes[3] is None and fixes[4] is None  # parse_dates is pandas-only; **options cannot be listed


@pytest.mark.parametrize("code, expected", [
    ("ids = [row.id for row in events.select('id').collect()]", "# the values are pulled into a Python collection"),
    ("for row in events.collect():\n    by_id[row.id] = row.asDict()", "# the values are pulled into a Python collection"),
    ("for row in events.collect():\n    total += row.amount * 2", "events.withColumn(...)"),
    ("for row in events.rdd.collect():\n    send(row)", "events.rdd.map(fn)"),
    ("for t in model.curve().collect():\n    draw(t.x, t.y)", "# express the loop body on the cluster"),
])
def test_a_loop_over_collected_rows_gets_the_construct_its_receiver_has(code, expected):
    """A list filled from the rows is no loop body for `withColumn`; an RDD has no `withColumn`; of a receiver of
    unknown kind only words are sure."""
    assert the_suggestion(f"{SESSION}events = spark.table('events')\n{code}\n", "SPL603").startswith(expected)


@pytest.mark.parametrize("udf, expected", [
    ("F.udf(lambda v: float(v[1]), 'double')", "vector_to_array(F.col(column))[1]"),
    ("F.udf(lambda v, i: float(v.toArray()[i]), 'double')", "vector_to_array(F.col(column))[i]"),
    ("F.udf(lambda v: v.toArray().tolist(), 'array<double>')", "vector_to_array(F.col(column))  #"),
    ("F.udf(lambda v, picks: v.toArray()[picks].tolist(), 'array<double>')", "vector_to_array(F.col(column))  #"),
    ("F.udf(lambda r: float(r['price']), 'double')", "udf(lambda r: float(r['price']), 'double', useArrow=True)"),
])
def test_a_udf_reading_an_ml_vector_gets_vector_to_array(udf, expected):
    """A pandas_udf cannot take a vector column: an element of one is a built-in away."""
    suggestions = [f.suggestion for f in findings_of(f"from pyspark.sql import functions as F\nread = {udf}\n")
                   if f.code == "SPL611"]
    assert len(suggestions) == 1 and suggestions[0].startswith(expected), suggestions


@pytest.mark.parametrize("function, expected", [
    ("@udf('double')\ndef ratio(a, b):\n    return a / b", "pandas_udf('double')  # as ratio's decorator"),
    ("@udf('boolean')\ndef big(x):\n    \"\"\"Is it big?\"\"\"\n    return (x - 3) * 2 > LIMIT",
     "pandas_udf('boolean')  # as big's decorator"),
    ("def half(x):\n    return x / 2\nhalved = udf(half, 'double')", "pandas_udf('double')(half)"),
    ("neg = F.udf(lambda s: -s, 'double')", "pandas_udf('double')(lambda s: -s)"),
    ("def clean(s):\n    return s.strip().lower()\ncleaned = udf(clean, 'string')", "udf(clean, 'string', useArrow=True)"),
    ("@udf('int')\ndef twice(v):\n    return int(v) * 2", "udf(returnType='int', useArrow=True)  # as twice's decorator"),
    ("@udf('double')\ndef safe(a, b):\n    if b == 0:\n        return None\n    return a / b",
     "udf(returnType='double', useArrow=True)"),
    ("known = F.udf(lambda s: s in KNOWN, 'boolean')", "udf(lambda s: s in KNOWN, 'boolean', useArrow=True)"),
    ("one = F.udf(lambda s: 1, 'int')", "udf(lambda s: 1, 'int', useArrow=True)"),
    ("spark.udf.register('shout', lambda s: s.upper(), 'string')", "udf(lambda s: s.upper(), 'string', useArrow=True)"),
    ("F.udf(lambda document: sum(len(word) for word in document.split()) / max(len(document.split()), 1), 'double')",
     "udf(fn, 'double', useArrow=True)"),  # a long lambda: its body moves into a function
    ("from helpers import score\nscored = udf(score, 'double')", "udf(score, 'double', useArrow=True)"),
    ("def tag(s):\n    return s.title()\ntagged = udf(tag)", "udf(tag, useArrow=True)"),  # udf's default type, kept
    ("@udf\ndef tag(s):\n    return s.title()", "udf(useArrow=True)  # as tag's decorator"),
])
def test_a_pandas_udf_is_suggested_only_for_a_body_that_computes_the_same_on_series(function, expected):
    """A pandas_udf gets whole Series: `s.strip()`, `int(v)` or `if b == 0` on one fails there, and a constant is no
    Series; such a body (or one defined elsewhere) keeps its per-value calls in an Arrow-optimised UDF."""
    code = ("from pyspark.sql import SparkSession, functions as F\nfrom pyspark.sql.functions import udf\n"
            f"spark = SparkSession.builder.getOrCreate()\n{function}\n")
    assert the_suggestion(code, "SPL611").startswith(expected)


@pytest.mark.parametrize("model, call, construct", [
    ("ARIMA(frame['rail'], order=(1, 0, 0))", "fit(frame)", "applyInPandas(fit_and_forecast, schema)"),
    ("Prophet()", "fit(frame)", "applyInPandas(fit_and_forecast, schema)"),
    ("MMM(date_column='week', channel_columns=['tv'])", "fit(frame, frame['sales'])", "applyInPandas(fit_group, schema)"),
    ("MMM(date_column='week', channel_columns=['tv'])", "sample_posterior_predictive(frame)",
     "applyInPandas(fit_group, schema)"),
    ("MMM(date_column='week', adstock=GeometricAdstock(l_max=8), saturation=LogisticSaturation())", "fit(frame)",
     "# `MMM` is a Bayesian model"),  # the model, not a component built in its arguments
])
def test_a_model_without_a_pyspark_ml_twin_is_told_what_takes_its_place(model, call, construct):
    """A forecaster fits one series, a PyMC model samples on one machine: applyInPandas per series or group is the
    construct, never a pyspark.ml estimator."""
    code = ("import pandas as pd\nfrom statsmodels.tsa.arima.model import ARIMA\nfrom prophet import Prophet\n"
            "from pymc_marketing.mmm import MMM, GeometricAdstock, LogisticSaturation\n"
            f"frame = pd.read_csv('rail.csv')\nmodel = {model}\nout = model.{call}\n")
    [suggestion] = [f.suggestion for f in findings_of(code) if f.line == 7]
    assert suggestion.startswith("# `") and construct in suggestion, suggestion
    assert "estimator.fit" not in suggestion


@pytest.mark.parametrize("cv, folds", [("5", "numFolds=5"), ("folds", "numFolds=folds"),
                                       ("LeaveOneOut()", "numFolds=..."), ("model_selection.KFold(5)", "numFolds=...")])
def test_a_search_takes_the_users_folds_only_when_they_are_a_number(cv, folds):
    """`cv=` is a count or a splitter object; numFolds takes only a count."""
    code = ("import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\n"
            "from sklearn.ensemble import RandomForestClassifier\n"
            f"search = GridSearchCV(RandomForestClassifier(), {{'max_depth': [3, 5]}}, cv={cv})\n")
    assert folds + ", parallelism=4" in the_suggestion(code, "SPL451")


@pytest.mark.parametrize("search, expected", [
    ('GridSearchCV(RandomForestClassifier(), grid, cv=3, scoring="roc_auc")',
     'CrossValidator(estimator=RandomForestClassifier(featuresCol="features", labelCol="label", '
     'featureSubsetStrategy="sqrt"), '
     'estimatorParamMaps=grid, evaluator=BinaryClassificationEvaluator(metricName="areaUnderROC"), numFolds=3'),
    ("GridSearchCV(knn, grid)", "# `KNeighborsClassifier` has no pyspark.ml twin, so no CrossValidator can search it"),
])
def test_a_search_keeps_the_users_grid_and_says_when_its_model_has_no_twin(search, expected):
    """The grid is the user's (named, never a made-up maxDepth grid); a model pyspark.ml lacks gets words."""
    code = ("from sklearn.model_selection import GridSearchCV\nfrom sklearn.ensemble import RandomForestClassifier\n"
            "from sklearn.neighbors import KNeighborsClassifier\nknn = KNeighborsClassifier()\n"
            f"grid = {{'n_estimators': [50, 100]}}\nsearch = {search}\n")
    suggestion = the_suggestion(code, "SPL451")
    assert suggestion.startswith(expected) and "maxDepth" not in suggestion, suggestion


SCORED_ON_ARRAYS = """
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
frame = pd.read_csv('s.csv')
x_train, x_test, y_train, y_test = train_test_split(frame[['a']].values, frame['lift'].values)
pred = RandomForestRegressor().fit(x_train, y_train).predict(x_test)
score = r2_score({truth}, pred)
"""


@pytest.mark.parametrize("truth, expected", [
    ("y_test", "# `r2_score` is given NumPy arrays, not a DataFrame of predictions"),
    ("frame['lift']", "RegressionEvaluator("),
])
def test_a_metric_on_arrays_is_told_in_words_that_an_evaluator_needs_a_dataframe(truth, expected):
    """An evaluator scores a DataFrame of predictions: for a metric given only arrays, there is none to name."""
    assert the_suggestion(SCORED_ON_ARRAYS.format(truth=truth), "SPL470").startswith(expected)


@pytest.mark.parametrize("steps, expected", [
    ("StandardScaler(), LogisticRegression()", "Pipeline(stages=[...])"),
    ("StandardScaler(), SVR()", "# `SVR` has no pyspark.ml twin"),
    ("FunctionTransformer(np.log1p), KNeighborsRegressor()", "# `FunctionTransformer`, `KNeighborsRegressor` have no"),
    ("Cleaner(), LogisticRegression()", "# `Cleaner` has no pyspark.ml twin"),
    ("preprocess, model", "Pipeline(stages=[...])"),
    ("scaler, svr", "# `SVR` has no pyspark.ml twin"),
    ("scaler, LogisticRegression()", "Pipeline(stages=[...])"),
    ("StandardScaler(), MDS(n_components=2)", "# `MDS` has no pyspark.ml twin and no transform or predict for new data"),
    ("scaler, LogisticRegression(**search.best_params_)", "Pipeline(stages=[...])"),
])
def test_a_pipeline_is_a_pyspark_ml_pipeline_only_when_its_steps_have_twins(steps, expected):
    """Steps written in place or held by names built once; a step with no transform for new points (MDS, like
    t-SNE) cannot be fitted on a sample and applied to the rest."""
    code = ("import numpy as np\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.svm import SVR\n"
            "from sklearn.neighbors import KNeighborsRegressor\nfrom sklearn.linear_model import LogisticRegression\n"
            "from sklearn.preprocessing import FunctionTransformer, StandardScaler\nfrom cleaning import Cleaner\n"
            "from sklearn.manifold import MDS\nfrom sklearn.model_selection import GridSearchCV\n"
            "scaler = StandardScaler()\nsvr = SVR(kernel='rbf')\nsearch = GridSearchCV(svr, {'C': [1, 10]})\n"
            f"pipe = make_pipeline({steps})\n")
    suggestions = [f.suggestion for f in findings_of(code) if f.code == "SPL442"]
    assert len(suggestions) == 1 and suggestions[0].startswith(expected), suggestions


@pytest.mark.parametrize("line, expected", [
    ("logs['level'].apply(lambda v: v.strip().lower())", "F.lower(F.trim(F.col('level')))  # `logs"),
    ("logs['level'].apply(lambda v: len(v))", "F.length(F.col('level'))  # `logs"),
    ("logs['level'].apply(lambda v: v.zfill(5))", 'sdf.withColumn("out", F.when(...).otherwise(...))'),
])
def test_a_function_applied_to_each_value_of_a_column_is_its_column_expression(line, expected):
    """A text value's own methods are the column's `.str` ones: built-in functions, no Python per value; a method
    pandas' `.str` does not share stays the rule's template."""
    code = SESSION + f"logs = spark.table('logs').toPandas()\nlevels = {line}\n"
    assert the_suggestion(code, "SPL220").startswith(expected)


def test_a_model_trained_a_batch_at_a_time_is_told_its_loop_is_the_training():
    """`partial_fit` in an epoch loop is no single `fit`: the model's calls are told so, not a pyspark.ml fit."""
    code = ("import pandas as pd\nfrom sklearn.linear_model import SGDRegressor\n"
            "train = pd.read_parquet('train.parquet')\nmodel = SGDRegressor()\nfor epoch in range(100):\n"
            "    model.partial_fit(train[['a']], train['y'])\n    predicted = model.predict(train[['a']])\n")
    told = [f.suggestion for f in findings_of(code) if f.code == "SPL417"]
    assert len(told) == 2 and all(s.startswith("# `model` learns a batch at a time (partial_fit)") for s in told)


@pytest.mark.parametrize("loop, per_item", [("for sid in ids:\n    rows = scored[scored['series'] == sid]\n", True),
                                            ("for model in models:\n    rows = scored\n", False)])
def test_a_metric_computed_per_item_of_a_loop_is_told_a_grouped_aggregate(loop, per_item):
    """A metric on one item's rows per turn is every item's metric at once in Spark, a grouped aggregate; a loop
    over other things (models) keeps the metric's evaluator."""
    code = (SESSION + "from sklearn.metrics import mean_absolute_error\nscored = spark.table('scored').toPandas()\n"
            f"{loop}    error = mean_absolute_error(rows['label'], rows['prediction'])\n")
    assert the_suggestion(code, "SPL469").startswith("# `mean_absolute_error` runs once per turn of the loop") == per_item


def test_a_neighbour_index_is_never_told_to_fit_on_a_sample():
    """NearestNeighbors is the points it is fitted on: its finding and its lookups are told an index queried on the
    executors, or Spark's LSH, not a model fitted on a sample."""
    code = ("import pandas as pd\nfrom sklearn.neighbors import NearestNeighbors\n"
            "points = pd.read_parquet('points.parquet')\n"
            "index = NearestNeighbors(n_neighbors=5).fit(points)\nnearest = index.kneighbors(points)\n")
    told = [f.suggestion for f in findings_of(code) if f.code.startswith("SPL4")]
    assert told and all(s.startswith("# `NearestNeighbors` is an index of every point it is fitted on") for s in told)
    assert "BucketedRandomProjectionLSH(" in told[0] and "sample" not in told[0].split(":", 1)[1]


@pytest.mark.parametrize("target, master, expected", [
    ("databricks", "", 'spark.read.csv("<data/x.csv copied to storage the cluster reads, such as /Volumes/'),
    ("fabric", "", 'spark.read.csv("<data/x.csv copied to storage the cluster reads, such as Files/data/x.csv: '
                   "a relative path, which Spark resolves against the default lakehouse's root"),
    ("spark", '.master("local[4]")', "spark.read.csv('data/x.csv', header=True"),
])
def test_a_relative_path_pandas_reads_is_spelt_for_the_target(target, master, expected):
    """pandas reads `data/x.csv` from the driver's working folder; Spark on a cluster looks in its default file
    system, so the suggestion says where the file must be, unless a `local[...]` master makes them one machine."""
    code = (f"import pandas as pd\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder{master}"
            ".getOrCreate()\ndf = pd.read_csv('data/x.csv')\n")
    result = ENGINE.check(Source("example.py", "python", code), target=target)
    assert [f.suggestion for f in result.findings if f.code == "SPL101"][0].startswith(expected)


@pytest.mark.parametrize("target, path, expected", [
    ("databricks", "/tmp/x.csv", "Python finds it on the driver's own disk, while Spark looks for it in DBFS (`dbfs:/tmp/x.csv`)>"),
    ("fabric", "/home/me/x.csv", "such as Files/x.csv: Python finds it on the driver's own disk, while Spark looks for it "
                                 "in the default lakehouse>"),
    ("spark", "/srv/x.csv", "the cluster's default file system (HDFS); if every node mounts /srv/x.csv, name it "
                            "file:///srv/x.csv>"),
    ("databricks", "/dbfs/raw/x.csv", "spark.read.csv('dbfs:/raw/x.csv', header=True"),
    ("databricks", "/Volumes/main/raw/x.csv", "spark.read.csv('/Volumes/main/raw/x.csv', header=True"),
    ("databricks", "/dbfs' + folder + '/x.csv", "spark.read.csv('dbfs:' + folder + '/x.csv', header=True"),
    ("databricks", "/tmp/' + name + '.csv", "</tmp/….csv copied to storage the cluster reads, such as /Volumes/"),
])
def test_an_absolute_path_pandas_reads_is_spelt_for_the_target(target, path, expected):
    """pandas reads `/tmp/x.csv` from the driver's own disk, where Spark, given the same text, looks in the cluster's
    default file system; only the mounts of shared storage (`/dbfs`, `/Volumes`) name one file for both."""
    code = ("import pandas as pd\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
            f"df = pd.read_csv('{path}')\n")
    result = ENGINE.check(Source("example.py", "python", code), target=target)
    [suggestion] = [f.suggestion for f in result.findings if f.code == "SPL101"]
    assert expected in suggestion, suggestion


@pytest.mark.parametrize("built, expected", [
    ("rows = [(i, random.random()) for i in range(n)]", "spark.range(n)"),
    ("rows = []\nfor i in range(n):\n    rows.append((i, i * i))", "spark.range(n)"),
    ("rows = [(k, v) for k, v in settings.items()]", "# build the data where it will live"),
    ("rows = []\nfor item in reply['items']:\n    rows.append((item['id'], item['name']))", "# build the data where"),
])
def test_only_rows_the_code_makes_are_generated_on_the_executors(built, expected):
    """A list copied from other data (a configuration, an API's reply) has no rows `spark.range` could make."""
    suggestions = [f.suggestion for f in findings_of(
        f"import random\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n{built}\n"
        "sdf = spark.createDataFrame(rows)\n") if f.code == "SPL609"]
    assert len(suggestions) == 1 and suggestions[0].startswith(expected), suggestions


@pytest.mark.parametrize("body, expected", [
    ("df = df.withColumn(c, F.trim(F.col(c)))", "df.withColumns(new_columns)  # one projection for all the loop's "
                                                "columns: the loop collects each name and its Column first"),
    ("df = df.withColumn('status', F.when(F.col('id') == key, 'done').otherwise(F.col('status')))",
     "df.withColumn('status', value)  # the loop rewrites 'status' every time"),
])
def test_a_loop_rewriting_one_column_is_not_told_to_use_a_dict(body, expected):
    """A dict holds one entry per column name: a loop that rewrites the same column needs its steps chained."""
    assert the_suggestion(f"{SESSION}df = spark.table('t')\nfor c, key in pairs:\n    {body}\n", "SPL613").startswith(expected)


@pytest.mark.parametrize("after, expected", [
    ("client.upload_data_file(table='t', local_file_path=path)", "# keep this write in pandas: the code hands path on"),
    ("shutil.copy(path, 'archive/')", "# keep this write in pandas: the code hands path on"),
    ("store.upload_files(files=[path], target_path='daily')", "# keep this write in pandas: the code hands path on"),
    ("print(f'wrote {path}')", 'frame.write.mode("overwrite").parquet(path)'),
])
def test_a_file_the_code_hands_on_after_writing_it_stays_a_pandas_write(after, expected):
    """Spark writes a folder of part files: a step that then takes the written file (an upload, a copy) would break."""
    suggestions = [f.suggestion for f in findings_of(
        "import shutil\nimport pandas as pd\nframe = pd.read_csv('f.csv')\n"
        f"def export(path):\n    frame.to_parquet(path)\nexport(path)\n{after}\n") if f.code == "SPL151"]
    assert len(suggestions) == 1 and suggestions[0].startswith(expected), suggestions


@pytest.mark.parametrize("caller, handed", [("export(conn, snapshot)\nclient.upload_data_file(local_file_path=snapshot)", True),
                                            ("export(conn, output_path=snapshot)\nshutil.copy(snapshot, 'a/')", True),
                                            ("export(conn, snapshot)\nclient.upload_data_file(local_file_path=other)", False)])
def test_a_file_a_helper_writes_to_its_parameter_is_handed_on_when_its_callers_hand_theirs_on(caller, handed):
    """A helper that writes to a path it is given writes the file its callers name: what they then do with it counts."""
    suggestion = the_suggestion("import shutil\nimport pandas as pd\ndef export(conn, output_path):\n"
                                f"    pd.read_sql('SELECT * FROM t', conn).to_parquet(output_path)\n{caller}\n", "SPL151")
    assert suggestion.startswith("# keep this write in pandas: the code hands output_path on") == handed, suggestion


@pytest.mark.parametrize("after, handed", [("score_folder(results, 'scores')", True),
                                           ("other = os.path.join(results, 'b.csv')", False),
                                           ("score_folder('elsewhere', 'scores')", False)])
def test_a_file_written_into_a_folder_that_a_later_step_takes_stays_a_pandas_write(after, handed):
    """A step given the folder afterwards reads the files in it, as pandas wrote them: one file each, not part files."""
    suggestion = the_suggestion("import os\nimport pandas as pd\nfrom helpers import score_folder\nresults = 'backtest'\n"
                                "frame = pd.read_csv('f.csv')\nos.makedirs(results, exist_ok=True)\n"
                                f"frame.to_csv(os.path.join(results, 'forecast.csv'))\n{after}\n", "SPL150")
    assert suggestion.startswith("# keep this write in pandas") == handed, suggestion


@pytest.mark.parametrize("upload, handed", [("ds.upload(src_dir='./exports', target_path='daily')", True),
                                            ("ds.upload(src_dir='./other', target_path='daily')", False)])
def test_a_file_whose_folder_is_uploaded_stays_a_pandas_write(upload, handed):
    """An upload of the folder the file was written to takes the file as it is: one file, not Spark's part files."""
    suggestion = the_suggestion(
        f"import pandas as pd\nframe = pd.read_csv('f.csv')\nframe.to_csv('exports/daily.csv')\n{upload}\n", "SPL150")
    assert suggestion.startswith("# keep this write in pandas: the code hands 'exports/daily.csv' on") == handed


@pytest.mark.parametrize("value, shown", [("5", "5"), ("n_trees", "n_trees"), ("None", "..."), ("0.95", "..."),
                                          ("'auto'", "..."), ("True", "...")])
def test_a_typed_slot_takes_only_values_that_can_be_of_its_type(value, shown):
    assert RULES[0].render("PCA(k={n:int})", {"n": value}) == f"PCA(k={shown})"


@pytest.mark.parametrize("call, k", [("PCA(100, svd_solver='randomized')", "100"), ("PCA(n_components=20)", "20"),
                                     ("PCA(0.95)", "..."), ("KMeans(5)", "5"), ("GaussianMixture(3)", "3")])
def test_a_count_passed_by_position_fills_k(call, k):
    """scikit-learn takes the number of components or clusters as the first argument too: `PCA(100)` is k=100."""
    code = ("from sklearn.decomposition import PCA\nfrom sklearn.cluster import KMeans\n"
            f"from sklearn.mixture import GaussianMixture\nmodel = {call}.fit(X)\n")
    (suggestion,) = [f.suggestion for f in findings_of(code) if f.code in ("SPL420", "SPL421", "SPL422")]
    assert f"k={k}," in suggestion, suggestion


def test_a_stratified_split_keeps_its_strata():
    """`stratify=y` is no plain randomSplit: the training part is drawn per class, the test part is the rest."""
    code = "from sklearn.model_selection import train_test_split\n{}\n"
    (stratified,) = [f for f in findings_of(code.format("a, b = train_test_split(X, y, test_size=0.2, stratify=y)"))]
    assert stratified.code == "SPL452" and "randomSplit" not in stratified.suggestion, stratified.suggestion
    assert stratified.suggestion.startswith('train_df = sdf.sampleBy("label", fractions={c: 0.8 for c in classes}')
    assert 'how="left_anti"' in stratified.suggestion
    (plain,) = findings_of(code.format("a, b = train_test_split(X, y, test_size=0.2, stratify=None)"))
    assert plain.code == "SPL450" and "randomSplit([0.8, 0.2]" in plain.suggestion


CROSS_VALIDATED = """
from sklearn.model_selection import cross_val_score, cross_val_predict, cross_validate
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestRegressor
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
classifier = LogisticRegression(max_iter=500)
sgd = SGDClassifier(random_state=42)
result = {call}
"""


@pytest.mark.parametrize("call, expected", [
    ('cross_val_score(classifier, X, y, cv=3, scoring="accuracy")',
     'CrossValidator(estimator=LogisticRegression(featuresCol="features", labelCol="label"), '
     'estimatorParamMaps=ParamGridBuilder().build(), evaluator=MulticlassClassificationEvaluator(metricName="accuracy"), '
     "numFolds=3).fit(sdf).avgMetrics"),
    ("cross_validate(RandomForestRegressor(), X, y)", 'evaluator=RegressionEvaluator(metricName="r2"), numFolds=5)'),
    ('cross_val_score(model, X, y, scoring="neg_mean_absolute_error")',
     'CrossValidator(estimator=est, estimatorParamMaps=ParamGridBuilder().build(), '
     'evaluator=RegressionEvaluator(metricName="mae"), numFolds=5)'),
    ('cross_val_score(sgd, X, y, cv=3, scoring="accuracy")', "# `SGDClassifier` has no pyspark.ml twin"),
    ('cross_val_score(DummyClassifier(), X, y, cv=3)', "# `DummyClassifier` has no pyspark.ml twin"),
    ("cross_val_score(make_pipeline(StandardScaler(), sgd), X, y)", "# `SGDClassifier` has no pyspark.ml twin"),
    ("cross_val_predict(classifier, X, y, cv=3)", "# `cross_val_predict` returns each row's prediction"),
    ("cross_val_score(GaussianNB(), X, y)", 'CrossValidator(estimator=NaiveBayes(featuresCol="features", '
                                           'labelCol="label", modelType="gaussian"), '),
])
def test_a_cross_validation_evaluates_one_model_with_its_scoring(call, expected):
    """cross_val_score evaluates ONE model: an empty grid, never a grid the user did not write, the evaluator of
    `scoring` (or of the model's own score), numFolds from `cv` (scikit-learn's 5 without one); no CrossValidator for
    a model pyspark.ml lacks, nor for out-of-fold predictions, which CrossValidator does not return."""
    suggestion = the_suggestion(CROSS_VALIDATED.format(call=call), "SPL453")
    assert suggestion.startswith(expected) if expected.startswith("#") else expected in suggestion, suggestion
    assert "addGrid" not in suggestion and ("CrossValidator(" in suggestion) != expected.startswith("#")


def test_a_whitened_pca_scales_its_components_after_centring():
    """Spark's PCA has no whiten: whiten=True is a StandardScaler that only scales, after the projection."""
    (suggestion,) = suggestions_of("from sklearn.decomposition import PCA\nPCA(150, whiten=True).fit(X)\n", "SPL423")
    assert suggestion.startswith('Pipeline(stages=[StandardScaler(inputCol="features", outputCol="centred", '
                                 'withMean=True, withStd=False), PCA(k=150, '), suggestion
    assert 'outputCol="pca_features", withMean=False, withStd=True)])' in suggestion
    assert not suggestions_of("from sklearn.decomposition import PCA\nPCA(150, whiten=True).fit(X)\n", "SPL422")


def test_pca_centres_as_scikit_learn_does_without_scaling():
    """Spark's StandardScaler scales to unit variance by default (withStd=True): centring alone is withStd=False."""
    (suggestion,) = suggestions_of("from sklearn.decomposition import PCA\nPCA(n_components=2).fit(X)\n", "SPL422")
    assert "StandardScaler(withMean=True, withStd=False)" in suggestion, suggestion


def test_a_column_computed_by_a_function_of_the_file_is_a_udf_of_it():
    """`df["c"] = df["t"].apply(lambda t: f(t))` with `f` defined in the file: no column expression computes what
    `f` does, a UDF of it does; a lambda that casts (`float(x)`) or a mapping stays a column expression."""
    code = SESSION + (
        "frame = spark.table('tickets').toPandas()\n"
        "def team_for(text):\n"
        "    return router.predict(text)[0]\n"
        "frame['team'] = frame['text'].apply(lambda t: team_for(t))\n"
        "frame['team2'] = frame['text'].map(team_for)\n"
        "frame['score'] = frame['raw'].apply(lambda x: float(x))\n"
        "frame['card'] = frame.apply(team_for, axis=1)\n"
        "other = frame.copy()\n"
        "frame['card2'] = other.apply(team_for, axis=1)\n"
        "texts = frame['text']\n"
        "frame['team3'] = texts.apply(team_for)\n")
    team, team2, score, card, card2, team3 = suggestions_of(code, "SPL240")
    assert team.startswith("frame = frame.withColumn('team', team_for_udf(F.col('text')))")
    assert "team_for_udf = F.udf(team_for, return_type)" in team and "mapInPandas" in team
    assert team2.startswith("frame = frame.withColumn('team2', team_for_udf(F.col('text')))")
    assert score.startswith("frame = frame.withColumn('score', F.col('raw').cast(\"double\"))")
    assert card.startswith("frame = frame.withColumn('card', team_for_udf(F.struct(*frame.columns)))")
    assert "udf" not in card2  # another frame's rows: no column of `frame`
    assert team3.startswith("frame = frame.withColumn('team3', team_for_udf(F.col(column)))")
    assert "column: the column of `frame` holding `texts`" in team3
    method = ("import pandas as pd\nclass Scorer:\n    def __label(self, x):\n        return self.model.predict(x)\n"
              "    def evaluate(self, features, targets):\n        result = targets.to_frame()\n"
              "        result['prediction'] = features.apply(lambda x: self.__label(x))\n        return result\n")
    scored = the_suggestion(method, "SPL240")  # a method of the class, on a parameter of unknown kind
    assert scored.startswith("result = result.withColumn('prediction', label_udf(F.col(column)))")
    assert "label_udf = F.udf(self.__label, return_type)" in scored and "@pandas_udf" in scored


@pytest.mark.parametrize("line, expected", [
    ('top = frame.sort_values("score", ascending=False)', 'frame.orderBy("score", ascending=False)'),
    ('top = frame.sort_values(by=["a", "b"], ascending=[True, False])', 'frame.orderBy(["a", "b"], ascending=[True, False])'),
    ('top = frame.sort_values(by="day")', 'frame.orderBy("day")'),
    ('top = frame["price"].sort_values(ascending=False)', 'frame.orderBy("price", ascending=False)'),
])
def test_a_sort_keeps_its_columns_and_direction(line, expected):
    """`by` by position or keyword and `ascending` carry over to orderBy, which takes both the same way; a column
    sorted by its own values is its frame sorted by that column."""
    suggestion = the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\n{line}\n", "SPL210")
    assert suggestion.startswith(expected + "  # ")


@pytest.mark.parametrize("test, expected", [
    ("if orders.count() == 0:", "orders.isEmpty()  # stops at the first row (Spark 3.3+); len(orders.head(1)) == 0 on"),
    ("if orders.count() > 0:", "not orders.isEmpty()  # stops at the first row (Spark 3.3+); len(orders.head(1)) > 0 on"),
])
def test_an_emptiness_test_keeps_its_direction_on_older_spark_too(test, expected):
    code = SESSION + f"orders = spark.table('orders')\n{test}\n    print('x')\n"
    assert the_suggestion(code, "SPL606").startswith(expected)


@pytest.mark.parametrize("line, rule, expected", [
    ('frame.sort_values(by="day", inplace=True)', "SPL210", 'frame = frame.orderBy("day")  # '),
    ('frame.dropna(subset=["a"], inplace=True)', "SPL231", 'frame = frame.dropna(subset=["a"])  # '),
    ("frame.drop_duplicates(inplace=True)", "SPL211", "frame = frame.dropDuplicates()  # "),
    ('frame.drop_duplicates(subset=["id"])', "SPL211", 'frame.dropDuplicates(["id"])  # '),
    ("frame.fillna(0)", "SPL230", "frame.fillna(0)  # "),
])
def test_a_change_in_place_is_assigned_back_and_an_argument_spark_does_without_is_left_out(line, rule, expected):
    """`inplace=True` returns nothing in pandas; the Spark call returns the new DataFrame, so the suggestion assigns
    it back (pasted as a bare expression, it would do nothing). No subset is whole rows: `dropDuplicates()`."""
    suggestion = the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\n{line}\n", rule)
    assert suggestion.startswith(expected)


@pytest.mark.parametrize("call, expected", [
    ('pd.to_datetime(frame["day"], format="%d/%m/%Y")', 'F.to_timestamp(F.col("day"), "dd/MM/yyyy")'),
    ('pd.to_datetime(frame["at"], format="%Y-%m-%dT%H:%M:%S")', "F.to_timestamp(F.col(\"at\"), \"yyyy-MM-dd'T'HH:mm:ss\")"),
    ('pd.to_datetime(frame["day"], errors="coerce")', 'F.try_to_timestamp(F.col("day"))'),
    ('pd.to_datetime(frame["day"], format="%Y%m%d", errors="coerce")', 'F.try_to_timestamp(F.col("day"), F.lit("yyyyMMdd"))'),
    ('pd.to_datetime(frame["epoch"], unit="s")', 'F.timestamp_seconds(F.col("epoch"))'),
    ('pd.to_datetime(frame["week"], format="%Y-%U")', "F.to_timestamp(F.col(\"week\"), \"pattern\")  # pattern: '%Y-%U' in Spark's"),
])
def test_a_date_parse_keeps_its_format_and_its_handling_of_bad_values(call, expected):
    """`format` in Spark's pattern letters, `errors="coerce"` as the try_ form (null, not a failure), `unit` as an
    epoch timestamp; a directive Spark has no letter for is left to the user, in words."""
    code = SESSION + f"import pandas as pd\nframe = spark.table('t').toPandas()\nparsed = {call}\n"
    assert the_suggestion(code, "SPL237").startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ('frame = frame.astype({"age": "int32", "income": float})',
     'frame.withColumns({"age": F.col("age").cast("int"), "income": F.col("income").cast("double")})'),
    ('frame["flag"] = frame["flag"].astype(bool)', 'frame.withColumns({"flag": F.col("flag").cast("boolean")})'),
    ('frame[name] = frame[name].astype(int)', 'frame.withColumns({name: F.col(name).cast("int")})'),
    ('frame = frame.astype("float32")', 'frame.withColumns({c: F.col(c).cast("float") for c in frame.columns})'),
    ('frame["kind"] = frame["kind"].astype("category")', 'frame.withColumns({"kind": F.col("kind").cast(spark_type)})'),
    ('frame = frame.astype({"day": "datetime64[ns]", "n": "Int64"})',
     'frame.withColumns({"day": F.col("day").cast("timestamp"), "n": F.col("n").cast("bigint")})'),
    ('frame["hot"] = (frame["t"] > 30).astype(int)',
     '(F.col("t") > 30).cast("int")  # `(frame["t"] > 30).astype(int)` as a Column of `frame` as a Spark DataFrame'),
    ('frame["hot"] = (frame["t"] > limit(frame)).astype(int)',
     'F.col("column").cast("int")  # "column": `(frame["t"] > limit(frame))` as a Column expression'),
    ('frame["score"] += frame["flag"].astype(int) * 10',
     'F.col("flag").cast("int")  # a Column of `frame` in the expression the line computes'),
])
def test_a_cast_names_the_columns_and_their_spark_types(line, expected):
    """The columns astype casts, each to the Spark name of its type; one column cast is a column of its frame, not a
    frame of its own; a value computed on the way is a Column expression first."""
    code = SESSION + f"frame = spark.table('t').toPandas()\nname = 'n'\n{line}\n"
    assert the_suggestion(code, "SPL232").startswith(expected)


def test_a_metric_names_the_column_its_true_values_come_from():
    code = ("import pandas as pd\nfrom sklearn.model_selection import train_test_split\n"
            "from sklearn.metrics import accuracy_score, confusion_matrix, mean_absolute_error\n"
            "frame = pd.read_csv('f.csv')\nX, y = frame.drop(columns='Exited'), frame['Exited']\n"
            "X_train, X_test, y_train, y_test = train_test_split(X, y)\n"
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train)\n"
            "accuracy_score(y_val, guess)\nconfusion_matrix(y_test, guess)\n"
            "mean_absolute_error(frame.pop('price').values, guess)\naccuracy_score(unknown, guess)\n")
    assert [f.suggestion.split(".evaluate")[0].split(".pivot")[0] for f in findings_of(code)
            if f.code in ("SPL460", "SPL469", "SPL471")] == [
        'MulticlassClassificationEvaluator(labelCol=\'Exited\', predictionCol="prediction", metricName="accuracy")',
        "predictions.groupBy('Exited')",
        'RegressionEvaluator(labelCol=\'price\', predictionCol="prediction", metricName="mae")',
        'MulticlassClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="accuracy")']


def test_a_forecaster_is_told_how_its_fits_spread_by_the_loop_it_is_fitted_in():
    code = ("import pandas as pd\nfrom statsmodels.tsa.arima.model import ARIMA\nframe = pd.read_csv('f.csv')\n"
            "for day in days:\n    ARIMA(series[:day], order=(1, 0, 0)).fit()\n"
            "for store, history in frame.groupby('store'):\n    ARIMA(history.y).fit()\n"
            "ARIMA(series).fit()\ndef fit(part):\n    return ARIMA(part).fit()\n")
    walk, grouped, alone, called = suggestions_of(code, "SPL497")
    assert walk.startswith("# each turn of the loop over `days` fits its own model (a walk-forward backtest refits on "
                           "the data up to each item): the fits are independent, so they can run as Spark tasks, one per "
                           "item: sc.parallelize(list(items), numSlices).map(fit_and_forecast).collect()")
    assert grouped.startswith("sdf.groupBy('store').applyInPandas(fit_and_forecast, schema=")
    assert alone.startswith("# one series, fitted once: fine on the driver, as Spark does not split one model's fit; "
                            "for many series (a column naming each), sdf.groupBy(key).applyInPandas(")
    assert called.startswith("sdf.groupBy(key).applyInPandas(fit_and_forecast, schema=")


def test_files_a_loop_reads_one_at_a_time_are_one_read_of_their_folder_and_no_union():
    code = ("import os\nimport pandas as pd\nframes = []\nfor name in os.listdir(folder):\n"
            "    path = os.path.join(folder, name)\n    frames.append(pd.read_csv(path))\nallrows = pd.concat(frames)\n")
    assert the_suggestion(code, "SPL101") == (
        'spark.read.csv(folder, header=True, inferSchema=True)  # the folder `folder` in one read, every file of it, '
        'not one job per file (pathGlobFilter="*.csv" keeps to some; F.input_file_name() tells a row\'s file)')
    assert the_suggestion(code, "SPL204").startswith("# the frames in `frames` are files a loop reads one at a time "
                                                     "(`pd.read_csv`): one Spark read of them all")
    regrouped = ("import os\nimport pandas as pd\nframes = []\nfor name in os.listdir(folder):\n"
                 "    part = pd.read_csv(os.path.join(folder, name))\n    for _, run in part.groupby('run'):\n"
                 "        frames.append(run)\nallrows = pd.concat(frames)\n")  # each file's groups, put back as they are
    assert the_suggestion(regrouped, "SPL204").startswith("# the frames in `frames` are files a loop reads one at a time "
                                                          "(`pd.read_csv`)")
    changed = regrouped.replace("frames.append(run)", "frames.append(run.assign(step=1))")
    assert the_suggestion(changed, "SPL204").startswith("# the frames in `frames` are made one at a time by a loop on "
                                                        "the driver (`part.groupby('run')`)")


@pytest.mark.parametrize("function, columns", [
    ("def report(row):\n    record = {c: row[c] for c in kept}\n    return json.dumps(record, default=str)\n", "kept"),
    ("def report(row):\n    return row.to_json()\n", "frame.columns"),
    ("report = lambda row: json.dumps(row.to_dict())\n", None),
    ("def report(row):\n    return json.dumps({'total': row['a'] + row['b']})\n", None),
])
def test_rows_made_json_text_one_at_a_time_are_to_json_of_a_struct(function, columns):
    code = (f"import json\nimport pandas as pd\nframe = pd.read_csv('f.csv')\n{function}"
            "frame['report'] = frame.apply(report, axis=1)\n")
    suggestion = the_suggestion(code, "SPL221")
    assert suggestion.startswith(f"F.to_json(F.struct(*{columns}))  # each row's columns as one JSON text") \
        if columns else suggestion.startswith('frame.withColumn("out", F.when(...)')


def test_a_window_that_numbers_every_row_is_told_a_key_would_restart_the_numbers():
    code = SESSION + ("from pyspark.sql import Window\nfrom pyspark.sql.functions import row_number\nframe = spark.table('t')\n"
                      "order = Window.orderBy('id')\nframe = frame.withColumn('key', row_number().over(order))\n"
                      "later = Window.orderBy('ts')\nframe = frame.withColumn('prev', F.lag('x').over(later))\n")
    numbered, lagged = suggestions_of(code, "SPL615")
    assert numbered.startswith("# a row number over all rows takes one ordered pass in one task") \
        and "F.monotonically_increasing_id()" in numbered and "a partitionBy would restart the numbers" in numbered
    assert lagged.startswith("Window.partitionBy(key).orderBy('ts')  # only if a rank per key is meant")


def test_a_row_number_divided_by_the_row_count_is_told_quantile_bins():
    """`ceil(k * rank / n)` over a global window is a qcut: QuantileDiscretizer finds the bounds on the executors."""
    code = SESSION + ("from pyspark.sql import Window\nframe = spark.table('t')\nby_age = Window.orderBy(\"age\")\n"
                      "frame = frame.withColumn(\"age_rank\", F.row_number().over(by_age))\n"
                      "frame = frame.withColumn(\"age_bin\", F.ceil(F.lit(8) * F.col(\"age_rank\") / F.lit(frame.count())))\n")
    assert the_suggestion(code, "SPL615").startswith(
        'QuantileDiscretizer(numBuckets=..., inputCol="age", outputCol="bucket").fit(sdf).transform(sdf)  # pyspark.ml.feature')


@pytest.mark.parametrize("line, expected", [
    ("frame.loc[frame['state'].isnull(), 'region'].unique()",
     "sdf.filter(F.col('state').isNull()).select('region').distinct()  # sdf: `frame` as a Spark DataFrame"),
    ("list(frame.index[frame['risk'] == 'high'])",
     "sdf.filter(F.col('risk') == 'high').select(id_column)  # sdf: `frame` as a Spark DataFrame; id_column: the column "
     "that names a row, in place of pandas' index"),
])
def test_a_filter_keeps_what_the_code_takes_of_the_rows(line, expected):
    """Distinct values stay distinct; the labels of the rows kept are a key column, the frame is what is filtered."""
    assert the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\nkept = {line}\n", "SPL241") == expected


def test_a_models_fit_and_predict_name_the_pyspark_ml_twin_of_the_class_its_name_was_built_as():
    code = ("import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n"
            "from sklearn.preprocessing import StandardScaler\nfrom sklearn.linear_model import SGDRegressor\n"
            "frame = pd.read_csv('f.csv')\nforest = RandomForestClassifier(n_estimators=300)\nforest.fit(frame, frame.y)\n"
            "scaler = StandardScaler()\nscaler.fit_transform(frame)\nsgd = SGDRegressor()\nsgd.fit(frame, frame.y)\n"
            "from sklearn.pipeline import make_pipeline\nfrom sklearn.svm import LinearSVR\n"
            "svr = make_pipeline(StandardScaler(), LinearSVR())\nsvr.fit(frame, frame.y)\n")
    forest, scaler, sgd, svr = suggestions_of(code, "SPL417")
    assert forest.startswith('model = RandomForestClassifier(featuresCol="features", labelCol="label", '
                             'featureSubsetStrategy="sqrt", numTrees=300).fit(train_sdf); scored = model.transform(sdf)  # '
                             "pyspark.ml.classification's twin of `forest`, a RandomForestClassifier")
    assert scaler.startswith('model = StandardScaler(inputCol="features", outputCol="out", withMean=True, withStd=True)')
    assert sgd.startswith("# `SGDRegressor` has no pyspark.ml twin: fit it as it is on a sample, "
                          "sdf.sample(fraction=0.1).toPandas(), and score the whole data on the executors")
    assert svr.startswith("# `LinearSVR` has no pyspark.ml twin, so no pyspark.ml Pipeline can hold this one")


def test_a_models_constructor_is_told_its_twin_with_the_settings_it_is_given_or_unpacks():
    """The constructor's line and the fit's are told the same twin: keywords given, or a dict written out and unpacked
    (`**params`); class weights are a weight column to make (weightCol=...), never dropped."""
    code = ("import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier, GradientBoostingRegressor\n"
            "frame = pd.read_csv('f.csv')\nparams = {'n_estimators': 200, 'max_depth': 8, 'class_weight': 'balanced'}\n"
            "forest = RandomForestClassifier(**params)\nforest.fit(frame, frame.y)\n"
            "boosted = GradientBoostingRegressor(n_estimators=50, learning_rate=0.1, random_state=1)\n")
    built = 'RandomForestClassifier(featuresCol="features", labelCol="label", featureSubsetStrategy="sqrt", ' \
            'weightCol=..., numTrees=200, maxDepth=8)'
    assert the_suggestion(code, "SPL410").startswith(f"{built}  # pyspark.ml.classification; Spark grows trees")
    assert the_suggestion(code, "SPL417").startswith(f"model = {built}.fit(train_sdf)")
    assert the_suggestion(code, "SPL413").startswith('GBTRegressor(featuresCol="features", labelCol="label", maxDepth=3, '
                                                     'maxIter=50, stepSize=0.1, seed=1)  # pyspark.ml.regression')
    scaler = ("import pandas as pd\nfrom sklearn.preprocessing import MinMaxScaler\nframe = pd.read_csv('f.csv')\n"
              "scaler = MinMaxScaler(feature_range=(-1, 1))\nscaled = scaler.fit_transform(frame)\n")
    ranged = 'MinMaxScaler(inputCol="features", outputCol="out", min=-1, max=1)'
    assert the_suggestion(scaler, "SPL431").startswith(f"{ranged}  # pyspark.ml.feature")  # a pair is two settings
    assert the_suggestion(scaler, "SPL417").startswith(f"model = {ranged}.fit(train_sdf)")
    line = "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\nlinear = LinearRegression(fit_intercept=False)\n"
    assert the_suggestion(line, "SPL401").startswith('LinearRegression(featuresCol="features", labelCol="label", '
                                                     'fitIntercept=False)  # pyspark.ml.regression')


def test_a_ridge_twin_leaves_the_penalty_to_fill_and_says_how_spark_scales_it():
    """Spark's regParam for a Ridge's alpha depends on the training rows: left out, the twin would fit no penalty."""
    code = ("import pandas as pd\nfrom sklearn.linear_model import Ridge\nframe = pd.read_csv('f.csv')\n"
            "for alpha in (0.1, 1.0):\n    reg = Ridge(alpha=alpha)\n    reg.fit(frame, frame.y)\n")
    suggestion = the_suggestion(code, "SPL417")
    assert suggestion.startswith('model = LinearRegression(featuresCol="features", labelCol="label", elasticNetParam=0.0, '
                                 'standardization=False, solver="normal", regParam=...).fit(train_sdf)')
    assert suggestion.endswith("; regParam: Ridge's alpha × the training label's F.stddev_pop / the training rows")


@pytest.mark.parametrize("applied, expected", [
    ('lambda g: list(zip(g["id"].astype(str), g["name"]))',
     'staff.groupBy("team").agg(F.collect_list(F.struct(F.col("id").cast("string").alias("id"), "name")).alias("value"))'),
    ('lambda g: g["id"].tolist()', 'staff.groupBy("team").agg(F.collect_list("id").alias("value"))'),
    ("len", 'staff.groupBy("team").agg(F.count("*").alias("value"))'),
    ('lambda rows: rows.hours.max()', 'staff.groupBy("team").agg(F.max("hours").alias("value"))'),
])
def test_a_function_of_a_group_that_makes_one_value_is_an_aggregate_not_applyinpandas(applied, expected):
    """applyInPandas takes a function that returns a frame; one that makes a list or a number of each group is an
    aggregate on Spark, a row per group."""
    code = f"import pandas as pd\nstaff = pd.read_csv('s.csv')\nper_team = staff.groupby('team').apply({applied})\n"
    assert the_suggestion(code.replace("'team'", '"team"'), "SPL246").startswith(expected + "  # `staff` as a Spark ")


@pytest.mark.parametrize("made, assigned, expected", [
    ("homes.reset_index()", 'homes["lon"] * 1000 + homes["lat"]', 'F.col("lon") * 1000 + F.col("lat")'),
    ("homes.copy()", 'homes["lat"]', 'F.col("lat")'),
])
def test_a_column_of_the_frame_a_frame_was_made_from_with_its_rows_is_its_own(made, assigned, expected):
    """`with_id = homes.reset_index()` keeps every row of `homes`, and pandas pairs them by the index: `homes`' columns
    are `with_id`'s, no join on a key."""
    code = f"import pandas as pd\nhomes = pd.read_csv('h.csv')\nwith_id = {made}\nwith_id['id'] = {assigned}\n"
    assert the_suggestion(code, "SPL240").startswith(f"with_id = with_id.withColumn('id', {expected})  # ")


def test_a_column_of_another_frame_of_data_is_joined_on_a_key():
    code = "import pandas as pd\nhomes = pd.read_csv('h.csv')\nsales = pd.read_csv('s.csv')\nsales['lat'] = homes['lat']\n"
    assert the_suggestion(code, "SPL240").startswith("sales = sales.join(homes.select(key, F.col('lat').alias('lat')), on=key)")


@pytest.mark.parametrize("looked, expected", [
    ("train.to_pandas_dataframe().head()", "train.take(5).to_pandas_dataframe()  # azureml's TabularDataset.take"),
    ("train.to_pandas_dataframe().tail(3)", "train.to_spark_dataframe().tail(3)  # the last 3 rows as Spark Rows"),
    ("train.to_pandas_dataframe().describe()", "train.to_spark_dataframe()  # on the same azureml TabularDataset"),
])
def test_an_azureml_pull_looked_at_through_head_or_tail_is_those_rows(looked, expected):
    """Spark's `tail` needs the count pandas takes as 5; the first rows are azureml's own `take`."""
    code = f"from azureml.core import Dataset\ntrain = Dataset.get_by_name(ws, 'train')\n{looked}\n"
    assert the_suggestion(code, "SPL109").startswith(expected)


@pytest.mark.parametrize("frames, expected", [
    ('[events[["id", "ts"]], pd.DataFrame(list(events["payload"].apply(json.loads)))]', "events.select(...)  # `events`"),
    ('[events[["id"]], pd.DataFrame(events["tags"].tolist())]', "events.select(...)  # `events`"),
    ("[keys, pd.DataFrame(list(events['payload'].apply(json.loads)))]", "events.select(...)  # `events`"),
    ("[events, other]", 'functools.reduce(lambda a, b: a.join(b, on=..., how="outer"), [events, other])'),
    ('[events[events.id > 0], other]', "functools.reduce(lambda a, b: a.join("),
])
def test_frames_side_by_side_that_are_columns_of_one_frames_rows_are_one_select(frames, expected):
    """Columns of the same rows pair up as they are: one select of their frame, where frames of other rows need a key."""
    code = ("import json\nimport pandas as pd\nevents = pd.read_parquet('e.parquet')\nother = pd.read_csv('o.csv')\n"
            "keys = pd.DataFrame()\nkeys['id'] = events['id']\nkeys['ts'] = events['ts']\n"
            f"wide = pd.concat({frames}, axis=1)\n")
    assert the_suggestion(code, "SPL218").startswith(expected)


@pytest.mark.parametrize("copied, expected", [
    ('homes["price"].copy()', 'homes.select("price")  # `homes` as a Spark DataFrame; the column itself'),
    ('homes[["rooms", "area"]].copy()', 'homes[["rooms", "area"]]  # Spark DataFrames are immutable'),
    ("homes.copy()", "homes  # Spark DataFrames are immutable"),
])
def test_a_copy_of_one_column_is_its_selection_not_the_whole_frame(copied, expected):
    """`homes["price"]` is a Column in Spark, no DataFrame to stand for the copy; a list of columns is one."""
    code = f"import pandas as pd\nhomes = pd.read_csv('h.csv')\nkept = {copied}\n"
    assert the_suggestion(code, "SPL242").startswith(expected)


TO_MICROSECONDS = "def to_us(text):\n    h, m, s = map(int, text.split(':'))\n    return (s + 60 * (m + 60 * h)) * 10**6\n"


@pytest.mark.parametrize("line, code, expected", [
    ("trips['us'] = trips['at'].apply(lambda x: to_us(str(x)))", "SPL240",
     "trips = trips.withColumn('us', to_us_udf(F.col('at')))  # `trips` as a Spark DataFrame; "),
    ("print(trips['at'].apply(lambda x: to_us(str(x))).max())", "SPL220",
     'trips.withColumn("out", to_us_udf(F.col(\'at\')))  # `trips` as a Spark DataFrame; '),
])
def test_a_lambda_that_hands_a_function_of_the_file_more_than_its_value_is_the_udf_itself(line, code, expected):
    """`lambda x: to_us(str(x))` is a UDF as it is: the function alone would be given the value, not its text."""
    source = f"import pandas as pd\n{TO_MICROSECONDS}trips = pd.read_parquet('t.parquet')\n{line}\n"
    assert the_suggestion(source, code).startswith(
        expected + "to_us_udf = F.udf(lambda x: to_us(str(x)), return_type), run on the executors, if what `to_us` does ")


def test_a_function_of_a_group_that_returns_a_frame_stays_applyinpandas():
    code = "import pandas as pd\nstaff = pd.read_csv('s.csv')\ntop = staff.groupby('team').apply(lambda g: g.nlargest(3, 'hours'))\n"
    assert the_suggestion(code, "SPL246").startswith("sdf.groupBy(key).applyInPandas(lambda g: g.nlargest(3, 'hours'), ")


@pytest.mark.parametrize("model, evaluator", [
    ("RandomForestClassifier(n_estimators=50)", 'MulticlassClassificationEvaluator(metricName="accuracy")'),
    ("Ridge(alpha=0.5)", 'RegressionEvaluator(metricName="r2")'),
])
def test_a_models_score_is_told_its_twins_evaluator_of_the_same_metric(model, evaluator):
    """`clf.score(X, y)` is a number, accuracy for a classifier and R² for a regressor: the twin's scored rows alone
    are not it; its fit and predict stay told the scored rows."""
    code = ("import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.linear_model import "
            f"Ridge\ndf = pd.read_csv('d.csv')\nmodel = {model}\nmodel.fit(df[['a']], df['y'])\n"
            "print(model.score(df[['a']], df['y']))\n")
    fitted, scored = suggestions_of(code, "SPL417")
    assert ".fit(train_sdf); scored = model.transform(sdf)  # " in fitted
    assert f".fit(train_sdf); metric = {evaluator}.evaluate(model.transform(test_sdf))  # " in scored


@pytest.mark.parametrize("model, code, expected", [
    ("ElasticNet()", "SPL404", "regParam=1.0, elasticNetParam=0.5, "),
    ("ElasticNet(0.2)", "SPL404", "regParam=0.2, elasticNetParam=0.5, "),
    ("LogisticRegression(C=c)", "SPL405", "maxIter=100, regParam=1 / (c * n_rows), "),
    ("LGBMClassifier(num_leaves=63)", "SPL490", "numIterations=100, learningRate=0.1, numLeaves=63)"),
    ("HistGradientBoostingClassifier(max_depth=None)", "SPL414", "maxIter=100, stepSize=0.1, maxDepth=...)"),
])
def test_a_setting_the_code_leaves_out_is_the_librarys_own_default(model, code, expected):
    """A twin built of what the user's model is: a setting the constructor does not give is the value scikit-learn
    (or LightGBM) takes for it, not a `...` to fill; one given as what Spark's setting cannot be (`max_depth=None`:
    no limit) stays to fill."""
    source = ("from sklearn.linear_model import ElasticNet, LogisticRegression\nfrom lightgbm import LGBMClassifier\n"
              f"from sklearn.ensemble import HistGradientBoostingClassifier\nmodel = {model}\n")
    assert expected in the_suggestion(source, code)


@pytest.mark.parametrize("model, settings", [
    ("GaussianNB()", 'modelType="gaussian")'), ("GaussianNB(var_smoothing=1e-8)", 'modelType="gaussian")'),
    ("MultinomialNB(alpha=0.5)", 'modelType="multinomial", smoothing=0.5)'), ("BernoulliNB()", 'modelType="bernoulli")'),
    ("ComplementNB(alpha=2)", 'modelType="complement", smoothing=2)')])
def test_a_naive_bayes_keeps_its_kind_and_the_smoothing_spark_has_for_it(model, settings):
    code = f"from sklearn.naive_bayes import GaussianNB, MultinomialNB, BernoulliNB, ComplementNB\nnb = {model}\n"
    assert f'labelCol="label", {settings}  # pyspark.ml.classification' in the_suggestion(code, "SPL407")


def test_rows_numbered_by_zip_with_index_are_told_to_keep_it():
    code = SESSION + ("frame = spark.table('t')\nnumbered = frame.rdd.zipWithIndex().map(lambda p: list(p[0]) + [p[1]])\n"
                      "lengths = frame.rdd.map(lambda r: len(r.text))\n")
    numbered, lengths = suggestions_of(code, "SPL612")
    assert numbered.startswith("# zipWithIndex numbers every row in the RDD's order") and "monotonically_increasing_id" in numbered
    assert lengths.startswith("df.select(F.col(...), ...)")


def test_a_download_the_code_unpacks_is_told_to_extract_it_and_read_what_is_inside():
    code = ("import tarfile\nimport urllib.request\nfrom pathlib import Path\n"
            "path = (Path('data') / 'spam').with_suffix('.tar.bz2')\nurllib.request.urlretrieve(url, path)\n"
            "tarfile.open(path).extractall('data')\nurllib.request.urlretrieve(other, 'table.csv')\n")
    archive, table = suggestions_of(code, "SPL803")
    assert archive.startswith("# extract the archive once and copy the files inside to storage every executor reads") \
        and "spark.read.text(folder, wholetext=True)" in archive
    assert table.startswith("# copy the file once to storage every executor reads")


def test_bootstrap_fits_and_pulls_made_arrays_are_said_in_words():
    code = ("import numpy as np\nimport azureml.core\nfrom sklearn.linear_model import LinearRegression\n"
            "from sklearn.utils import resample\nmodel = LinearRegression()\n"
            "spread = np.std([model.fit(*resample(X, y)).coef_ for i in range(1000)], 0)\n"
            "truth = labels.to_pandas_dataframe().values.flatten()\nframe = table.to_pandas_dataframe()\n")
    assert the_suggestion(code, "SPL417").startswith("# each fit is on its own resample of the data, independent of the "
                                                     "others: Spark runs them as tasks, one per seed")
    pulled, frame = suggestions_of(code, "SPL109")
    assert pulled.startswith("# the pull is made a NumPy array at once (.values), which only the driver holds")
    assert frame.startswith("table.to_spark_dataframe()  # on the same azureml TabularDataset")


def test_a_dataset_pulled_for_a_model_or_a_metric_is_told_that_they_take_pandas():
    code = ("import azureml.core\nfrom sklearn.metrics import confusion_matrix\n"
            "X_test_df = validation_data.drop_columns(columns=['label']).to_pandas_dataframe()\n"
            "y_test_df = validation_data.keep_columns(columns=['label']).to_pandas_dataframe()\n"
            "other = table.to_pandas_dataframe()\n"
            "y_pred = best_model.predict(X_test_df)\n"
            "cf = confusion_matrix(y_test_df.values, y_pred)\n")
    scored, truth, other = suggestions_of(code, "SPL109")
    assert scored.endswith("; `best_model.predict` then uses it as pandas: keep this pull when the rows fit the driver, "
                           "else move that step to Spark too (a model's scoring: sdf.mapInPandas(predict_batches, "
                           "schema); a metric: a pyspark.ml evaluator)")
    assert "; `confusion_matrix` then uses it as pandas" in truth
    assert "uses it as pandas" not in other
    forecast = ("import joblib\nimport azureml.core\nX_test = test_dataset.to_pandas_dataframe().reset_index(drop=True)\n"
                "fitted_model = joblib.load('model.pkl')\nquantiles = fitted_model.forecast_quantiles(X_test)\n")
    told = the_suggestion(forecast, "SPL109")
    assert "; `fitted_model.forecast_quantiles` then uses it as pandas" in told
    assert "(a forecaster's scoring: sdf.groupBy(series_keys).applyInPandas(forecast_series, schema), one time series " \
           "whole per group: mapInPandas' batches would split a series; series_keys: " in told and "predict_batches" not in told


@pytest.mark.parametrize("uses, told", [
    ("payload = X_test[:1].to_json(orient='records')", "take(1)"),
    ("print(X_test.head())\nprint(X_test.head(20))", "take(20)"),
    ("print(X_test[:3], X_test.shape)", None),
    ("print(X_test[2:3])", None),
])
def test_a_dataset_pulled_for_its_first_rows_only_is_told_azureml_take(uses, told):
    code = f"import azureml.core\nX_test = test_data.drop_columns([label]).to_pandas_dataframe()\n{uses}\n"
    suggestion = the_suggestion(code, "SPL109")
    assert suggestion.startswith(f"test_data.drop_columns([label]).{told}.to_pandas_dataframe()  # azureml's "
                                 "TabularDataset.take reads only the rows the code uses") if told else \
        suggestion.startswith("test_data.drop_columns([label]).to_spark_dataframe()")


def test_a_dataset_pulled_and_then_read_with_pandas_members_is_told_so():
    code = ("import numpy as np\nimport azureml.core\ndata_train = train_dataset.to_pandas_dataframe()\n"
            "X = np.array(data_train.iloc[:, 1:])\n")
    assert "; `data_train.iloc` then uses it as pandas" in the_suggestion(code, "SPL109")


@pytest.mark.parametrize("line, expected", [
    ("frame['label'].value_counts(normalize=True)", "frame.groupBy('label').count().orderBy(F.desc(\"count\"))  # `frame` "
                                                   "as a Spark DataFrame; normalize=True: each count divided by the total"),
    ("frame.kind.value_counts()", 'frame.groupBy("kind").count().orderBy(F.desc("count"))  # `frame` as a Spark DataFrame'),
    ("frame.value_counts()", 'frame.groupBy("col").count().orderBy(F.desc("count"))  # col: the column counted; `frame` '
                             "as a Spark DataFrame"),
])
def test_counted_values_name_their_frame_and_column_once(line, expected):
    assert the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\ncounts = {line}\n", "SPL212").startswith(expected)


def test_a_confusion_matrix_says_what_its_predictions_are():
    code = "from sklearn.metrics import confusion_matrix\nmatrix = confusion_matrix(truth.values, guess)\n"
    assert "; predictions: the model's predictions as a Spark DataFrame" in the_suggestion(code, "SPL471")


def test_a_split_of_a_splits_part_splits_that_part():
    code = ("import pandas as pd\nfrom sklearn.model_selection import train_test_split\nframe = pd.read_csv('f.csv')\n"
            "X_train, X_test, y_train, y_test = train_test_split(frame, frame.y, test_size=0.2, random_state=7)\n"
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=7)\n"
            "a, b = train_test_split(X_test, test_size=0.5)\n")
    assert suggestions_of(code, "SPL450") == [
        "train_df, test_df = sdf.randomSplit([0.8, 0.2], seed=7)  # features and label stay in one DataFrame",
        "train_df, val_df = train_df.randomSplit([0.75, 0.25], seed=7)  # `X_train` is the train_df of the split before; "
        "features and label stay in one DataFrame",
        "test_df, val_df = test_df.randomSplit([0.5, 0.5])  # `X_test` is the test_df of the split before; features and "
        "label stay in one DataFrame"]


@pytest.mark.parametrize("loop, expected", [
    ("with open('clicks.json') as f:\n    rows = [json.loads(line) for line in f]",
     "spark.read.json(path).withColumn(...)  # parse in parallel; the loop body as column expressions; path: "
     "`clicks.json` in storage"),
    ("with open('data/train.tsv') as f:\n    for row in csv.reader(f, delimiter='\\t'):\n        pass",
     'spark.read.csv(path, header=True, inferSchema=True, sep="\\t").withColumn(...)'),
    ("for row in csv.DictReader(handle):\n    pass", "spark.read.csv(path, header=True, inferSchema=True).withColumn("
                                                      "...)  # parse in parallel; the loop body as column expressions; "
                                                      "path: the file the loop reads"),
])
def test_a_loop_over_a_files_lines_is_told_the_reader_of_that_file(loop, expected):
    assert the_suggestion(f"import csv\nimport json\n{loop}\n", "SPL304").startswith(expected)


@pytest.mark.parametrize("line, metric", [
    ("error = mean_squared_error(truth, guess)", '"mse"'),
    ("error = np.sqrt(mean_squared_error(truth, guess))", '"rmse"'),
    ("error = mean_squared_error(truth, guess, squared=False)", '"rmse"'),
    ("error = np.sqrt(mean_squared_error(truth, guess)) + mean_squared_error(truth, guess)", '"rmse"'),
])
def test_a_mean_squared_error_the_code_takes_the_root_of_is_rmse_of_predictions_it_names(line, metric):
    code = f"import numpy as np\nfrom sklearn.metrics import mean_squared_error\ndef score(truth, guess):\n    {line}\n"
    suggestion = suggestions_of(code, "SPL467")[0]
    assert suggestion.startswith(f'RegressionEvaluator(labelCol="label", predictionCol="prediction", metricName={metric})'
                                 f'.evaluate(predictions)  # ')
    assert "; predictions: the model's predictions as a Spark DataFrame (model.transform(test_sdf)" in suggestion


def column_suggestion(line: str) -> str:
    """SPL240's suggestion for a line that writes a column of `frame`, a pandas copy of a Spark table."""
    frame = "import numpy as np\nimport pandas as pd\nframe = spark.table('t').toPandas()\n"
    return the_suggestion(SESSION + frame + line + "\n", "SPL240")


@pytest.mark.parametrize("line, expected", [
    ("frame['score'] = np.nan", "frame = frame.withColumn('score', F.lit(None).cast(\"double\"))  # "),
    ("frame['seen'] = pd.NaT", "frame = frame.withColumn('seen', F.lit(None).cast(\"timestamp\"))  # "),
    ("frame['note'] = None", "frame = frame.withColumn('note', F.lit(None).cast(spark_type))  # `frame` as a Spark "
                             "DataFrame; spark_type: the type the column will hold"),
    ("frame['tier'] = tier_of(frame)", "frame = frame.withColumn('tier', new_value)  # `frame` as a Spark DataFrame; "
                                       "new_value: a Column from pyspark.sql.functions (F.col, F.lit, F.when(condition, "
                                       "value).otherwise(other_value))"),
    ("frame.loc[frame['year'] > 2000, 'tier'] = tier_of(frame)", "frame = frame.withColumn('tier', new_value)  # `frame` "
     "as a Spark DataFrame; new_value: a Column from pyspark.sql.functions (F.col, F.lit, F.when(condition, value)"
     ".otherwise(F.col('tier')))"),
])
def test_a_column_of_missing_values_is_a_typed_null_and_only_a_mask_keeps_old_values(line, expected):
    """NaN and NaT are nulls of a float and a timestamp column; None's type is the user's to give (a column of
    untyped nulls cannot be written). Only rows a mask leaves out keep a value: a new column has none."""
    assert column_suggestion(line).startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ("frame['decade'] = 10 * (frame['year'] // 10)",
     "frame = frame.withColumn('decade', 10 * F.floor(F.col('year') / 10))  # "),
    ("frame['odd'] = frame['year'] % 2 + 7 // 2", "frame = frame.withColumn('odd', F.col('year') % 2 + 7 // 2)  # "),
    ("frame['mixed'] = frame['year'] ^ 3", "frame = frame.withColumn('mixed', new_value)  # "),
    ("for c in names:\n    frame[c] = frame[c].fillna('')", "frame = frame.withColumn(c, F.coalesce(F.col(c), F.lit('')))  # "),
    ("ranks = {'basic': 1, 'pro': 2}\nframe['rank'] = frame['plan'].apply(lambda p: ranks[p])",
     "frame = frame.withColumn('rank', F.when(F.col('plan') == 'basic', 1).when(F.col('plan') == 'pro', 2))  # "),
    ("frame['level'] = np.minimum(3, frame['visits'] // 10 + 1)",
     "frame = frame.withColumn('level', F.when((F.floor(F.col('visits') / 10) + 1).isNotNull(), "
     "F.least(F.lit(3), F.floor(F.col('visits') / 10) + 1)))  # "),
    ("frame['gap'] = pd.to_numeric(frame['gap'], errors='coerce').fillna(1440.0)",
     "frame = frame.withColumn('gap', F.coalesce(F.expr(\"try_cast(`gap` AS DOUBLE)\"), F.lit(1440.0)))  # "),
    ("mean = frame['gap'].mean()\nstd = frame['gap'].std()\nframe['z'] = ((frame['gap'] - mean) / std).fillna(0.0)",
     "frame = frame.withColumn('z', F.coalesce(((F.col('gap') - mean) / std), F.lit(0.0)))  # `frame` as a Spark "
     "DataFrame; the new value as a Column; `mean`, `std`: each a number on the driver, as an aggregate's "
     "`.first()[0]` gives one"),
    ("mean = frame['gap'].mean()\nmean = mean * 2\nframe['z'] = frame['gap'] - mean",
     "frame = frame.withColumn('z', new_value)  # "),
    ("for c in names:\n    frame[c] = pd.to_numeric(frame[c], errors='coerce')",
     'frame = frame.withColumn(c, F.expr(f"try_cast(`{c}` AS DOUBLE)"))  # '),
])
def test_arithmetic_on_a_column_uses_the_operators_a_column_has(line, expected):
    """A Column has no `//` (a floor of the quotient, as pandas rounds) and no `^`: neither is pasted onto one. NumPy's
    pairwise minimum is Spark's least, kept null where NumPy gives NaN; a column spelt in single quotes is cast as
    one in double quotes, and one a name holds in an f-string; the name a column is written under names that column
    where the value reads it; a lookup in a dict written out is a `when` per key; a name bound once to a column's
    aggregate is a number, one bound again is not known."""
    assert column_suggestion(line).startswith(expected)


@pytest.mark.parametrize("lines, expected", [
    ("X = frame[['a', 'b']].values\ny = frame['label'].to_numpy()\nmodel = LogisticRegression().fit(X, y)\n",
     ["# the array feeds `LogisticRegression().fit`: for a pyspark.ml model, features and label stay in the Spark "
      "DataFrame, the features as one vector column"] * 2),
    ("X_train, X_test = train_test_split(frame[['a', 'b']].values)\n",
     ["# the array feeds `train_test_split`: for a pyspark.ml model"]),
    ("data = dataset_from(frame[['a']].values)\nmodel.fit(data)\n", ["# what the array is for decides"]),
    ("import torch\nX = frame[['a']].values\nnet.fit(X)\n", ["# what the array is for decides"]),
    ("import joblib\nfitted = joblib.load('m.pkl')\nscored = fitted.rolling_forecast(frame, frame['y'].values, step=1)\n",
     ["# the array feeds `fitted.rolling_forecast`, a forecaster that reads each time series whole: keep the values a "
      "column of the Spark DataFrame and forecast per series, sdf.groupBy(series_keys).applyInPandas(forecast_series, "
      "schema)"]),
])
def test_an_array_copied_for_a_model_is_told_the_models_branch(lines, expected):
    """The array a model's method or a scikit-learn function takes, by its name or as the argument; not the result
    of another call made of it, nor a network's input; a forecaster's, per series, which batches would split."""
    code = (SESSION + "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            "from sklearn.model_selection import train_test_split\nframe = spark.table('t').toPandas()\n" + lines)
    told = [f.suggestion for f in findings_of(code) if f.code in ("SPL233", "SPL234")]
    assert len(told) == len(expected) and all(t.startswith(e) for t, e in zip(told, expected, strict=True))


def test_a_pull_a_function_returns_is_told_to_return_the_spark_dataframe():
    code = (SESSION + "import pandas as pd\n\ndef load_gold(table):\n    gold = spark.table(table)\n"
            "    return gold.filter('amount > 0').toPandas()\n\nframe = spark.table('t').toPandas()\n")
    returned, assigned = suggestions_of(code, "SPL601")
    assert returned == ("return gold.filter('amount > 0')  # `load_gold` hands its callers the Spark DataFrame, not a "
                        "pandas copy on the driver: their pandas steps on it become its operations (the findings on "
                        "those steps say how), and only a small result (an agg, a limit) is pulled; or return "
                        "gold.filter('amount > 0').pandas_api(), pandas' API over the same distributed rows, as the "
                        "fix writes")
    assert assigned.startswith("# what the pandas frame is used for decides")


@pytest.mark.parametrize("line, expected", [
    ("risk = {'low': 10.0, 'high': 90.0}\nframe['score'] = frame['level'].map(risk)",
     "F.when(F.col('level') == 'low', 10.0).when(F.col('level') == 'high', 90.0)  # `frame['level'].map(risk)` as a "
     "Column of `frame` as a Spark DataFrame: the value of a withColumn"),
    ("frame['short'] = frame['name'].map(lambda v: v.strip())",
     "F.trim(F.col('name'))  # `frame['name'].map(lambda v: v.strip())` as a Column of `frame`"),
    ("frame['region'] = frame['country'].map(regions)", 'sdf.join(F.broadcast(lookup_sdf), on=col, how="left")  # a '
     "dict: that join, or sdf.replace(mapping, subset=[col]) when its keys and values are of one type"),
])
def test_a_mapped_column_is_its_column_expression_where_the_translation_has_one(line, expected):
    """A dict written out is a `when` per key (which `replace` is not, for text keys and number values); a lambda the
    expression it computes; a name the file does not show, the lookup's join."""
    code = SESSION + "import pandas as pd\nframe = spark.table('t').toPandas()\n" + line + "\n"
    assert the_suggestion(code, "SPL222").startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ("frame['burst'] = np.where(frame['late'] > 0, np.random.randint(0, 3, len(frame)), 0)",
     "frame = frame.withColumn('burst', F.when(F.col('late') > 0, F.floor(F.rand() * 3).cast(\"bigint\")).otherwise(0))"
     "  # `frame` as a Spark DataFrame; the new value as a Column, its random values drawn on the executors; Spark's "
     "generator draws other numbers than NumPy's: the same distribution, not the same values"),
    ("frame['noise'] = np.random.normal(50, 10, size=frame.shape[0])", "frame = frame.withColumn('noise', (50 + F.randn() "
                                                                       "* 10))  # "),
    ("frame['share'] = np.random.uniform(0.2, 0.8, len(frame))", "frame = frame.withColumn('share', (0.2 + F.rand() * "
                                                                 "(0.8 - 0.2)))  # "),
    ("frame['pick'] = np.random.randint(4, size=len(frame))", "frame = frame.withColumn('pick', F.floor(F.rand() * 4)"
                                                              ".cast(\"bigint\"))  # "),
    ("frame['noise'] = np.random.normal(0, 1, 100)", "frame = frame.withColumn('noise', F.randn())  # `frame` as a Spark "
                                                     "DataFrame; random values are drawn on the executors, never joined"),
])
def test_a_numpy_draw_of_a_value_per_row_is_sparks_draw_of_the_same_distribution(line, expected):
    """A draw sized by the frame's rows is a Column of Spark's generator, said to give other numbers; one of another
    size is no column of the frame's (the draw's template in words)."""
    assert column_suggestion(line).startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ("frame['tier'] = frame.apply(lambda row: 'gold' if row['spend'] >= 500 else 'basic', axis=1)",
     "frame = frame.withColumn('tier', F.when(F.col('spend') >= 500, 'gold').otherwise('basic'))  # "),
    ("frame['total'] = frame.apply(lambda r: r.price * r.units, axis='columns')",
     "frame = frame.withColumn('total', F.col(\"price\") * F.col(\"units\"))  # "),
    ("frame['amount'] = frame.apply(lambda row: float(row.get('price', 0.0)), axis=1)",
     "frame = frame.withColumn('amount', F.col('price').cast(\"double\"))  # `frame` as a Spark DataFrame; the new "
     "value as a Column; `row.get('price', 0.0)` is read as the column, which the frame must have: pandas gives the "
     "default for a column it lacks, Spark stops"),
    ("frame['code'] = frame.apply(lambda row: str(row['plan']).lower(), axis=1)",
     "frame = frame.withColumn('code', F.lower(F.col('plan').cast(\"string\")))  # "),
    ("frame['label'] = frame.apply(lambda row: describe(row), axis=1)", "frame = frame.withColumn('label', new_value)  # "),
    ("frame['label'] = frame.apply(lambda row: row.name, axis=1)", "frame = frame.withColumn('label', new_value)  # "),
])
def test_a_function_given_each_row_is_its_expression_of_the_rows_fields(line, expected):
    """`df.apply(lambda row: ..., axis=1)` reads fields of each row: the same expression over the frame's columns, a
    field's `get` read as the column (said so); a function handed the whole row, or a row's own member (`row.name`,
    its index label), is no column expression."""
    assert column_suggestion(line).startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ("statuses.append(status)\nframe['status'] = statuses",
     "frame = frame.withColumn('status', F.when(F.col('score') >= 5, 'high').otherwise(F.when(F.col('score') >= 2, "
     "'mid').otherwise('low')))  # `frame` as a Spark DataFrame; the value the loop over `frame.iterrows()` appends "
     "to `statuses` for each row, as a Column of its own columns: no loop, no list on the driver, no key to join"),
    ("amounts.append(amount)\nframe['amount'] = amounts", "frame = frame.withColumn('amount', F.col('price') * 2)  # "),
    ("notes.append(note)\nframe['note'] = notes",
     "frame = frame.withColumn('note', per_row)  # `frame` as a Spark DataFrame; per_row: the value the loop over "
     "`frame.iterrows()` appends to `notes` for each row, as a Column of its own columns (F.when(...).when(...)"),
    ("if row['flag'] > 0:\n        statuses.append(status)\nframe['status'] = statuses",
     "frame = frame.withColumn('status', new_value)  # "),
])
def test_a_list_a_loop_over_the_frames_rows_fills_is_the_column_of_what_it_appends(line, expected):
    """A list filled with one value per row of the frame by a loop over its rows, then made a column of it, is that
    value as a column expression: the names the loop binds put in (an if/elif/else of one assignment each as a
    `when`), or words when it does not translate (a name bound in a way not followed); a list appended to under a
    condition holds no value per row."""
    body = ("statuses, amounts, notes = [], [], []\nfor _, row in frame.iterrows():\n"
            "    if row['score'] >= 5:\n        status = 'high'\n    elif row['score'] >= 2:\n        status = 'mid'\n"
            "    else:\n        status = 'low'\n    amount = row['price'] * 2\n    note = describe(row)\n"
            "    for part in parts:\n        note = note + part\n    ")
    assert column_suggestion(body + line).startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ("cleared = frame['status'] == 'cleared'\nframe.loc[cleared & (frame['label'] == 1), 'cause'] = 'False Positive'",
     "frame = frame.withColumn('cause', F.when((F.col('status') == 'cleared') & (F.col('label') == 1), "
     "F.lit('False Positive')).otherwise(F.col('cause')))  # "),
    ("done = frame['status'] == 'done'\nopen_ = ~done\nframe.loc[open_, 'note'] = ''",
     "frame = frame.withColumn('note', F.when((~(F.col('status') == 'done')), F.lit('')).otherwise(F.col('note')))  # "),
    ("frame['row'] = frame.index", "frame = frame.withColumn('row', F.row_number().over(Window.orderBy("
                                   "F.monotonically_increasing_id())) - 1)  # "),
])
def test_a_mask_a_name_holds_is_put_in_and_the_index_is_a_row_number(line, expected):
    """A mask the file binds once to a condition written out (through another mask too) is that condition, bracketed;
    a frame's own index, by default its row numbers from 0."""
    assert column_suggestion(line).startswith(expected)


def test_rows_a_loop_sets_one_key_at_a_time_are_one_join_with_the_keys_it_sets():
    code = (SESSION + "import pandas as pd\nframe = spark.table('t').toPandas()\n"
            "for widget in widgets:\n    pair = widget.value\n"
            "    frame.loc[frame['cluster'] == pair, 'match'] = widget.label\n"
            "for _, row in frame.iterrows():\n    frame.loc[frame['cluster'] == row['cluster'], 'seen'] = 1\n")
    keyed, own = suggestions_of(code, "SPL240")
    assert keyed == (
        "frame = frame.join(updates, on='cluster', how=\"left\").withColumn('match', F.coalesce(F.col(\"new_value\"), "
        "F.col('match'))).drop(\"new_value\")  # `frame` as a Spark DataFrame; each turn of the loop sets 'match' of "
        "the rows of one 'cluster', a pass over every row each; updates: spark.createDataFrame(keyed, ['cluster', "
        "\"new_value\"]) made once after the loop, keyed the list of the ('cluster', value) pairs it sets: one join "
        "for all")
    assert own.startswith("frame = frame.withColumn('seen', ")  # a loop over the frame's own rows: not keys given


def test_a_loop_that_fills_columns_row_by_row_is_told_they_are_columns_of_the_frame():
    code = (SESSION + "import pandas as pd\nframe = spark.table('t').toPandas()\nstatuses, flags = [], []\n"
            "for _, row in frame.iterrows():\n    statuses.append('high' if row['score'] >= 5 else 'low')\n"
            "    flags.append(row['flag'])\nframe['status'] = statuses\nframe['status_copy'] = statuses\n")
    assert the_suggestion(code, "SPL301") == (
        "# the loop fills `statuses` with a value per row, which `frame` then takes as its columns 'status', "
        "'status_copy': on Spark, frame.withColumn(column, value) with each value a Column of its own columns (the "
        "findings where they are assigned give each), and no loop")


@pytest.mark.parametrize("line, expected", [
    ("frame['hour'] = frame['at'].apply(lambda t: t.hour).astype(int)",
     "frame = frame.withColumn('hour', F.hour(F.col('at')).cast(\"int\"))  # "),
    ("frame['late'] = frame['at'].apply(lambda t: 1 if t.hour >= 22 else 0)",
     "frame = frame.withColumn('late', F.when(F.hour(F.col('at')) >= 22, 1).otherwise(0))  # "),
    ("frame['day'] = frame['at'].map(lambda t: t.date())", "frame = frame.withColumn('day', F.to_date(F.col('at')))  # "),
    ("frame['gap'] = frame['gap'].apply(lambda g: float(g))", "frame = frame.withColumn('gap', F.col('gap').cast(\"double\"))  # "),
    ("frame['zero'] = pd.Series([0.0] * len(frame), dtype=float)",
     "frame = frame.withColumn('zero', F.lit(0.0).cast(\"double\"))  # "),
    ("frame['no'] = pd.Series([False] * len(other))", "frame = frame.withColumn('no', new_value)  # "),
    ("from datetime import datetime\nframe['seen'] = datetime.now()",
     "frame = frame.withColumn('seen', F.lit(datetime.now()))  # `frame` as a Spark DataFrame; one Python value"),
])
def test_a_value_made_of_each_value_or_of_none_is_a_column_expression(line, expected):
    """A function of each value that a timestamp's part (`t.hour`, `t.date()`) or a conversion (`float(g)`) makes is the
    column's own part or cast; one value repeated once per row of the frame, or the clock read once, is a literal."""
    assert column_suggestion(line).startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ('frame["next"] = frame["kind"].shift(-1)',
     'frame = frame.withColumn("next", F.lead("kind", 1).over(Window.orderBy(ts)))  # '),
    ('frame["change"] = frame["rides"].diff(7)',
     'frame = frame.withColumn("change", F.col("rides") - F.lag("rides", 7).over(Window.orderBy(ts)))  # '),
    ('part["next"] = frame["kind"].shift(-1)',
     'part = frame.withColumn("next", F.lead("kind", 1).over(Window.orderBy(ts)))  # `frame` as a Spark DataFrame; '
     "the offset is of `frame`'s column"),
])
def test_a_column_offset_by_rows_is_a_lag_or_a_lead_of_the_frame_that_holds_it(line, expected):
    """`shift(-1)` is the next row's value (F.lead), `diff` the value less the lag; another frame's column is
    offset on that frame, never handed to withColumn of this one."""
    code = SESSION + f"frame = spark.table('t').toPandas()\npart = frame[['kind']]\n{line}\n"
    assert the_suggestion(code, "SPL240").startswith(expected)


@pytest.mark.parametrize("line, expected", [
    ('frame["a"] = frame["amount"].fillna(0.0)', "F.coalesce(F.col(\"amount\"), F.lit(0.0))  # "),
    ('frame["a"] = frame["amount"].fillna(frame["other"])', 'F.coalesce(F.col("amount"), F.col("other"))  # '),
    ('frame["z"] = ((frame["n"] - centre) / spread).fillna(0)',
     'F.coalesce(column, F.lit(0))  # column: `((frame["n"] - centre) / spread)` as a Column expression'),
    ('frame["c"] = frame["city"].str.strip().fillna("")',
     'F.coalesce(F.trim(F.col("city")), F.lit(""))  # `frame["city"].str.strip()` with its gaps filled, as a Column of '
     '`frame` as a Spark DataFrame'),
    ('frame["s"] = (frame["end"] - frame["start"]).dt.total_seconds().fillna(0)',
     'F.coalesce((F.unix_micros(F.col("end")) - F.unix_micros(F.col("start"))) / 1000000, F.lit(0))  # '),
    ('frame["h"] = frame["ts"].dt.hour.fillna(0)', 'F.coalesce(F.hour(F.col("ts")), F.lit(0))  # '),  # no column "hour"
    ('frame["s"] = (frame["end"] - frame["start"]).dt.seconds.fillna(0)',
     'F.coalesce(column, F.lit(0))  # column: `(frame["end"] - frame["start"]).dt.seconds` as a Column'),
    ('frame["r"] = frame["state"].map(regions).fillna("UNKNOWN")',
     'F.coalesce(column, F.lit("UNKNOWN"))  # column: `frame["state"].map(regions)` as a Column expression'),
    ("frame = frame.fillna(0)", "frame.fillna(0)  # "),
    ('frame = frame[["a", "b"]].fillna(0)', 'frame[["a", "b"]].fillna(0)  # '),
])
def test_gaps_filled_in_one_column_are_a_coalesce_not_a_frame_fillna(line, expected):
    """A Series' fillna is the column with its gaps filled, a Column for withColumn; a frame's stays the frame's."""
    code = SESSION + f"frame = spark.table('t').toPandas()\ncentre, spread = 1.0, 2.0\n{line}\n"
    assert the_suggestion(code, "SPL230").startswith(expected)


@pytest.mark.parametrize("aggfunc, expected", [
    ("{'survived': sum, 'fare': 'mean'}", ".agg(F.sum('survived'), F.mean('fare'))  # the pandas aggregation (`sum, mean`)"),
    ("{'fare': np.max}", ".agg(F.max('fare'))  # "),
    ("{'fare': lambda s: s.max() - s.min()}", ".agg(...)  # "),
])
def test_a_pivot_with_a_function_per_column_aggregates_each_column_so(aggfunc, expected):
    code = SESSION + ("import numpy as np\ntitanic = spark.table('t').toPandas()\n"
                      f"titanic.pivot_table(index='sex', columns='class', aggfunc={aggfunc})\n")
    assert the_suggestion(code, "SPL205").startswith("titanic.groupBy('sex').pivot('class')" + expected)


def test_a_pivot_grouped_by_values_the_code_computed_names_them_as_a_column_to_add_first():
    """`pivot_table(v, ["sex", age], c)` with `age = pd.cut(...)` groups by a Series: Spark's groupBy takes column
    names, so the suggestion names "age" and says it must be added as a column first; a name bound to text stays."""
    code = SESSION + ("import pandas as pd\ntitanic = spark.table('t').toPandas()\nkey = 'class'\n"
                      "age = pd.cut(titanic['age'], [0, 18, 80])\ntitanic.pivot_table('survived', ['sex', age], key)\n")
    suggestion = the_suggestion(code, "SPL205")
    assert suggestion.startswith("titanic.groupBy('sex', \"age\").pivot(key)")
    assert '"age": `age` holds values, not a column\'s name: add it as a column first' in suggestion


def test_rows_a_loop_hands_to_the_fabric_sdk_a_notebook_it_runs_imports_are_items_to_act_on():
    """`fabric` is sempy.fabric by the name Fabric notebooks give it, also where it comes from a notebook this one
    runs (`%run`): a loop creating a workspace per collected row is acting on items, not data for column expressions."""
    code = SESSION + ("rows = spark.sql(query).collect()\n"
                      "for row in rows:\n"
                      "    if row['kind'] == 'Workspace':\n"
                      "        fabric.create_workspace(row['name'] + suffix, capacity)\n")
    assert the_suggestion(code, "SPL603").startswith("# nothing to change for a list of items to act on")


def test_a_loop_that_waits_on_azure_ml_runs_acts_on_items():
    """A frame of run ids walked to wait on each Azure ML run and read its metrics is a list of items to act on."""
    code = ("import pandas as pd\nfrom azureml.core.run import Run\nruns = pd.read_csv('runs.csv')\n"
            "for _, summary in runs.iterrows():\n"
            "    run = Run(experiment, summary.run_id)\n"
            "    run.wait_for_completion()\n"
            "    print(run.get_metrics())\n")
    assert the_suggestion(code, "SPL301").startswith("# nothing to change for a list of items to act on")


def test_rows_a_loop_uploads_to_purview_one_at_a_time_are_items_to_act_on():
    """pyapacheatlas' PurviewClient calls Microsoft Purview's service: a collected table listing walked to upload an
    entity per row is a list of items to act on."""
    code = SESSION + ("from pyapacheatlas.core import PurviewClient, AtlasEntity\n"
                      "client = PurviewClient(account_name='lineage', authentication=auth)\n"
                      "for table in spark.table('listing').collect():\n"
                      "    client.upload_entities([AtlasEntity(name=table['name'], typeName='DataSet')])\n")
    assert the_suggestion(code, "SPL603").startswith("# nothing to change for a list of items to act on")


@pytest.mark.parametrize("read, expected", [
    ("pd.read_csv('Files/sales.csv')", "spark.read.csv(path, header=True, inferSchema=True)  # the file `pandas.read_csv`"),
    ("pd.read_excel('Files/sales.xlsx')", 'spark.read.format("com.crealytics.spark.excel")'),
    ("pd.read_parquet('Files/sales/').dropna()", "spark.read.parquet(path)  # the file `pandas.read_parquet`"),
])
def test_a_frame_read_by_pandas_and_handed_to_spark_is_read_as_its_reader_rule_says(read, expected):
    """The data's source read by Spark in its own format, as the pandas reader's rule suggests (a CSV keeps its header
    row), not a Parquet reader for every file."""
    code = SESSION + f"import pandas as pd\nlocal = {read}\nsales = spark.createDataFrame(local)\n"
    assert the_suggestion(code, "SPL609").startswith(expected)


@pytest.mark.parametrize("line, code", [("payload = frame[['name']].to_json(orient='records')", "SPL152"),
                                        ("text = frame.to_csv(index=False)", "SPL150")])
def test_a_writer_given_no_path_is_told_it_returns_text_not_a_spark_write(line, code):
    """With no path, pandas' `to_json`/`to_csv` return the frame as a string: no file for Spark to write."""
    suggestion = the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\n{line}\n", code)
    assert suggestion.startswith("# with no path, `") and "returns the frame as one text in memory" in suggestion


@pytest.mark.parametrize("line, expected", [
    ('frame.groupby("sex")[["survived"]].mean()', 'frame.groupBy("sex").agg(F.mean("survived").alias("survived"))'),
    ('frame.groupby("k")["x"].agg(["mean", "max"])', 'frame.groupBy("k").agg(F.mean("x").alias("x_mean"), F.max("x").alias("x_max"))'),
    ('frame.groupby("k").agg({"a": "sum", "b": ["min", "max"]})',
     'frame.groupBy("k").agg(F.sum("a").alias("a"), F.min("b").alias("b_min"), F.max("b").alias("b_max"))'),
    ('frame.groupby("k").agg(total=("a", "sum"))', 'frame.groupBy("k").agg(F.sum("a").alias("total"))'),
    ('frame.groupby(["k", "d"]).size()', 'frame.groupBy(["k", "d"]).agg(F.count("*").alias("size"))'),
    ('frame.groupby("k").median()', 'frame.groupBy("k").agg(F.median("column").alias("column"))'),
    ('frame.groupby("k").apply(lambda g: list(g["id"]))', 'frame.groupBy("k").agg(...)  # '),
    ('frame.groupby("k")["date"].min().max()',
     'frame.groupBy("k").agg(F.min("date").alias("date")).agg(F.max("date")).first()[0]  # '),
    ('frame.groupby("k")["date"].min().sort_values()', 'frame.groupBy("k").agg(F.min("date").alias("date"))  # '),
])
def test_a_group_by_is_aggregated_with_the_functions_the_code_reduces_its_groups_with(line, expected):
    """The aggregate functions follow the call that reduces the groups (the catalog's functions for groupby), never
    a sum for a mean, and one column's per-group values reduced again are one value; a transform or an apply is
    left to the comment, which says what each becomes. The pandas frame is named as the Spark DataFrame it stands
    for."""
    suggestion = the_suggestion(SESSION + f"frame = spark.table('t').toPandas()\nresult = {line}\n", "SPL201")
    assert suggestion.startswith(expected)
    assert suggestion.endswith("; `frame` as a Spark DataFrame")


@pytest.mark.parametrize("line, expected", [
    ('fresh = new[~new["id"].isin(seen["id"])]', 'new.join(seen.select(F.col("id")), on="id", how="left_anti")'),
    ("kept = new[new.user_id.isin(seen.uid)]",
     'new.join(seen.select(F.col("uid").alias("user_id")), on="user_id", how="left_semi")'),
    ('few = new[new["id"].isin([1, 2, 3])]', "sdf.filter(F.col(\"id\").isin([1, 2, 3]))"),
    ("gone = new.loc[~new.index.isin(seen.index)]", 'new.join(seen, on=index_columns, how="left_anti")  # '),
])
def test_a_filter_by_another_frames_column_is_a_semi_or_anti_join(line, expected):
    """isin() takes values: membership in another frame's column is a join that keeps each row once, anti for `~`."""
    code = SESSION + ("new = spark.table('incoming').toPandas()\nseen = spark.table('existing').toPandas()\n"
                      f"{line}\n")
    assert the_suggestion(code, "SPL241").startswith(expected)


@pytest.mark.parametrize("built, expected", [
    ("FunctionTransformer(np.log1p)", "it applies `np.log1p` to each value, which on a Spark DataFrame is a column "
                                      "expression: sdf.withColumn(c, F.log1p(F.col(c)))"),
    ("FunctionTransformer(func=np.sqrt, inverse_func=np.square)", "sdf.withColumn(c, F.sqrt(F.col(c)))"),
    ("FunctionTransformer(rbf_kernel, kw_args=dict(Y=[[35.0]], gamma=0.1))",
     "it applies `rbf_kernel`, so when that works row by row (most do; not one that scales by a column's own "
     "statistics) each executor can run the transformer as it is on its own rows: sdf.mapInPandas("),
])
def test_a_function_transformer_is_told_its_function_on_columns_not_a_model_to_fit(built, expected):
    code = ("import numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import FunctionTransformer\n"
            "from sklearn.metrics.pairwise import rbf_kernel\nfrom sklearn.pipeline import make_pipeline\n"
            "from sklearn.linear_model import LinearRegression\n"
            f"housing = pd.read_csv('s3://lake/housing.csv')\ntransformer = {built}\n"
            "features = transformer.transform(housing[['population']])\n"
            "model = make_pipeline(transformer, LinearRegression())\n"
            "model.fit(housing[['population']], housing['value'])\n")
    told = {f.line: f.suggestion for f in findings_of(code) if f.code == "SPL417"}
    assert "learns nothing from the data" in told[9] and expected in told[9]
    assert "FunctionTransformer" not in told[11]  # a pipeline's step: the pipeline is what is fitted


@pytest.mark.parametrize("line, expected", [
    ("seen = set([(row[USER], row[RESOURCE]) for _, row in access.iterrows()])",
     '{tuple(r) for r in access.select(USER, RESOURCE).distinct().collect()}  # `access` as a Spark DataFrame: the '
     "executors select the columns the comprehension takes from each row, and the driver gets only those, as a Python "
     'set; when they are many, keep access.select(USER, RESOURCE).distinct() a DataFrame and join with it '
     '(how="left_anti" keeps the rows it lacks)'),
    ("pairs = {(r.user, r['item']) for _, r in access.iterrows()}",
     "{tuple(r) for r in access.select(\"user\", 'item').distinct().collect()}  #"),
    ("names = [row.user for row in access.itertuples()]", '[r[0] for r in access.select("user").collect()]  # `access`'),
    ("totals = [row['a'] + row['b'] for _, row in access.iterrows()]", "# the loop's work for all rows at once"),
    ("masked = {row['user']: row['alias'] for _, row in access.iterrows() if pd.notnull(row['user'])}",
     "{r[0]: r[1] for r in access.where(F.col('user').isNotNull()).select('user', 'alias').collect()}  # `access` as a "
     "Spark DataFrame: the executors select the columns the comprehension takes from each row, and the driver gets "
     "only those, as a Python dict"),
    ("kept = [row['user'] for _, row in access.iterrows() if row['score'] > 3]", "# the loop's work for all rows at once"),
    ("""keys = [f"'{row['user']}'[{row.item}]" for _, row in access.iterrows()]""",
     """[f"'{r['user']}'[{r.item}]" for r in access.select('user', "item").collect()]  # `access` as a Spark DataFrame: """
     "the executors select the columns the comprehension takes from each row, and the driver gets only those, as a "
     """Python list; when they are many, make the text a column of it, access.select(F.format_string("'%s'[%s]", """
     """'user', "item").alias("text"))"""),
    ("""keys = {f"{row.user}: {row.score:.2f}" for row in access.itertuples()}""",
     """{f"{r.user}: {r.score:.2f}" for r in access.select("user", "score").distinct().collect()}  #"""),
])
def test_a_comprehension_of_row_fields_is_a_select_of_those_columns(line, expected):
    code = f"import pandas as pd\nUSER, RESOURCE = 'user', 'res'\naccess = pd.read_csv('s3://lake/access.csv')\n{line}\n"
    assert the_suggestion(code, "SPL301").startswith(expected)


def test_a_process_pool_over_files_on_the_drivers_disk_is_told_executors_cannot_read_them():
    code = ("import glob\nimport multiprocessing\n\ndef count(path):\n    return len(open(path).read())\n\n"
            "def square(x):\n    return x * x\n\n"
            "with multiprocessing.Pool() as pool:\n    sizes = pool.map(count, glob.glob('docs/*.md'))\n"
            "with multiprocessing.Pool(4) as pool:\n    squares = pool.map(square, range(1000))\n")
    files, numbers = suggestions_of(code, "SPL701")
    assert files.startswith("# the pool's items (glob.glob('docs/*.md')) are files on the driver's disk, which no "
                            "executor can read: for Spark tasks, copy the files to storage every executor reads first")
    assert numbers.startswith("sc.parallelize(tasks, len(tasks)).map(fn).collect()")


@pytest.mark.parametrize("call, rule, expected", [
    ('f1_score(frame["label"], frame["pred"], average="weighted")', "SPL461",
     'MulticlassClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="f1")'
     '.evaluate(predictions)  # sklearn\'s average="weighted"; predictions: '),
    ('precision_score(frame["label"], frame["pred"], average="micro")', "SPL462",
     'MulticlassClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="accuracy")'
     '.evaluate(predictions)  # sklearn\'s average="micro"; several labels per row (as arrays): '
     'MultilabelClassificationEvaluator(metricName="microPrecision")'),
    ('recall_score(frame["label"], frame["pred"], average="samples")', "SPL463",
     'MultilabelClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="recall")'
     '.evaluate(predictions)  # average="samples"'),
    ('f1_score(frame["label"], frame["pred"], average="macro")', "SPL461",
     '# average="macro" has no Spark metric: the mean over the labels of MulticlassClassificationEvaluator('
     'labelCol="label", predictionCol="prediction", metricName="fMeasureByLabel", metricLabel=label)'
     '.evaluate(predictions); several labels per row (as arrays): of MultilabelClassificationEvaluator('
     'metricName="f1MeasureByLabel", metricLabel=label)'),
    ('f1_score(frame["label"], frame["pred"], average="binary")', "SPL461",
     'MulticlassClassificationEvaluator(labelCol="label", predictionCol="prediction", metricName="fMeasureByLabel", '
     'metricLabel=1.0).evaluate(predictions)  # sklearn\'s binary default'),
])
def test_a_score_averaged_as_the_code_asks_is_told_the_spark_metric_of_that_average(call, rule, expected):
    code = ("import pandas as pd\nfrom sklearn.metrics import f1_score, precision_score, recall_score\n"
            f"frame = pd.read_csv('s3://lake/preds.csv')\nscore = {call}\n")
    assert the_suggestion(code, rule).startswith(expected)


def test_records_generated_by_nested_loops_are_one_row_per_combination_of_their_turns():
    code = ("import numpy as np\nimport pandas as pd\ncategories = ['tea', 'soda']\nrecords = []\n"
            "for category in categories:\n    for sub in range(n_subcategories):\n        for _ in range(n_skus):\n"
            "            records.append({'category': category, 'price': np.random.rand()})\n")
    [finding] = [f for f in findings_of(code) if f.code == "SPL308"]
    assert "generates `len(categories) * n_subcategories * n_skus` random records" in finding.message
    assert finding.suggestion.startswith("spark.range(len(categories) * n_subcategories * n_skus).select(")
    assert "the loops nest, one record per combination of their turns" in finding.suggestion
    drawn = ("import random\nimport pandas as pd\nusers = []\nfor i in range(num_accounts):\n"
             "    num_users = random.randint(1, 5)\n    for j in range(num_users):\n"
             "        users.append({'account': i, 'score': random.random()})\n")
    [finding] = [f for f in findings_of(drawn) if f.code == "SPL308"]  # a count each turn draws anew is no product
    assert "generates `num_accounts` random records" in finding.message and "loops nest" not in finding.suggestion


@pytest.mark.parametrize("outer", ["for _, opp in opps.iterrows():", "for opp in opp_ids:"])
def test_records_a_count_per_turn_of_an_enclosing_loop_decides_are_exploded_per_outer_row_not_one_range(outer):
    code = ("import numpy as np\nimport pandas as pd\nopps = pd.read_parquet('s3://lake/opps')\nrows = []\n"
            f"{outer}\n    n_meetings = int(np.random.poisson(lam=3))\n    for _ in range(n_meetings):\n"
            "        rows.append({'opp': opp, 'minutes': int(np.random.choice([15, 30]))})\n")
    [finding] = [f for f in findings_of(code) if f.code == "SPL308"]
    assert finding.line == code.splitlines().index("    for _ in range(n_meetings):") + 1
    assert finding.suggestion.startswith("# `n_meetings` records drawn for each turn of the enclosing loop over `")
    assert 'F.explode(F.sequence(F.lit(1), F.col("n")))' in finding.suggestion and "spark.range" not in finding.suggestion


@pytest.mark.parametrize("line, expected", [
    ("df['__rowid__'] = range(1, len(df) + 1)",
     "df = df.withColumn('__rowid__', F.row_number().over(Window.orderBy(F.monotonically_increasing_id())))  # "),
    ("df['idx'] = np.arange(len(df))", "F.row_number().over(Window.orderBy(F.monotonically_increasing_id())) - 1)"),
    ("df['n'] = list(range(5, len(df) + 5))", "F.monotonically_increasing_id())) + (5 - 1))"),
    ("df['k'] = range(10)", "df = df.withColumn('k', new_value)"),
])
def test_a_count_over_the_rows_assigned_as_a_column_is_a_row_number(line, expected):
    code = f"import numpy as np\nimport pandas as pd\ndf = pd.read_excel('s3://lake/book.xlsx')\n{line}\n"
    assert expected in the_suggestion(code, "SPL240")


@pytest.mark.parametrize("use, told", [
    ("agent = create_pandas_dataframe_agent(llm, salaries, verbose=True)", "`create_pandas_dataframe_agent` then takes"),
    ("sns.histplot(salaries, x='salary')\nsalaries.to_parquet('s3://lake/out.parquet')", None),
    ("print(salaries)", None),
    ("salaries.describe()", None),
    ("pickle.dumps(salaries)", None),  # Python's own modules are not such libraries
])
def test_a_read_handed_to_a_library_no_rule_knows_is_told_that_library_takes_pandas(use, told):
    code = ("import pickle\nimport pandas as pd\nimport seaborn as sns\n"
            "from langchain.agents import create_pandas_dataframe_agent\n"
            f"salaries = pd.read_csv('s3://lake/salaries.csv', names=['a', 'b'])\n{use}\n")
    suggestion = the_suggestion(code, "SPL101")
    assert suggestion.startswith("spark.read.csv('s3://lake/salaries.csv', header=False, inferSchema=True)  # ")
    assert ".toDF(*['a', 'b']) after the read names the columns" in suggestion  # the reader's own note stays
    assert (told is not None and f"{told} the frame as pandas: keep this read while the file fits" in suggestion) \
        or (told is None and "takes the frame as pandas" not in suggestion)


def test_a_model_used_later_with_a_method_its_twin_lacks_is_told_so():
    """pyspark.ml's GaussianMixture draws no new points: the twin is still the fit's, with what it leaves out said."""
    code = ("import pandas as pd\nfrom sklearn.mixture import GaussianMixture\nX = pd.read_parquet('faces.parquet')\n"
            "gm = GaussianMixture(n_components=40, random_state=42)\nclusters = gm.fit_predict(X)\n"
            "faces, _ = gm.sample(n_samples=20)\n")
    suggestion = the_suggestion(code, "SPL421")
    assert suggestion.startswith('GaussianMixture(featuresCol="features", k=40, seed=42)  # pyspark.ml.clustering')
    assert suggestion.endswith("; later `gm.sample(…)`: pyspark.ml's model has no `sample`, so that step needs Spark "
                               "code of its own, or stays on the driver with a model fitted there")


def test_models_walked_by_a_loop_are_fitted_on_what_the_loop_gives_them():
    """A list of models fitted in a comprehension on generated points is a demonstration: its constructor says so."""
    code = ("import numpy as np\nfrom sklearn.mixture import GaussianMixture\nX = np.random.rand(300, 2)\n"
            "models = [GaussianMixture(n, random_state=0) for n in range(1, 9)]\n"
            "bics = [model.fit(X).bic(X) for model in models]\n")
    [built] = [f for f in findings_of(code) if f.code == "SPL421"]
    assert built.severity == "info" and built.suggestion.startswith("# nothing to change for data this small")


def test_a_keras_fit_a_tuner_calls_per_trial_is_told_to_spread_the_trials():
    """keras_tuner calls a HyperModel's fit once per trial: no runner spreads that fit, the trials spread."""
    code = ("import keras_tuner as kt\nimport tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
            "class Tuned(kt.HyperModel):\n    def build(self, hp):\n        return build_model(hp)\n"
            "    def fit(self, hp, model, X, y, **kwargs):\n        return model.fit(X, y, **kwargs)\n"
            "model.fit(X_train, y_train, epochs=3)\n")
    tuned, plain = suggestions_of(code, "SPL902")
    assert tuned.startswith("# keras_tuner calls this fit once per trial") and "SparkTrials" in tuned
    assert plain.startswith("MirroredStrategyRunner(")


@pytest.mark.parametrize("line, expected", [
    ('both = left.merge(right, how="outer", left_index=True, right_index=True)',
     'left.join(right, on=index_columns, how="outer")  # '),
    ("both = left.join(right)", 'left.join(right, on=index_columns, how="left")  # '),
    ('both = left.merge(right, on="day")', 'left.join(right, on="day", how="inner")  # '),
])
def test_a_join_is_told_what_pandas_does_unless_told(line, expected):
    """merge is an inner join and join a left one unless told; a match by the index is one on the columns it holds,
    which the suggestion names as a fill-in and says what it is."""
    code = SESSION + f"left = spark.table('a').toPandas()\nright = spark.table('b').toPandas()\n{line}\n"
    suggestion = the_suggestion(code, "SPL202")
    assert suggestion.startswith(expected)
    assert ("index_columns: the columns both frames' indexes hold" in suggestion) == ("index_columns," in expected)


@pytest.mark.parametrize("line, renamed", [
    ('both = left.merge(right, on="day", suffixes=("", "_r"))', ['`right`\'s with .withColumnRenamed(c, c + "_r")']),
    ('both = left.join(right, on="day", lsuffix="_l", rsuffix="_r")',
     ['`left`\'s with .withColumnRenamed(c, c + "_l")', '`right`\'s with .withColumnRenamed(c, c + "_r")']),
    ('both = left.merge(right, on="day")', []),
])
def test_a_join_is_told_to_rename_the_columns_pandas_suffixes(line, renamed):
    """Spark's join keeps a column both frames hold twice under one name: each side pandas suffixes is renamed first."""
    code = SESSION + f"left = spark.table('a').toPandas()\nright = spark.table('b').toPandas()\n{line}\n"
    suggestion = the_suggestion(code, "SPL202")
    told = "a column both frames hold besides the key is not suffixed by Spark's join: rename it first, "
    assert suggestion.endswith(told + " and ".join(renamed)) if renamed else told not in suggestion


def test_a_column_of_a_models_scores_is_made_where_the_rows_are_scored():
    """Predictions line up with the rows they were made from only by pandas' index: the column is added by the
    function that scores each batch (`mapInPandas`), not joined on a key; a list written out is still joined. A
    forecaster reads each time series whole (its lags), so its scores are made per series (`groupBy(...).applyInPandas`),
    which the batches of mapInPandas would split."""
    code = SESSION + ("import joblib\nframe = spark.table('t').toPandas()\nmodel = joblib.load('m.pkl')\n"
                      "quantiles = model.forecast_quantiles(frame)\nframe['p50'] = quantiles[0.5]\n"
                      "frame['score'] = model.predict(frame)\nframe['ward'] = [w % 7 for w in range(len(frame))]\n")
    p50, score, ward = suggestions_of(code, "SPL240")
    assert p50.startswith("frame = frame.groupBy(series_keys).applyInPandas(forecast_series, schema)  # `frame` as a "
                          "Spark DataFrame; forecast_series: a function given one time series of `frame`'s rows as one "
                          "pandas frame that sets its 'p50' from `model.forecast_quantiles` of it (as `quantiles[0.5]` "
                          "reads it) and returns it, so each series is forecast whole on the executors; mapInPandas' "
                          "batches would split a series; series_keys: the columns that tell one series from another")
    assert "from `model.predict` of that batch and yields it" in score and "no key to join on" in score
    assert ward.startswith("frame = frame.join(values, on=key)")


def test_a_model_whose_constructor_is_told_a_twin_is_never_said_to_have_none():
    """A fit of a model the catalog builds no twin for from its settings, but whose constructor's line is told one
    (PCA, ElasticNet), is told that same twin, built of the constructor's own settings, and a pipeline of such steps
    a Pipeline of their twins; a model with no twin (k-nearest neighbours, an RBF SVC: LinearSVC is a linear one's)
    is named so, told to score with mapInPandas."""
    code = ("import pandas as pd\nfrom sklearn.decomposition import PCA\nfrom sklearn.linear_model import ElasticNet\n"
            "from sklearn.neighbors import KNeighborsClassifier\ndf = pd.read_parquet('visits.parquet')\n"
            "pca = PCA(150, svd_solver='randomized')\npca.fit(df)\nnet = ElasticNet(alpha=0.5)\nnet.fit(df[['a']], df['y'])\n"
            "knn = KNeighborsClassifier()\nknn.fit(df[['a']], df['y'])\n"
            "from sklearn.pipeline import make_pipeline\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
            "from sklearn.naive_bayes import MultinomialNB\nfrom sklearn.svm import SVC\n"
            "text = make_pipeline(TfidfVectorizer(), MultinomialNB())\ntext.fit(df['text'], df['y'])\n"
            "kernel = SVC(kernel='rbf')\nkernel.fit(df[['a']], df['y'])\n")
    pca, net, knn, text, kernel = suggestions_of(code, "SPL417")
    assert pca.startswith('model = PCA(k=150, inputCol="features", outputCol="pca_features").fit(train_sdf); scored = '
                          "model.transform(sdf)  # pyspark.ml.feature's twin of `pca`, as the line that builds it is "
                          "told; k counts components")
    assert net.startswith('model = LinearRegression(featuresCol="features", labelCol="label", regParam=0.5, '
                          "elasticNetParam=0.5, standardization=False).fit(train_sdf)")  # scikit-learn's own l1_ratio
    assert knn.startswith("# `KNeighborsClassifier` has no pyspark.ml twin: fit it as it is on a sample")
    assert "no pyspark.ml twin" not in pca + net
    inline = ("import pandas as pd\nfrom sklearn.random_projection import GaussianRandomProjection\n"
              "df = pd.read_parquet('v.parquet')\nprojected = GaussianRandomProjection(random_state=42).fit(df)\n")
    untwinned = the_suggestion(inline, "SPL417")  # a model built where it is fitted: named as one built under a name
    assert untwinned.startswith("# `GaussianRandomProjection` has no pyspark.ml twin")
    assert text.endswith("# pipeline: a pyspark.ml Pipeline of the twins the lines that build `text`'s steps "
                         "(TfidfVectorizer, MultinomialNB) are told, in that order, on a Spark DataFrame")
    assert kernel.startswith("# `SVC` has no pyspark.ml twin")  # an RBF kernel: LinearSVC is only a linear SVC's twin


def test_a_pipeline_whose_steps_all_have_twins_is_told_them_in_order():
    """The pipeline's line and its fit name pyspark.ml's stages; a pipeline with a step pyspark.ml lacks does not."""
    code = ("import pandas as pd\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import "
            "StandardScaler\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.svm import SVC\n"
            "df = pd.read_parquet('visits.parquet')\n"
            "pipe = make_pipeline(StandardScaler(), LogisticRegression(C=2.0))\npipe.fit(df[['a', 'b']], df['y'])\n"
            "kernel = make_pipeline(StandardScaler(), SVC())\nkernel.fit(df[['a', 'b']], df['y'])\n")
    built, kept = suggestions_of(code, "SPL442")
    assert built.endswith(": here pyspark.ml's StandardScaler, LogisticRegression, in that order, after a VectorAssembler "
                          "of the feature columns")
    assert kept.startswith("# `SVC` has no pyspark.ml twin")
    fitted, other = suggestions_of(code, "SPL417")
    assert fitted.startswith("model = pipeline.fit(train_sdf); scored = model.transform(sdf)  # pipeline: the pyspark.ml "
                             "Pipeline the line that builds `pipe` is told, here pyspark.ml's StandardScaler, "
                             "LogisticRegression")
    assert other.startswith("# `SVC` has no pyspark.ml twin, so no pyspark.ml Pipeline can hold this one")  # as built


def test_a_model_with_no_twin_is_not_told_what_a_twin_lacks():
    """An isolation forest has no pyspark.ml model, so its suggestion is not followed by one's missing method."""
    code = ("import pandas as pd\nfrom sklearn.ensemble import IsolationForest\nX = pd.read_parquet('points.parquet')\n"
            "forest = IsolationForest(random_state=0).fit(X)\nscores = forest.score_samples(X)\n")
    assert all("pyspark.ml's model has no" not in f.suggestion for f in findings_of(code))


def test_an_imputers_fit_is_told_its_twin_takes_the_columns_not_a_vector():
    """Spark's Imputer reads the columns themselves (inputCols), never an assembled `features` vector."""
    code = ("import pandas as pd\nfrom sklearn.impute import SimpleImputer\nhomes = pd.read_csv('h.csv')\n"
            "filler = SimpleImputer(strategy='median')\nfilled = filler.fit_transform(homes[['rooms', 'area']])\n")
    told = the_suggestion(code, "SPL417")
    assert told.startswith("model = estimator.fit(train_sdf); scored = model.transform(sdf)  # estimator: the Imputer ")
    assert told.endswith("with the columns that line names") and "vector" not in told


@pytest.mark.parametrize("built, told", [
    ('SimpleImputer(strategy="median")', 'Imputer(inputCols=cols, outputCols=cols, strategy="median")  #'),
    ("SimpleImputer()", 'Imputer(inputCols=cols, outputCols=cols, strategy="mean")  #'),
    ("SimpleImputer(strategy='most_frequent')", 'Imputer(inputCols=cols, outputCols=cols, strategy="mode")  #'),
    ('SimpleImputer(strategy="constant", fill_value=0)', "sdf.fillna(0, subset=cols)  # a constant fill is Spark's fillna"),
    ('SimpleImputer(strategy="constant")', "# a constant fill is Spark's fillna, no Imputer: sdf.fillna(value, subset=cols)"),
    ("SimpleImputer(strategy=chosen)", "Imputer(inputCols=cols, outputCols=cols, strategy=...)  #"),
])
def test_an_imputer_is_told_its_own_strategy_as_spark_spells_it(built, told):
    """Spark's Imputer takes "mean", "median" and "mode" (scikit-learn's "most_frequent"); a constant is a fillna."""
    code = f"import pandas as pd\nfrom sklearn.impute import SimpleImputer\nfiller = {built}\n"
    assert the_suggestion(code, "SPL436").startswith(told)


def test_a_classification_report_is_every_class_s_precision_recall_and_f1():
    """scikit-learn's report gives each class its own precision, recall and F1: one evaluation per label and metric,
    not one label's F1 alone."""
    code = "from sklearn.metrics import classification_report\nprint(classification_report(y_test, y_pred))\n"
    told = the_suggestion(code, "SPL472")
    assert told.startswith('{label: {metric: MulticlassClassificationEvaluator(labelCol="label", predictionCol='
                           '"prediction", metricName=metric, metricLabel=label).evaluate(predictions) for metric in '
                           '("precisionByLabel", "recallByLabel", "fMeasureByLabel")} for label in labels}  #')
    assert 'labels: the label values as numbers, [r[0] for r in predictions.select("label").distinct().collect()]' in told
