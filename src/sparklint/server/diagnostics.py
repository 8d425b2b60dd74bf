"""What the editor shows of a finding: a diagnostic where it is, and the rule's page on hover."""

from __future__ import annotations

from collections.abc import Iterator

from lsprotocol import types
from pygls.workspace import PositionCodec

from sparklint.catalog import load_rules
from sparklint.docs import rule_markdown
from sparklint.reporters.where import with_suggestion
from sparklint.rule import Finding
from sparklint.server.documents import Checked, Place

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def client_range(place: Place, codec: PositionCodec) -> types.Range:
    """The place in the units the client counts (UTF-16 by default; sparklint counts code points)."""
    span = types.Range(types.Position(place.line, place.column), types.Position(place.end_line, place.end_column))
    return codec.range_to_client_units(place.part.lines, span)


def diagnostic(checked: Checked, f: Finding, codec: PositionCodec) -> types.Diagnostic:
    return types.Diagnostic(
        range=client_range(checked.place(f), codec), message=with_suggestion(f, checked.message_kind()),
        severity=SEVERITIES[f.severity], code=f.code, source="sparklint",
    )


def diagnostics(checked: Checked, codec: PositionCodec) -> dict[str, list[types.Diagnostic]]:
    """Every part's diagnostics, an empty list for a part without findings (which clears its old ones)."""
    found: dict[str, list[types.Diagnostic]] = {part.uri: [] for part in checked.parts}
    for f in checked.result.findings:
        found[checked.place(f).part.uri].append(diagnostic(checked, f, codec))
    return found


def findings_on(checked: Checked, uri: str, first: int, last: int) -> Iterator[tuple[Finding, Place]]:
    """The findings in one part whose lines meet lines first..last (0-based)."""
    for f in checked.result.findings:
        place = checked.place(f)
        if place.part.uri == uri and place.line <= last and place.end_line >= first:
            yield f, place


def hover(checked: Checked, uri: str, position: types.Position, codec: PositionCodec) -> types.Hover | None:
    """Over a finding: its message, the PySpark equivalent, and the rule as `sparklint rule` shows it."""
    part = next((p for p in checked.parts if p.uri == uri), None)
    if part is None:
        return None
    at = codec.position_from_client_units(part.lines, position)
    point = (at.line, at.character)
    rules = {r.code: r for r in load_rules()}
    pages = [
        f"**{f.code}** {f.message}\n\nPySpark:\n```python\n{f.suggestion}\n```\n\n---\n\n{rule_markdown(rules[f.code])}"
        for f, place in findings_on(checked, uri, at.line, at.line)
        if (place.line, place.column) <= point <= (place.end_line, place.end_column)
    ]
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(pages))) if pages else None

