"""`sparklint migrate --verify`: run the original and the migrated script on one cluster, same input.

Both go through the `verify` harness (one VerifySession, so one Spark application and one start-up
cost), each with its own output folder: `{out}` in the script's arguments becomes that folder. The
proof has two parts: the migrated run's verdict must be *distributed* (the harness's measured rule:
executors did the compute), and the outputs must agree (`compare.py`). The original's verdict is
reported too; it is usually driver-bound, which is the point of migrating. A script that crashed is
named at its own innermost line, and a migrated line also at the original line it came from.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sparklint.migrate.compare import Comparison, compare_outputs

if TYPE_CHECKING:
    from sparklint.harness.outcome import VerifyResult
    from sparklint.migrate.program import Where

OUT = "{out}"
# A traceback frame as the harness formats it; a notebook's frames say `path, cell N` (counted from 1).
FRAME = re.compile(r'^ *File "(?P<file>.+?)(?:, cell (?P<cell>\d+))?", line (?P<line>\d+)', re.MULTILINE)


def crash_site(traceback: str | None, script: Path) -> Where | None:
    """Where `script` itself raised: its innermost frame in the traceback, as (cell index or None, line)."""
    found = None
    for frame in FRAME.finditer(traceback or ""):
        if Path(frame["file"]).resolve() == script.resolve():
            found = (int(frame["cell"]) - 1 if frame["cell"] else None, int(frame["line"]))
    return found


def quote(script: Path, where: Where) -> str:
    """`script, cell 3, line 2: <the line>` as a person finds it."""
    from sparklint.sources import read_source

    source = read_source(script)
    cell, line = where
    first = next((c.first_line for c in source.cells if c.index == cell), 1) if cell is not None else 1
    lines = source.code.splitlines()
    text = lines[first + line - 2].strip() if 0 < first + line - 1 <= len(lines) else ""
    return f"{script}, {'' if cell is None else f'cell {cell + 1}, '}line {line}: {text}"


@dataclass
class Proof:
    original: VerifyResult
    migrated: VerifyResult
    comparison: Comparison
    scripts: tuple[Path, Path]  # the original and the migrated script
    origins: dict[Where, Where] = field(default_factory=dict)  # the migration's line map (`Migration.origins`)

    @property
    def ok(self) -> bool:
        return self.migrated.label == "distributed" and self.comparison.agree and self.original.status == "ok"

    def describe(self) -> str:
        lines = []
        for name, result, script in (("original", self.original, self.scripts[0]),
                                     ("migrated", self.migrated, self.scripts[1])):
            verdict = result.verdict
            share = f"executor share {verdict.executor_share:.2f}, {verdict.executors_with_tasks} executors" if verdict else ""
            lines.append(f"{name}: {result.status}, verdict {result.label} {share}".rstrip())
            if result.traceback:
                lines.append("  " + result.traceback.strip().splitlines()[-1])
                lines += [f"  {line}" for line in self.crashed_at(result, script)]
        lines += ["outputs " + ("agree" if self.comparison.agree else "DIFFER") + ":"]
        lines += [f"  {check}" for check in self.comparison.checks]
        lines += [f"  not compared: {name}" for name in self.comparison.skipped]
        return "\n".join(lines)

    def crashed_at(self, result: VerifyResult, script: Path) -> list[str]:
        """The line of `script` that raised and, for the migrated script, the original line it came from."""
        where = crash_site(result.traceback, script)
        if where is None:
            return []
        named = [f"crashed at {quote(script, where)}"]
        origin = self.origins.get(where) if script == self.scripts[1] else None
        return named + ([f"migrated from {quote(self.scripts[0], origin)}"] if origin else [])


def prove(session, original: Path, migrated: Path, argv: list[str], workdir: Path | None = None,
          metric_tolerance: float = 0.1, row_tolerance: float = 0.1, timeout: float | None = None,
          origins: dict[Where, Where] | None = None) -> Proof:
    """Run both scripts in a started VerifySession and compare what they wrote; `origins` is the
    migration's line map, to name a crash of the migrated script in the original too."""
    from sparklint.harness.outcome import measure

    workdir = Path(workdir or tempfile.mkdtemp(prefix="sparklint-migrate-"))
    results, folders = [], []
    for side, script in (("original", original), ("migrated", migrated)):
        folder = workdir / side
        folder.mkdir(parents=True, exist_ok=True)
        args = [a.replace(OUT, str(folder)) for a in argv]
        results.append(measure(session, str(Path(script).resolve()), args, timeout))
        folders.append(folder)
    return Proof(results[0], results[1], compare_outputs(folders[0], folders[1], metric_tolerance, row_tolerance),
                 (Path(original), Path(migrated)), origins or {})
