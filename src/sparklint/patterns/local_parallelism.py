"""Local parallelism (joblib, scikit-learn's n_jobs) that only uses the cores of the driver.

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

PARALLEL = frozenset({"joblib.Parallel", "joblib.parallel.Parallel", "sklearn.utils.parallel.Parallel"})
ESTIMATOR_LIBRARIES = ("sklearn.", "xgboost.", "lightgbm.", "catboost.", "imblearn.")
# scikit-learn entry points whose n_jobs runs whole fits in parallel (the Spark backend's sweet spot).
SEARCHES = frozenset({"cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
                      "validation_curve", "permutation_test_score", "permutation_importance"})
SERIAL = frozenset({"1", "None"})


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
