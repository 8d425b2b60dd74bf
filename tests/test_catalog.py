"""The contract of a catalog row and of a pattern class, each part of it stated as a test."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

import sparklint.catalog as catalog
from sparklint.catalog import CatalogError, load_rules
from sparklint.context import RuleContext
from sparklint.engine import Engine
from sparklint.sources import Source

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sparklint"
RULES = {r.code: r for r in load_rules()}


def family(tmp_path: Path, monkeypatch, flagged: str, silent: str = "'''\nimport pyspark\n'''",
           file: str = "spark_driver_pull") -> catalog.Rule:
    """Load a one-row family file `rules/<file>.toml` with these examples."""
    (tmp_path / f"{file}.toml").write_text(
        '[family]\nname = "spark-driver-pull"\nrequires = ["pyspark"]\n\n[[rule]]\ncode = "SPL999"\n'
        'name = "test-rule"\nmethod = ["collect"]\non = ["spark"]\nmessage = "m"\nwhy = "w"\nsuggestion = "s"\n'
        'severity = "warning"\ntarget = "executors"\nlimits = "l"\n'
        f"flagged = [\n{flagged},\n]\nsilent = [\n{silent},\n]\n")
    monkeypatch.setattr(catalog, "catalog_dir", lambda: str(tmp_path))
    return load_rules.__wrapped__()[0]


def test_an_example_is_dedented_and_loses_its_marks_which_give_the_lines_to_report(tmp_path, monkeypatch):
    rule = family(tmp_path, monkeypatch, """    { name = "twice", code = '''
    import pyspark
    a = df.collect()  # all of it  # expect: SPL999
    b = df.collect()  # expect: SPL999
    ''' }""")
    example = rule.flagged[0]
    assert (example.name, example.lines) == ("twice", (2, 3))
    assert example.code == "import pyspark\na = df.collect()  # all of it\nb = df.collect()"
    assert rule.silent[0].code == "import pyspark"


@pytest.mark.parametrize("flagged, silent", [
    ("'''\nrows = df.collect()\n'''", "'''\nimport pyspark\n'''"),  # a flagged example needs a mark
    ("'''\nrows = df.collect()  # expect: SPL602\n'''", "'''\nimport pyspark\n'''"),  # of its own rule
    ("'''\nrows = df.collect()  # expect: SPL999\n'''", "'''\nrows = df.collect()  # expect: SPL999\n'''"),
    ("{ name = 'x', code = '''\nrows = df.collect()  # expect: SPL999\n''', lines = [1] }", "'''\nx = 1\n'''"),
], ids=["unmarked", "another rule", "marked silent", "unknown key"])
def test_examples_that_say_the_wrong_thing_stop_the_catalog(tmp_path, monkeypatch, flagged, silent):
    with pytest.raises(CatalogError):
        family(tmp_path, monkeypatch, flagged, silent)


def test_a_family_is_named_like_its_file(tmp_path, monkeypatch):
    with pytest.raises(CatalogError, match="named like its file"):
        family(tmp_path, monkeypatch, "'''\nrows = df.collect()  # expect: SPL999\n'''", file="driver")


@pytest.mark.parametrize("code, template", [
    ("SPL101", "`{calee}()` reads the whole file"),  # a table row: callee, receiver, args, 0, 1… and keywords
    ("SPL101", "`{callee}()` reads it with header={header}"),  # no flagged example passes `header`
    ("SPL234", "`{receiver}.values` copies {0}"),  # an attribute row has no call fields
    ("SPL606", "`{test}` counts every row of {reciever}"),  # a pattern fills the fields it declares
])
def test_a_template_field_no_report_fills_stops_the_engine(code, template):
    with pytest.raises(CatalogError, match=code):
        Engine([dataclasses.replace(RULES[code], message=template)])


def test_a_keyword_field_is_one_a_flagged_example_passes():
    Engine([dataclasses.replace(RULES["SPL101"], message="`{callee}()` reads it with sep={sep}, {0}, {args}")])


def test_a_pattern_row_names_a_class_of_its_familys_module():
    rule = RULES["SPL602"]
    with pytest.raises(CatalogError, match="no pattern class"):
        Engine([dataclasses.replace(rule, match=dataclasses.replace(rule.match, pattern="CountEmptiness2"))])
    with pytest.raises(CatalogError, match="no pattern class"):  # a class of another family's module
        Engine([dataclasses.replace(rule, match=dataclasses.replace(rule.match, pattern="SeriesItems"))])


def test_a_pattern_starts_every_file_afresh():
    engine = Engine([RULES["SPL801"]])
    first = engine.check(Source("a.py", "python", "import pyspark\nDATA = 'data/x.csv'\ndf = spark.read.csv(DATA)\n"))
    second = engine.check(Source("b.py", "python", "import pyspark\ndf = spark.read.csv(DATA)\n"))
    assert [f.line for f in first.findings] == [3] and second.findings == []


def test_the_engine_keeps_only_reports_of_rules_enabled_so_far():
    code = "rows = df.collect()\nimport pyspark\nmore = df.collect()\n"
    assert [f.line for f in Engine([RULES["SPL602"]]).check(Source("a.py", "python", code)).findings] == [3]


def _members(protocol: type) -> set[str]:
    return set(protocol.__annotations__) | {name for name in vars(protocol) if not name.startswith("_")}


def test_rules_use_only_the_rule_context():
    """Patterns and the table see the walk through `RuleContext`, never its bookkeeping."""
    allowed = _members(RuleContext)
    used = {
        f"{path.name}: ctx.{node.attr}"
        for path in [*sorted((PACKAGE / "patterns").glob("*.py")), PACKAGE / "tables.py"]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ctx"
        and node.attr not in allowed
    }
    assert not used, sorted(used)
