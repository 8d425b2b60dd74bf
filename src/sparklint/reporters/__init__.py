"""Output formats. Each reporter turns a finished Run into text; none of them computes findings."""

from __future__ import annotations

from sparklint.reporters import azure, concise, github, gitlab, json_lines, json_report, junit, sarif, text

REPORTERS = {
    "text": text.report,
    "json": json_report.report,
    "concise": concise.report,
    "json-lines": json_lines.report,
    "sarif": sarif.report,
    "github": github.report,
    "azure": azure.report,
    "gitlab": gitlab.report,
    "junit": junit.report,
}
