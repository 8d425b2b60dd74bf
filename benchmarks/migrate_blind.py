"""Migrate the blind set of training scripts and prove each migrated script still runs (issue 17).

    python benchmarks/migrate_blind.py                 # migrate, run both versions on local Spark, compare
    python benchmarks/migrate_blind.py --verify        # also run each migrated script on a local-cluster
                                                       # (sparklint verify's harness) for its verdict
    python benchmarks/migrate_blind.py --rows 300      # a tiny sample of every table: a smoke run

`migrate_blind/` holds 30 ordinary pandas + scikit-learn scripts written blind to `sparklint migrate`
(by someone who had not read its code), and their seeded data generator. Each script runs as
`python NN_name.py DATA_DIR OUT_DIR` and writes `OUT_DIR/metrics.json`. Here every script is migrated,
the originals run with pandas and the migrated scripts on one local Spark session, and the metrics
are compared within `migrate --verify`'s tolerance: |a - b| <= 0.1 * max(1, |a|, |b|). It exits 1 when a
migrated script crashes where its original runs. It is a benchmark, not a test: the 30 scripts on two
local Spark runs take two minutes, more than CI's budget has room for; `tests/migrate_shapes/` (one
script per shape, in `tests/test_migrate_runs.py`) is what CI runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
BLIND = HERE / "migrate_blind"
RUN_MANY = HERE.parent / "tests" / "migrate_shapes" / "run_many.py"


def scripts() -> list[Path]:
    return sorted(p for p in BLIND.glob("[0-9][0-9]_*.py"))


def make_data(folder: Path, rows: int | None) -> None:
    subprocess.run([sys.executable, str(BLIND / "make_data.py"), str(folder)], check=True, capture_output=True)
    if rows:
        for table in folder.glob("*.csv"):
            lines = table.read_text().splitlines(keepends=True)
            table.write_text("".join(lines[: rows + 1]))


def run_all(paths: list[Path], data: Path, out: Path, spark: bool) -> dict:
    command = [sys.executable, str(RUN_MANY), *(["--spark"] if spark else []), str(data), str(out), *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def verdicts(paths: list[Path], data: Path, out: Path) -> dict[str, str]:
    """Each migrated script on a local-cluster with two executors: the harness's verdict label."""
    from sparklint.harness.cluster import ClusterSpec
    from sparklint.harness.outcome import measure
    from sparklint.harness.session import VerifySession
    from sparklint.harness.verdict import Thresholds

    labels = {}
    with VerifySession(ClusterSpec()) as session:
        for path in paths:
            folder = out / f"verify-{path.stem}"
            folder.mkdir(parents=True, exist_ok=True)
            result = measure(session, str(path), [str(data), str(folder)], None, Thresholds())
            labels[path.name] = result.label  # the verdict, or how the script ended when it has none
    return labels


class Outcome(NamedTuple):
    name: str
    original: dict  # run_many's record: ok, metrics or error and where
    migrated: dict
    code: str  # the migrated script
    todos: int
    label: str  # the harness's verdict with --verify, else ""

    @property
    def runs(self) -> bool:
        """The invariant: the migrated script runs wherever the original runs."""
        return self.migrated["ok"] or not self.original["ok"]

    @property
    def agrees(self) -> bool:
        from sparklint.migrate.compare import metrics_agree

        return self.original["ok"] and self.migrated["ok"] and metrics_agree(self.original["metrics"],
                                                                              self.migrated["metrics"])

    @property
    def differences(self) -> str:
        """The metrics outside the tolerance, original vs migrated."""
        from sparklint.migrate.compare import compare_metrics

        if not (self.original["ok"] and self.migrated["ok"]):
            return ""
        checks = compare_metrics(self.original["metrics"], self.migrated["metrics"]).checks
        return "; ".join(c.removeprefix("DIFF metrics ").split(" (")[0] for c in checks if c.startswith("DIFF"))


def measure(rows: int | None = None, verify: bool = False) -> list[Outcome]:
    """Migrate every blind script, run both versions on the same data, compare; `rows` cuts each table."""
    from sparklint.migrate import migrate_file

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        data, migrated = root / "data", root / "migrated"
        data.mkdir()
        migrated.mkdir()
        make_data(data, rows)
        migrations = {script.name: migrate_file(script) for script in scripts()}
        for name, migration in migrations.items():
            (migrated / name).write_text(migration.code)
        original = run_all(scripts(), data, root / "original-out", spark=False)
        spark = run_all([migrated / s.name for s in scripts()], data, root / "migrated-out", spark=True)
        labels = verdicts([migrated / s.name for s in scripts()], data, root) if verify else {}
    return [Outcome(name, original[name], spark[name], m.code, m.todos, labels.get(name, ""))
            for name, m in migrations.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, help="keep only the first ROWS rows of every table (a smoke run)")
    parser.add_argument("--verify", action="store_true", help="also prove where each migrated script computes")
    args = parser.parse_args()
    outcomes = measure(args.rows, args.verify)
    print(f"{'script':<40} {'migrated':<9} {'metrics':<9} {'todos':>5} {'bridges':>7} {'pyspark.ml':>10}  verdict")
    for o in outcomes:
        failure = "" if o.migrated["ok"] else f"  {o.migrated['error'][:120]} @ {o.migrated['where'][:80]}"
        print(f"{o.name:<40} {'runs' if o.migrated['ok'] else 'CRASHES':<9} {'agree' if o.agrees else 'DIFFER':<9} "
              f"{o.todos:>5} {o.code.count('.toPandas()'):>7} {'yes' if 'from pyspark.ml' in o.code else 'no':>10}  "
              f"{o.label}{failure}{'  ' + o.differences if o.differences else ''}")
    total = len(outcomes)
    print(f"\n{sum(o.runs for o in outcomes)}/{total} migrated scripts run where the original runs; metrics agree on "
          f"{sum(o.agrees for o in outcomes)}/{total}; "
          f"{sum('from pyspark.ml' in o.code for o in outcomes)}/{total} train with pyspark.ml")
    if args.verify:
        distributed = sum(o.label == "distributed" for o in outcomes)
        print(f"{distributed}/{total} migrated scripts are distributed (sparklint verify, local-cluster[2,1,1024])")
    if not all(o.runs for o in outcomes):
        sys.exit(1)  # migrate's invariant: the migrated script runs wherever its original runs


if __name__ == "__main__":
    main()
