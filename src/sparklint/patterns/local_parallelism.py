"""Local parallelism (joblib, scikit-learn's n_jobs) that only uses the cores of the driver.

A thread pool whose tasks call an endpoint or a cloud SDK waits on I/O, which is what threads are for,
so it stays silent; one that computes is reported.

joblib runs its tasks on the machine that calls it unless the Spark backend is active: inside
`with parallel_backend("spark")` (or `parallel_config(backend="spark")`, after
`joblibspark.register_spark()`) the same code fans out to the executors, so it stays silent there.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import keyword
from sparklint.rule import Rule
from sparklint.tree import descendants

PARALLEL = frozenset({"joblib.Parallel", "joblib.parallel.Parallel", "sklearn.utils.parallel.Parallel"})
ESTIMATOR_LIBRARIES = ("sklearn.", "xgboost.", "lightgbm.", "catboost.", "imblearn.")
# scikit-learn entry points whose n_jobs runs whole fits in parallel (the Spark backend's sweet spot).
SEARCHES = frozenset({"cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
                      "validation_curve", "permutation_test_score", "permutation_importance"})
SERIAL = frozenset({"1", "None"})
THREAD_POOLS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor",
                          "multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"})
# Libraries whose calls wait on a remote service: HTTP clients and the SDKs of clouds and workspaces.
REMOTE = ("requests.", "httpx.", "aiohttp.", "urllib.", "sempy.", "sempy_labs.", "azure.", "boto3.", "botocore.",
          "google.cloud.", "msal.", "databricks.sdk.", "notebookutils.", "mssparkutils.")
# Methods of storage clients that move a file or object over the network (`blob.upload_from_filename`,
# `s3.upload_file`, `container.download_blob`): a call on a client whose origin is a parameter still waits.
TRANSFERS = frozenset({"upload_from_filename", "upload_from_file", "upload_from_string", "download_to_filename",
                       "download_to_file", "download_as_bytes", "download_as_string", "download_as_text",
                       "upload_file", "download_file", "upload_fileobj", "download_fileobj", "put_object",
                       "get_object", "upload_blob", "download_blob"})
SUBMITS = frozenset({"submit", "map", "imap", "imap_unordered", "starmap", "apply_async", "map_async"})


class ThreadPoolOnDriver(Pattern):
    """A thread pool, unless every function of the file handed to a pool (`ex.submit(fn, …)`, `ex.map(fn, …)`)
    calls a remote service, itself or through another function of the file: then the threads wait on I/O."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.module: cst.Module | None = None
        self.waits: bool | None = None  # decided at the first pool, once the file's imports are known

    def visit_Module(self, node: cst.Module, ctx: RuleContext) -> None:
        self.module, self.waits = node, None

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if ctx.qualify(node.func) not in THREAD_POOLS:
            return
        if self.waits is None:
            self.waits = self._tasks_wait(ctx)
        if not self.waits:
            ctx.report(self.rule, node, **ctx.call_fields(node))

    def _tasks_wait(self, ctx: RuleContext) -> bool:
        if self.module is None:
            return False
        functions = {f.name.value: f for f in descendants(self.module, cst.FunctionDef)}
        tasks = {call.args[0].value.value for call in descendants(self.module, cst.Call)
                 if isinstance(call.func, cst.Attribute) and call.func.attr.value in SUBMITS and call.args
                 and isinstance(call.args[0].value, cst.Name) and call.args[0].value.value in functions}

        def remote(name: str, seen: set[str]) -> bool:
            seen.add(name)
            for call in descendants(functions[name], cst.Call):
                if (ctx.qualify(call.func) or "").startswith(REMOTE) or (
                        isinstance(call.func, cst.Attribute) and call.func.attr.value in TRANSFERS):
                    return True
                callee = call.func.value if isinstance(call.func, cst.Name) else ""
                if callee in functions and callee not in seen and remote(callee, seen):
                    return True
            return False

        return bool(tasks) and all(remote(task, set()) for task in tasks)


class _LocalJoblib(Pattern):
    """Reports joblib work outside `with parallel_backend("spark")` blocks (the engine tracks those)."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if ctx.in_spark_joblib() or ctx.selects_spark_joblib(node):
            return
        fill = self.fill(node, ctx)
        if fill is not None:
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
