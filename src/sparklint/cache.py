"""A content-hash cache of per-file results, so an unchanged file is never parsed twice.

Like Ruff's cache, an entry is keyed by everything its result depends on: the file's code (and,
for notebooks, how its cells map back), its path, the sparklint version, a fingerprint of the
rule catalog and of sparklint's own code, and the file's effective settings. A change to any of
them is a different key, so nothing is ever invalidated in place; stale entries are simply no
longer read. Entries are small JSON files written to a temporary name and renamed into place,
so concurrent runs never see half an entry, and a reader treats an unreadable entry as a miss.

What is stored is the engine's answer (findings, error, signals, counts). Anything
derived from it and the settings (per-file ignores, the compute estimate) is derived again on a
hit, and the Source the text reporter quotes is the one the caller just read: no parse on a hit.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import astuple, fields
from functools import lru_cache
from pathlib import Path
from typing import Callable

from sparklint import __version__
from sparklint.locations import own_files
from sparklint.result import FileResult, LocatedSignal
from sparklint.rule import Finding, Fix
from sparklint.sources import Source

FORMAT = "3"  # bump when the entry layout changes


class Cache:
    """Entries under `directory/<format>/<2 hex>/<key>`; a `.gitignore` of `*` keeps it out of git."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.entries = self.directory / FORMAT

    def key(self, source: Source, settings: object) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{__version__}\0{code_fingerprint()}\0{_settings_digest(settings)}\0".encode())
        layout = (source.path, source.kind, source.cells, source.magics, sorted(source.column_offsets.items()))
        digest.update(repr(layout).encode())
        digest.update(source.code.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def lookup(self, source: Source, settings: object) -> FileResult | None:
        """The stored result for this source and settings, or None."""
        return self.get(self.key(source, settings), source)

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / key[2:]

    def through(self, check: Callable[[Source], FileResult], source: Source, settings: object) -> FileResult:
        """The cached result for this source and settings, or `check(source)`, stored for next time."""
        key = self.key(source, settings)
        result = self.get(key, source)
        if result is not None:
            return result
        result = check(source)
        self.put(key, result)
        return result

    def get(self, key: str, source: Source) -> FileResult | None:
        try:
            data = json.loads(self._path(key).read_bytes())
            return _decode(data, source)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # absent, half-written by a crashed run, or from an incompatible layout

    def put(self, key: str, result: FileResult) -> None:
        """Write atomically (temp file + rename); a cache that cannot be written is no error."""
        import tempfile  # only here: a run answered wholly from the cache writes nothing

        path = self._path(key)
        folder = path.parent
        try:
            self._prepare(folder)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(json.dumps(_encode(result), separators=(",", ":")).encode())
                os.replace(temporary, path)
            except BaseException:
                _remove(temporary)
                raise
        except OSError:
            pass

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by sparklint automatically.\n*\n", encoding="utf-8")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The size and mtime of every file of sparklint and its catalog: the version alone would
    miss an edited catalog or an editable install under development."""
    return hashlib.blake2b(repr(own_files()).encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=64)
def _settings_digest(settings: object) -> str:
    return hashlib.blake2b(repr(settings).encode(), digest_size=16).hexdigest()


FIX = [f.name for f in fields(Finding)].index("fix")  # an entry's finding is a row of its fields, in order


def _encode(result: FileResult) -> dict:
    """Findings and signals as rows, not objects: a warm run reads thousands of them."""
    return {
        "path": result.path, "kind": result.kind, "error": result.error, "cell_errors": result.cell_errors,
        "skipped": result.skipped, "other_cells": result.other_cells,
        "findings": [astuple(f) for f in result.findings],
        "signals": [astuple(s) for s in result.signals],
        "counts": dict(result.counts),
    }


def _decode(data: dict, source: Source) -> FileResult:
    findings = []
    for row in data["findings"]:
        fix = row[FIX]
        row[FIX] = Fix(fix[0], fix[1], tuple(fix[2])) if fix else None
        findings.append(Finding(*row))
    return FileResult(data["path"], data["kind"], findings, error=data["error"], cell_errors=data["cell_errors"],
                      skipped=data["skipped"], other_cells=data["other_cells"],
                      signals=[LocatedSignal(*row) for row in data["signals"]], counts=data["counts"],
                      source=source if findings else None)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
