"""Baselines: record today's findings, then report only new ones, even after edits above them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sparklint.api import check_paths
from sparklint.fingerprint import fingerprints

HEADER = "import pandas as pd\n\n"
READ = 'orders = pd.read_csv("orders.csv")\n'


def sparklint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sparklint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def codes_and_lines(done: subprocess.CompletedProcess) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in json.loads(done.stdout)["findings"]]


def test_fingerprints_ignore_line_numbers_but_not_the_flagged_code(tmp_path: Path):
    script = tmp_path / "train.py"
    script.write_text(HEADER + READ + READ)
    before = list(fingerprints(check_paths([str(script)]).files[0]).values())
    assert len(set(before)) == 2  # two identical lines: the occurrence index tells them apart
    script.write_text(HEADER + "# a comment\n\nx = 1\n" + READ + "\n" + 'orders  =  pd.read_csv("orders.csv")  \n')
    assert list(fingerprints(check_paths([str(script)]).files[0]).values()) == before
    script.write_text(HEADER + 'orders = pd.read_csv("other.csv")\n' + READ)
    after = list(fingerprints(check_paths([str(script)]).files[0]).values())
    assert after[0] not in before


def test_baseline_reports_only_new_findings(tmp_path: Path):
    script = tmp_path / "train.py"
    script.write_text(HEADER + READ + READ)
    written = sparklint("check", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "recorded 2 findings in baseline.json" in written.stderr
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert [(e["path"], e["code"], e["line"]) for e in recorded["findings"]] == [("train.py", "SPL101", 3),
                                                                                  ("train.py", "SPL101", 4)]

    clean = sparklint("check", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert clean.returncode == 0 and codes_and_lines(clean) == []

    # Unrelated edits above move the findings down; a third identical line is new.
    script.write_text(HEADER + '"""Train the model."""\n\nimport os\n\n' + READ + READ + READ)
    done = sparklint("check", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    assert codes_and_lines(done) == [("SPL101", 9)]

    # A new kind of finding in a new file is reported too.
    (tmp_path / "more.py").write_text(HEADER + 'df = pd.read_parquet("x.parquet")\n')
    done = sparklint("check", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    assert sorted(codes_and_lines(done)) == [("SPL101", 9), ("SPL102", 3)]


def test_an_unreadable_baseline_is_an_error(tmp_path: Path):
    (tmp_path / "train.py").write_text(HEADER + READ)
    (tmp_path / "bad.json").write_text('{"findings": "nope"}')
    for name, message in (("bad.json", "not a sparklint baseline"), ("missing.json", "cannot be read")):
        done = sparklint("check", "--baseline", name, cwd=tmp_path)
        assert done.returncode == 2
        assert message in done.stderr and done.stdout == ""


def test_the_estimate_weighs_every_finding_even_those_a_baseline_hides(tmp_path: Path):
    script = tmp_path / "train.py"
    script.write_text('from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n'
                      'pdf = spark.read.table("events").toPandas()\npdf["total"] = pdf.apply(lambda r: r.a * r.b, axis=1)\n')
    before = json.loads(sparklint("check", "--no-cache", "--format", "json", cwd=tmp_path).stdout)["files"][0]["compute"]
    assert before["scale"] == "single-node", before  # the work after the whole pull runs on the driver
    assert sparklint("check", "--no-cache", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    done = sparklint("check", "--no-cache", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path)
    report = json.loads(done.stdout)
    assert report["findings"] == [] and report["files"][0]["compute"] == before
