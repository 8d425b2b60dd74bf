"""Inline suppressions: `# noqa`, `# noqa: SPL101, SPL2`, and file-level `# sparklint: noqa[: CODES]`.

Comments are found with the tokenizer, so a `# noqa` inside a string does not count; a finding
is suppressed by a comment on its first or its last line (the end of a multi-line call).
"""

from __future__ import annotations

import io
import re
import tokenize

# A code, or a prefix of one, is letters then at least one digit (`SPL101`, `SPL1`), so the prose
# that may follow the codes (`# noqa: E501 see SPL docs`) is not read as more codes.
CODES = r"(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?"
NOQA = re.compile(r"#\s*noqa" + CODES, re.IGNORECASE)
FILE_NOQA = re.compile(r"#\s*sparklint:\s*noqa" + CODES, re.IGNORECASE)
ALL = ("",)  # the empty prefix matches every code
CANDIDATE = re.compile(r"#[^\n]*noqa", re.IGNORECASE)  # a line that may hold a suppression


def _codes(match: re.Match) -> tuple[str, ...]:
    codes = match.group("codes")
    return tuple(c.upper() for c in re.split(r"[\s,]+", codes) if c) if codes else ALL


class Suppressions:
    """The suppressions of one file, found lazily: the tokenizer is slow and most files have none.

    The text is searched first; only when a finding meets a line that may hold `# noqa` (or the
    file may hold a file-level one) is the file tokenized to keep the comments that really are.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        self.maybe_lines: set[int] = set()
        line, counted = 1, 0
        for match in CANDIDATE.finditer(code):
            line += code.count("\n", counted, match.start())
            counted = match.start()
            self.maybe_lines.add(line)
        self.maybe_file = FILE_NOQA.search(code) is not None
        self._parsed: tuple[dict[int, tuple[str, ...]], tuple[str, ...]] | None = None

    def suppresses(self, code: str, line: int, end_line: int) -> bool:
        if not self.maybe_file and line not in self.maybe_lines and end_line not in self.maybe_lines:
            return False
        lines, whole_file = self.parsed()
        prefixes = whole_file + lines.get(line, ()) + lines.get(end_line, ())
        return any(code.startswith(p) for p in prefixes)

    def parsed(self) -> tuple[dict[int, tuple[str, ...]], tuple[str, ...]]:
        """Codes suppressed per line and for the whole file, from the comments the tokenizer finds."""
        if self._parsed is None:
            lines: dict[int, tuple[str, ...]] = {}
            whole_file: tuple[str, ...] = ()
            for line, comment in _comments(self.code):
                file_match = FILE_NOQA.search(comment)
                if file_match:
                    whole_file += _codes(file_match)
                    continue
                match = NOQA.search(comment)
                if match:
                    lines[line] = lines.get(line, ()) + _codes(match)
            self._parsed = lines, whole_file
        return self._parsed


def with_noqa(line: str, code: str, commented: bool) -> str:
    """`line` suppressing `code` too: the code added to the `# noqa: …` comment the line has
    (`commented`: the tokenizer found one there, so the last match on the line is in it), else a
    `# noqa: CODE` comment at its end. An editor's "suppress on this line" action."""
    body = line.rstrip("\r\n")
    newline = line[len(body):]
    found = list(NOQA.finditer(body)) if commented else []
    if found and found[-1].group("codes"):
        end = found[-1].end("codes")
        return f"{body[:end]}, {code}{body[end:]}{newline}"
    return f"{body.rstrip()}  # noqa: {code}{newline}"


def _comments(code: str) -> list[tuple[int, str]]:
    try:
        return [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(io.StringIO(code).readline)
                if tok.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return [(n, line[line.index("#"):]) for n, line in enumerate(code.split("\n"), 1) if "#" in line]
