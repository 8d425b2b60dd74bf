"""The cache: one index per project of what each file gave, so a warm run reads no source file.

As in Ruff, the index lives in the project's cache folder, one per sparklint build (its version,
the sizes and times of its code and catalog, and Python's version). An entry is keyed by the
file's path and answers only while the file has the size and modification time it was checked
with and its settings (the effective configuration, hence the rule set) are the same; a renamed
file is a new path.

The index is a folder: a small `status` file saying for each path what its answer was made from,
and SHARDS files holding the answers of the paths that hash to them. So a run knows at once, from
the status file alone, which files it must parse (and can start on them), a shard is loaded only
when one of its answers is wanted, and only the shards whose answers changed are written: a warm
run reads every shard once, a run that checks a few files (pre-commit's) reads only theirs, and
an edit rewrites one shard, not the whole index. Two runs at once may write the status file and a
shard each, so a shard's answer repeats the status it was made from and counts only if it matches.

File times tick coarsely, so a file written just before it was checked could change again within
the same tick and keep its size and time. As in Git, such a "racy" entry (modified less than
RACY_NS before the run began, or later) also keeps a digest of the bytes, and is answered only
after the file is read and the digest matches.

What is stored is the engine's answer; what depends on the settings alone (per-file ignores,
the compute estimate) is derived again on a hit.

A shard is one `marshal` blob of plain lists, tuples and dicts, and every string in it is
shared: thousands of findings repeat a few thousand messages, so each is written and read once
(marshal keeps the sharing), and loading it is one call in C. A finding or signal is the dict of
its fields, and that very dict becomes the restored object's `__dict__`; a restored result shares
its lists and dicts with the shard too. That is safe because the objects are frozen and nothing
changes a result's containers after its check (a run only replaces `findings` with a filtered
list): only what the run must change (the file's name as this run gives it, a `Fix`, a
`DataInput`) is copied. marshal's format belongs to a Python version, so that version is part of
the build key; like any cache, the index is trusted as sparklint's own file, and a file of it
that does not load is a miss for its paths.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import astuple, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sparklint import __version__, files
from sparklint.locations import own_files
from sparklint.result import DataInput, FileResult, LocatedSignal
from sparklint.rule import Finding, Fix

FORMAT = "9"  # bump when the index layout changes
SHARDS = 32  # an edit rewrites 1/SHARDS of the answers; more shards cost a warm run more files to open
KEPT_BUILDS = 3  # indexes of other builds kept: pre-commit's pinned sparklint and a dev install may share a project
RACY_NS = 2_000_000_000  # coarser than any file system's clock tick (FAT's is 2 s)
STATUS, SETTINGS, DIGEST, SIZE = range(4)  # a status entry is a list of these; a shard entry is [status, result]
Restored = TypeVar("Restored")


class Hit(NamedTuple):
    """An answer the index holds: its key, and its size (the findings and signals restoring it makes)."""

    key: str
    size: int


class Cache:
    """`directory/index-<format>-<build>/` holding `status` and the shards `00`...; a `.gitignore`
    of `*` keeps the folder out of git."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"index-{FORMAT}-{build_key()}"
        self.started = time.time_ns()
        self._status: dict[str, list] | None = None
        self._shards: dict[int, dict[str, list]] = {}  # the shards loaded so far, by number
        self._changed: set[int] = set()  # the shards to write back
        self._strings: dict[str, str] = {}  # each string new answers hold, once
        self._seen: set[str] = set()  # the paths this run looked up

    @property
    def status(self) -> dict[str, list]:
        if self._status is None:
            self._status = _load(self.path / "status")
        return self._status

    def _shard(self, key: str) -> tuple[int, dict[str, list]]:
        number = shard_of(key)
        if number not in self._shards:
            self._shards[number] = _load(self.path / f"{number:02x}")
        return number, self._shards[number]

    def lookup(self, path: str | Path, status: os.stat_result, settings: object) -> Hit | None:
        """The answer the index holds for this file as it is now and these settings (`restore`
        gives it), or None."""
        key = os.path.abspath(path)
        self._seen.add(key)
        entry = self.status.get(key)
        try:
            if entry is None or entry[STATUS] != _status(status) or entry[SETTINGS] != _settings_digest(settings):
                return None
            if entry[DIGEST] is not None:
                if entry[DIGEST] != _digest(files.read_regular(path)):
                    return None
                if not self._racy(status):  # old enough now: its status vouches for it when the index is next written
                    entry[DIGEST] = None
            return Hit(key, entry[SIZE])
        except (OSError, TypeError, KeyError, IndexError):
            return None  # unreadable now, or an entry from an incompatible layout

    def restore(self, key: str, path: str | Path, status: os.stat_result) -> FileResult | None:
        """The answer `lookup` vouched for (its `key`), named `path`, or None if its shard holds no
        answer made from this status."""
        try:
            made_from, result = self._shard(key)[1][key]
            return _decode(result, str(path)) if made_from == _status(status) else None
        except (TypeError, KeyError, IndexError, ValueError, AttributeError):
            return None  # lost to another run, or an answer of an incompatible layout

    def digest_if_racy(self, status: os.stat_result, data: bytes) -> str | None:
        """The digest an entry needs besides its status, if the file's time is too recent to vouch for it."""
        return _digest(data) if self._racy(status) else None

    def put(self, path: str | Path, status: os.stat_result, digest: str | None, settings: object,
            result: FileResult) -> None:
        """Remember what the file gave; `status` was taken before the bytes `digest_if_racy` saw were read."""
        key = os.path.abspath(path)
        self.status[key] = [_status(status), _settings_digest(settings), digest,
                            len(result.findings) + len(result.signals)]
        number, shard = self._shard(key)
        shard[key] = [_status(status), _shared(_encode(result), self._strings)]
        self._changed.add(number)

    def _racy(self, status: os.stat_result) -> bool:
        return max(status.st_mtime_ns, status.st_ctime_ns) >= self.started - RACY_NS

    def save(self) -> None:
        """Write the status file and the changed shards, each atomically (temporary file + rename),
        if anything changed; a cache that cannot be written is no error.

        Entries of files that are gone are dropped then (their answers when their shard is next
        written); a run that checked only some files (as pre-commit's does) keeps the others'
        entries, since their files are still there."""
        if not self._changed:
            return
        import tempfile  # only here: a run answered wholly from the cache writes nothing

        for gone in [path for path in self.status if path not in self._seen and not os.path.lexists(path)]:
            del self.status[gone]
        try:
            self._prepare()
            for name, content in [(f"{n:02x}", self._kept(n)) for n in sorted(self._changed)] + [("status", self.status)]:
                handle, temporary = tempfile.mkstemp(dir=self.path, prefix=".tmp-")
                try:
                    with os.fdopen(handle, "wb") as stream:
                        marshal.dump(content, stream)
                    os.replace(temporary, self.path / name)
                except BaseException:
                    _remove(temporary)
                    raise
        except OSError:
            pass

    def _kept(self, number: int) -> dict[str, list]:
        """A shard without the answers of paths the status file no longer holds."""
        shard = self._shards[number]
        return {key: answer for key, answer in shard.items() if key in self.status}

    def _prepare(self) -> None:
        """The cache folder, its `.gitignore`, and this build's index folder; the first time a build
        writes, all but the KEPT_BUILDS most recent other builds' indexes go (every upgrade, and in
        an editable install every edit of sparklint, starts an index of its own)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by sparklint automatically.\n*\n", encoding="utf-8")
        if self.path.is_dir():
            return
        import shutil

        self.path.mkdir(exist_ok=True)
        indexes = []
        for index in self.directory.glob("index-*"):
            try:
                indexes.append((index.stat().st_mtime_ns, index))
            except OSError:
                pass  # another run removed it meanwhile
        for _, index in sorted(indexes, reverse=True)[KEPT_BUILDS + 1:]:
            if index.is_dir():
                shutil.rmtree(index, ignore_errors=True)
            else:
                _remove(str(index))  # an index of an earlier format, one file


def _load(path: Path) -> dict[str, list]:
    try:
        loaded = marshal.loads(path.read_bytes())
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}  # absent, or damaged: start afresh


def shard_of(key: str) -> int:
    """The shard of an absolute path: the same in every process (unlike `hash`)."""
    return zlib.crc32(key.encode()) % SHARDS


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
    """A FileResult of its own, sharing its containers and frozen objects' fields with the shard."""
    (kind, error, cell_errors, skipped, other_cells, findings, fixed, signals, inputs, counts, lines,
     column_offsets) = data
    if findings and findings[0]["path"] != path:  # an entry from a run that named the file otherwise
        findings = [{**values, "path": path} for values in findings]
    return FileResult(path, kind, _restored(Finding, findings, fixed, "fix", Fix), error=error,
                      cell_errors=cell_errors, skipped=skipped, other_cells=other_cells,
                      signals=_restored(LocatedSignal, signals, inputs, "value", DataInput), counts=counts,
                      lines=lines, column_offsets=column_offsets)


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
