"""Code actions on a finding: apply its fix (safe ones preferred, unsafe ones titled so) or suppress it.

A fix is applied by the code `sparklint fix` runs (`fixes.fix_one`), so the text is the same, and
`# noqa` is written as `check` reads it (`suppression.with_noqa`). The edit sent back replaces
only the lines that changed, in each part (cell) that changed.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import PositionCodec

from sparklint.fixes import LINE, FixError, fix_one
from sparklint.rule import Finding
from sparklint.server.diagnostics import diagnostic, findings_on
from sparklint.server.documents import Checked, Part, Place
from sparklint.suppression import Suppressions, with_noqa

TITLE_WIDTH = 60  # the replacement shown in a fix's title, at most


def code_actions(checked: Checked, uri: str, lines: types.Range, codec: PositionCodec) -> list[types.CodeAction]:
    actions = []
    suppressed = Suppressions(checked.source.code).parsed()[0] if checked.source else {}
    for f, place in findings_on(checked, uri, lines.start.line, lines.end.line):
        shown = [diagnostic(checked, f, codec)]
        fixed = _fixed(checked, f)
        if f.fix and fixed is not None:
            unsafe = f.fix.safety == "unsafe"
            replacement = f.fix.replacement.splitlines()[0]
            if len(replacement) > TITLE_WIDTH:
                replacement = replacement[:TITLE_WIDTH - 1] + "…"
            actions.append(types.CodeAction(
                title=f"Fix {f.code}: use `{replacement}`" + (" (unsafe fix: changes behaviour)" if unsafe else ""),
                kind=types.CodeActionKind.QuickFix, diagnostics=shown, is_preferred=not unsafe,
                edit=_edit(checked, checked.texts(fixed), codec),
            ))
        noqa = _with_noqa(checked, f, place, commented=f.end_line in suppressed)
        actions.append(types.CodeAction(title=f"Suppress {f.code} on this line (# noqa)",
                                        kind=types.CodeActionKind.QuickFix, diagnostics=shown,
                                        edit=_edit(checked, noqa, codec)))
    return actions


def _fixed(checked: Checked, f: Finding) -> bytes | None:
    """The document's bytes with this finding fixed; None for no fix, a display-only one, or one that
    would leave code that does not parse."""
    if f.fix is None or f.fix.safety == "display-only":
        return None
    try:
        return fix_one(checked.path, checked.data, f)
    except FixError:
        return None


def _with_noqa(checked: Checked, f: Finding, place: Place, commented: bool) -> list[str]:
    """Every part's text, the finding's last line suppressing its code (check reads the first or the last)."""
    lines = list(place.part.lines)
    lines[place.end_line] = with_noqa(lines[place.end_line], f.code, commented)
    return ["".join(lines) if part is place.part else part.text for part in checked.parts]


def _edit(checked: Checked, texts: list[str], codec: PositionCodec) -> types.WorkspaceEdit:
    changes = {}
    for part, text in zip(checked.parts, texts, strict=True):
        edit = _changed_lines(part, text, codec)
        if edit is not None:
            changes[part.uri] = [edit]
    return types.WorkspaceEdit(changes=changes)


def _changed_lines(part: Part, text: str, codec: PositionCodec) -> types.TextEdit | None:
    """One edit replacing the lines that differ (the rest of the text, and the cursor in it, stays)."""
    if text == part.text:
        return None
    old, new = part.lines, LINE.findall(text)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    same_end = 0
    while same_end < min(len(old), len(new)) - start and old[-1 - same_end] == new[-1 - same_end]:
        same_end += 1
    stop = len(old) - same_end
    if stop < len(old) or not old or old[-1].endswith(("\n", "\r")):
        end = types.Position(stop, 0)
    else:  # up to the end of a last line without a line break
        end = types.Position(len(old) - 1, codec.client_num_units(old[-1]))
    return types.TextEdit(types.Range(types.Position(start, 0), end), "".join(new[start:len(new) - same_end]))
