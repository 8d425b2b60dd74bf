"""Check many files on every core, with results in the order the files were given.

Parsing is CPU-bound Python, so threads do not help; processes do. Where `fork` exists the
workers inherit the parent's imported LibCST and built rule engine instead of importing them
again. A pool costs a few tens of milliseconds to start, so it is used only when there are
enough files to pay for it (MIN_FILES, measured by `benchmarks/bench.py`); below that, and
with one job, files are checked in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_FILES = 8  # fewer files than this are checked faster than a pool starts


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(requested: int | None, count: int) -> int:
    """How many processes to use: `requested` (0 or None for every core), never more than files."""
    jobs = requested or available_cores()
    return max(1, min(jobs, count if count >= MIN_FILES else 1))


def map_ordered(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None,
                warm_up: Callable[[], object] | None = None) -> Iterator[Result]:
    """`(function(i) for i in items)`, spread over `jobs` processes when that pays; results in order.

    `warm_up` runs once in this process before the workers start (with fork they inherit what
    it built). `function` and the items must pickle; exceptions propagate as in a plain loop.
    """
    workers = jobs_for(jobs, len(items))
    if workers == 1:
        yield from (function(item) for item in items)
        return
    if warm_up is not None:
        warm_up()
    import multiprocessing  # only here: a one-file pre-commit run never pays for these imports
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks balance uneven file sizes; not so small that pickling round trips dominate.
    chunk = max(1, min(16, len(items) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(function, items, chunksize=chunk)
