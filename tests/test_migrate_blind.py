"""A smoke run of the blind set (`benchmarks/migrate_blind/`, 30 training scripts written blind to
`migrate`): on a small sample of every table, each migrated script runs wherever its original runs.
Metrics are compared on the full data by `python benchmarks/migrate_blind.py` (on a few hundred rows a
different row order after Spark's joins and de-duplication moves a model's score more than the
tolerance); `--verify` adds each migrated script's verdict."""

import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from migrate_blind import measure  # noqa: E402


def test_every_migrated_blind_script_runs_where_its_original_runs():
    outcomes = measure(rows=400)
    assert len(outcomes) >= 25
    assert sum(o.original["ok"] for o in outcomes) >= 25, "the sample is big enough for the originals to run"
    broken = [f"{o.name}: {o.migrated.get('error')} @ {o.migrated.get('where')}" for o in outcomes if not o.runs]
    assert not broken, "\n".join(broken)
    moved = [o.name for o in outcomes if any("spark.read." in line and not line.lstrip().startswith("#")
                                              for line in o.code.splitlines())]  # a read, not a TODO naming one
    assert len(moved) >= 23, f"the data work of {len(moved)} scripts moved to Spark: {moved}"
