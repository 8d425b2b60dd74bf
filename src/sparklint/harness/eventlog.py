"""Read Spark's event logs: the record of which executor ran which task for how long, and for which job.

Spark 4 writes a rolling directory `eventlog_v2_<app>/events_<n>_<app>` (older Sparks one file per app);
a script that restarts Spark leaves several applications, so every log in the directory is read. The
log is flushed at each job's end, so it can be read while the session is still up; a half-written last
line is skipped.

Memory comes from the same log: each task's spill (`Memory/Disk Bytes Spilled`), and, with
`spark.eventLog.logStageExecutorMetrics=true` (the harness sets it), one `SparkListenerStageExecutorMetrics`
per stage and executor, the driver included, holding the peak `JVMHeapMemory` / `JVMOffHeapMemory` that
executor reached during the stage (Spark 4 writes these at each stage's end; its periodic
`SparkListenerExecutorMetricsUpdate` events name no stage, so they cannot be tied to a run).

Every task attempt is kept, failed ones too (a lost executor, an exception, a speculative copy killed):
the executor did that work, so its time counts as executor work, but only a `succeeded` attempt proves
that the executor could run the job's tasks, so only those count towards the executors that worked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CALL_SITE = re.compile(r"^(?P<op>.*?) at (?P<file>.+):(?P<line>\d+)$")


@dataclass(frozen=True)
class Task:
    """One finished task attempt, as its SparkListenerTaskEnd event recorded it (failed attempts included)."""

    job: int
    stage: int
    executor: str
    launch_ms: int
    finish_ms: int
    run_ms: int
    cpu_ns: int
    input_bytes: int
    shuffle_read_bytes: int
    shuffle_write_bytes: int
    succeeded: bool
    memory_spilled: int = 0  # bytes Spark had in memory when it spilled them (their deserialized size)
    disk_spilled: int = 0  # the same data as written to disk (serialized, compressed)


@dataclass
class Job:
    """A Spark job and the line of the script that started it (Spark's `callSite.short`)."""

    id: int
    submitted_ms: int
    call_site: str
    tag: str | None
    completed_ms: int | None = None
    tasks: list[Task] = field(default_factory=list)
    tags: tuple[str, ...] = ()  # spark.job.tags: Spark Connect marks each job with its session and tags
    stages: tuple[int, ...] = ()

    @property
    def location(self) -> tuple[str, int] | None:
        """(file, line) of the call site, when Spark recorded one."""
        match = CALL_SITE.match(self.call_site)
        return (match["file"], int(match["line"])) if match else None


@dataclass
class Application:
    """One SparkContext's log: its executors and jobs."""

    app_id: str
    executors: dict[str, str] = field(default_factory=dict)  # id -> host
    jobs: list[Job] = field(default_factory=list)
    executor_cores: dict[str, int] = field(default_factory=dict)
    executor_memory_bytes: int | None = None  # spark.executor.memory: each executor JVM's heap limit
    stage_memory: dict[tuple[int, str], MemoryPeak] = field(default_factory=dict)  # (stage, executor) -> peak


@dataclass(frozen=True)
class MemoryPeak:
    """The most JVM memory an executor (or the driver) held: heap, and off-heap (metaspace, code cache, …)."""

    heap: int
    off_heap: int

    def __or__(self, other: MemoryPeak) -> MemoryPeak:
        return MemoryPeak(max(self.heap, other.heap), max(self.off_heap, other.off_heap))


def log_files(directory: Path) -> list[list[Path]]:
    """The event files of each application in `directory`, in write order."""
    apps = []
    for entry in sorted(directory.iterdir()):
        if entry.is_dir() and entry.name.startswith("eventlog_v2_"):
            parts = [p for p in entry.iterdir() if p.name.startswith("events_")]
            apps.append(sorted(parts, key=lambda p: int(p.name.split("_")[1])))
        elif entry.is_file() and not entry.name.startswith(".") and not entry.name.endswith(".crc"):
            apps.append([entry])
    return apps


def read_application(files: list[Path]) -> Application:
    app = Application(app_id=files[0].name)
    jobs: dict[int, Job] = {}
    stage_job: dict[int, int] = {}
    for path in files:
        for raw in path.read_text(errors="replace").splitlines():
            try:
                event = json.loads(raw)
            except json.JSONDecodeError:
                continue  # the line being written
            kind = event.get("Event")
            if kind == "SparkListenerApplicationStart":
                app.app_id = event.get("App ID") or app.app_id
            elif kind == "SparkListenerExecutorAdded":
                app.executors[event["Executor ID"]] = event["Executor Info"].get("Host", "")
                app.executor_cores[event["Executor ID"]] = event["Executor Info"].get("Total Cores", 0)
            elif kind == "SparkListenerEnvironmentUpdate":
                app.executor_memory_bytes = _bytes((event.get("Spark Properties") or {}).get("spark.executor.memory"))
            elif kind == "SparkListenerStageExecutorMetrics":
                metrics = event.get("Executor Metrics") or {}
                peak = MemoryPeak(metrics.get("JVMHeapMemory", 0), metrics.get("JVMOffHeapMemory", 0))
                if peak.heap or peak.off_heap:  # zeros: the executor sent no metrics during the stage (it ran none of it)
                    app.stage_memory[(event["Stage ID"], event["Executor ID"])] = peak
            elif kind == "SparkListenerJobStart":
                props = event.get("Properties") or {}
                stages = event.get("Stage Infos") or [{}]
                call_site = props.get("callSite.short") or stages[-1].get("Stage Name", "")  # JVM-started jobs
                job = Job(event["Job ID"], event.get("Submission Time", 0), call_site, props.get("sparklint.run"),
                          tags=tuple(t for t in (props.get("spark.job.tags") or "").split(",") if t),
                          stages=tuple(event.get("Stage IDs", [])))
                jobs[job.id] = job
                for stage in event.get("Stage IDs", []):
                    stage_job[stage] = job.id
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in jobs:
                jobs[event["Job ID"]].completed_ms = event.get("Completion Time")
            elif kind == "SparkListenerTaskEnd" and event.get("Stage ID") in stage_job:
                job = jobs[stage_job[event["Stage ID"]]]
                job.tasks.append(_task(job.id, event))
    app.jobs = sorted(jobs.values(), key=lambda j: j.id)
    return app


def _task(job: int, event: dict) -> Task:
    info, metrics = event["Task Info"], event.get("Task Metrics") or {}
    shuffle_read = metrics.get("Shuffle Read Metrics") or {}
    return Task(
        job=job,
        stage=event["Stage ID"],
        executor=info["Executor ID"],
        launch_ms=info["Launch Time"],
        finish_ms=info["Finish Time"],
        run_ms=metrics.get("Executor Run Time", 0),
        cpu_ns=metrics.get("Executor CPU Time", 0),
        input_bytes=(metrics.get("Input Metrics") or {}).get("Bytes Read", 0),
        shuffle_read_bytes=shuffle_read.get("Remote Bytes Read", 0) + shuffle_read.get("Local Bytes Read", 0),
        shuffle_write_bytes=(metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0),
        succeeded=(event.get("Task End Reason") or {}).get("Reason") == "Success",
        memory_spilled=metrics.get("Memory Bytes Spilled", 0),
        disk_spilled=metrics.get("Disk Bytes Spilled", 0),
    )


JVM_SIZE = re.compile(r"^(\d+)([kmgt]?)b?$", re.IGNORECASE)


def _bytes(setting: str | None) -> int | None:
    """A JVM size setting in bytes: "512m", "4g"; a bare number is MiB, as Spark reads spark.executor.memory."""
    match = JVM_SIZE.match((setting or "").strip())
    if not match:
        return None
    return int(match[1]) * 1024 ** "kmgt".index(match[2].lower() or "m") * 1024


def memory_peaks(apps: list[Application], stages: set[int]) -> dict[str, MemoryPeak]:
    """Each executor's (and the driver's) peak JVM memory over the given stages."""
    peaks: dict[str, MemoryPeak] = {}
    for app in apps:
        for (stage, executor), peak in app.stage_memory.items():
            if stage in stages:
                peaks[executor] = peaks[executor] | peak if executor in peaks else peak
    return peaks


def read_event_logs(directory: str | Path) -> list[Application]:
    return [read_application(files) for files in log_files(Path(directory)) if files]


def jobs_of_run(apps: list[Application], tag: str, start_ms: int, end_ms: int) -> list[Job]:
    """The jobs a run started: tagged with its id, or untagged (a thread of the script) inside its window."""
    return [
        job for app in apps for job in app.jobs
        if job.tag == tag or (job.tag is None and start_ms <= job.submitted_ms <= end_ms)
    ]
