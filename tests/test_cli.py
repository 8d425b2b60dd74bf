"""The command line as users and CI see it: exit codes, output, stdin, files that cannot be checked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from support import REPO

BAD = "import pandas as pd\ndf = pd.read_csv('train.csv')\n"
CLEAN = "import pandas as pd\nprint(pd.__version__)\n"
SCHEMA = json.loads((REPO / "src" / "sparklint" / "schemas" / "report.schema.json").read_text())


def test_exit_codes(tmp_path, cli):
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "clean.py").write_text(CLEAN)
    assert cli("check", "clean.py", cwd=tmp_path).returncode == 0
    assert cli("check", "bad.py", cwd=tmp_path).returncode == 1
    assert cli("check", "bad.py", "--exit-zero", cwd=tmp_path).returncode == 0
    (tmp_path / "broken.py").write_text("import pandas as pd\ndef f(:\n")
    assert cli("check", "broken.py", "bad.py", cwd=tmp_path).returncode == 2
    for output in ("text", "json", "sarif", "github", "junit"):
        done = cli("check", "broken.py", "bad.py", "--exit-zero", "--format", output, cwd=tmp_path)
        assert done.returncode == 0 and "broken.py" in done.stdout, (output, done.stdout[-500:])
    assert cli("check", "--select", "NOPE1", "bad.py", "--exit-zero", cwd=tmp_path).returncode == 2
    assert cli("check", "--select", "NOPE1", "bad.py", cwd=tmp_path).returncode == 2
    assert cli("check", "--format", "xml", "bad.py", cwd=tmp_path).returncode == 2


def test_text_output_has_location_frame_and_suggestion(tmp_path, cli):
    (tmp_path / "bad.py").write_text(BAD)
    out = cli("check", "bad.py", cwd=tmp_path).stdout
    assert out.splitlines()[0] == "bad.py:2:6: SPL101 `pd.read_csv` reads the whole CSV file into the driver's memory"
    assert "2 | df = pd.read_csv('train.csv')" in out
    assert "  |      ^^^^^^^^^^^^^^^^^^^^^^^" in out
    assert '= PySpark: spark.read.csv("<train.csv copied to storage the cluster reads, such as ' in out  # a relative path
    assert "Found 1 finding (1 warning) in 1 of 1 file." in out
    assert "\x1b[" not in out  # piped output is plain
    quiet = cli("check", "-q", "bad.py", cwd=tmp_path).stdout
    assert "Found" not in quiet and "SPL101" in quiet


def test_a_file_that_cannot_be_checked_does_not_stop_the_others(tmp_path, cli):
    (tmp_path / "a_broken.py").write_text("import pandas as pd\ndef f(:\n")
    (tmp_path / "b_binary.py").write_bytes(b"\x00\x01\x02import pandas")
    (tmp_path / "c_bad.py").write_text(BAD)
    result = cli("check", ".", "missing.py", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert "a_broken.py: error: syntax error at line 2, column 7" in lines[0]
    assert lines[1] == "b_binary.py: error: contains null bytes (a binary file?)"
    assert any(line.startswith("c_bad.py:2:6: SPL101") for line in lines)
    assert "missing.py: error: no such file or directory" in result.stdout
    assert "3 files could not be checked." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_syntax_errors_in_notebooks_name_the_cell(tmp_path, cli):
    cells = [{"cell_type": "markdown", "source": "# t", "metadata": {}},
             {"cell_type": "code", "source": "import pandas as pd\nx = (", "metadata": {}}]
    (tmp_path / "n.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    result = cli("check", "n.ipynb", cwd=tmp_path)
    assert result.returncode == 2 and "n.ipynb: error: syntax error at cell 2, line 2" in result.stdout


def test_json_output_matches_the_published_schema(tmp_path, cli):
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "broken.py").write_text("import pandas\nx = (\n")
    result = cli("check", str(REPO / "fixtures"), "bad.py", "broken.py", "--format", "json", cwd=tmp_path)
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["summary"]["files_not_checked"] == 1
    assert {f["kind"] for f in document["files"]} == {"python", "jupyter", "databricks", "fabric"}
    notebook = [f for f in document["findings"] if f["path"].endswith(".ipynb")]
    assert notebook and all("cell" in f and "cell_line" in f for f in notebook)


def test_stdin_and_output_file(tmp_path, cli):
    result = cli("check", "-", "--stdin-filename", "job.py", stdin=BAD, cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("job.py:2:6: SPL101")
    result = cli("check", "-", "--format", "json", "-o", "report.json", stdin=BAD, cwd=tmp_path)
    assert result.stdout == "" and json.loads((tmp_path / "report.json").read_text())["summary"]["findings"] == 1


def test_color_only_on_request_of_a_terminal(tmp_path, cli):
    (tmp_path / "bad.py").write_text(BAD)
    assert "\x1b[" not in cli("check", "bad.py", "--no-color", cwd=tmp_path).stdout


def test_rule_docs_are_rendered_from_the_rule(cli):
    out = cli("rule", "SPL101").stdout
    for heading in ("# SPL101 pandas-read-csv", "## What it does", "## Why is this bad?", "## Example",
                    "## Use instead", "## pandas API on Spark", "## Limits", "## References"):
        assert heading in out
    assert "spark.read.csv" in out
    assert cli("rule", "pandas-read-csv").stdout == out
    missing = cli("rule", "SPL999")
    assert missing.returncode == 2 and "no rule 'SPL999'" in missing.stderr


def test_rules_listing(cli):
    listing = json.loads(cli("rules", "--format", "json").stdout)
    assert {"SPL101", "SPL601"} <= {r["code"] for r in listing}
    assert all(r["suggestion"] for r in listing)
    assert "SPL101" in cli("rules").stdout


def test_rules_table_fits_an_ordinary_terminal(cli):
    """At 80 columns: code, name, family and severity, no cell wrapped over more than two lines."""
    from sparklint.catalog import load_rules

    narrow = cli("rules", env={"COLUMNS": "80"}).stdout
    lines = narrow.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) <= 2 * len(load_rules()) + 2, "a cell wrapped over more than two lines"
    assert "┃ PySpark equivalent" not in narrow and "sparklint rule CODE" in narrow
    wide = cli("rules", env={"COLUMNS": "200"}).stdout
    assert "┃ PySpark equivalent" in wide and "spark.read.csv" in wide


def test_directories_skip_default_excludes_and_gitignored_files(tmp_path, cli):
    for folder in (".venv/lib", "build", "src", "data/raw"):
        (tmp_path / folder).mkdir(parents=True)
    for path in (".venv/lib/x.py", "build/x.py", "src/job.py", "data/raw/gen.py", "src/scratch_tmp.py"):
        (tmp_path / path).write_text(BAD)
    (tmp_path / ".gitignore").write_text("data/\n*_tmp.py\n")
    (tmp_path / "sparklint.toml").write_text('extend-exclude = ["src/skip_*.py"]\n')
    (tmp_path / "src" / "skip_me.py").write_text(BAD)
    document = json.loads(cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    assert [Path(f["path"]).as_posix() for f in document["files"]] == ["src/job.py"]
    named = json.loads(cli("check", "build/x.py", "--format", "json", cwd=tmp_path).stdout)
    assert len(named["files"]) == 1  # a file named on the command line is checked ...
    forced = json.loads(cli("check", "build/x.py", "--force-exclude", "--format", "json", cwd=tmp_path).stdout)
    assert forced["files"] == []  # ... unless --force-exclude, as the pre-commit hook passes


def test_target_words_storage_suggestions_for_the_platform(tmp_path, cli):
    (tmp_path / "job.py").write_text(
        "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
        "df = spark.read.parquet('data/events')\n")
    suggestions = {
        target: json.loads(cli("check", "job.py", "--target", target, "--format", "json", cwd=tmp_path).stdout)[
            "findings"][0]["suggestion"]
        for target in ("spark", "databricks", "fabric")
    }
    assert "abfss://" in suggestions["spark"]
    assert "/Volumes/<catalog>/<schema>/<volume>/data/events" in suggestions["databricks"]
    assert "Files/data/events" in suggestions["fabric"]
    (tmp_path / "sparklint.toml").write_text('target = "fabric"\n')
    from_config = json.loads(cli("check", "job.py", "--format", "json", cwd=tmp_path).stdout)["findings"][0]
    assert "Files/data/events" in from_config["suggestion"]


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text().splitlines()
    marker = readme.index("<!-- quick-start:test -->")
    command = readme[marker + 2]  # the line after the opening ```bash
    assert command.startswith("python -m pip install") and "pytest" in command
    ci = (REPO / ".ci" / "run").read_text().splitlines()
    assert ci[-1] == command


def test_the_estimate_is_one_line_per_file_with_findings_and_the_total(cli):
    """The text report's estimate: a line per file with findings, naming the reason that decided
    it, then the run total; `--estimate full` gives each file's reasons, `none` only the summary line."""
    out = cli("check", "fixtures/", "--no-cache", cwd=REPO).stdout.splitlines()
    section = out[out.index(next(line for line in out if line.startswith("Compute estimate"))) + 1:]
    listed, total = section[:-1], section[-1]
    data = json.loads(cli("check", "fixtures/", "--no-cache", "--format", "json", cwd=REPO).stdout)
    with_findings = {f["path"] for f in data["findings"]} & {f["path"] for f in data["files"] if f.get("compute")}
    assert [line.split(": ", 1)[0] for line in listed] == [p for p in (f["path"] for f in data["files"])
                                                           if p in with_findings]
    assert all(" — " in line and " confidence)" in line for line in listed)
    assert total.startswith("Compute total: ") and total.endswith(".")
    assert "fixtures/train_churn_pandas.py: cpu, single-node, general memory (medium confidence) — line 35: fits a " \
           "classical model (sklearn)" in "\n".join(listed)
    full = cli("check", "fixtures/train_churn_pandas.py", "--no-cache", "--estimate", "full", cwd=REPO).stdout
    assert "  processor cpu" in full and "  platform  " in full
    hook = cli("check", "fixtures/train_churn_pandas.py", "--no-cache", "--estimate", "none", cwd=REPO).stdout
    found = len(json.loads(cli("check", "fixtures/train_churn_pandas.py", "--no-cache", "--format", "json",
                               cwd=REPO).stdout)["findings"])
    assert hook.splitlines()[-1].startswith(f"Found {found} findings") and "Compute" not in hook


def test_a_finding_on_several_lines_shows_and_underlines_its_whole_span(tmp_path, cli):
    (tmp_path / "chain.py").write_text(
        'import pandas as pd\ndf = pd.read_csv("a.csv")\nout = (df.groupby("k")\n'
        '         .agg(total=("x", "sum"),\n              n=("x", "count"))\n         .reset_index())\n')
    out = cli("check", "chain.py", "--no-cache", "--select", "SPL243", cwd=tmp_path).stdout.splitlines()
    header = out[0]
    assert header.startswith("chain.py:3:8: SPL243 `df.groupby(\"k\") .agg(") and "…" in header
    assert out[1:9] == [
        "  |",
        '3 | out = (df.groupby("k")',
        "  |        ^^^^^^^^^^^^^^^",
        '4 |          .agg(total=("x", "sum"),',
        "  |          ^^^^^^^^^^^^^^^^^^^^^^^^",
        '5 |               n=("x", "count"))',
        "  |               ^^^^^^^^^^^^^^^^^",
        "6 |          .reset_index())",
    ]
    assert out[9] == "  |          ^^^^^^^^^^^^^^"


def test_a_span_longer_than_the_excerpt_shows_its_ends_around_an_ellipsis(tmp_path, cli):
    arguments = "".join(f"    c{n}=('x', 'sum'),\n" for n in range(8))
    (tmp_path / "long.py").write_text(
        f"import pandas as pd\ndf = pd.read_csv('a.csv')\nout = df.groupby('k').agg(\n{arguments}).reset_index()\n")
    out = cli("check", "long.py", "--no-cache", "--select", "SPL243", cwd=tmp_path).stdout.splitlines()
    gutters = [line.split("|")[0].strip() for line in out[1:] if "|" in line and line.split("|")[0].strip()]
    assert gutters == ["3", "4", "5", "6", "12"], out  # lines 3-12 flagged: the first four, "...", the last
    assert "   | ..." in out  # the gutter is as wide as the widest line number


def test_the_prose_between_two_quoted_names_is_never_cut_as_code(tmp_path, cli):
    (tmp_path / "pipe.py").write_text("from sklearn.pipeline import make_pipeline\n"
                                      "from sklearn.preprocessing import StandardScaler\n"
                                      "pipe = make_pipeline(StandardScaler())\n")
    out = cli("check", "pipe.py", "--no-cache", "--select", "SPL442", cwd=tmp_path).stdout.splitlines()
    assert out[0].endswith(": SPL442 `make_pipeline` builds a scikit-learn pipeline: building it touches no data, "
                           "and its `fit` runs every step on the driver alone"), out[0]
