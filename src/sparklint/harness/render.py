"""Show a VerifyResult in the terminal (rich tables and the verdict) or as JSON."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from sparklint.harness.outcome import VerifyResult

VERDICT_STYLE = {"distributed": "bold green", "mixed": "bold yellow", "driver-bound": "bold red"}


def _bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def to_json(result: VerifyResult) -> str:
    return json.dumps(result.as_dict(), indent=2)


def print_result(result: VerifyResult, console: Console) -> None:
    console.print(f"[bold]sparklint verify[/] {result.script}")
    console.print(f"cluster: {result.cluster}" + (f" (up in {result.startup_s:.1f}s)" if result.startup_s else ""))
    if result.output_tail:
        console.print("[dim]the last lines the script printed (all of it went to stderr):[/]")
        console.print(result.output_tail, markup=False, highlight=False, style="dim")
    if result.traceback:
        console.print(f"[bold red]the script {result.status}[/] (exit code {result.exit_code}):")
        console.print(result.traceback, markup=False, highlight=False)
    executors = Table(title="Executors", title_justify="left")
    for name in ("executor", "host", "tasks", "run time", "CPU (JVM)", "CPU (all)", "input", "shuffle read",
                 "shuffle write"):
        executors.add_column(name, justify="left" if name in ("executor", "host") else "right")
    for e in result.executors:
        process = "" if e.process_cpu_s is None else f"{e.process_cpu_s:.2f}s"
        executors.add_row(e.id, e.host, e.tasks_text, f"{e.run_s:.2f}s", f"{e.cpu_s:.2f}s", process,
                          _bytes(e.input_bytes),
                          _bytes(e.shuffle_read_bytes), _bytes(e.shuffle_write_bytes))
    executors.add_row("driver Python", "", "", "", "", f"{result.driver_python_cpu_s:.2f}s", "", "", "", style="cyan")
    if result.driver_jvm_cpu_s is not None:
        executors.add_row("driver JVM*", "", "", "", "", f"{result.driver_jvm_cpu_s:.2f}s", "", "", "", style="dim")
    console.print(executors)
    if result.driver_jvm_cpu_s is not None:
        console.print("[dim]* Spark's own planning and scheduling; not counted as the script's work[/]")
    if result.jobs:
        jobs = Table(title="Spark jobs", title_justify="left")
        for name in ("job", "line", "Spark's call site", "tasks", "task time"):
            jobs.add_column(name, justify="left" if name == "Spark's call site" else "right")
        for j in result.jobs:
            jobs.add_row(str(j.id), str(j.line or ""), j.call_site, str(j.tasks), f"{j.run_s:.2f}s")
        console.print(jobs)
    if result.lines:
        lines = Table(title="Where the time went, by line (flagged lines first)", title_justify="left")
        for name in ("line", "code", "driver CPU", "executor time", "finding"):
            lines.add_column(name, justify="left" if name in ("code", "finding") else "right")
        for s in result.lines:
            where = f"cell {s.cell + 1} line {s.cell_line}" if s.cell is not None else str(s.line)
            finding = s.code or ""
            lines.add_row(where, s.text, f"{s.driver_cpu_s:.2f}s", f"{s.executor_run_s:.2f}s", finding)
        console.print(lines)
    if result.static_error:
        console.print(f"static check: {result.static_error}")
    if result.verdict:
        style = VERDICT_STYLE.get(result.verdict.label, "bold")
        console.print(f"verdict: [{style}]{result.verdict.label}[/] — {result.verdict.rule}")
    elif result.status == "timeout":
        console.print(f"[bold red]timeout[/]: {result.traceback}")
