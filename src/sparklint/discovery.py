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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sparklint import files
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
        kind = files.kind(path)
        if kind is None and files.link_kind(path) is None:
            yield Missing(raw)
            continue
        if kind == stat.S_IFDIR:
            for found, real in _walk(str(path)):
                if real is None:
                    yield found
                elif real not in seen:
                    seen.add(real)
                    yield found
            continue
        if force_exclude and (_excluded(path) or _gitignored(path)):
            continue
        if (real := real_path(path)) not in seen:
            seen.add(real)
            yield path


def _walk(top: str) -> Iterator[tuple[Path | Missing, str | None]]:
    """(file, its real path) depth-first, sorted for a stable order, without following symlinked
    folders (no loops); (Missing, None) for a folder that cannot be listed.

    What every entry of a folder shares (its real path, settings, `.gitignore` rules and path
    from the project root) is worked out once per folder; only a symlink is resolved on its own.
    """
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Missing(str(Path(folder)), f"folder cannot be read ({(exc.strerror or str(exc)).lower()})"), None
            continue
        real_folder = real_path(folder)
        settings = settings_for_dir(Path(real_folder))
        from_root = settings.relative_folder(real_folder)
        ignores = _ignores_above(real_folder)
        subfolders = []
        for entry in entries:
            if entry.is_symlink():  # resolved on its own, as a path named on the command line is
                path = Path(folder, entry.name)
                if files.kind(path) == stat.S_IFDIR:
                    continue  # never followed; a loop or a broken link is yielded, for the reader to report
                if is_candidate(path) and not _skipped(path, settings, is_dir=False):
                    yield path, real_path(path)
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and (not is_candidate(entry.name) or not entry.is_file(follow_symlinks=False)):
                continue  # not a script, or a named pipe, socket or device: reading a FIFO would wait forever
            relative = f"{from_root}/{entry.name}" if from_root else entry.name
            if settings.excluded(entry.name, relative) or _ignored(ignores, entry.name, is_dir):
                continue
            if is_dir:
                subfolders.append(entry.path)
            else:
                yield Path(entry.path), os.path.join(real_folder, entry.name)
        pending.extend(reversed(subfolders))


@cache
def _ignores_above(real_folder: str) -> tuple[tuple[str, tuple[tuple[re.Pattern, bool, bool], ...]], ...]:
    """The `.gitignore` rules that apply inside a folder, from the filesystem root down, each with
    the folder's path from the `.gitignore`'s own folder: the parent's, one level deeper, and its own."""
    parent, name = os.path.split(real_folder)
    above = () if not name else tuple((f"{prefix}/{name}" if prefix else name, rules)
                                      for prefix, rules in _ignores_above(parent))
    own = _gitignore(real_folder)
    return above + (("", own),) if own else above


def _ignored(ignores: tuple, name: str, is_dir: bool) -> bool:
    ignored = False
    for prefix, rules in ignores:
        relative = f"{prefix}/{name}" if prefix else name
        for pattern, negated, dir_only in rules:
            match = pattern.match(relative)
            if match and (not dir_only or is_dir or match.group("inside")):
                ignored = not negated
    return ignored


def _skipped(path: Path, settings: Settings, is_dir: bool) -> bool:
    return settings.excludes(path) or _gitignored(path, is_dir)


def _excluded(path: Path) -> bool:
    return _settings_in(path.parent).excludes(path)


def _settings_in(folder: Path) -> Settings:
    return settings_for_dir(Path(real_path(folder)))


def _gitignored(path: Path, is_dir: bool | None = None) -> bool:
    """Whether the `.gitignore` files from the filesystem root down to the file's folder ignore it."""
    resolved = real_path(path)
    is_dir = files.kind(resolved) == stat.S_IFDIR if is_dir is None else is_dir
    folder, name = os.path.split(resolved)
    return _ignored(_ignores_above(folder), name, is_dir)


@cache
def _gitignore(folder: str) -> tuple[tuple[re.Pattern, bool, bool], ...]:
    try:
        lines = files.read_regular(os.path.join(folder, ".gitignore")).decode("utf-8", "replace").splitlines()
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
