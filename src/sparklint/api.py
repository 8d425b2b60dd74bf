"""Check paths, files or sources: the library entry points the CLI, the harness and tests share."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from sparklint.catalog import load_rules
from sparklint.config import Settings, settings_for_dir, with_overrides
from sparklint.discovery import Missing, discover
from sparklint.engine import Engine
from sparklint.result import FileResult
from sparklint.sources import Source, SourceError, read_source


@dataclass
class Run:
    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list:
        return [f for result in self.files for f in result.findings]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error]


@lru_cache(maxsize=32)
def engine_for(codes: tuple[str, ...]) -> Engine:
    return Engine(r for r in load_rules() if r.code in codes)


def enabled_codes(settings: Settings) -> tuple[str, ...]:
    return tuple(r.code for r in load_rules() if settings.enabled(r.code, r.name))


def settings_for(path: Path, overrides: dict[str, Any] | None = None) -> Settings:
    return with_overrides(settings_for_dir(path.parent.resolve()), **(overrides or {}))


def check_source(source: Source, settings: Settings | None = None) -> FileResult:
    settings = settings or Settings()
    result = engine_for(enabled_codes(settings)).check(source)
    ignored = settings.ignored_for(Path(source.path))
    if ignored:
        result.findings = [f for f in result.findings if not any(f.code.startswith(c) for c in ignored)]
    return result


def check_file(path: str | Path, overrides: dict[str, Any] | None = None) -> FileResult:
    path = Path(path)
    try:
        source = read_source(path)
    except SourceError as exc:
        return FileResult(str(path), _kind_of(path), error=str(exc))
    return check_source(source, settings_for(path, overrides))


def check_paths(
    paths: Iterable[str], overrides: dict[str, Any] | None = None, force_exclude: bool = False,
    stdin: bytes | None = None, stdin_filename: str = "-",
) -> Run:
    run = Run()
    for path in discover([p for p in paths if p != "-"], force_exclude):
        if isinstance(path, Missing):
            run.files.append(FileResult(path.path, _kind_of(Path(path.path)), error="no such file or directory"))
        else:
            run.files.append(check_file(path, overrides))
    if stdin is not None:
        name = Path(stdin_filename)
        try:
            source = read_source(name, data=stdin)
        except SourceError as exc:
            run.files.append(FileResult(stdin_filename, _kind_of(name), error=str(exc)))
        else:
            run.files.append(check_source(source, settings_for(name, overrides)))
    return run


def _kind_of(path: Path) -> str:
    return "jupyter" if path.suffix.lower() == ".ipynb" else "python"
