"""A progress bar for `sparklint check` over many files, on a terminal only.

The bar goes to stderr, so it never mixes into a report on stdout, and only when stderr is a
terminal: piped or in CI logs there is no bar. It checks the files one by one through
`check_paths`, so the results are the same as without it.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sparklint.api import Run, check_paths
from sparklint.discovery import Missing, discover

MANY = 10  # fewer files than this finish before a bar would help


def check_with_progress(paths: Iterable[str], overrides: dict[str, Any] | None = None, *, force_exclude: bool = False,
                        stdin: bytes | None = None, stdin_filename: str = "-", console: Console | None = None) -> Run:
    paths = list(paths)
    console = console or Console(stderr=True)
    targets = list(discover([p for p in paths if p != "-"], force_exclude)) if console.is_terminal else []
    if len(targets) < MANY:
        return check_paths(paths, overrides, force_exclude=force_exclude, stdin=stdin, stdin_filename=stdin_filename)
    run = Run()
    columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        for target in bar.track(targets):
            named = target.path if isinstance(target, Missing) else str(target)
            run.files.extend(check_paths([named], overrides).files)
    if stdin is not None:
        run.files.extend(check_paths(["-"], overrides, stdin=stdin, stdin_filename=stdin_filename).files)
    return run
