"""What checking produced: per file, its findings or the reason it could not be checked."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple

from sparklint.rule import Finding


class DataInput(NamedTuple):
    """The value of an `input` signal: the library that reads the data, its format, the path as written."""

    engine: str
    format: str
    path: str


@dataclass(frozen=True)
class LocatedSignal:
    """An observer's signal with the line it came from (and the notebook cell, if any)."""

    name: str
    value: str | tuple[str, ...]  # a word ("torch", "gpu"), or a `DataInput` for an `input` signal
    line: int
    cell: int | None = None
    cell_line: int | None = None


def readiness(distributed: int, driver: int) -> dict | None:
    """Spark readiness: the share of data operations that already run distributed.

    Distributed operations are counted during the walk (`estimate.signals.DistributedOperations`);
    driver-bound ones are the findings, so pulls (`collect`, `toPandas`) count on the driver side only.
    The score is worked out from counts, cached ones too, so it needs no parser; absent when a file
    touches no data.
    """
    if distributed + driver == 0:
        return None
    return {"score": round(distributed / (distributed + driver), 3), "distributed_operations": distributed,
            "driver_operations": driver}


@dataclass
class FileResult:
    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # why the file could not be checked at all
    cell_errors: list[str] = field(default_factory=list)  # notebook cells that could not be; the rest were
    skipped: str | None = None  # why there was nothing to check (not an error): no import a rule needs, no Python
    other_cells: dict[str, int] = field(default_factory=dict)  # cells in other languages, by language, not checked
    signals: list[LocatedSignal] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # The code lines the findings span (and what the reader removed before each): all a report
    # quotes, kept with the result so that a cached answer needs no read of the file.
    lines: dict[int, str] = field(default_factory=dict, repr=False)
    column_offsets: dict[int, int] = field(default_factory=dict, repr=False)
    data_size: int | None = None  # the input's size as configured, for the estimate

    @cached_property
    def compute(self) -> Any:
        """The compute estimate (`sparklint.estimate.Estimate`; None without data work), worked out only
        when a report shows it: a run printed in a format without estimates never pays for them."""
        if self.error or self.skipped:
            return None
        from sparklint.estimate import estimate  # the estimate reads results, not the other way round

        return estimate(self, self.data_size)

    def showing(self, findings: list[Finding]) -> FileResult:
        """The same result reporting only `findings` (a baseline, `--diff`); its estimate still
        weighs every finding the file has."""
        shown = replace(self, findings=findings)
        shown.__dict__["compute"] = self.compute  # cached_property's own slot
        return shown

    @property
    def problems(self) -> list[str]:
        """What could not be checked, each naming the file's part: the whole file, or each bad cell."""
        return [self.error] if self.error else self.cell_errors

    @property
    def readiness(self) -> dict | None:
        checked = not self.error and not self.skipped
        return readiness(self.counts.get("distributed", 0), len(self.findings)) if checked else None

    def as_dict(self) -> dict:
        data = {"path": self.path, "kind": self.kind, "error": self.error, "cell_errors": self.cell_errors,
                "skipped": self.skipped, "other_cells": self.other_cells, "readiness": self.readiness}
        if self.compute is not None:
            data["compute"] = self.compute.as_dict()
        return data


@dataclass
class Run:
    """Every file's result, in the order the files were found."""

    files: list[FileResult] = field(default_factory=list)
    estimate: str = "short"  # how the text report shows the compute estimate: short, full or none

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def errors(self) -> list[FileResult]:
        """Files that could not be checked at all."""
        return [r for r in self.files if r.error]

    @property
    def incomplete(self) -> list[FileResult]:
        """Files with anything that could not be checked: the whole file or some of its cells (exit code 2)."""
        return [r for r in self.files if r.problems]
