"""Loops whose body runs once per data row in Python on the driver."""

from __future__ import annotations

import libcst as cst

from sparklint.context import Context
from sparklint.patterns import Pattern
from sparklint.values import ROWS, SPARK


class LoopOverCollectedRows(Pattern):
    """`for row in df.collect()` / `toLocalIterator()` / a name holding collected rows."""

    name = "loop-over-collected-rows"

    def visit_For(self, node: cst.For, ctx: Context) -> None:
        iterable = node.iter
        receiver = iterable
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute):
            if iterable.func.attr.value in ("collect", "toLocalIterator"):
                receiver = iterable.func.value
                if ctx.kind_of(receiver) not in (SPARK, None):
                    return
            elif ctx.kind_of(iterable) != ROWS:
                return
        elif ctx.kind_of(iterable) != ROWS:
            return
        if ctx.enabled(self.rule):
            ctx.report(self.rule, node, receiver=ctx.code(receiver) if receiver is not iterable else "df")
