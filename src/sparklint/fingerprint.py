"""A finding's identity that survives unrelated edits: for baselines, SARIF and GitLab.

A fingerprint hashes the file's path, the rule code, the flagged line(s) with whitespace
normalised, and which occurrence of that same text and code it is in the file. It leaves the
line number out, so adding or removing lines above a finding keeps its fingerprint; editing the
flagged line itself, or renaming the file, gives a new one.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

from sparklint.config import real_path
from sparklint.result import FileResult
from sparklint.rule import Finding

VERSION = "sparklint/v1"  # the key under which SARIF carries the fingerprint (partialFingerprints)


def repo_path(path: str) -> str:
    """`path` relative to the current folder with forward slashes, or as given if it is elsewhere."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = Path(real_path(candidate)).relative_to(real_path(os.getcwd()))
        except ValueError:
            return candidate.as_posix()
    text = candidate.as_posix()
    return text[2:] if text.startswith("./") else text


def fingerprints(result: FileResult) -> dict[Finding, str]:
    """Every finding of one file with its fingerprint (each one different, even for repeats)."""
    path = repo_path(result.path)
    seen: Counter[tuple[str, str]] = Counter()
    found = {}
    for finding in sorted(result.findings, key=lambda f: (f.line, f.column, f.code)):
        text = "\n".join(" ".join(result.lines.get(n, "").split()) for n in range(finding.line, finding.end_line + 1))
        occurrence = seen[finding.code, text]
        seen[finding.code, text] += 1
        key = "\0".join((path, finding.code, text, str(occurrence)))
        found[finding] = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return found
