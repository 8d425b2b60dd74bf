"""The JSON report: one object, documented by `schemas/report.schema.json`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from sparklint import __version__
from sparklint.result import Run, readiness
from sparklint.rule import SEVERITIES


def as_document(run: Run) -> dict[str, Any]:
    findings = run.findings
    return {
        "version": __version__,
        "files": [result.as_dict() for result in run.files],
        "findings": [f.as_dict() for f in findings],
        "summary": summary(run),
    }


def summary(run: Run) -> dict[str, Any]:
    findings = run.findings
    severities = Counter(f.severity for f in findings)
    checked = [score for score in (r.readiness for r in run.files) if score]
    other_cells: Counter[str] = Counter()
    for result in run.files:
        if result.other_cells:
            other_cells.update(result.other_cells)
    return {
        "readiness": readiness(sum(r["distributed_operations"] for r in checked),
                               sum(r["driver_operations"] for r in checked)),
        "files": len(run.files),
        "files_with_findings": sum(1 for r in run.files if r.findings),
        "files_not_checked": len(run.errors),
        "cells_not_checked": sum(len(r.cell_errors) for r in run.files),
        "files_skipped": sum(1 for r in run.files if r.skipped),
        "other_cells": dict(other_cells),
        "findings": len(findings),
        "by_severity": {s: severities[s] for s in SEVERITIES},
    }


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    write(as_document(run), stream)


def write(document: Any, stream: TextIO) -> None:
    """Indented JSON and a newline, in pieces of about 64 kB.

    `json.dump` writes every token separately (slow on a large run) and `json.dumps` holds the
    whole text at once (tens of MB on a large run); this does neither.
    """
    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(indent=2).iterencode(document):
        pieces.append(piece)
        size += len(piece)
        if size > 65536:
            stream.write("".join(pieces))
            pieces, size = [], 0
    stream.write("".join(pieces) + "\n")
