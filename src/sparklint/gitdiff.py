"""`--diff REF`: keep only findings on lines changed since a git ref, for pull requests.

Changed lines come from `git diff --unified=0 REF` (committed, staged and unstaged changes in
the working tree against REF); files git does not track yet count as changed throughout.
A finding is kept when any line of its span changed. Limit: a Jupyter notebook's lines are
lines of its JSON, not of its code, so a notebook that changed at all keeps all its findings.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sparklint.result import FileResult, Run

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
WHOLE_FILE = None  # a changed file whose every line counts as changed (new, untracked, or a notebook)


class DiffError(Exception):
    """Not a git repository, git missing, or a ref git does not know."""


@dataclass(frozen=True)
class Changes:
    """Changed line numbers per resolved file path; `WHOLE_FILE` for files changed throughout."""

    lines: dict[Path, set[int] | None]

    def keeps(self, result: FileResult) -> FileResult | None:
        """The part of a file's result that is on changed lines; None if the file did not change."""
        path = Path(result.path).resolve()
        if path not in self.lines:
            return None
        changed = self.lines[path]
        if changed is WHOLE_FILE or result.kind == "jupyter":
            return result
        kept = [f for f in result.findings if any(n in changed for n in range(f.line, f.end_line + 1))]
        return result if len(kept) == len(result.findings) else result.showing(kept)


def changes_since(ref: str, cwd: Path | None = None) -> Changes:
    cwd = cwd or Path.cwd()
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd, "--diff: not inside a git repository").strip())
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd, f"--diff: unknown git ref {ref!r}")
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames",
                 "--src-prefix=a/", "--dst-prefix=b/", ref, "--"], root)
    lines: dict[Path, set[int] | None] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].rstrip("\t")  # git ends a name that holds a space with a tab
            current = None if name == "/dev/null" else lines.setdefault((root / name[2:]).resolve(), set())
        elif current is not None and (match := HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0"):
        if name:
            lines[(root / name).resolve()] = WHOLE_FILE
    return Changes(lines)


def only_changed(run: Run, changes: Changes) -> Run:
    """`run` limited to the files and lines changed; files that did not change are left out."""
    return Run([kept for result in run.files if (kept := changes.keeps(result)) is not None])


def _git(args: list[str], cwd: Path, failure: str | None = None) -> str:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except FileNotFoundError:
        raise DiffError("--diff needs git, which is not installed") from None
    if done.returncode != 0:
        raise DiffError(failure or f"--diff: git {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout
