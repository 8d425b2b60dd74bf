"""Check paths, files or sources: the library entry points the CLI, the harness and tests share."""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Iterable

from sparklint.cache import Cache, default_dir
from sparklint.catalog import load_rules
from sparklint.config import ConfigError, Settings, settings_for_dir, with_overrides
from sparklint.discovery import Missing, discover
from sparklint.engine import Engine
from sparklint.estimate import ComputeSignals, estimate
from sparklint.parallel import map_ordered
from sparklint.readiness import DistributedOperations
from sparklint.result import FileResult, Run
from sparklint.sources import Source, SourceError, read_source

__all__ = ["Run", "check_file", "check_paths", "check_source", "engine_for", "settings_for"]


@lru_cache(maxsize=32)
def engine_for(codes: tuple[str, ...]) -> Engine:
    return Engine((r for r in load_rules() if r.code in codes), observers=[DistributedOperations(), ComputeSignals()])


def enabled_codes(settings: Settings) -> tuple[str, ...]:
    return tuple(r.code for r in load_rules() if settings.enabled(r.code, r.name))


def settings_for(path: Path, overrides: dict[str, Any] | None = None) -> Settings:
    return with_overrides(settings_for_dir(path.parent.resolve()), **(overrides or {}))


def check_source(source: Source, settings: Settings | None = None, cache: Cache | None = None) -> FileResult:
    settings = settings or Settings()
    check = partial(engine_for(enabled_codes(settings)).check, target=settings.target)
    result = cache.through(check, source, settings) if cache is not None else check(source)
    ignored = settings.ignored_for(Path(source.path))
    if ignored:
        result.findings = [f for f in result.findings if not any(f.code.startswith(c) for c in ignored)]
    if result.error is None:
        result.compute = estimate(result, settings.data_size)
    return result


def check_file(path: str | Path, overrides: dict[str, Any] | None = None, cache: Cache | None = None) -> FileResult:
    path = Path(path)
    try:
        return check_source(read_source(path), settings_for(path, overrides), cache)
    except SourceError as exc:
        return FileResult(str(path), _kind_of(path), error=str(exc))
    except ConfigError:
        raise  # a configuration the user must fix stops the run with one message
    except Exception as exc:  # a bug costs the one file it hit, never the run: the others are still checked
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

    With `cache`, unchanged files are answered from the cache without parsing; the rest are
    checked on `jobs` processes (0/None: every core). `progress(done, total)` hears about each
    finished file, for a progress bar.
    """
    store = Cache(cache_dir or default_dir()) if cache else None
    run = Run()
    pending: list[tuple[int, Path]] = []
    for path in discover([p for p in paths if p != "-"], force_exclude):
        if isinstance(path, Missing):
            run.files.append(FileResult(path.path, _kind_of(Path(path.path)), error=path.reason))
            continue
        hit = _cached(path, overrides, store) if store is not None else None
        if hit is None:
            pending.append((len(run.files), path))
        run.files.append(hit)
    done, total = len(run.files) - len(pending), len(run.files)
    if progress is not None:
        progress(done, total)
    checked = map_ordered(partial(check_file, overrides=overrides, cache=store), [p for _, p in pending], jobs,
                          warm_up=lambda: engine_for(enabled_codes(settings_for(pending[0][1], overrides))))
    for (index, _), result in zip(pending, checked):
        run.files[index] = result
        done += 1
        if progress is not None:
            progress(done, total)
    if stdin is not None:
        name = Path(stdin_filename)
        try:
            run.files.append(check_source(read_source(name, data=stdin), settings_for(name, overrides), store))
        except SourceError as exc:
            run.files.append(FileResult(stdin_filename, _kind_of(name), error=str(exc)))
        except ConfigError:
            raise
        except Exception as exc:
            run.files.append(FileResult(stdin_filename, _kind_of(name), error=internal_error(exc)))
    return run


def _cached(path: Path, overrides: dict[str, Any] | None, cache: Cache) -> FileResult | None:
    """A file's result when the cache holds it (no parse); None when it must be checked."""
    try:
        source = read_source(path)
    except SourceError:
        return None
    settings = settings_for(path, overrides)
    return check_source(source, settings, cache) if cache.holds(source, settings) else None


def _kind_of(path: Path) -> str:
    return "jupyter" if path.suffix.lower() == ".ipynb" else "python"
