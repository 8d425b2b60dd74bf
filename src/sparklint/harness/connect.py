"""Evidence for a Spark Connect run (`--remote sc://…`), read from the server, since the client has no SparkContext.

The client cannot see executors, so the records are the server's:
- its **REST API** (`http://<server>:4040/api/v1/applications/…`, the default): the jobs with their tags,
  then every task of their stages (executor id, launch time, `executorRunTime`, CPU, bytes). These are the
  same per-task numbers the event log holds, from Spark's live status store;
- or its **event log** (`--server-event-log DIR`, when the server's `spark.eventLog.dir` is readable here).

Spark Connect tags every job with the client's session (`SparkConnect_…_Session_<id>_…`) and with the tags
the client added (`…_Tag_<tag>`); the runner adds `sparklint-run-<run id>` around each script, so another
client's jobs on a shared server are never counted. Jobs of the session without a run tag (a thread of the
script: tags are per thread) count when they were submitted inside the run's window.

Limits, said in the output: the driver Python CPU is this client's (measured locally as usual), executor
time is task run time (wall time, not capped by process CPU: the executors are not ours to measure), the
server's driver JVM (which does `toPandas()`'s collection) is not measured, and the REST API keeps only
`spark.ui.retainedJobs`/`retainedTasks` of history. The status store is updated asynchronously, so the
jobs are read until they are all finished and two reads agree.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from sparklint.harness.eventlog import Job, Task, read_event_logs

RUN_TAG_PREFIX = "sparklint-run-"
WARM_UP_TAG = "sparklint-warm-up"


class ServerRecordsError(Exception):
    """The Connect server's records could not be read (UI disabled, wrong port, unreadable event log)."""


def _session_marker(session_id: str) -> str:
    return f"_Session_{session_id}_"


def _is_sparklint_tag(tag: str) -> bool:
    return "_Tag_sparklint-" in tag


def select(jobs: list[Job], session_id: str, run_tag: str, start_ms: int, end_ms: int) -> list[Job]:
    """The jobs of one run: of this client session, tagged with the run, or untagged inside its window."""
    marker, suffix = _session_marker(session_id), f"_Tag_{RUN_TAG_PREFIX}{run_tag}"
    chosen = []
    for job in jobs:
        if not any(marker in t for t in job.tags):
            continue
        if any(t.endswith(suffix) for t in job.tags):
            chosen.append(job)
        elif not any(_is_sparklint_tag(t) for t in job.tags) and start_ms <= job.submitted_ms <= end_ms:
            chosen.append(job)
    return chosen


def _epoch_ms(text: str | None) -> int | None:
    """The REST API's '2026-11-23T23:53:37.371GMT' as epoch milliseconds."""
    if not text:
        return None
    moment = datetime.strptime(text.replace("GMT", ""), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


class RestApi:
    """The few endpoints of a live Spark UI's REST API that the evidence needs."""

    def __init__(self, ui: str, timeout: float = 30.0):
        self.base = f"{ui.rstrip('/')}/api/v1"
        self.timeout = timeout
        self._app: str | None = None

    def get(self, path: str):
        url = f"{self.base}/{path}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as reply:
                body = reply.read().decode()
        except (urllib.error.URLError, OSError) as exc:
            raise ServerRecordsError(f"cannot read the Connect server's REST API at {url}: {exc}") from None
        try:
            return json.loads(body)
        except json.JSONDecodeError:
            raise ServerRecordsError(f"{url} did not answer with JSON (is the UI still starting?): {body[:80]!r}") from None

    @property
    def app(self) -> str:
        if self._app is None:
            apps = self.get("applications")
            if not apps:
                raise ServerRecordsError(f"{self.base}/applications lists no application")
            self._app = apps[0]["id"]  # a live UI serves its one application
        return self._app

    def executors(self) -> dict[str, str]:
        return {e["id"]: e["hostPort"].rsplit(":", 1)[0] for e in self.get(f"applications/{self.app}/allexecutors")}

    def jobs(self) -> list[tuple[Job, str, list[int]]]:
        """Every job the UI retains, without tasks: (job, status, stage ids)."""
        out = []
        for raw in self.get(f"applications/{self.app}/jobs"):
            name = (raw.get("name") or "").splitlines()[0][:120]
            job = Job(raw["jobId"], _epoch_ms(raw.get("submissionTime")) or 0, name, None,
                      completed_ms=_epoch_ms(raw.get("completionTime")), tags=tuple(raw.get("jobTags") or ()))
            out.append((job, raw.get("status", ""), list(raw.get("stageIds") or ())))
        return out

    def tasks(self, job_id: int, stage_ids: list[int]) -> list[Task]:
        tasks = []
        for stage_id in stage_ids:
            for attempt in self.get(f"applications/{self.app}/stages/{stage_id}"):
                if attempt.get("status") == "SKIPPED":
                    continue
                path = f"applications/{self.app}/stages/{stage_id}/{attempt['attemptId']}/taskList?length=1000000"
                tasks += [_rest_task(job_id, stage_id, raw) for raw in self.get(path)]
        return tasks


def _rest_task(job_id: int, stage_id: int, raw: dict) -> Task:
    metrics = raw.get("taskMetrics") or {}
    shuffle_read = metrics.get("shuffleReadMetrics") or {}
    launch = _epoch_ms(raw.get("launchTime")) or 0
    return Task(
        job=job_id, stage=stage_id, executor=raw["executorId"], launch_ms=launch,
        finish_ms=launch + (raw.get("duration") or 0), run_ms=metrics.get("executorRunTime", 0),
        cpu_ns=metrics.get("executorCpuTime", 0), input_bytes=(metrics.get("inputMetrics") or {}).get("bytesRead", 0),
        shuffle_read_bytes=shuffle_read.get("remoteBytesRead", 0) + shuffle_read.get("localBytesRead", 0),
        shuffle_write_bytes=(metrics.get("shuffleWriteMetrics") or {}).get("bytesWritten", 0),
        succeeded=raw.get("status") == "SUCCESS",
        memory_spilled=metrics.get("memoryBytesSpilled", 0), disk_spilled=metrics.get("diskBytesSpilled", 0),
    )


def server_jobs(ui: str | None, event_log: str | None, session_id: str, run_tag: str, start_ms: int, end_ms: int,
                settle_s: float = 30.0) -> tuple[list[Job], dict[str, str]]:
    """The run's jobs with their tasks, and the server's executors (id -> host), once the records settle."""
    deadline = time.monotonic() + settle_s
    previous = None
    while True:
        if event_log:
            apps = read_event_logs(Path(event_log))
            jobs = select([j for app in apps for j in app.jobs], session_id, run_tag, start_ms, end_ms)
            executors = {k: v for app in apps for k, v in app.executors.items()}
            finished = all(j.completed_ms is not None for j in jobs)
            state = sorted((j.id, len(j.tasks)) for j in jobs)
        else:
            if ui is None:
                raise ServerRecordsError("neither the server's REST API nor its event log was given")
            api = RestApi(ui)
            listed = api.jobs()
            chosen = {job.id for job in select([j for j, _, _ in listed], session_id, run_tag, start_ms, end_ms)}
            rows = [(j, status, stages) for j, status, stages in listed if j.id in chosen]
            finished = all(status != "RUNNING" for _, status, _ in rows)
            jobs = []
            if finished:
                for job, _, stages in rows:
                    job.tasks = api.tasks(job.id, stages)
                    jobs.append(job)
            executors = api.executors()
            state = sorted((j.id, len(j.tasks)) for j in jobs)
        if finished and state == previous:
            return sorted(jobs, key=lambda j: j.id), executors
        if time.monotonic() > deadline:
            return sorted(jobs, key=lambda j: j.id), executors  # best effort: the output lists what was read
        previous = state if finished else None
        time.sleep(0.5)
