"""GitLab Code Quality: the JSON array of issues a merge request's Code Quality widget reads.

Each issue has `description`, `check_name`, a `fingerprint` unique within the report (GitLab
shows only one issue per fingerprint, and it must survive edits above the line: see
fingerprint.py), `severity`, and `location.path` + `location.lines.begin`. Severities map
error → major, warning → minor, info → info. A notebook issue is placed at line 1 of the file
and names the cell in its description.
"""

from __future__ import annotations

from typing import TextIO

from sparklint.fingerprint import fingerprints
from sparklint.reporters.json_report import write
from sparklint.reporters.where import has_file_lines, headline, repo_path
from sparklint.result import Run

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issues(run: Run) -> list[dict]:
    found = []
    for result in run.files:
        path = repo_path(result.path)
        for finding, digest in fingerprints(result).items():
            lines = {"begin": finding.line, "end": finding.end_line} if has_file_lines(result.kind) else {"begin": 1}
            found.append({
                "type": "issue",
                "description": f"{finding.code} {headline(finding, result.kind)} PySpark: {finding.suggestion}",
                "check_name": finding.code,
                "fingerprint": digest,
                "severity": SEVERITIES[finding.severity],
                "categories": ["Performance"],
                "location": {"path": path, "lines": lines},
            })
    return found


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    write(issues(run), stream)
