"""`sparklint migrate --verify`: run the original and the migrated script on one cluster, same input.

Both go through the `verify` harness (one VerifySession, so one Spark application and one start-up
cost), each with its own output folder: `{out}` in the script's arguments becomes that folder. The
proof has two parts: the migrated run's verdict must be *distributed* (the harness's measured rule:
executors did the compute), and the outputs must agree (`compare.py`). The original's verdict is
reported too; it is usually driver-bound, which is the point of migrating.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sparklint.migrate.compare import Comparison, compare_outputs

if TYPE_CHECKING:
    from sparklint.harness.outcome import VerifyResult

OUT = "{out}"


@dataclass
class Proof:
    original: VerifyResult
    migrated: VerifyResult
    comparison: Comparison

    @property
    def ok(self) -> bool:
        return self.migrated.label == "distributed" and self.comparison.agree and self.original.status == "ok"

    def describe(self) -> str:
        lines = []
        for name, result in (("original", self.original), ("migrated", self.migrated)):
            verdict = result.verdict
            share = f"executor share {verdict.executor_share:.2f}, {verdict.executors_with_tasks} executors" if verdict else ""
            lines.append(f"{name}: {result.status}, verdict {result.label} {share}".rstrip())
            if result.traceback:
                lines.append("  " + result.traceback.strip().splitlines()[-1])
        lines += ["outputs " + ("agree" if self.comparison.agree else "DIFFER") + ":"]
        lines += [f"  {check}" for check in self.comparison.checks]
        lines += [f"  not compared: {name}" for name in self.comparison.skipped]
        return "\n".join(lines)


def prove(session, original: Path, migrated: Path, argv: list[str], workdir: Path | None = None,
          metric_tolerance: float = 0.1, row_tolerance: float = 0.1, timeout: float | None = None) -> Proof:
    """Run both scripts in a started VerifySession and compare what they wrote."""
    from sparklint.harness.outcome import measure

    workdir = Path(workdir or tempfile.mkdtemp(prefix="sparklint-migrate-"))
    results, folders = [], []
    for side, script in (("original", original), ("migrated", migrated)):
        folder = workdir / side
        folder.mkdir(parents=True, exist_ok=True)
        args = [a.replace(OUT, str(folder)) for a in argv]
        results.append(measure(session, str(Path(script).resolve()), args, timeout))
        folders.append(folder)
    return Proof(results[0], results[1], compare_outputs(folders[0], folders[1], metric_tolerance, row_tolerance))
