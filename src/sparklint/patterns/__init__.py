"""Pattern classes: matchers for rules that a table row cannot express.

A row of `rules/<family>.toml` says `pattern = "<Class>"`; that class of `patterns/<family>.py`
finds the code. The contract, which the engine keeps:
- a new instance serves each file, so state set in `__init__` starts fresh with every file;
- it reports with `ctx.report(self.rule, node, **fields)` and never asks whether its rule is
  enabled: the engine keeps only reports of rules the file enables (imports) at that point;
- its row names the template fields its reports fill (`fills`, `fills_call`), so a misspelt field
  in the row's message, suggestion or fix stops the catalog from loading instead of showing as `...`;
- it sees only `RuleContext` (`context.py`), never the walk's own bookkeeping;
- `needs` names text a file must contain for the pattern to report anything there (a method's name): the
  engine leaves the pattern out of files without any of it, as Fixit and Ruff reject files early; so too out of
  files whose text names none of its rule's `requires` modules, which never enable the rule.
"""

from __future__ import annotations

import importlib

from sparklint.catalog import CatalogError
from sparklint.rule import Rule


class Pattern:
    """Base class: subclasses define `visit_<Node>(node, ctx)` / `leave_<Node>(node, ctx)` methods."""

    needs: tuple[str, ...] = ()  # text one of which a file must contain for the pattern to report; () is any file

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    @classmethod
    def may_report(cls, code: str) -> bool:
        return not cls.needs or any(text in code for text in cls.needs)


def pattern_class(rule: Rule) -> type[Pattern]:
    """The class a pattern row names, from its family's module."""
    module = f"{__name__}.{rule.family.replace('-', '_')}"
    try:
        found = getattr(importlib.import_module(module), rule.match.pattern or "", None)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise  # the module exists and an import inside it failed: that is the error to see
        found = None
    if not (isinstance(found, type) and issubclass(found, Pattern)):
        raise CatalogError(f"{rule.code}: no pattern class {rule.match.pattern} in {module}")
    return found
