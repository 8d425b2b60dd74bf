"""What checking produced: per file, its findings or the reason it could not be checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from sparklint.rule import Finding
from sparklint.sources import Source


@dataclass
class FileResult:
    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    imports: set[str] = field(default_factory=set)
    source: Source | None = field(default=None, repr=False)  # kept only when there is something to show

    def as_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, "error": self.error}
