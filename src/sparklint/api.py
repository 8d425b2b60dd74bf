"""Check paths, files or sources: the library entry points the CLI, the harness and tests share.

A run whose files all come from the cache never builds an engine, so the engine and its
observers (and with them LibCST) are imported only when a file must be parsed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sparklint import files
from sparklint.cache import Cache
from sparklint.catalog import load_rules
from sparklint.config import ConfigError, Settings, real_path, settings_for_dir, with_overrides
from sparklint.discovery import Missing, discover
from sparklint.locations import default_cache_dir
from sparklint.parallel import map_ordered
from sparklint.result import FileResult, Run
from sparklint.sources import Source, SourceError, read_bytes, read_source

if TYPE_CHECKING:
    from sparklint.engine import Engine

__all__ = ["Run", "check_file", "check_paths", "check_source", "engine_for", "settings_for"]


@lru_cache(maxsize=32)
def engine_for(codes: tuple[str, ...]) -> Engine:
    from sparklint.engine import Engine
    from sparklint.estimate.signals import ComputeSignals, DistributedOperations

    return Engine((r for r in load_rules() if r.code in codes), observers=[DistributedOperations(), ComputeSignals()])


def enabled_codes(settings: Settings) -> tuple[str, ...]:
    """The rules a file's settings turn on."""
    return _enabled_codes(settings.select, settings.ignore)


@lru_cache(maxsize=64)
def _enabled_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[str, ...]:
    """Cached by what decides it: the settings of different folders (their roots differ) most often select alike."""
    chosen = Settings(select=select, ignore=ignore)
    return tuple(r.code for r in load_rules() if chosen.enabled(r.code, r.name))


def settings_for(path: Path, overrides: dict[str, Any] | None = None) -> Settings:
    return with_overrides(settings_for_dir(Path(real_path(path.parent))), **(overrides or {}))


def check_source(source: Source, settings: Settings | None = None) -> FileResult:
    settings = settings or Settings()
    return _finish(_answer(source, settings), settings)


def _answer(source: Source, settings: Settings) -> FileResult:
    """The engine's answer, before the steps that only need the settings."""
    return engine_for(enabled_codes(settings)).check(source, target=settings.target)


def _finish(result: FileResult, settings: Settings) -> FileResult:
    """What depends on the settings but not on the parse (so it is redone on a cache hit)."""
    ignored = settings.ignored_for(result.path)
    if ignored:
        result.findings = [f for f in result.findings if not any(f.code.startswith(c) for c in ignored)]
    result.data_size = settings.data_size
    return result


def check_file(path: str | Path, overrides: dict[str, Any] | None = None) -> FileResult:
    path = Path(path)
    return _guarded(path, _check_file, path, overrides)


def _check_file(path: Path, overrides: dict[str, Any] | None) -> FileResult:
    return check_source(read_source(path), settings_for(path, overrides))


def _guarded(path: Path, work: Callable[..., Any], *args: Any) -> Any:
    """`work(*args)` for one file; whatever goes wrong costs that file only, never the run."""
    try:
        return work(*args)
    except SourceError as exc:
        return FileResult(str(path), _kind_of(path), error=str(exc))
    except ConfigError:
        raise  # a configuration the user must fix stops the run with one message
    except Exception as exc:  # a bug: the others are still checked
        return FileResult(str(path), _kind_of(path), error=internal_error(exc))


INTERNAL_ERROR = "internal error: "


def crashed(result: FileResult) -> bool:
    """Whether checking hit a bug in sparklint: such an answer is reported but never cached."""
    return bool(result.error and result.error.startswith(INTERNAL_ERROR))


def internal_error(exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:300]
    return f"{INTERNAL_ERROR}{type(exc).__name__}{': ' + detail if detail else ''} (please report)"


def check_paths(
    paths: Iterable[str], overrides: dict[str, Any] | None = None, force_exclude: bool = False,
    stdin: bytes | None = None, stdin_filename: str = "-", *, cache: bool = False,
    cache_dir: str | Path | None = None, jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Check every file under `paths`, in discovery order.

    With `cache`, a file whose size, time and settings match the project's cache index is
    answered from it without being read; the rest are read once, here, and parsed on `jobs`
    processes (0/None: every core) while this one restores the answers from the index.
    `progress(done, total)` hears about each finished file.
    """
    store = Cache(cache_dir or default_cache_dir()) if cache else None
    slots: list[FileResult | None] = []  # None: waiting to be checked or restored
    pending: list[tuple[int, _Read]] = []
    hits: list[tuple[int, _Hit]] = []
    settings_in: dict[str, Settings] = {}  # every file of a folder shares its settings
    for path in discover([p for p in paths if p != "-"], force_exclude):
        if isinstance(path, Missing):
            slots.append(FileResult(path.path, _kind_of(Path(path.path)), error=path.reason))
            continue
        folder = os.path.dirname(path)  # a string: hashing a Path per file costs more than the rest
        if folder not in settings_in:
            settings_in[folder] = settings_for(path, overrides)
        found = _guarded(path, _look, path, settings_in[folder], store)
        if isinstance(found, _Read):
            pending.append((len(slots), found))
        elif isinstance(found, _Hit):
            hits.append((len(slots), found))
        slots.append(found if isinstance(found, FileResult) else None)
    done, total = len(slots) - len(pending) - len(hits), len(slots)
    checked = _start(pending, jobs, meanwhile=sum(hit.size for _, hit in hits))
    for index, hit in hits:
        restored = store.restore(hit.key, hit.path, hit.status) if store is not None else None
        if restored is None:  # the index lost the answer since (another run): check the file after all
            late = _guarded(hit.path, _read, hit.path, hit.settings, hit.status, store)
            slots[index] = late if isinstance(late, FileResult) else _settle(late, _check_read(late[:2]), store)
        else:
            slots[index] = _finish(restored, hit.settings)
        done += 1
    if progress is not None:
        progress(done, total)
    for (index, read), result in zip(pending, checked, strict=True):
        slots[index] = _settle(read, result, store)
        done += 1
        if progress is not None:
            progress(done, total)
    if store is not None:
        store.save()
    run = Run([slot for slot in slots if slot is not None])  # every slot is filled by now
    if stdin is not None:
        name = Path(stdin_filename)
        run.files.append(_guarded(name, _check_stdin, name, stdin, overrides))
    return run


class _Read(NamedTuple):
    """A file read once, with its settings (and, for the cache, its status before the read and the
    digest of its bytes when its time is too recent to vouch for them), waiting to be checked."""

    source: Source
    settings: Settings
    status: os.stat_result | None
    digest: str | None


class _Hit(NamedTuple):
    """A file the cache index holds an answer for, waiting to be restored."""

    key: str
    size: int  # the findings and signals restoring it makes
    path: Path
    settings: Settings
    status: os.stat_result


def _look(path: Path, settings: Settings, store: Cache | None) -> _Hit | _Read:
    """A file the cache answers, or the file read and waiting to be checked."""
    status = None
    if store is not None and (status := files.status(path)) is not None:
        hit = store.lookup(path, status, settings)
        if hit is not None:
            return _Hit(*hit, path, settings, status)
    return _read(path, settings, status, store)


def _read(path: Path, settings: Settings, status: os.stat_result | None, store: Cache | None) -> _Read:
    data = read_bytes(path)
    digest = store.digest_if_racy(status, data) if store is not None and status is not None else None
    return _Read(read_source(path, data), settings, status, digest)


def _start(pending: list[tuple[int, _Read]], jobs: int | None, meanwhile: int = 0) -> Iterator[FileResult]:
    """The pending files' answers, in order; the work starts now if it runs beside this process,
    which meanwhile restores answers from the index that make `meanwhile` findings and signals."""
    return map_ordered(_check_read, [(read.source, read.settings) for _, read in pending], jobs,
                       warm_up=lambda: engine_for(enabled_codes(pending[0][1].settings)), meanwhile=meanwhile)


def _settle(read: _Read, result: FileResult, store: Cache | None) -> FileResult:
    """A checked file's answer kept in the index and finished."""
    if store is not None and read.status is not None and not crashed(result):
        store.put(read.source.path, read.status, read.digest, read.settings, result)
    return _guarded(Path(result.path), _finish, result, read.settings)


def _check_read(read: tuple[Source, Settings]) -> FileResult:
    """Check one read file in a worker (only its source and settings travel there); it is finished
    in the caller, which keeps the cache."""
    source, settings = read
    return _guarded(Path(source.path), _answer, source, settings)


def _check_stdin(name: Path, data: bytes, overrides: dict[str, Any] | None) -> FileResult:
    return check_source(read_source(name, data=data), settings_for(name, overrides))


def _kind_of(path: Path) -> str:
    return "jupyter" if path.suffix.lower() == ".ipynb" else "python"
