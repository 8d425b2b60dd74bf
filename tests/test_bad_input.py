"""What `sparklint check` does with input that is not a tidy Python file: one exact message, one exit code.

Every case sits beside a good file that has a finding, and the good file must still be reported:
one bad file never stops the others, and the summary counts the files that could not be checked.
Exit codes: 0 nothing found, 1 findings, 2 an error (here: a file that could not be checked).
The command runs in this process (click's runner) for speed; the cases that could hang or crash
a process (a FIFO, brackets nested past LibCST's native stack) run in a subprocess or a thread.
"""

from __future__ import annotations

import base64
import ctypes
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparklint.cli import main

PANDAS = b"import pandas as pd\n"
GOOD = PANDAS + b"df = pd.read_csv('train.csv')\n"
GOOD_LINE = "good.py:2:6: SPL101 `pd.read_csv` reads the whole CSV file into the driver's memory"
NOT_CHECKED = "1 file could not be checked."
# 10 MB of generated code, dense like the output of a code generator
GENERATED = b"".join(b"w%d = [%d, -%d, %d.5]\n" % (i, i, i, i) for i in range(280_000))


def check(folder: Path, *args: str):
    """`sparklint check ARGS` run in `folder`, in this process; the result has exit_code/stdout/stderr."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", *args])
    finally:
        os.chdir(cwd)


def notebook(*sources, nbformat: int = 4, **extra) -> bytes:
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for s in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": nbformat, "nbformat_minor": 5, **extra}).encode()


# name, bytes, the exact error the text report prints for it
UNCHECKABLE = [
    ("python2.py", PANDAS + b'print "hello"\n',
     "syntax error at line 2, column 1: Missing parentheses in call to 'print'. Did you mean print(...)?"),
    ("unfinished.py", PANDAS + b"df = pd.read_csv(\n", "syntax error at line 2, column 17: '(' was never closed"),
    ("half_def.py", PANDAS + b"def f(:\n", "syntax error at line 2, column 7: invalid syntax"),
    ("tabs.py", PANDAS + b"if True:\n\tx = 1\n        y = 2\n",
     "syntax error at line 4, column 1: inconsistent use of tabs and spaces in indentation"),
    ("binary.py", b"\x7fELF\x02\x01\x01\x00\x00\x00import pandas", "contains null bytes (a binary file?)"),
    ("latin1.py", PANDAS + "name = 'café'\n".encode("latin-1"),
     "is not valid utf-8 (byte 0xe9 at offset 31); declare its encoding with a '# -*- coding: ... -*-' line"),
    ("says_utf8.py", b"# -*- coding: utf-8 -*-\n" + PANDAS + "name = 'café'\n".encode("latin-1"),
     "is not valid utf-8 (byte 0xe9 at offset 55)"),
    ("klingon.py", b"# -*- coding: klingon -*-\n" + PANDAS, "bad encoding declaration: unknown encoding: klingon"),
    ("hex_codec.py", b"# -*- coding: hex -*-\n" + PANDAS, "declares 'hex', which is not a text encoding"),
    ("escaped_null.py", b"# coding: unicode_escape\n" + PANDAS + b"x = 1  # \\x00\n",
     "decodes (unicode_escape) to a character Python cannot parse (U+0000 at character 54)"),
    ("nested.py", PANDAS + b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n",
     "too deeply nested to parse (brackets nested more than 200 deep, Python's own limit, at line 2)"),
    ("generated.py", PANDAS + GENERATED,
     f"too large to parse ({len(PANDAS + GENERATED):,} characters of code; the limit is 1,000,000)"),
    ("invalid.ipynb", b'{"cells": [', "notebook is not valid JSON (line 1, column 12: Expecting value)"),
    ("no_cells.ipynb", b'{"metadata": {}, "nbformat": 4}', "notebook has no 'cells' list"),
    ("list.ipynb", b"[]", "notebook is not a JSON object"),
    ("number_source.ipynb", b'{"cells": [{"cell_type": "code", "source": 7}]}',
     "cell 1 has a source that is neither a string nor a list of strings"),
    ("deep.ipynb", b"[" * 100_000 + b"]" * 100_000, "notebook is JSON nested too deeply to read"),
    ("null_cell.ipynb", notebook("import pandas\u0000"), "cell 1 holds a character Python cannot parse (U+0000)"),
    ("utf16.ipynb", notebook("import pandas").decode().encode("utf-16"), "notebook is not valid UTF-8 (offset 0)"),
]


@pytest.mark.parametrize("name, data, message", UNCHECKABLE, ids=[c[0] for c in UNCHECKABLE])
def test_a_file_that_cannot_be_checked_is_one_error_line_and_exit_2(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".")
    lines = result.stdout.splitlines()
    assert result.exit_code == 2, result.output
    assert f"{name}: error: {message}" in lines
    assert GOOD_LINE in lines  # the other file is still checked
    assert f"in 1 of 2 files. {NOT_CHECKED}" in result.stdout
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_a_notebook_cell_that_cannot_be_checked_is_one_error_line_and_exit_2(tmp_path):
    """Jupyter runs cells one by one: the bad cell is reported, the notebook's other cells are checked."""
    (tmp_path / "broken_cell.ipynb").write_bytes(
        notebook("import pandas as pd", "x = (", "df = pd.read_csv('train.csv')"))
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".")
    lines = result.stdout.splitlines()
    assert result.exit_code == 2, result.output
    assert "broken_cell.ipynb: error: syntax error at cell 2, line 1, column 5: '(' was never closed" in lines
    assert GOOD_LINE in lines and any(line.startswith("broken_cell.ipynb:cell 3:1:6: SPL101") for line in lines)
    assert "in 2 of 2 files. 1 notebook cell could not be checked." in result.stdout


@pytest.mark.parametrize("name, data, message", UNCHECKABLE[:3] + UNCHECKABLE[12:14], ids=lambda v: str(v)[:20])
def test_json_report_carries_the_same_error(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".", "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 2
    assert {f["path"]: f["error"] for f in document["files"]} == {name: message, "good.py": None}
    assert document["summary"]["files_not_checked"] == 1 and document["summary"]["findings"] == 1


# name, bytes, the findings' `path:line:col CODE` (the file is read and checked normally)
READABLE = [
    ("bom.py", b"\xef\xbb\xbf" + GOOD, ["bom.py:2:6: SPL101"]),
    ("crlf.py", GOOD.replace(b"\n", b"\r\n"), ["crlf.py:2:6: SPL101"]),
    ("mixed_endings.py", PANDAS.rstrip() + b"\r\nx = 1\ry = 2\ndf = pd.read_csv('a')\r\n", ["mixed_endings.py:4:6: SPL101"]),
    ("latin1_declared.py", b"# -*- coding: latin-1 -*-\n" + PANDAS + "s = 'café'\ndf = pd.read_csv(s)\n".encode("latin-1"),
     ["latin1_declared.py:4:6: SPL101"]),
    ("form_feed.py", PANDAS + b"\x0c\ndf = pd.read_csv('a')\n", ["form_feed.py:3:6: SPL101"]),
    ("long_line.py", PANDAS + b"w = [" + b", ".join(b"%d" % i for i in range(30_000)) + b"]\ndf = pd.read_csv('a')\n",
     ["long_line.py:3:6: SPL101"]),
    ("cell_as_string.ipynb", notebook("import pandas as pd\ndf = pd.read_csv('a')"), ["cell_as_string.ipynb:cell 1:2:6: SPL101"]),
    ("nbformat3.ipynb", json.dumps({"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "code", "input": ["import pandas as pd\n", "df = pd.read_csv('a')\n"]}]}]}).encode(),
     ["nbformat3.ipynb:cell 1:2:6: SPL101"]),
    ("magics.ipynb", notebook("%%custom_magic --x\nanything at all(", "%weird arg\n!ls\nimport pandas as pd",
                              "?pd.read_csv\ndf = pd.read_csv('a')"), ["magics.ipynb:cell 3:2:6: SPL101"]),
    ("cr_cell.ipynb", notebook("import pandas as pd\rx = 1\r\ndf = pd.read_csv('a')"), ["cr_cell.ipynb:cell 1:3:6: SPL101"]),
]


@pytest.mark.parametrize("name, data, expected", READABLE, ids=[c[0] for c in READABLE])
def test_odd_but_readable_files_are_checked_with_true_positions(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    result = check(tmp_path, name)
    assert result.exit_code == 1, result.output
    assert [line.split(" `")[0] for line in result.stdout.splitlines() if ": SPL" in line] == expected


def test_empty_and_unrelated_huge_files_are_clean_exit_0(tmp_path):
    (tmp_path / "empty.py").write_bytes(b"")
    (tmp_path / "empty.ipynb").write_bytes(notebook())
    # 10 MB of generated code that imports nothing a rule needs: the import gate answers, nothing is parsed
    (tmp_path / "generated.py").write_bytes(GENERATED)
    result = check(tmp_path, ".")
    assert result.exit_code == 0 and "No findings in 3 files." in result.stdout


def test_notebook_with_a_50_mb_image_output_reads_only_its_code(tmp_path):
    image = base64.b64encode(os.urandom(37_500_000)).decode()  # 50 MB of base64
    cells = [{"cell_type": "code", "source": ["import pandas as pd\n", "df = pd.read_csv('a')\n"], "metadata": {},
              "execution_count": 1, "outputs": [{"output_type": "display_data", "metadata": {},
                                                  "data": {"image/png": image, "text/plain": ["import numpy"]}}]}]
    (tmp_path / "plots.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    result = check(tmp_path, "plots.ipynb")
    assert result.exit_code == 1 and "plots.ipynb:cell 1:2:6: SPL101" in result.stdout


def test_databricks_and_fabric_notebooks_with_unknown_magics_and_other_languages(tmp_path):
    databricks = (
        "# Databricks notebook source\n# MAGIC %unknown_magic with args\n\n# COMMAND ----------\n\n"
        "# MAGIC %scala\n# MAGIC val x = spark.table(\"t\")\n\n# COMMAND ----------\n\n"
        "# MAGIC %r\n# MAGIC library(SparkR)\n\n# COMMAND ----------\n\n"
        "import pandas as pd\ns = 'page\x0cbreak\u2028here'\ndf = pd.read_csv('a')\n"
    )
    fabric = (
        "# Fabric notebook source\n\n# CELL ********************\n\nSELECT * FROM t WHERE (\n\n"
        "# METADATA ********************\n\n# META {\n# META   \"language\": \"sparksql\"\n# META }\n\n"
        "# CELL ********************\n\nlibrary(x)\n\n# METADATA ********************\n\n"
        "# META {\n# META   \"language\": \"cobol\"\n# META }\n\n"
        "# CELL ********************\n\nimport pandas as pd\ndf = pd.read_csv('a')\n"
    )
    (tmp_path / "dbx.py").write_text(databricks, encoding="utf-8")
    (tmp_path / "fabric.py").write_text(fabric, encoding="utf-8")
    result = check(tmp_path, ".")
    assert result.exit_code == 1, result.output
    found = [line.split(" `")[0] for line in result.stdout.splitlines() if ": SPL" in line]
    # Line 18 of the file even though line 17 holds a form feed and a U+2028 that str.splitlines() would split at
    assert found == ["dbx.py:18:6: SPL101", "fabric.py:26:6: SPL101"]


def test_a_directory_named_like_a_script_is_walked_not_read(tmp_path):
    (tmp_path / "x.py").mkdir()
    (tmp_path / "x.py" / "job.py").write_bytes(GOOD)
    for named in (".", "x.py"):
        result = check(tmp_path, named)
        assert result.exit_code == 1 and "x.py/job.py:2:6: SPL101" in result.stdout


def test_symlink_loops_broken_links_and_missing_paths(tmp_path):
    (tmp_path / "good.py").write_bytes(GOOD)
    (tmp_path / "a.py").symlink_to("b.py")
    (tmp_path / "b.py").symlink_to("a.py")
    (tmp_path / "dangling.py").symlink_to("nowhere.py")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    result = check(tmp_path, ".", "missing.py", "missing_dir")
    lines = result.stdout.splitlines()
    assert result.exit_code == 2
    for expected in ("a.py: error: is a symbolic link loop", "b.py: error: is a symbolic link loop",
                     "dangling.py: error: is a broken symbolic link", "missing.py: error: no such file or directory",
                     "missing_dir: error: no such file or directory", GOOD_LINE):
        assert expected in lines
    assert "in 1 of 6 files. 5 files could not be checked." in result.stdout
    assert check(tmp_path, "a.py").stdout.startswith("a.py: error: is a symbolic link loop")


def _in_thread(function, timeout: float):
    """Run `function` in a daemon thread: if reading blocks forever, the test fails instead of hanging."""
    box = []
    thread = threading.Thread(target=lambda: box.append(function()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert box, f"still running after {timeout} s (blocked on a read?)"
    return box[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_named_like_a_script_never_blocks(tmp_path):
    (tmp_path / "good.py").write_bytes(GOOD)
    os.mkfifo(tmp_path / "pipe.py")
    walked = _in_thread(lambda: check(tmp_path, "."), 60)
    assert walked.exit_code == 1 and "pipe.py" not in walked.stdout  # walking a folder skips special files
    named = _in_thread(lambda: check(tmp_path, "pipe.py", "good.py"), 60)
    assert named.exit_code == 2
    assert "pipe.py: error: is a named pipe (FIFO), not a file" in named.stdout.splitlines()
    device = _in_thread(lambda: check(tmp_path, "/dev/zero"), 60)  # endless: must not be read
    assert "/dev/zero: error: is a device, not a file" in device.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_named_gitignore_or_sparklint_toml_never_blocks(tmp_path):
    """Neither is read: a .gitignore that is no regular file ignores nothing, and only a regular
    file is a configuration."""
    for pipe in (".gitignore", "sparklint.toml"):
        (tmp_path / pipe).mkdir()
        (tmp_path / pipe / "good.py").write_bytes(GOOD)
        os.mkfifo(tmp_path / pipe / pipe)
        result = _in_thread(lambda: check(tmp_path / pipe, "."), 60)
        assert result.exit_code == 1 and GOOD_LINE in result.stdout.splitlines()


def test_a_file_too_large_to_read_is_not_read(tmp_path):
    with open(tmp_path / "blob.py", "wb") as handle:
        handle.truncate(100_000_001)  # sparse: costs no disk
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".")
    assert result.exit_code == 2 and "blob.py: error: is too large to read (over 100 MB)" in result.stdout


def _without_root_file_access():
    """preexec_fn: drop root's CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so file modes apply to it."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.skipif(sys.platform != "linux", reason="file modes and capabilities as on Linux")
def test_unreadable_files_and_folders_are_reported(tmp_path):
    (tmp_path / "good.py").write_bytes(GOOD)
    (tmp_path / "locked.py").write_bytes(GOOD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.py").write_bytes(GOOD)
    os.chmod(tmp_path / "locked.py", 0)
    os.chmod(tmp_path / "locked", 0)
    try:
        # Root reads mode-000 files; the subprocess gives up that power so the real error path runs.
        result = subprocess.run(
            [sys.executable, "-m", "sparklint", "check", "--no-cache", "."], cwd=tmp_path, capture_output=True,
            text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"},
            preexec_fn=_without_root_file_access if os.geteuid() == 0 else None,
        )
    finally:
        os.chmod(tmp_path / "locked", 0o755)
        os.chmod(tmp_path / "locked.py", 0o644)
    lines = result.stdout.splitlines()
    assert result.returncode == 2, result.stderr
    assert "locked.py: error: permission denied" in lines
    assert "locked: error: folder cannot be read (permission denied)" in lines
    assert GOOD_LINE in lines and "2 files could not be checked." in result.stdout


def test_brackets_nested_past_libcsts_native_stack_never_crash_the_run(tmp_path):
    """Unguarded, LibCST's parser segfaults near 1,300 nested brackets, killing every other file's result."""
    (tmp_path / "good.py").write_bytes(GOOD)
    (tmp_path / "lists.py").write_bytes(PANDAS + b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n")
    (tmp_path / "calls.ipynb").write_bytes(notebook("import pandas\n", "y = " + "f(" * 3000 + ")" * 3000))
    (tmp_path / "ok.py").write_bytes(PANDAS + b"x = " + b"(" * 200 + b"1" + b")" * 200 + b"\n")  # Python's limit
    result = subprocess.run([sys.executable, "-m", "sparklint", "check", "--no-cache", "."], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 2, result.stderr  # -11 would be the segfault
    lines = result.stdout.splitlines()
    assert "lists.py: error: too deeply nested to parse (brackets nested more than 200 deep, " \
           "Python's own limit, at line 2)" in lines
    assert "calls.ipynb: error: too deeply nested to parse (brackets nested more than 200 deep, " \
           "Python's own limit, at cell 2, line 1)" in lines
    assert GOOD_LINE in lines and not any(line.startswith("ok.py: error") for line in lines)


def test_an_internal_error_costs_one_file_not_the_run(tmp_path, monkeypatch):
    import sparklint.api

    real = sparklint.api._answer  # the engine's answer for one file

    def failing(source, *args, **kwargs):
        if source.path.endswith("boom.py"):
            raise ZeroDivisionError("division by zero\nsecond line")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(sparklint.api, "_answer", failing)
    (tmp_path / "boom.py").write_bytes(GOOD)
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".")
    assert result.exit_code == 2
    assert "boom.py: error: internal error: ZeroDivisionError: division by zero second line (please report)" in \
        result.stdout.splitlines()
    assert GOOD_LINE in result.stdout.splitlines() and NOT_CHECKED in result.stdout


@pytest.mark.parametrize("content, message", [
    ("select = [\n", "invalid TOML: Invalid value (at end of document)"),
    ("select = 3\n", "select: expected a list of rule codes, got 3"),
    ("[per-file-ignores]\n'*.py' = 'SPL1'\n", "per-file-ignores.'*.py': expected a list of rule codes, got 'SPL1'"),
    ("target = 'caf\xe9'\n", "invalid TOML: not UTF-8 text"),  # written in Latin-1 below
])
def test_bad_configuration_is_one_line_on_stderr_and_exit_2(tmp_path, content, message):
    (tmp_path / "sparklint.toml").write_bytes(content.encode("latin-1"))
    (tmp_path / "good.py").write_bytes(GOOD)
    result = check(tmp_path, ".")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"sparklint: error: {tmp_path / 'sparklint.toml'}: {message}\n"
