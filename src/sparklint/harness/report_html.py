"""A self-contained HTML page for a verify run: verdict and advice, utilization over time, memory peaks, the timeline.

Inline CSS and SVG only (no scripts, no network), so the file opens offline and can be attached to a CI
run. The timeline is drawn like the Spark UI's event timeline: one lane per executor, one bar per task,
coloured by job, plus a lane for the driver's Python CPU sampled while the script ran. Above it, the busy
executor cores over time against the cores there were (and the driver's CPU), and each JVM's memory peak
against its limit.
"""

from __future__ import annotations

from html import escape

from sparklint.harness.outcome import VerifyResult
from sparklint.harness.render import memory_line, utilization_line
from sparklint.harness.sampler import BUCKET_MS
from sparklint.harness.usage import Usage, size

LANE_H, BAR_H, LEFT, WIDTH = 28, 18, 150, 900
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f")
VERDICT_COLOUR = {"distributed": "#2e7d32", "mixed": "#b26a00", "driver-bound": "#c62828"}

CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px} h2{font-size:16px;margin-top:28px}
.verdict{font-size:22px;font-weight:bold;padding:10px 14px;color:#fff;display:inline-block;border-radius:6px}
.rule{margin:8px 0 16px;color:#444}
table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
td:first-child,th:first-child,.l{text-align:left}
.share{display:flex;height:22px;width:600px;border:1px solid #999}
pre{background:#fff3f3;padding:10px;overflow:auto}
.advice{border-left:4px solid #4e79a7;background:#f3f6fa;padding:6px 12px;margin:6px 0}
.advice .why{color:#555;font-size:13px}
"""


def _end(result: VerifyResult) -> int:
    """The last ms on the time axis, shared by the utilization chart and the timeline."""
    return max([b.end for b in result.timeline] + [t + BUCKET_MS for t, _ in result.driver_timeline] + [1])


def _utilization(result: VerifyResult, usage: Usage) -> str:
    """Busy executor cores per bucket (tasks' overlap with it) against the cores there were, and the driver's CPU."""
    end, slots = _end(result), usage.slots or max(len(usage.executors), 1)
    busy = [0.0] * (end // BUCKET_MS + 1)
    for bar in result.timeline:
        for b in range(max(bar.start, 0) // BUCKET_MS, min(bar.end, end) // BUCKET_MS + 1):
            overlap = min(bar.end, (b + 1) * BUCKET_MS) - max(bar.start, b * BUCKET_MS)
            busy[b] += max(overlap, 0) / BUCKET_MS
    height, top = 120, 10
    scale, y = (WIDTH - LEFT - 10) / end, lambda cores: top + height * (1 - min(cores, slots) / slots)
    area = " ".join(f"{LEFT + b * BUCKET_MS * scale:.1f},{y(cores):.1f} {LEFT + (b + 1) * BUCKET_MS * scale:.1f},"
                    f"{y(cores):.1f}" for b, cores in enumerate(busy))
    driver = " ".join(f"{LEFT + max(t, 0) * scale:.1f},{y(share):.1f} {LEFT + (max(t, 0) + BUCKET_MS) * scale:.1f},"
                      f"{y(share):.1f}" for t, share in result.driver_timeline)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height + 30}" font-size="12">'
            f'<text x="4" y="{top + 10}">{slots} cores</text><text x="4" y="{top + height}">0</text>'
            f'<line x1="{LEFT}" y1="{top}" x2="{WIDTH - 10}" y2="{top}" stroke="#999" stroke-dasharray="4 3"/>'
            f'<polygon points="{LEFT},{top + height} {area} {WIDTH - 10},{top + height}" fill="#4e79a7" fill-opacity="0.6">'
            f'<title>busy executor cores</title></polygon>'
            + (f'<polyline points="{driver}" fill="none" stroke="#c62828" stroke-width="1.5">'
               f'<title>driver Python CPU (cores)</title></polyline>' if driver else "")
            + f'<line x1="{LEFT}" y1="{top + height}" x2="{WIDTH - 10}" y2="{top + height}" stroke="#999"/>'
            f'<text x="{LEFT}" y="{top + height + 18}">0s</text>'
            f'<text x="{WIDTH - 10}" y="{top + height + 18}" text-anchor="end">{end / 1000:.1f}s</text></svg>')


def _memory(usage: Usage) -> str:
    """One bar per measured peak, on a common scale; executors' heap against their limit (the outline)."""
    rows: list[tuple[str, int, int | None]] = []
    if usage.driver_python_peak_rss is not None:
        rows.append(("driver Python (RSS)", usage.driver_python_peak_rss, None))
    if usage.driver_jvm is not None:
        rows += [("driver JVM heap", usage.driver_jvm.heap, None), ("driver JVM off-heap", usage.driver_jvm.off_heap, None)]
    for e in usage.executors:
        if e.heap_peak is not None and e.off_heap_peak is not None:
            rows += [(f"executor {e.id} heap", e.heap_peak, usage.executor_memory_bytes),
                     (f"executor {e.id} off-heap", e.off_heap_peak, None)]
    if not rows:
        return "<p>No memory figures were recorded.</p>"
    top = max(max(peak, limit or 0) for _, peak, limit in rows)
    scale = (WIDTH - LEFT - 170) / top  # room for the label after the longest bar
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{LANE_H * len(rows)}" font-size="12">']
    for i, (name, peak, limit) in enumerate(rows):
        y = i * LANE_H
        parts.append(f'<text x="4" y="{y + 18}">{escape(name)}</text>'
                     f'<rect x="{LEFT}" y="{y + 5}" width="{max(peak * scale, 1):.1f}" height="{BAR_H}" fill="#59a14f"/>')
        if limit:
            parts.append(f'<rect x="{LEFT}" y="{y + 5}" width="{limit * scale:.1f}" height="{BAR_H}" fill="none" '
                         f'stroke="#333" stroke-dasharray="3 2"><title>limit {size(limit)}</title></rect>')
        label = size(peak) + (f" of {size(limit)}" if limit else "")
        parts.append(f'<text x="{LEFT + max(peak, limit or 0) * scale + 6:.1f}" y="{y + 18}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _advice(result: VerifyResult) -> str:
    items = "".join(f'<div class="advice"><b>{escape(a.rule)}</b>: {escape(a.action)}'
                    f'<div class="why">because {escape(a.why)}</div></div>' for a in result.advice)
    checks = "".join(f"<li>{escape(c.text)}</li>" for c in result.estimate_check)
    none = ("the run used its compute within the thresholds" if result.verdict else
            "the script did not finish, so there is no verdict to advise on")
    return (f"<h2>Advice</h2>{items or f'<p>No advice: {none}.</p>'}"
            + (f"<p>The static estimate against the run:</p><ul>{checks}</ul>" if checks else ""))


def _usage(result: VerifyResult) -> str:
    usage = result.usage
    if usage is None:
        return ""
    return (f"<h2>Utilization over time</h2><p>{escape(utilization_line(usage))}</p>{_utilization(result, usage)}"
            f"<p><span style=\"color:#4e79a7\">&#9632;</span> executor cores with a task running (wall time: "
            f"the utilization above counts task time capped by the executors' measured CPU) &nbsp; "
            f"<span style=\"color:#c62828\">&#9632;</span> driver Python CPU (cores)</p>"
            f"<h2>Memory peaks</h2><p>{escape(memory_line(usage))}</p>{_memory(usage)}")


def _timeline(result: VerifyResult) -> str:
    lanes = [e.id for e in result.executors]
    end = _end(result)
    scale = (WIDTH - LEFT - 10) / end
    height = LANE_H * (len(lanes) + 1) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" font-size="12">']
    for i, name in enumerate(["driver (Python CPU)"] + [f"executor {lane}" for lane in lanes]):
        y = i * LANE_H
        parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{LANE_H}" fill="{"#f7f7f7" if i % 2 else "#fff"}"/>')
        parts.append(f'<text x="4" y="{y + 18}">{escape(name)}</text>')
    for t, share in result.driver_timeline:
        x = LEFT + max(t, 0) * scale
        parts.append(f'<rect x="{x:.1f}" y="5" width="{max(250 * scale, 1):.1f}" height="{BAR_H}" '
                     f'fill="#c62828" fill-opacity="{0.15 + 0.85 * share:.2f}"><title>driver CPU {share:.0%}</title></rect>')
    for bar in result.timeline:
        y = (lanes.index(bar.executor) + 1) * LANE_H + 5
        x, w = LEFT + max(bar.start, 0) * scale, max((bar.end - bar.start) * scale, 1.5)
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{PALETTE[bar.job % len(PALETTE)]}" '
                     f'stroke="#fff" stroke-width="0.5"><title>job {bar.job}: {bar.end - bar.start} ms</title></rect>')
    axis_y = LANE_H * (len(lanes) + 1) + 18
    for k in range(6):
        ms = end * k / 5
        anchor = "end" if k == 5 else "middle"
        parts.append(f'<text x="{LEFT + ms * scale:.1f}" y="{axis_y}" text-anchor="{anchor}">{ms / 1000:.1f}s</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(result: VerifyResult) -> str:
    label = result.verdict.label if result.verdict else result.status
    colour = VERDICT_COLOUR.get(label, "#555")
    exec_s, driver_s = result.executor_work_s, result.driver_python_cpu_s
    total = exec_s + driver_s or 1
    rows = "".join(
        f"<tr><td>{escape(e.id)}</td><td>{e.tasks_text}</td><td>{e.run_s:.2f}s</td><td>{e.cpu_s:.2f}s</td>"
        f"<td>{'' if e.process_cpu_s is None else f'{e.process_cpu_s:.2f}s'}</td>"
        f"<td>{e.input_bytes}</td><td>{e.shuffle_read_bytes}</td><td>{e.shuffle_write_bytes}</td></tr>"
        for e in result.executors
    )
    jobs = "".join(f"<tr><td>{j.id}</td><td class=l>{escape(j.call_site)}</td><td>{j.tasks}</td><td>{j.run_s:.2f}s</td></tr>"
                   for j in result.jobs)
    lines = "".join(
        f"<tr><td>{s.line}{f' (cell {s.cell + 1}:{s.cell_line})' if s.cell is not None else ''}</td>"
        f"<td class=l><code>{escape(s.text)}</code></td>"
        f"<td>{s.driver_cpu_s:.2f}s</td><td>{s.executor_run_s:.2f}s</td>"
        f"<td class=l>{escape(f'{s.code} {s.message}') if s.code else ''}</td></tr>"
        for s in result.lines
    )
    failure = f"<h2>The script {escape(result.status)}</h2><pre>{escape(result.traceback)}</pre>" if result.traceback else ""
    rule = escape(result.verdict.rule) if result.verdict else ""
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>sparklint verify: {escape(result.script)}</title><style>{CSS}</style></head>
<body>
<h1>sparklint verify — {escape(result.script)}</h1>
<p>{escape(result.cluster)}</p>
<div class="verdict" style="background:{colour}">{escape(label)}</div>
<p class="rule">{rule}</p>
{_advice(result)}
<h2>Share of compute</h2>
<div class="share"><div style="width:{exec_s / total:.1%};background:#4e79a7"></div>
<div style="width:{driver_s / total:.1%};background:#c62828"></div></div>
<p><span style="color:#4e79a7">&#9632;</span> executors {exec_s:.2f}s ({exec_s / total:.0%}) &nbsp;
<span style="color:#c62828">&#9632;</span> driver Python {driver_s:.2f}s ({driver_s / total:.0%})</p>
<p>Wall time {result.wall_s:.1f}s; driver JVM (Spark's own planning, not counted) \
{f"{result.driver_jvm_cpu_s:.2f}s" if result.driver_jvm_cpu_s is not None else "n/a"}.</p>
{failure}
{_usage(result)}
<h2>Event timeline</h2>
{_timeline(result)}
<h2>Executors</h2>
<table><tr><th>executor</th><th>tasks</th><th>run time</th><th>CPU (JVM threads)</th><th>CPU (JVM + Python workers)</th><th>input bytes</th>
<th>shuffle read</th><th>shuffle write</th></tr>{rows}</table>
<h2>Spark jobs</h2>
<table><tr><th>job</th><th class=l>call site</th><th>tasks</th><th>task time</th></tr>{jobs}</table>
<h2>Lines to look at first</h2>
<table><tr><th>line</th><th class=l>code</th><th>driver CPU</th><th>executor time</th><th class=l>static finding</th></tr>{lines}</table>
</body></html>
"""
