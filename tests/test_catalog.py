"""The contract of a catalog row and of a pattern class, each part of it stated as a test."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
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


def catalog_with(tmp_path: Path, monkeypatch, file: str, line: str, instead: str) -> tuple[catalog.Rule, ...]:
    """Load the real catalog with one line of `rules/<file>.toml` written differently."""
    for toml in Path(catalog.catalog_dir()).glob("*.toml"):
        text = toml.read_text(encoding="utf-8")
        if toml.stem == file:
            assert text.count(line) == 1, line
            text = text.replace(line, instead)
        (tmp_path / toml.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalog, "catalog_dir", lambda: str(tmp_path))
    return load_rules.__wrapped__()


MESSAGE_101 = 'message = "`{callee}` reads the whole CSV file into the driver\'s memory"'
MESSAGE_234 = 'message = "`{callee}` copies pandas data into a NumPy array in the driver\'s memory"'
MESSAGE_606 = 'message = "`{test}` counts every row of `{receiver}` only to learn whether there is one"'


@pytest.mark.parametrize("file, line, typo, field", [
    ("pandas_io", MESSAGE_101, "{calee}", "calee"),  # a call row fills callee, receiver, args, 0, 1… and keywords
    ("pandas_io", MESSAGE_101, "{callee} with header={header}", "header"),  # no flagged example passes header=
    ("pandas_transforms", MESSAGE_234, "{callee} of {0}", "0"),  # an attribute row fills no call fields
    ("spark_driver_pull", MESSAGE_606, "{reciever}", "reciever"),  # a pattern row fills what its row declares
], ids=["call row", "keyword not passed", "attribute row", "pattern row"])
def test_a_template_field_no_report_fills_stops_the_catalog_naming_rule_and_field(
        tmp_path, monkeypatch, file, line, typo, field):
    code = {MESSAGE_101: "SPL101", MESSAGE_234: "SPL234", MESSAGE_606: "SPL606"}[line]
    misspelt = line.replace("{callee}" if "{callee}" in line else "{receiver}", typo)
    with pytest.raises(CatalogError, match=rf"{file}.toml: rule {code}: template fields that no report fills: "
                                           rf"{field} \(its reports fill "):
        catalog_with(tmp_path, monkeypatch, file, line, misspelt)


def test_a_keyword_field_is_one_a_flagged_example_passes(tmp_path, monkeypatch):
    rules = catalog_with(tmp_path, monkeypatch, "pandas_io", MESSAGE_101,
                         MESSAGE_101.replace("{callee}", "{callee} with sep={sep}, {0}, {args}"))
    assert "{sep}" in next(r for r in rules if r.code == "SPL101").message


def test_only_a_pattern_row_declares_what_it_fills(tmp_path, monkeypatch):
    with pytest.raises(CatalogError, match="SPL101: only a pattern row says what it fills"):
        catalog_with(tmp_path, monkeypatch, "pandas_io", MESSAGE_101, MESSAGE_101 + '\nfills = ["path"]')


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


def test_loading_the_catalog_checks_template_fields_without_importing_a_parser():
    """The check reads each row's `fills`, never a pattern class: the catalog stays light."""
    loaded = subprocess.run([sys.executable, "-c", "import sys; from sparklint.catalog import load_rules; "
                             "load_rules(); print(sorted(m for m in sys.modules if m.startswith('libcst')))"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout == "[]\n"
