"""The static estimate (`sparklint check`'s guess of the compute) beside what the run measured, and where they differ.

The estimate reads code; the run shows where the work went and what memory it took. Two answers can be
checked: scale (a driver-bound run is single-node work as written, a distributed one used Spark) and
memory (a run that spilled or neared its heap limit needed memory-optimized nodes). The processor cannot
be: the run used CPUs whatever the code would gain from a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass

from sparklint.harness.advice import Advice
from sparklint.harness.verdict import DISTRIBUTED, DRIVER_BOUND, Verdict

MEASURED_SCALE = {DISTRIBUTED: "spark", DRIVER_BOUND: "single-node"}


@dataclass(frozen=True)
class EstimateCheck:
    answer: str  # scale, memory, processor
    estimated: str
    measured: str | None  # None: the run cannot tell
    agrees: bool | None

    @property
    def text(self) -> str:
        if self.measured is None:
            return f"{self.answer}: estimated {self.estimated}; not measured by a run"
        verdict = "agrees" if self.agrees else "DISAGREES"
        return f"{self.answer}: estimated {self.estimated}, measured {self.measured}: {verdict}"


def check_estimate(estimate: dict | None, verdict: Verdict | None, advice: list[Advice],
                   memory_measured: bool) -> list[EstimateCheck]:
    if estimate is None or verdict is None:
        return []
    scale = MEASURED_SCALE.get(verdict.label)
    memory = ("memory-optimized" if any(a.rule == "memory-optimized" for a in advice) else "general") \
        if memory_measured else None
    return [
        _check("scale", estimate["scale"], scale),
        _check("memory", estimate["memory"], memory),
        _check("processor", estimate["processor"], None),
    ]


def _check(answer: str, estimated: str, measured: str | None) -> EstimateCheck:
    return EstimateCheck(answer, estimated, measured, None if measured is None else measured == estimated)
