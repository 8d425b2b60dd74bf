"""What checking produced: per file, its findings or the reason it could not be checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from sparklint.rule import Finding
from sparklint.sources import Source


@dataclass(frozen=True)
class LocatedSignal:
    """An observer's signal with the line it came from (and the notebook cell, if any)."""

    name: str
    value: str
    line: int
    cell: int | None = None
    cell_line: int | None = None


@dataclass
class FileResult:
    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    imports: set[str] = field(default_factory=set)
    signals: list[LocatedSignal] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False)  # kept only when there is something to show

    def as_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, "error": self.error}
