"""Whole repositories: memory stays bounded as the file count grows, and runs sharing a cache agree.

Bound: checking 5,000 files on one process peaks below 150 MB RSS (measured: 56 MB), no more
than 40 MB above checking 500 of them (measured: +18 MB): the memory a run needs does not grow
much with the number of files (a parsed tree is dropped after its file; only findings are kept).
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

BOUND_MB = 150
GROWTH_MB = 40
FINDING = "import pandas as pd\n\n\ndef load(path):\n    return pd.read_csv(path)\n"
PLAIN = "import os\n\n\ndef helper_{i}(x):\n    total = 0\n    for v in range(x):\n        total += v * {i}\n    return total\n"


def make_tree(root: Path, count: int) -> Path:
    """`count` files in folders of 100: one in ten has a finding, the rest import nothing a rule needs."""
    for i in range(count):
        folder = root / f"pkg{i // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"m{i:05d}.py").write_text(FINDING if i % 10 == 0 else PLAIN.format(i=i))
    return root


# A small parent starts sparklint and reports its children's peak RSS. Measured from the pytest
# process itself the number would be wrong: a forked child's peak starts at its parent's size.
MEASURE = """
import json, resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


def run_measured(tree: Path, *args: str) -> tuple[int, str, int]:
    """(exit code, stdout, peak RSS in MB) of one `sparklint check --format json ARGS .` process."""
    report = tree.parent / f"{tree.name}.json"
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(report), sys.executable, "-m", "sparklint", "check", "--format", "json",
         *args, "."], cwd=tree, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=600)
    code, peak_kb = json.loads(measured.stdout)
    return code, report.read_text(), peak_kb // 1024  # ru_maxrss is in KB on Linux


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux only")
def test_memory_stays_bounded_as_the_tree_grows(tmp_path):
    small_code, small_out, small_peak = run_measured(make_tree(tmp_path / "small", 500), "--no-cache", "--jobs", "1")
    code, out, peak = run_measured(make_tree(tmp_path / "large", 5000), "--no-cache", "--jobs", "1")
    assert small_code == code == 1
    document = json.loads(out)
    assert document["summary"]["files"] == 5000 and document["summary"]["findings"] == 500
    assert document["summary"]["files_not_checked"] == 0
    assert peak < BOUND_MB, f"peak RSS {peak} MB for 5,000 files"
    assert peak - small_peak < GROWTH_MB, f"peak RSS grew from {small_peak} MB (500 files) to {peak} MB (5,000)"


def _findings(output: str) -> list[tuple]:
    document = json.loads(output)
    return [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]] + [
        (f["path"], f["error"]) for f in document["files"]]


def test_concurrent_runs_sharing_a_cache_agree_and_leave_it_whole(tmp_path):
    tree = make_tree(tmp_path / "tree", 400)
    (tree / "broken.py").write_text("import pandas as pd\ndf = (\n")  # errors are results too
    cache = tmp_path / "cache"
    _, reference, _ = run_measured(tree, "--no-cache")
    expected = _findings(reference)
    assert len(expected) > 400
    for round_ in ("cold", "warm"):
        processes = [subprocess.Popen(
            [sys.executable, "-m", "sparklint", "check", "--format", "json", "--cache-dir", str(cache), "."],
            cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
            for _ in range(3)]
        for process in processes:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 2, (round_, err)
            assert _findings(out) == expected, round_
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert entries, "nothing was cached"
    for entry in entries:  # no half-written index survives the race
        assert isinstance(marshal.loads(entry.read_bytes()), dict), entry
