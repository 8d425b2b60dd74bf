"""The catalog's table rows (`call`, `method`, `attribute`) as one matcher indexed by name.

One dictionary lookup per call or attribute node finds every row that could match it, however
many rows the catalog has; the few rows whose shape a table cannot express are pattern classes.
"""

from __future__ import annotations

from collections import defaultdict

import libcst as cst

from sparklint.context import RuleContext
from sparklint.rule import Fills, Rule
from sparklint.values import ESTIMATOR


class Table:
    """Every table row, indexed by qualified call name, method name and attribute name: built once."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.calls: dict[str, list[Rule]] = defaultdict(list)
        self.methods: dict[str, list[Rule]] = defaultdict(list)
        self.attributes: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            for name in rule.match.call:
                self.calls[name].append(rule)
            for name in rule.match.method:
                self.methods[name].append(rule)
            for name in rule.match.attribute:
                self.attributes[name].append(rule)

    @staticmethod
    def fills(rule: Rule) -> Fills:
        """A call or method row's reports fill the call's fields; an attribute row's, these two."""
        return Fills(("receiver", "callee")) if rule.match.attribute else Fills(call=True)


class TableMatcher:
    """Matches one file against the table; like a pattern, a new one serves each file."""

    def __init__(self, table: Table) -> None:
        self.calls, self.methods, self.attributes = table.calls, table.methods, table.attributes
        self.callees: set[int] = set()

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        func = node.func
        self.callees.add(id(func))
        qualified = ctx.qualify(func)
        if qualified is not None:
            for rule in self.calls.get(qualified, ()):
                if _keywords_match(rule, node, ctx):
                    ctx.report(rule, node, **ctx.call_fields(node))
            return
        if isinstance(func, cst.Attribute) and func.attr.value in self.methods:
            receiver = ctx.kind_of(func.value)
            built_by = self._reported_model(func.value, receiver, ctx)
            matched = [r for r in self.methods[func.attr.value] if r.family not in built_by
                       and _receiver_matches(r, receiver) and _keywords_match(r, node, ctx)]
            specific = {r.family for r in matched if r.match.keywords}
            for rule in matched:  # a row with keyword conditions outranks its family's general row
                if rule.match.keywords or rule.family not in specific:
                    ctx.report(rule, node, **ctx.call_fields(node))

    def _reported_model(self, receiver: cst.BaseExpression, kind: str | None, ctx: RuleContext) -> set[str]:
        """The families whose call rows report the model a call is chained on (`Model().fit(...)`):
        their method rows leave that call alone, so one line gets one finding for one model."""
        if kind != ESTIMATOR or not isinstance(receiver, cst.Call):
            return set()
        return {r.family for r in self.calls.get(ctx.qualify(receiver.func) or "", ())}

    def visit_Attribute(self, node: cst.Attribute, ctx: RuleContext) -> None:
        if id(node) in self.callees or node.attr.value not in self.attributes or ctx.qualify(node) is not None:
            return
        receiver = ctx.kind_of(node.value)
        for rule in self.attributes[node.attr.value]:
            if _receiver_matches(rule, receiver):
                ctx.report(rule, node, receiver=ctx.code(node.value), callee=ctx.code(node))


def _receiver_matches(rule: Rule, receiver: str | None) -> bool:
    return rule.match.unknown if receiver is None else receiver in rule.match.on


def _keywords_match(rule: Rule, node: cst.Call, ctx: RuleContext) -> bool:
    if not rule.match.keywords:
        return True
    given = {a.keyword.value: ctx.code(a.value) for a in node.args if a.keyword is not None}
    return all(given.get(name) in accepted for name, accepted in rule.match.keywords.items())
