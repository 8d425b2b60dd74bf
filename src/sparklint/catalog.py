"""The rule catalog: `rules/*.toml` rows become Rules; table rows share one indexed matcher.

A family file names its modules and defaults once; each `[[rule]]` row adds what differs. A row
finds code either by table (`call`, `method`, `attribute`) or by naming a pattern class
(`pattern`) for shapes a table cannot express. The catalog ships inside the wheel as
`sparklint/catalog`; an editable install reads the repository's `rules/` folder.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import libcst as cst

from sparklint.context import Context
from sparklint.rule import FIX_SAFETIES, SEVERITIES, Match, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REQUIRED = ("code", "name", "message", "why", "suggestion", "severity", "target", "limits", "flagged", "silent")
OPTIONAL = ("pandas_on_spark", "use_instead", "references", "requires", "fix", "fix_safety", "fix_imports", "fixed")
MATCH_KEYS = ("call", "method", "attribute", "on", "unknown", "keywords", "pattern")
TARGETS = ("executors", "cluster-storage", "gpu-node", "driver")


class CatalogError(Exception):
    """A catalog file that does not describe rules correctly (a bug in sparklint, not user input)."""


def catalog_dir() -> Path:
    installed = Path(__file__).parent / "catalog"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for path in sorted(catalog_dir().glob("*.toml")):
        rules.extend(_load_family(path))
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise CatalogError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(rules, key=lambda r: r.code))


def _load_family(path: Path) -> list[Rule]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    family = data.get("family", {})
    defaults = data.get("defaults", {})
    rows = data.get("rule", [])
    if not family.get("name") or not rows:
        raise CatalogError(f"{path.name}: needs a [family] with a name and at least one [[rule]]")
    return [_rule(path.name, family, {**defaults, **row}) for row in rows]


def _rule(file: str, family: dict[str, Any], row: dict[str, Any]) -> Rule:
    where = f"{file}: rule {row.get('code', '?')}"
    unknown = set(row) - set(REQUIRED) - set(OPTIONAL) - set(MATCH_KEYS)
    if unknown:
        raise CatalogError(f"{where}: unknown keys {sorted(unknown)}")
    missing = [k for k in REQUIRED if not row.get(k)]
    if missing:
        raise CatalogError(f"{where}: missing {missing}")
    if row["severity"] not in SEVERITIES or row["target"] not in TARGETS:
        raise CatalogError(f"{where}: bad severity or target")
    finders = [k for k in ("call", "method", "attribute", "pattern") if k in row]
    if len(finders) != 1:
        raise CatalogError(f"{where}: needs exactly one of call, method, attribute, pattern")
    keywords = {k: tuple(v) if isinstance(v, list) else (str(v),) for k, v in row.get("keywords", {}).items()}
    match = Match(
        call=_strings(row.get("call")), method=_strings(row.get("method")), attribute=_strings(row.get("attribute")),
        on=_strings(row.get("on")), unknown=bool(row.get("unknown", False)), keywords=keywords,
        pattern=row.get("pattern"),
    )
    if row.get("fix_safety", "display-only") not in FIX_SAFETIES:
        raise CatalogError(f"{where}: fix_safety must be one of {FIX_SAFETIES}")
    if row.get("fix") and len(_strings(row.get("fixed"))) != len(_strings(row["flagged"])):
        raise CatalogError(f"{where}: a fixable rule needs `fixed`, one entry per `flagged` example")
    requires = _strings(row.get("requires", family.get("requires")))
    if not requires:
        raise CatalogError(f"{where}: names no modules in requires")
    return Rule(
        code=row["code"], name=row["name"], family=family["name"], message=row["message"].strip(),
        why=row["why"].strip(), suggestion=row["suggestion"].strip(), severity=row["severity"],
        target=row["target"], limits=row["limits"].strip(), match=match, requires=requires,
        pandas_on_spark=row.get("pandas_on_spark"), use_instead=(row.get("use_instead") or "").strip() or None,
        references=_strings(row.get("references")), flagged=_strings(row["flagged"]), silent=_strings(row["silent"]),
        fix=row.get("fix"), fix_safety=row.get("fix_safety", "display-only"),
        fix_imports=_strings(row.get("fix_imports")), fixed=_strings(row.get("fixed")),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class TableMatcher:
    """Every table row, indexed by qualified call name, method name and attribute name."""

    def __init__(self, rules: list[Rule]) -> None:
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
        self.callees: set[int] = set()

    def visit_Module(self, node: cst.Module, ctx: Context) -> None:
        self.callees.clear()

    def visit_Call(self, node: cst.Call, ctx: Context) -> None:
        func = node.func
        self.callees.add(id(func))
        qualified = ctx.qualify(func)
        if qualified is not None:
            for rule in self.calls.get(qualified, ()):
                if _keywords_match(rule, node, ctx) and ctx.enabled(rule):
                    ctx.report(rule, node, **ctx.call_fields(node))
            return
        if isinstance(func, cst.Attribute) and func.attr.value in self.methods:
            receiver = ctx.kind_of(func.value)
            matched = [r for r in self.methods[func.attr.value]
                       if _receiver_matches(r, receiver, ctx) and _keywords_match(r, node, ctx)]
            specific = {r.family for r in matched if r.match.keywords}
            for rule in matched:  # a row with keyword conditions outranks its family's general row
                if rule.match.keywords or rule.family not in specific:
                    ctx.report(rule, node, **ctx.call_fields(node))

    def visit_Attribute(self, node: cst.Attribute, ctx: Context) -> None:
        if id(node) in self.callees or node.attr.value not in self.attributes or ctx.qualify(node) is not None:
            return
        receiver = ctx.kind_of(node.value)
        for rule in self.attributes[node.attr.value]:
            if _receiver_matches(rule, receiver, ctx):
                ctx.report(rule, node, receiver=ctx.code(node.value), callee=ctx.code(node))


def _receiver_matches(rule: Rule, receiver: str | None, ctx: Context) -> bool:
    if receiver is None:
        return rule.match.unknown and ctx.enabled(rule)
    return receiver in rule.match.on and ctx.enabled(rule)


def _keywords_match(rule: Rule, node: cst.Call, ctx: Context) -> bool:
    if not rule.match.keywords:
        return True
    given = {a.keyword.value: ctx.code(a.value) for a in node.args if a.keyword is not None}
    return all(given.get(name) in accepted for name, accepted in rule.match.keywords.items())
