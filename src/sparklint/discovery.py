"""Turn the paths a user gives into the files to check, honouring excludes and `.gitignore`.

Files named on the command line are checked even when an exclude matches them, unless
`force_exclude` is set (as the pre-commit hook does, because pre-commit names every file).
Walking a folder skips named pipes, sockets and devices (reading a FIFO would block forever) but
yields broken symlinks and symlink loops, so that the reader reports them instead of hiding them.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sparklint import journal
from sparklint.config import Settings, real_path, settings_for_dir
from sparklint.sources import is_candidate


@dataclass(frozen=True)
class Missing:
    """A path the user named that does not exist, or a folder that cannot be listed (`reason` says which)."""

    path: str
    reason: str = "no such file or directory"


def discover(paths: list[str], force_exclude: bool = False) -> Iterator[Path | Missing]:
    seen: set[str] = set()  # real paths: a file reached twice (named twice, or through a symlink) is checked once
    for raw in paths:
        path = Path(raw)
        kind = journal.kind(path)
        if kind is None and journal.link_kind(path) is None:
            yield Missing(raw)
            continue
        if kind == stat.S_IFDIR:
            for found in _walk(path):
                if isinstance(found, Missing):
                    yield found
                elif (real := real_path(found)) not in seen:
                    seen.add(real)
                    yield found
            continue
        if force_exclude and (_excluded(path) or _gitignored(path)):
            continue
        if (real := real_path(path)) not in seen:
            seen.add(real)
            yield path


def _walk(top: Path) -> Iterator[Path | Missing]:
    """Depth-first, sorted for a stable order, without following symlinked directories (no loops)."""
    unlisted: list[OSError] = []
    for dirpath, dirnames, filenames in journal.walk(top, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        folder = Path(dirpath)
        settings = _settings_in(folder)  # every entry of a folder shares its settings
        dirnames[:] = sorted(d for d in dirnames if not _skipped(folder / d, settings, is_dir=True))
        for name in sorted(filenames):
            file = folder / name
            if is_candidate(file) and not _special(file) and not _skipped(file, settings, is_dir=False):
                yield file
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Missing]:
    """Folders `os.walk` could not list (it reports them through `onerror`, then goes on)."""
    while errors:
        error = errors.pop(0)
        yield Missing(str(Path(error.filename)), f"folder cannot be read ({(error.strerror or str(error)).lower()})")


def _special(path: Path) -> bool:
    """A named pipe, socket or device: nothing to lint, and reading a FIFO would wait forever."""
    found = journal.link_kind(path)
    return found not in (None, stat.S_IFREG, stat.S_IFLNK)  # None: gone since it was listed; the reader says so


def _skipped(path: Path, settings: Settings, is_dir: bool) -> bool:
    return settings.excludes(path) or _gitignored(path, is_dir)


def _excluded(path: Path) -> bool:
    return _settings_in(path.parent).excludes(path)


def _settings_in(folder: Path) -> Settings:
    return settings_for_dir(Path(real_path(folder)))


def _gitignored(path: Path, is_dir: bool | None = None) -> bool:
    """Whether the `.gitignore` files from the filesystem root down to the file's folder ignore it."""
    resolved = real_path(path)
    is_dir = journal.is_dir(resolved) if is_dir is None else is_dir
    ignored = False
    for folder in _folders_above(resolved):
        rules = _gitignore(folder)
        if not rules:
            continue
        relative = Path(resolved).relative_to(folder).as_posix()
        for pattern, negated, dir_only in rules:
            match = pattern.match(relative)
            if match and (not dir_only or is_dir or match.group("inside")):
                ignored = not negated
    return ignored


def _folders_above(path: str) -> list[str]:
    """The folders that hold a path, from the filesystem root down."""
    folders = []
    child, folder = path, os.path.dirname(path)
    while folder != child:
        folders.append(folder)
        child, folder = folder, os.path.dirname(folder)
    return folders[::-1]


@lru_cache(maxsize=None)
def _gitignore(folder: str) -> tuple[tuple[re.Pattern, bool, bool], ...]:
    try:
        lines = journal.read(os.path.join(folder, ".gitignore")).decode("utf-8", "replace").splitlines()
    except OSError:
        return ()
    rules = []
    for line in lines:
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        rules.append((_glob_regex(line.rstrip("/")), negated, line.endswith("/")))
    return tuple(rules)


def _glob_regex(glob: str) -> re.Pattern:
    """gitignore glob to regex: `**` crosses folders, `*` and `?` do not, a slash anchors."""
    anchored = "/" in glob
    glob = glob.lstrip("/")
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        char = glob[i]
        end = glob.find("]", i) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif end > i:
            out.append("[" + glob[i + 1:end].replace("!", "^", 1) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    # A pattern that matches a folder also ignores everything inside it ("inside").
    return re.compile(("^" if anchored else "^(?:.*/)?") + "".join(out) + "(?P<inside>/.*)?$")
