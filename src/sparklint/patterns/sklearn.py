"""scikit-learn code whose PySpark form depends on more than one call: a pipeline is as portable as its steps, and a
cross-validation as its model and its scoring.

A pyspark.ml `Pipeline` can hold a step, and a `CrossValidator` evaluate a model, only when pyspark.ml (or a
Spark-native library) has it. Which do is the catalog's knowledge: a model this family's rows translate into code has
a twin; the rows that say there is none, and models no row knows (a `FunctionTransformer`, a class of the user's),
have none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import libcst as cst

from sparklint.catalog import load_catalog, load_mappings, load_rules
from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import keyword, one_line, string_literal
from sparklint.rule import BUILDS_A_CLASS, SUGGESTION_NOTE, SUGGESTION_WORDS, Rule, noted
from sparklint.tree import argument, descendants
from sparklint.values import COMPOSITES, FIT_ONLY, FUNCTION_TRANSFORMER, ON_FIT_ONLY, SEARCHES, Values

PIPELINES = ("sklearn.pipeline.Pipeline", "sklearn.pipeline.make_pipeline")
FAMILY = "sklearn"
NO_TWIN = "sklearn-model-without-spark-twin"  # the row that lists the models pyspark.ml lacks
# What SPL442 suggests, by whether every step can be a pyspark.ml stage.
STAGES = "Pipeline(stages=[...])  # pyspark.ml: every stage a pyspark.ml transformer or estimator, fitted on a Spark DataFrame"
STAGES_NAMED = ": here pyspark.ml's {stages}, in that order, after a VectorAssembler of the feature columns"
AS_IT_IS = ("fit it as it is on a sample, sdf.sample(fraction=0.1).toPandas(), and score the whole data on the executors "
            "with sdf.mapInPandas(predict_batches, schema); or one pipeline per group: "
            "sdf.groupBy(key).applyInPandas(fit_group, schema)")
NO_STAGES = "# {steps} no pyspark.ml twin, so no pyspark.ml Pipeline can hold this one: " + AS_IT_IS
UNTWINNED = "# `{model}` has no pyspark.ml twin: " + AS_IT_IS  # what a model's fit or scoring is told
FUNCTION_STEPS = ("# `FunctionTransformer` runs a Python function, which a pyspark.ml Pipeline holds as SQL: "
                  "SQLTransformer(statement=\"SELECT *, <what the function computes, in SQL> FROM __THIS__\") in its "
                  "place, each other step its pyspark.ml twin; to keep scikit-learn, " + AS_IT_IS)
CLUSTERS_AS_FEATURES = ("# `{step}` is a step before the last, where scikit-learn hands on each point's distances to the "
                        "cluster centres (its transform); pyspark.ml's clustering models add only the cluster's index, so "
                        "no pyspark.ml Pipeline makes the same features: " + AS_IT_IS)
# Searches (SPL451) and cross-validations (SPL453): what their model argument is, and what a CrossValidator cannot
# stand for.
CROSS_VALIDATIONS = ("sklearn.model_selection.cross_val_score", "sklearn.model_selection.cross_validate",
                     "sklearn.model_selection.cross_val_predict")
OUT_OF_FOLD = "sklearn.model_selection.cross_val_predict"
FOLDS = "5"  # scikit-learn's `cv` when none is given (Spark's numFolds defaults to 3)
ON_THE_EXECUTORS = 'joblibspark.register_spark(); with parallel_backend("spark"): {callee}(...)'
NO_OUT_OF_FOLD = ("# `{callee}` returns each row's prediction by the model of the fold that held it out; pyspark.ml's "
                  "CrossValidator returns none (it averages a metric per fold and keeps one model): fit one model per "
                  "fold, folds = sdf.randomSplit([1.0] * k, seed=0), each on the union of the other folds, and transform "
                  "the one held out; or run the folds on the executors: " + ON_THE_EXECUTORS)
NO_TWIN_TO_VALIDATE = ("# {models} no pyspark.ml twin, so no CrossValidator can evaluate it: run the folds on the "
                       "executors, " + ON_THE_EXECUTORS + " (each fold one task, given the whole data, which must fit "
                       "one machine)")
NO_TWIN_TO_SEARCH = ("# {models} no pyspark.ml twin, so no CrossValidator can search it: run its fits on the executors, "
                     'joblibspark.register_spark(); with parallel_backend("spark"): search.fit(X, y) (each candidate and '
                     "fold one task, given the whole data, which must fit one machine)")
SCORER_PREFIX = "neg_"  # scikit-learn negates an error so that greater is better; Spark's evaluators report it as is


@lru_cache(maxsize=1)
def translated() -> dict[str, str | None]:
    """The names this family's rows translate into PySpark code (a twin), not into words or the no-twin advice; not
    those with a twin for some keywords only (`SVC(kernel="linear")`). Each with the pyspark.ml class its suggestion
    builds when it spells one first (`StandardScaler(...)`), else None (a template that fills the class in)."""
    return {name: twin[1] if (twin := BUILDS_A_CLASS.match(rule.suggestion)) else None for rule in load_rules()
            if rule.family == FAMILY and rule.name != NO_TWIN and not rule.suggestion.startswith("#")
            and not rule.match.keywords for name in rule.match.call}


# What a step of a scikit-learn pipeline or transformer of columns is told (`step_suggestion`): its own twin, as a
# stage, where the composite can be a pyspark.ml Pipeline; else the composite's own words.
COLUMN_COMPOSITES = frozenset({"sklearn.compose.ColumnTransformer", "sklearn.compose.make_column_transformer",
                               "sklearn.pipeline.FeatureUnion", "sklearn.pipeline.make_union"})
AS_A_STAGE = "a stage of the pyspark.ml Pipeline that takes the place of the `{composite}`"
AS_A_STAGE_OF_COLUMNS = ("a stage, on the columns the `{composite}` gives it, of a pyspark.ml Pipeline that takes the "
                         "place of the `{composite}`: each step's twin a stage on its own columns, a VectorAssembler "
                         "of their outputs last")
# The arguments of a composite that hold its steps: positions, and these keywords.
STEP_KEYWORDS = frozenset({"steps", "transformers", "transformer_list", "estimators", "estimator", "final_estimator",
                           "regressor", "transformer", "base_estimator"})


def step_suggestion(composite: cst.Call, own: str, values: Values, qualify: Callable) -> str | None:
    """What a step of a pipeline or a transformer of columns is told: its own twin (`own`, its row's suggestion) as a
    stage of the pyspark.ml Pipeline that takes the composite's place, where its line is told one; else what its line
    is told (the steps with no twin, `pipeline_suggestion`). None where a step is a name the file does not bind to a
    model (a parameter, a helper's result), or the composite is another kind (an ensemble): the caller's words."""
    kind = qualify(composite.func) or ""
    classes = _step_classes(composite, values, qualify) if kind in (*PIPELINES, *COLUMN_COMPOSITES) else None
    if classes is None:
        return None
    name = kind.rsplit(".", 1)[-1]
    composite_told = pipeline_suggestion(classes)
    if composite_told.startswith("#") and composite_told != FUNCTION_STEPS:
        return f"# a step of a scikit-learn `{name}`: {composite_told[2:]}"
    if not BUILDS_A_CLASS.match(own):
        return None
    return noted(own, (AS_A_STAGE if kind in PIPELINES else AS_A_STAGE_OF_COLUMNS).format(composite=name))


def _step_classes(node: cst.BaseExpression, values: Values, qualify: Callable,
                  seen: frozenset[str] = frozenset()) -> list[str] | None:
    """The classes of the estimators a composite is made of: those it builds (a class of the user's by its own name),
    those of the composites in it, and those the names among its steps hold (a step's tuple read for its step alone,
    not its name or columns); None when a step is a name the file does not bind to a model, or to one made of itself
    (`model = make_pipeline(scaler, model)`)."""
    def all_of(nodes: list[cst.BaseExpression], names: frozenset[str] = seen) -> list[str] | None:
        parts = [_step_classes(part, values, qualify, names) for part in nodes]
        return None if None in parts else [name for part in parts for name in part]  # type: ignore[union-attr]

    if isinstance(node, cst.Tuple) and len(node.elements) in (2, 3):  # ("num", step, columns), (step, columns)
        named = len(node.elements) == 3 or isinstance(node.elements[0].value, (cst.SimpleString, cst.FormattedString))
        return _step_classes(node.elements[1 if named else 0].value, values, qualify, seen)
    if isinstance(node, (cst.List, cst.Tuple)):
        return all_of([element.value for element in node.elements])
    if isinstance(node, cst.Name):
        if node.value in seen:
            return None
        if node.value in values.models:
            built = sorted((values.model_constructors[i] for i in values.models[node.value]
                            if i in values.model_constructors), key=lambda made: qualify(made.func) or "")  # one order
            inner = {id(call) for made in built for call in descendants(made, cst.Call) if call is not made}
            return all_of([made for made in built if id(made) not in inner], seen | {node.value})
        return [] if node.value in values.name_lists or values.text(node) is not None else None  # columns, a name
    if not isinstance(node, cst.Call):
        return []  # a step's name, columns, "drop" or "passthrough"
    qualified = qualify(node.func) or (node.func.value if isinstance(node.func, cst.Name) else "")
    if qualified in COMPOSITES:
        return all_of([a.value for a in node.args if a.keyword is None or a.keyword.value in STEP_KEYWORDS])
    return [qualified] if qualified.rsplit(".", 1)[-1][:1].isupper() else []  # a class; a function makes no step


class ModelReader(Pattern):
    """A pattern that reads what models are built from: it keeps the value each plain name was last assigned, as the
    walk passes the assignments (`svc = SVC(kernel="rbf")` before `make_pipeline(pca, svc)`)."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.assigned: dict[str, cst.BaseExpression] = {}

    def leave_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.assigned[target.target.value] = node.value
            else:  # `a, b = ...`: what each name holds now is not spelt out
                for name in descendants(target.target, cst.Name):
                    self.assigned.pop(name.value, None)

    def classes(self, model: cst.BaseExpression | None, ctx: RuleContext) -> list[str]:
        """The classes of the estimators a model is built from: those constructed in it (steps, wrapped models) and
        in what the plain names in it were last assigned; a class of the user's is its own name. Empty when the code
        does not say (`search.best_estimator_`, a parameter)."""
        found: dict[str, None] = {}
        for call in self._constructors(model, set()):
            qualified = ctx.qualify(call.func) or (call.func.value if isinstance(call.func, cst.Name) else "")
            if qualified.rsplit(".", 1)[-1][:1].isupper() and qualified not in PIPELINES:
                found[qualified] = None  # a class: functions (`np.log1p`, `partial`) are named in lower case
        return list(found)

    def _constructors(self, node: cst.BaseExpression | None, seen: set[str]) -> list[cst.Call]:
        """The calls a model is made of: itself, its arguments, the elements of its lists and tuples (a pipeline's
        steps), and what a plain name among them holds; not what an attribute reads (`SVR(**search.best_params_)`),
        which is no part of it."""
        if isinstance(node, cst.Name) and node.value not in seen:
            return self._constructors(self.assigned.get(node.value), seen | {node.value})
        if isinstance(node, cst.Call):
            return [node, *(call for arg in node.args for call in self._constructors(arg.value, seen))]
        if isinstance(node, (cst.List, cst.Tuple)):
            return [call for element in node.elements for call in self._constructors(element.value, seen)]
        return []


class SklearnPipeline(ModelReader):
    """`Pipeline([...])` / `make_pipeline(...)`: a pyspark.ml Pipeline when every step has a twin, else words
    naming the steps that have none."""

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        qualified = ctx.qualify(node.func)
        if qualified not in PIPELINES:
            return
        ctx.report(self.rule, node, instead=pipeline_suggestion(self.classes(node, ctx)), **ctx.call_fields(node))


def pipeline_suggestion(classes: list[str]) -> str:
    """A pyspark.ml Pipeline, or words: about a step with no transform for new points, or naming those with no twin."""
    fit_only = next((name for name in classes if name in FIT_ONLY), None)
    if fit_only is not None:
        return ON_FIT_ONLY.format(model=fit_only.rsplit(".", 1)[-1])
    lacking = _lacking(classes)
    if lacking and set(lacking) == {FUNCTION_TRANSFORMER.rsplit(".", 1)[-1]}:
        return FUNCTION_STEPS
    if lacking:
        return NO_STAGES.format(steps=_listed(lacking))
    spark = load_mappings().spark
    clustering = next((name for name in classes[:-1] if spark.get(name, {}).get("task") == "clustering"), None)
    if clustering:
        return CLUSTERS_AS_FEATURES.format(step=clustering.rsplit(".", 1)[-1])
    stages = stage_names(classes)
    return STAGES if stages is None else STAGES + STAGES_NAMED.format(stages=stages)


def stage_names(classes: list[str]) -> str | None:
    """pyspark.ml's stages for a pipeline's steps, in order (`StandardScaler, LogisticRegression`); None when a step
    has no twin whose class its suggestion names, or is itself a pipeline of columns (no one order to name)."""
    stages = [translated().get(name) for name in classes]
    return ", ".join(stages) if stages and None not in stages and "Pipeline" not in stages else None  # type: ignore[arg-type]


class SklearnSearch(ModelReader):
    """`GridSearchCV(model, grid, cv=5, scoring="roc_auc")`: a CrossValidator over the user's grid, spelt in pyspark.ml
    names, with the evaluator of the scoring; words for a model with no pyspark.ml twin."""

    needs = ("SearchCV",)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if ctx.qualify(node.func) not in SEARCHES:
            return
        grid = argument(node, 1, "param_grid", "param_distributions")
        fill = _validated(node, self.classes(argument(node, 0, "estimator"), ctx), ctx, NO_TWIN_TO_SEARCH)
        fill["grid"] = f"`{grid.value}`" if isinstance(grid, cst.Name) else "the grid the search is given"
        ctx.report(self.rule, node, **{"cv": FOLDS, **ctx.call_fields(node)}, **fill)


class SklearnCrossValidation(ModelReader):
    """`cross_val_score(model, X, y, cv=3, scoring="accuracy")` evaluates one model: a CrossValidator with an empty
    grid, the evaluator of the scoring, read by `avgMetrics`; words for out-of-fold predictions and untwinned models."""

    needs = ("cross_val",)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        qualified = ctx.qualify(node.func)
        if qualified not in CROSS_VALIDATIONS:
            return
        fill = _validated(node, self.classes(argument(node, 0, "estimator"), ctx), ctx, NO_TWIN_TO_VALIDATE)
        if qualified == OUT_OF_FOLD:
            fill[SUGGESTION_WORDS] = NO_OUT_OF_FOLD.format(callee=one_line(ctx, node.func))
        ctx.report(self.rule, node, **{"cv": FOLDS, **ctx.call_fields(node)}, **fill)


def _validated(node: cst.Call, classes: list[str], ctx: RuleContext, no_twin: str) -> dict[str, str]:
    """The `estimator` and `evaluator` a CrossValidator takes for a search's or a cross-validation's model (its first
    argument, built from `classes`), with a note on what the code names only by a placeholder; `no_twin`'s words for
    a model pyspark.ml lacks."""
    model = argument(node, 0, "estimator")
    lacking = _lacking(classes)
    if lacking:
        words = no_twin.format(models=_listed(lacking), callee=one_line(ctx, node.func))
        return {"estimator": "est", "evaluator": "evaluator", SUGGESTION_WORDS: words}
    built = classes[0] if len(classes) == 1 else None
    estimator, estimator_note = _estimator(built, model, ctx)
    evaluator, evaluator_note = scoring_evaluator(node, built, ctx)
    note = "; ".join(n for n in (estimator_note, evaluator_note) if n)
    return {"estimator": estimator, "evaluator": evaluator, **({SUGGESTION_NOTE: note} if note else {})}


def _lacking(classes: list[str]) -> list[str]:
    """The names of the classes no pyspark.ml estimator or stage stands for."""
    return [name.rsplit(".", 1)[-1] for name in classes if name not in translated()]


def _listed(names: list[str]) -> str:
    """`SVR` has / `FunctionTransformer`, `SVR` have: the subject of a sentence about them."""
    return f"{', '.join(f'`{name}`' for name in names)} {'has' if len(names) == 1 else 'have'}"


def _estimator(built: str | None, model: cst.BaseExpression | None, ctx: RuleContext) -> tuple[str, str]:
    """The pyspark.ml estimator standing for the model, with the settings that make it that model (GaussianNB's
    `modelType="gaussian"`), and a note when the code names it only as `est`."""
    entry = load_catalog()[1].get(built or "", {})
    spark = entry.get("estimator")
    if spark is not None:
        defaults = f', {entry["defaults"]}' if entry.get("defaults") else ""
        return f'{spark.rsplit(".", 1)[-1]}(featuresCol="features", labelCol="label"{defaults})', ""
    named = f"`{one_line(ctx, model)}`" if model is not None else "the model"
    return "est", f"est: the pyspark.ml estimator standing for {named}"


def scoring_evaluator(node: cst.Call, built: str | None, ctx: RuleContext) -> tuple[str, str]:
    """The evaluator computing the call's `scoring` (or, without one, the model's own `score`), and a note when the
    code names it only as `evaluator` or the metric's sign differs."""
    scoring = keyword(node, "scoring")
    name = string_literal(scoring)
    rows = load_catalog()[1]
    if scoring is None:
        metric = load_mappings().score.get(rows.get(built or "", {}).get("task", ""))
    elif name is not None:
        stem = name.removeprefix(SCORER_PREFIX)
        named = (f"sklearn.metrics.{stem}_score", f"sklearn.metrics.{stem}")  # scoring="accuracy": accuracy_score
        metric = next((function for function in named if "evaluator" in rows.get(function, {})), None)
    else:
        metric = None
    if metric is None:
        shown = "the model's score" if scoring is None else f"scoring={one_line(ctx, scoring)}"
        return "evaluator", f"evaluator: the pyspark.ml evaluator computing {shown}"
    entry = rows[metric]
    options = f", {entry['options']}" if "options" in entry else ""
    negated = name is not None and name.startswith(SCORER_PREFIX)
    sign = f"Spark reports {entry['metric']} as is, scoring={name!r} negates it" if negated else ""
    return f'{entry["evaluator"]}(metricName="{entry["metric"]}"{options})', sign
