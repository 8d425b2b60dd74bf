"""The catalog's Spark mappings in the shapes `migrate` translates with.

Every fact here is read from the catalog (`catalog.load_mappings()`): a rule row's `spark` entries
and `rules/mappings/spark.toml`. Nothing is written down twice, so what `sparklint check` suggests
and what `sparklint migrate` writes come from the same row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import libcst as cst

from sparklint.catalog import load_mappings


@dataclass(frozen=True)
class Spec:
    spark: str  # pyspark.ml class, "module.Class" (under pyspark.ml)
    task: str
    params: dict[str, str]  # scikit-learn keyword -> Spark keyword
    defaults: str = ""  # Spark keywords that restate scikit-learn's defaults
    unsupported: tuple[str, ...] = ()  # keywords whose meaning Spark cannot reproduce
    differs: str = ""  # how the pyspark.ml model differs from scikit-learn's with the same keywords
    # Spark keyword -> scikit-learn's default: a penalty scikit-learn sums over the rows of the raw label
    # (Ridge's alpha), which Spark averages over the rows of the label divided by its standard deviation
    per_row: tuple[tuple[str, str], ...] = ()
    # scikit-learn keyword of a (low, high) pair -> the two Spark keywords (`feature_range` -> `min`, `max`)
    ranges: tuple[tuple[str, tuple[str, str]], ...] = ()

    def split(self, key: str, value: cst.BaseExpression, code: Callable[[cst.CSTNode], str]) -> list[str] | None:
        """A pair scikit-learn takes as one keyword (`feature_range=(-1, 1)`) as the twin's two (`min=-1, max=1`);
        None for a keyword that is no such pair, or a value that is no pair written out."""
        names = dict(self.ranges).get(key)
        if names is None or not (isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == 2):
            return None
        return [f"{name}={code(element.value)}" for name, element in zip(names, value.elements, strict=True)]


def _entries(kind: str) -> dict[str, dict[str, Any]]:
    return {name: entry for name, entry in load_mappings().spark.items() if kind in entry}


def estimators() -> dict[str, Spec]:
    """scikit-learn class -> its pyspark.ml estimator."""
    groups = load_mappings().keyword_groups
    return {name: Spec(entry["estimator"].removeprefix("pyspark.ml."), entry["task"],
                       {k: v for group in entry.get("keyword_groups", ()) for k, v in groups[group].items()}
                       | entry.get("keywords", {}),
                       entry.get("defaults", ""), tuple(entry.get("unsupported", ())), entry.get("differs", ""),
                       tuple(entry.get("per_row", {}).items()),
                       tuple((key, tuple(names)) for key, names in entry.get("ranges", {}).items()))
            for name, entry in _entries("estimator").items()}


def keyword_values(name: str, keyword: str) -> dict[str, str]:
    """A keyword's values as the Spark class spells them (the catalog's `values`: SimpleImputer's strategy)."""
    return dict(load_mappings().spark.get(name, {}).get("values", {}).get(keyword, {}))


def ignored_keywords() -> set[str]:
    return set(load_mappings().ignored_keywords)


def metrics() -> dict[str, tuple[str, str, str, str]]:
    """metric function -> (evaluator, metricName, extra keywords, the column it reads)."""
    return {name: (entry["evaluator"], entry["metric"], f", {entry['options']}" if "options" in entry else "",
                   entry["column"])
            for name, entry in _entries("evaluator").items()}


def score() -> dict[str, tuple[str, str]]:
    """task -> (evaluator, metricName) of what a fitted model's `score(X, y)` computes."""
    found = metrics()
    return {task: found[metric][:2] for task, metric in load_mappings().score.items()}


def readers() -> dict[str, tuple[str, set[str]]]:
    """pandas reader -> (Spark format, the keywords it accepts)."""
    return {name: (entry["reader"], set(entry.get("options", ()))) for name, entry in _entries("reader").items()}


def writers() -> dict[str, str]:
    """pandas writer method -> Spark format."""
    return {name: entry["writer"] for name, entry in _entries("writer").items()}


def same_methods() -> dict[str, set[str]]:
    """pandas method -> the keywords Spark's method of the same name takes alike."""
    return {name: set(entry.get("keywords", ())) for name, entry in _entries("method").items()
            if entry["method"] == "same"}


def identity_methods() -> set[str]:
    """pandas methods that a Spark DataFrame needs no counterpart for (it has no index, nothing to copy)."""
    return {name for name, entry in _entries("method").items() if entry["method"] == "identity"}


def functions(name: str) -> dict[str, str]:
    """The Spark functions of an accessor (`str`, `dt`), a group-by's reductions (`groupby`) or NumPy's (`numpy`)."""
    return dict(load_mappings().spark[name]["functions"])


def pairwise_functions() -> dict[str, str]:
    """NumPy's element-wise functions of two values (`np.minimum(3, s)`) and the Spark functions that take two
    columns."""
    return dict(load_mappings().spark["numpy"]["pairwise"])


def timedelta_parts() -> dict[str, str]:
    """What `.dt` reads of the difference of two timestamps (`days`, `total_seconds()`), as Spark computes it."""
    return dict(load_mappings().spark["dt"]["timedelta"])


def as_double(name: str) -> set[str]:
    """The reductions (`groupby`) that read their column as a double, as pandas reads a boolean one."""
    return set(load_mappings().spark[name].get("as_double", ()))


def types(name: str) -> dict[str, str]:
    """The Spark type names a method (`astype`) takes for pandas' and NumPy's type names."""
    return dict(load_mappings().spark[name]["types"])
