"""`sparklint verify` end to end, as a user runs it: exit codes, JSON, the HTML report, environment errors."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from sparklint.harness.java import major_version, require_java

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "verify"
VERIFY = [sys.executable, "-c", "from sparklint.harness.command import verify; verify(prog_name='sparklint verify')"]


def verify(*args, env=None, timeout=300):
    return subprocess.run([*VERIFY, *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout)


def test_json_report_and_require_on_local_mode_with_the_default_port_taken(tmp_path, marked_jvms):
    env, jvms = marked_jvms
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    report = tmp_path / "report.html"
    with taken:
        done = verify("--master", "local[2]", "--conf", f"spark.driver.port={port}", "--format", "json",
                      "--report", report, "--require", "distributed", FIXTURES / "notebook_groupby.ipynb", env=env)
    assert done.returncode == 1, done.stderr[-2000:]  # local mode cannot prove distribution: --require fails
    result = json.loads(done.stdout)  # one JSON document: the notebook's own output went to stderr
    assert "groups\n" in done.stderr, "the notebook's print went to stderr, since stdout is the JSON alone"
    assert result["output_tail"].endswith(" groups"), "and its last lines are in the report"
    assert result["verdict"]["label"] == "mixed" and "local mode" in result["verdict"]["rule"]
    assert [e["id"] for e in result["executors"]] == ["driver"]
    page = report.read_text()
    assert "<svg" in page and "executor driver" in page and "http" not in page.replace("http://www.w3.org", "")
    assert not jvms(), "no JVM outlived the command"
    if shutil.which("chromium"):  # a real browser renders the page offline (apt-get install chromium)
        png = tmp_path / "report.png"
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,1200",
                        f"--screenshot={png}", report.as_uri()], capture_output=True, timeout=120)
        assert png.stat().st_size > 20_000, "the report renders to a non-blank page"


def test_script_error_exits_3_with_its_traceback():
    done = verify("--master", "local[1]", FIXTURES / "raises.py", "--", "an-argument")
    assert done.returncode == 3
    assert "ValueError: expected 999 rows, got 1000" in done.stdout


def test_missing_java_is_one_clear_line(tmp_path):
    env = {**os.environ, "JAVA_HOME": str(tmp_path)}
    done = verify(FIXTURES / "raises.py", env=env, timeout=60)
    assert done.returncode == 2
    assert "openjdk-17" in done.stderr and "JAVA_HOME" in done.stderr


def test_java_versions():
    assert major_version('openjdk version "1.8.0_292"') == 8
    assert major_version('openjdk version "17.0.15" 2025-04-15') == 17
    assert major_version('java version "21" 2023-09-19') == 21
    assert require_java()


def test_importing_the_command_does_not_import_pyspark():
    code = "import sys, sparklint.harness.command, sparklint.harness.pytest_plugin; print('pyspark' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
