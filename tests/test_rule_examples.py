"""Every rule's own examples are tests: `flagged` code must be reported, `silent` code must not."""

from __future__ import annotations

import pytest

from sparklint.api import engine_for
from sparklint.catalog import load_rules
from sparklint.sources import Source

RULES = load_rules()
ENGINE = engine_for(tuple(r.code for r in RULES))


def codes_in(code: str) -> list[str]:
    result = ENGINE.check(Source("example.py", "python", code))
    assert result.error is None, result.error
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    "rule, example", [(r, e) for r in RULES for e in r.flagged], ids=lambda v: getattr(v, "code", None) or "flagged"
)
def test_flagged_examples_are_reported(rule, example):
    assert rule.code in codes_in(example), f"{rule.code} missed:\n{example}"


@pytest.mark.parametrize(
    "rule, example", [(r, e) for r in RULES for e in r.silent], ids=lambda v: getattr(v, "code", None) or "silent"
)
def test_silent_examples_stay_silent(rule, example):
    assert rule.code not in codes_in(example), f"{rule.code} fired on:\n{example}"


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES:
        assert rule.flagged and rule.silent, rule.code
