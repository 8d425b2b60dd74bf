"""A self-contained HTML page for a verify run: verdict, the driver's share, and a per-executor task timeline.

Inline CSS and SVG only (no scripts, no network), so the file opens offline and can be attached to a CI
run. The timeline is drawn like the Spark UI's event timeline: one lane per executor, one bar per task,
coloured by job, plus a lane for the driver's Python CPU sampled while the script ran.
"""

from __future__ import annotations

from html import escape

from sparklint.harness.outcome import VerifyResult

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
"""


def _timeline(result: VerifyResult) -> str:
    lanes = [e.id for e in result.executors]
    end = max([b.end for b in result.timeline] + [t + 250 for t, _ in result.driver_timeline] + [1])
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
<h2>Share of compute</h2>
<div class="share"><div style="width:{exec_s / total:.1%};background:#4e79a7"></div>
<div style="width:{driver_s / total:.1%};background:#c62828"></div></div>
<p><span style="color:#4e79a7">&#9632;</span> executors {exec_s:.2f}s ({exec_s / total:.0%}) &nbsp;
<span style="color:#c62828">&#9632;</span> driver Python {driver_s:.2f}s ({driver_s / total:.0%})</p>
<p>Wall time {result.wall_s:.1f}s; driver JVM (Spark's own planning, not counted) \
{f"{result.driver_jvm_cpu_s:.2f}s" if result.driver_jvm_cpu_s is not None else "n/a"}.</p>
{failure}
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
