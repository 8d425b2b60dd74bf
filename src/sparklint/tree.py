"""Reading a LibCST tree fast: a node's children in source order, without LibCST's traversal.

LibCST's own `visit` rebuilds every node it passes (it serves transformers too) and walks all
whitespace; sparklint only reads trees, and no rule reads whitespace (suppressions come from the
text). So the engine's walk and the patterns' searches read each node's fields directly, in the
order LibCST would visit them, learnt once per node type.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

import libcst as cst

WHITESPACE = frozenset({cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.Newline,
                        cst.EmptyLine, cst.Comment})
_FIELD_ORDER: dict[type, tuple[str, ...]] = {}


class _FieldRecorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.names.append(attribute)

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False


def _child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """A node type's fields in the order LibCST visits them (source order), learnt once per type.

    Fields LibCST visits only when set (an f-string's `format_spec`) come last, where they are.
    """
    kind = type(node)
    order = _FIELD_ORDER.get(kind)
    if order is None:
        recorder = _FieldRecorder()
        node._visit_and_replace_children(recorder)
        names = list(dict.fromkeys(recorder.names))
        order = _FIELD_ORDER[kind] = tuple(names + [f.name for f in dataclasses.fields(node) if f.name not in names])
    return order


def children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The node's direct children that are not whitespace, in source order."""
    for name in _child_fields(node):
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            if type(value) not in WHITESPACE:
                yield value
        elif isinstance(value, (tuple, list)):
            for child in value:
                if isinstance(child, cst.CSTNode) and type(child) not in WHITESPACE:
                    yield child


def descendants(node: cst.CSTNode, kind: type) -> list[Any]:
    """Every node of a type inside `node` (itself included), in source order."""
    found = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, kind):
            found.append(current)
        pending.extend(reversed(list(children(current))))
    return found
