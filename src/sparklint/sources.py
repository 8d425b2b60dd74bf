"""Read scripts and notebooks into Python code plus a map back to what the user sees.

Every reader keeps one line of code per line of input, so a line number found in the code is
a line the user can find: each notebook cell is transformed as IPython runs it (`run_as_ipython`),
line for line, and cells in other languages become comment lines instead of disappearing. Jupyter
code cells are joined in order; Databricks and Fabric source notebooks keep the file's own lines.
"""

from __future__ import annotations

import bisect
import errno
import io
import json
import os
import re
import stat
import tokenize
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sparklint import files
from sparklint.files import MAX_FILE_BYTES

NOTEBOOK_SUFFIXES = (".ipynb",)
SCRIPT_SUFFIXES = (".py",)
# A notebook whose outputs hold big images still fits MAX_FILE_BYTES (only its code cells are
# kept); the engine has its own, much lower, limit on how much code it parses.
# Python's own line breaks. str.splitlines() also splits at \f, \v, \x1c-\x1e, \x85, \u2028 and
# \u2029, which Python and LibCST do not, so it would shift every line after one of them.
LINE_BREAK = re.compile(r"\r\n|\r|\n")

DATABRICKS_HEADER = "# Databricks notebook source"
DATABRICKS_METADATA = "application/vnd.databricks.v1+notebook"  # in the metadata of its .ipynb exports
DATABRICKS_SEPARATOR = re.compile(r"^# COMMAND -{5,}\s*$")
FABRIC_HEADER = "# Fabric notebook source"
FABRIC_BLOCK = re.compile(r"^# (CELL|MARKDOWN|METADATA|PARAMETERS) \*{5,}\s*$")
MAGIC_PREFIX = re.compile(r"^# MAGIC ?")

# Cell magics whose body is still Python; any other cell magic hides its whole cell.
PYTHON_BODY_CELL_MAGICS = frozenset(
    {"time", "timeit", "capture", "prun", "python", "python3", "pyspark", "spark", "debug"}
)
# Cell magics that save their body as a file: a Python script (`%%writefile src/train.py`) is checked as Python, as the
# script the notebook hands to a cluster or a compute target to run.
WRITES_FILE_CELL_MAGICS = frozenset({"writefile", "file"})
# What language a cell is in when its first line is one of these (`%%sql` in Jupyter, `%sql` in
# Databricks, which exports its cell languages into `.ipynb` files as single-`%` first lines).
LANGUAGE_MAGICS = {
    "sql": "sql", "scala": "scala", "r": "r", "md": "markdown", "md-sandbox": "markdown", "sh": "shell",
    "fs": "shell", "bash": "shell", "sparksql": "sql", "spark": "scala", "csharp": "csharp", "python": "python",
    "pyspark": "python",
}
FIRST_LINE_LANGUAGE = re.compile(r"^%(" + "|".join(map(re.escape, sorted(LANGUAGE_MAGICS, key=len, reverse=True)))
                                 + r")(?=\s|$)")
# Line magics that run the Python statement after them, and the options before that statement.
STATEMENT_MAGIC = re.compile(r"^%(?:time|timeit)\s+(?:-[nrp]\s*\d+\s+|-[a-zA-Z]\s+)*(?=\S)")
# IPython automagics that users type without `%`; masked only when followed by arguments.
AUTOMAGIC = re.compile(
    r"^\s*(pip|conda|mamba|cd|load_ext|reload_ext|matplotlib|autoreload|pylab|env|pwd|who|whos)"
    r"(\s+[^\s=(\[.,:+\-*/<>!&|^~%@]|\s*$)"
)
HELP_QUERY = re.compile(r"^\s*(\?\??[\w.]+|[\w.]+\?\??)\s*$")
LEADING_INDENT = re.compile(r"^[ \t]+")


class SourceError(Exception):
    """An input that cannot be read as Python; the message names the problem, the caller the file."""


@dataclass(frozen=True)
class Cell:
    """One notebook cell: where its code sits in `Source.code`, if it has any."""

    index: int
    kind: str  # "code", "markdown", "raw" or "other" (a cell in another language)
    language: str
    first_line: int  # 1-based line of Source.code where the cell's lines start; 0 if absent
    line_count: int
    magic: str | None = None
    script: str | None = None  # the Python file a `%%writefile trial.py` cell writes


@dataclass(frozen=True)
class Magic:
    """A notebook command sparklint understands without running it (`%pip`, `%run`)."""

    line: int
    name: str
    argument: str


@dataclass(frozen=True)
class Source:
    """Python code to parse, and how its lines map back to the input the user wrote."""

    path: str
    kind: str  # "python", "jupyter", "databricks" or "fabric"
    code: str
    cells: tuple[Cell, ...] = ()
    magics: tuple[Magic, ...] = ()
    column_offsets: Mapping[int, int] = field(default_factory=dict)  # code line -> characters the reader removed
    encoding: str = "utf-8"
    language: str = "python"  # a notebook's own language; its cells may differ
    platform: str | None = None  # "databricks" or "fabric" when the notebook says it runs there

    @property
    def is_notebook(self) -> bool:
        return self.kind != "python"

    @property
    def has_python(self) -> bool:
        """Whether any of the code is Python: a script always, a notebook only with a Python cell."""
        return not self.cells or any(c.kind == "code" and c.line_count for c in self.cells)

    def locate(self, line: int) -> tuple[int, int] | None:
        """The (cell index, 1-based line in that cell) of a code line, or None for scripts."""
        if not self.cells:
            return None
        i = bisect.bisect_right(self._code_cells, line, key=lambda c: c.first_line) - 1
        if i < 0:
            return None
        cell = self._code_cells[i]
        if line >= cell.first_line + max(cell.line_count, 1):
            return None
        return cell.index, line - cell.first_line + 1

    def cell_code(self, line: int) -> str:
        """The code of the cell that holds a code line; a script's whole code."""
        located = self.locate(line)
        if located is None:
            return self.code
        first = line - located[1]  # 0-based index of the cell's first line
        return "\n".join(self.code.splitlines()[first:first + self.cells[located[0]].line_count])

    def where(self, line: int) -> str:
        """A code line as a person finds it: `line 12`, or `cell 3, line 2` (cells counted from 1)."""
        located = self.locate(line)
        return f"cell {located[0] + 1}, line {located[1]}" if located else f"line {line}"

    @cached_property
    def _code_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.line_count and c.first_line]


def read_source(path: str | Path, data: bytes | None = None) -> Source:
    """Read a script or notebook from disk (or from `data`, for stdin) into a Source."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    name = str(path)
    if path.suffix.lower() in NOTEBOOK_SUFFIXES:
        return _read_jupyter(name, data)
    text, encoding = decode_python(data)
    first = text.lstrip("\ufeff").lstrip()[:64]
    if first.startswith(DATABRICKS_HEADER):
        return _read_databricks(name, text, encoding)
    if first.startswith(FABRIC_HEADER):
        return _read_fabric(name, text, encoding)
    return Source(name, "python", text, encoding=encoding)


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, or a SourceError that says in a few words why not."""
    try:
        return files.read_regular(path)
    except FileNotFoundError:
        broken = files.link_kind(path) == stat.S_IFLNK
        raise SourceError("is a broken symbolic link" if broken else "no such file") from None
    except IsADirectoryError:
        raise SourceError("is a directory, not a file") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except files.NotRegularFile as exc:
        raise SourceError(f"is {_file_type(exc.mode)}, not a file") from None
    except files.FileTooLarge:
        raise SourceError(f"is too large to read (over {MAX_FILE_BYTES // 1_000_000} MB)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError("is a symbolic link loop") from None
        raise SourceError(f"cannot be read ({exc.strerror or exc})") from None


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def decode_python(data: bytes) -> tuple[str, str]:
    """Decode a Python file as the interpreter would: BOM, then PEP 263 coding line, else UTF-8."""
    if b"\x00" in data:
        raise SourceError("contains null bytes (a binary file?)")
    try:
        encoding, declaration = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "invalid or missing encoding declaration" not in str(exc):
            raise SourceError(f"bad encoding declaration: {exc}") from None
        encoding, declaration = "utf-8", []  # undeclared and not UTF-8: decoding below names the first bad byte
    try:
        with warnings.catch_warnings():  # codecs such as unicode_escape warn about the user's bytes
            warnings.simplefilter("ignore")
            text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        declared = any(CODING_LINE.match(line) for line in declaration)
        hint = "" if declared or encoding != "utf-8" else "; declare its encoding with a '# -*- coding: ... -*-' line"
        raise SourceError(
            f"is not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}){hint}"
        ) from None
    except UnicodeError:  # codecs such as 'punycode' or 'undefined' fail without a position
        raise SourceError(f"cannot be decoded as {encoding}") from None
    except LookupError:  # a bytes-to-bytes codec such as 'hex' or 'zlib' (tokenize rejects unknown names)
        raise SourceError(f"declares {encoding!r}, which is not a text encoding") from None
    # A codec such as 'unicode_escape' can make these; strict UTF-8 cannot, and null bytes are out already.
    unparseable = None if encoding in ("utf-8", "utf-8-sig") else UNPARSEABLE_CHARACTER.search(text)
    if unparseable:
        raise SourceError(
            f"decodes ({encoding}) to a character Python cannot parse (U+{ord(unparseable.group()):04X} "
            f"at character {unparseable.start()})"
        )
    return text.lstrip("\ufeff"), encoding


CODING_LINE = re.compile(rb"^[ \t\f]*#.*?coding[:=]")  # PEP 263
UNPARSEABLE_CHARACTER = re.compile("[\x00\ud800-\udfff]")


# --- Jupyter -------------------------------------------------------------------------------


def _read_jupyter(name: str, data: bytes) -> Source:
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"notebook is not valid UTF-8 (offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"notebook is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise SourceError("notebook is JSON nested too deeply to read") from None
    if not isinstance(notebook, dict):
        raise SourceError("notebook is not a JSON object")
    raw_cells = notebook.get("cells")
    if raw_cells is None and isinstance(notebook.get("worksheets"), list):  # nbformat 3
        raw_cells = [c for ws in notebook["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
    if not isinstance(raw_cells, list):
        raise SourceError("notebook has no 'cells' list")
    metadata = notebook["metadata"] if isinstance(notebook.get("metadata"), dict) else {}
    default_language = _notebook_language(metadata)

    lines: list[str] = []
    cells: list[Cell] = []
    magics: list[Magic] = []
    offsets: dict[int, int] = {}
    for index, raw in enumerate(raw_cells):
        if not isinstance(raw, dict):
            raise SourceError(f"cell {index + 1} is not a JSON object")
        cell_type = raw.get("cell_type")
        if cell_type != "code":
            cells.append(Cell(index, "markdown" if cell_type in ("markdown", "heading") else "raw", "markdown", 0, 0))
            continue
        cell_lines = python_lines(_cell_text(raw, index))
        first_line = len(lines) + 1
        cell = run_as_ipython(cell_lines, _cell_language(raw, default_language))
        for offset, (kind, argument) in _line_magics(cell_lines):
            magics.append(Magic(first_line + offset, kind, argument))
        offsets.update((first_line + i, removed) for i, removed in cell.offsets.items())
        lines.extend(cell.lines)
        kind = "code" if cell.language == "python" else "markdown" if cell.language == "markdown" else "other"
        cells.append(Cell(index, kind, cell.language, first_line if cell_lines else 0, len(cell_lines), cell.magic,
                          cell.script))
    code = "\n".join(lines) + ("\n" if lines else "")
    return Source(name, "jupyter", code, tuple(cells), tuple(magics), offsets, language=default_language,
                  platform=_platform(metadata))


def python_lines(text: str) -> list[str]:
    """The lines of `text` as Python counts them (see LINE_BREAK), without their line breaks."""
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def _notebook_language(metadata: dict) -> str:
    """The language a notebook's cells are in unless they say otherwise: Jupyter's kernel and
    language_info, and the language Databricks records in its exports."""
    sections = (("kernelspec", "language"), ("language_info", "name"), (DATABRICKS_METADATA, "language"))
    for key, field_name in sections:
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field_name), str):
            return _language_name(section[field_name])
    return "python"


def _platform(metadata: dict) -> str | None:
    """Where a Jupyter notebook was written to run, from what Databricks and Fabric put in its metadata."""
    if DATABRICKS_METADATA in metadata:
        return "databricks"
    kernel = metadata.get("kernelspec")
    kernel_name = kernel.get("name") if isinstance(kernel, dict) else None
    if "trident" in metadata or (isinstance(kernel_name, str) and kernel_name.startswith("synapse_")):
        return "fabric"
    return None


def _cell_language(raw: dict, default: str) -> str:
    metadata = raw["metadata"] if isinstance(raw.get("metadata"), dict) else {}
    for section, key in (("vscode", "languageId"), ("microsoft", "language")):
        value = metadata.get(section, {}).get(key) if isinstance(metadata.get(section), dict) else None
        if isinstance(value, str):
            return _language_name(value)
    return default


def _language_name(name: str) -> str:
    name = name.lower()
    return "python" if name.startswith("python") else LANGUAGE_MAGICS.get(name, name)


def _cell_text(raw: dict, index: int) -> str:
    source = raw.get("source", raw.get("input", ""))
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise SourceError(f"cell {index + 1} has a source that is neither a string nor a list of strings")
    unparseable = UNPARSEABLE_CHARACTER.search(source)
    if unparseable:
        raise SourceError(f"cell {index + 1} holds a character Python cannot parse (U+{ord(unparseable.group()):04X})")
    return source


@dataclass
class CellCode:
    """A cell's lines as Python sees them once IPython has transformed them, line for line."""

    lines: list[str]
    language: str
    magic: str | None  # the cell magic (`%%time`) or the language magic (`%sql`) on its first line
    offsets: dict[int, int] = field(default_factory=dict)  # 0-based line -> characters removed before its code
    script: str | None = None  # the Python file a `%%writefile trial.py` cell writes


def run_as_ipython(lines: list[str], language: str = "python") -> CellCode:
    """What IPython (Jupyter's, Databricks' and Fabric's kernel) runs for a cell, line for line.

    A first-line language magic (`%%sql`, or Databricks' `%sql`) sets the cell's language; `%%writefile` of a
    `.py` file keeps its script Python; a cell
    indented as a whole loses that indent; a line magic, shell escape or help query becomes a
    `pass` (so a block holding only `%pip install` is still a block), its continuation lines
    comments; `%time`/`%timeit` leave the statement they time. Cells in other languages become
    comments.
    """
    first = next((line.strip() for line in lines if line.strip()), "")
    magic = script = None
    if first.startswith("%%"):
        magic = first[2:].split()[0].lower() if len(first) > 2 else ""
        if magic in WRITES_FILE_CELL_MAGICS and first.split()[-1].endswith(".py"):
            script = first.split()[-1]
        if magic not in PYTHON_BODY_CELL_MAGICS and script is None:
            return CellCode([_comment(line) for line in lines], LANGUAGE_MAGICS.get(magic, f"%%{magic}"), magic)
    elif found := FIRST_LINE_LANGUAGE.match(first):
        magic = found.group(1).lower()
        language = LANGUAGE_MAGICS[magic]
    if language != "python":
        return CellCode([_comment(line) for line in lines], language, magic)
    cell = CellCode(list(lines), language, magic, script=script)
    indent = LEADING_INDENT.match(next((line for line in lines if line.strip()), ""))
    if indent:
        for i, line in enumerate(lines):
            if line.startswith(indent.group()):
                cell.lines[i] = line[indent.end():]
                cell.offsets[i] = indent.end()
    escaped = False  # inside the continuation lines of a magic or shell escape
    for i, line in enumerate(cell.lines):
        stripped = line.lstrip()
        if escaped:
            cell.lines[i] = _comment(line)
            escaped = line.rstrip().endswith("\\") or _open_brackets(stripped)
            continue
        timed = STATEMENT_MAGIC.match(stripped)
        if timed:
            cell.lines[i] = line[: len(line) - len(stripped)] + stripped[timed.end():]
            cell.offsets[i] = cell.offsets.get(i, 0) + timed.end()
        elif stripped.startswith(("%", "!")) or _is_magic_assignment(stripped) or (
            AUTOMAGIC.match(line) or HELP_QUERY.match(line)
        ):
            cell.lines[i] = line[: len(line) - len(stripped)] + "pass  # " + stripped
            escaped = line.rstrip().endswith("\\") or _open_brackets(stripped)
    return cell


STRING_OR_BRACKET = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|#.*|[()\[\]{}]""")


def _open_brackets(text: str) -> bool:
    """Whether a line leaves a bracket open, so IPython reads the next line as part of it."""
    depth = 0
    for token in STRING_OR_BRACKET.findall(text):
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth = max(depth - 1, 0)
    return depth > 0


MAGIC_ASSIGNMENT = re.compile(r"^[\w.\[\], ]+=\s*[%!]")


def _is_magic_assignment(stripped: str) -> bool:
    return bool(MAGIC_ASSIGNMENT.match(stripped)) and not stripped.split("=", 1)[1].lstrip().startswith("!=")


def _line_magics(lines: list[str]) -> list[tuple[int, tuple[str, str]]]:
    found = []
    for offset, line in enumerate(lines):
        match = re.match(r"^\s*%(pip|run|conda)\s+(.*)$", line) or re.match(r"^\s*!?(pip)\s+(install.*)$", line)
        if match:
            found.append((offset, (match.group(1), match.group(2).strip())))
    return found


def _comment(line: str) -> str:
    stripped = line.lstrip()
    if not stripped or stripped.startswith("#"):
        return line
    return line[: len(line) - len(stripped)] + "# " + stripped


# --- Databricks and Fabric source notebooks -------------------------------------------------


def _read_databricks(name: str, text: str, encoding: str) -> Source:
    file_lines = python_lines(text)
    blocks: list[tuple[int, int]] = []  # 0-based [start, end) of each cell's lines
    start = 1
    for i, line in enumerate(file_lines):
        if DATABRICKS_SEPARATOR.match(line):
            blocks.append((start, i))
            start = i + 1
    blocks.append((start, len(file_lines)))
    return _source_notebook(name, "databricks", text, file_lines, [(s, e, None, "code") for s, e in blocks], encoding)


def _read_fabric(name: str, text: str, encoding: str) -> Source:
    file_lines = python_lines(text)
    segments: list[tuple[str, int, int]] = []  # (marker, first line after it, end), 0-based
    for i, line in enumerate(file_lines):
        match = FABRIC_BLOCK.match(line)
        if match:
            if segments:
                segments[-1] = segments[-1][:2] + (i,)
            segments.append((match.group(1), i + 1, len(file_lines)))
    blocks = []
    for position, (marker, start, end) in enumerate(segments):
        if marker == "METADATA":
            continue
        following = segments[position + 1] if position + 1 < len(segments) else None
        meta = file_lines[following[1]:following[2]] if following and following[0] == "METADATA" else []
        language = _fabric_language([line[6:] for line in meta if line.startswith("# META")])
        blocks.append((start, end, language, "markdown" if marker == "MARKDOWN" else "code"))
    return _source_notebook(name, "fabric", text, file_lines, blocks, encoding)


def _fabric_language(meta_lines: list[str]) -> str | None:
    match = re.search(r'"language"\s*:\s*"([^"]+)"', "\n".join(meta_lines))
    if not match:
        return None
    return {"sparksql": "sql", "pyspark": "python"}.get(match.group(1).lower(), match.group(1).lower())


def _source_notebook(
    name: str, kind: str, text: str, file_lines: list[str],
    blocks: list[tuple[int, int, str | None, str]], encoding: str,
) -> Source:
    """Run every cell as IPython would, in place: the file's lines stay its lines.

    A cell whose lines all start with `# MAGIC ` is a magic cell (`%sql`, `%md`, `%pip`, or a
    `%python` cell of a notebook in another language): the prefix is taken off first.
    """
    code_lines = list(file_lines)
    cells: list[Cell] = []
    magics: list[Magic] = []
    offsets: dict[int, int] = {}
    for index, (start, end, language, block_kind) in enumerate(blocks):
        while start < end and not file_lines[start].strip():
            start += 1
        while end > start and not file_lines[end - 1].strip():
            end -= 1
        if block_kind == "markdown":
            cells.append(Cell(index, "markdown", "markdown", start + 1, end - start))
            continue
        body = file_lines[start:end]
        prefixes = [len(m.group()) if (m := MAGIC_PREFIX.match(line)) else 0 for line in body]
        if not all(p or not line.strip() for p, line in zip(prefixes, body, strict=True)):
            prefixes = [0] * len(body)  # Python lines with the odd `# MAGIC` comment among them
        unprefixed = [line[p:] for p, line in zip(prefixes, body, strict=True)]
        cell = run_as_ipython(unprefixed, language or "python")
        code_lines[start:end] = cell.lines
        for i, removed in enumerate(prefixes):
            if removed or i in cell.offsets:
                offsets[start + i + 1] = removed + cell.offsets.get(i, 0)
        magics += [Magic(start + 1 + offset, *found) for offset, found in _line_magics(unprefixed)]
        cell_kind = "code" if cell.language == "python" else "markdown" if cell.language == "markdown" else "other"
        cells.append(Cell(index, cell_kind, cell.language, start + 1, end - start, cell.magic, cell.script))
    newline = "\r\n" if "\r\n" in text else "\n"
    code = newline.join(code_lines) + (newline if text.endswith(("\n", "\r")) else "")
    return Source(name, kind, code, tuple(cells), tuple(magics), offsets, encoding, platform=kind)


def is_candidate(path: str | Path) -> bool:
    """Whether a file found while walking a directory is one sparklint reads."""
    return os.path.splitext(path)[1].lower() in SCRIPT_SUFFIXES + NOTEBOOK_SUFFIXES


__all__ = [
    "Cell", "CellCode", "Magic", "Source", "SourceError", "decode_python", "is_candidate", "python_lines", "read_bytes",
    "read_source",
    "run_as_ipython",
]
