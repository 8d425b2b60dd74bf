"""Apply the fixes findings carry: edit the text the user wrote, add the imports once, prove it still parses.

Ruff's model: a fix is *safe* (applied by `sparklint fix`), *unsafe* (only with `--unsafe-fixes`,
because it changes behaviour — eager pandas becomes lazy Spark, types and ordering differ) or
*display-only* (shown as a diff, never written). Edits are spans in `Source.code` coordinates,
applied bottom-up so earlier spans keep their offsets; overlapping fixes wait for the next pass,
and passes repeat (re-checking the edited text) until nothing fixable is left, so fixing twice
changes nothing. The edit lands in what the user owns: the script's text, the Databricks/Fabric
file's lines (where finding columns already include the `# MAGIC ` prefix), or the Jupyter cell's
`source` inside the notebook JSON, whose layout is kept. A result that does not parse is never kept.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from sparklint.atomic import newline_of, write_bytes
from sparklint.config import Settings
from sparklint.engine import without_bad_cells
from sparklint.names import Imports
from sparklint.rule import Finding, Fix
from sparklint.sources import MAGIC_PREFIX, Source, SourceError, read_source

MAX_PASSES = 100  # each pass applies every non-overlapping fix; nesting depth bounds the count
SESSION_IMPORT = "from pyspark.sql import SparkSession"
SESSION_LINE = "spark = SparkSession.builder.getOrCreate()"
USES_SPARK = re.compile(r"(?<![\w.])spark\.")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")

Checker = Callable[[Source], list[Finding]]


class FixError(Exception):
    """A file that cannot be fixed (unreadable, or the fixes would not parse); the message says why."""


@dataclass
class FixResult:
    """One file before and after: what was applied, what waits for `--unsafe-fixes`, what is display-only."""

    path: str
    before: str  # the text a diff shows: the file's text, or a notebook's joined code cells
    after: str
    data: bytes  # the file's new bytes
    applied: list[Finding] = field(default_factory=list)
    unsafe_left: list[Finding] = field(default_factory=list)
    display_only: list[Finding] = field(default_factory=list)
    suggested: str | None = None  # `after` with the display-only fixes too, for showing only

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)

    def suggestion_diff(self) -> str:
        return unified_diff(self.path, self.after, self.suggested) if self.suggested else ""


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    ))


def applies(safety: str, unsafe: bool) -> bool:
    return safety == "safe" or (unsafe and safety == "unsafe")


def fix_bytes(path: str, data: bytes, check: Checker, unsafe: bool = False) -> FixResult:
    """Fix a file's bytes in memory: repeat check → apply until no applicable fix is left."""
    try:
        source = read_source(path, data=data)
    except SourceError as exc:
        raise FixError(str(exc)) from None
    first = source
    applied: list[Finding] = []
    findings = check(source)
    rejected: set[tuple] = set()  # fixes that would break the code: left for the user, never retried
    for _ in range(MAX_PASSES):
        chosen = _non_overlapping([f for f in findings if f.fix and applies(f.fix.safety, unsafe)
                                   and _key(f) not in rejected])
        if not chosen:
            break
        try:
            data, source = _applied(path, source, data, chosen)
        except FixError:
            good = []  # find the culprits: keep each fix that parses on its own, in order
            for finding in chosen:
                try:
                    _applied(path, source, data, [finding])
                    good.append(finding)
                except FixError:
                    rejected.add(_key(finding))
            if not good:
                continue
            chosen = good[:1]
            data, source = _applied(path, source, data, chosen)
        applied += chosen
        findings = check(source)
    result = FixResult(path, first.code, source.code, data, applied)
    result.unsafe_left = [f for f in findings if f.fix and f.fix.safety == "unsafe" and not unsafe]
    result.display_only = [f for f in findings if f.fix and f.fix.safety == "display-only"]
    shown = _non_overlapping(result.display_only)
    if shown:
        try:
            result.suggested = _parsed(path, _apply(source, data, shown), source).code
        except FixError:
            result.suggested = None  # a suggestion that would not parse is not worth showing
    return result


def fix_one(path: str, data: bytes, finding: Finding) -> bytes:
    """A file's bytes with one finding's fix (and the imports it needs) applied, as one pass of
    `fix_bytes` applies it: an editor's quick fix. FixError if the result would not parse."""
    try:
        source = read_source(path, data=data)
    except SourceError as exc:
        raise FixError(str(exc)) from None
    return _applied(path, source, data, [finding])[0]


def fix_file(path: str | Path, check: Checker | None = None, unsafe: bool = False, write: bool = True) -> FixResult:
    """Fix a file on disk; `write=False` only computes the result (for `--diff`)."""
    path = Path(path)
    try:
        original = path.read_bytes()
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    result = fix_bytes(str(path), original, check or _default_checker(path), unsafe)
    if write and result.data != original:
        write_bytes(path, result.data)
    return result


def fix_code(code: str, check: Checker, path: str = "example.py", unsafe: bool = True) -> str:
    """The fixed text of a script (the shape rule examples and tests use)."""
    return fix_bytes(path, code.encode("utf-8"), check, unsafe).data.decode("utf-8")


def _default_checker(path: Path) -> Checker:
    from sparklint.api import settings_for

    return checker(settings_for(path))


def checker(settings: Settings) -> Checker:
    """The findings of a source under these settings, as the fix loop asks for them again and again."""
    from sparklint.api import check_source

    return lambda source: check_source(source, settings).findings


def _non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Outermost first; a fix inside (or crossing) one already chosen waits for the next pass."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: ((f.line, f.column), (-f.end_line, -f.end_column))):
        if chosen and (f.line, f.column) < max((c.end_line, c.end_column) for c in chosen):
            continue
        chosen.append(f)
    return chosen


def _fix(finding: Finding) -> Fix:
    """The fix of a finding chosen for fixing: only findings with one are chosen."""
    assert finding.fix is not None
    return finding.fix


def _key(finding: Finding) -> tuple:
    return finding.code, finding.line, finding.column, _fix(finding).replacement


def _applied(path: str, source: Source, data: bytes, findings: list[Finding]) -> tuple[bytes, Source]:
    try:
        data = _apply(source, data, findings)
    except (cst.ParserSyntaxError, SourceError, json.JSONDecodeError) as exc:
        raise FixError(f"the fix would leave code that does not parse ({exc})") from None
    return data, _parsed(path, data, source)


def _parsed(path: str, data: bytes, before: Source) -> Source:
    """The Source of new bytes, if Python's compiler accepts it (the parsers alone allow repeated keywords).

    A notebook cell that did not parse before the fixes (and so got none) may still not parse;
    no other cell may start failing.
    """
    try:
        source = read_source(path, data=data)
        code = source.code
        try:
            cst.parse_module(code)
        except cst.ParserSyntaxError:
            checked, bad = without_bad_cells(source)
            if not bad or len(bad) > len(without_bad_cells(before)[1]):
                raise
            code = checked.code
        compile(code, path, "exec", dont_inherit=True)  # compiled, never run: bytecode checks too
    except (SourceError, cst.ParserSyntaxError, SyntaxError, ValueError) as exc:
        raise FixError(f"the fix would leave code that does not parse ({exc})") from None
    return source


# --- editing ---------------------------------------------------------------------------------------


def _apply(source: Source, data: bytes, findings: list[Finding]) -> bytes:
    """The file's bytes with every finding's fix applied and the imports it needs added once."""
    imports = _needed_imports(source, findings)
    if source.kind == "jupyter":
        data = _apply_jupyter(source, data, findings)
    else:
        text = _file_text(data, source)
        edits = [(f.line, f.column, f.end_line, f.end_column, _fix(f).replacement) for f in findings]
        data = _encode(_edit_text(text, edits), source)
    if imports:
        data = _add_imports(read_source(source.path, data=data), data, imports)
    return data


def _file_text(data: bytes, source: Source) -> str:
    return data.decode(source.encoding)


def _encode(text: str, source: Source) -> bytes:
    return text.encode(source.encoding)


def _edit_text(text: str, edits: list[tuple[int, int, int, int, str]]) -> str:
    """Replace 1-based (line, column)..(end_line, end_column) spans, end exclusive, bottom-up."""
    starts = [0]
    for piece in LINE.findall(text):
        starts.append(starts[-1] + len(piece))
    newline = newline_of(text)
    for line, column, end_line, end_column, replacement in sorted(edits, reverse=True):
        begin = starts[line - 1] + column - 1
        end = starts[end_line - 1] + end_column - 1
        text = text[:begin] + replacement.replace("\n", newline) + text[end:]
    return text


def _apply_jupyter(source: Source, data: bytes, findings: list[Finding]) -> bytes:
    notebook = json.loads(data.decode("utf-8-sig"))
    cells = _jupyter_cells(notebook)
    by_cell: dict[int, list] = {}
    for f in findings:
        start, end = source.locate(f.line), source.locate(f.end_line)
        if start is None or end is None or start[0] != end[0]:
            continue  # a span that leaves its cell cannot be a user's expression
        by_cell.setdefault(start[0], []).append((start[1], f.column, end[1], f.end_column, _fix(f).replacement))
    for index, edits in by_cell.items():
        _set_cell_text(cells[index], _edit_text(_cell_source(cells[index]), edits))
    return _dump_notebook(notebook, data)


def _jupyter_cells(notebook: dict) -> list:
    if "cells" in notebook:
        return notebook["cells"]
    return [c for ws in notebook.get("worksheets", []) for c in ws.get("cells", [])]


def _cell_source(cell: dict) -> str:
    value = cell.get("source", cell.get("input", ""))
    return "".join(value) if isinstance(value, list) else value


def _set_cell_text(cell: dict, text: str) -> None:
    key = "source" if "source" in cell or "input" not in cell else "input"
    cell[key] = text.splitlines(keepends=True) if isinstance(cell.get(key), list) else text


def _dump_notebook(notebook: dict, original: bytes) -> bytes:
    """Serialize as the file was: its indent, its key order, raw UTF-8 unless it escaped, its newlines, its BOM."""
    text = original.decode("utf-8-sig")
    indent_match = re.search(r"^\{\s*\n([ \t]+)\"", text)
    indent = indent_match.group(1) if indent_match else (None if "\n" not in text.strip() else 1)
    escaped = bool(re.search(r"\\u[0-9a-fA-F]{4}", text)) and not re.search(r"[^\x00-\x7f]", text)
    dumped = json.dumps(notebook, indent=indent, ensure_ascii=escaped)
    if text.endswith("\n"):
        dumped += "\n"
    dumped = dumped.replace("\n", newline_of(text))
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    return bom + dumped.encode("utf-8")


# --- imports and the session -------------------------------------------------------------------------


def _needed_imports(source: Source, findings: list[Finding]) -> list[str]:
    """The fixes' import lines, plus a SparkSession where a fix uses `spark` and nothing defines it."""
    wanted = list(dict.fromkeys(line for f in findings for line in _fix(f).imports))
    if (not _platform_defines_spark(source) and any(USES_SPARK.search(_fix(f).replacement) for f in findings)
            and not _binds(source.code, "spark")):
        wanted += [SESSION_IMPORT, SESSION_LINE]
    return wanted


def _platform_defines_spark(source: Source) -> bool:
    """A Databricks or Fabric notebook, or any notebook that already uses a `spark` it never made."""
    return source.platform is not None or (source.is_notebook and bool(USES_SPARK.search(source.code)))


def _binds(code: str, name: str) -> bool:
    """Whether the code assigns, imports or takes a parameter called `name` anywhere."""
    try:
        module = cst.parse_module(code)
    except cst.ParserSyntaxError:
        return True

    class Finder(cst.CSTVisitor):
        found = False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            self.found |= isinstance(node.target, cst.Name) and node.target.value == name

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            self.found |= isinstance(node.target, cst.Name) and node.target.value == name

        def visit_Param(self, node: cst.Param) -> None:
            self.found |= node.name.value == name

        def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
            bound = node.asname.name if node.asname else node.name
            self.found |= isinstance(bound, cst.Name) and bound.value == name

    finder = Finder()
    module.visit(finder)
    return finder.found


def _add_imports(source: Source, data: bytes, lines: list[str]) -> bytes:
    """Insert the import lines that are still missing after the file's imports (or docstring)."""
    module = cst.parse_module(source.code)
    present = Imports()
    for node in _top_level_imports(module):
        present.add(node)
    missing = [line for line in lines if not _already(present, line, source.code)]
    if not missing:
        return data
    line, after = _insertion_point(module)
    if source.kind == "jupyter":
        return _insert_jupyter(source, data, line, after, missing)
    text = _file_text(data, source)
    pieces = LINE.findall(text)
    newline = newline_of(text)
    index = line if after else line - 1
    prefix = "# MAGIC " if 0 < line <= len(pieces) and MAGIC_PREFIX.match(pieces[line - 1]) else ""
    if index > 0 and pieces and not pieces[index - 1].endswith(("\n", "\r")):
        pieces[index - 1] += newline
    pieces[index:index] = [prefix + m + newline for m in missing]
    return _encode("".join(pieces), source)


def _already(present: Imports, line: str, code: str) -> bool:
    if line == SESSION_LINE:
        return _binds(code, "spark")
    wanted = Imports()
    statement = cst.parse_statement(line)
    for small in getattr(statement, "body", ()):
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            wanted.add(small)
    return all(present.aliases.get(name) == full for name, full in wanted.aliases.items())


def _top_level_imports(module: cst.Module) -> list:
    return [small for statement in module.body if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body if isinstance(small, (cst.Import, cst.ImportFrom))]


def _insertion_point(module: cst.Module) -> tuple[int, bool]:
    """(line, after): after the last top-level import of the leading block, else after the docstring,
    else before the first statement (header comments, shebang and coding lines stay first)."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    anchor = None
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.SimpleStatementLine) and all(
            isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body
        ):
            anchor = statement
        elif index == 0 and isinstance(statement, cst.SimpleStatementLine) and isinstance(
            statement.body[0], cst.Expr) and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
            anchor = statement
        elif _is_masked_magic(statement):
            continue  # `%pip install …` before the imports, as notebooks have it
        elif anchor is not None or not _is_import_guard(statement):
            break
    if anchor is not None:
        return positions[anchor].end.line, True
    if module.body:
        return positions[module.body[0]].start.line, False
    return max(len(module.code.splitlines()), 0), True


def _is_import_guard(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.Try)


def _is_masked_magic(statement: cst.CSTNode) -> bool:
    """The `pass` a notebook's line magic reads as (see `sources.run_as_ipython`)."""
    return isinstance(statement, cst.SimpleStatementLine) and all(isinstance(s, cst.Pass) for s in statement.body)


def _insert_jupyter(source: Source, data: bytes, line: int, after: bool, missing: list[str]) -> bytes:
    notebook = json.loads(data.decode("utf-8-sig"))
    cells = _jupyter_cells(notebook)
    located = source.locate(line) or next(((c.index, 1) for c in source.cells if c.kind == "code"), None)
    if located is None:
        raise FixError("the notebook has no code cell to put the imports in")
    index, cell_line = located
    text = _cell_source(cells[index])
    pieces = LINE.findall(text)
    at = cell_line if after else cell_line - 1
    if at > 0 and at <= len(pieces) and not pieces[at - 1].endswith("\n"):
        pieces[at - 1] += "\n"
    pieces[at:at] = [m + "\n" for m in missing]
    _set_cell_text(cells[index], "".join(pieces).rstrip("\n") if not text.endswith("\n") else "".join(pieces))
    return _dump_notebook(notebook, data)


__all__ = ["FixError", "FixResult", "applies", "fix_bytes", "fix_code", "fix_file", "fix_one", "unified_diff"]
