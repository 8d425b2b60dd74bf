"""Write the documentation that is generated from the rule catalog (`tests/test_docs.py` checks it):

    python scripts/docs.py

- `docs/rules/SPLnnn.md`: one page per rule, the text `sparklint rule SPLnnn` prints;
- `docs/rules/README.md`: the families and the table of every rule;
- `CONTRIBUTING.md`: the keys a rule row may have (from the catalog's own key lists) and the code
  ranges per family.

In the two README-like files only the parts between `<!-- begin generated NAME ... -->` and
`<!-- end generated NAME -->` are written; the rest is written by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sparklint import catalog, rule
from sparklint.docs import rule_markdown, rules_markdown_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
RULE_PAGES = REPO / "docs" / "rules"
RULES_INDEX = RULE_PAGES / "README.md"
CONTRIBUTING = REPO / "CONTRIBUTING.md"
COMMAND = "python scripts/docs.py"

# What each key of a `[[rule]]` row means. The keys themselves come from the catalog; a key it accepts
# without a line here, or a line here for a key it no longer accepts, stops the generator.
KEYS = {
    "code": "`SPL` and three digits, unique in the catalog; pick it from the family's range (below)",
    "name": "the rule's name in kebab-case; `sparklint rule NAME`, `--select` and `--ignore` take it as well as "
            "the code",
    "message": "what a finding says, a template filled from the user's code: `{callee}`, `{receiver}`, `{args}`, "
               "`{0}`, `{1}`… and keyword names (`{sep}`); a field the code does not have shows as `...`",
    "why": "*Why is this bad?* in the rule's docs",
    "suggestion": "the PySpark code shown as `= PySpark:` under each finding, a template like `message`: code "
                  "then an optional `  # note`, or a note alone (`# ...`) when the code depends on what the tool "
                  "cannot know; `{subset:?}` shows nothing where the code gives no such argument (the Spark call "
                  "does without it), `{n:int}` only an integer; every call in it must exist in PySpark with those "
                  "keywords (`tests/test_suggestion_api.py`)",
    "severity": "one of {severities}",
    "target": "where the work belongs: one of {targets}",
    "limits": "*Limits* in the rule's docs: what the heuristic cannot see, in plain words",
    "flagged": "examples that must be reported, each line they flag ending in `# expect: SPLnnn`; each is a test "
               "(`tests/test_rule_examples.py`) and the first is the docs' *Example*",
    "silent": "examples that must not be reported; each is a test",
    "call": "qualified names of the calls to flag (`pandas.read_csv`); aliases and `from … import … as …` "
            "resolve to them",
    "method": "method names to flag on a value of a kind listed in `on`",
    "attribute": "attribute names to flag on a value of a kind listed in `on`",
    "on": "the value kinds a `method` or `attribute` must be used on (`pandas`, `spark`, `spark.rdd`, "
          "`pyspark.pandas`, …; `values.py` names them)",
    "unknown": "`true`: also match a receiver whose kind is unknown (when the family's module is imported)",
    "keywords": "keyword conditions, `{ axis = [\"1\", \"'columns'\"] }`: the call must pass each keyword with one "
                "of these values (as source text), or with any value but `None` for `[\"*\"]`; such a row outranks "
                "its family's general row for the same method",
    "pattern": "the name of the class in `src/sparklint/patterns/<family>.py` that finds the code instead of a table",
    "fills": "a pattern row: the template fields its class's reports fill; the catalog refuses a template field "
             "that none fills (a table row's fields follow from its match; a call or method row may ask for the "
             "fields the table matcher spells for some calls: `aggregation`, a group-by's aggregate functions)",
    "fills_call": "a pattern row: `true` when its reports also fill the reported call's own fields (`{callee}`, "
                  "`{receiver}`, `{args}`, `{0}`, `{1}`… and the keywords a flagged example passes)",
    "pandas_on_spark": "the pandas-API-on-Spark alternative, a template; *pandas API on Spark* in the docs",
    "use_instead": "the code under *Use instead* in the docs (default: the suggestion)",
    "references": "links listed under *References*",
    "requires": "modules one of which a file must import for the rule to run (default: the family's `requires`)",
    "fix": "the replacement for the flagged code, a template like `suggestion`",
    "fix_safety": "one of {fix_safeties} (default `display-only`); `sparklint fix` applies only `safe` fixes "
                  "unless given `--unsafe-fixes`",
    "fix_imports": "import lines the replacement needs (added once, after the file's imports)",
    "fixed": "every `flagged` example after the fix, in the same order (required with `fix`)",
    "fix_arguments": "for a fix that copies the call's arguments (`{args}`): the ones it may copy, positions "
                     "(`\"0\"`) and keyword names; a call passing any other gets no fix (the suggestion stays)",
    "spark": "what each name the row matches is in Spark, the one place `sparklint migrate` translates from: "
             "a table per name, `[rule.spark.\"sklearn.tree.DecisionTreeClassifier\"]`, of one kind: the field "
             "that names the Spark side (`estimator = \"pyspark.ml.classification.DecisionTreeClassifier\"`) gives it: "
             "{spark_kinds} (`task`: {tasks}; `method`: {methods}); facts no rule is about sit in "
             "`rules/mappings/spark.toml`",
}


def begin(name: str) -> str:
    return f"<!-- begin generated {name}: `{COMMAND}` writes this part, tests/test_docs.py checks it -->"


def end(name: str) -> str:
    return f"<!-- end generated {name} -->"


def expected() -> dict[Path, str]:
    """Every generated file as it should read, by path."""
    rules = catalog.load_rules()
    files = {RULE_PAGES / f"{r.code}.md": rule_markdown(r) for r in rules}
    files[RULES_INDEX] = _splice(RULES_INDEX, {
        "families": families_table(rules, RULES_INDEX.parent),
        "rules": rules_markdown_table(rules, page="{code}.md"),
    })
    files[CONTRIBUTING] = _splice(CONTRIBUTING, {
        "row-keys": keys_table(),
        "families": families_table(rules, CONTRIBUTING.parent),
    })
    return files


def stale() -> list[Path]:
    """Rule pages of rules the catalog no longer has."""
    return sorted(set(RULE_PAGES.glob("SPL*.md")) - set(expected()))


def keys_table() -> str:
    kinds = [("required", catalog.REQUIRED), ("finds the code", catalog.MATCH_KEYS), ("optional", catalog.OPTIONAL),
             ("maps to Spark", catalog.MAPPING_KEYS)]
    accepted = [key for _, keys in kinds for key in keys]
    undescribed = [key for key in accepted if key not in KEYS]
    unknown = [key for key in KEYS if key not in accepted]
    if undescribed or unknown:
        raise SystemExit(f"scripts/docs.py: describe the row keys {undescribed} in KEYS, drop {unknown} from it")
    values = {"severities": rule.SEVERITIES, "targets": catalog.TARGETS, "fix_safeties": rule.FIX_SAFETIES,
              "tasks": catalog.SPARK_VALUES["task"], "methods": catalog.SPARK_VALUES["method"]}
    rows = ["| key | kind | meaning |", "|---|---|---|"]
    for kind, keys in kinds:
        for key in keys:
            meaning = KEYS[key]
            for name, choices in values.items():  # the allowed values, as the catalog lists them
                meaning = meaning.replace(f"{{{name}}}", ", ".join(f"`{v}`" for v in choices))
            meaning = meaning.replace("{spark_kinds}", "; ".join(
                f"`{name}`" + "".join(f" {label} {', '.join(f'`{f}`' for f in fields)}"
                                      for label, fields in (("with", needed), ("and maybe", optional)) if fields)
                for name, (needed, optional) in catalog.SPARK_KINDS.items()))
            rows.append(f"| `{key}` | {kind} | {meaning} |")
    return "\n".join(rows)


def families_table(rules: tuple[rule.Rule, ...], page_dir: Path) -> str:
    """Prefix, codes in use and catalog file of every family, with links relative to `page_dir`."""
    files = {}
    for path in sorted((REPO / "rules").glob("*.toml")):
        with path.open("rb") as handle:
            family = tomllib.load(handle).get("family", {})
        files[family.get("name")] = (path, family.get("title", ""))
    rows = ["| prefix | family | title | codes in use | rules | of them patterns | file | pattern module |",
            "|---|---|---|---|---|---|---|---|"]
    for name in sorted({r.family for r in rules}, key=lambda n: min(r.code for r in rules if r.family == n)):
        members = [r for r in rules if r.family == name]
        codes = sorted(r.code for r in members)
        prefix = ", ".join(f"`{p}`" for p in sorted({c[:4] for c in codes}))
        path, title = files.get(name, (None, ""))
        module = REPO / "src" / "sparklint" / "patterns" / f"{name.replace('-', '_')}.py"
        patterns = sum(1 for r in members if r.match.pattern)
        rows.append(f"| {prefix} | {name} | {title} | {codes[0]}–{codes[-1]} | {len(codes)} | {patterns} "
                    f"| {_link(path, page_dir)} | {_link(module, page_dir) if patterns else '—'} |")
    return "\n".join(rows)


def _link(path: Path | None, page_dir: Path) -> str:
    if path is None or not path.exists():
        return "?"
    return f"[`{path.relative_to(REPO).as_posix()}`]({Path(os.path.relpath(path, page_dir)).as_posix()})"


def _splice(path: Path, parts: dict[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    for name, content in parts.items():
        head, marker, rest = text.partition(begin(name))
        _, closing, tail = rest.partition(end(name))
        if not marker or not closing:
            raise SystemExit(f"{path.relative_to(REPO)}: needs the lines {begin(name)!r} and {end(name)!r}")
        text = f"{head}{begin(name)}\n{content}\n{end(name)}{tail}"
    return text


def main() -> None:
    for path, text in expected().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
    for path in stale():
        path.unlink()
        print(f"removed {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
