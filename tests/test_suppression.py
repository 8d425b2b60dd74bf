"""`# noqa` comments, per line and per file, in scripts and notebook cells alike."""

from __future__ import annotations

import json

from sparklint.api import check_source
from sparklint.sources import Source, read_source

HEAD = "import pandas as pd\n"


def codes(code: str) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in check_source(Source("t.py", "python", HEAD + code)).findings]


def test_line_suppressions():
    assert codes("a = pd.read_csv('a')  # noqa\n") == []
    assert codes("a = pd.read_csv('a')  # noqa: SPL101\n") == []
    assert codes("a = pd.read_csv('a')  # noqa: SPL102, SPL101\n") == []
    assert codes("a = pd.read_csv('a')  # noqa:SPL1\n") == []
    assert codes("a = pd.read_csv('a')  # noqa: SPL102\n") == [(2, "SPL101")]
    assert codes("a = pd.read_csv('a  # noqa')\n") == [(2, "SPL101")]  # inside a string it is no comment


def test_words_after_the_codes_are_not_codes():
    """`SPL` alone would be the prefix of every rule: prose after the codes must not suppress more."""
    assert codes("a = pd.read_csv('a')  # noqa: SPL102 see SPL docs\n") == [(2, "SPL101")]
    assert codes("a = pd.read_csv('a')  # noqa: E501, long line\n") == [(2, "SPL101")]
    assert codes("a = pd.read_csv('a')  # noqa: spl101\n") == []


def test_only_the_lines_with_a_real_noqa_comment_are_suppressed():
    code = ("a = pd.read_csv('a')  # noqa\n"
            "b = pd.read_csv('# noqa')\n"
            "\n"
            "c = pd.read_csv('c')\n"
            "d = pd.read_csv('d')  # NOQA: SPL101\n"
            "e = pd.read_csv('e')\n")
    assert codes(code) == [(3, "SPL101"), (5, "SPL101"), (7, "SPL101")]


def test_a_multi_line_call_is_suppressed_on_its_last_line():
    assert codes("a = pd.read_csv(\n    'a',\n)  # noqa: SPL101\n") == []


def test_file_level_suppressions():
    assert codes("# sparklint: noqa\na = pd.read_csv('a')\n") == []
    assert codes("# sparklint: noqa: SPL102\na = pd.read_csv('a')\nb = pd.read_parquet('b')\n") == [(3, "SPL101")]


def test_suppression_in_a_notebook_cell(tmp_path):
    cells = [
        {"cell_type": "code", "metadata": {}, "source": ["import pandas as pd\n", "a = pd.read_csv('a')  # noqa\n"]},
        {"cell_type": "code", "metadata": {}, "source": ["b = pd.read_csv('b')\n"]},
    ]
    data = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}).encode()
    findings = check_source(read_source(tmp_path / "n.ipynb", data)).findings
    assert [(f.cell, f.cell_line, f.code) for f in findings] == [(1, 1, "SPL101")]
