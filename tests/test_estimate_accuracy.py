"""The compute estimate against the labelled set in tests/estimate_corpus/labels.toml.

Every answer (recommendation, processor, memory, scale) must be right for at least 90% of the
cases of each class; the table of per-class accuracy is printed and attached to the test report.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

from sparklint.api import check_file
from sparklint.config import parse_size

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).parent / "estimate_corpus"
CASES = tomllib.loads((CORPUS / "labels.toml").read_text())["case"]
ANSWERS = ("recommendation", "processor", "memory", "scale")
MINIMUM = 0.90


def predict(case: dict) -> dict:
    overrides = {"data_size": parse_size(case["data_size"], "labels.toml")} if "data_size" in case else {}
    result = check_file(CORPUS / case["file"], overrides)
    assert result.error is None, f"{case['file']}: {result.error}"
    return result.compute.as_dict()


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict]:
    return {case["file"]: predict(case) for case in CASES}


def test_the_labelled_set_is_large_and_covers_every_class():
    assert len(CASES) >= 40
    assert all((CORPUS / c["file"]).is_file() for c in CASES)
    assert {c["recommendation"] for c in CASES} == {"cpu", "gpu", "distributed"}
    assert {c["memory"] for c in CASES} == {"general", "memory-optimized"}


def test_accuracy_per_class_is_at_least_90_percent(predictions, record_property):
    right: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    wrong = []
    for case in CASES:
        got = predictions[case["file"]]
        for answer in ANSWERS:
            total[answer, case[answer]] += 1
            if got[answer] == case[answer]:
                right[answer, case[answer]] += 1
            else:
                wrong.append(f"{case['file']}: {answer} {got[answer]} (expected {case[answer]})")
    lines = [f"{answer:15} {label:17} {right[answer, label]:3}/{total[answer, label]:<3} "
             f"{right[answer, label] / total[answer, label]:6.1%}" for answer, label in sorted(total)]
    table = "compute estimate accuracy per class:\n" + "\n".join(lines) + (
        "\nwrong:\n" + "\n".join(wrong) if wrong else "\nwrong: none")
    print(table)
    record_property("estimate_accuracy", table)
    low = [key for key in total if right[key] / total[key] < MINIMUM]
    assert not low, table
