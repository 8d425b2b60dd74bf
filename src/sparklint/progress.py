"""A progress bar for `sparklint check` over many files, on a terminal only.

The bar goes to stderr, so it never mixes into a report on stdout, and only when stderr is a
terminal and there are enough files to wait for: piped or in CI logs there is no bar. It only
listens to `check_paths`, so the results are exactly those of a run without it.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sparklint.api import check_paths
from sparklint.result import Run

MANY = 10  # fewer files than this finish before a bar would help


class _Bar:
    """A `progress(done, total)` callback that starts a rich bar the first time there is a lot to do."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < MANY:
                return
            columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self.progress = Progress(*columns, console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("check", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def check_with_progress(paths: Iterable[str], overrides: dict[str, Any] | None = None, *,
                        console: Console | None = None, **options: Any) -> Run:
    """`check_paths(paths, overrides, **options)`, with a bar on a terminal."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        return check_paths(paths, overrides, **options)
    bar = _Bar(console)
    try:
        return check_paths(paths, overrides, progress=bar, **options)
    finally:
        bar.close()
