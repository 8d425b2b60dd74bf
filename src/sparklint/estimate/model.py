"""The explainable scoring: features from a file's signals, findings and data size, weighed by weights.toml.

Each of the three questions (processor, memory, scale) is a sum of weights, so every answer can
name the lines that moved it and by how much. The features are facts in the guidance's terms
(deep learning, unstructured data, whole data sets in memory, code already written for Spark);
the numbers live in `weights.toml`, never here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from sparklint.config import parse_size
from sparklint.result import DataInput, LocatedSignal
from sparklint.rule import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

QUESTIONS = ("processor", "memory", "scale")
DEEP_FRAMEWORKS = frozenset({"torch", "tensorflow", "jax", "transformers"})  # `use`/`import` values of deep learning
IN_MEMORY_ENGINES = frozenset({"pandas", "numpy", "polars", "python", "rapids"})
STREAMING_ENGINES = frozenset({"images", "audio", "hf-datasets", "torch"})
GPU_TARGET = "gpu-node"
DISTRIBUTED_FEATURES = {  # `distributed` signal value -> scale feature
    "spark-dataframe": "spark_dataframe", "spark-ml": "spark_ml_used", "pandas-on-spark": "pandas_on_spark",
    "pandas-udf": "pandas_udf", "spark-trials": "spark_trials", "xgboost-spark": "xgboost_spark",
    "torch-distributor": "torch_distributor", "horovod-spark": "horovod_spark",
}
SINGLE_NODE_LAUNCHERS = frozenset({"ddp", "accelerate", "deepspeed", "horovod", "tf-strategy"})


class Input(NamedTuple):
    """An `input` signal and its value: the library that reads the data, its format and the path as written."""

    signal: LocatedSignal
    engine: str
    format: str
    path: str


@dataclass(frozen=True)
class Evidence:
    """A feature that a file shows: where (the first line that showed it) and the value its reason names."""

    feature: str
    value: str = ""
    line: int | None = None
    cell: int | None = None
    cell_line: int | None = None


@dataclass(frozen=True)
class Scored:
    """One question's answer, its sum, and the evidence that moved it, strongest first."""

    answer: str
    score: float
    margin: float
    evidence: tuple[tuple[Evidence, float], ...]


@dataclass(frozen=True)
class Weights:
    table: dict[str, Any]

    def size(self, key: str) -> int:
        return parse_size(self.table["sizes"][key], f"weights.toml: sizes.{key}")

    def expansion(self, fmt: str) -> float:
        return float(self.table["expansion"].get(fmt, self.table["expansion"]["default"]))

    def reason(self, evidence: Evidence) -> str:
        return self.table["reasons"][evidence.feature].format(value=evidence.value)


@lru_cache(maxsize=1)
def load_weights(path: str | None = None) -> Weights:
    with open(path or Path(__file__).with_name("weights.toml"), "rb") as handle:
        return Weights(tomllib.load(handle))


def score(question: str, evidence: Iterable[Evidence], weights: Weights) -> Scored:
    """bias + the weight of each present feature (a group counts its strongest member once)."""
    section = weights.table[question]
    table = section["weights"]
    groups = section.get("groups", {})
    present = [(e, float(table[e.feature])) for e in evidence if e.feature in table]
    total = float(section["bias"])
    grouped = {member for members in groups.values() for member in members}
    for members in groups.values():
        inside = [w for e, w in present if e.feature in members]
        if inside:
            total += max(inside, key=abs)
    total += sum(w for e, w in present if e.feature not in grouped)
    threshold = float(section["threshold"])
    answer = section["answers"][1] if total > threshold else section["answers"][0]
    ranked = tuple(sorted(present, key=lambda pair: -abs(pair[1])))
    return Scored(answer, total, abs(total - threshold), ranked)


def features(
    signals: list[LocatedSignal], findings: list[Finding], data_bytes: int | None, notebook: bool, weights: Weights,
) -> dict[str, list[Evidence]]:
    """The evidence for each question, derived from what the observer noted and what the rules found."""
    first: dict[tuple[str, str], LocatedSignal] = {}  # every signal but the inputs carries a word
    first_named: dict[str, LocatedSignal] = {}
    for s in signals:
        if isinstance(s.value, str):
            first.setdefault((s.name, s.value), s)
            first_named.setdefault(s.name, s)

    def has(name: str, value: str | None = None) -> LocatedSignal | None:
        return first_named.get(name) if value is None else first.get((name, value))

    def word(name: str, values: Iterable[str] | None = None) -> tuple[str, LocatedSignal] | None:
        """The first signal of `name` (with one of `values`), and its word."""
        return next(((v, s) for (n, v), s in first.items() if n == name and (values is None or v in values)), None)

    def ev(feature: str, signal: LocatedSignal | Finding | None, value: str = "") -> Evidence:
        if signal is None:
            return Evidence(feature, value)
        return Evidence(feature, value, signal.line, signal.cell, signal.cell_line)

    inputs = [Input(s, *s.value) for s in signals if isinstance(s.value, DataInput)]
    first_input = inputs[0].signal if inputs else None  # where a reason about the data's size points
    deep_use = word("use", DEEP_FRAMEWORKS)
    deep = deep_use[1] if deep_use else has("model", "deep")
    processor: list[Evidence] = []
    memory: list[Evidence] = []
    scale: list[Evidence] = []

    # --- processor: deep learning and unstructured data want a GPU, classical tabular work a CPU.
    if deep is not None:
        processor.append(ev("deep_learning", deep, deep_use[0] if deep_use else "a neural network"))
    elif (imported := word("import", DEEP_FRAMEWORKS)) is not None:
        processor.append(ev("deep_learning_imported", imported[1], imported[0]))
    if has("use", "transformers"):
        processor.append(ev("pretrained_model", has("use", "transformers")))
    for modality in ("image", "audio", "text"):
        if has("data", modality):
            processor.append(ev(f"{modality}_data", has("data", modality)))
    tabular = has("data", "tabular")
    if tabular and not (has("data", "image") or has("data", "audio")):
        # Cite the read that shows the format, not merely the first tabular read.
        cited = next((i for i in inputs if i.format), None)
        processor.append(ev("tabular_data", cited.signal, cited.format) if cited else ev("tabular_data", tabular, "tables"))
    if has("device", "gpu"):
        processor.append(ev("gpu_device", has("device", "gpu")))
    elif has("device", "cpu"):
        processor.append(ev("cpu_device", has("device", "cpu")))
    if has("use", "rapids"):
        processor.append(ev("gpu_libraries", has("use", "rapids")))
    gpu_findings = [f for f in findings if f.target == GPU_TARGET]
    if gpu_findings:
        processor.append(ev("gpu_findings", gpu_findings[0], str(len(gpu_findings))))
    classic = has("model", "classic")
    if classic is not None:
        library = next((v for v in ("boosting", "statsmodels", "sklearn") if has("use", v)), "scikit-learn")
        processor.append(ev("classic_ml", classic, {"boosting": "gradient boosting"}.get(library, library)))
    spark_ml = has("distributed", "spark-ml") or has("distributed", "xgboost-spark")
    if spark_ml is not None and deep is None:
        processor.append(ev("spark_ml", spark_ml, "pyspark.ml"))
    if not any(s.name in ("use", "import") for s in signals):
        processor.append(Evidence("plain_python"))

    # --- memory: what one node must hold at once.
    medium, large, small, cluster = (weights.size(k) for k in ("in_memory_medium", "in_memory_large", "small", "cluster"))
    chunked = has("chunked")
    full_pull = has("driver-pull", "full")
    in_memory = [i for i in inputs if i.engine in IN_MEMORY_ENGINES]
    distributed = [(v, s) for (n, v), s in first.items() if n == "distributed"]
    holds_whole = bool(in_memory) or (not inputs and not distributed and bool(
        has("use", "pandas") or has("use", "numpy") or has("use", "polars")))
    if data_bytes is not None:
        formats = [i.format for i in in_memory if i.format] or [""]
        footprint = int(data_bytes * max(weights.expansion(f or "default") for f in formats))
        where = in_memory[0].signal if in_memory else has("use", "pandas") or has("use", "numpy") or has("use", "polars")
        if chunked is not None:
            memory.append(ev("chunked", chunked))
        elif holds_whole and footprint >= large:
            memory.append(ev("footprint_large", where, human(footprint)))
        elif holds_whole and footprint >= medium:
            memory.append(ev("footprint_medium", where, human(footprint)))
        if holds_whole and chunked is None and notebook and footprint >= medium:
            memory.append(ev("notebook_in_memory", where))
        if full_pull is not None and data_bytes * weights.expansion("default") >= medium:
            memory.append(ev("driver_pull_large", full_pull, human(int(data_bytes * weights.expansion("default")))))
        if has("cache") and data_bytes >= cluster:
            memory.append(ev("spark_cache_large", has("cache"), human(data_bytes)))
        if data_bytes < small:
            memory.append(ev("small_data", first_input, human(data_bytes)))
    elif chunked is not None:
        memory.append(ev("chunked", chunked))
    streamed = next((i for i in inputs if i.engine in STREAMING_ENGINES), None)
    if streamed is not None and deep is not None and not in_memory:
        memory.append(ev("streamed_data", streamed.signal, streamed.engine))

    # --- scale: code already written for a cluster, or data too big for one node.
    for value, signal in distributed:
        scale.append(ev(DISTRIBUTED_FEATURES[value], signal, "pyspark.ml"))
    pulled_fits = data_bytes is None or data_bytes * weights.expansion("default") < large
    if full_pull is not None and pulled_fits and not word("launcher") and all(
            value == "spark-dataframe" for value, _ in distributed):
        # Spark only moves the data; what follows the pull runs on one machine while the cluster waits.
        # A known size too big for a general node's memory leaves the answer to the size (and the rewrite).
        model = next((s for (n, _), s in first.items() if n == "model" and s.line > full_pull.line), None)
        after = {f.line for f in findings if f.line > full_pull.line}  # lines: one may hold several findings
        if model is not None or after:
            work = "trains a model" if model is not None else f"{len(after)} driver-only line(s)"
            scale.append(ev("pulled_to_driver", full_pull, work))
    spark_launched = has("distributed", "torch-distributor") or has("distributed", "horovod-spark")
    for (name, value), signal in first.items():
        if name == "launcher" and not (spark_launched and value in SINGLE_NODE_LAUNCHERS):
            feature = "single_node_launcher" if value in SINGLE_NODE_LAUNCHERS else "multi_node_launcher"
            scale.append(ev(feature, signal, value))
    if deep is None and data_bytes is not None:
        if data_bytes >= cluster:
            scale.append(ev("data_huge", first_input, human(data_bytes)))
            if chunked is not None:
                scale.append(ev("chunked_large", chunked))
        elif data_bytes < small:
            scale.append(ev("data_small", first_input, human(data_bytes)))
    remote = word("remote")
    if remote is not None:
        scale.append(ev("remote_data", remote[1], remote[0]))
    if classic is not None and has("use", "boosting") and data_bytes is not None and data_bytes >= medium:
        processor.append(ev("gpu_boosting_option", classic))
    return {"processor": processor, "memory": memory, "scale": scale}


def human(size: int) -> str:
    """A size in decimal units, as `--data-size` takes it: 3.2 GB, 640 MB, 12 kB."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" or value >= 100 else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} PB"  # pragma: no cover - the loop returns at TB
