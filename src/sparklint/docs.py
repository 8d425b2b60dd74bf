"""A rule's documentation, rendered from its fields, never by hand: `sparklint rule`, `sparklint rules
--format markdown`, and the pages under `docs/rules/` (written by `scripts/docs.py`)."""

from __future__ import annotations

import string
from typing import Any

from sparklint.rule import ALTERNATIVE, Rule


def rule_markdown(rule: Rule) -> str:
    example = rule.flagged[0].code
    parts = [
        f"# {rule.code} {rule.name}",
        f"Family: {rule.family} · severity: {rule.severity} · the work belongs on: {rule.target}",
        "## What it does",
        _sentence(rule.render(rule.message, {"callee": "the call", "receiver": "the DataFrame"})),
        "## Why is this bad?",
        rule.why,
        "## Example",
        f"```python\n{example}\n```",
        "## Use instead",
        f"```python\n{rule.use_instead or rule.render(rule.suggestion, {})}\n```",
    ]
    if rule.pandas_on_spark:
        parts += ["## pandas API on Spark", f"```python\n{rule.render(rule.pandas_on_spark, {})}\n```"]
    parts += ["## Limits", rule.limits]
    if rule.references:
        parts += ["## References", "\n".join(f"- {ref}" for ref in rule.references)]
    return "\n\n".join(parts) + "\n"


def rules_markdown_table(rules: tuple[Rule, ...], page: str | None = None) -> str:
    """One row per rule; with `page` (`"{code}.md"`) each code links to the rule's own page."""
    rows = ["| Code | Name | Family | Severity | PySpark equivalent |", "|---|---|---|---|---|"]
    for rule in rules:
        code = equivalent(rule).replace("|", "\\|")
        shown = f"[{rule.code}]({page.format(code=rule.code)})" if page else rule.code
        rows.append(f"| {shown} | {rule.name} | {rule.family} | {rule.severity} | `{code}` |")
    return "\n".join(rows)


def equivalent(rule: Rule) -> str:
    """The PySpark code in one line: the suggestion with its slots shown as `{slot}`, or, when the
    suggestion is nothing but a slot the matcher fills or words alone (`# ...`), the first line of
    code in `use_instead`."""
    shown = _Slots().format(rule.suggestion.split("  #")[0]).strip()
    if (shown.startswith("#") or shown.startswith("{") and shown.endswith("}") and shown.count("{") == 1) and rule.use_instead:
        code = [line.strip() for line in rule.use_instead.splitlines() if line.strip()]
        shown = next((line for line in code if not line.startswith(("from ", "import "))), code[0])
    return shown


class _Slots(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Any) -> str:
        return f"{{{str(key).split(ALTERNATIVE)[0]}}}"  # `{n_components|0}` reads as the keyword it names

    def format_field(self, value: Any, format_spec: str) -> str:
        return str(value)  # a slot's type (`{max_depth:int}`) is the renderer's business


def _sentence(text: str) -> str:
    text = text.strip().replace("`the call`", "the call").replace("`the call()`", "the call")
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
