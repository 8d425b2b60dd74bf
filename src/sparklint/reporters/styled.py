"""Lines of styled text for the terminal report: rich colours them on a terminal; anywhere else
they are written as plain text, without rich.

Rich takes longer to import than a cached run of many files takes, and tens of microseconds per
printed line, so plain output never goes through it. It still reads exactly as rich prints text
without colour: rich drops five control characters (BEL, BS, VT, FF, CR) and expands each tab to
the next multiple of eight cells, where a wide character takes two cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Span = str | tuple[str, str]  # text, or text and its rich style: what `rich.text.Text.assemble` takes
Line = tuple[Span, ...]

DROPPED = re.compile("[\a\b\v\f\r]")  # the control characters rich leaves out of printed text
TAB = 8


def console_for(stream: TextIO, color: bool) -> Console:
    from rich.console import Console

    return Console(file=stream, no_color=not color, color_system="auto" if color else None,
                   highlight=False, soft_wrap=True, emoji=False)


def write(lines: Iterable[Line], stream: TextIO, color: bool) -> None:
    """Each line and a newline; in colour as one rich Text, which rich prints several times faster
    than the same lines one by one (and byte for byte the same)."""
    if not color:
        stream.write("".join(plain(line) + "\n" for line in lines))
        return
    from rich.text import Text

    styled = [Text.assemble(*line) for line in lines]
    if styled:
        console_for(stream, color).print(Text("\n").join(styled))


def plain(line: Line) -> str:
    text = DROPPED.sub("", "".join(span if isinstance(span, str) else span[0] for span in line))
    return "\n".join(map(_expand_tabs, text.split("\n"))) if "\t" in text else text


def _expand_tabs(text: str) -> str:
    """Rich's way: the tab becomes a space, then spaces up to the next multiple of eight cells."""
    *pieces, last = text.split("\t")
    expanded, column = [], 0
    for piece in pieces:
        piece += " "
        column += _cells(piece)
        pad = -column % TAB
        expanded.append(piece + " " * pad)
        column += pad
    return "".join(expanded) + last


def _cells(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len  # wide, zero-width and control characters, measured as rich measures them

    return cell_len(text)
