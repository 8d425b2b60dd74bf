"""How well a run used its compute: executor utilization, the driver's time alone, memory peaks, spill and skew.

Utilization is executor work over what the executors could have done: Σ work / (cores × the script's wall
time), per executor and overall. Work is the verdict's (task run time, capped on this machine by the
executor processes' CPU), so a loaded machine does not pass for a busy cluster. The driver-only share is
the part of the wall time when no task of the run was running: whatever happened then, only the driver
could do it. Memory peaks are Spark's own (the JVMs', per stage) and the kernel's (the driver's Python).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from sparklint.harness.eventlog import MemoryPeak, Task
from sparklint.harness.session import Run


@dataclass(frozen=True)
class ExecutorUsage:
    id: str
    cores: int
    utilization: float  # work / (cores × wall), in [0, 1]
    heap_peak: int | None  # bytes, from the stages of the run (None: Spark recorded no metrics for it)
    off_heap_peak: int | None


@dataclass(frozen=True)
class StageUsage:
    stage: int
    job: int
    tasks: int
    memory_spilled: int  # bytes
    disk_spilled: int
    median_task_ms: float
    slowest_task_ms: int

    @property
    def skew(self) -> float:
        """The slowest task over the median one: 1 is even; a large value means one partition held the stage up."""
        return self.slowest_task_ms / self.median_task_ms if self.median_task_ms else 1.0


@dataclass(frozen=True)
class Usage:
    wall_s: float
    slots: int | None  # executor cores; None when Spark recorded none (local mode, Spark Connect)
    utilization: float | None  # Σ executor work / (slots × wall)
    driver_only_share: float  # share of the wall time when no task of the run was running
    driver_busy: float  # driver Python CPU over the driver-only time, capped at 1
    driver_python_peak_rss: int | None
    driver_jvm: MemoryPeak | None
    executor_memory_bytes: int | None  # each executor's heap limit
    executors: list[ExecutorUsage]
    stages: list[StageUsage]

    @property
    def idle_share(self) -> float | None:
        return None if self.utilization is None else 1 - self.utilization

    @property
    def spilled(self) -> int:
        """Bytes spilled from memory in the whole run (Spark's in-memory size of the data it had to put away)."""
        return sum(s.memory_spilled for s in self.stages)

    @property
    def disk_spilled(self) -> int:
        return sum(s.disk_spilled for s in self.stages)

    @property
    def executor_heap_peak(self) -> int | None:
        return max((e.heap_peak for e in self.executors if e.heap_peak is not None), default=None)

    @property
    def parallel_share(self) -> float:
        """The share of the wall time when tasks ran: the part more executors could shorten (Amdahl's p)."""
        return 1 - self.driver_only_share


def measure_usage(run: Run, work_s: dict[str, float]) -> Usage:
    """The run's usage; `work_s` is each executor's work as the verdict counts it (ExecutorStats.work_s)."""
    wall_s = max(run.wall_s, 1e-3)
    tasks = [t for job in run.jobs for t in job.tasks]
    cores = run.executor_cores
    slots = sum(cores.values()) if cores and all(cores.get(eid) for eid in work_s) else None
    executors = [  # idle executors too: their cores were capacity the run did not use
        ExecutorUsage(eid, cores.get(eid, 0), min(work_s.get(eid, 0.0) / (cores[eid] * wall_s), 1.0) if cores.get(eid) else 0.0,
                      *_peak(run.memory_peaks.get(eid)))
        for eid in sorted(set(work_s) | set(cores))
    ]
    driver_only_s = wall_s * (1 - _busy_share(tasks, run.start_ms, run.end_ms))
    return Usage(
        wall_s=run.wall_s, slots=slots,
        utilization=min(sum(work_s.values()) / (slots * wall_s), 1.0) if slots else None,
        driver_only_share=driver_only_s / wall_s,
        driver_busy=min(run.driver_python_cpu_s / driver_only_s, 1.0) if driver_only_s > 0 else 1.0,
        driver_python_peak_rss=run.driver_peak_rss, driver_jvm=run.memory_peaks.get("driver"),
        executor_memory_bytes=run.executor_memory_bytes, executors=executors, stages=_stages(tasks),
    )


def size(n: float) -> str:
    """Bytes in binary units, as JVM memory is set: 512.0 MiB, 1.5 GiB."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)  # pragma: no cover - the loop returns at GiB


def _peak(peak: MemoryPeak | None) -> tuple[int | None, int | None]:
    return (None, None) if peak is None else (peak.heap, peak.off_heap)


def _busy_share(tasks: list[Task], start_ms: int, end_ms: int) -> float:
    """The share of [start, end] covered by at least one task (the union of their intervals)."""
    if end_ms <= start_ms:
        return 0.0
    covered, reach = 0, start_ms
    for launch, finish in sorted((max(t.launch_ms, start_ms), min(t.finish_ms, end_ms)) for t in tasks):
        if finish > reach:
            covered += finish - max(launch, reach)
            reach = finish
    return covered / (end_ms - start_ms)


def _stages(tasks: list[Task]) -> list[StageUsage]:
    by_stage: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_stage[task.stage].append(task)
    return [
        StageUsage(stage, ts[0].job, len(ts), sum(t.memory_spilled for t in ts), sum(t.disk_spilled for t in ts),
                   statistics.median(t.run_ms for t in ts), max(t.run_ms for t in ts))
        for stage, ts in sorted(by_stage.items())
    ]
