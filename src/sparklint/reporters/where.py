"""Where a finding is, in the terms CI systems and editors use.

CI services want a path relative to the repository (GitHub code scanning rejects absolute
ones) and a line in the file they can open. A Jupyter notebook's findings are on lines of the
joined code, not of the `.ipynb` JSON on disk, so for notebooks these formats point at the
file and say the cell in the message instead of pointing at a line that means nothing there.
"""

from __future__ import annotations

from sparklint.fingerprint import repo_path
from sparklint.rule import Finding

__all__ = ["repo_path", "location", "has_file_lines", "cell_note", "headline", "with_suggestion"]


def location(finding: Finding, kind: str) -> str:
    """`path:line:col` (`path:cell N:line:col` in a notebook): how the terminal reports name a place."""
    if kind == "jupyter" and finding.cell is not None:
        return f"{finding.path}:cell {finding.cell + 1}:{finding.cell_line}:{finding.column}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def has_file_lines(kind: str) -> bool:
    """Whether a finding's line numbers are lines of the file on disk (false for `.ipynb` JSON)."""
    return kind != "jupyter"


def cell_note(finding: Finding, kind: str) -> str:
    """` (cell 3, line 2)` for a finding in a Jupyter notebook, else nothing."""
    if has_file_lines(kind) or finding.cell is None:
        return ""
    return f" (cell {finding.cell + 1}, line {finding.cell_line})"


def headline(finding: Finding, kind: str) -> str:
    """The finding's message with the cell it is in, for formats that carry one text line."""
    return f"{finding.message}{cell_note(finding, kind)}"


def with_suggestion(finding: Finding, kind: str) -> str:
    """Message, cell, and the PySpark equivalent on its own line."""
    return f"{headline(finding, kind)}\nPySpark: {finding.suggestion}"
