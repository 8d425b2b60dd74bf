"""Output formats. Each reporter turns a finished Run into text; none of them computes findings."""

from __future__ import annotations

from sparklint.reporters import json_report, text

REPORTERS = {
    "text": text.report,
    "json": json_report.report,
}
