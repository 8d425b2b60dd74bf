"""Parsing and reading a LibCST tree fast: a node's children in source order, without LibCST's traversal.

LibCST's own `visit` rebuilds every node it passes (it serves transformers too) and walks all
whitespace and punctuation; sparklint only reads trees, and no rule reads either as a node (suppressions come from the
text). So the engine's walk and the patterns' searches read each node's fields directly, in the
order LibCST would visit them, learnt once per node type.

LibCST also checks every node it builds (`CSTNode._validate`: parentheses paired, whitespace well formed), a sixth
of parsing; a tree its parser builds from source is valid by construction, as LibCST's own comment on
`CSTNode.__post_init__` says. `parse` leaves the check out while it parses, and only then.

LibCST's node classes are abstract base classes, and `isinstance(node, cst.Name)` against one that fails (most of
the analysis's tests, and LibCST's own) runs `ABCMeta.__instancecheck__`, a Python function, where `type`'s check
is C: 4% of a cold run (benchmarks/README.md, session 26). No LibCST class registers a virtual subclass, so the check
along the class's bases answers the same; importing this module gives the classes a metaclass with `type`'s checks
(`_PlainChecks`).
"""

from __future__ import annotations

import abc
import dataclasses
import inspect
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

import libcst as cst

WHITESPACE = frozenset({cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.Newline,
                        cst.EmptyLine, cst.Comment})
_FIELD_ORDER: dict[type, tuple[str, ...]] = {}


def parse(code: str) -> cst.Module:
    """`cst.parse_module` without checking each node it builds; nodes built later (fixes, `migrate`) are checked.

    The check is swapped for a method of C that takes the node and ignores it (the dataclass ignores its result): a
    Python function in its place would still cost a frame for each of a file's hundred thousand nodes."""
    check = cst.CSTNode.__post_init__
    cst.CSTNode.__post_init__ = object.__sizeof__  # type: ignore[method-assign,assignment]
    try:
        return cst.parse_module(code)
    finally:
        cst.CSTNode.__post_init__ = check  # type: ignore[method-assign]


class _FieldRecorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.names.append(attribute)

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False


def _child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """A node type's fields that can hold a node the walk visits, in the order LibCST visits them (source
    order), learnt once per type.

    Fields LibCST visits only when set (an f-string's `format_spec`) come last, where they are. Fields whose
    declared type admits only whitespace, punctuation or plain values (a name's `lpar`, `value` and `rpar`)
    are left out: reading them was a third of every walk.
    """
    kind = type(node)
    order = _FIELD_ORDER.get(kind)
    if order is None:
        recorder = _FieldRecorder()
        node._visit_and_replace_children(recorder)
        names = list(dict.fromkeys(recorder.names))
        hints = typing.get_type_hints(kind)
        order = _FIELD_ORDER[kind] = tuple(
            name for name in names + [f.name for f in dataclasses.fields(node) if f.name not in names]
            if any(_holds_nodes(declared) for declared in _declared_types(hints[name])))
    return order


def _declared_types(annotation: Any) -> set[Any]:
    """The plain types a field's annotation names, through `Sequence[...]`, `Optional[...]` and unions."""
    if typing.get_origin(annotation) is None:
        return {annotation}
    return {plain for argument in typing.get_args(annotation) for plain in _declared_types(argument)}


def _holds_nodes(declared: Any) -> bool:
    """Whether a declared type admits a node the walk visits (a concrete node that is neither whitespace nor
    punctuation)."""
    return isinstance(declared, type) and issubclass(declared, cst.CSTNode) and any(
        kind in NODES and not inspect.isabstract(kind) for kind in _concrete_nodes(declared) | {declared})


def _concrete_nodes(base: type) -> set[type]:
    found: set[type] = set()
    sub: type
    for sub in base.__subclasses__():
        found.add(sub)
        found |= _concrete_nodes(sub)
    return found


# Punctuation and operator tokens: a quarter of all nodes, and no rule reads them as nodes (a
# comparison's operator is read from the comparison).
PUNCTUATION = frozenset({cst.Comma, cst.Dot, cst.Colon, cst.Semicolon, cst.AssignEqual, cst.ImportStar,
                         cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
                         cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Asynchronous}) | {
    op for base in (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp, cst.BaseAugOp)
    for op in _concrete_nodes(base)}
# The nodes the walk visits: `type(x) in NODES` answers what `isinstance(x, CSTNode)` and a
# whitespace test did, without the abstract-base-class machinery that made it the walk's top cost.
NODES = frozenset(_concrete_nodes(cst.CSTNode) - WHITESPACE - PUNCTUATION)
SEQUENCES = (tuple, list)


class _PlainChecks(abc.ABCMeta):
    """ABCMeta with `type`'s isinstance and issubclass checks, which read the class's bases only (no registry)."""

    __instancecheck__ = type.__instancecheck__
    __subclasscheck__ = type.__subclasscheck__


def _check_plainly() -> None:
    for node_type in {cst.CSTNode} | _concrete_nodes(cst.CSTNode):
        if type(node_type) is abc.ABCMeta:
            node_type.__class__ = _PlainChecks


_check_plainly()


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The node's direct children that are neither whitespace nor punctuation, in source order."""
    order = _FIELD_ORDER.get(type(node))
    if order is None:
        order = _child_fields(node)
    found = []
    for name in order:
        value = getattr(node, name)
        if type(value) in NODES:
            found.append(value)
        elif type(value) in SEQUENCES:
            found.extend(child for child in value if type(child) in NODES)
    return found


def descendants(node: cst.CSTNode, kind: type | tuple[type, ...]) -> list[Any]:
    """Every node of a type (or of any of several) inside `node` (itself included), in source order."""
    kinds = _types_of(kind)
    found = []
    pending = [node]
    while pending:
        current = pending.pop()
        if type(current) in kinds:
            found.append(current)
        pending.extend(reversed(children(current)))
    return found


@cache
def _types_of(kind: type | tuple[type, ...]) -> frozenset[type]:
    """The types `isinstance(x, kind)` accepts, subclasses included: a set lookup instead of an abstract-base check."""
    return frozenset().union(*({base} | _concrete_nodes(base) for base in (kind if isinstance(kind, tuple) else (kind,))))


def chain_root(node: cst.CSTNode) -> cst.CSTNode:
    """What a chain of calls, attributes and subscripts starts from (`df` of `df.drop(c)["a"]`)."""
    while isinstance(node, (cst.Call, cst.Attribute, cst.Subscript)):
        node = node.func if isinstance(node, cst.Call) else node.value
    return node


def function_named(node: cst.BaseExpression) -> str | None:
    """`fetch` for `fetch` or `self.fetch`: a function of the file named (or called) by name."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return node.attr.value
    return None


def reached(node: cst.CSTNode, functions: dict[str, cst.FunctionDef]) -> Iterator[tuple[cst.CSTNode, list[cst.Call]]]:
    """`node` and then each of the file's `functions` it calls, directly or through others, once each, with the
    calls each holds: what running `node` may run."""
    pending, seen = [node], set()
    while pending:
        code = pending.pop()
        calls = descendants(code, cst.Call)
        yield code, calls
        for call in calls:
            callee = function_named(call.func)
            if callee in functions and callee not in seen:
                seen.add(callee)
                pending.append(functions[callee])


def picks_first(node: cst.Subscript) -> bool:
    """`x[0]`: a subscript that keeps the first item (of collected rows, of a mask's rows), and nothing else."""
    index = node.slice[0].slice if len(node.slice) == 1 else None
    return isinstance(index, cst.Index) and isinstance(index.value, cst.Integer) and int(index.value.value, 0) == 0


def argument(node: cst.Call, position: int, *keywords: str) -> cst.BaseExpression | None:
    """The value of a call's positional argument at `position`, or of the first keyword given."""
    index = 0
    for arg in node.args:
        if arg.keyword is not None:
            if arg.keyword.value in keywords:
                return arg.value
        elif arg.star == "":
            if index == position:
                return arg.value
            index += 1
    return None
