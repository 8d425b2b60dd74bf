"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every catalog rule is described once in `tool.driver.rules` (what it flags, why, the PySpark
equivalent as help text and the rule's Markdown documentation); each finding is a result that
points at a repository-relative URI under `%SRCROOT%` (the current folder), with a fingerprint
that survives edits above it. Notebooks: the result points at line 1 of the `.ipynb` file and
names the cell in its message, because the code's line numbers are not lines of the JSON file.
Validated against the vendored SARIF 2.1.0 schema in tests/schemas/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from sparklint import __version__
from sparklint.catalog import load_rules
from sparklint.config import real_path
from sparklint.docs import rule_markdown
from sparklint.fingerprint import VERSION, fingerprints
from sparklint.reporters.json_report import write
from sparklint.reporters.where import has_file_lines, repo_path, with_suggestion
from sparklint.result import Run
from sparklint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ROOT = "%SRCROOT%"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.render(rule.message, {"callee": "the call", "receiver": "the DataFrame"})},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\nPySpark: {rule.suggestion}\n\nLimits: {rule.limits}",
                 "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["spark", "performance", rule.family], "precision": "high",
                       "problem.severity": {"info": "recommendation"}.get(rule.severity, rule.severity)},
    }


def artifact(path: str) -> dict[str, str]:
    shown = repo_path(path)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown), "uriBaseId": ROOT}


def document(run: Run) -> dict[str, Any]:
    rules = load_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for result in run.files:
        location = artifact(result.path)
        for finding, digest in fingerprints(result).items():
            if has_file_lines(result.kind):
                region = {"startLine": finding.line, "startColumn": finding.column,
                          "endLine": finding.end_line, "endColumn": finding.end_column}
            else:
                region = {"startLine": 1}
            entry: dict[str, Any] = {
                "ruleId": finding.code,
                "level": LEVELS[finding.severity],
                "message": {"text": with_suggestion(finding, result.kind)},
                "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": region}}],
                "partialFingerprints": {VERSION: digest},
            }
            if finding.code in index:
                entry["ruleIndex"] = index[finding.code]
            results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": f"{repo_path(r.path)}: {problem}"},
         "locations": [{"physicalLocation": {"artifactLocation": artifact(r.path)}}]}
        for r in run.files for problem in r.problems
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sparklint", "version": __version__, "semanticVersion": __version__,
                "rules": [rule_descriptor(rule) for rule in rules],
            }},
            "originalUriBaseIds": {ROOT: {"uri": Path(real_path(os.getcwd())).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    write(document(run), stream)
