"""What checking produced: per file, its findings or the reason it could not be checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sparklint.readiness import readiness
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
    signals: list[LocatedSignal] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    source: Source | None = field(default=None, repr=False)  # kept only when there is something to show
    compute: Any = None  # the compute estimate (sparklint.estimate.Estimate), set by api.check_source

    @property
    def readiness(self) -> dict | None:
        return readiness(self.counts.get("distributed", 0), len(self.findings)) if not self.error else None

    def as_dict(self) -> dict:
        data = {"path": self.path, "kind": self.kind, "error": self.error, "readiness": self.readiness}
        if self.compute is not None:
            data["compute"] = self.compute.as_dict()
        return data


@dataclass
class Run:
    """Every file's result, in the order the files were found."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error]
