"""Checking on several processes gives the same results, in the same order, as checking in one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sparklint import api, parallel
from sparklint.api import check_paths
from sparklint.parallel import MEANWHILE, MIN_FILES, jobs_for, map_ordered

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


def _process(_: object) -> int:
    return os.getpid()


def test_a_few_files_parse_beside_many_answers_to_restore_but_never_when_one_job_is_asked(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    warmed = []
    beside = map_ordered(_process, [1], warm_up=lambda: warmed.append(1), meanwhile=MEANWHILE)
    assert next(beside) != os.getpid() and not warmed  # the worker builds its engine itself
    assert list(map_ordered(_process, [1], meanwhile=MEANWHILE - 1)) == [os.getpid()]
    assert list(map_ordered(_process, [1], jobs=1, meanwhile=MEANWHILE)) == [os.getpid()]
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert list(map_ordered(_process, [1], meanwhile=MEANWHILE)) == [os.getpid()]


def test_a_warm_run_with_one_edit_gives_what_a_fresh_run_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MEANWHILE", 4)  # a few cached findings are enough to parse beside them
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    for index in range(6):
        (tmp_path / f"script_{index}.py").write_text(f"import pandas as pd\ndf = pd.read_csv('{index}.csv')\n")
    store = tmp_path / ".cache"
    check_paths([str(tmp_path)], cache=True, cache_dir=store, jobs=None)
    (tmp_path / "script_3.py").write_text("import pandas as pd\nfor row in pd.read_csv('x').iterrows():\n    pass\n")
    asked = []
    monkeypatch.setattr(api, "map_ordered", lambda *args, **options: asked.append(options["meanwhile"])
                        or map_ordered(*args, **options))
    warm = check_paths([str(tmp_path)], cache=True, cache_dir=store, jobs=None)
    restored = [r for r in warm.files if not r.path.endswith("script_3.py")]  # while the edited file is parsed
    assert asked == [sum(len(r.findings) + len(r.signals) for r in restored)] and asked[0] >= 4
    fresh = check_paths([str(tmp_path)], jobs=1)
    assert [f.as_dict() for f in warm.findings] == [f.as_dict() for f in fresh.findings]
    assert any("iterrows" in f.message for f in warm.findings)


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
