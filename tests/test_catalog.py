"""The contract of a catalog row and of a pattern class, each part of it stated as a test."""

from __future__ import annotations

import ast
import dataclasses
import re
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
           file: str = "spark_driver_pull", spark: str = "") -> catalog.Rule:
    """Load a one-row family file `rules/<file>.toml` with these examples (and these `spark` tables)."""
    (tmp_path / f"{file}.toml").write_text(
        '[family]\nname = "spark-driver-pull"\nrequires = ["pyspark"]\n\n[[rule]]\ncode = "SPL999"\n'
        'name = "test-rule"\nmethod = ["collect"]\non = ["spark"]\nmessage = "m"\nwhy = "w"\nsuggestion = "s"\n'
        'severity = "warning"\ntarget = "executors"\nlimits = "l"\n'
        f"flagged = [\n{flagged},\n]\nsilent = [\n{silent},\n]\n{spark}")
    monkeypatch.setattr(catalog, "catalog_dir", lambda: str(tmp_path))
    return catalog.load_catalog.__wrapped__()[0][0]


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
    return catalog.load_catalog.__wrapped__()[0]


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
        catalog_with(tmp_path, monkeypatch, "pandas_io", 'fills = ["csv_options"]', 'fills = ["csv_options", "path"]')


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


def test_a_pattern_is_left_out_of_a_file_whose_text_rules_it_out(monkeypatch):
    """SPL609 needs `createDataFrame` in the file (`needs`): elsewhere it is never made, and its visits never run."""
    from sparklint.patterns.spark_driver_pull import CreateDataFrameFromLocalData
    made, original = [], CreateDataFrameFromLocalData.__init__

    def counting(self, rule):
        made.append(rule)
        original(self, rule)

    monkeypatch.setattr(CreateDataFrameFromLocalData, "__init__", counting)
    engine = Engine([RULES["SPL609"]])
    code = "import pyspark\nrows = [r for r in rows_of(x)]\n"
    assert engine.check(Source("a.py", "python", code)).findings == [] and made == []
    code += "df = spark.createDataFrame(rows)\n"
    assert [f.line for f in engine.check(Source("b.py", "python", code)).findings] == [3] and len(made) == 1


@pytest.mark.parametrize("entry, lines", [
    ("def init():\n    pass\ndef run(mini_batch):\n    return load(mini_batch)\n", [2]),
    ("def run(mini_batch):\n    return load(mini_batch)\n", [2, 4]),  # no init(): not an entry script
    ("def init(path):\n    pass\ndef run(mini_batch):\n    return load(mini_batch)\n", [2, 4]),
])
def test_an_azure_ml_entry_scripts_init_and_run_are_not_the_drivers_work(entry, lines):
    """Azure ML calls `init()` and `run(batch)` on its own nodes; what they call locally is theirs too."""
    code = f"import pandas as pd\nframe = pd.read_csv('all.csv')\ndef load(path):\n    return pd.read_csv(path)\n{entry}"
    assert [f.line for f in Engine([RULES["SPL101"]]).check(Source("a.py", "python", code)).findings] == lines


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


# The Spark mappings: a row's `spark` tables, the one source `migrate` translates from.

FLAGGED_999 = "'''\nrows = df.collect()  # expect: SPL999\n'''"


@pytest.mark.parametrize("spark, says", [
    ('[rule.spark.collect]\nestimator = "pyspark.ml.feature.Imputer"\n',
     r"an entry of kind `estimator` needs \['task'\].* \(missing \['task'\]\)"),
    ('[rule.spark.collect]\nwriter = "csv"\nmode = "overwrite"\n', r"kind `writer` .* \(unknown \['mode'\]\)"),
    ('[rule.spark.collect]\nkeywords = ["n"]\n', "needs exactly one of estimator, evaluator, reader"),
    ('[rule.spark.collect]\nreader = "csv"\nwriter = "csv"\n', "needs exactly one of estimator, evaluator, reader"),
    ('[rule.spark.take]\nmethod = "same"\n', r"`spark` names \['take'\], which the row does not match"),
    ('[rule.spark.collect]\nmethod = "idenity"\n', "`method` is one of same, identity, not 'idenity'"),
], ids=["missing field", "unknown field", "no kind", "two kinds", "a name the row does not match", "unknown value"])
def test_a_spark_table_that_says_the_wrong_thing_stops_the_catalog_in_one_line(tmp_path, monkeypatch, spark, says):
    with pytest.raises(CatalogError, match=r"^spark_driver_pull.toml: rule SPL999: .*" + says) as stopped:
        family(tmp_path, monkeypatch, FLAGGED_999, spark=spark)
    assert "\n" not in str(stopped.value)


def test_a_names_spark_side_is_written_once(tmp_path, monkeypatch):
    """Two rows mapping one name, or the mappings file repeating a row's name, stop the catalog."""
    second = ('[[rule]]\ncode = "SPL998"\nname = "test-rule-2"\nmethod = ["collect"]\non = ["spark"]\nmessage = "m"\n'
              'why = "w"\nsuggestion = "s"\nseverity = "warning"\ntarget = "executors"\nlimits = "l"\n'
              f'flagged = [{FLAGGED_999.replace("999", "998")}]\nsilent = ["x = 1"]\n')
    identity = '[rule.spark.collect]\nmethod = "identity"\n'
    with pytest.raises(CatalogError, match=r"spark_driver_pull.toml: rule SPL998: `spark.collect` is already"):
        family(tmp_path, monkeypatch, FLAGGED_999, spark=f"{identity}\n{second}{identity}")
    rows = {"sklearn.metrics.r2_score": {"evaluator": "RegressionEvaluator", "metric": "r2", "column": "prediction"}}
    mappings = tmp_path / "spark.toml"
    mappings.write_text('[spark."sklearn.metrics.r2_score"]\nevaluator = "RegressionEvaluator"\nmetric = "r2"\n'
                        'column = "prediction"\n')
    with pytest.raises(CatalogError, match=r"`spark.sklearn.metrics.r2_score` is already a rule's"):
        catalog.read_mappings(mappings, rows)


@pytest.mark.parametrize("text, says", [
    ('[estimators]\nx = 1\n', r"unknown tables \['estimators'\]"),
    ('[spark.x]\nestimator = "pyspark.ml.clustering.KMeans"\ntask = "clustering"\nkeyword_groups = ["tree"]\n',
     r"`spark.x`: no keyword_groups \['tree'\]"),
    ('[score]\nregression = "sklearn.metrics.r3_score"\n', "`score` names metric functions that have"),
    ('[spark.numpy]\nfunction = "F.log"\n', "`spark.numpy`: needs exactly one of"),
], ids=["unknown table", "unknown keyword group", "score without an evaluator", "entry of no kind"])
def test_the_mappings_file_is_checked_like_a_row(tmp_path, text, says):
    path = tmp_path / "spark.toml"
    path.write_text(text)
    with pytest.raises(CatalogError, match=says) as stopped:
        catalog.read_mappings(path, {})
    assert "\n" not in str(stopped.value)


def test_migrate_translates_only_with_what_catalog_rows_map():
    """Every name `migrate` translates is a row's: it matches the name and its `spark` table maps it
    (only the mappings file's few names are no rule's)."""
    from sparklint.migrate import columns, frames, learn

    mapped = catalog.load_catalog()[1]
    matched = {name for rule in RULES.values()
               for name in (*rule.match.call, *rule.match.method, *rule.match.attribute)}
    translated = {*learn.ESTIMATORS, *learn.METRICS, *frames.READERS, *frames.WRITERS, *frames.SAME_METHODS,
                  *frames.IDENTITY_METHODS}
    no_rules = set(catalog.load_mappings().spark) - set(mapped)
    assert translated - no_rules <= set(mapped) & matched, sorted(translated - no_rules - set(mapped) - matched)
    assert no_rules == {"infer_objects", "numpy"}  # adding one here needs a reason: no rule is about it
    assert columns.STR_METHODS == mapped["str"]["functions"] and columns.CASTS == mapped["astype"]["types"]


SPARK_KEYWORD = re.compile(r"\b(\w+)=\{(\w+)(?:\|\d+)?(?::[\w.=]+)?\}")  # numTrees={n_estimators:int}, k={n_clusters|0:int=8}


def test_a_suggestion_translates_keywords_as_its_rows_mapping_does():
    """A suggestion spelling `numTrees={n_estimators:int}` and the row's `spark` table must agree on
    the class and on every keyword both know, so the two cannot drift apart (a `{twin}` suggestion is that
    table's rendering)."""
    from sparklint.migrate.mappings import estimators

    checked = 0
    for rule in RULES.values():
        for name in set(rule.match.call) & set(estimators()) if not rule.suggestion.startswith("{twin}") else ():
            spec = estimators()[name]
            assert rule.suggestion.startswith(spec.spark.rsplit(".", 1)[1] + "("), (rule.code, spec.spark)
            for spark_keyword, keyword in SPARK_KEYWORD.findall(rule.suggestion):
                if keyword in spec.params:
                    assert spec.params[keyword] == spark_keyword, (rule.code, keyword)
                    checked += 1
                else:  # a keyword of another class of the row (MultinomialNB's alpha), never a mapped one's
                    assert spark_keyword not in spec.params.values(), (rule.code, keyword)
    assert checked >= 4  # the keywords of the rows whose suggestion is not their `{twin}` (KMeans: k, seed)


def test_a_suggestion_names_the_evaluator_reader_or_writer_its_row_maps_to():
    from sparklint.migrate.mappings import metrics, readers, same_methods, writers

    suggestions = {name: rule.suggestion for rule in RULES.values()
                   for name in (*rule.match.call, *rule.match.method, *rule.match.attribute)}
    engine = Engine(list(RULES.values()))
    for name, (evaluator, metric, extra, _) in metrics().items():
        module, function = name.rsplit(".", 1)  # as the engine renders a plain call of it, its fields filled
        [finding] = engine.check(Source("m.py", "python", f"from {module} import {function}\n{function}(truth, guess)\n")).findings
        assert finding.suggestion.startswith(f"{evaluator}(") and f'metricName="{metric}"{extra}' in finding.suggestion
    for name, (spark_format, _) in readers().items():
        assert suggestions[name].startswith(f"spark.read.{spark_format}("), name
    for name, spark_format in writers().items():
        assert f".{spark_format}(" in suggestions[name].split("  #")[0], name
    for name, keywords in same_methods().items():
        code = suggestions[name].split("  #")[0]
        assert code.startswith(f"{{receiver}}.{name}(") and set(re.findall(r"(\w+)=", code)) <= keywords, name
