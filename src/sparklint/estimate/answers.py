"""The estimate for one checked file: three answers, a recommendation, a confidence, and its reasons.

The data size comes from `--data-size` / the `data-size` setting when given; otherwise from the
local inputs the script names with literal paths (resolved against the script's folder, summed
when they exist; nothing is opened or run); otherwise it is unknown, and the answers say so.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sparklint import files
from sparklint.config import real_path
from sparklint.estimate.model import QUESTIONS, Evidence, Scored, Weights, features, human, load_weights, score
from sparklint.result import DataInput, FileResult

CONFIDENCE = ("low", "medium", "high")
DATA_WORK = frozenset({"use", "input", "model", "distributed", "launcher", "driver-pull"})  # signals of data work
# A path on storage other than this machine's disks: its size cannot be read here.
REMOTE = re.compile(r"^(abfss?|wasbs?|s3a?|gs|dbfs|hdfs|adl|https?)://|^dbfs:/|^/dbfs/|^/Volumes/|^Tables/|^Files/")


@dataclass(frozen=True)
class Reason:
    answer: str  # "processor", "memory", "scale" or "platform"
    text: str
    line: int | None = None
    cell: int | None = None
    cell_line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"answer": self.answer, "line": self.line, "text": self.text}
        if self.cell is not None:
            data["cell"] = self.cell
            data["cell_line"] = self.cell_line
        return data


@dataclass(frozen=True)
class DataSize:
    """The size the answers assumed, and where it came from: "given", "local files" or "unknown"."""

    bytes: int | None
    source: str
    paths: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.bytes is None:
            return "data size unknown (pass --data-size)"
        where = {"given": "--data-size / data-size setting"}.get(self.source, self.source)
        return f"data size {human(self.bytes)} ({where})"

    def as_dict(self) -> dict[str, Any]:
        return {"bytes": self.bytes, "source": self.source, "paths": list(self.paths)}


@dataclass(frozen=True)
class Estimate:
    recommendation: str  # "cpu", "gpu" or "distributed"
    processor: str
    memory: str
    scale: str
    confidence: str
    data_size: DataSize
    platform: str
    reasons: tuple[Reason, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "recommendation": self.recommendation, "processor": self.processor, "memory": self.memory,
            "scale": self.scale, "confidence": self.confidence, "platform": self.platform,
            "reasons": [r.as_dict() for r in self.reasons], "data_size": self.data_size.as_dict(),
            "scores": self.scores,
        }


def estimate(result: FileResult, data_size: int | None = None, weights: Weights | None = None) -> Estimate | None:
    """What to run a checked file on, from its signals, its findings and the size of its data; None for a
    file that does no data work (nothing to size: a helper module, a configuration script)."""
    if not does_data_work(result):
        return None
    weights = weights or load_weights()
    size = resolve_data_size(result, data_size)
    evidence = features(result.signals, result.findings, size.bytes, result.kind != "python", weights)
    scored = {q: score(q, evidence[q], weights) for q in QUESTIONS}
    processor, memory, scale = (scored[q].answer for q in QUESTIONS)
    recommendation = "distributed" if scale == "spark" else processor
    reasons = [Reason(q, weights.reason(e), e.line, e.cell, e.cell_line)
               for q in QUESTIONS for e, w in scored[q].evidence if w]
    reasons += _notes(result, scored, evidence, size, weights)
    platform = _platform(result, recommendation, memory, weights)
    return Estimate(recommendation, processor, memory, scale, _confidence(scored, evidence, size, weights), size,
                    platform, tuple(reasons), {q: round(scored[q].score, 2) for q in QUESTIONS})


def does_data_work(result: FileResult) -> bool:
    """Whether the file reads data, calls a data framework, runs Spark, trains a model or has a driver-only
    line. Importing a framework, naming a device or a file in a string is not data work."""
    return bool(result.findings) or result.counts.get("distributed", 0) > 0 or any(
        s.name in DATA_WORK for s in result.signals)


def resolve_data_size(result: FileResult, given: int | None) -> DataSize:
    if given is not None:
        return DataSize(given, "given")
    if result.path in ("", "-"):
        return DataSize(None, "unknown")
    literals = dict.fromkeys(s.value.path for s in result.signals if isinstance(s.value, DataInput))
    local = [literal for literal in literals if not REMOTE.match(literal)]
    if not local:  # most files: no need to find their folder on disk
        return DataSize(None, "unknown")
    folder = Path(real_path(result.path)).parent
    total, found = 0, []
    for literal in local:
        size = _size_on_disk(folder, literal)
        if size is not None:
            total += size
            found.append(literal)
    return DataSize(total, "local files", tuple(found)) if found else DataSize(None, "unknown")


def _size_on_disk(folder: Path, literal: str) -> int | None:
    """The bytes under a literal path (a file, a folder, or a glob), relative to the script's folder."""
    target = Path(literal).expanduser()
    pattern = str(target if target.is_absolute() else folder / target)
    matches = sorted(glob.glob(pattern, recursive=True)) if any(c in literal for c in "*?[") else [pattern]
    sizes = [found for found in map(files.size, matches) if found is not None]
    return sum(sizes) if sizes else None


def _notes(result: FileResult, scored: dict[str, Scored], evidence: dict[str, list[Evidence]], size: DataSize,
           weights: Weights) -> list[Reason]:
    """Reasons that move no score but help act on the answer: defaults, the size, the rewrite."""
    notes = []
    for question in QUESTIONS:
        if not any(w for _, w in scored[question].evidence):
            default = weights.table[question]["answers"][0]
            notes.append(Reason(question, f"nothing in the file calls for more than {default}"))
    if size.bytes is None and not any(e.feature == "deep_learning" for e in evidence["processor"]):
        notes.append(Reason("memory", "data size unknown: pass --data-size (or set data-size) to size memory and scale"))
    if scored["scale"].answer == "spark" and result.findings:
        first = result.findings[0]
        notes.append(Reason("scale", f"{len(result.findings)} line(s) stay on the driver and must be rewritten for the "
                                     f"cluster to help (first: {first.code})", first.line, first.cell, first.cell_line))
    return notes


def _confidence(scored: dict[str, Scored], evidence: dict[str, list[Evidence]], size: DataSize, weights: Weights) -> str:
    table = weights.table["confidence"]
    margin = min(s.margin for s in scored.values())
    level = 2 if margin >= table["high"] else 1 if margin >= table["medium"] else 0
    deep = any(e.feature == "deep_learning" for e in evidence["processor"])
    if size.bytes is None and not deep:
        level = min(level, CONFIDENCE.index(table["size_unknown_cap"]))
    return CONFIDENCE[level]


def _platform(result: FileResult, recommendation: str, memory: str, weights: Weights) -> str:
    table = weights.table["platform"]
    line = table[recommendation]
    if recommendation == "distributed" and result.findings:
        line += table["distributed_rewrite"].format(value=len(result.findings))
    if recommendation != "distributed" and memory == "memory-optimized":
        line += table["memory_optimized"]
    trains = any(s.name == "model" for s in result.signals)
    task = next((s.value for s in result.signals if s.name == "task"), None)
    if task is not None and trains:
        line += table["service"].format(value=table["services"][task])
    return line
