"""Baselines: adopt sparklint on an existing code base by recording today's findings.

`--write-baseline FILE` stores the fingerprint of every current finding (see fingerprint.py:
they survive edits above a finding); `--baseline FILE` then reports only findings whose
fingerprint is not in the file. The path, code, line and message beside each fingerprint are
there for the people reviewing the file; only the fingerprint is compared.
"""

from __future__ import annotations

import json
from pathlib import Path

from sparklint.fingerprint import fingerprints, repo_path
from sparklint.result import Run

FORMAT = "sparklint-baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and the problem."""


def write(run: Run, path: str | Path) -> int:
    """Record every finding of `run` in `path`; returns how many were recorded."""
    entries = [
        {"fingerprint": digest, "path": repo_path(finding.path), "code": finding.code, "line": finding.line,
         "message": finding.message}
        for result in run.files for finding, digest in fingerprints(result).items()
    ]
    entries.sort(key=lambda e: (e["path"], e["line"], e["code"], e["fingerprint"]))
    Path(path).write_text(json.dumps({"format": FORMAT, "findings": entries}, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def load(path: str | Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a sparklint baseline (write one with --write-baseline)")
    try:
        return frozenset(str(entry["fingerprint"]) for entry in data["findings"])
    except (TypeError, KeyError):
        raise BaselineError(f"{path}: an entry has no fingerprint") from None


def new_findings(run: Run, known: frozenset[str]) -> Run:
    """`run` without the findings the baseline already records."""
    files = []
    for result in run.files:
        digests = fingerprints(result)
        kept = [f for f in result.findings if digests[f] not in known]
        files.append(result.showing(kept) if len(kept) != len(result.findings) else result)
    return Run(files)
