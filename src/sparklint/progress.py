"""A progress bar for `sparklint check` over many files, on a terminal only.

The bar goes to stderr, so it never mixes into a report on stdout, and only when stderr is a
terminal and there are enough files left to parse to wait for: piped, in CI logs, or when the
cache answers (nearly) every file, there is no bar, and rich is not even imported. It only
listens to `check_paths`, so the results are exactly those of a run without it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sparklint.api import check_paths
from sparklint.result import Run

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

MANY = 10  # fewer files to parse than this finish before a bar would help


class _Bar:
    """A `progress(done, total)` callback that starts a rich bar if the first call leaves a lot to do."""

    def __init__(self, console: Console | None) -> None:
        self.console = console
        self.progress: Progress | None = None
        self.task: Any = None  # the bar's task, once started
        self.heard = False

    def __call__(self, done: int, total: int) -> None:
        if not self.heard:
            self.heard = True
            if total - done >= MANY:
                self._start(total)
        if self.progress is not None:
            self.progress.update(self.task, completed=done)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        self.progress = Progress(*columns, console=self.console or Console(stderr=True), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("check", total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def check_with_progress(paths: Iterable[str], overrides: dict[str, Any] | None = None, *,
                        console: Console | None = None, **options: Any) -> Run:
    """`check_paths(paths, overrides, **options)`, with a bar on a terminal (stderr, or `console`)."""
    terminal = console.is_terminal if console is not None else sys.stderr is not None and sys.stderr.isatty()
    if not terminal:
        return check_paths(paths, overrides, **options)
    bar = _Bar(console)
    try:
        return check_paths(paths, overrides, progress=bar, **options)
    finally:
        bar.close()
