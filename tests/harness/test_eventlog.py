"""Failed task attempts in the event log: their time is executor work, but they prove no executor worked.

The log is a small hand-written Spark 4 event log (JSON lines, `eventlogs/retried_task.jsonl`): one job
whose task failed on executor 1 and was retried on executor 0, and a half-written last line.
"""

from pathlib import Path

import pytest

from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.eventlog import read_event_logs
from sparklint.harness.outcome import build
from sparklint.harness.session import Run
from sparklint.harness.verdict import Thresholds

LOG = Path(__file__).parent / "eventlogs" / "retried_task.jsonl"


def measured(tmp_path: Path, log_text: str):
    folder = tmp_path / "eventlog"
    folder.mkdir()
    (folder / "app-retry-0001").write_text(log_text)
    apps = read_event_logs(folder)
    run = Run(script="job.py", argv=[], status="ok", exit_code=0, traceback=None, wall_s=3.0,
              driver_python_cpu_s=0.2, driver_jvm_cpu_s=None, line_cpu={}, driver_buckets={}, line_changes=[],
              executor_process_cpu_s={}, start_ms=1000, end_ms=4000, jobs=[j for a in apps for j in a.jobs],
              executors={k: v for a in apps for k, v in a.executors.items()})
    return apps, build(run, ClusterSpec(), Thresholds(), [])


def test_the_log_is_read_with_every_attempt(tmp_path):
    apps, _ = measured(tmp_path, LOG.read_text())
    assert [a.app_id for a in apps] == ["app-retry-0001"]
    tasks = apps[0].jobs[0].tasks
    assert [(t.executor, t.run_ms, t.succeeded) for t in tasks] == [("0", 800, True), ("1", 600, False),
                                                                    ("0", 700, True)]


def test_a_failed_attempt_counts_as_work_but_not_as_an_executor_that_worked(tmp_path):
    _, result = measured(tmp_path, LOG.read_text())
    by_id = {e.id: e for e in result.executors}
    assert result.executor_work_s == pytest.approx(2.1)  # 0.8 + 0.7 on executor 0, 0.6 failed on executor 1
    assert (by_id["1"].tasks, by_id["1"].failed_tasks, by_id["1"].run_s) == (1, 1, 0.6)
    assert by_id["1"].tasks_text == "1 (1 failed)" and by_id["0"].tasks_text == "2"
    assert result.jobs[0].run_s == pytest.approx(2.1) and result.jobs[0].line == 5
    assert result.verdict.label == "mixed", result.verdict.rule
    assert result.verdict.executors_with_tasks == 1
    assert "only 1 executor(s) finished tasks" in result.verdict.rule


def test_the_same_job_with_the_attempt_succeeding_is_distributed(tmp_path):
    text = LOG.read_text().replace('{"Reason":"ExceptionFailure","Class Name":"java.io.IOException",'
                                   '"Description":"disk full"}', '{"Reason":"Success"}')
    _, result = measured(tmp_path, text)
    assert result.executor_work_s == pytest.approx(2.1)
    assert result.verdict.label == "distributed", result.verdict.rule
    assert result.verdict.executors_with_tasks == 2
