"""The rule that turns measured compute into a verdict, with the reason it chose that verdict.

Task counts alone cannot decide: `toPandas()` runs one task on every executor and then the driver does
the real work. So the rule weighs time: the executors' summed task run time (capped, on this machine, by
the executor processes' measured CPU, since run time is wall time and swells on a loaded machine)
against the driver Python process's CPU. Measured on this kind of machine, distributed jobs score 0.99-1.00 executor share and
`toPandas()` + scikit-learn jobs 0.06-0.31, so the defaults leave a wide margin on both sides.
Executor work includes failed task attempts (the executors did it); only executors where a task
succeeded count as executors that ran the job.
"""

from __future__ import annotations

from dataclasses import dataclass

DISTRIBUTED = "distributed"
DRIVER_BOUND = "driver-bound"
MIXED = "mixed"


@dataclass(frozen=True)
class Thresholds:
    """distributed: executor share at least this; driver-bound: executor share below `driver_bound`.

    The rest are the advice's (`advice.py`): executors are mostly idle below `idle_utilization` and
    saturated from `saturated_utilization`; the driver is busy when its Python CPU is at least
    `busy_driver` of the time no task ran; memory is near its limit from `memory_near_limit` of the heap.
    """

    distributed: float = 0.5
    driver_bound: float = 0.4
    min_executors: int = 2
    idle_utilization: float = 0.3
    saturated_utilization: float = 0.8
    busy_driver: float = 0.5
    memory_near_limit: float = 0.9


@dataclass(frozen=True)
class Verdict:
    label: str
    rule: str
    executor_share: float
    executors_with_tasks: int  # executors where at least one task succeeded


def judge(executor_run_s: float, driver_cpu_s: float, executors_with_tasks: int,
          thresholds: Thresholds = Thresholds(), can_prove_distribution: bool = True) -> Verdict:
    total = executor_run_s + driver_cpu_s
    share = executor_run_s / total if total > 0 else 0.0
    measured = (f"executor work {executor_run_s:.2f}s / (that + driver Python CPU {driver_cpu_s:.2f}s) "
                f"= {share:.2f}")
    if total == 0:
        return Verdict(DRIVER_BOUND, "no compute was measured: no task ran and the driver used no CPU", share, 0)
    if share < thresholds.driver_bound:
        rule = f"{measured} < {thresholds.driver_bound}: the driver did most of the compute"
        return Verdict(DRIVER_BOUND, rule, share, executors_with_tasks)
    if share >= thresholds.distributed and executors_with_tasks >= thresholds.min_executors and can_prove_distribution:
        rule = f"{executors_with_tasks} executors finished tasks and {measured} >= {thresholds.distributed}"
        return Verdict(DISTRIBUTED, rule, share, executors_with_tasks)
    if share < thresholds.distributed:
        why = f"{measured} is between {thresholds.driver_bound} and {thresholds.distributed}"
    elif not can_prove_distribution:
        why = f"{measured}, but in local mode every task runs inside the driver JVM"
    else:
        why = f"{measured}, but only {executors_with_tasks} executor(s) finished tasks (< {thresholds.min_executors})"
    return Verdict(MIXED, why, share, executors_with_tasks)
