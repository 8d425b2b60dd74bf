"""Inline suppressions: `# noqa`, `# noqa: SPL101, SPL2`, and file-level `# sparklint: noqa[: CODES]`.

Comments are found with the tokenizer, so a `# noqa` inside a string does not count; a finding
is suppressed by a comment on its first or its last line (the end of a multi-line call).
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?", re.IGNORECASE)
FILE_NOQA = re.compile(r"#\s*sparklint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?", re.IGNORECASE)
ALL = ("",)  # the empty prefix matches every code


def _codes(match: re.Match) -> tuple[str, ...]:
    codes = match.group("codes")
    return tuple(c.upper() for c in re.split(r"[\s,]+", codes) if c) if codes else ALL


@dataclass
class Suppressions:
    lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    file: tuple[str, ...] = ()

    @classmethod
    def parse(cls, code: str) -> "Suppressions":
        found = cls()
        for line, comment in _comments(code):
            whole_file = FILE_NOQA.search(comment)
            if whole_file:
                found.file += _codes(whole_file)
                continue
            match = NOQA.search(comment)
            if match:
                found.lines[line] = found.lines.get(line, ()) + _codes(match)
        return found

    def suppresses(self, code: str, line: int, end_line: int) -> bool:
        prefixes = self.file + self.lines.get(line, ()) + self.lines.get(end_line, ())
        return any(code.startswith(p) for p in prefixes)


def _comments(code: str) -> list[tuple[int, str]]:
    try:
        return [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(io.StringIO(code).readline)
                if tok.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return [(n, line[line.index("#"):]) for n, line in enumerate(code.splitlines(), 1) if "#" in line]
