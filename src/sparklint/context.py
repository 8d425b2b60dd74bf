"""What a rule may ask while the engine walks a file (`RuleContext`), and the walk's own state.

The walk keeps this state up to date in source order; rules only read it and report. Code that
Spark ships to executors (functions given to `applyInPandas`, `udf`, `TorchDistributor.run`, …)
is not driver work, but the walk often meets such a function before the call that ships it, so
reports carry their enclosing functions and the engine drops those in executor code at the end.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import libcst as cst

from sparklint.names import PROVIDES, Imports, dotted
from sparklint.positions import Positions, call_part
from sparklint.rule import Rule
from sparklint.sources import Source
from sparklint.tree import argument, chain_root, descendants, picks_first, reached
from sparklint.values import (
    CHART_ONLY,
    CHART_ONLY_SUGGESTION,
    CLUSTER_TASK,
    CLUSTER_TASK_SUGGESTION,
    DISTINCT,
    DISTINCT_VALUES,
    DISTRIBUTOR,
    GIVEN_SMALL,
    GIVEN_SMALL_SUGGESTION,
    GROUP_SLICE,
    GROUP_SLICE_SUGGESTION,
    GROUPINGS,
    HOROVOD_TASK,
    HOROVOD_TASK_SUGGESTION,
    ITEMS,
    ITEMS_SUGGESTION,
    LARGE_KINDS,
    LIMITED,
    LIMITED_SUGGESTION,
    LOOKED_AT,
    LOOKED_AT_SUGGESTION,
    LOOKUP,
    METRIC_DRAWN,
    METRICS,
    NUMPY_SMALL,
    PANDAS_SMALL,
    PER_GROUP,
    PER_GROUP_SUGGESTION,
    PER_KEY,
    PER_KEY_SUGGESTION,
    RDD,
    SERVED,
    SESSION,
    SIGNATURE_ONLY,
    SIGNATURE_SUGGESTION,
    SIGNATURES,
    SMALL_ARRAY,
    SMALL_KINDS,
    SMALL_ROWS,
    SPARK,
    SPARK_SMALL,
    SUBMITTED,
    SUBMITTED_SUGGESTION,
    TAKEN,
    TAKEN_HERE,
    WALK,
    WALK_SUGGESTION,
    Flows,
    Values,
    callee_name,
    fed_names,
    method_name,
    overwritten_models,
)

Node = TypeVar("Node", bound=cst.CSTNode)

# Calls that bring another frame's rows into one: what they make is not part of a single parameter's rows.
FRAME_JOINS = frozenset({"merge", "join", "concat", "combine_first", "append", "update"})
# Calls whose function arguments run on executors, by qualified name or by receiver kind.
EXECUTOR_CALLS = frozenset({
    "pyspark.sql.functions.udf", "pyspark.sql.functions.pandas_udf", "pyspark.sql.functions.udtf",
    "hyperopt.fmin", "horovod.spark.run",
})
WEB_APPS = ("streamlit", "flask", "fastapi", "dash", "gradio")  # frameworks that serve pages or endpoints
DATABASE_READS = "pandas.read_sql"  # what pandas' database readers' names start with (`read_sql_query`, ...)
# Clients of REST, DAX and admin APIs (Fabric's semantic link, Power BI, Microsoft Entra): what they return is metadata.
ENDPOINT_CLIENTS = ("requests", "httpx", "aiohttp", "msal", "sempy", "sempy_labs")
# Libraries whose calls wait on a remote service: HTTP clients, the SDKs of clouds and workspaces, and the notebook
# utilities Databricks and Fabric predefine (read by their dotted name, since nothing imports them). `fabric.` is
# sempy.fabric by the name Fabric notebooks give it, imported in a notebook this one runs (%run).
REMOTE = ("requests.", "httpx.", "aiohttp.", "urllib.", "sempy.", "sempy_labs.", "azure.", "azureml.", "boto3.",
          "botocore.", "google.cloud.", "msal.", "databricks.sdk.", "notebookutils.", "mssparkutils.", "dbutils.",
          "pyapacheatlas.", "fabric.")
# Parts of those SDKs that compute on the machine that calls them: Azure ML's metrics, AutoML runtime and explainers.
LOCAL_SDK = ("azureml.training.", "azureml.automl.", "azureml.interpret.", "azureml.explain.")
# Methods of storage clients that move a file or object over the network (`blob.upload_from_filename`,
# `s3.upload_file`, `container.download_blob`): a call on a client whose origin is a parameter still waits.
TRANSFERS = frozenset({"upload_from_filename", "upload_from_file", "upload_from_string", "download_to_filename",
                       "download_to_file", "download_as_bytes", "download_as_string", "download_as_text",
                       "upload_file", "download_file", "upload_fileobj", "download_fileobj", "put_object",
                       "get_object", "upload_blob", "download_blob"})
# Text that addresses a service: a web URL or a REST API's versioned path (`api/2.2/jobs`, `/api/v1/items`,
# `/v1/workspaces/...`).
ENDPOINT = re.compile(r"(?i)^\s*(?:https?://|/?api/v?\d|/?v\d+(?:\.\d+)?/[a-z])")
# Aggregates that gather a group's values in one: a row per group of them holds the data, however few the groups.
GATHERING_AGGREGATES = frozenset({"collect_list", "collect_set", "array_agg"})
# Column names of ids and keys (`ReportID`, `user_id`, `order_key`, `uuid`): as many distinct values as rows.
ID_LIKE = re.compile(r"(?i:(?:^|_)(?:id|key|uuid|guid|email|number|num|no)s?)$|[a-z](?:Id|ID|Key|UUID|Email|Number|No)s?$")
# Spark functions whose values are few whatever the rows: a length, or a part of a date.
FEW_VALUED = frozenset({"size", "length", "char_length", "array_size", "year", "quarter", "month", "weekofyear",
                        "dayofweek", "dayofmonth", "hour"})
# Statements that change a catalog or its grants: a loop that writes them acts on a list of tables, not on data.
# Names of calls that read data (`pd.read_csv`, `spark.read.parquet`, `np.load`, `sdf.toPandas`).
READ_NAMES = ("read", "load", "toPandas", "to_pandas", "collect", "table", "sql")
# A SQL condition that keeps one value of a column: `id = 'x'`, `old_item_id=='{x}'` (not `<=`, `!=`, `>=`).
EQUALITY = re.compile(r"^\s*`?(?P<column>\w+)`?\s*==?(?!=)")
DDL = re.compile(r"(?i)^\s*(?:create|alter|drop|grant|revoke|truncate|comment\s+on)\s")
# What makes a script a task of a multi-machine TensorFlow job: the cluster its launcher describes, or a strategy over it.
# The multi-machine jobs a script can be a task of, by what it reads or calls, and how a finding in one reads.
CLUSTER_JOBS = ((re.compile(r"\bTF_CONFIG\b|\bMultiWorkerMirroredStrategy\b|\bParameterServerStrategy\b"),
                 CLUSTER_TASK, CLUSTER_TASK_SUGGESTION),
                (re.compile(r"\bhvd\.init\(\)"), HOROVOD_TASK, HOROVOD_TASK_SUGGESTION))
USES_SPARK = re.compile(r"(?<![\w.])(?:spark|sc|sqlContext)\s*\.|^\s*(?:%%|# MAGIC %)(?:sql|pyspark)\b", re.MULTILINE)
# Families whose findings on a value that only feeds a chart or a display are dropped (`settled`): preparing a plot,
# the file read for it included, is not data work to move to Spark.
CHARTED_FAMILIES = frozenset({"pandas-io", "pandas-transforms", "sklearn", "row-loops"})
# Spark methods that pull rows to the driver: a pull whose rows only feed a chart is a chart's data, as pandas work is.
PULLS = frozenset({"toPandas", "collect", "toLocalIterator", "take", "tail", "head", "to_pandas", "to_numpy"})
# Spark methods that make a DataFrame of the driver's rows: one made only to be shown (`display(spark.createDataFrame(
# pdf))`) is a display's table, not data sent to the cluster to compute with.
SHOWN_AS_SPARK = frozenset({"createDataFrame"})
READS_DATA = re.compile(r"\bread_(?:csv|parquet|excel|json|table|feather|orc|sas|spss|stata|pickle|hdf|fwf|sql\w*)\s*\(")
# joblib backends that make `delayed(fn)` run on executors; any other backend stays on the driver.
JOBLIB_BACKENDS = frozenset({"joblib.parallel_backend", "joblib.parallel_config", "joblib.parallel.parallel_backend",
                             "sklearn.utils.parallel_backend", "sklearn.utils.parallel_config"})
EXECUTOR_METHODS = {
    SPARK: frozenset({"applyInPandas", "mapInPandas", "mapInArrow", "applyInArrow", "foreachPartition",
                      "foreach", "applyInPandasWithState", "transformWithStateInPandas"}),
    RDD: frozenset({"map", "flatMap", "mapPartitions", "mapPartitionsWithIndex", "filter", "foreach",
                    "foreachPartition", "reduce", "reduceByKey", "aggregate", "fold", "mapValues",
                    "flatMapValues", "combineByKey", "aggregateByKey", "sortBy", "keyBy", "groupBy"}),
    DISTRIBUTOR: frozenset({"run"}),
    SESSION: frozenset(),
}
EXECUTOR_METHODS[SPARK_SMALL] = EXECUTOR_METHODS[SPARK]
# Method names that exist only on Spark objects that ship functions, whatever the receiver looks like.
EXECUTOR_ONLY_METHODS = frozenset({"applyInPandas", "mapInPandas", "mapInArrow", "applyInArrow",
                                   "foreachPartition", "mapPartitions", "register"})
SHIPPING_METHODS = frozenset().union(*EXECUTOR_METHODS.values(), EXECUTOR_ONLY_METHODS)  # any of the above
EXECUTOR_DECORATORS = frozenset({"pyspark.sql.functions.udf", "pyspark.sql.functions.pandas_udf",
                                 "pyspark.sql.functions.udtf"})


@dataclass
class Report:
    """A finding before positions are known: the rule, the node, the template fields, its scopes."""

    rule: Rule
    node: cst.CSTNode
    fill: dict[str, Any]
    scopes: tuple[int, ...]


@dataclass(frozen=True)
class Code:
    """A message field that is part of a reported call as the user wrote it, read once positions are known.

    `part` is the call's `callee`, its `receiver`, its `args` or one argument's `value` (`index`);
    the callee and receiver are folded onto one line so they read inside a one-line message.
    """

    call: cst.Call
    part: str
    index: int = 0

    def read(self, positions: Positions) -> str:
        return self._folded(positions.call_text(self.call, self.part, self.index))

    def spelt(self, code: Callable[[cst.CSTNode], str]) -> str:
        """The same text generated from the tree: no positions, which are read once the walk is over (a model's
        constructor read where its fit is reported, perhaps in the statement the walk is in)."""
        if self.part == "args":  # each argument whole, keyword too, as positions read them
            return ", ".join(code(arg).rstrip(",").strip() for arg in self.call.args)
        return self._folded(code(call_part(self.call, self.part, self.index)[0]))

    def _folded(self, text: str) -> str:
        return " ".join(text.split()) if self.part in ("callee", "receiver") else text


@dataclass
class Signal:
    """A fact an observer noted for the compute estimate (a framework used, a device, a data file)."""

    name: str
    value: str | tuple[str, ...]  # a word, or a `result.DataInput` for a data file
    node: cst.CSTNode


class RuleContext(Protocol):
    """All a rule (a pattern or the table) sees of the walk: the file, names, value kinds, loops,
    enclosing functions, the code of a node, and `report`."""

    source: Source
    module: cst.Module  # the whole file's tree, read-only: where a value goes after the walk's point
    target: str  # the platform suggestions are worded for: spark, databricks or fabric
    imports: Imports
    loops: list[cst.CSTNode]  # enclosing `for`/`while` statements, innermost last
    scopes: list[cst.CSTNode]  # enclosing functions and lambdas, innermost last
    definitions: dict[str, cst.FunctionDef]  # functions defined so far, by name
    values: Values  # what names hold, and how large
    flows: Flows  # where values have gone so far: the values each name was bound to (`Flows.bound`)

    @property
    def positions(self) -> Positions: ...

    def qualify(self, node: cst.BaseExpression) -> str | None: ...

    def kind_of(self, node: cst.BaseExpression) -> str | None: ...

    def code(self, node: cst.CSTNode) -> str: ...

    def in_loop(self) -> bool: ...

    def statement(self, node: cst.CSTNode) -> cst.CSTNode | None: ...

    def in_spark_joblib(self) -> bool: ...

    def selects_spark_joblib(self, node: cst.BaseExpression) -> bool: ...

    def call_fields(self, node: cst.Call) -> dict[str, Code]: ...

    def calls_remote(self, node: cst.CSTNode, functions: dict[str, cst.FunctionDef] | None = None) -> bool: ...

    def fetches_frames(self) -> bool: ...

    def every(self, kind: type[Node]) -> list[Node]: ...

    def report(self, rule: Rule, node: cst.CSTNode, /, **fill: Any) -> None: ...


@dataclass
class Context:
    """The walk's state for one file; rules see it as a `RuleContext`, observers see all of it."""

    source: Source
    module: cst.Module
    target: str = "spark"  # the platform suggestions are worded for: spark, databricks or fabric
    imports: Imports = field(default_factory=Imports)
    values: Values = field(init=False)
    # `imports.qualify` and `values.kind_of` themselves, not methods that pass the question on: rules ask them of
    # nearly every call, and the passing on doubled the calls
    qualify: Callable[[cst.BaseExpression], str | None] = field(init=False, repr=False, compare=False)
    kind_of: Callable[[cst.BaseExpression], str | None] = field(init=False, repr=False, compare=False)
    loops: list[cst.CSTNode] = field(default_factory=list)
    scopes: list[cst.CSTNode] = field(default_factory=list)  # enclosing functions and lambdas
    reports: list[Report] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # cheap tallies observers keep (no positions needed)
    executor_names: set[str] = field(default_factory=set)
    executor_nodes: set[int] = field(default_factory=set)
    definitions: dict[str, cst.FunctionDef] = field(default_factory=dict)
    calls: dict[int, set[str]] = field(default_factory=dict)  # function node id -> names it calls
    spark_joblib_blocks: list[cst.With] = field(default_factory=list)  # enclosing `with parallel_backend("spark")`
    statement_of: dict[int, cst.CSTNode | None] = field(default_factory=dict)  # node id -> the statement holding it
    calls_of: dict[int, list[cst.Call] | None] = field(default_factory=dict)  # statement id -> its calls in order
    _positions: Positions | None = None
    bounds: dict[int, tuple[str, str]] = field(default_factory=dict)  # reported node id -> why it is an info, and
    # instead (empty: the rule's own suggestion)
    drawers: set[str] = field(default_factory=set)  # the file's functions that draw: what they are given is a chart's data
    _acts: dict[int, bool] = field(default_factory=dict)  # loop id -> whether its body acts on items (`acts_on_items`)
    _every: dict[type, list[Any]] = field(default_factory=dict)  # node type -> the file's nodes of it (`every`)
    _integers: dict[str, int] | None = None  # names the module binds once to a number (`_module_integers`)
    _calls_by_name: dict[str, list[cst.Call]] | None = None  # a function's name -> the file's calls of it
    _spelt_called: Counter[str] | None = None  # how often the file's text spells each name before a `(`
    # names bound to a remote service's client or connection (`with connect_semantic_model(...) as tom`,
    # `client = FabricRestClient()`): a call of their methods waits on the service (`note_client`)
    clients: set[str] = field(default_factory=set)
    group_pulls: dict[int, int] = field(default_factory=dict)  # reported node id -> the pull of a row per group in it
    few_keys: set[int] = field(default_factory=set)  # reported pulls of the keys of a grouping into categories
    # reported node id -> the function of the file, the parameter the reported work is done on directly (its position
    # and name) and the function's id
    on_parameter: dict[int, tuple[str, int, str, int]] = field(default_factory=dict)
    given: dict[str, list[tuple[int, dict[int | str, str | None]]]] = field(default_factory=dict)  # function -> each
    # call's callee (the name's id) and the kinds it gives the parameters
    rebound: dict[int, set[str]] = field(default_factory=dict)  # function id -> the names its body assigns (note_rebound)
    _no_spark: bool | None = None  # the source never uses a Spark session (USES_SPARK), read once
    _body: set[int] | None = field(default=None, repr=False)  # ids of the module body's statements, read once
    _reads_data: bool | None = None  # the source calls a data reader (READS_DATA), read once

    def __post_init__(self) -> None:
        self.values = Values(self.imports, self.source.is_notebook, self.source.code)
        self.flows = Flows(self.imports)
        self.qualify = self.imports.qualify
        self.kind_of = self.values.kind_of
        self.values.declare_returns(self.module)

    # --- asked by rules ---------------------------------------------------------------------

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node).strip()

    def every(self, kind: type[Node]) -> list[Node]:
        """The file's nodes of a concrete type (`cst.Call`, not `cst.BaseExpression`), in source order, sorted by type
        in one pass the first time: a rule that looks over the whole file asks at each finding."""
        if not self._every:
            for node in descendants(self.module, cst.CSTNode):
                self._every.setdefault(type(node), []).append(node)
        return self._every.get(kind, [])

    @property
    def positions(self) -> Positions:
        """Node positions, generated only for the statements someone asks about."""
        if self._positions is None:
            self._positions = Positions(self.module, self.source.code, self.statement_of, self.calls_of)
        return self._positions

    def in_spark_joblib(self) -> bool:
        return bool(self.spark_joblib_blocks)

    def selects_spark_joblib(self, node: cst.BaseExpression) -> bool:
        """`parallel_backend("spark")`, `parallel_config(backend="spark")`, or any call with `backend="spark"`."""
        if not isinstance(node, cst.Call):
            return False
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            first = arg is node.args[0] and keyword is None and self.qualify(node.func) in JOBLIB_BACKENDS
            if (first or keyword == "backend") and isinstance(arg.value, cst.SimpleString):
                if arg.value.evaluated_value == "spark":
                    return True
        return False

    def enabled(self, rule: Rule) -> bool:
        """A rule runs only where its library is in play: imported, or predefined in a notebook
        (whatever its file format: Databricks, Fabric and Jupyter-on-Spark notebooks all have `spark`).
        pandas transformations and single-node models are not reported in a file without Spark whose frames are
        fetched, not read (`fetches_frames`): a web app's rows or an API's metadata, not a data set; nor a database
        query in a web app without Spark (`serves_pages`), which fetches what a page shows (the files it reads are
        still reported)."""
        if rule.family in ("pandas-transforms", "sklearn") and self.fetches_frames() \
                or rule.match.call and all(c.startswith(DATABASE_READS) for c in rule.match.call) and self.serves_pages():
            return False
        if self.imports.imports_any(rule.requires):
            return True
        return self.source.is_notebook and "pyspark" in rule.requires

    def may_enable(self, rule: Rule) -> bool:
        """Whether the rule can be enabled anywhere in the file, by a cheap look at its text before the walk: an
        import spells the module it brings (or the one that provides it, PROVIDES), so a file whose text names none
        of the rule's modules never enables it (`enabled`), and the engine leaves its pattern out."""
        if not rule.requires or self.source.is_notebook and "pyspark" in rule.requires:
            return True
        code = self.source.code
        return any(module in code for module in rule.requires) or any(
            provided in rule.requires and provider.split(".")[0] in code for provider, provided in PROVIDES.items())

    def fetches_frames(self) -> bool:
        """Whether the file's frames are what requests fetched, not a data set to move to Spark: it never uses
        Spark, and it is a script that serves a web app (WEB_APPS: rows a request fetched to show), or it calls
        REST, DAX or admin APIs (ENDPOINT_CLIENTS: a pure-Python notebook gathering a tenant's metadata) and
        reads no data file."""
        if self.serves_pages():
            return True
        if "pyspark" in self.imports.modules or not self.imports.imports_any(ENDPOINT_CLIENTS):
            return False  # the imports first: the file's text is searched only when they leave the answer open
        if self._reads_data is None:
            self._reads_data = bool(READS_DATA.search(self.source.code))
        return self._no_spark_used() and not self._reads_data

    def serves_pages(self) -> bool:
        """Whether the file is a script that serves a web app (WEB_APPS) and never uses Spark."""
        return not self.source.is_notebook and "pyspark" not in self.imports.modules \
            and self.imports.imports_any(WEB_APPS) and self._no_spark_used()

    def _no_spark_used(self) -> bool:
        """Whether the file's text never calls Spark (`spark.`, `sc.`, a `%sql` cell), read once."""
        if self._no_spark is None:
            self._no_spark = not USES_SPARK.search(self.source.code)
        return self._no_spark

    def in_loop(self) -> bool:
        return bool(self.loops)

    def statement(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The statement that holds a node the walk has passed: a simple statement's line, or a compound
        statement (`for`, `if`, `with`) when the node is in its header."""
        return self.statement_of.get(id(node))

    def in_module_body(self, node: cst.CSTNode) -> bool:
        """Whether a node the walk has passed is in a simple statement of the module's own body (a notebook cell's
        top level), not in a function, a class, a loop or a branch."""
        if self._body is None:
            self._body = {id(statement) for statement in self.module.body}
        return id(self.statement(node)) in self._body

    def report(self, rule: Rule, node: cst.CSTNode, /, **fill: Any) -> None:
        """Kept if the rule is enabled by what the file has imported so far (rules never ask themselves),
        unless it reports a pandas or NumPy call whose result is small by construction, as a method on
        such a value is never reported (what a later use decides is left to `settled`)."""
        if self.enabled(rule) and not self._small_result(node):
            self._note_pull(rule, node)
            self._note_items(rule, node)
            self._note_lookup(rule, node)
            self._note_group_slice(rule, node)
            self._note_signature(node)
            self._note_cluster_task(rule, node)
            self._note_parameter(node)
            if isinstance(node, cst.Call):
                self.values.note_reported(node, trains=rule.family == "single-node-deep-learning")
            self.reports.append(Report(rule, node, fill, tuple(id(s) for s in self.scopes)))

    def _note_parameter(self, node: cst.CSTNode, through: cst.CSTNode | None = None) -> None:
        """Work done directly on a parameter of the function it is in (`frame[...]` in `def keep(frame, ids)`), or on
        what `through` makes of one (a group of `frame.groupby(k)`): what the file's calls of the function give it
        decides its size, unless the function binds it anew (`settled`)."""
        function = next((s for s in reversed(self.scopes) if isinstance(s, cst.FunctionDef)), None)
        root = chain_root(through or node)
        if function is None or not isinstance(root, cst.Name):
            return
        parameters = [p.name.value for p in function.params.params]
        parameter = self._parameter_behind(root.value, parameters)
        if parameter is not None:
            self.on_parameter[id(node)] = (function.name.value, parameters.index(parameter), parameter, id(function))

    def _parameter_behind(self, name: str, parameters: list[str], seen: frozenset[str] = frozenset()) -> str | None:
        """The parameter a name is, or the one a name bound once holds part of (`eligible = frame[mask]`, then
        `eligible.dropna()`): rows of what callers give, as small as that. Not through a join, which brings others."""
        if name in parameters:
            return name
        bound = self.flows.bound.get(name, ())
        if len(bound) != 1 or name in seen or any(callee_name(call.func) in FRAME_JOINS for call in descendants(bound[0], cst.Call)):
            return None
        root = chain_root(bound[0])
        return self._parameter_behind(root.value, parameters, seen | {name}) if isinstance(root, cst.Name) else None

    def note_rebound(self, target: cst.BaseExpression) -> None:
        """The names an assignment in a function binds there: a parameter among them no longer holds what callers gave."""
        function = next((s for s in reversed(self.scopes) if type(s) is cst.FunctionDef), None)
        if function is not None:
            self.rebound.setdefault(id(function), set()).update(fed_names(target))

    def _note_given(self, node: cst.Call) -> None:
        """The kinds a call of a function the file has defined gives each parameter, by position and by keyword."""
        if node.func.value not in self.definitions or any(arg.star for arg in node.args):  # type: ignore[attr-defined]
            return
        kinds: dict[int | str, str | None] = {}
        for position, arg in enumerate(node.args):
            kinds[arg.keyword.value if arg.keyword is not None else position] = self.values.kind_of(arg.value)
        self.given.setdefault(node.func.value, []).append((id(node.func), kinds))  # type: ignore[attr-defined]

    def _given_small(self, function: str, position: int, name: str, definition: int) -> bool:
        """Whether every use of a function of the file is a call that gives this parameter a small value, which the
        function never binds anew: a function also handed on as a value (`map(f, rows)`) is called in ways the file
        does not show."""
        calls = [] if name in self.rebound.get(definition, ()) else self.given.get(function, [])
        named = {func for func, _ in calls} | {id(self.definitions[function].name)}
        return bool(calls) and all(use in named for use, _ in self.flows.loads.get(function, ())) and all(
            kinds.get(position, kinds.get(name)) in SMALL_KINDS for _, kinds in calls)

    def _note_signature(self, node: cst.CSTNode) -> None:
        """Model work inside MLflow's `infer_signature(...)` only tells MLflow the input's and output's types, which
        a few rows tell as well: an info that says so."""
        if "mlflow" not in self.imports.modules or (statement := self.statement(node)) is None:
            return
        if any(self.qualify(call.func) in SIGNATURES and any(n is node for n in descendants(call, type(node)))
               for call in descendants(statement, cst.Call)):
            self.bounds[id(node)] = (SIGNATURE_ONLY, SIGNATURE_SUGGESTION)

    def _note_cluster_task(self, rule: Rule, node: cst.CSTNode) -> None:
        """Deep learning in a task of a multi-machine job (a script, or the notebook cell that writes one, that reads
        TF_CONFIG, builds a multi-worker strategy or calls Horovod's `hvd.init()`) runs where the job's launcher puts
        it: an info that says a Spark cluster launches no such job, and how Spark starts one."""
        if rule.family != "single-node-deep-learning":
            return
        for job, message, suggestion in CLUSTER_JOBS:
            if job.search(self.source.code) and job.search(self.source.cell_code(self.positions.line(node))):
                self.bounds[id(node)] = (message, suggestion)
                return

    def _note_submitted(self, reports: list[Report]) -> None:
        """Work in a script a notebook cell writes (`%%writefile trial.py`) and another cell hands to a cloud service's
        job (`aiplatform.CustomJob.from_local_script(script_path="trial.py")`, `ScriptRunConfig(script=...)`) runs on
        that service's machines: an info that says so. Read once the walk is over, every import known."""
        submitted = self._submitted_scripts()
        for report in reports if submitted else ():
            located = self.source.locate(self.positions.line(report.node))
            if located is not None and (found := submitted.get(located[0])) is not None:
                self.bounds[id(report.node)] = (SUBMITTED.format(script=found[0], launcher=found[1]),
                                                SUBMITTED_SUGGESTION)

    def _submitted_scripts(self) -> dict[int, tuple[str, str]]:
        """The cells that write a Python script some remote call of the file is given, by index: the script's name
        and that call's callee."""
        scripts = {cell.index: cell.script for cell in self.source.cells if cell.script is not None}
        found = {}
        for index, script in scripts.items():
            for call in self.every(cst.Call):
                callee = self.qualify(call.func) or dotted(call.func) or ""
                if _remote(callee) and any(re.search(rf"(?:^|[\s/]){re.escape(script)}(?:$|\s)", text)
                                           for a in call.args if (text := self.values.text(a.value))):
                    found[index] = (script, dotted(call.func) or callee)
                    break
        return found

    def _note_items(self, rule: Rule, node: cst.CSTNode) -> None:
        """A frame walked or a pull looped over where each iteration calls a service or writes a DDL statement
        (`acts_on_items`) is a list of items to act on, few by nature: an info that says so. A row loop's own
        loop decides (`for _, column in listing.iterrows(): tom.add_data_column(...)`); one around it does not."""
        loops: list[cst.CSTNode]
        if rule.family == "row-loops":  # the loop itself, or the one whose iterable holds the reported call
            loops = [node] if isinstance(node, cst.For) else [loop for loop in self.loops[-1:] if isinstance(loop, cst.For)
                                                               and any(n is node for n in descendants(loop.iter, cst.Call))]
        elif rule.family == "pandas-transforms" or _pull(rule, node):
            loops = [*self.loops, node] if isinstance(node, cst.For) else self.loops
        else:
            return
        if any(self.acts_on_items(loop) for loop in loops):
            self.bounds[id(node)] = (ITEMS, ITEMS_SUGGESTION)
        elif rule.family == "row-loops" and any(self._recurses(loop) for loop in loops):
            self.bounds[id(node)] = (WALK, WALK_SUGGESTION)

    def _note_lookup(self, rule: Rule, node: cst.CSTNode) -> None:
        """The first row of a DataFrame filtered on one value of a key column (`sdf.filter(f"item_id == '{x}'")
        .collect()[0]`, `sdf.where(F.col("id") == x).collect()[0]`) is a lookup, whatever the loop around it does: an
        info that says so, told `first()` as any `collect()[0]` is."""
        if not (isinstance(node, cst.Call) and _pull(rule, node) and method_name(node) == "collect"):
            return
        receiver = node.func.value  # type: ignore[attr-defined]
        if not (isinstance(receiver, cst.Call) and method_name(receiver) in ("filter", "where") and receiver.args):
            return
        statement = self.statement(node)
        key = _compared_key(receiver.args[0].value, self.values.text(receiver.args[0].value))
        if key is not None and ID_LIKE.search(key) and statement is not None and any(
                pick.value is node and picks_first(pick) for pick in descendants(statement, cst.Subscript)):
            self.bounds[id(node)] = (LOOKUP, "")

    def _recurses(self, loop: cst.CSTNode) -> bool:
        """Whether a loop's body calls the function the loop is in, or a function of the file that calls itself:
        each row starts a walk of a tree or graph."""
        function = next((s for s in reversed(self.scopes) if isinstance(s, cst.FunctionDef)), None)
        walkers = {name for name, definition in self.definitions.items() if name in self.calls.get(id(definition), ())}
        if function is not None:
            walkers.add(function.name.value)
        return any(isinstance(call.func, cst.Name) and call.func.value in walkers
                   for call in descendants(loop.body, cst.Call))  # type: ignore[attr-defined]

    def _note_group_slice(self, rule: Rule, node: cst.CSTNode) -> None:
        """pandas work on one group of a group-by written by hand (`for key, part in frame.groupby(k):` then
        `part[cols].rename(...)`, directly or through names bound to the group) is the loop's own work, which is
        reported once where it groups: an info that says so."""
        if rule.family != "pandas-transforms" or not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                                                      or isinstance(node, cst.Attribute)):  # `part["c"].str` too
            return
        loop = next((loop for loop in reversed(self.loops) if isinstance(loop, cst.For)), None)
        if loop is None or method_name(loop.iter) != "groupby" or not isinstance(loop.target, cst.Tuple) \
                or len(loop.target.elements) != 2 or not isinstance(group := loop.target.elements[1].value, cst.Name):
            return
        receiver = chain_root(node.func.value if isinstance(node, cst.Call) else node.value)  # type: ignore[attr-defined]
        if isinstance(receiver, cst.Name) and self._made_from(receiver.value, group.value):
            self.bounds[id(node)] = (GROUP_SLICE, GROUP_SLICE_SUGGESTION)
            self._note_parameter(node, through=loop.iter)  # groups of a parameter: as small as callers give it

    def _made_from(self, name: str, source: str) -> bool:
        """Whether a name is `source`, or is bound to a value made with it, directly or through names so bound
        (`part = group[cols]`, then `joined = joined.merge(part)`): each name looked at once."""
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current == source:
                return True
            if current not in seen:
                seen.add(current)
                pending.extend(n.value for value in self.flows.bound.get(current, ()) for n in descendants(value, cst.Name))
        return False

    def _note_pulled_items(self, pulls: list[cst.Call]) -> None:
        """Rows pulled into a name that a later loop walks acting on each (`rows = spark.sql(q).collect()`, then
        `for i, row in enumerate(rows): client.post(...)`) are items to act on, as the loop is: an info that says so."""
        if not pulls:
            return
        for pull in pulls:
            line = self.statement(pull) if id(pull) not in self.bounds else None
            assign = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
            if isinstance(assign, cst.Assign) and assign.value is pull and len(assign.targets) == 1 \
                    and isinstance(name := assign.targets[0].target, cst.Name) \
                    and any(self.acts_on_items(loop) for loop in self.flows.loops_over.get(name.value, ())):
                self.bounds[id(pull)] = (ITEMS, ITEMS_SUGGESTION)

    def gathers_replies(self, node: cst.Assign) -> bool:
        """`shortcuts = pd.concat([shortcuts, reply_frame])` in a loop that calls a service for each item
        (`acts_on_items`) gathers the service's replies: a payload, whatever the kinds the file shows (a notebook that
        gets pandas from another by `%run` shows none). Not when a part is read from a file, a table or a DataFrame."""
        value = node.value
        if not (self.loops and type(value) is cst.Call and callee_name(value.func) == "concat" and value.args
                and len(node.targets) == 1 and isinstance(target := node.targets[0].target, cst.Name)
                and isinstance(parts := value.args[0].value, (cst.List, cst.Tuple))
                and any(isinstance(e.value, cst.Name) and e.value.value == target.value for e in parts.elements)):
            return False
        made = [v for e in parts.elements for v in (self.flows.bound.get(e.value.value, []) if isinstance(e.value, cst.Name)
                                                    else [e.value])]
        return not any(callee_name(call.func).startswith(READ_NAMES) for v in made for call in descendants(v, cst.Call)) \
            and self.acts_on_items(self.loops[-1])

    def acts_on_items(self, loop: cst.CSTNode) -> bool:
        """Whether a loop's body calls a remote service (`calls_remote`: a REST API, a workspace's SDK, the notebook
        utilities) or writes a DDL statement (`CREATE TABLE ...`, or adds to one: `ddl = ddl + name + " string, "`):
        each iteration is an item to act on, not a row of data to compute with. Read once per loop."""
        if id(loop) not in self._acts:
            texts = itertools.chain((self.values.text(s) for s in descendants(loop, cst.BaseString)), (
                self.values.text(t.target) for a in descendants(loop, cst.Assign) for t in a.targets))
            self._acts[id(loop)] = self.calls_remote(loop) or any(t is not None and DDL.match(t) for t in texts)
        return self._acts[id(loop)]

    def calls_remote(self, node: cst.CSTNode, functions: dict[str, cst.FunctionDef] | None = None) -> bool:
        """Whether code calls a remote service (REMOTE, a storage client's TRANSFERS, a method of one of the file's
        `clients`, or a client given an ENDPOINT's address), itself or through the `functions` of the file it calls
        (by name or as `self.method`; by default, those defined so far)."""
        for code, calls in reached(node, self.definitions if functions is None else functions):
            if any(ENDPOINT.match(self.values.text(s) or "") for s in descendants(code, cst.BaseString)):
                return True
            for call in calls:
                func = call.func
                if _remote(self.qualify(func) or dotted(func) or "") or (
                        isinstance(func, cst.Attribute) and func.attr.value in TRANSFERS) or (
                        isinstance(func, cst.Attribute) and (dotted(func.value) or "").split(".")[0] in self.clients):
                    return True
        return False

    def note_client(self, target: cst.BaseExpression, value: cst.BaseExpression, opened: bool) -> None:
        """Remember a name bound to a client of a REMOTE library: what a `with` block opens, or a class it builds (a
        function's result, `fabric.list_columns(...)`, is what the service replied, not a client)."""
        qualified = self.qualify(value.func) if isinstance(value, cst.Call) else None
        if isinstance(target, cst.Name) and qualified is not None and _remote(qualified) \
                and (opened or qualified.rsplit(".", 1)[-1][:1].isupper()):
            self.clients.add(target.value)

    def _small_result(self, node: cst.CSTNode) -> bool:
        """`pd.concat` of payload frames, `pd.to_datetime("2024-01-01")`, `dataset.take(5).to_pandas_dataframe()`,
        `np.sin(grid)` of a small grid (a model's predictions on small data are reported, as an info). A method
        on a large value is work on all of it, however small its result (`df.corr()`, `df.mean()`)."""
        if not isinstance(node, cst.Call):
            return False
        qualified = self.qualify(node.func)
        if qualified is None and isinstance(node.func, cst.Attribute) and self.kind_of(node.func.value) in LARGE_KINDS:
            return False
        kind = self.kind_of(node)
        return kind == PANDAS_SMALL or (kind == NUMPY_SMALL and (qualified or "").startswith("numpy."))

    def _note_pull(self, rule: Rule, node: cst.CSTNode) -> None:
        """A reported pull (or a comprehension over one) of a DataFrame `limit(n)` bounds is an info that states the
        bound, and so is a loop over the rows `take(n)` pulled into a name. One of a row per group is remembered,
        which `settled` drops if the pull becomes a dict: the value follows the walk, so its kind is read now. One column of it (`counts.filter(...).select("name").collect()`)
        is a value per key, and so are a column's distinct values: an info that states that bound."""
        pull = node.iter if isinstance(node, cst.CompFor) else node
        walked = node.iter if isinstance(node, (cst.CompFor, cst.For)) else None  # rows pulled into a name first
        if isinstance(walked, cst.Name) and _pull(rule, node) and (taken := self.values.taken.get(walked.value)) is not None:
            self.bounds[id(node)] = (TAKEN.format(rows=taken), LIMITED_SUGGESTION)
        if not (isinstance(pull, cst.Call) and isinstance(pull.func, cst.Attribute)):
            return
        rows = self.values.limited(pull.func.value) if _pull(rule, node) else None
        if rows is not None and rows > SMALL_ROWS:
            self.bounds[id(node)] = (LIMITED.format(rows=rows), LIMITED_SUGGESTION)
        if pull.func.attr.value in ("take", "head", "tail") and (
                taken := self.values.integer(argument(pull, 0, "n", "num"))) is not None and taken <= SMALL_ARRAY:
            self.bounds[id(node)] = (TAKEN_HERE.format(rows=taken), LIMITED_SUGGESTION)
        grouped = self.values.per_group(pull.func.value) if method_name(pull) in ("toPandas", "collect") else None
        if grouped is not None:
            self.group_pulls[id(node)] = id(pull)
            keys = grouped == DISTINCT or self._selects_a_key(pull.func.value)
            if keys and _categories(pull.func.value):
                self.few_keys.add(id(node))
            elif keys:
                self.bounds[id(node)] = (DISTINCT_VALUES, PER_KEY_SUGGESTION) if grouped == DISTINCT else (
                    PER_KEY, PER_KEY_SUGGESTION)
            elif (names := _keys(made := self._calls_made(pull.func.value))) and None not in names \
                    and not any(ID_LIKE.search(str(name)) for name in names) \
                    and not any(callee_name(call.func) in GATHERING_AGGREGATES for call in made):
                self.bounds[id(node)] = (PER_GROUP.format(keys=", ".join(map(repr, names))), PER_GROUP_SUGGESTION)

    def _selects_a_key(self, node: cst.BaseExpression) -> bool:
        """`….select("k")` where "k" is a key the rows were grouped by, in the chain or in what the name it starts
        from was bound to (`counts = df.groupBy("k").count()`); not an aggregate such as `collect_list`."""
        if not (isinstance(node, cst.Call) and method_name(node) == "select" and len(node.args) == 1
                and isinstance(node.args[0].value, cst.SimpleString)):
            return False
        return str(node.args[0].value.evaluated_value) in _keys(self._calls_made(node))

    def _calls_made(self, node: cst.BaseExpression) -> list[cst.Call]:
        """The calls of a chain and of what the name it starts from was bound to: the steps that made its rows."""
        root = node
        while isinstance(root, (cst.Call, cst.Attribute)):
            root = root.func if isinstance(root, cst.Call) else root.value
        sources = [node, *(self.flows.bound.get(root.value, []) if isinstance(root, cst.Name) else [])]
        return [call for source in sources for call in descendants(source, cst.Call)]

    def settled(self, reports: list[Report]) -> list[Report]:
        """The reports that stand once the whole file is known. pandas work whose value only feeds a chart or a
        display is dropped (`Flows.plot_only`), and so is a Spark pull whose rows only do (`pdf = sdf.toPandas()`
        then only `plt.scatter(..., data=pdf)`), or a Spark DataFrame made of the driver's rows only to be shown
        (`display(spark.createDataFrame(pdf))`): preparing a plot is not data work to move to Spark, nor is preparing
        a request's payload, which a request sent to a service is given as a chart is (`Flows.sends`). Work whose value
        is only looked at (a notebook's bare `weekly.head()`) is an info that says so: the look is small, what it
        looks at may not be. A model whose results only feed a chart (directly, or through a function of the file
        that draws) stays reported, as an info that says so (`bounds`), and so does its constructor when every
        training and scoring call on it does: a chart shows a sample's worth, yet the model may have been fitted on
        all of it. A metric whose result a chart draws is told that its few numbers come from every row it is given
        (`METRIC_DRAWN`), with its own suggestion: a confusion matrix is a count over all of them. Dropped too: a row
        per group pulled only to become a dict (`counts.toPandas().to_dict()`, `dict(counts.collect())`,
        `{r.key: r.n for r in counts.collect()}`, through a name too): the lookup of one entry per key that Spark's
        own calls take from the driver (`sampleBy` fractions, `fillna` and `replace` values). A model built and
        replaced before any use is not reported either (`values.overwritten_models`), nor one scoring only
        points the code writes out or lays on a grid, nor one built for scikit-learn's API checks
        (`values.on_points`). A pattern's report outranks a table row of its family on the same node: it reads
        the shape the row cannot (`df.join(df[c].explode())` is no join)."""
        charted = [r for r in reports if r.rule.family in CHARTED_FAMILIES or _pull(r.rule, r.node)
                   or isinstance(r.node, cst.Call) and callee_name(r.node.func) in SHOWN_AS_SPARK]
        drawn, looked = self.flows.plot_only(frozenset(self.drawers), self.definitions) if charted else (set(), set())
        plotted = drawn & {id(r.node) for r in charted if not (r.rule.family == "sklearn" and self._summarized(r.node))}
        charted_models = {id(r.node) for r in charted if r.rule.family == "sklearn"} & plotted
        charted_models |= self._fitted_to_draw([r.node for r in charted if r.rule.family == "sklearn"], drawn)
        charted_models |= self._handed_to_draw([r for r in charted if r.rule.family == "sklearn"])
        charted_models |= {origin for origin, calls in self.values.model_calls.items()
                           if all(call in charted_models for call in calls)}  # a model only fitted for a chart
        steps = {id(n) for r in charted if id(r.node) in charted_models for n in descendants(r.node, cst.Call)}
        charted_models |= {id(r.node) for r in charted if r.rule.family == "sklearn" and id(r.node) in steps}  # its steps
        metrics = {id(r.node) for r in charted if id(r.node) in charted_models and isinstance(r.node, cst.Call)
                   and (self.qualify(r.node.func) or "").startswith(METRICS)}  # a reduction of every row: still work
        self.bounds.update((node, (METRIC_DRAWN, "") if node in metrics else (CHART_ONLY, CHART_ONLY_SUGGESTION))
                           for node in charted_models)
        self.bounds.update((id(r.node), (LOOKED_AT, LOOKED_AT_SUGGESTION)) for r in charted if id(r.node) in looked)
        self.bounds.update((id(r.node), (SERVED, "")) for r in reports if id(r.node) in self.values.remote_calls)
        self.bounds.update((id(r.node), (GIVEN_SMALL.format(parameter=used[2], function=used[0]), GIVEN_SMALL_SUGGESTION))
                           for r in reports if (used := self.on_parameter.get(id(r.node))) and self._given_small(*used))
        self._note_pulled_items([r.node for r in reports if isinstance(r.node, cst.Call) and _pull(r.rule, r.node)])
        self._note_submitted(reports)
        lookups = self.flows.dict_sources | self._pulled_into_a_dict()
        models = {id(r.node) for r in reports if r.rule.family == "sklearn"}
        unused = overwritten_models(self.module, models) if models else set()
        shaped = {(r.rule.family, id(r.node)) for r in reports if r.rule.match.pattern}
        return [r for r in reports if (id(r.node) not in plotted or id(r.node) in charted_models)
                and self.group_pulls.get(id(r.node)) not in lookups and id(r.node) not in unused
                and id(r.node) not in self.few_keys and id(r.node) not in self.values.on_points
                and (r.rule.match.pattern or (r.rule.family, id(r.node)) not in shaped)]

    def _pulled_into_a_dict(self) -> set[int]:
        """Pulls bound to a name a dict comprehension then walks (`rows = counts.collect()`, then `{(r.a, r.b): r.n
        for r in rows}`): made a dict, as `{... for r in counts.collect()}` is."""
        return {id(value) for name in self.flows.dict_walked for value in self.flows.bound.get(name, ())}

    def _summarized(self, node: cst.CSTNode) -> bool:
        """Whether a model's results are bound to a name the file also shows reduced to a number (`scores =
        cross_val_score(...)` then `scores.mean()`): an evaluation, whose plot comes after, not a chart's points."""
        line = self.statement(node)
        assign = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
        return isinstance(assign, cst.Assign) and assign.value is node \
            and any(name in self.flows.summarized for t in assign.targets for name in fed_names(t.target))

    def _fitted_to_draw(self, calls: list[cst.CSTNode], drawn: set[int]) -> set[int]:
        """The `model.fit(X, y)` statements among the reported `calls` whose model is otherwise only read for a chart
        (`t0, t1 = model.intercept_, model.coef_` that only feed `plt.plot`): a line fitted to be drawn."""
        fits = [c for c in calls if isinstance(c, cst.Call) and method_name(c) == "fit" and isinstance(c.func.value, cst.Name)  # type: ignore[attr-defined]
                and isinstance(line := self.statement(c), cst.SimpleStatementLine)
                and isinstance(line.body[0], cst.Expr) and line.body[0].value is c]
        receivers = {id(c.func.value) for c in fits}  # type: ignore[attr-defined]
        found = set()
        for fit in fits:
            uses = [use for use, _ in self.flows.loads.get(fit.func.value.value, ())  # type: ignore[attr-defined]
                    if use not in self.flows.targets]
            if all(use in receivers or use in drawn for use in uses) and any(use in drawn for use in uses):
                found.add(id(fit))
        return found

    def _handed_to_draw(self, reports: list[Report]) -> set[int]:
        """The model constructors among the reports bound to a name that, until the name is bound anew, is only handed
        to the file's functions that draw (`clf = DecisionTreeClassifier(); visualize_tree(clf, X, y)`, in a function
        or in a notebook's cell): the model is fitted to be drawn, whatever else the same name holds elsewhere."""
        if not self.drawers:
            return set()
        functions = {id(f): f for f in self.definitions.values()}
        handed: dict[int, set[int]] = {}  # function (or module) id -> ids of the values it hands to a drawer
        found = set()
        for report in reports:
            function = next((functions[s] for s in reversed(report.scopes) if s in functions), None)
            line = self.statement(report.node)
            assign = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
            if not (isinstance(assign, cst.Assign) and assign.value is report.node
                    and len(assign.targets) == 1 and isinstance(target := assign.targets[0].target, cst.Name)):
                continue
            scope = function.body if function is not None else self.module
            if id(scope) not in handed:
                calls = descendants(scope, cst.Call) if function is not None else self.every(cst.Call)
                handed[id(scope)] = {id(a.value) for call in calls if isinstance(call.func, cst.Name)
                                     and call.func.value in self.drawers for a in call.args}
            names = descendants(scope, cst.Name) if function is not None else self.every(cst.Name)
            later = itertools.dropwhile(lambda n: n is not target, names)
            next(later, None)
            uses = list(itertools.takewhile(lambda n: id(n) not in self.flows.targets,
                                            (n for n in later if n.value == target.value)))
            if uses and all(id(use) in handed[id(scope)] for use in uses):
                found.add(id(report.node))
        return found

    def signal(self, name: str, value: str | tuple[str, ...], node: cst.CSTNode) -> None:
        self.signals.append(Signal(name, value, node))

    def count(self, name: str) -> None:
        self.counts[name] += 1

    def scopes_run_on_executors(self) -> bool:
        """Whether the walk is inside a lambda or decorated function already known to run on executors."""
        return any(id(scope) in self.executor_nodes for scope in self.scopes)

    def call_fields(self, node: cst.Call) -> dict[str, Code]:
        """Template fields from a call as the user wrote it: callee, receiver, args, 0, 1…, keyword names.

        They are read from the source once positions are known, and only for calls that are reported.
        """
        fields = {"callee": Code(node, "callee"), "args": Code(node, "args")}
        if isinstance(node.func, cst.Attribute):
            fields["receiver"] = Code(node, "receiver")
        position = 0
        for index, arg in enumerate(node.args):
            if arg.keyword is not None:
                fields[arg.keyword.value] = Code(node, "value", index)
            elif arg.star == "":
                fields[str(position)] = Code(node, "value", index)
                position += 1
        return fields

    # --- kept up to date by the walk --------------------------------------------------------

    def note_call(self, node: cst.Call) -> None:
        """Remember which functions a call ships to executors, the file's own call graph, what data each
        model is given, which models are steps of a pipeline and which lists gather payloads."""
        if self.scopes and isinstance(node.func, cst.Name):
            self.calls.setdefault(id(self.scopes[-1]), set()).add(node.func.value)
        if isinstance(node.func, cst.Name):
            self._note_given(node)
        self.values.note_model_use(node)
        self.values.note_write(node)
        self.values.note_steps(node)
        self.values.note_growth(node, self.loops[-1] if self.loops else None)
        if self.flows.note_call(node, bool(self.loops)):
            function = next((s for s in reversed(self.scopes) if isinstance(s, cst.FunctionDef)), None)
            if function is not None:
                self.drawers.add(function.name.value)
        if not self._ships_functions(node):
            return
        for arg in node.args:
            value = arg.value
            if isinstance(value, cst.Call) and dotted(value.func) in ("partial", "functools.partial") and value.args:
                value = value.args[0].value
            if isinstance(value, cst.Name):
                self.executor_names.add(value.value)
            elif isinstance(value, cst.Lambda):
                self.executor_nodes.add(id(value))

    def _ships_functions(self, node: cst.Call) -> bool:
        qualified = self.qualify(node.func)
        if qualified == "joblib.delayed":
            return self.in_spark_joblib()
        if qualified in EXECUTOR_CALLS:
            return qualified != "hyperopt.fmin" or any(
                a.keyword is not None and a.keyword.value == "trials" and "SparkTrials" in self.code(a.value)
                for a in node.args
            )
        if not isinstance(node.func, cst.Attribute):
            return False
        method = node.func.attr.value
        if method not in SHIPPING_METHODS:  # most methods ship nothing: no need to know the receiver
            return False
        receiver = self.kind_of(node.func.value)
        if method in EXECUTOR_METHODS.get(receiver or "", ()):
            return True
        if method == "register":
            return (dotted(node.func.value) or "").endswith(".udf")
        return receiver is None and method in EXECUTOR_ONLY_METHODS

    def is_executor_decorated(self, node: cst.FunctionDef) -> bool:
        for decorator in node.decorators:
            target = decorator.decorator
            target = target.func if isinstance(target, cst.Call) else target
            if self.qualify(target) in EXECUTOR_DECORATORS:
                return True
        return False

    def executor_scopes(self) -> set[int]:
        """Ids of every function or lambda whose body runs on executors, following local calls."""
        names = self.executor_names | self._entry_points()
        pending = list(names)
        while pending:
            definition = self.definitions.get(pending.pop())
            for callee in self.calls.get(id(definition), ()) if definition is not None else ():
                if callee not in names and callee in self.definitions:
                    names.add(callee)
                    pending.append(callee)
        return self.executor_nodes | {id(self.definitions[n]) for n in names if n in self.definitions}

    def caller_integers(self, function: cst.FunctionDef) -> dict[str, int]:
        """The most each parameter of a function is given as a number the code spells, by every call of it in the file
        (`simulate(train_len=365, test_len=HORIZON)`, `HORIZON = 14` anywhere in the module; a number the parameter
        defaults to where a call leaves it): a helper that makes data of the sizes its callers ask for makes data that
        small. A parameter some call gives anything else is not one; nor in a module with a `__main__` block, whose functions other files call too."""
        name = function.name.value
        if self._spelt_called is None:
            self._spelt_called = Counter(re.findall(r"\b(\w+)\s*\(", self.source.code))
        if self._spelt_called[name] < 2:
            return {}  # no call but its definition: the file's calls are not indexed for it
        if self._calls_by_name is None:
            self._calls_by_name = {}
            for call in self.every(cst.Call):
                if isinstance(call.func, cst.Name):
                    self._calls_by_name.setdefault(call.func.value, []).append(call)
        calls = self._calls_by_name.get(name, [])
        if not calls or any(arg.star for call in calls for arg in call.args) or self.source.kind == "python" and any(
                isinstance(test.left, cst.Name) and test.left.value == "__name__" for test in self.every(cst.Comparison)):
            return {}
        known = self._module_integers()
        sizes: dict[str, int] = {}
        for position, declared in enumerate(function.params.params):
            parameter = declared.name.value
            given = [next((arg.value for index, arg in enumerate(call.args) if (arg.keyword.value == parameter
                                                                                if arg.keyword is not None
                                                                                else index == position)), declared.default)
                     for call in calls]
            numbers = [number for value in given if value is not None
                       and (number := _evaluated(value, known) or self.values.integer(value)) is not None]
            if len(numbers) == len(calls):
                sizes[parameter] = max(numbers)
        return sizes

    def _module_integers(self) -> dict[str, int]:
        """Names the module's own body binds once, to a number it spells (`HORIZON = 14`, `n = HORIZON * 2`)."""
        if self._integers is None:
            bound = [(target.target.value, line.value) for statement in self.module.body
                     if isinstance(statement, cst.SimpleStatementLine) for line in statement.body
                     if isinstance(line, cst.Assign) for target in line.targets if isinstance(target.target, cst.Name)]
            counts = Counter(name for name, _ in bound)
            self._integers = {}
            for name, value in bound:
                number = _evaluated(value, self._integers)
                if counts[name] == 1 and number is not None:
                    self._integers[name] = number
        return self._integers

    def fallback_scopes(self) -> set[int]:
        """Ids of functions an `except ImportError:` defines under a name its `try` imports (`def
        root_mean_squared_error(...)` for an older scikit-learn): a stand-in for the library's function, whose calls
        are reported where the script makes them."""
        found: set[int] = set()
        if "ImportError" not in self.source.code and "ModuleNotFoundError" not in self.source.code:
            return found  # without indexing the file's nodes
        for attempt in self.every(cst.Try):
            imported = {(alias.asname.name if alias.asname else alias.name).value  # type: ignore[union-attr]
                        for line in attempt.body.body if isinstance(line, cst.SimpleStatementLine)
                        for statement in line.body if isinstance(statement, cst.ImportFrom)
                        and not isinstance(statement.names, cst.ImportStar) for alias in statement.names}
            for handler in attempt.handlers:
                if isinstance(handler.type, cst.Name) and handler.type.value in ("ImportError", "ModuleNotFoundError"):
                    found |= {id(definition) for definition in handler.body.body
                              if isinstance(definition, cst.FunctionDef) and definition.name.value in imported}
        return found

    def _entry_points(self) -> set[str]:
        """`init` and `run` of an Azure Machine Learning entry script (a top-level `init()` and `run(batch)`): the
        service calls them on its own nodes, per request or per mini-batch (ParallelRunStep), never on a Spark
        driver."""
        top = {s.name.value: s for s in self.module.body if isinstance(s, cst.FunctionDef)}
        init, run = top.get("init"), top.get("run")
        if init is None or run is None or init.params.params or not 1 <= len(run.params.params) <= 2:
            return set()
        return {"init", "run"}


def _evaluated(value: cst.BaseExpression, known: dict[str, int]) -> int | None:
    """A number an expression spells with literals and names of known numbers, summed or multiplied."""
    if isinstance(value, cst.Integer):
        return int(value.value, 0)
    if isinstance(value, cst.Name):
        return known.get(value.value)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Multiply)):
        left, right = _evaluated(value.left, known), _evaluated(value.right, known)
        if left is None or right is None:
            return None
        return left + right if isinstance(value.operator, cst.Add) else left * right
    return None


def _keys(calls: list[cst.Call]) -> list[str | None]:
    """The keys of the groupings among calls, each literal name (`df.groupBy("k", F.col("d"))`: "k", None)."""
    return [str(a.value.evaluated_value) if isinstance(a.value, cst.SimpleString) else None
            for call in calls if method_name(call) in GROUPINGS for a in call.args]


def _categories(node: cst.BaseExpression) -> bool:
    """Whether a chain pulls the values of columns named as categories (`select("race")`, `select("AsOfHour")`), as
    few as the categories are, not ids or keys (`select("ReportID")`), as many as the rows."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and method_name(node) != "select":
        node = node.func.value
    if not (isinstance(node, cst.Call) and node.args):
        return False
    names = [a.value.evaluated_value for a in node.args if isinstance(a.value, cst.SimpleString)]
    measures = [a for a in node.args if _measure(a.value)]
    return len(names) + len(measures) == len(node.args) and not any(ID_LIKE.search(str(name)) for name in names)


def _measure(node: cst.BaseExpression) -> bool:
    """A column of few values whatever the rows: a length or a calendar part (`F.size("embedding").alias("n")`)."""
    while isinstance(node, cst.Call) and method_name(node) in ("alias", "name", "cast"):
        node = node.func.value  # type: ignore[attr-defined]
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in FEW_VALUED


def _pull(rule: Rule, node: cst.CSTNode) -> bool:
    """A Spark pull's report (`sdf.toPandas()`, `sdf.collect()`), or a loop's or a comprehension's over pulled rows
    (the pull itself, or the name its rows were bound to: the family reports a loop only over rows it pulled)."""
    if rule.family != "spark-driver-pull":
        return False
    return isinstance(node, (cst.CompFor, cst.For)) or isinstance(node, cst.Call) and method_name(node) in PULLS


def _compared_key(condition: cst.BaseExpression, text: str | None) -> str | None:
    """The column a filter keeps one value of: `item_id` of `"item_id == 'a'"` (SQL text) or of
    `F.col("item_id") == x`, `sdf.item_id == x`, `sdf["item_id"] == x`."""
    if text is not None:
        equal = EQUALITY.search(text)
        return equal["column"] if equal else None
    if not (isinstance(condition, cst.Comparison) and len(condition.comparisons) == 1
            and isinstance(condition.comparisons[0].operator, cst.Equal)):
        return None
    column = condition.left
    if isinstance(column, cst.Attribute):
        return column.attr.value
    named = column.args[0].value if isinstance(column, cst.Call) and column.args else \
        column.slice[0].slice.value if isinstance(column, cst.Subscript) and isinstance(column.slice[0].slice, cst.Index) \
        else None
    value = named.evaluated_value if isinstance(named, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _remote(qualified: str) -> bool:
    """Whether a call's qualified name is a remote service's SDK (REMOTE), not a part of it that computes locally."""
    return qualified.startswith(REMOTE) and not qualified.startswith(LOCAL_SDK)
