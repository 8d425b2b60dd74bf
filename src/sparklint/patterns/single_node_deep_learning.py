"""Deep-learning training that runs on the driver's GPUs (or CPU) only.

A training loop, a Keras `fit` or a Hugging Face `Trainer` in the script itself trains on the
one machine that runs the script. Inside a function handed to a distributor
(`TorchDistributor.run`, `MirroredStrategyRunner.run`, `HorovodRunner.run`) the same code runs
on the executors, so it must stay silent.
"""

from __future__ import annotations

import re

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import assigned_names, enclosing_function_name, method_call
from sparklint.rule import SUGGESTION_WORDS, Rule
from sparklint.tree import descendants

KERAS_BUILDERS = frozenset({
    "keras.Sequential", "keras.Model", "keras.models.Sequential", "keras.models.Model",
    "keras.models.load_model", "keras.saving.load_model", "keras.models.clone_model",
})
GPU_USE = re.compile(r"cuda|gpu", re.IGNORECASE)
TRAINING_DATA = ("read the data it trains on there too, from storage every worker reads: an array or frame in the "
                 "driver's memory reaches the workers only pickled with the function, a copy per worker, which suits a "
                 "few megabytes, not a data set")
STATEFUL = ("# a stateful layer carries its state from one batch to the next, in order, which no data-parallel "
            "training can split over workers: train it on one machine, a single-node cluster with a GPU")
KERAS_BASES = frozenset({"keras.Model", "keras.models.Model", "keras.Sequential", "keras.models.Sequential"})
# keras_tuner's model builders: the tuner calls their `fit` once per trial it starts.
HYPERMODELS = frozenset({"keras_tuner.HyperModel", "kerastuner.HyperModel"})
PER_TRIAL = ("# keras_tuner calls this fit once per trial: each trial trains on one machine, so spread the trials, not "
             "the fit: one trial per Spark task with Hyperopt's SparkTrials (fmin over the same search space, this "
             "model built and fitted in the objective), or run the tuner as it is on a single node with a GPU")


class _DriverTraining(Pattern):
    """Shared template fields; functions shipped by `.run(fn)` of a Spark runner are dropped by the engine."""

    @staticmethod
    def fill(ctx: RuleContext) -> dict[str, str]:
        """The function to ship, GPUs asked for when the code uses one (`cuda`, a `GPU` device), and what the
        workers need besides."""
        gpu = GPU_USE.search(ctx.source.code) is not None
        return {"function": enclosing_function_name(ctx, "train_fn"), "use_gpu": str(gpu),
                "workers": TRAINING_DATA + ("" if gpu else "; use_gpu=True on GPU workers")}


class TorchTrainingLoop(_DriverTraining):
    """The outermost `for`/`while` whose body calls `.backward()` and `.step()`."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.reported: list[cst.CSTNode] = []

    def visit_For(self, node: cst.For, ctx: RuleContext) -> None:
        self._check(node, ctx)

    def visit_While(self, node: cst.While, ctx: RuleContext) -> None:
        self._check(node, ctx)

    def leave_For(self, node: cst.For, ctx: RuleContext) -> None:
        self._leave(node)

    def leave_While(self, node: cst.While, ctx: RuleContext) -> None:
        self._leave(node)

    def _check(self, node: cst.For | cst.While, ctx: RuleContext) -> None:
        if self.reported:
            return
        calls = descendants(node.body, cst.Call)
        steps = {c.func.attr.value for c in calls if method_call(c, ("backward", "step")) is not None}
        if steps == {"backward", "step"}:
            self.reported.append(node)
            ctx.report(self.rule, node, **self.fill(ctx))

    def _leave(self, node: cst.CSTNode) -> None:
        if self.reported and self.reported[-1] is node:
            self.reported.pop()


class KerasFit(_DriverTraining):
    """`model.fit(...)` on a model built with keras (`Sequential`, `Model`, `load_model`, a subclass)."""

    methods: tuple[str, ...] = ("fit",)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.classes: set[str] = set()
        self.models: set[str] = set()
        self.stateful: set[str] = set()  # models with a stateful layer (`GRU(128, stateful=True)`)
        self.hypermodels: list[cst.ClassDef] = []  # the keras_tuner HyperModel classes being walked

    def visit_ClassDef(self, node: cst.ClassDef, ctx: RuleContext) -> None:
        if any(ctx.qualify(base.value) in KERAS_BASES for base in node.bases):
            self.classes.add(node.name.value)
        if any(ctx.qualify(base.value) in HYPERMODELS for base in node.bases):
            self.hypermodels.append(node)

    def leave_ClassDef(self, node: cst.ClassDef, ctx: RuleContext) -> None:
        if self.hypermodels and self.hypermodels[-1] is node:
            self.hypermodels.pop()

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        names = assigned_names(node)
        value = node.value
        if isinstance(value, cst.Call) and (
            ctx.qualify(value.func) in KERAS_BUILDERS
            or (ctx.qualify(value.func) or "").startswith("keras.applications.")
            or (isinstance(value.func, cst.Name) and value.func.value in self.classes)
        ):
            self.models.update(names)
        else:
            self.models.difference_update(names)
        self.stateful.difference_update(names)
        if any(isinstance(arg.value, cst.Name) and arg.value.value == "True" and arg.keyword is not None
               and arg.keyword.value == "stateful" for call in descendants(value, cst.Call) for arg in call.args):
            self.stateful.update(names)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        model = method_call(node, self.methods)
        if isinstance(model, cst.Name) and model.value in self.models:
            words = {SUGGESTION_WORDS: STATEFUL} if model.value in self.stateful else \
                {SUGGESTION_WORDS: PER_TRIAL} if self.hypermodels else {}
            ctx.report(self.rule, node, **{**ctx.call_fields(node), **self.fill(ctx), **words})


class KerasEvaluate(KerasFit):
    """`model.evaluate(X_test, y_test)` on such a model: the whole test set scored on the driver.
    `predict` is left alone: it is as often called on a handful of rows as on a data set."""

    methods = ("evaluate",)
