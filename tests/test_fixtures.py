"""The bundled fixtures say what they expect (`# expect: CODE ...` beside a line); the tool must agree exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sparklint.api import check_file
from sparklint.sources import read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>(?:SPL\d{3}\s*)+)")
# fixtures/verify and fixtures/migrate are inputs of the harness and migrate tests, checked there.
FILES = sorted(
    p for p in FIXTURES.rglob("*")
    if p.suffix in (".py", ".ipynb") and not {"verify", "migrate"} & set(p.relative_to(FIXTURES).parts)
)


def expected(path: Path) -> set[tuple[int, str]]:
    source = read_source(path)
    found = set()
    for number, line in enumerate(source.code.splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            found |= {(number, code) for code in match.group("codes").split()}
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_findings_match_expectations(path):
    result = check_file(path)
    assert result.error is None
    reported = {(f.line, f.code) for f in result.findings}
    assert reported == expected(path), (
        f"missing: {sorted(expected(path) - reported)}; unexpected: {sorted(reported - expected(path))}"
    )


def test_every_fixture_kind_is_covered():
    kinds = {read_source(p).kind for p in FILES}
    assert kinds == {"python", "jupyter", "databricks", "fabric"}
