"""Local parallelism (joblib, scikit-learn's n_jobs) that only uses the cores of the driver.

A thread pool whose tasks call an endpoint or a cloud SDK waits on I/O, which is what threads are for,
and a process pool whose tasks run programs waits on them, so both stay silent; one that computes is reported.

joblib runs its tasks on the machine that calls it unless the Spark backend is active: inside
`with parallel_backend("spark")` (or `parallel_config(backend="spark")`, after
`joblibspark.register_spark()`) the same code fans out to the executors, so it stays silent there.
"""

from __future__ import annotations

import re
from typing import Any

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import keyword
from sparklint.rule import SUGGESTION_WORDS, Rule
from sparklint.tree import argument, descendants, function_named, reached

PARALLEL = frozenset({"joblib.Parallel", "joblib.parallel.Parallel", "sklearn.utils.parallel.Parallel"})
ESTIMATOR_LIBRARIES = ("sklearn.", "xgboost.", "lightgbm.", "catboost.", "imblearn.")
# scikit-learn entry points whose n_jobs runs whole fits in parallel (the Spark backend's sweet spot).
SEARCHES = frozenset({"cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
                      "validation_curve", "permutation_test_score", "permutation_importance"})
SERIAL = frozenset({"1", "None"})
THREAD_POOLS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor",
                          "multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"})
PROCESS_POOLS = frozenset({"multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.Process",
                           "multiprocessing.context.Process", "multiprocessing.get_context"})
PROCESS_EXECUTORS = frozenset({"concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor"})
PROGRAMS = frozenset({"os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                      "subprocess.check_output", "subprocess.Popen", "subprocess.getoutput", "subprocess.getstatusoutput"})
# Items of a pool named for files on the driver's disk, and what such a pool is told.
LOCAL_FILES = re.compile(r"(?i)file|path|glob|listdir|walk")
ON_LOCAL_FILES = ("# the pool's items ({items}) are files on the driver's disk, which no executor can read: for Spark "
                  "tasks, copy the files to storage every executor reads first, then sc.parallelize(paths, len(paths))"
                  ".map(fn).collect() with fn reading each from there; a few small files are fine in the pool")
SUBMITS = frozenset({"submit", "map", "imap", "imap_unordered", "starmap", "apply_async", "map_async"})


class _PoolOnDriver(Pattern):
    """A pool of the driver's threads or processes (`pools`), unless every function of the file handed to a pool
    (`ex.submit(fn, …)`, `pool.map(fn, …)`) only waits (`waits`), itself or through another function of the file."""

    pools: frozenset[str] = frozenset()

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.tasks_wait: bool | None = None  # decided at the first pool, once the file's imports are known

    def visit_Module(self, node: cst.Module, ctx: RuleContext) -> None:
        self.tasks_wait = None

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if ctx.qualify(node.func) not in self.pools:
            return
        if self.tasks_wait is None:
            self.tasks_wait = self._tasks_wait(ctx)
        if not self.tasks_wait:
            ctx.report(self.rule, node, **ctx.call_fields(node), **self.told(node, ctx))

    def told(self, pool: cst.Call, ctx: RuleContext) -> dict[str, str]:
        """Fields that replace the rule's suggestion for what this pool is handed."""
        return {}

    def waits(self, task: cst.FunctionDef, functions: dict[str, cst.FunctionDef], ctx: RuleContext) -> bool:
        raise NotImplementedError

    def _tasks_wait(self, ctx: RuleContext) -> bool:
        """Whether every task handed to a pool is a function of the file that waits. A task that is a parameter of
        the function submitting it (`pool.submit(worker, item)`) is each function of the file passed as that
        parameter where the function is called (`self._fan_out(items, self._fetch_job)`)."""
        functions = {f.name.value: f for f in ctx.every(cst.FunctionDef)}
        enclosing = {id(call): f for f in functions.values() for call in descendants(f, cst.Call)}  # innermost last
        tasks: set[str] = set()
        calls = ctx.every(cst.Call)
        for call in calls:
            if not (isinstance(call.func, cst.Attribute) and call.func.attr.value in SUBMITS and call.args):
                continue
            task, submitter = function_named(call.args[0].value), enclosing.get(id(call))
            if task is None:
                continue
            if task in functions:
                tasks.add(task)
            elif submitter is not None:
                tasks |= {name for name in _passed_as(submitter, task, calls) if name in functions}
        return bool(tasks) and all(self.waits(functions[task], functions, ctx) for task in tasks)


class ThreadPoolOnDriver(_PoolOnDriver):
    """A thread pool whose tasks call a remote service wait on I/O, which is what threads are for."""

    pools = THREAD_POOLS
    needs: tuple[str, ...] = ("ThreadPool", "Pool")

    def waits(self, task: cst.FunctionDef, functions: dict[str, cst.FunctionDef], ctx: RuleContext) -> bool:
        return ctx.calls_remote(task, functions)


class ProcessPoolOnDriver(_PoolOnDriver):
    """A process pool whose tasks run programs (`os.system("sbt package")`, `subprocess.run`) waits on them: the
    programs do the work, in processes of their own."""

    pools = PROCESS_POOLS
    needs: tuple[str, ...] = ("Pool", "Process", "get_context")

    def waits(self, task: cst.FunctionDef, functions: dict[str, cst.FunctionDef], ctx: RuleContext) -> bool:
        return any(ctx.qualify(call.func) in PROGRAMS for _, calls in reached(task, functions) for call in calls)

    def told(self, pool: cst.Call, ctx: RuleContext) -> dict[str, str]:
        """Items named for files (`pool.map(self.process, self.list_input_files())`) are on the driver's disk, where
        no executor can read them: a Spark task per item needs them in shared storage first. The pool's calls are
        those in the `with` block that opens it."""
        block = ctx.statement(pool)
        calls = descendants(block, cst.Call) if isinstance(block, cst.With) else []
        items = next((ctx.code(call.args[1].value) for call in calls if isinstance(call.func, cst.Attribute)
                      and call.func.attr.value in SUBMITS and len(call.args) >= 2
                      and LOCAL_FILES.search(ctx.code(call.args[1].value))), None)
        return {} if items is None else {SUGGESTION_WORDS: ON_LOCAL_FILES.format(items=items)}


class ExecutorPoolOnDriver(ProcessPoolOnDriver):
    """`concurrent.futures`' process pool: the same, by its own names."""

    pools = PROCESS_EXECUTORS
    needs = ("ProcessPoolExecutor",)


def _passed_as(function: cst.FunctionDef, parameter: str, calls: list[cst.Call]) -> set[str]:
    """The names of the functions given as `parameter` wherever `function` is called among the file's `calls`."""
    names = [p.name.value for p in function.params.params]
    if parameter not in names:
        return set()
    position = names.index(parameter) - (1 if names[0] in ("self", "cls") else 0)
    passed = set()
    for call in calls:
        if function_named(call.func) != function.name.value:
            continue
        given = argument(call, position, parameter)
        name = function_named(given) if given is not None else None
        if name is not None:
            passed.add(name)
    return passed


class _LocalJoblib(Pattern):
    """Reports joblib work outside `with parallel_backend("spark")` blocks (the engine tracks those)."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        fill = self.fill(node, ctx)  # first: it turns away nearly every call, for less than the backend's test
        if fill is not None and not ctx.in_spark_joblib() and not ctx.selects_spark_joblib(node):
            ctx.report(self.rule, node, **fill)

    def fill(self, node: cst.Call, ctx: RuleContext) -> dict[str, Any] | None:
        """Template fields when the call runs joblib work locally, else None."""
        raise NotImplementedError


class JoblibParallel(_LocalJoblib):
    """`Parallel(n_jobs=...)(delayed(f)(x) for x in xs)` outside the Spark backend."""

    def fill(self, node: cst.Call, ctx: RuleContext) -> dict[str, Any] | None:
        return ctx.call_fields(node) if ctx.qualify(node.func) in PARALLEL else None


class EstimatorNJobs(_LocalJoblib):
    """`GridSearchCV(..., n_jobs=-1)`, `RandomForestClassifier(n_jobs=-1)`: the driver's cores only."""

    def fill(self, node: cst.Call, ctx: RuleContext) -> dict[str, Any] | None:
        qualified = ctx.qualify(node.func) or ""
        jobs = keyword(node, "n_jobs")
        if not qualified.startswith(ESTIMATOR_LIBRARIES) or jobs is None or ctx.code(jobs) in SERIAL:
            return None
        short = qualified.rsplit(".", 1)[-1]
        if short.endswith("SearchCV") or short in SEARCHES:
            instead = (f'with parallel_backend("spark", n_jobs=...): {short}(..., n_jobs=...)  '
                       "# joblibspark.register_spark() first: each fit becomes a Spark task")
        else:
            instead = (f"# the pyspark.ml (or xgboost.spark) counterpart of {short}, trained on the Spark DataFrame; "
                       "n_jobs only adds threads on the driver")
        return {**ctx.call_fields(node), "n_jobs": ctx.code(jobs), "instead": instead}
