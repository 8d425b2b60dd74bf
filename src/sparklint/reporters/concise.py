"""One line per finding, `path:line:col: CODE message`, for grep, editors' problem matchers and logs.

Notebook findings use the text report's `path:cell N:line:col` location.
"""

from __future__ import annotations

from typing import TextIO

from sparklint.reporters.json_report import summary
from sparklint.reporters.where import location
from sparklint.result import Run


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:  # one write per file: a large run has tens of thousands of lines
        problems = [f"{result.path}: error: {problem}\n" for problem in result.problems]
        stream.write("".join(problems + [f"{location(finding, result.kind)}: {finding.code} {finding.message}\n"
                                         for finding in result.findings]))
    if not quiet:
        counts = summary(run)
        stream.write(f"Found {counts['findings']} finding{'s' if counts['findings'] != 1 else ''} "
                     f"in {counts['files']} file{'s' if counts['files'] != 1 else ''}.\n")
