"""Checking on several processes gives the same results, in the same order, as checking in one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sparklint.api import check_paths
from sparklint.parallel import MIN_FILES, jobs_for, map_ordered

REPO = Path(__file__).resolve().parents[1]


def _square(value: int) -> int:
    return value * value


def _fail_on_three(value: int) -> int:
    if value == 3:
        raise ValueError("three")
    return value


def test_map_ordered_keeps_the_order_of_the_items():
    items = list(range(40, 0, -1))
    assert list(map_ordered(_square, items, jobs=2)) == [i * i for i in items]


def test_a_worker_exception_reaches_the_caller():
    with pytest.raises(ValueError, match="three"):
        list(map_ordered(_fail_on_three, list(range(MIN_FILES * 2)), jobs=2))


def test_few_files_or_one_job_stay_in_this_process():
    assert jobs_for(2, MIN_FILES - 1) == 1
    assert jobs_for(1, 1000) == 1
    assert jobs_for(8, MIN_FILES) == MIN_FILES
    assert jobs_for(None, 1000) >= 1


def test_parallel_and_serial_runs_agree(tmp_path):
    for index in range(MIN_FILES * 2):
        body = "import pandas as pd\n" + "x = 1\n" * index + "df = pd.read_csv('a.csv')\ndf.apply(f, axis=1)\n"
        (tmp_path / f"script_{index:02d}.py").write_text(body)
    (tmp_path / "broken.py").write_text("import pandas as pd\ndef (:\n")
    serial = check_paths([str(tmp_path)], jobs=1)
    parallel = check_paths([str(tmp_path)], jobs=2)
    assert [r.path for r in parallel.files] == [r.path for r in serial.files]
    assert [f.as_dict() for f in parallel.findings] == [f.as_dict() for f in serial.findings]
    assert [r.error for r in parallel.files] == [r.error for r in serial.files]
    assert all(r.lines for r in parallel.files if r.findings)


def test_the_benchmark_runs_quickly_and_prints_its_table(tmp_path):
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--quick", "--no-peers", "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "files/s" in done.stdout and "sparklint" in done.stdout and "libcst.parse_module" in done.stdout
