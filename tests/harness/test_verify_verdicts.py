"""Verdicts on ground-truth scripts, run on a real local-cluster with two executor JVMs."""

from pathlib import Path

import pytest

from sparklint.sources import read_source

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verify"


def line_of(script: str, text: str) -> int:
    lines = (FIXTURES / script).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_pyspark_ml_training_is_distributed(sparklint_verify):
    result = sparklint_verify(FIXTURES / "ml_distributed.py", "--rows", "20000")
    assert result.status == "ok"  # its own spark.stop() and sys.exit(0) are handled
    assert result.label == "distributed", result.verdict.rule
    assert result.verdict.executor_share > 0.8
    assert {e.id for e in result.executors if e.tasks} >= {"0", "1"}
    fit_line = line_of("ml_distributed.py", "LogisticRegression(")
    assert any(job.line == fit_line for job in result.jobs), [j.call_site for j in result.jobs]


def test_pandas_and_sklearn_is_driver_bound(sparklint_verify):
    result = sparklint_verify(FIXTURES / "pandas_sklearn.py")
    assert result.label == "driver-bound", result.verdict.rule
    assert result.executor_work_s == 0 and result.driver_python_cpu_s > 0.5
    fit_line = line_of("pandas_sklearn.py", "RandomForestClassifier(")
    costliest = sorted(result.lines, key=lambda s: -s.driver_cpu_s)[:3]
    assert fit_line in {s.line for s in costliest}, "the fit is among the lines that cost the driver most"


def test_topandas_then_sklearn_is_driver_bound_although_both_executors_ran_tasks(sparklint_verify):
    result = sparklint_verify(FIXTURES / "topandas_sklearn.py")
    assert len([e for e in result.executors if e.tasks]) == 2
    assert result.label == "driver-bound", result.verdict.rule
    to_pandas = line_of("topandas_sklearn.py", ".toPandas()")
    assert any(job.line == to_pandas for job in result.jobs)
    flagged = [s for s in result.lines if s.code]
    assert to_pandas in {s.line for s in flagged}, "the static finding on toPandas() is linked to the run"
    assert result.lines[0].code, "flagged lines come first"


def test_row_at_a_time_udf_runs_on_the_executors(sparklint_verify):
    result = sparklint_verify(FIXTURES / "row_udf.py")
    assert result.label == "distributed", result.verdict.rule
    assert result.verdict.executor_share > 0.8


def test_script_that_raises_shows_its_traceback_and_gets_no_verdict(sparklint_verify):
    result = sparklint_verify(FIXTURES / "raises.py")
    assert result.status == "raised" and result.verdict is None
    assert "ValueError: expected 999 rows, got 1000" in result.traceback
    assert f'raises.py", line {line_of("raises.py", "raise ValueError")}' in result.traceback
    assert "runner.py" not in result.traceback, "harness frames are hidden"
    assert result.jobs, "the job it ran before raising is still reported"


def test_notebook_cells_run_in_order_with_magics_skipped(sparklint_verify):
    path = FIXTURES / "notebook_groupby.ipynb"
    result = sparklint_verify(path)
    assert result.status == "ok", result.traceback
    assert result.label == "distributed", result.verdict.rule
    source = read_source(path)
    cells = {source.locate(job.line)[0] for job in result.jobs if job.line}
    assert cells == {3}, "the groupBy jobs map back to the notebook's fourth cell"


def test_a_top_level_function_can_be_verified(sparklint_verify):
    result = sparklint_verify(count_in_spark, "5000")
    assert result.status == "ok", result.traceback
    assert sum(j.tasks for j in result.jobs) >= 2


def count_in_spark(rows):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    assert spark.range(int(rows), numPartitions=2).count() == int(rows)


@pytest.mark.parametrize("share, executors, label", [(0.9, 2, "distributed"), (0.9, 1, "mixed"), (0.45, 2, "mixed"),
                                                     (0.2, 2, "driver-bound")])
def test_the_rule(share, executors, label):
    from sparklint.harness.verdict import Thresholds, judge

    verdict = judge(share * 10, (1 - share) * 10, executors, Thresholds())
    assert verdict.label == label and verdict.rule


def test_local_mode_cannot_prove_distribution():
    from sparklint.harness.verdict import judge

    verdict = judge(9.0, 1.0, 1, can_prove_distribution=False)
    assert verdict.label == "mixed" and "local mode" in verdict.rule
