"""How much slower is `sparklint verify` than running the same script with plain `spark-submit`?

Both run the script on the same `local-cluster[2,1,1024]`; the ratio is verify's wall time over
spark-submit's. Verify's extra work: the event log (with per-stage executor memory metrics), the line
sampler, the static check and estimate, reading the log, measuring utilization and rendering. Run it on an idle machine: two executor JVMs on 2 cores make wall times noisy.

    python benchmarks/harness_overhead.py [SCRIPT] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCRIPT = ROOT / "fixtures" / "verify" / "row_udf.py"
MASTER = "local-cluster[2,1,1024]"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    began = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return time.monotonic() - began, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", nargs="?", type=Path, default=DEFAULT_SCRIPT)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from sparklint.harness.session import spark_home

    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable,
           "PYSPARK_DRIVER_PYTHON": sys.executable}
    submit = [str(Path(spark_home(), "bin", "spark-submit")), "--master", MASTER,
              "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false", str(args.script)]
    verify = [sys.executable, "-c", "from sparklint.harness.command import verify; verify()",
              "--master", MASTER, "--format", "json", str(args.script)]
    work = Path(spark_home(), "work")  # plain spark-submit leaves its local-cluster worker dirs here
    plain, harness, startups = [], [], []
    for _ in range(args.repeat):
        before = set(work.iterdir()) if work.exists() else set()
        plain.append(timed(submit, env)[0])
        for leftover in (set(work.iterdir()) if work.exists() else set()) - before:
            shutil.rmtree(leftover, ignore_errors=True)
        seconds, out = timed(verify, env)
        harness.append(seconds)
        startups.append(json.loads(out[out.index("{\n"):])["startup_s"])
    p, h = statistics.median(plain), statistics.median(harness)
    print(f"script: {args.script.name} on {MASTER}, median of {args.repeat}")
    print(f"spark-submit:      {p:6.1f} s")
    print(f"sparklint verify:  {h:6.1f} s  (Spark session up in {statistics.median(startups):.1f} s)")
    print(f"overhead ratio:    {h / p:6.2f}x")


if __name__ == "__main__":
    main()
