"""The cache: one index per project of what each file gave, so a warm run reads no source file.

As in Ruff, the index lives in the project's cache folder, one file per sparklint build (its
version, the sizes and times of its code and catalog, and Python's version), loaded once per run and written once
at the end when anything changed. An entry is keyed by the file's path and answers only while
the file has the size and modification time it was checked with and its settings (the effective
configuration, hence the rule set) are the same; a renamed file is a new path.

File times tick coarsely, so a file written just before it was checked could change again within
the same tick and keep its size and time. As in Git, such a "racy" entry (modified less than
RACY_NS before the run began, or later) also keeps a digest of the bytes, and is answered only
after the file is read and the digest matches.

What is stored is the engine's answer; what depends on the settings alone (per-file ignores,
the compute estimate) is derived again on a hit.

The index is one `marshal` blob of plain lists, tuples and dicts, and every string in it is
shared: thousands of findings repeat a few thousand messages, so each is written and read once
(marshal keeps the sharing), and loading it is one call in C. A finding or signal is the dict of
its fields, and that very dict becomes the restored object's `__dict__`: the objects are frozen,
so the index (which may be written back) and the run can share it; only what the run must change
(the file's name as this run gives it, a `Fix`, a `DataInput`) is copied. marshal's format belongs
to a Python version, so that version is part of the build key; like any cache, the index is
trusted as sparklint's own file, and one that does not load is a miss.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
from collections.abc import Callable
from dataclasses import astuple, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sparklint import __version__, files
from sparklint.locations import own_files
from sparklint.result import DataInput, FileResult, LocatedSignal
from sparklint.rule import Finding, Fix

FORMAT = "7"  # bump when the index layout changes
KEPT_BUILDS = 3  # indexes of other builds kept: pre-commit's pinned sparklint and a dev install may share a project
RACY_NS = 2_000_000_000  # coarser than any file system's clock tick (FAT's is 2 s)
STATUS, SETTINGS, DIGEST, RESULT = range(4)  # an entry is a list of these
Restored = TypeVar("Restored")


class Cache:
    """`directory/index-<format>-<build>`, a path -> entry mapping; a `.gitignore` of `*` keeps it out of git."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"index-{FORMAT}-{build_key()}"
        self.started = time.time_ns()
        self._entries: dict[str, list] | None = None
        self._strings: dict[str, str] = {}  # each string new entries hold, once
        self._seen: set[str] = set()  # the paths this run looked up
        self._changed = False

    @property
    def entries(self) -> dict[str, list]:
        if self._entries is None:
            try:
                loaded = marshal.loads(self.path.read_bytes())
                self._entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError, EOFError, TypeError):
                self._entries = {}  # absent, or damaged: start afresh
        return self._entries

    def lookup(self, path: str | Path, status: os.stat_result, settings: object) -> FileResult | None:
        """The stored result for this file as it is now and these settings, or None."""
        key = os.path.abspath(path)
        self._seen.add(key)
        entry = self.entries.get(key)
        try:
            if entry is None or entry[STATUS] != _status(status) or entry[SETTINGS] != _settings_digest(settings):
                return None
            if entry[DIGEST] is not None:
                if entry[DIGEST] != _digest(files.read_regular(path)):
                    return None
                if not self._racy(status):  # old enough now: its status vouches for it when the index is next written
                    entry[DIGEST] = None
            return _decode(entry[RESULT], str(path))
        except (OSError, TypeError, KeyError, IndexError, ValueError, AttributeError):
            return None  # unreadable now, or an entry from an incompatible layout

    def digest_if_racy(self, status: os.stat_result, data: bytes) -> str | None:
        """The digest an entry needs besides its status, if the file's time is too recent to vouch for it."""
        return _digest(data) if self._racy(status) else None

    def put(self, path: str | Path, status: os.stat_result, digest: str | None, settings: object,
            result: FileResult) -> None:
        """Remember what the file gave; `status` was taken before the bytes `digest_if_racy` saw were read."""
        self.entries[os.path.abspath(path)] = [
            _status(status), _settings_digest(settings), digest, _shared(_encode(result), self._strings)]
        self._changed = True

    def _racy(self, status: os.stat_result) -> bool:
        return max(status.st_mtime_ns, status.st_ctime_ns) >= self.started - RACY_NS

    def save(self) -> None:
        """Write the index atomically (temporary file + rename) if it changed; a cache that cannot be
        written is no error. Two runs at once: the last one's index wins, and both were right.

        Entries of files that are gone are dropped then; a run that checked only some files (as
        pre-commit's does) keeps the others' entries, since their files are still there."""
        if not self._changed:
            return
        import tempfile  # only here: a run answered wholly from the cache writes nothing

        for gone in [path for path in self.entries if path not in self._seen and not os.path.lexists(path)]:
            del self.entries[gone]

        try:
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            first = not self.path.exists()
            try:
                with os.fdopen(handle, "wb") as stream:
                    marshal.dump(self.entries, stream)
                os.replace(temporary, self.path)
            except BaseException:
                _remove(temporary)
                raise
            if first:
                self._forget_old_builds()
        except OSError:
            pass

    def _forget_old_builds(self) -> None:
        """Every upgrade, and in an editable install every edit of sparklint, starts an index of its
        own: when a build writes its first, all but the KEPT_BUILDS most recent go."""
        indexes = []
        for index in self.directory.glob("index-*"):
            try:
                indexes.append((index.stat().st_mtime_ns, index))
            except OSError:
                pass  # another run removed it meanwhile
        for _, index in sorted(indexes, reverse=True)[KEPT_BUILDS + 1:]:
            _remove(str(index))

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by sparklint automatically.\n*\n", encoding="utf-8")


@lru_cache(maxsize=1)
def build_key() -> str:
    """The version and the size and time of every file of sparklint and its catalog (the version
    alone would miss an edited catalog or an editable install under development), and Python's
    version, which owns marshal's format."""
    return hashlib.blake2b(repr((__version__, sys.version, own_files())).encode(), digest_size=10).hexdigest()


@lru_cache(maxsize=64)
def _settings_digest(settings: object) -> str:
    return hashlib.blake2b(repr(settings).encode(), digest_size=16).hexdigest()


def _status(status: os.stat_result) -> tuple[int, ...]:
    """What vouches for unchanged bytes, as in Git: the change time too, which no one can set back."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _encode(result: FileResult) -> tuple:
    """Findings and signals as the dicts of their fields, with where the few that hold an object
    (a `Fix`, a `DataInput`) are: a warm run restores tens of thousands and converts only those."""
    findings, signals = result.findings, result.signals
    return (result.kind, result.error, result.cell_errors, result.skipped, result.other_cells,
            [{**vars(f), "fix": f.fix and astuple(f.fix)} for f in findings],
            [i for i, f in enumerate(findings) if f.fix is not None],
            [vars(s) for s in signals], [i for i, s in enumerate(signals) if not isinstance(s.value, str)],
            result.counts, result.lines, result.column_offsets)


def _shared(value: Any, strings: dict[str, str]) -> Any:
    """`value` as plain lists, tuples and dicts (a NamedTuple becomes a tuple), with each string
    replaced by the first equal one seen, so that marshal writes it once."""
    if isinstance(value, str):
        return strings.setdefault(value, value)
    if isinstance(value, tuple):
        return tuple(_shared(item, strings) for item in value)
    if isinstance(value, list):
        return [_shared(item, strings) for item in value]
    if isinstance(value, dict):
        return {_shared(key, strings): _shared(item, strings) for key, item in value.items()}
    return value


def _decode(data: tuple, path: str) -> FileResult:
    """A FileResult of its own, sharing only frozen objects' fields with the index."""
    (kind, error, cell_errors, skipped, other_cells, findings, fixed, signals, inputs, counts, lines,
     column_offsets) = data
    if findings and findings[0]["path"] != path:  # an entry from a run that named the file otherwise
        findings = [{**values, "path": path} for values in findings]
    return FileResult(path, kind, _restored(Finding, findings, fixed, "fix", Fix), error=error,
                      cell_errors=list(cell_errors), skipped=skipped, other_cells=dict(other_cells),
                      signals=_restored(LocatedSignal, signals, inputs, "value", DataInput), counts=dict(counts),
                      lines=dict(lines), column_offsets=dict(column_offsets))


FIELDS: dict[type, set[str]] = {kind: {f.name for f in fields(kind)} for kind in (Finding, LocatedSignal)}


def _restored(kind: type[Restored], stored: list[dict[str, Any]], holding: list[int], field: str,
              held: Callable[..., Any]) -> list[Restored]:
    """Objects of a frozen dataclass whose fields are these dicts, without the field-by-field
    `__init__`: a warm run restores tens of thousands. At the positions `holding`, `field` is a
    tuple the index keeps for an object, `held(*tuple)`. One entry's objects share a layout, so
    the first one's fields vouch for the rest."""
    if stored and stored[0].keys() != FIELDS[kind]:
        raise ValueError(f"a stored {kind.__name__} of other fields")  # from an index of another layout
    if holding:
        stored = list(stored)
        for i in holding:
            stored[i] = {**stored[i], field: held(*stored[i][field])}
    new, bind = object.__new__, object.__setattr__
    restored = []
    for values in stored:
        item = new(kind)
        bind(item, "__dict__", values)
        restored.append(item)
    return restored


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
