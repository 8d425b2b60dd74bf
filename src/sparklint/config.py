"""Settings from `[tool.sparklint]` in pyproject.toml or from sparklint.toml, then the command line.

The nearest configuration file above a checked file applies to it (sparklint.toml wins over
pyproject.toml in the same folder; a pyproject.toml without `[tool.sparklint]` is passed over).
Every key and value is checked: a typo is an error naming the file and the key, not a
silently ignored setting.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
import sys
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from sparklint import files

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", ".eggs", "*.egg-info", "build", "dist",
    "__pycache__", "site-packages", "node_modules", ".ipynb_checkpoints", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".sparklint_cache", "__pypackages__", ".direnv",
)
OUTPUT_FORMATS = ("text", "json", "concise", "json-lines", "sarif", "github", "azure", "gitlab", "junit")
TARGETS = ("spark", "databricks", "fabric")
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGTP]?i?B)?\s*$", re.IGNORECASE)


class ConfigError(Exception):
    """A configuration file or option that sparklint cannot use; the message names file and key."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("SPL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    output_format: str = "text"
    target: str = "spark"
    data_size: int | None = None
    root: Path = field(default_factory=Path.cwd)  # where relative patterns are anchored
    path: Path | None = None  # the file the settings came from

    def enabled(self, code: str, name: str = "") -> bool:
        """Ruff's rule: the most specific matching selector wins; at equal length, ignore wins."""

        def specificity(selectors: tuple[str, ...]) -> int:
            return max((99 if s == name else len(s) for s in selectors if s == name or code.startswith(s)), default=-1)

        chosen = specificity(self.select)
        return chosen >= 0 and chosen > specificity(self.ignore)

    def ignored_for(self, path: str | Path) -> tuple[str, ...]:
        """Codes `per-file-ignores` turns off for a file (globs relative to the config's folder)."""
        if not self.per_file_ignores:
            return ()
        path = Path(path)
        relative = _relative(path, self.root)
        codes: tuple[str, ...] = ()
        for pattern, ignored in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
                codes += ignored
        return codes

    def excludes(self, path: Path) -> bool:
        """Whether an exclude pattern matches the path's name, its path from the root, or a folder above it."""
        return self.excluded(path.name, _relative(path, self.root))

    def excluded(self, name: str, relative: str) -> bool:
        """`excludes` for a name and a path from the root already worked out (a walk does it once per folder)."""
        names, relatives = _exclude_matchers(self.exclude + self.extend_exclude)
        return bool(names.match(os.path.normcase(name)) or relatives.match(os.path.normcase(relative)))

    def relative_folder(self, real_folder: str) -> str:
        """A real folder's path from the root, with forward slashes ("" for the root itself); a walk
        asks once per folder, so this is plain string work."""
        root = _real_folder(os.fspath(self.root))
        if real_folder == root:
            return ""
        inside = root.rstrip(os.sep) + os.sep
        if real_folder.startswith(inside):
            return real_folder[len(inside):].replace(os.sep, "/")
        return Path(real_folder).as_posix()


@cache
def _exclude_matchers(patterns: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """`fnmatch` of every pattern, as one regex for names and one for relative paths (where
    `pattern/*` also matches, so that everything inside an excluded folder is excluded)."""

    def either(globs: list[str]) -> re.Pattern:
        return re.compile("|".join(fnmatch.translate(os.path.normcase(g)) for g in globs) or "(?!)")

    stripped = [p.strip("/") for p in patterns]
    return either(list(patterns)), either(stripped + [p + "/*" for p in stripped])


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(real_path(path)).relative_to(real_path(root)).as_posix()
    except ValueError:
        return path.as_posix()


def real_path(path: str | os.PathLike) -> str:
    """`os.path.realpath` (which, unlike Path.resolve, does not raise on a symlink loop), with
    each folder resolved once: checking a tree asks about the same folders for every file.

    Only the last part of the path is looked at anew (is it a symlink?). On Windows the real
    path also fixes the case of every part, so there each path is resolved in full.
    """
    head, tail = os.path.split(os.path.join(os.getcwd(), path))
    if os.name != "posix" or tail in ("", ".", ".."):
        return os.path.realpath(path)
    joined = os.path.join(_real_folder(head), tail)
    return os.path.realpath(joined) if files.link_kind(joined) == stat.S_IFLNK else joined


@cache
def _real_folder(folder: str) -> str:
    return real_path(folder)


def parse_size(value: Any, where: str) -> int:
    """`50GB`, `1.5 GiB`, `800MB` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    match = SIZE.match(str(value)) if isinstance(value, str) else None
    if not match:
        raise ConfigError(f"{where}: expected a size such as '50GB', got {value!r}")
    number, unit = float(match.group(1)), (match.group(2) or "B").upper()
    scale = 1024 if "I" in unit else 1000
    power = "BKMGTP".index(unit[0]) if unit[0] != "B" else 0
    return int(number * scale**power)


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes, got {value!r}")
    bad = [v for v in value if not re.fullmatch(r"[A-Z]+[0-9]*|[a-z0-9-]+", v)]
    if bad:
        raise ConfigError(f"{where}: not a rule code or prefix: {', '.join(bad)}")
    return tuple(value)


def _patterns(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of glob patterns, got {value!r}")
    return tuple(value)


def _choice(choices: tuple[str, ...]):
    def check(value: Any, where: str) -> str:
        if value not in choices:
            raise ConfigError(f"{where}: expected one of {', '.join(choices)}, got {value!r}")
        return value
    return check


def _per_file(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of glob = [codes], got {value!r}")
    return tuple((glob, _codes(codes, f"{where}.{glob!r}")) for glob, codes in value.items())


KEYS = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file),
    "exclude": ("exclude", _patterns),
    "extend-exclude": ("extend_exclude", _patterns),
    "output-format": ("output_format", _choice(OUTPUT_FORMATS)),
    "target": ("target", _choice(TARGETS)),
    "data-size": ("data_size", parse_size),
}


def load_file(path: Path) -> Settings | None:
    """Settings from one file; None for a pyproject.toml that has no `[tool.sparklint]` table."""
    try:
        data = tomllib.loads(files.read_regular(path).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("sparklint")
        if table is None:
            return None
        prefix = "tool.sparklint."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.sparklint] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key '{prefix}{key}' (known: {', '.join(KEYS)})")
        attribute, check = KEYS[key]
        values[attribute] = check(value, f"{path}: {prefix}{key}")
    return Settings(root=path.parent, path=path, **values)


@cache
def settings_for_dir(directory: Path) -> Settings:
    """The nearest configuration at or above a directory, or the defaults anchored there.

    A folder without a configuration file asks its parent (cached too), so each folder and each
    configuration file is looked at once, however many folders below it are checked.
    """
    for name in ("sparklint.toml", "pyproject.toml"):
        candidate = directory / name
        if files.kind(candidate) == stat.S_IFREG:
            found = load_file(candidate)
            if found is not None:
                return found
    above = settings_for_dir(directory.parent) if directory.parent != directory else None
    return above if above is not None and above.path is not None else Settings(root=directory)


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Command-line values replace the file's; None means the flag was not given."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given) if given else settings
