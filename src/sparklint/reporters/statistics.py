"""`--statistics`: how many findings each rule produced, instead of the findings themselves.

A table (count, code, name, severity) most frequent first; as a JSON list with `--format json`.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from sparklint.reporters.json_report import write
from sparklint.result import Run


def rows(run: Run) -> list[dict]:
    counts = Counter((f.code, f.name, f.severity) for f in run.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [{"code": code, "name": name, "severity": severity, "count": count}
            for (code, name, severity), count in ordered]


def report(run: Run, stream: TextIO, *, color: bool = False, quiet: bool = False, as_json: bool = False) -> None:
    table = rows(run)
    if as_json:
        write(table, stream)
        return
    width = max((len(str(row["count"])) for row in table), default=1)
    names = max((len(row["name"]) for row in table), default=0)
    for row in table:
        stream.write(f"{row['count']:>{width}}  {row['code']}  {row['name']:<{names}}  [{row['severity']}]\n")
