"""Write a file so that a reader (or a crash) sees either the old content or the new, never half of each.

The new text goes to a temporary file in the same folder (so the final rename never crosses file
systems), is flushed to disk, takes over the old file's permission bits, and only then replaces the
original with `os.replace`, which is atomic on POSIX and Windows. Any failure before the rename
removes the temporary file and leaves the original untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def newline_of(text: str) -> str:
    """The line ending a text already uses (the first one found), `\\n` when it has none."""
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write `text` exactly as given (no newline translation) in `encoding`; `utf-8-sig` writes a BOM."""
    write_bytes(path, text.encode(encoding))


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sparklint-tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(path.parent)


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable; some platforms cannot open a directory, which is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
