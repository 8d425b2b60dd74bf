"""NumPy shapes a qualified name cannot single out: the Gram matrix `X.T @ X` of a data matrix.

`X.T @ X` sums an outer product over every row of `X`, so its cost grows with the data while its
result stays small (features × features): the shape Spark computes from partial sums on the
executors. Products of two different arrays (`W @ x`, `A.T @ B`) are usually small matrices and
are not looked at.
"""

from __future__ import annotations

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import method_call
from sparklint.tree import argument
from sparklint.values import NUMPY, PANDAS

PRODUCTS = frozenset({"numpy.dot", "numpy.matmul"})


class GramMatrix(Pattern):
    """`X.T @ X`, `X.T.dot(X)`, `np.dot(X.T, X)` on an array (or a value of unknown kind)."""

    def visit_BinaryOperation(self, node: cst.BinaryOperation, ctx: RuleContext) -> None:
        if isinstance(node.operator, cst.MatrixMultiply):
            self._check(node, node.left, node.right, ctx)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        left = method_call(node, ("dot",))
        if left is not None and ctx.qualify(node.func) is None:
            self._check(node, left, argument(node, 0), ctx)
        elif ctx.qualify(node.func) in PRODUCTS:
            self._check(node, argument(node, 0), argument(node, 1), ctx)

    def _check(self, node: cst.CSTNode, left: cst.BaseExpression | None, right: cst.BaseExpression | None,
               ctx: RuleContext) -> None:
        if isinstance(left, cst.Attribute) and left.attr.value == "T" and right is not None \
                and ctx.code(left.value) == ctx.code(right) and ctx.kind_of(right) in (NUMPY, PANDAS, None):
            ctx.report(self.rule, node, matrix=ctx.code(right))
