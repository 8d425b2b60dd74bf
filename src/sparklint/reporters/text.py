"""The terminal report: `path:line:col CODE message`, a code frame, and the PySpark line.

Rich colours it on a terminal; piped or with `--no-color`/`NO_COLOR` it is plain text that
never wraps, so editors and CI logs can parse the first line of each finding.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from sparklint.result import Run
from sparklint.reporters.json_report import summary
from sparklint.result import FileResult
from sparklint.rule import Finding
from sparklint.sources import python_lines

STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}


def console_for(stream: TextIO, color: bool) -> Console:
    return Console(file=stream, no_color=not color, color_system="auto" if color else None,
                   highlight=False, soft_wrap=True, emoji=False)


def location(finding: Finding, kind: str) -> str:
    if kind == "jupyter" and finding.cell is not None:
        return f"{finding.path}:cell {finding.cell + 1}:{finding.cell_line}:{finding.column}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    console = console_for(stream, color)
    for result in run.files:
        if result.error:
            console.print(Text.assemble((f"{result.path}: ", "bold"), ("error: ", "bold red"), result.error))
        for finding in result.findings:
            _finding(console, finding, result)
    if not quiet:
        console.print(_summary_line(run))
        _estimates(console, run)


def _finding(console: Console, finding: Finding, result: FileResult) -> None:
    console.print(Text.assemble(
        (location(finding, result.kind), "bold"), ": ", (finding.code, STYLES[finding.severity]), " ", finding.message,
    ))
    lines = python_lines(result.source.code) if result.source else []
    if 0 < finding.line <= len(lines):
        shown = finding.cell_line if result.kind == "jupyter" and finding.cell_line else finding.line
        gutter = len(str(shown))
        text = lines[finding.line - 1]
        offset = result.source.column_offsets.get(finding.line, 0) if result.source else 0
        start = finding.column - 1 - offset
        end = finding.end_column - 1 - offset if finding.end_line == finding.line else len(text.rstrip())
        console.print(Text(" " * gutter + " |", style="blue"))
        console.print(Text.assemble((f"{shown} | ", "blue"), text.rstrip("\r")))
        console.print(Text.assemble((" " * gutter + " | ", "blue"), " " * start, ("^" * max(end - start, 1), STYLES[finding.severity])))
    console.print(Text.assemble(("  = PySpark: ", "green"), finding.suggestion))
    console.print()


def _summary_line(run: Run) -> Text:
    counts = summary(run)
    found = counts["findings"]
    parts = [f"{counts['by_severity'][s]} {s}{'s' if counts['by_severity'][s] != 1 else ''}"
             for s in ("error", "warning", "info") if counts["by_severity"][s]]
    files = counts["files"]
    line = Text()
    if found:
        line.append(f"Found {found} finding{'s' if found != 1 else ''}", style="bold")
        line.append(f" ({', '.join(parts)}) in {counts['files_with_findings']} of {files} file{'s' if files != 1 else ''}.")
    else:
        line.append(f"No findings in {files} file{'s' if files != 1 else ''}.", style="bold green")
    if counts["files_not_checked"]:
        not_checked = counts["files_not_checked"]
        line.append(f" {not_checked} file{'s' if not_checked != 1 else ''} could not be checked.", style="bold red")
    ready = counts["readiness"]
    if ready:
        total = ready["distributed_operations"] + ready["driver_operations"]
        line.append(f"\nSpark readiness: {ready['score']:.0%} of {total} data operation{'s' if total != 1 else ''} "
                    f"already run distributed ({ready['driver_operations']} stay on the driver).")
    return line


# --- the compute estimate -------------------------------------------------------------------

ANSWER_STYLES = {"cpu": "green", "gpu": "magenta", "distributed": "cyan"}


def estimate_report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    """`sparklint estimate`: the estimate blocks alone, plus the errors that left a file without one."""
    console = console_for(stream, color)
    for result in run.files:
        if result.error:
            console.print(Text.assemble((f"{result.path}: ", "bold"), ("error: ", "bold red"), result.error))
    _estimates(console, run, heading=False)


def _estimates(console: Console, run: Run, heading: bool = True) -> None:
    estimated = [r for r in run.files if r.compute is not None]
    if not estimated:
        return
    if heading:
        console.print()
        console.print(Text("Compute estimate", style="bold"))
    for result in estimated:
        _estimate(console, result)
    counts = {k: sum(1 for r in estimated if r.compute.recommendation == k) for k in ("cpu", "gpu", "distributed")}
    files = len(estimated)
    console.print(Text.assemble(("Compute total: ", "bold"), f"{files} file{'s' if files != 1 else ''}: ",
                                ", ".join(f"{n} {k}" for k, n in counts.items() if n), "."))


def _estimate(console: Console, result: FileResult) -> None:
    compute = result.compute
    console.print(Text.assemble(
        (result.path, "bold"), ": ", (compute.recommendation, f"bold {ANSWER_STYLES[compute.recommendation]}"),
        f" ({compute.confidence} confidence); {compute.data_size.describe()}",
    ))
    for answer, value in (("processor", compute.processor), ("memory", compute.memory), ("scale", compute.scale)):
        reasons = [r for r in compute.reasons if r.answer == answer]
        console.print(Text.assemble(f"  {answer:<10}", (f"{value:<17}", "bold"), _where(reasons[0], result.kind),
                                    reasons[0].text if reasons else ""))
        for reason in reasons[1:]:
            console.print(Text.assemble(" " * 29, _where(reason, result.kind), reason.text))
    console.print(Text.assemble(f"  {'platform':<10}", compute.platform))


def _where(reason, kind: str) -> str:
    if reason.line is None:
        return ""
    if kind == "jupyter" and reason.cell is not None:
        return f"cell {reason.cell + 1}:{reason.cell_line}: "
    return f"line {reason.line}: "
