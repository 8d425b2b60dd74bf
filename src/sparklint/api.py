"""Check paths, files or sources: the library entry points the CLI, the harness and tests share.

A run whose files all come from the cache never builds an engine, so the engine and its
observers (and with them LibCST) are imported only when a file must be parsed.
"""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple

from sparklint.cache import Cache
from sparklint.catalog import load_rules
from sparklint.config import ConfigError, Settings, real_path, settings_for_dir, with_overrides
from sparklint.discovery import Missing, discover
from sparklint.estimate import estimate
from sparklint.locations import default_cache_dir
from sparklint.parallel import map_ordered
from sparklint.result import FileResult, Run
from sparklint.sources import Source, SourceError, read_source

if TYPE_CHECKING:
    from sparklint.engine import Engine

__all__ = ["Run", "check_file", "check_paths", "check_source", "engine_for", "settings_for"]


@lru_cache(maxsize=32)
def engine_for(codes: tuple[str, ...]) -> Engine:
    from sparklint.engine import Engine
    from sparklint.estimate.signals import ComputeSignals
    from sparklint.readiness.operations import DistributedOperations

    return Engine((r for r in load_rules() if r.code in codes), observers=[DistributedOperations(), ComputeSignals()])


@lru_cache(maxsize=64)
def enabled_codes(settings: Settings) -> tuple[str, ...]:
    """The rules a file's settings turn on; files in one folder share their settings, so this is cached."""
    return tuple(r.code for r in load_rules() if settings.enabled(r.code, r.name))


def settings_for(path: Path, overrides: dict[str, Any] | None = None) -> Settings:
    return with_overrides(settings_for_dir(Path(real_path(path.parent))), **(overrides or {}))


def check_source(source: Source, settings: Settings | None = None, cache: Cache | None = None) -> FileResult:
    settings = settings or Settings()
    return _finish(_answer(source, settings, cache), settings)


def _answer(source: Source, settings: Settings, cache: Cache | None) -> FileResult:
    """The engine's answer (the cache's, when it has one), before the steps that only need the settings."""
    check = partial(engine_for(enabled_codes(settings)).check, target=settings.target)
    return cache.through(check, source, settings) if cache is not None else check(source)


def _finish(result: FileResult, settings: Settings) -> FileResult:
    """What depends on the settings but not on the parse (so it is redone on a cache hit)."""
    ignored = settings.ignored_for(Path(result.path))
    if ignored:
        result.findings = [f for f in result.findings if not any(f.code.startswith(c) for c in ignored)]
    if result.error is None and result.skipped is None:
        result.compute = estimate(result, settings.data_size)
    return result


def check_file(path: str | Path, overrides: dict[str, Any] | None = None, cache: Cache | None = None) -> FileResult:
    path = Path(path)
    return _guarded(path, lambda: check_source(read_source(path), settings_for(path, overrides), cache))


def _guarded(path: Path, work: Callable[[], FileResult]) -> FileResult:
    """Run the work for one file; whatever goes wrong costs that file only, never the run."""
    try:
        return work()
    except SourceError as exc:
        return FileResult(str(path), _kind_of(path), error=str(exc))
    except ConfigError:
        raise  # a configuration the user must fix stops the run with one message
    except Exception as exc:  # a bug: the others are still checked
        return FileResult(str(path), _kind_of(path), error=internal_error(exc))


def internal_error(exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:300]
    return f"internal error: {type(exc).__name__}{': ' + detail if detail else ''} (please report)"


def check_paths(
    paths: Iterable[str], overrides: dict[str, Any] | None = None, force_exclude: bool = False,
    stdin: bytes | None = None, stdin_filename: str = "-", *, cache: bool = False,
    cache_dir: str | Path | None = None, jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Check every file under `paths`, in discovery order.

    Each file is read once, here; with `cache`, unchanged files are answered from the cache
    without parsing, and the rest are parsed on `jobs` processes (0/None: every core).
    `progress(done, total)` hears about each finished file, for a progress bar.
    """
    store = Cache(cache_dir or default_cache_dir()) if cache else None
    run = Run()
    pending: list[tuple[int, _Read]] = []
    for path in discover([p for p in paths if p != "-"], force_exclude):
        if isinstance(path, Missing):
            run.files.append(FileResult(path.path, _kind_of(Path(path.path)), error=path.reason))
            continue
        read = _guarded(path, lambda: _Read(read_source(path), settings_for(path, overrides)))
        if isinstance(read, FileResult):
            run.files.append(read)
            continue
        hit = store.lookup(read.source, read.settings) if store is not None else None
        if hit is None:
            pending.append((len(run.files), read))
        run.files.append(hit if hit is None else _finish(hit, read.settings))
    done, total = len(run.files) - len(pending), len(run.files)
    if progress is not None:
        progress(done, total)
    checked = map_ordered(partial(_check_read, cache=store), [read for _, read in pending], jobs,
                          warm_up=lambda: engine_for(enabled_codes(pending[0][1].settings)))
    for (index, read), result in zip(pending, checked):
        result.source = read.source if result.findings else None
        run.files[index] = _guarded(Path(result.path), lambda: _finish(result, read.settings))
        done += 1
        if progress is not None:
            progress(done, total)
    if stdin is not None:
        name = Path(stdin_filename)
        run.files.append(_guarded(name, lambda: check_source(read_source(name, data=stdin),
                                                             settings_for(name, overrides), store)))
    return run


class _Read(NamedTuple):
    """A file read once, with its settings, waiting to be checked."""

    source: Source
    settings: Settings


def _check_read(read: _Read, cache: Cache | None) -> FileResult:
    """Check one read file in a worker; the result travels back without the source, which the caller
    still has, and is finished there: what finishing looks up on disk must be noted in the caller's journal."""
    result = _guarded(Path(read.source.path), lambda: _answer(read.source, read.settings, cache))
    result.source = None
    return result


def _kind_of(path: Path) -> str:
    return "jupyter" if path.suffix.lower() == ".ipynb" else "python"
