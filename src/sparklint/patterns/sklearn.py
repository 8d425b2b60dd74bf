"""scikit-learn code whose PySpark form depends on more than one call: a pipeline is as portable as its steps.

A pyspark.ml `Pipeline` can hold a step only when pyspark.ml (or a Spark-native library) has it. Which steps
do is the catalog's knowledge: a step this family's rows translate into code has a twin; the rows that say
there is none, and steps no row knows (a `FunctionTransformer`, a class of the user's), have none.
"""

from __future__ import annotations

from functools import lru_cache

import libcst as cst

from sparklint.catalog import load_rules
from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import pipeline_steps

PIPELINES = ("sklearn.pipeline.Pipeline", "sklearn.pipeline.make_pipeline")
FAMILY = "sklearn"
NO_TWIN = "sklearn-model-without-spark-twin"  # the row that lists the models pyspark.ml lacks
# What SPL442 suggests, by whether every step can be a pyspark.ml stage.
STAGES = "Pipeline(stages=[...])  # pyspark.ml: every stage a pyspark.ml transformer or estimator, fitted on a Spark DataFrame"
NO_STAGES = ("# {steps} no pyspark.ml twin, so no pyspark.ml Pipeline can hold this one: fit it as it is on a sample, "
             "sdf.sample(fraction=0.1).toPandas(), and score the whole data on the executors with "
             "sdf.mapInPandas(predict_batches, schema); or one pipeline per group: sdf.groupBy(key).applyInPandas(fit_group, schema)")


@lru_cache(maxsize=1)
def translated() -> frozenset[str]:
    """The names this family's rows translate into PySpark code (a twin), not into words or the no-twin advice."""
    return frozenset(name for rule in load_rules() if rule.family == FAMILY and rule.name != NO_TWIN
                     and not rule.suggestion.startswith("#") for name in rule.match.call)


class SklearnPipeline(Pattern):
    """`Pipeline([...])` / `make_pipeline(...)`: a pyspark.ml Pipeline when every step has a twin, else words
    naming the steps that have none."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        qualified = ctx.qualify(node.func)
        if qualified not in PIPELINES:
            return
        lacking = [name for name in (_without_twin(step, ctx) for step in pipeline_steps(node, qualified) or ()) if name]
        if lacking:
            steps = ", ".join(f"`{name}`" for name in lacking)
            instead = NO_STAGES.format(steps=f"{steps} {'has' if len(lacking) == 1 else 'have'}")
        else:
            instead = STAGES
        ctx.report(self.rule, node, instead=instead, **ctx.call_fields(node))


def _without_twin(step: cst.BaseExpression, ctx: RuleContext) -> str | None:
    """The name of a step no pyspark.ml stage can stand for; None when it has a twin or the code does not say."""
    if not isinstance(step, cst.Call):
        return None  # a step built elsewhere (`model`), or "passthrough"
    qualified = ctx.qualify(step.func)
    if qualified is None:  # a class of the user's own (a capitalised name), or a function building the step
        return step.func.value if isinstance(step.func, cst.Name) and step.func.value[:1].isupper() else None
    return None if qualified in translated() else qualified.rsplit(".", 1)[-1]
