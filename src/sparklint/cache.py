"""The cache: one index per project of what each file gave, so a warm run reads no source file.

As in Ruff, the index lives in the project's cache folder, one file per sparklint build (its
version, and the sizes and times of its code and catalog), loaded once per run and written once
at the end when anything changed. An entry is keyed by the file's path and answers only while
the file has the size and modification time it was checked with and its settings (the effective
configuration, hence the rule set) are the same; a renamed file is a new path.

File times tick coarsely, so a file written just before it was checked could change again within
the same tick and keep its size and time. As in Git, such a "racy" entry (modified less than
RACY_NS before the run began, or later) also keeps a digest of the bytes, and is answered only
after the file is read and the digest matches.

What is stored is the engine's answer; what depends on the settings alone (per-file ignores,
the compute estimate) is derived again on a hit.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

from sparklint import __version__, files
from sparklint.locations import own_files
from sparklint.result import DataInput, FileResult, LocatedSignal
from sparklint.rule import FINDING_FIELDS, Finding, Fix

FORMAT = "5"  # bump when the index layout changes
RACY_NS = 2_000_000_000  # coarser than any file system's clock tick (FAT's is 2 s)
FIX, PATH = FINDING_FIELDS.index("fix"), FINDING_FIELDS.index("path")  # an entry's finding is a row of its fields


class Cache:
    """`directory/index-<format>-<build>.json`, a path -> entry mapping; a `.gitignore` of `*` keeps it out of git."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / f"index-{FORMAT}-{build_key()}.json"
        self.started = time.time_ns()
        self._entries: dict[str, dict] | None = None
        self._changed = False

    @property
    def entries(self) -> dict[str, dict]:
        if self._entries is None:
            try:
                loaded = json.loads(self.path.read_bytes())
                self._entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._entries = {}  # absent, or damaged: start afresh
        return self._entries

    def lookup(self, path: str | Path, status: os.stat_result, settings: object) -> FileResult | None:
        """The stored result for this file as it is now and these settings, or None."""
        entry = self.entries.get(os.path.abspath(path))
        try:
            if entry is None or entry["status"] != _status(status) or entry["settings"] != _settings_digest(settings):
                return None
            if entry["digest"] is not None:
                if entry["digest"] != _digest(files.read_regular(path)):
                    return None
                if not self._racy(status):  # old enough now: from here on its status vouches for it
                    entry["digest"], self._changed = None, True
            return _decode(entry["result"], str(path))
        except (OSError, TypeError, KeyError, IndexError, ValueError, AttributeError):
            return None  # unreadable now, or an entry from an incompatible layout

    def digest_if_racy(self, status: os.stat_result, data: bytes) -> str | None:
        """The digest an entry needs besides its status, if the file's time is too recent to vouch for it."""
        return _digest(data) if self._racy(status) else None

    def put(self, path: str | Path, status: os.stat_result, digest: str | None, settings: object,
            result: FileResult) -> None:
        """Remember what the file gave; `status` was taken before the bytes `digest_if_racy` saw were read."""
        self.entries[os.path.abspath(path)] = {
            "status": _status(status), "settings": _settings_digest(settings), "digest": digest,
            "result": _encode(result),
        }
        self._changed = True

    def _racy(self, status: os.stat_result) -> bool:
        return max(status.st_mtime_ns, status.st_ctime_ns) >= self.started - RACY_NS

    def save(self) -> None:
        """Write the index atomically (temporary file + rename) if it changed; a cache that cannot be
        written is no error. Two runs at once: the last one's index wins, and both were right."""
        if not self._changed:
            return
        import tempfile  # only here: a run answered wholly from the cache writes nothing

        try:
            self._prepare()
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(json.dumps(self.entries, separators=(",", ":")).encode())
                os.replace(temporary, self.path)
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by sparklint automatically.\n*\n", encoding="utf-8")


@lru_cache(maxsize=1)
def build_key() -> str:
    """The version and the size and time of every file of sparklint and its catalog: the version
    alone would miss an edited catalog or an editable install under development."""
    return hashlib.blake2b(repr((__version__, own_files())).encode(), digest_size=10).hexdigest()


@lru_cache(maxsize=64)
def _settings_digest(settings: object) -> str:
    return hashlib.blake2b(repr(settings).encode(), digest_size=16).hexdigest()


def _status(status: os.stat_result) -> list[int]:
    """What vouches for unchanged bytes, as in Git: the change time too, which no one can set back."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _encode(result: FileResult) -> dict:
    """Findings and signals as rows, not objects: a warm run reads thousands of them."""
    return {
        "kind": result.kind, "error": result.error, "cell_errors": result.cell_errors,
        "skipped": result.skipped, "other_cells": result.other_cells,
        "findings": [astuple(f) for f in result.findings],
        "signals": [astuple(s) for s in result.signals],
        "counts": result.counts, "lines": result.lines, "column_offsets": result.column_offsets,
    }


def _decode(data: dict, path: str) -> FileResult:
    findings = []
    for stored in data["findings"]:
        row = list(stored)  # the entry itself stays as stored: the index may be written back
        fix = row[FIX]
        row[FIX] = Fix(fix[0], fix[1], tuple(fix[2])) if fix else None
        row[PATH] = path  # as this run names the file: the entry may come from a run in another folder
        findings.append(Finding.from_row(row))
    return FileResult(path, data["kind"], findings, error=data["error"], cell_errors=data["cell_errors"],
                      skipped=data["skipped"], other_cells=data["other_cells"],
                      signals=[_signal(*row) for row in data["signals"]], counts=data["counts"],
                      lines={int(n): text for n, text in data["lines"].items()},
                      column_offsets={int(n): offset for n, offset in data["column_offsets"].items()})


def _signal(name: str, value: str | list[str], line: int, cell: int | None, cell_line: int | None) -> LocatedSignal:
    """A stored signal: JSON keeps a `DataInput` as a list."""
    return LocatedSignal(name, value if isinstance(value, str) else DataInput(*value), line, cell, cell_line)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
