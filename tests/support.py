"""Helpers the tests import: the repository root, and the real `sparklint` command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict | None = None):
    """`python -m sparklint ARGS` as a user runs it; returns the CompletedProcess (text mode)."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sparklint", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
        env=environment, timeout=120,
    )
