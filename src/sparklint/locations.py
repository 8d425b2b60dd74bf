"""Where sparklint's own files are and where it keeps its cache.

Light on purpose (no pathlib): a run answered wholly from the cache needs both, and little else.
"""

from __future__ import annotations

import os

PACKAGE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CACHE_DIR = ".sparklint_cache"


def catalog_dir() -> str:
    """The rule catalog: inside the package when installed, `rules/` beside `src/` when editable."""
    installed = os.path.join(PACKAGE, "catalog")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(os.path.dirname(
        os.path.realpath(PACKAGE))), "rules")


def default_cache_dir(start: str | None = None) -> str:
    """`.sparklint_cache` in the project root: the nearest folder with a configuration, else the cwd."""
    start = folder = os.path.realpath(start or os.getcwd())
    while True:
        if any(os.path.isfile(os.path.join(folder, name)) for name in ("sparklint.toml", "pyproject.toml")):
            return os.path.join(folder, DEFAULT_CACHE_DIR)
        folder, above = os.path.dirname(folder), folder
        if folder == above:
            return os.path.join(start, DEFAULT_CACHE_DIR)


_own_files: tuple[tuple[str, int, int], ...] | None = None  # one scan per process


def own_files() -> tuple[tuple[str, int, int], ...]:
    """(path, size, mtime) of every file of sparklint and of its catalog: any edit, even in an
    editable install under development, changes it."""
    global _own_files
    if _own_files is None:
        _own_files = _scan_own_files()
    return _own_files


def _scan_own_files() -> tuple[tuple[str, int, int], ...]:
    found: list[tuple[str, int, int]] = []
    catalog = catalog_dir()
    pending = [PACKAGE] + ([] if os.path.dirname(catalog) == PACKAGE else [catalog])
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                else:
                    status = entry.stat()
                    found.append((entry.path, status.st_size, status.st_mtime_ns))
    return tuple(sorted(found))
