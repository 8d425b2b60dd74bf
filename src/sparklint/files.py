"""Looks at the user's files that never hang and never follow a loop: what a path is, a regular
file's bytes, and how much data sits under a path.

A FIFO named `x.py` or `.gitignore` would block a plain `open()` forever and a device would
never end, so files are opened without blocking and read only once `fstat` says they are regular.
"""

from __future__ import annotations

import errno
import os
import stat

MAX_FILE_BYTES = 100_000_000  # larger files are not read at all


class NotRegularFile(OSError):
    """The path leads to a folder, a named pipe, a socket or a device; `mode` says which."""

    def __init__(self, mode: int) -> None:
        super().__init__(errno.EINVAL, "not a regular file")
        self.mode = mode


class FileTooLarge(OSError):
    def __init__(self) -> None:
        super().__init__(errno.EFBIG, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")


def kind(path: str | os.PathLike) -> int | None:
    """The file type (`stat.S_IFMT`) a path leads to, following symlinks; None if it leads nowhere."""
    status = _status(path, os.stat)
    return None if status is None else stat.S_IFMT(status.st_mode)


def link_kind(path: str | os.PathLike) -> int | None:
    """The file type of the path itself (a symlink is `S_IFLNK`); None if there is nothing."""
    status = _status(path, os.lstat)
    return None if status is None else stat.S_IFMT(status.st_mode)


def read_regular(path: str | os.PathLike) -> bytes:
    """A regular file's bytes, up to MAX_FILE_BYTES; OSError if it cannot be read, NotRegularFile
    for anything else than a regular file, FileTooLarge past the limit."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(status.st_mode)
        if status.st_size > MAX_FILE_BYTES:
            raise FileTooLarge()
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may grow while it is read
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLarge()
    return data


def size(path: str | os.PathLike) -> int | None:
    """The bytes of a file, or of every file under a folder; None if the path leads nowhere."""
    status = _status(path, os.stat)
    if status is None or not stat.S_ISDIR(status.st_mode):
        return None if status is None else status.st_size if stat.S_ISREG(status.st_mode) else 0
    total = 0
    for dirpath, _, filenames in os.walk(os.fspath(path)):
        for name in filenames:
            found = _status(os.path.join(dirpath, name), os.stat)
            total += found.st_size if found is not None and stat.S_ISREG(found.st_mode) else 0
    return total


def status(path: str | os.PathLike) -> os.stat_result | None:
    """`os.stat`, or None if the path leads nowhere."""
    return _status(path, os.stat)


def _status(path: str | os.PathLike, how) -> os.stat_result | None:
    try:
        return how(path)
    except (OSError, ValueError):  # ValueError: a path with a NUL byte
        return None
