"""The rule catalog: `rules/*.toml` rows become Rules (`tables.py` matches the table rows).

A family file (`rules/<family>.toml`, named like its family) names its modules and defaults once;
each `[[rule]]` row adds what differs. A row finds code either by table (`call`, `method`,
`attribute`) or by naming a class of `patterns/<family>.py` (`pattern`) for shapes a table cannot
express. An example is a multi-line string, or `{ name = "...", code = ... }` to name it; a
flagged example ends each line the rule must report with `# expect: <its code>`, the mark the
fixtures use. The catalog ships inside the wheel as `sparklint/catalog`; an editable install reads
the repository's `rules/` folder.

A row may also say what each name it matches is in Spark (`[rule.spark."<name>"]`: a pyspark.ml
estimator, an evaluator, a reader, …): the one place `migrate` learns its translations from. The
few such facts no rule is about live in `rules/mappings/spark.toml`, read only when asked for.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sparklint.locations import catalog_dir
from sparklint.rule import FIX_SAFETIES, SEVERITIES, Example, Fills, Match, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REQUIRED = ("code", "name", "message", "why", "suggestion", "severity", "target", "limits", "flagged", "silent")
OPTIONAL = ("pandas_on_spark", "use_instead", "references", "requires", "fix", "fix_safety", "fix_imports", "fixed",
            "fix_arguments")
MATCH_KEYS = ("call", "method", "attribute", "on", "unknown", "keywords", "pattern", "fills", "fills_call")
# Fields the table matcher spells for some calls (`tables.py`), which a call or method row may ask for in `fills`.
TABLE_FILLS = ("aggregation", "deduplication", "csv_options", "excel_options", "split", "sampling", "dropped",
               "renamed", "incomplete", "pivot_aggregate", "lag", "rolled", "then",
               "squared_metric", "label_column", "series_key", "twin", "twin_note", "scoring", "twin_module",
               "model_type", "smoothing", "imputer_strategy", "copied", "curve", "strata")
MAPPING_KEYS = ("spark",)
# What a name is in Spark, one kind per entry: the kind's own field (`estimator = "pyspark.ml…"`)
# names it; then (the fields it needs, the fields it may have).
SPARK_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "estimator": (("task",), ("keywords", "keyword_groups", "defaults", "unsupported", "differs", "per_row",
                                "ranges")),
    "evaluator": (("metric", "column"), ("options", "averages", "multilabel")),
    "reader": ((), ("options",)),
    "writer": ((), ()),
    "method": ((), ("keywords",)),
    "functions": ((), ("as_double", "timedelta", "pairwise")),
    "types": ((), ()),
    "values": ((), ()),  # a keyword's values as the Spark class spells them (SimpleImputer's strategy, Imputer's)
}
# The values a field of a `spark` entry may take, where they are few.
SPARK_VALUES = {"task": ("classification", "regression", "clustering", "transform"), "method": ("same", "identity")}
MAPPINGS_FILE = ("mappings", "spark.toml")
TARGETS = ("executors", "cluster-storage", "gpu-node", "driver")
EXPECT = re.compile(r"[ \t]*#[ \t]*expect:[ \t]*(?P<code>\S+)[ \t]*$", re.MULTILINE)


class CatalogError(Exception):
    """A catalog file that does not describe rules correctly (a bug in sparklint, not user input)."""


Spark = dict[str, dict[str, Any]]  # a name a row matches -> what it is in Spark


@dataclass(frozen=True)
class Mappings:
    """What pandas, NumPy and scikit-learn names are in Spark: the rows' `spark` entries and the
    mappings file's."""

    spark: Spark
    keyword_groups: dict[str, dict[str, str]]  # scikit-learn keywords several estimators share
    ignored_keywords: tuple[str, ...]  # keywords with no meaning on a cluster (scikit-learn's n_jobs)
    score: dict[str, str]  # task -> the metric function `model.score` computes


def load_rules() -> tuple[Rule, ...]:
    return load_catalog()[0]


def call_rule(qualified: str) -> Rule | None:
    """The first row that matches a call by its qualified name (`pandas.read_csv`'s, a model constructor's)."""
    return next((rule for rule in load_catalog()[0] if qualified in rule.match.call), None)


@lru_cache(maxsize=1)
def load_catalog() -> tuple[tuple[Rule, ...], Spark]:
    """The rules, and the `spark` entries of their rows by name (checked as they load: cheap)."""
    rules: list[Rule] = []
    spark: Spark = {}
    for path in sorted(Path(catalog_dir()).glob("*.toml")):
        for rule, entries in _load_family(path):
            rules.append(rule)
            repeated = sorted(set(spark) & set(entries))
            if repeated:
                raise CatalogError(f"{path.name}: rule {rule.code}: `spark.{repeated[0]}` is already another row's")
            spark.update(entries)
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise CatalogError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(rules, key=lambda r: r.code)), spark


@lru_cache(maxsize=1)
def load_mappings() -> Mappings:
    """The rows' `spark` entries and the mappings file's, read once when asked: by `migrate`, and by `check` only
    for a cross-validation given no `scoring` (the metric a model's own `score` computes, SPL453) and a
    `FunctionTransformer` of a NumPy function (its Spark function)."""
    return read_mappings(Path(catalog_dir(), *MAPPINGS_FILE), load_catalog()[1])


def read_mappings(path: Path, rows: Spark) -> Mappings:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    where = "/".join(MAPPINGS_FILE)
    unknown = set(data) - {"spark", "keyword_groups", "ignored_keywords", "score"}
    if unknown:
        raise CatalogError(f"{where}: unknown tables {sorted(unknown)}")
    spark = dict(rows)
    for name, entry in data.get("spark", {}).items():
        if name in spark:
            raise CatalogError(f"{where}: `spark.{name}` is already a rule's (keep it there)")
        spark[name] = _spark_entry(entry, f"{where}: `spark.{name}`")
    groups = data.get("keyword_groups", {})
    for name, entry in spark.items():
        missing = set(entry.get("keyword_groups", ())) - set(groups)
        if missing:
            raise CatalogError(f"`spark.{name}`: no keyword_groups {sorted(missing)} in {where}")
    score = data.get("score", {})
    if not set(score.values()) <= {n for n, e in spark.items() if "evaluator" in e}:
        raise CatalogError(f"{where}: `score` names metric functions that have a `spark` evaluator entry")
    return Mappings(spark, groups, tuple(data.get("ignored_keywords", ())), score)


def _load_family(path: Path) -> list[tuple[Rule, Spark]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    family = data.get("family", {})
    defaults = data.get("defaults", {})
    rows = data.get("rule", [])
    if not family.get("name") or not rows:
        raise CatalogError(f"{path.name}: needs a [family] with a name and at least one [[rule]]")
    if family["name"] != path.stem.replace("_", "-"):
        raise CatalogError(f"{path.name}: a family is named like its file, not {family['name']!r}")
    return [_rule(path.name, family, {**defaults, **row}) for row in rows]


def _rule(file: str, family: dict[str, Any], row: dict[str, Any]) -> tuple[Rule, Spark]:
    where = f"{file}: rule {row.get('code', '?')}"
    unknown = set(row) - set(REQUIRED) - set(OPTIONAL) - set(MATCH_KEYS) - set(MAPPING_KEYS)
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
    if not str(row.get("pattern", "Class")).isidentifier():
        raise CatalogError(f"{where}: `pattern` names a class of patterns/{Path(file).stem}.py")
    if "pattern" not in row and ("fills_call" in row or not set(_strings(row.get("fills"))) <= set(TABLE_FILLS)):
        raise CatalogError(f"{where}: only a pattern row says what it fills (a table row's fields follow from its "
                           f"match, and from what tables.py spells: {', '.join(TABLE_FILLS)})")
    keywords = {k: tuple(v) if isinstance(v, list) else (str(v),) for k, v in row.get("keywords", {}).items()}
    match = Match(
        call=_strings(row.get("call")), method=_strings(row.get("method")), attribute=_strings(row.get("attribute")),
        on=_strings(row.get("on")), unknown=bool(row.get("unknown", False)), keywords=keywords,
        pattern=row.get("pattern"),
    )
    if row.get("fix_safety", "display-only") not in FIX_SAFETIES:
        raise CatalogError(f"{where}: fix_safety must be one of {FIX_SAFETIES}")
    flagged = _examples(row, "flagged", where, flags=row["code"])
    silent = _examples(row, "silent", where)
    fixed = tuple(e.code for e in _examples(row, "fixed", where))
    if row.get("fix") and len(fixed) != len(flagged):
        raise CatalogError(f"{where}: a fixable rule needs `fixed`, one entry per `flagged` example")
    requires = _strings(row.get("requires", family.get("requires")))
    if not requires:
        raise CatalogError(f"{where}: names no modules in requires")
    rule = Rule(
        code=row["code"], name=row["name"], family=family["name"], message=row["message"].strip(),
        why=row["why"].strip(), suggestion=row["suggestion"].strip(), severity=row["severity"],
        target=row["target"], limits=row["limits"].strip(), match=match, requires=requires,
        pandas_on_spark=row.get("pandas_on_spark"), use_instead=(row.get("use_instead") or "").strip() or None,
        references=_strings(row.get("references")), flagged=flagged, silent=silent,
        fix=row.get("fix"), fix_safety=row.get("fix_safety", "display-only"),
        fix_imports=_strings(row.get("fix_imports")), fixed=fixed,
        fix_arguments=_strings(row["fix_arguments"]) if "fix_arguments" in row else None,
        fills=_fills(match, row),
    )
    unknown_fields = rule.fills.unknown(rule)
    if unknown_fields:
        raise CatalogError(f"{where}: template fields that no report fills: {', '.join(unknown_fields)} "
                           f"(its reports fill {_describe(rule.fills)})")
    return rule, _spark(row, match, where)


def _spark(row: dict[str, Any], match: Match, where: str) -> Spark:
    """A row's `spark` entries, each for a name the row matches."""
    entries = row.get("spark", {})
    names = set(match.call) | set(match.method) | set(match.attribute)
    strangers = sorted(set(entries) - names)
    if strangers:
        raise CatalogError(f"{where}: `spark` names {strangers}, which the row does not match")
    return {name: _spark_entry(entry, f"{where}: `spark.{name}`") for name, entry in entries.items()}


def _spark_entry(entry: Any, where: str) -> dict[str, Any]:
    """One entry: exactly one kind's field, the fields that kind needs, none it does not know."""
    kinds = [kind for kind in SPARK_KINDS if kind in (entry if isinstance(entry, dict) else {})]
    if len(kinds) != 1:
        raise CatalogError(f"{where}: needs exactly one of {', '.join(SPARK_KINDS)}")
    needed, optional = SPARK_KINDS[kinds[0]]
    missing = [field for field in needed if field not in entry]
    unknown = sorted(set(entry) - {kinds[0], *needed, *optional})
    if missing or unknown:
        raise CatalogError(f"{where}: an entry of kind `{kinds[0]}` needs {list(needed)}, may have {list(optional)}"
                           f" ({'missing ' + str(missing) if missing else 'unknown ' + str(unknown)})")
    for field, values in SPARK_VALUES.items():
        if field in entry and entry[field] not in values:
            raise CatalogError(f"{where}: `{field}` is one of {', '.join(values)}, not {entry[field]!r}")
    return entry


def _fills(match: Match, row: dict[str, Any]) -> Fills:
    """What a row's reports fill: a call or method row, the call's fields; an attribute row, its
    receiver and callee; a pattern row, what it declares (its class is not imported here: that
    would bring LibCST onto every path that reads the catalog; tests/test_rule_examples.py keeps
    the two equal)."""
    if match.pattern:
        return Fills(_strings(row.get("fills")), call=bool(row.get("fills_call", False)))
    return Fills(("receiver", "callee")) if match.attribute else Fills(_strings(row.get("fills")), call=True)


def _describe(fills: Fills) -> str:
    call = ["the call's callee, receiver, args, positions and the keywords a flagged example passes"]
    return ", ".join([*fills.names, *(call if fills.call else [])]) or "nothing"


def _examples(row: dict[str, Any], key: str, where: str, flags: str | None = None) -> tuple[Example, ...]:
    values = row.get(key, [])
    if not isinstance(values, list):
        raise CatalogError(f"{where}: `{key}` is a list of examples")
    return tuple(_example(value, where, flags) for value in values)


def _example(value: Any, where: str, flags: str | None) -> Example:
    """An example as written (dedented), without its `# expect: CODE` marks: a flagged example of rule
    `flags` marks each line it must be reported on; any other example marks none."""
    name, code = (value.get("name", ""), value.get("code")) if isinstance(value, dict) else ("", value)
    extra = set(value) - {"name", "code"} if isinstance(value, dict) else set()
    if not isinstance(code, str) or not isinstance(name, str) or extra:
        raise CatalogError(f"{where}: an example is a string or {{ name = ..., code = ... }}, not {value!r}")
    code = textwrap.dedent(code).strip("\n")
    marks = [(code.count("\n", 0, mark.start()) + 1, mark["code"]) for mark in EXPECT.finditer(code)]
    if flags is not None and (not marks or {c for _, c in marks} != {flags}):
        raise CatalogError(f"{where}: end each line this example flags with `# expect: {flags}`:\n{code}")
    if flags is None and marks:
        raise CatalogError(f"{where}: only a flagged example marks lines with `# expect:`:\n{code}")
    return Example(EXPECT.sub("", code), name, tuple(line for line, _ in marks))


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
