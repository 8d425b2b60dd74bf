"""`sparklint check` reads and parses; it never runs, imports or evaluates the code it checks.

Each file below would create a marker file if any of its code ran: at import, as a notebook cell,
as a shell magic, or hidden behind a `# -*- coding` declaration that turns a comment into code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


from support import run_cli


def _touch(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').write('ran')"


def test_check_never_runs_scripts_notebooks_or_coding_tricks(tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "train.py").write_text(
        f"import pandas as pd\n{_touch(markers / 'script')}\ndf = pd.read_csv('a.csv')\n")
    (project / "setup.py").write_text(f"import pandas\n{_touch(markers / 'setup')}\n")
    (project / "conftest.py").write_text(f"import pandas\n{_touch(markers / 'conftest')}\n")
    cells = [f"import pandas as pd\n{_touch(markers / 'cell')}", f"!touch {markers / 'shell'}",
             f"%%bash\ntouch {markers / 'bash'}", f"%run {project / 'setup.py'}"]
    (project / "explore.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []} for c in cells],
        "metadata": {}, "nbformat": 4}))
    (project / "databricks.py").write_text(
        f"# Databricks notebook source\nimport pandas as pd\n{_touch(markers / 'databricks')}\n"
        f"# COMMAND ----------\n# MAGIC %sh touch {markers / 'magic'}\n")
    # The comment hides a line break written as \u000a: decoded as Python would (unicode_escape),
    # the second half of line 3 is real code; sparklint must see it as code and still not run it.
    (project / "trick.py").write_bytes(
        b"# -*- coding: unicode_escape -*-\nimport pandas as pd\n"
        b"# harmless comment \\u000a" + _touch(markers / "trick").encode() + b"; pd.read_csv('b.csv')\n")
    result = run_cli("check", "--no-cache", "--format", "json", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    findings = {(Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert ("train.py", 3, "SPL101") in findings
    assert ("trick.py", 4, "SPL101") in findings  # the hidden line is parsed as the code it decodes to
    assert sorted(p.name for p in markers.iterdir()) == []


def test_python_dash_m_does_not_import_the_users_modules(tmp_path):
    for name in ("json", "click", "libcst"):
        (tmp_path / f"{name}.py").write_text(f"{_touch(tmp_path / ('ran_' + name))}\n")
    (tmp_path / "train.py").write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    result = subprocess.run([sys.executable, "-m", "sparklint", "check", "--no-cache", "train.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert sorted(p.name for p in tmp_path.glob("ran_*")) == []
    assert result.returncode == 1
