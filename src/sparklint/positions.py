"""Where reported nodes are, without generating the code of the whole file.

LibCST learns positions by generating the file's code again, which costs more than the parse on
a file with findings. Python's own parser (`ast`, a tenth of LibCST's parse) pairs its statements
one to one with LibCST's and says where each starts; so a reported node costs the code of its own
statement only, and a call in a simple statement (most reports) costs none: `ast` places it and
its parts, and message fields are read from the source text there. Positions are the ones
`PositionProvider` gives. Anything that does not pair up (a parse only LibCST accepts, a node
outside any statement) falls back to generating the whole file, so the answer never changes.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition, CodeRange

# Compound statements and the `ast` classes each pairs with.
PAIRS: dict[type, tuple[type, ...]] = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef), cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,), cst.For: (ast.For, ast.AsyncFor), cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith), cst.Try: (ast.Try,), cst.Match: (ast.Match,),
}
if hasattr(cst, "TryStar") and hasattr(ast, "TryStar"):
    PAIRS[cst.TryStar] = (ast.TryStar,)
NEWLINE_RE = re.compile(r"\r\n?|\n")  # a line break as LibCST counts lines
# Nodes whose children are statements: a node met below one of these belongs to that statement.
BLOCKS = frozenset({cst.Module, cst.IndentedBlock})


class Unpaired(Exception):
    """The two parsers disagree about the statements (or `ast` cannot parse the file)."""


Span = tuple[int, int, int, int]  # start line, start column, end line, end column


class Anchor(NamedTuple):
    """Where a statement's code starts, the indents around it, and the `ast` statements it pairs with."""

    line: int
    indents: tuple[str, ...]
    nodes: list[ast.stmt]


class Generated(NamedTuple):
    """One statement's (or the whole file's) spans by node id, and how far its lines are shifted."""

    spans: dict[int, Span]  # LibCST's positions: without the node's own parentheses and outer whitespace
    outer: dict[int, Span]  # everything the node generates, as `Module.code_for_node` does
    shift: int


class Positions:
    """`positions[node]` and `positions.text(node)` for nodes the walk met, each statement generated once."""

    def __init__(self, module: cst.Module, code: str, statement_of: dict[int, cst.CSTNode | None],
                 calls_of: dict[int, list[cst.Call] | None]) -> None:
        """`statement_of` and `calls_of` come from the walk: each node's statement, each statement's calls
        in source order (None for a statement with an f-string: Python 3.11 places nodes inside those
        unreliably, so its calls are not paired with `ast`'s)."""
        self.module = module
        self.code = code
        self.statement_of = statement_of
        self.calls_of = calls_of
        self._anchors: dict[int, Anchor] | None = None
        self._wanted: dict[int, set[int]] = {}
        self._generated: dict[int, Generated] = {}
        self._whole: Generated | None = None
        self._line_starts: list[int] | None = None
        self._calls: dict[int, dict[int, ast.Call]] = {}  # statement id -> its calls' `ast` nodes by id

    def expect(self, nodes: Iterable[cst.CSTNode]) -> None:
        """Say which nodes will be asked for, so each statement's code is generated only as far as needed."""
        for node in nodes:
            statement = self.statement_of.get(id(node))
            if statement is not None:
                self._wanted.setdefault(id(statement), set()).add(id(node))

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        placed = self._ast_call(node) if type(node) is cst.Call else None
        if placed is not None:
            line, column, end_line, end_column = self._span(placed)
        else:
            generated = self._around(node)
            line, column, end_line, end_column = _shifted(generated.spans[id(node)], generated.shift)
        return CodeRange(CodePosition(line, column), CodePosition(end_line, end_column))

    def line(self, node: cst.CSTNode) -> int:
        """`self[node].start.line`, straight from `ast` for a statement or a call."""
        statement = self.statement_of.get(id(node))
        anchor = self.anchors().get(id(statement)) if statement is not None else None
        if anchor is not None:
            if node is statement and type(node) is not cst.SimpleStatementLine:
                return anchor.line  # a compound statement starts at its keyword, where `ast` places it
            if type(statement) is cst.SimpleStatementLine:
                for small, paired in zip(statement.body, anchor.nodes, strict=False):
                    if small is node:
                        return paired.lineno
        return self[node].start.line

    def text(self, node: cst.CSTNode, up_to: cst.CSTNode | None = None) -> str:
        """`module.code_for_node(node).strip()`, read from the source; `up_to` ends it where that child starts."""
        generated = self._around(node)
        line, column, end_line, end_column = generated.outer[id(node)]
        if up_to is not None:
            end_line, end_column = generated.outer[id(up_to)][:2]
        return self._slice(_shifted((line, column, end_line, end_column), generated.shift))

    def call_text(self, call: cst.Call, part: str, index: int = 0) -> str:
        """Part of a call as written: its `callee`, `receiver`, `args` (joined), or one argument's `value`.

        Read where `ast` places it when it can be (no code generated); the same text otherwise.
        """
        placed = self._ast_call(call)
        arguments = sorted([*placed.args, *placed.keywords], key=_start) if placed is not None else []
        if placed is not None and len(arguments) == len(call.args) and not _parenthesized(call, part, index):
            if part == "callee":
                return self._ast_text(placed.func)
            if part == "receiver":
                return self._ast_text(placed.func.value)  # type: ignore[attr-defined]
            if part == "args":
                return ", ".join(self._ast_text(argument) for argument in arguments)
            argument = arguments[index]
            return self._ast_text(argument.value if isinstance(argument, (ast.keyword, ast.Starred)) else argument)
        if part == "args":
            return ", ".join(self.text(a, a.comma if isinstance(a.comma, cst.Comma) else None) for a in call.args)
        return self.text(call_part(call, part, index)[0])

    def _ast_call(self, call: cst.CSTNode) -> ast.Call | None:
        """The `ast` node of a call in a simple statement, paired by order; None where pairing is unsafe."""
        statement = self.statement_of.get(id(call))
        if type(statement) is not cst.SimpleStatementLine:
            return None
        paired = self._calls.get(id(statement))
        if paired is None:
            anchor = self.anchors().get(id(statement))
            calls = self.calls_of.get(id(statement))
            paired = self._calls[id(statement)] = _pair_calls(calls, anchor) if anchor and calls else {}
        return paired.get(id(call))

    def _span(self, node: ast.AST) -> Span:
        return (node.lineno, self._column(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                node.end_lineno, self._column(node.end_lineno, node.end_col_offset))  # type: ignore[attr-defined]

    def _column(self, line: int, offset: int) -> int:
        """`ast` counts UTF-8 bytes into the line; LibCST counts characters."""
        start = self.line_starts()[line - 1]
        prefix = self.code[start:start + offset]
        if prefix.isascii():
            return offset
        return len(self.code[start:].encode("utf-8")[:offset].decode("utf-8", errors="replace"))

    def _ast_text(self, node: ast.AST) -> str:
        return self._slice(self._span(node))

    def _slice(self, span: Span) -> str:
        """The source between a span's ends, stripped."""
        line, column, end_line, end_column = span
        starts = self.line_starts()
        return self.code[starts[line - 1] + column:starts[end_line - 1] + end_column].strip()

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in NEWLINE_RE.finditer(self.code))]
        return self._line_starts

    def _around(self, node: cst.CSTNode) -> Generated:
        """The generated statement holding the node, generating it (again, whole) if the node is missing."""
        statement = self.statement_of.get(id(node))
        anchor = self.anchors().get(id(statement)) if statement is not None else None
        if statement is None or anchor is None:
            return self._whole_file()
        generated = self._generated.get(id(statement))
        if generated is None or id(node) not in generated.spans:
            wanted = self._wanted.pop(id(statement), set()) | {id(node)} if generated is None else None
            generated = self._generated[id(statement)] = _generate(statement, self.module, anchor, wanted)
        return generated

    def anchors(self) -> dict[int, Anchor]:
        """Each statement's first line and the indents around it, or none when the parsers disagree."""
        if self._anchors is None:
            try:
                self._anchors = statement_anchors(self.module, self.code)
            except Unpaired:
                self._anchors = {}
        return self._anchors

    def _whole_file(self) -> Generated:
        """Every statement in one pass, as the module's own codegen would place them (the fallback)."""
        if self._whole is None:
            state = _Generator(default_indent=self.module.default_indent, default_newline=self.module.default_newline)
            for node in (*self.module.header, *self.module.body):
                node._codegen(state)
            self._whole = Generated(state.spans, state.outer, 0)
        return self._whole


class _Enough(Exception):
    """Every wanted node of the statement has its position: the rest need not be generated."""


@dataclass
class _Generator(CodegenState):
    """Generates code only to count lines and columns, as LibCST's `PositionProvider` does.

    LibCST's position codegen keeps every token and builds two position objects per node; this
    keeps plain tuples, and stops once the wanted nodes are placed.
    """

    statement: cst.CSTNode | None = None
    wanted: set[int] | None = None  # node ids; None generates everything
    spans: dict[int, Span] = field(default_factory=dict)
    outer: dict[int, Span] = field(default_factory=dict)
    line: int = 1
    column: int = 0
    first_line: int = 0  # where the statement's own code starts (after comments and decorators)
    _starts: list[tuple[int, int]] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.column += len(token)

    def add_token(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = NEWLINE_RE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        span = self.outer[key] = (*self._starts.pop(), self.line, self.column)
        if key not in self.spans:  # a syntactic position, recorded inside, wins
            self.spans[key] = span
        wanted = self.wanted
        if wanted is not None and key in wanted:
            wanted.discard(key)
            if not wanted and self.first_line:
                raise _Enough

    def record_syntactic_position(  # type: ignore[override]  # any context manager will do for LibCST
            self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
            end_node: cst.CSTNode | None = None) -> _Syntactic:
        if node is self.statement:
            self.first_line = self.line
            if self.wanted is not None and not self.wanted:  # only decorators or comments were wanted
                raise _Enough
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """The span of a node without the whitespace and parentheses around it (LibCST's syntactic position)."""

    __slots__ = ("end_node", "node", "start", "start_node", "state")

    def __init__(self, state: _Generator, node: cst.CSTNode, start_node: cst.CSTNode | None,
                 end_node: cst.CSTNode | None) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node
        self.start = (state.line, state.column)

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:  # a node left unfinished by a stop is not recorded
            state, spans = self.state, self.state.spans
            start = spans[id(self.start_node)][:2] if self.start_node is not None else self.start
            end = spans[id(self.end_node)][2:] if self.end_node is not None else (state.line, state.column)
            spans[id(self.node)] = (*start, *end)


def _generate(statement: cst.CSTNode, module: cst.Module, anchor: Anchor, wanted: set[int] | None) -> Generated:
    """One statement's spans, as far as `wanted` needs them."""
    state = _Generator(default_indent=module.default_indent, default_newline=module.default_newline,
                       indent_tokens=list(anchor.indents), statement=statement, wanted=wanted)
    try:
        statement._codegen(state)
    except _Enough:
        pass
    return Generated(state.spans, state.outer, anchor.line - state.first_line)


def statement_anchors(module: cst.Module, code: str) -> dict[int, Anchor]:
    """id of each LibCST statement -> (line its code starts on, indents around it), paired with `ast`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like: the user sees them elsewhere
            tree = cast(ast.Module, compile(code, "<sparklint>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise Unpaired(str(exc)) from None
    anchors: dict[int, Anchor] = {}
    _pair_body(module.body, tree.body, (), module.default_indent, anchors)
    return anchors


def _pair_body(statements: Any, nodes: list[ast.stmt], indents: tuple[str, ...], default_indent: str,
               anchors: dict[int, Anchor]) -> None:
    position = 0
    for statement in statements:
        if position >= len(nodes):
            raise Unpaired("LibCST has more statements")
        if type(statement) is cst.SimpleStatementLine:
            paired = nodes[position:position + len(statement.body)]
            anchors[id(statement)] = Anchor(paired[0].lineno, indents, paired)
            position += len(statement.body)
            continue
        anchors[id(statement)] = Anchor(nodes[position].lineno, indents, nodes[position:position + 1])
        node = nodes[position]
        position += 1
        _pair_compound(statement, node, indents, default_indent, anchors)
    if position != len(nodes):
        raise Unpaired("ast has more statements")


def _pair_compound(statement: cst.CSTNode, node: ast.stmt, indents: tuple[str, ...], default_indent: str,
                   anchors: dict[int, Anchor]) -> None:
    _check(statement, node)
    if isinstance(statement, cst.Match):  # its cases are indented, and their blocks again
        indents = (*indents, default_indent if statement.indent is None else statement.indent)
    for block, body in _bodies(statement, node):
        if type(block) is cst.IndentedBlock:
            indent = default_indent if block.indent is None else block.indent
            _pair_body(block.body, body, (*indents, indent), default_indent, anchors)


def _bodies(statement: Any, node: Any) -> list[tuple[Any, list[ast.stmt]]]:
    """The statement's blocks beside `ast`'s lists of statements; an `elif` is paired where it sits."""
    if isinstance(statement, cst.Match):
        return _zipped(statement.cases, node.cases, "match cases")
    pairs = [(statement.body, node.body), *_zipped(getattr(statement, "handlers", ()),
                                                     getattr(node, "handlers", []), "except clauses")]
    orelse = getattr(statement, "orelse", None)
    if isinstance(orelse, cst.If):
        if len(node.orelse) != 1:
            raise Unpaired("elif")
        _check(orelse, node.orelse[0])
        pairs += _bodies(orelse, node.orelse[0])
    elif orelse is not None:
        pairs.append((orelse.body, node.orelse))
    final = getattr(statement, "finalbody", None)
    if final is not None:
        pairs.append((final.body, node.finalbody))
    return pairs


def _zipped(clauses: Any, nodes: list[Any], what: str) -> list[tuple[Any, list[ast.stmt]]]:
    """The blocks of `case`/`except` clauses beside `ast`'s."""
    if len(clauses) != len(nodes):
        raise Unpaired(what)
    return [(clause.body, clause_node.body) for clause, clause_node in zip(clauses, nodes, strict=True)]


def _check(statement: cst.CSTNode, node: ast.AST) -> None:
    if not isinstance(node, PAIRS.get(type(statement), ())):
        raise Unpaired(f"{type(statement).__name__} against {type(node).__name__}")


def _pair_calls(calls: list[cst.Call], anchor: Anchor) -> dict[int, ast.Call]:
    """A simple statement's calls paired with `ast`'s, both in source order (outer before inner)."""
    nodes = sorted((node for top in anchor.nodes for node in ast.walk(top) if type(node) is ast.Call),
                   key=lambda n: (n.lineno, n.col_offset, -n.end_lineno, -n.end_col_offset))  # type: ignore[operator]
    return {id(call): node for call, node in zip(calls, nodes, strict=True)} if len(calls) == len(nodes) else {}


def _shifted(span: Span, shift: int) -> Span:
    line, column, end_line, end_column = span
    return line + shift, column, end_line + shift, end_column


def _start(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def call_part(call: cst.Call, part: str, index: int) -> list[cst.BaseExpression]:
    """The expressions a part of a call is: its callee, its receiver, every argument's value, or one's."""
    if part == "callee":
        return [call.func]
    if part == "receiver":
        return [call.func.value]  # type: ignore[attr-defined]
    return [a.value for a in call.args] if part == "args" else [call.args[index].value]


def _parenthesized(call: cst.Call, part: str, index: int) -> bool:
    """Whether the part has parentheses of its own, which `ast` leaves out and the generated text keeps."""
    # a lone generator argument shares the call's parentheses, which `ast` counts as its own
    return any(node.lpar or type(node) is cst.GeneratorExp for node in call_part(call, part, index))
