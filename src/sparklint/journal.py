"""Every look a `check` run takes at the user's files and folders, noted so that a later identical
run can prove that nothing it depended on has changed (and `replay` its output instead).

On the check path, whether a path exists, what it is, where it really leads, what a file holds,
what a folder lists, what a glob matches and how big the data is are all asked here. While a run
is recorded, each answer is noted as `(kind, path) -> value`; `unchanged` asks the disk every
noted question again. When no run is recorded the functions only answer.

A file's content and a folder's listing are vouched for by their status (times, size, inode,
mode), as Git and Ruff do. File times tick coarsely, so a change made just after a status was
taken could leave the same status behind: a status with a time less than RACY_NS before the run
began (or later) is not trusted, and the file is vouched for by a digest of its bytes instead (a
folder by its entries).
"""

from __future__ import annotations

import errno
import os
import stat
import time

TYPE_CHECKING = False  # typing itself is not imported: a replay must start in a few milliseconds
if TYPE_CHECKING:
    from typing import Callable, Iterator

RACY_NS = 2_000_000_000  # coarser than any file system's clock tick (FAT's is 2 s)

_notes: dict[tuple[str, str], object] | None = None  # while a run is recorded
_started = 0


def record() -> None:
    """Start noting every answer."""
    global _notes, _started
    _notes, _started = {}, time.time_ns()


def recorded() -> dict[tuple[str, str], object]:
    """Stop noting; what was noted, by (kind, path)."""
    global _notes
    notes, _notes = _notes or {}, None
    return notes


def _note(kind: str, path: str | os.PathLike, value: object) -> None:
    if _notes is not None:
        _notes.setdefault((kind, os.fspath(path)), value)


class _Lost(dict):
    """The notes of a forked worker, which would never reach the record: noting one is a bug, made loud."""

    def setdefault(self, key, value=None):
        raise RuntimeError(f"a worker process looked at {key[1]!r}; only the recording process may")


def _forked() -> None:
    global _notes
    if _notes is not None:
        _notes = _Lost()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


# --- what a run asks ------------------------------------------------------------------------


def kind(path: str | os.PathLike) -> int | None:
    """The file type (`stat.S_IFMT`) a path leads to, following symlinks; None if it leads nowhere."""
    return _asked("kind", path)


def link_kind(path: str | os.PathLike) -> int | None:
    """The file type of the path itself (a symlink is `S_IFLNK`); None if there is nothing."""
    return _asked("link", path)


def is_file(path: str | os.PathLike) -> bool:
    return kind(path) == stat.S_IFREG


def is_dir(path: str | os.PathLike) -> bool:
    return kind(path) == stat.S_IFDIR


def real_path(path: str | os.PathLike) -> str:
    """`os.path.realpath`."""
    return _asked("real", path)


def size(path: str | os.PathLike) -> int | None:
    """The bytes of a file, or of every file under a folder; None if the path leads nowhere."""
    return _asked("size", path)


def glob(pattern: str) -> list[str]:
    """`glob.glob(pattern, recursive=True)`, sorted."""
    return list(_asked("glob", pattern))


def _asked(kind: str, path: str | os.PathLike):
    """The answer, by the very function that will ask again on a replay."""
    answer = _ANSWERS[kind](path, None)
    _note(kind, path, answer)
    return answer


def read(path: str | os.PathLike) -> bytes:
    """A regular file's bytes; OSError if it cannot be read or is not a regular file (a named pipe
    must not hang the run). A file that cannot be read is noted as missing."""
    try:
        status, data = _regular(path)
    except OSError:
        _note("file", path, None)
        raise
    was_read(path, status, data)
    return data


def was_read(path: str | os.PathLike, status: os.stat_result, data: bytes) -> None:
    """Note a file the caller read itself: `status` is its `fstat`, taken before reading `data`."""
    if _notes is not None:
        _note("file", path, ("digest", _digest(data)) if _racy(status) else _status(status))


def walk(top: str | os.PathLike, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk(top, onerror=onerror)` without following symlinked folders, noting each folder listed."""
    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror, followlinks=False):
        if _notes is not None:
            status = _stat(dirpath, os.stat)
            listing = "names", tuple(sorted(dirnames)), tuple(sorted(filenames))
            _note("folder", dirpath, None if status is None else listing if _racy(status) else _status(status))
        yield dirpath, dirnames, filenames


# --- asking again -----------------------------------------------------------------------------


def unchanged(notes: dict[tuple[str, str], object]) -> bool:
    """Whether every noted question gets the same answer now."""
    try:
        return all(_ANSWERS[kind](path, noted) == noted for (kind, path), noted in notes.items())
    except (AttributeError, KeyError, TypeError, ValueError):
        return False  # notes from another version of sparklint, or damaged


def _now(path: str, noted: object, vouched_by: str, content: Callable[[], tuple]) -> object:
    """The status now; or the content now, where the record vouched by content for a racy status."""
    status = _stat(path, os.stat)
    if status is None or not (isinstance(noted, tuple) and noted[0] == vouched_by):
        return None if status is None else _status(status)
    try:
        return (vouched_by, *content())
    except OSError:
        return None


def _regular(path: str | os.PathLike) -> tuple[os.stat_result, bytes]:
    """A regular file's status and bytes, opened without blocking: a named pipe is an OSError, not a hang."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        with open(fd, "rb", closefd=False) as handle:
            return status, handle.read()
    finally:
        os.close(fd)


def _listing(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A folder's subfolders and other entries, told apart as `os.walk` tells them (symlinks followed)."""
    folders, others = [], []
    with os.scandir(path) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (folders if is_dir else others).append(entry.name)
    return tuple(sorted(folders)), tuple(sorted(others))


_ANSWERS: dict[str, Callable[[str, object], object]] = {
    "kind": lambda path, _: _kind(path),
    "link": lambda path, _: _link_kind(path),
    "real": lambda path, _: os.path.realpath(path),
    "size": lambda path, _: _size(path),
    "glob": lambda pattern, _: tuple(_glob(pattern)),
    "file": lambda path, noted: _now(path, noted, "digest", lambda: (_digest(_regular(path)[1]),)),
    "folder": lambda path, noted: _now(path, noted, "names", lambda: _listing(path)),
}


# --- the answers themselves -------------------------------------------------------------------


def _stat(path: str | os.PathLike, how: Callable) -> os.stat_result | None:
    try:
        return how(path)
    except (OSError, ValueError):  # ValueError: a path with a NUL byte
        return None


def _kind(path: str | os.PathLike) -> int | None:
    status = _stat(path, os.stat)
    return None if status is None else stat.S_IFMT(status.st_mode)


def _link_kind(path: str | os.PathLike) -> int | None:
    status = _stat(path, os.lstat)
    return None if status is None else stat.S_IFMT(status.st_mode)


def _size(path: str | os.PathLike) -> int | None:
    status = _stat(path, os.stat)
    if status is None or not stat.S_ISDIR(status.st_mode):
        return None if status is None else status.st_size if stat.S_ISREG(status.st_mode) else 0
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            found = _stat(os.path.join(dirpath, name), os.stat)
            total += found.st_size if found is not None and stat.S_ISREG(found.st_mode) else 0
    return total


def _glob(pattern: str) -> list[str]:
    import glob

    return sorted(glob.glob(pattern, recursive=True))


def _status(status: os.stat_result) -> tuple[int, ...]:
    return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino, status.st_dev, status.st_mode


def _racy(status: os.stat_result) -> bool:
    return max(status.st_mtime_ns, status.st_ctime_ns) >= _started - RACY_NS


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(data, digest_size=20).digest()
