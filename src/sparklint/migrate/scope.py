"""What each name of the script holds once migrated, so later lines can be translated from earlier ones.

A training script is a chain of names: `df` becomes a Spark DataFrame, `X = df[FEATURES]` is not data
but *which columns are features*, `y = df["label"]` is *which column is the label*, `X_train` is a
split frame that still carries both, `scaler` is a pipeline stage waiting for its input column,
`model` an estimator until `fit` turns it into a fitted pipeline, `pred` a frame with a `prediction`
column. The translation of `accuracy_score(y_test, pred)` needs all of that; this module holds it,
in source order, one dictionary per function scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


@dataclass(frozen=True)
class Frame:
    """A Spark DataFrame (the name itself holds it)."""


@dataclass(frozen=True)
class Frames:
    """A Python list of Spark DataFrames (`parts = [pd.read_csv(p) for p in paths]`, or appended one by
    one), which `pd.concat` unions."""


@dataclass(frozen=True)
class Grouping:
    """`g = df.groupby("k")` (or `df.groupby("k")["c"]`) of a Spark frame: each use is translated as if
    the expression stood in its place, while `df` is still the frame it grouped (`fresh`: only columns
    added since, as pandas adds them to the same object). `anchor` is the statement that bound it."""

    frame: str
    node: cst.BaseExpression
    anchor: int
    fresh: bool = True


@dataclass(frozen=True)
class Features:
    """`X = frame[cols]`: the feature columns (a Python expression for the list) of a frame."""

    frame: str
    columns: str  # source of the name that holds the list of column names
    stages: tuple[str, ...] = ()  # preprocessing stages applied since (`scaler.fit_transform(X)`)


@dataclass(frozen=True)
class Label:
    """`y = frame["label"]`: the label column of a frame."""

    frame: str
    column: str  # a Python string literal


@dataclass(frozen=True)
class Split:
    """One side of `train_test_split`: a frame that carries the features and the label."""

    frame: str
    columns: str | None
    label: str | None
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelOf:
    """`y_test`: the label column of a split frame."""

    frame: str
    column: str


@dataclass(frozen=True)
class Estimator:
    """A translated pyspark.ml estimator, not fitted yet; `task` picks evaluators and `score()`."""

    task: str  # classification, regression, clustering, transform
    pipeline: bool = False  # a translated scikit-learn Pipeline: its last stage takes the label
    assembles: bool = False  # it builds the `features` vector itself (a ColumnTransformer at its head)
    spark_class: str = ""  # the pyspark.ml class that trains (a pipeline's last stage's)
    weighted: bool = False  # `class_weight="balanced"`: it trains on a weight column (`learn.balanced`)
    per_row: tuple[tuple[str, str], ...] = ()  # Spark keyword -> scikit-learn's value, set at fit (`learn.per_row`)


@dataclass(frozen=True)
class Fitted:
    """A fitted pyspark.ml PipelineModel."""

    task: str
    trained_on: str | None = None  # the Spark frame a training bridge made from pandas (`learn.fit`)


@dataclass(frozen=True)
class Predictions:
    """`model.predict(X)` / `predict_proba`: a frame with `prediction`/`probability` and the label."""

    frame: str
    label: str | None
    column: str  # "prediction" or "probability"
    positive: bool = False  # `predict_proba(X)[:, 1]`: the positive class's probability alone


@dataclass(frozen=True)
class Steps:
    """`numeric = Pipeline([("impute", SimpleImputer()), …])`: preprocessing steps with no code of
    their own; the ColumnTransformer that names them writes their stages."""

    call: cst.Call


Value = Frame | Frames | Grouping | Features | Label | Split | LabelOf | Estimator | Fitted | Predictions | Steps


@dataclass
class Scope:
    """Names to values, innermost function last; unknown names are plain Python values."""

    frames: list[dict[str, Value | None]] = field(default_factory=lambda: [{}])

    def get(self, name: str) -> Value | None:
        for scope in reversed(self.frames):
            if name in scope:
                return scope[name]
        return None

    def set(self, name: str, value: Value | None) -> None:
        """Bind a name; None records that it now holds a plain Python value (hiding outer meanings)."""
        self.frames[-1][name] = value

    def is_frame(self, name: str) -> bool:
        return isinstance(self.get(name), (Frame, Split))

    def push(self) -> None:
        self.frames.append({})

    def pop(self) -> None:
        self.frames.pop()
