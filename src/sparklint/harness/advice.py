"""What to change about the compute, from how the run used it: each piece of advice names its rule and numbers.

The rules follow the platforms' guidance (watch utilization; scale up or down; if too slow on the largest
size, use GPUs or distribute with Spark), decided from measurements only (`usage.py`), with the thresholds
of `verdict.Thresholds` (documented in docs/verify.md, options of `sparklint verify`):

- distribute: executors mostly idle while the driver is busy (or did most of the compute: verdict
  driver-bound): the work is driver-bound;
- gpu-node: a driver-bound run whose static signals are deep learning or array work;
- scale-down: executors mostly idle and the driver idle too;
- scale-out: executors saturated without spill: more cores shorten the run by the measured parallel share;
- memory-optimized: spill, or an executor's heap peak near its limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sparklint.harness.usage import Usage, size
from sparklint.harness.verdict import DRIVER_BOUND, Thresholds, Verdict

if TYPE_CHECKING:
    from sparklint.harness.outcome import LineStats


@dataclass(frozen=True)
class Advice:
    rule: str  # distribute, gpu-node, scale-down, scale-out, memory-optimized
    action: str  # what to do
    why: str  # the measured numbers against the thresholds that decided


def advise(usage: Usage, verdict: Verdict | None, lines: list[LineStats], estimate: dict | None,
           t: Thresholds) -> list[Advice]:
    """The advice for a finished run (none for a run that failed, which has no verdict)."""
    if verdict is None:
        return []
    out = []
    if usage.utilization is not None:
        out += _sizing(usage, verdict, lines, t)
    if verdict.label == DRIVER_BOUND and estimate is not None and estimate["processor"] == "gpu":
        why = [r["text"] for r in estimate["reasons"] if r["answer"] == "processor"][:1]
        out.append(Advice("gpu-node", "the driver's work is deep learning or array math: a GPU node would run it faster",
                          f"verdict driver-bound ({verdict.rule}); the static estimate's processor is gpu"
                          + (f": {why[0]}" if why else "")))
    memory = _memory(usage, t)
    return out + ([memory] if memory else [])


def _sizing(usage: Usage, verdict: Verdict, lines: list[LineStats], t: Thresholds) -> list[Advice]:
    assert usage.utilization is not None and usage.slots
    u, slots = usage.utilization, usage.slots
    used = f"executor utilization {u:.2f} (work over {slots} cores × {usage.wall_s:.1f}s wall)"
    driver = (f"driver Python busy {usage.driver_busy:.2f} of the {usage.driver_only_share:.0%} of wall time "
              "when no task ran")
    driver_bound = verdict.label == DRIVER_BOUND
    if u < t.idle_utilization and (driver_bound or usage.driver_busy >= t.busy_driver):
        busy = (f"verdict driver-bound ({verdict.rule})" if driver_bound else f"{driver} >= {t.busy_driver}")
        return [Advice("distribute", f"the work is driver-bound: distribute it with Spark ({_driver_lines(lines)}), "
                       "or run it on one larger node without executors", f"{used} < {t.idle_utilization} and {busy}")]
    if u < t.idle_utilization:
        needed = max(1, math.ceil(u * slots))
        return [Advice("scale-down", f"scale the cluster down: {usage.idle_share:.0%} of {slots} cores sat idle; "
                       f"the work would keep about {needed} core(s) busy",
                       f"{used} < {t.idle_utilization}, the verdict is not driver-bound and {driver} < {t.busy_driver}")]
    if u >= t.saturated_utilization and usage.spilled == 0:
        p = usage.parallel_share
        speedup = 1 / ((1 - p) + p / 2)
        return [Advice("scale-out", f"more executors or cores would shorten the run: twice the {slots} cores, "
                       f"about {speedup:.1f}x faster",
                       f"{used} >= {t.saturated_utilization}, no spill; tasks ran during {p:.0%} of the wall time, "
                       f"so by Amdahl's law 1 / ((1 - {p:.2f}) + {p:.2f} / 2) = {speedup:.2f}")]
    return []


def _driver_lines(lines: list[LineStats]) -> str:
    """The static findings on lines that used the driver, and the driver's costliest line if it is not one of them."""
    flagged = sorted((s for s in lines if s.code and s.driver_cpu_s > 0), key=lambda s: -s.driver_cpu_s)[:3]
    parts = [f"static findings: {', '.join(f'line {s.line} {s.code} ({s.driver_cpu_s:.2f}s driver CPU)' for s in flagged)}"
             ] if flagged else ["no static finding on the driver's lines"]
    costliest = max(lines, key=lambda s: s.driver_cpu_s, default=None)
    if costliest is not None and costliest.driver_cpu_s > 0 and costliest not in flagged:
        parts.append(f"the driver's costliest line: {costliest.line} ({costliest.driver_cpu_s:.2f}s)")
    return "; ".join(parts)


def _memory(usage: Usage, t: Thresholds) -> Advice | None:
    limit, peak = usage.executor_memory_bytes, usage.executor_heap_peak
    near = limit is not None and peak is not None and peak >= t.memory_near_limit * limit
    if not usage.spilled and not near:
        return None
    worst = max(usage.stages, key=lambda s: s.memory_spilled)
    executors = max(1, len(usage.executors))
    reasons = []
    if usage.spilled:
        reasons.append(f"{size(usage.spilled)} spilled from memory ({size(usage.disk_spilled)} "
                       f"on disk), most in stage {worst.stage} ({size(worst.memory_spilled)})")
    if peak is not None and limit:
        reasons.append(f"executor heap peak {size(peak)} of {size(limit)} ({peak / limit:.2f}"
                       + (f" >= {t.memory_near_limit})" if near else ")"))
    if limit is None:
        needed = ""
    elif usage.spilled:
        needed = (f": about {size(limit + worst.memory_spilled / executors)} per executor (its {size(limit)} heap "
                  f"+ stage {worst.stage}'s spill shared by {executors} executors)")
    else:
        needed = f": more than the {size(limit)} heap each executor had"
    return Advice("memory-optimized", f"use memory-optimized nodes, or more memory per executor{needed}",
                  "; ".join(reasons))
