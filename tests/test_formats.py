"""Every output format, produced by a real `sparklint check` process and read back with the
published schema (SARIF 2.1.0, the JSON report), our documented schema (GitLab), an XML parser
(JUnit), or a port of the CI service's own parser (GitHub and Azure logging commands)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import jsonschema
import yaml
import pytest
from rich.console import Console

from sparklint.config import OUTPUT_FORMATS
from sparklint.progress import check_with_progress
from sparklint.reporters import REPORTERS

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "schemas"
ODD_NAME = "odd, name: 100%.py"  # characters every logging-command syntax must escape

SCRIPT = """import pandas as pd
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
orders = pd.read_csv("data/orders.csv")
daily = spark.table("events")
local = daily.toPandas()
ranked = local.sort_values("n")
"""


def sparklint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sparklint", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("project")
    (tmp_path / "train.py").write_text(SCRIPT)
    (tmp_path / ODD_NAME).write_text('import pandas as pd\n\ndf = pd.read_csv("a;b].csv")\n')
    (tmp_path / "clean.py").write_text("print('nothing to see')\n")
    (tmp_path / "broken.py").write_text("import pandas as pd\ndef (:\n")
    shutil.copy(REPO / "fixtures" / "demand_forecast.ipynb", tmp_path / "forecast.ipynb")
    return tmp_path


@pytest.fixture(scope="module")
def expected(project: Path) -> list[dict]:
    """The findings, as the JSON report (the reference format) gives them."""
    done = sparklint("check", "--format", "json", cwd=project)
    return json.loads(done.stdout)["findings"]


def test_every_format_is_registered_and_accepted_in_config():
    assert tuple(REPORTERS) == OUTPUT_FORMATS
    assert {"sarif", "github", "azure", "gitlab", "junit", "json-lines", "concise"} <= set(OUTPUT_FORMATS)


def test_output_format_from_config_file(tmp_path: Path):
    (tmp_path / "train.py").write_text(SCRIPT)
    (tmp_path / "sparklint.toml").write_text('output-format = "concise"\n')
    done = sparklint("check", "train.py", cwd=tmp_path)
    assert done.returncode == 1
    assert re.search(r"^train\.py:5:10: SPL101 ", done.stdout, re.MULTILINE)


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_is_valid_sarif_2_1_0(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "sarif", cwd=project)
    assert done.returncode == 2  # broken.py could not be parsed; the report is still written
    log = json.loads(done.stdout)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(expected)
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    for result in results:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert "PySpark: " in rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {rule['id']}")
        assert "\nPySpark: " in result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:", "./"))
        assert location["region"]["startLine"] >= 1
    assert len({r["partialFingerprints"]["sparklint/v1"] for r in results}) == len(results)

    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert "odd%2C%20name%3A%20100%25.py" in by_uri  # a URI, percent-encoded
    notebook = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "forecast.ipynb"]
    assert notebook and all(r["locations"][0]["physicalLocation"]["region"] == {"startLine": 1} for r in notebook)
    assert all(re.search(r"\(cell \d+, line \d+\)", r["message"]["text"]) for r in notebook)
    train = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "train.py"]
    read_csv = next(r for r in train if r["ruleId"] == "SPL101")
    assert read_csv["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 10, "endLine": 5, "endColumn": 40}
    assert read_csv["level"] == "warning"
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert {r["level"] for r in train} == {levels[f["severity"]] for f in expected if f["path"] == "train.py"}

    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"].split(":")[0] for n in invocation["toolExecutionNotifications"]] == ["broken.py"]


# --- GitHub workflow commands ----------------------------------------------------------------


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A port of the GitHub Actions runner's `ActionCommand.TryParseV2` and its unescaping."""

    def unescape(value: str, escapes) -> str:
        for escaped, plain in escapes:
            value = value.replace(escaped, plain)
        return value

    data_escapes = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
    property_escapes = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
    assert line.startswith("::")
    end = line.index("::", 2)
    command_and_properties, data = line[2:end], line[end + 2:]
    command, _, properties = command_and_properties.partition(" ")
    parsed = {}
    for pair in filter(None, properties.split(",")):
        key, _, value = pair.partition("=")
        parsed[key] = unescape(value, property_escapes)
    return command, parsed, unescape(data, data_escapes)


def test_github_annotations_parse_like_the_runner(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "github", cwd=project)
    lines = done.stdout.splitlines()
    commands = [parse_workflow_command(line) for line in lines]
    findings = [c for c in commands if c[1].get("title", "").startswith("SPL")]
    assert len(findings) == len(expected)
    assert {c[0] for c in findings} == {"error", "warning", "notice"}
    files = {c[1]["file"] for c in findings}
    assert files == {"train.py", ODD_NAME, "forecast.ipynb"}
    for command, props, message in findings:
        assert "\nPySpark: " in message
        if props["file"] == "forecast.ipynb":
            assert "line" not in props and re.search(r"\(cell \d+, line \d+\)", message)
        else:
            assert int(props["line"]) >= 1 and int(props["col"]) >= 1 and int(props["endLine"]) >= int(props["line"])
    odd = next(c for c in findings if c[1]["file"] == ODD_NAME)
    assert odd[1]["line"] == "3" and odd[1]["title"] == "SPL101 pandas-read-csv"
    error = [c for c in commands if c[1]["file"] == "broken.py"]
    assert error and error[0][0] == "error"


# --- Azure DevOps logging commands -----------------------------------------------------------


def parse_vso(line: str) -> tuple[str, dict[str, str], str]:
    """A port of the Azure Pipelines agent's `Command.TryParse` and its unescaping."""
    escapes = (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%AZP25", "%"))

    def unescape(value: str) -> str:
        for escaped, plain in escapes:
            value = value.replace(escaped, plain)
        return value

    assert line.startswith("##vso[")
    end = line.index("]")
    command, _, properties = line[len("##vso["):end].partition(" ")
    parsed = {}
    for pair in filter(None, properties.split(";")):
        key, _, value = pair.partition("=")
        parsed[key] = unescape(value)
    return command, parsed, unescape(line[end + 1:])


def test_azure_logissue_commands_parse_like_the_agent(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "azure", cwd=project)
    commands = [parse_vso(line) for line in done.stdout.splitlines()]
    assert {c[0] for c in commands} == {"task.logissue"}
    findings = [c for c in commands if "code" in c[1]]
    assert len(findings) == len(expected)
    assert {c[1]["type"] for c in findings} == {"error", "warning"}  # info becomes a warning
    odd = next(c for c in findings if c[1]["sourcepath"] == ODD_NAME)
    assert odd[1]["linenumber"] == "3" and odd[1]["columnnumber"] == "6" and odd[1]["code"] == "SPL101"
    assert 'pd.read_csv("a;b].csv")' in odd[2] or "pd.read_csv" in odd[2]
    assert "\nPySpark: " in odd[2]
    notebook = [c for c in findings if c[1]["sourcepath"] == "forecast.ipynb"]
    assert notebook and all("linenumber" not in c[1] and "(cell " in c[2] for c in notebook)
    assert any(c[1] == {"type": "error", "sourcepath": "broken.py"} for c in commands)


# --- GitLab Code Quality ---------------------------------------------------------------------


def test_gitlab_code_quality_matches_the_documented_format(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "gitlab", cwd=project)
    issues = json.loads(done.stdout)
    schema = json.loads((SCHEMAS / "gitlab-code-quality.schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(issues)
    assert len(issues) == len(expected)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} == {"major", "minor", "info"}
    notebook = [i for i in issues if i["location"]["path"] == "forecast.ipynb"]
    assert notebook and all(i["location"]["lines"] == {"begin": 1} and "(cell " in i["description"] for i in notebook)
    read_csv = next(i for i in issues if i["location"]["path"] == "train.py" and i["check_name"] == "SPL101")
    assert read_csv["location"]["lines"] == {"begin": 5, "end": 5} and "PySpark: spark.read.csv" in read_csv["description"]


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "junit", cwd=project)
    root = ET.fromstring(done.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"train.py", ODD_NAME, "clean.py", "broken.py", "forecast.ipynb"}
    assert int(suite.get("tests")) == len(cases) == int(root.get("tests"))
    assert cases["clean.py"].find("failure") is None and cases["clean.py"].find("error") is None
    assert cases["broken.py"].find("error") is not None
    failing = [c for c in cases.values() if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failing) == 3 and int(suite.get("errors")) == 1
    train = cases["train.py"].find("failure")
    assert train.get("message") == f"{sum(1 for f in expected if f['path'] == 'train.py')} findings"
    assert "train.py:5:10: SPL101" in train.text and "PySpark: " in train.text


# --- JSON Lines and concise ------------------------------------------------------------------


def test_json_lines_are_findings_of_the_report_schema(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "json-lines", cwd=project)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    report_schema = json.loads((REPO / "src" / "sparklint" / "schemas" / "report.schema.json").read_text())
    finding_schema = {**report_schema, "$ref": "#/$defs/finding"}
    for key in ("required", "properties", "type", "title", "description"):
        finding_schema.pop(key, None)
    validator = jsonschema.Draft202012Validator(finding_schema)
    findings = [r for r in records if "code" in r]
    for record in findings:
        validator.validate(record)
    assert findings == expected
    assert [r for r in records if "error" in r and "code" not in r][0]["path"] == "broken.py"


def test_concise_is_one_line_per_finding(project: Path, expected: list[dict]):
    done = sparklint("check", "--format", "concise", "--quiet", cwd=project)
    lines = done.stdout.splitlines()
    findings = [line for line in lines if re.match(r"^.+:(cell \d+:)?\d+:\d+: SPL\d{3} ", line)]
    assert len(findings) == len(expected) and len(lines) == len(expected) + 1  # + broken.py's error
    assert "forecast.ipynb:cell " in done.stdout


# --- exit code, statistics, progress ---------------------------------------------------------


@pytest.mark.parametrize("fail_on", ["info", "warning", "error"])
def test_fail_on_sets_the_severity_threshold(project: Path, expected: list[dict], fail_on: str):
    done = sparklint("check", "train.py", "--fail-on", fail_on, "--format", "json", cwd=project)
    severities = [f["severity"] for f in json.loads(done.stdout)["findings"]]
    assert {"error", "warning", "info"} <= set(severities)  # train.py has one of each
    order = ("error", "warning", "info")
    failing = [s for s in severities if order.index(s) <= order.index(fail_on)]
    assert done.returncode == (1 if failing else 0)


def test_fail_on_ignores_findings_below_the_threshold(tmp_path: Path):
    (tmp_path / "info_only.py").write_text(
        'import pandas as pd\n\ndef order(df: pd.DataFrame) -> pd.DataFrame:\n    return df.sort_values("a")\n')
    done = sparklint("check", "--format", "json", "--fail-on", "warning", cwd=tmp_path)
    severities = {f["severity"] for f in json.loads(done.stdout)["findings"]}
    assert "info" in severities
    assert done.returncode == (1 if severities - {"info"} else 0)


def test_fail_on_warning_fails_on_a_warning(tmp_path: Path):
    (tmp_path / "warn.py").write_text('import pandas as pd\n\ndf = pd.read_csv("data.csv")\n')
    assert sparklint("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert sparklint("check", "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert sparklint("check", "--fail-on", "warning", "--exit-zero", cwd=tmp_path).returncode == 0


def test_statistics_counts_findings_per_rule(project: Path, expected: list[dict]):
    done = sparklint("check", "--statistics", "--format", "json", cwd=project)
    table = json.loads(done.stdout)
    assert sum(row["count"] for row in table) == len(expected)
    # a rule's findings of one severity make one row: an info that states a bound is a row of its own
    assert {(row["code"], row["severity"]): row["count"] for row in table} == Counter(
        (f["code"], f["severity"]) for f in expected)
    text = sparklint("check", "--statistics", cwd=project).stdout.splitlines()
    assert len(text) == len(table) and re.match(r"^\s*\d+  SPL\d{3}  \S+\s+\[(error|warning|info)\]$", text[0])


def test_progress_bar_only_on_a_terminal(tmp_path: Path):
    for i in range(12):
        (tmp_path / f"job_{i}.py").write_text('import pandas as pd\n\ndf = pd.read_csv("x.csv")\n')
    shown = io.StringIO()
    terminal = Console(file=shown, force_terminal=True, width=80)
    run = check_with_progress([str(tmp_path)], console=terminal)
    assert len(run.files) == 12 and len(run.findings) == 12
    assert "Checking" in shown.getvalue()
    piped = io.StringIO()
    assert len(check_with_progress([str(tmp_path)], console=Console(file=piped)).findings) == 12
    assert piped.getvalue() == ""
    done = sparklint("check", "--format", "concise", ".", cwd=tmp_path)  # stderr is a pipe here
    assert done.stderr == "" and done.stdout.count("SPL101") == 12


# --- ready-made CI integrations, executed ----------------------------------------------------


def _expand(text: str, values: dict[str, str]) -> str:
    """Fill `${{ inputs.x }}`, `${{ steps.s.outputs.x }}`, `${{ parameters.x }}` the way the CI would."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: values[m.group(1)], text)


def _ci_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_github_action_is_valid_and_its_steps_run(tmp_path: Path):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    schema = json.loads((SCHEMAS / "github-action.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(action)
    assert action["runs"]["using"] == "composite"
    steps = {step["id"]: step for step in action["runs"]["steps"]}
    assert steps["upload"]["uses"].startswith("github/codeql-action/upload-sarif@")

    (tmp_path / "train.py").write_text(SCRIPT)
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    output = tmp_path / "github_output"
    for step_id in ("check", "verdict"):  # `install` needs the network; `upload` is GitHub's own action
        step = steps[step_id]
        env = {**_ci_env(tmp_path), "GITHUB_OUTPUT": str(output),
               **{k: _expand(str(v), values) for k, v in step.get("env", {}).items()}}
        output.write_text("")
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120)
        values.update({f"steps.{step_id}.outputs.{k}": v for k, _, v in
                       (line.partition("=") for line in output.read_text().splitlines())})
        if step_id == "check":
            assert done.returncode == 0, done.stderr
    assert values["steps.check.outputs.exit-code"] == "1"
    assert done.returncode == 1  # the verdict step fails the job on findings
    log = json.loads((tmp_path / values["steps.check.outputs.sarif-file"]).read_text())
    assert log["runs"][0]["results"]


def test_azure_pipelines_template_runs(tmp_path: Path):
    template = yaml.safe_load((REPO / "integrations" / "azure-pipelines.yml").read_text())
    values = {f"parameters.{p['name']}": p["default"] for p in template["parameters"]}
    scripts = [step for step in template["steps"] if "script" in step]
    publish = next(step for step in template["steps"] if step.get("task", "").startswith("PublishTestResults@"))
    assert publish["inputs"]["testResultsFormat"] == "JUnit"

    (tmp_path / "train.py").write_text(SCRIPT)
    check = next(step for step in scripts if step["name"] == "sparklint_check")  # install needs the network
    done = subprocess.run(["bash", "-c", _expand(check["script"], values)], cwd=tmp_path, env=_ci_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    issues = [parse_vso(line) for line in done.stdout.splitlines() if line.startswith("##vso[")]
    assert issues and all(command == "task.logissue" for command, _, _ in issues)
    junit = ET.parse(tmp_path / _expand(publish["inputs"]["testResultsFiles"], values)).getroot()
    assert junit.find("testsuite/testcase/failure") is not None
