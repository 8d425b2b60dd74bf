"""The result of `verify`: per-executor and per-job numbers, the verdict, and the static findings they explain.

This is the one object the terminal table, the JSON, the HTML report and the pytest fixture all read, so
they can never disagree. Static findings are linked to measurements by line: a flagged line is charged
the driver CPU the sampler saw on it and the executor time of the Spark jobs whose call site it is.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sparklint.harness.advice import Advice, advise
from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.estimate_check import EstimateCheck, check_estimate
from sparklint.harness.sampler import BUCKET_MS
from sparklint.harness.session import Run
from sparklint.harness.usage import Usage, measure_usage
from sparklint.harness.verdict import Thresholds, Verdict, judge

if TYPE_CHECKING:
    from sparklint.rule import Finding

SCRIPT_FAILED = ("raised", "exited", "crashed")


@dataclass(frozen=True)
class ExecutorStats:
    id: str
    host: str
    tasks: int  # every attempt, failed ones included: their run time is in `run_s`
    failed_tasks: int  # attempts that did not succeed (see `eventlog`): no proof the executor worked
    run_s: float
    cpu_s: float  # Spark's Executor CPU Time: JVM threads only, misses Python workers
    process_cpu_s: float | None  # the executor's processes (JVM + Python workers), when on this machine
    input_bytes: int
    shuffle_read_bytes: int
    shuffle_write_bytes: int

    @property
    def finished_tasks(self) -> bool:
        """Whether a task succeeded here: what the verdict counts as an executor that worked."""
        return self.tasks > self.failed_tasks

    @property
    def tasks_text(self) -> str:
        """The tasks as the reports show them: "12", or "12 (3 failed)"."""
        return f"{self.tasks} ({self.failed_tasks} failed)" if self.failed_tasks else str(self.tasks)

    @property
    def work_s(self) -> float:
        """Task run time, capped by the measured process CPU when there is one (run time is wall time)."""
        return self.run_s if self.process_cpu_s is None else min(self.run_s, self.process_cpu_s)


@dataclass(frozen=True)
class JobStats:
    id: int
    call_site: str
    line: int | None  # the script's line: its call site, else where the driver was when it was submitted
    tasks: int
    run_s: float
    submitted_ms: int
    completed_ms: int | None


@dataclass(frozen=True)
class LineStats:
    """A line of the script with what it cost, and the static finding on it if there is one."""

    line: int
    text: str
    driver_cpu_s: float
    executor_run_s: float  # task run time of the jobs started on this line
    cell: int | None = None
    cell_line: int | None = None
    code: str | None = None
    message: str | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class TaskBar:
    """One task on the timeline, in ms since the run started."""

    executor: str
    job: int
    start: int
    end: int


@dataclass
class VerifyResult:
    script: str
    cluster: str
    mode: str
    status: str
    exit_code: int
    traceback: str | None
    verdict: Verdict | None
    wall_s: float
    driver_python_cpu_s: float
    driver_jvm_cpu_s: float | None
    executor_work_s: float  # Σ ExecutorStats.work_s: what the verdict weighs
    executors: list[ExecutorStats]
    jobs: list[JobStats]
    lines: list[LineStats]  # flagged lines first, then the costliest unflagged ones
    timeline: list[TaskBar] = field(default_factory=list)
    driver_timeline: list[tuple[int, float]] = field(default_factory=list)  # (ms since start, CPU share)
    startup_s: float | None = None
    static_error: str | None = None
    output_tail: str = ""  # the last lines the script printed
    usage: Usage | None = None  # None for a run that did not finish (timeout, crash)
    advice: list[Advice] = field(default_factory=list)
    estimate: dict | None = None  # the static compute estimate, as `sparklint check --format json` gives it
    estimate_check: list[EstimateCheck] = field(default_factory=list)

    @property
    def distributed(self) -> bool:
        return self.verdict is not None and self.verdict.label == "distributed"

    @property
    def label(self) -> str:
        return self.verdict.label if self.verdict else self.status

    def as_dict(self) -> dict:
        return asdict(self)


def build(run: Run, spec: ClusterSpec, thresholds: Thresholds, findings: list[Finding], source=None,
          startup_s: float | None = None, static_error: str | None = None, top_lines: int = 5,
          estimate: dict | None = None) -> VerifyResult:
    """Combine a run's measurements with the static findings (and compute estimate) on the same script."""
    tasks = [t for job in run.jobs for t in job.tasks]
    by_exec: dict[str, list] = defaultdict(list)
    for task in tasks:
        by_exec[task.executor].append(task)
    executors = [
        ExecutorStats(eid, run.executors.get(eid, "driver" if eid == "driver" else ""), len(ts),
                      sum(not t.succeeded for t in ts), sum(t.run_ms for t in ts) / 1000, sum(t.cpu_ns for t in ts) / 1e9,
                      run.executor_process_cpu_s.get(eid), sum(t.input_bytes for t in ts), sum(t.shuffle_read_bytes for t in ts),
                      sum(t.shuffle_write_bytes for t in ts))
        for eid, ts in sorted(by_exec.items())
    ]
    jobs = []
    job_time_by_line: dict[int, float] = defaultdict(float)
    for job in run.jobs:
        loc = job.location
        line = loc[1] if loc and loc[0] == run.script else _line_at(run.line_changes, job.submitted_ms)
        run_s = sum(t.run_ms for t in job.tasks) / 1000
        if line is not None:
            job_time_by_line[line] += run_s
        jobs.append(JobStats(job.id, job.call_site, line, len(job.tasks), run_s, job.submitted_ms, job.completed_ms))
    executor_work_s = sum(e.work_s for e in executors)
    verdict = None
    if run.status not in SCRIPT_FAILED + ("timeout",):
        verdict = judge(executor_work_s, run.driver_python_cpu_s, sum(1 for e in executors if e.finished_tasks),
                        thresholds, spec.can_prove_distribution)
    lines = _lines(run, findings, job_time_by_line, source, top_lines)
    usage = None if run.status in ("timeout", "crashed") else measure_usage(run, {e.id: e.work_s for e in executors})
    advice = advise(usage, verdict, lines, estimate, thresholds) if usage else []
    memory_measured = usage is not None and (usage.executor_heap_peak is not None or bool(usage.stages))
    return VerifyResult(
        script=run.script, cluster=spec.describe(), mode=spec.mode, status=run.status, exit_code=run.exit_code,
        traceback=run.traceback, verdict=verdict, wall_s=run.wall_s, driver_python_cpu_s=run.driver_python_cpu_s,
        driver_jvm_cpu_s=run.driver_jvm_cpu_s, executor_work_s=executor_work_s, executors=executors, jobs=jobs,
        lines=lines, usage=usage, advice=advice, estimate=estimate,
        estimate_check=check_estimate(estimate, verdict, advice, memory_measured),
        timeline=[TaskBar(t.executor, t.job, t.launch_ms - run.start_ms, t.finish_ms - run.start_ms) for t in tasks],
        driver_timeline=_driver_timeline(run), startup_s=startup_s, static_error=static_error,
        output_tail=run.output_tail,
    )


def _lines(run: Run, findings: list[Finding], job_time: dict[int, float], source, top: int) -> list[LineStats]:
    flagged: dict[int, Finding] = {}
    for f in sorted(findings, key=lambda f: f.line):
        flagged.setdefault(f.line, f)
    code_lines = source.code.splitlines() if source is not None else []

    def text(line: int) -> str:
        return code_lines[line - 1].strip()[:100] if 0 < line <= len(code_lines) else ""

    out = [
        LineStats(line, text(line), run.line_cpu.get(line, 0.0), job_time.get(line, 0.0), f.cell, f.cell_line, f.code,
                  f.message, f.suggestion)
        for line, f in flagged.items()
    ]
    out.sort(key=lambda s: -(s.driver_cpu_s + s.executor_run_s))
    costly = sorted((ln for ln in set(run.line_cpu) | set(job_time) if ln not in flagged),
                    key=lambda ln: -(run.line_cpu.get(ln, 0.0) + job_time.get(ln, 0.0)))[:top]
    for line in costly:
        cell = source.locate(line) if source is not None else None
        out.append(LineStats(line, text(line), run.line_cpu.get(line, 0.0), job_time.get(line, 0.0),
                             cell[0] if cell else None, cell[1] if cell else None))
    return out


def _line_at(changes: list[tuple[int, int]], ms: int) -> int | None:
    """The script line the driver was on at `ms` (the last change at or before it)."""
    i = bisect.bisect_right([t for t, _ in changes], ms) - 1
    return changes[i][1] if i >= 0 else None


def _driver_timeline(run: Run) -> list[tuple[int, float]]:
    return [(bucket * BUCKET_MS - run.start_ms, min(cpu / (BUCKET_MS / 1000), 1.0))
            for bucket, cpu in sorted(run.driver_buckets.items())]


def measure(session, script: str, argv=(), timeout: float | None = None,
            thresholds: Thresholds = Thresholds()) -> VerifyResult:
    """Run `script` in a started VerifySession and judge it, with the static findings on the same file."""
    from sparklint.api import check_file
    from sparklint.sources import SourceError, read_source

    static = check_file(script)
    try:
        source = read_source(script)
    except SourceError:
        source = None
    run = session.run(script, argv, timeout=timeout)
    compute = static.compute
    return build(run, session.spec, thresholds, static.findings, source, session.startup_s, static.error,
                 estimate=compute.as_dict() if compute is not None else None)
