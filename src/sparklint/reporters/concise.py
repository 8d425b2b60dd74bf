"""One line per finding, `path:line:col: CODE message`, for grep, editors' problem matchers and logs.

Notebook findings use the text report's `path:cell N:line:col` location.
"""

from __future__ import annotations

from typing import TextIO

from sparklint.reporters.where import has_file_lines, location
from sparklint.result import Run


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:  # one write per file: a large run has tens of thousands of lines
        lines = [f"{result.path}: error: {problem}\n" for problem in result.problems]
        if has_file_lines(result.kind):  # the common case, spelt out: a large run has tens of thousands
            lines += [f"{result.path}:{f.line}:{f.column}: {f.code} {f.message}\n" for f in result.findings]
        else:
            lines += [f"{location(f, result.kind)}: {f.code} {f.message}\n" for f in result.findings]
        stream.write("".join(lines))
    if not quiet:
        findings, files = sum(len(result.findings) for result in run.files), len(run.files)
        stream.write(f"Found {findings} finding{'s' if findings != 1 else ''} "
                     f"in {files} file{'s' if files != 1 else ''}.\n")
