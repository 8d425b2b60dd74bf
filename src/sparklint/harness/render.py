"""Show a VerifyResult in the terminal (rich tables and the verdict) or as JSON."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from sparklint.harness.outcome import VerifyResult
from sparklint.harness.usage import Usage, size

STAGES_SHOWN = 10  # the run's stages with the slowest tasks

VERDICT_STYLE = {"distributed": "bold green", "mixed": "bold yellow", "driver-bound": "bold red"}


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
                          size(e.input_bytes),
                          size(e.shuffle_read_bytes), size(e.shuffle_write_bytes))
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
    if result.usage is not None:
        _usage(result.usage, console)
    if result.static_error:
        console.print(f"static check: {result.static_error}")
    if result.verdict:
        style = VERDICT_STYLE.get(result.verdict.label, "bold")
        console.print(f"verdict: [{style}]{result.verdict.label}[/] — {result.verdict.rule}")
    elif result.status == "timeout":
        console.print(f"[bold red]timeout[/]: {result.traceback}")
    for check in result.estimate_check:
        console.print(f"static estimate vs run — {check.text}", style="yellow" if check.agrees is False else None,
                      highlight=False)
    for advice in result.advice:
        console.print(f"advice [bold]{advice.rule}[/]: {advice.action}", highlight=False)
        console.print(f"  [dim]because {advice.why}[/]", highlight=False)


def optional_size(n: int | None) -> str:
    return "" if n is None else size(n)


def utilization_line(usage: Usage) -> str:
    """One sentence: how much of the executors' capacity the run used, and how long the driver worked alone."""
    if usage.utilization is None:
        used = "executor utilization not measured (Spark recorded no executor cores: local mode or Spark Connect)"
    else:
        used = (f"executor utilization {usage.utilization:.2f} of {usage.slots} cores over {usage.wall_s:.1f}s "
                f"(idle {usage.idle_share:.0%})")
    return (f"{used}; no task ran for {usage.driver_only_share:.0%} of the wall time, when the driver's Python "
            f"was busy {usage.driver_busy:.2f}")


def memory_line(usage: Usage) -> str:
    parts = [f"driver Python peak RSS {optional_size(usage.driver_python_peak_rss) or 'not measured'}"]
    if usage.driver_jvm is not None:
        parts.append(f"driver JVM peak heap {size(usage.driver_jvm.heap)}, off-heap {size(usage.driver_jvm.off_heap)}")
    if usage.executor_memory_bytes is not None:
        parts.append(f"executor heap limit {size(usage.executor_memory_bytes)}")
    parts.append(f"spill {size(usage.spilled)} from memory, {size(usage.disk_spilled)} on disk" if usage.spilled
                 else "no spill")
    return "; ".join(parts)


def _usage(usage: Usage, console: Console) -> None:
    table = Table(title="Utilization and memory", title_justify="left")
    for name in ("executor", "cores", "utilization", "heap peak", "off-heap peak"):
        table.add_column(name, justify="left" if name == "executor" else "right")
    for e in usage.executors:
        table.add_row(e.id, str(e.cores or ""), f"{e.utilization:.2f}" if e.cores else "",
                      optional_size(e.heap_peak), optional_size(e.off_heap_peak))
    console.print(table)
    console.print(utilization_line(usage), highlight=False)
    console.print(memory_line(usage), highlight=False)
    if usage.stages:
        stages = Table(title="Stages: spill and skew (slowest task / median)", title_justify="left")
        for name in ("stage", "job", "tasks", "median task", "slowest", "skew", "spill (memory)", "spill (disk)"):
            stages.add_column(name, justify="right")
        for st in sorted(usage.stages, key=lambda st: -st.slowest_task_ms)[:STAGES_SHOWN]:
            stages.add_row(str(st.stage), str(st.job), str(st.tasks), f"{st.median_task_ms / 1000:.2f}s",
                           f"{st.slowest_task_ms / 1000:.2f}s", f"{st.skew:.1f}x", size(st.memory_spilled),
                           size(st.disk_spilled))
        console.print(stages)
