"""Configuration: found by walking up, every key checked, command-line flags win."""

from __future__ import annotations

import json

import pytest

from sparklint.config import ConfigError, Settings, load_file, parse_size

SCRIPT = "import pandas as pd\ndf = pd.read_csv('a.csv')\nj = pd.read_json('b.json')\n"


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_pyproject_table_applies_to_files_below_it(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[tool.sparklint]\nignore = ["SPL103"]\n')
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "train.py").write_text(SCRIPT)
    result = cli("check", "jobs", "--format", "json", cwd=tmp_path)
    assert codes(result) == ["SPL101"]


def test_sparklint_toml_wins_over_pyproject_in_the_same_folder(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[tool.sparklint]\nignore = ["SPL103"]\n')
    (tmp_path / "sparklint.toml").write_text('select = ["SPL103"]\n')
    (tmp_path / "train.py").write_text(SCRIPT)
    assert codes(cli("check", "train.py", "--format", "json", cwd=tmp_path)) == ["SPL103"]


def test_pyproject_without_our_table_is_passed_over(tmp_path, cli):
    (tmp_path / "sparklint.toml").write_text('ignore = ["SPL101"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')
    (tmp_path / "sub" / "train.py").write_text(SCRIPT)
    assert codes(cli("check", "sub/train.py", "--format", "json", cwd=tmp_path)) == ["SPL103"]


def test_command_line_overrides_the_file(tmp_path, cli):
    (tmp_path / "sparklint.toml").write_text('ignore = ["SPL1"]\n')
    (tmp_path / "train.py").write_text(SCRIPT)
    assert codes(cli("check", "train.py", "--ignore", "SPL103", "--format", "json", cwd=tmp_path)) == ["SPL101"]


def test_per_file_ignores_and_output_format(tmp_path, cli):
    (tmp_path / "sparklint.toml").write_text(
        'output-format = "json"\n[per-file-ignores]\n"notebooks/*.py" = ["SPL101"]\n')
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "explore.py").write_text(SCRIPT)
    assert codes(cli("check", "notebooks", cwd=tmp_path)) == ["SPL103"]


@pytest.mark.parametrize("content, message", [
    ("select = [\n", "invalid TOML"),
    ('selec = ["SPL1"]\n', "unknown key 'selec'"),
    ('select = "SPL1"\n', "select: expected a list of rule codes"),
    ('select = ["spl 1"]\n', "select: not a rule code or prefix: spl 1"),
    ('output-format = "xml"\n', "output-format: expected one of"),
    ('data-size = "lots"\n', "data-size: expected a size such as '50GB'"),
    ('per-file-ignores = ["a"]\n', "per-file-ignores: expected a table"),
])
def test_bad_configuration_is_one_clear_error_with_exit_2(tmp_path, cli, content, message):
    (tmp_path / "sparklint.toml").write_text(content)
    (tmp_path / "train.py").write_text(SCRIPT)
    result = cli("check", "train.py", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sparklint: error: ") and str(tmp_path / "sparklint.toml") in lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_pyproject_key_errors_name_the_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.sparklint]\nexlude = ["x"]\n')
    with pytest.raises(ConfigError, match="unknown key 'tool.sparklint.exlude'"):
        load_file(tmp_path / "pyproject.toml")


def test_select_and_ignore_precedence_follows_specificity():
    settings = Settings(select=("SPL1", "SPL601"), ignore=("SPL10", "SPL6"))
    assert not settings.enabled("SPL101")  # SPL10 is more specific than SPL1
    assert settings.enabled("SPL150")
    assert settings.enabled("SPL601")  # SPL601 is more specific than SPL6
    assert not settings.enabled("SPL602")
    assert not Settings(select=("SPL1",), ignore=("SPL1",)).enabled("SPL101")  # a tie: ignore wins


def test_sizes():
    assert parse_size("50GB", "x") == 50 * 1000**3
    assert parse_size("1.5 GiB", "x") == int(1.5 * 1024**3)
    assert parse_size(2048, "x") == 2048
