"""Check many files on every core, with results in the order the files were given.

Parsing is CPU-bound Python, so threads do not help; processes do. Where `fork` exists the
workers inherit the parent's imported LibCST and built rule engine instead of importing them
again. A pool costs a few tens of milliseconds to start, so it is used only when there are
enough files to pay for it (MIN_FILES, measured by `benchmarks/bench.py`); below that, and
with one job, files are checked in this process.

The exception is a warm run with a few files to parse and much to restore from the cache
(answers that make MEANWHILE findings and signals or more): one forked worker then parses them,
importing LibCST and building the engine itself, while this process restores the rest, so on two
cores the import costs no time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_FILES = 8  # fewer files than this are checked faster than a pool starts
MEANWHILE = 20_000  # restoring fewer findings and signals than this (~2 us each) takes less than a worker to start


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
                warm_up: Callable[[], object] | None = None, meanwhile: int = 0) -> Iterator[Result]:
    """`(function(i) for i in items)`, spread over `jobs` processes when that pays; results in order.

    `warm_up` runs once in this process before the workers start (with fork they inherit what
    it built). With workers, the work starts before this returns, so the caller can do other
    work (restore answers that make `meanwhile` findings and signals) until it reads the results. `function` and the items
    must pickle; exceptions propagate as in a plain loop.
    """
    workers = jobs_for(jobs, len(items))
    beside = workers == 1 and items and meanwhile >= MEANWHILE and jobs != 1 and available_cores() > 1
    if workers == 1 and not (beside and _can_fork()):
        return (function(item) for item in items)
    if warm_up is not None and not beside:
        warm_up()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks balance uneven file sizes; not so small that pickling round trips dominate.
    chunk = max(1, min(16, len(items) // (workers * 4)))
    context = multiprocessing.get_context("fork" if _can_fork() else None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return _drained(pool, pool.map(function, items, chunksize=chunk))


def _can_fork() -> bool:
    import multiprocessing  # only here: a one-file pre-commit run never pays for these imports

    return "fork" in multiprocessing.get_all_start_methods()


def _drained(pool: Executor, results: Iterator[Result]) -> Iterator[Result]:
    """The results, then the pool shut down (also when the caller stops early or a worker fails)."""
    with pool:
        yield from results
