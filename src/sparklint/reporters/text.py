"""The terminal report: `path:line:col CODE message`, a code frame, and the PySpark line.

Rich colours it on a terminal; piped or with `--no-color`/`NO_COLOR` it is plain text that
never wraps, so editors and CI logs can parse the first line of each finding (`styled.py`
writes both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from sparklint.reporters.json_report import summary
from sparklint.reporters.styled import Line, write
from sparklint.reporters.where import location
from sparklint.result import FileResult, Run
from sparklint.rule import Finding

STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    write(_report(run, quiet), stream, color)


def _report(run: Run, quiet: bool) -> Iterator[Line]:
    for result in run.files:
        for problem in result.problems:
            yield _error(result, problem)
        for finding in result.findings:
            yield from _finding(finding, result)
    if not quiet:
        yield _summary_line(run)
        if run.estimate != "none":
            yield from _estimates(run, short=run.estimate == "short")


def _error(result: FileResult, problem: str) -> Line:
    return (f"{result.path}: ", "bold"), ("error: ", "bold red"), problem


EXCERPT_LINES = 6  # a longer span shows its first and last lines around an ellipsis
QUOTED = re.compile(r"`([^`]*)`")  # code quoted in a message: backticks pair up from the left


def _finding(finding: Finding, result: FileResult) -> Iterator[Line]:
    header = QUOTED.sub(lambda m: f"`{_shortened(m.group(1))}`", finding.message)
    yield (location(finding, result.kind), "bold"), ": ", (finding.code, STYLES[finding.severity]), " ", header
    yield from _excerpt(finding, result)
    yield ("  = PySpark: ", "green"), finding.suggestion
    yield ()


def _shortened(code: str) -> str:
    """A long chain cut in the middle: its start and its end say what it is."""
    if len(code) <= 60:
        return code
    code = " ".join(code.split())
    return code if len(code) <= 60 else f"{code[:32]}…{code[-24:]}"


def _excerpt(finding: Finding, result: FileResult) -> Iterator[Line]:
    """The flagged span, every line of it up to EXCERPT_LINES, each underlined where the span covers it."""
    numbers = [n for n in range(finding.line, finding.end_line + 1) if n in result.lines]
    if not numbers:
        return
    if len(numbers) > EXCERPT_LINES:
        numbers = numbers[: EXCERPT_LINES - 2] + [0] + numbers[-1:]  # 0: the ellipsis
    cell_start = (finding.cell_line - finding.line) if result.kind == "jupyter" and finding.cell_line else 0
    gutter = len(str(max(numbers) + cell_start))
    style = STYLES[finding.severity]
    yield ((" " * gutter + " |", "blue"),)
    for number in numbers:
        if number == 0:
            yield ((" " * gutter + " | ", "blue"), "...")
            continue
        text = result.lines[number].rstrip("\r")
        offset = result.column_offsets.get(number, 0)
        start = finding.column - 1 - offset if number == finding.line else len(text) - len(text.lstrip())
        end = finding.end_column - 1 - offset if number == finding.end_line else len(text.rstrip())
        yield (f"{number + cell_start:>{gutter}} | ", "blue"), text
        yield (" " * gutter + " | ", "blue"), " " * start, ("^" * max(end - start, 1), style)


def _summary_line(run: Run) -> Line:
    counts = summary(run)
    found = counts["findings"]
    parts = [f"{counts['by_severity'][s]} {s}{'s' if counts['by_severity'][s] != 1 else ''}"
             for s in ("error", "warning", "info") if counts["by_severity"][s]]
    files = counts["files"]
    of_files = _files(files)
    if found:
        line: Line = ((f"Found {found} finding{'s' if found != 1 else ''}", "bold"),
                      f" ({', '.join(parts)}) in {counts['files_with_findings']} of {of_files}.")
    else:
        line = ((f"No findings in {of_files}.", "bold green"),)
    if counts["files_not_checked"]:
        not_checked = counts["files_not_checked"]
        line += ((f" {_files(not_checked)} could not be checked.", "bold red"),)
    if counts["cells_not_checked"]:
        not_checked = counts["cells_not_checked"]
        line += ((f" {not_checked} notebook cell{'s' if not_checked != 1 else ''} could not be checked.", "bold red"),)
    if counts["files_skipped"]:
        skipped = counts["files_skipped"]
        line += (f" {_files(skipped)} skipped (nothing to check).",)
    if counts["other_cells"]:
        other = counts["other_cells"]
        languages = ", ".join(f"{n} {language}" for language, n in sorted(other.items()))
        line += (f" Cells in other languages not checked: {languages}.",)
    ready = counts["readiness"]
    if ready and run.estimate != "none":
        total = ready["distributed_operations"] + ready["driver_operations"]
        line += (f"\nSpark readiness: {ready['score']:.0%} of {total} data operation{'s' if total != 1 else ''} "
                 f"already run distributed ({ready['driver_operations']} stay on the driver).",)
    return line


# --- the compute estimate -------------------------------------------------------------------

ANSWER_STYLES = {"cpu": "green", "gpu": "magenta", "distributed": "cyan"}


def estimate_report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    """`sparklint estimate`: the estimate blocks alone, plus the errors that left a file without one."""
    errors = (_error(result, problem) for result in run.files for problem in result.problems)
    write([*errors, *_estimates(run, heading=False)], stream, color)


def _estimates(run: Run, heading: bool = True, short: bool = False) -> Iterator[Line]:
    estimated = [r for r in run.files if r.compute is not None]
    idle = sum(1 for r in run.files if r.compute is None and not r.error and not r.skipped)
    if not estimated and not idle:
        return
    if heading:
        yield ()
        yield (("Compute estimate", "bold"), " (`sparklint estimate PATH` explains one)" if short and estimated else "")
    for result in estimated:
        if not short:
            yield from _estimate(result)
        elif result.findings:  # a file with nothing to change is in the total only
            yield _estimate_line(result)
    counts = {k: sum(1 for r in estimated if r.compute.recommendation == k) for k in ("cpu", "gpu", "distributed")}
    totals = [f"{_files(len(estimated))}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)] if estimated else []
    totals += [f"{_files(idle)} without data work (no estimate)"] if idle else []
    yield (("Compute total: ", "bold"), "; ".join(totals), ".")


# The answer whose first reason decided the recommendation: a GPU is chosen for the processor, the
# rest for the scale (one node or a cluster).
DECIDING = {"gpu": "processor", "cpu": "scale", "distributed": "scale"}


def _estimate_line(result: FileResult) -> Line:
    """One line: the recommendation, its shape, confidence and the reason that decided it (one the
    code gave, with its line, before a default)."""
    compute = result.compute
    deciding = [r for r in compute.reasons if r.answer == DECIDING[compute.recommendation]]
    reasons = sorted([*deciding, *compute.reasons], key=lambda r: r.line is None)
    because = f" — {_where(reasons[0], result.kind)}{reasons[0].text}" if reasons else ""
    return ((result.path, "bold"), ": ", (compute.recommendation, f"bold {ANSWER_STYLES[compute.recommendation]}"),
            f", {compute.scale}, {compute.memory} memory ({compute.confidence} confidence){because}")


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _estimate(result: FileResult) -> Iterator[Line]:
    compute = result.compute
    yield ((result.path, "bold"), ": ", (compute.recommendation, f"bold {ANSWER_STYLES[compute.recommendation]}"),
           f" ({compute.confidence} confidence); {compute.data_size.describe()}")
    for answer, value in (("processor", compute.processor), ("memory", compute.memory), ("scale", compute.scale)):
        reasons = [r for r in compute.reasons if r.answer == answer]
        yield (f"  {answer:<10}", (f"{value:<17}", "bold"), _where(reasons[0], result.kind),
               reasons[0].text if reasons else "")
        for reason in reasons[1:]:
            yield (" " * 29, _where(reason, result.kind), reason.text)
    yield (f"  {'platform':<10}", compute.platform)


def _where(reason, kind: str) -> str:
    if reason.line is None:
        return ""
    if kind == "jupyter" and reason.cell is not None:
        return f"cell {reason.cell + 1}:{reason.cell_line}: "
    return f"line {reason.line}: "
