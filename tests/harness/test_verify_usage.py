"""Utilization, memory, spill and skew measured on a real local-cluster, and the advice drawn from them.

One cluster with small executors (512 MB: a sort of a few hundred MB spills) runs the three scenario
scripts once, in a module fixture; each test reads its run. The advice rules' thresholds are also
checked on measured-looking numbers without Spark, where a real run cannot be made to land (a saturated
cluster, a heap at its limit).
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from sparklint.harness.advice import advise
from sparklint.harness.cluster import ClusterSpec
from sparklint.harness.outcome import LineStats, measure
from sparklint.harness.render import to_json
from sparklint.harness.report_html import render
from sparklint.harness.session import VerifySession
from sparklint.harness.usage import ExecutorUsage, StageUsage, Usage
from sparklint.harness.verdict import Thresholds, Verdict

SCENARIOS = Path(__file__).parent / "scenarios"
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src" / "sparklint" / "schemas" / "report.schema.json").read_text())
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def runs():
    """Each scenario's VerifyResult; the idle one runs first, so the others do not pay for cold executor JVMs."""
    with VerifySession(ClusterSpec(executor_memory_mb=512)) as session:
        return {name: measure(session, str(SCENARIOS / f"{name}.py")) for name in ("idle_capacity", "driver_bound", "spills")}


def rules(result) -> list[str]:
    return [a.rule for a in result.advice]


def assert_consistent(result) -> None:
    """Figures that must hold for any finished run on a local-cluster."""
    usage = result.usage
    assert result.status == "ok", result.traceback
    assert usage.slots == 2 and 0 <= usage.utilization <= 1 and usage.idle_share == pytest.approx(1 - usage.utilization)
    assert all(0 <= e.utilization <= 1 and e.cores == 1 for e in usage.executors)
    assert sum(e.utilization for e in usage.executors) / 2 == pytest.approx(usage.utilization)
    assert 0 <= usage.driver_only_share <= 1 and 0 <= usage.driver_busy <= 1
    assert usage.executor_memory_bytes == 512 * MIB
    assert all(0 < e.heap_peak <= 512 * MIB for e in usage.executors if e.heap_peak is not None)
    assert usage.driver_jvm is None or usage.driver_jvm.heap > 0  # Spark writes it only for some stages
    assert usage.driver_python_peak_rss > 20 * MIB  # the interpreter with pyspark loaded
    assert {s.job for s in usage.stages} <= {j.id for j in result.jobs}
    assert sum(s.tasks for s in usage.stages) == sum(j.tasks for j in result.jobs)
    assert all(s.slowest_task_ms >= s.median_task_ms and s.skew >= 1 for s in usage.stages)
    for advice in result.advice:
        assert advice.rule and advice.action and advice.why, advice


def test_driver_bound_script_is_advised_to_distribute_or_use_one_node(runs):
    result = runs["driver_bound"]
    assert_consistent(result)
    assert result.label == "driver-bound", result.verdict.rule
    assert rules(result) == ["distribute"], result.advice
    usage = result.usage
    assert usage.utilization < 0.3, "the verdict decides the rest: driver busy depends on the machine's load"
    assert usage.driver_only_share > 0.5, "the Python loop ran with no task running"
    assert usage.spilled == 0 and all(s.disk_spilled == 0 for s in usage.stages)
    flagged = [s for s in result.lines if s.code and s.driver_cpu_s > 0]
    assert flagged and f"line {flagged[0].line} {flagged[0].code}" in result.advice[0].action
    loop = max(result.lines, key=lambda s: s.driver_cpu_s)
    assert loop.text.startswith("total +=") and f"costliest line: {loop.line}" in result.advice[0].action
    assert "one larger node" in result.advice[0].action


def test_distributed_script_with_idle_capacity_is_advised_to_scale_down(runs):
    result = runs["idle_capacity"]
    assert_consistent(result)
    assert result.label == "distributed", result.verdict.rule
    assert rules(result) == ["scale-down"], result.advice
    usage = result.usage
    assert usage.utilization < 0.3 and usage.driver_busy < 0.5
    assert usage.spilled == 0
    assert f"of {usage.slots} cores sat idle" in result.advice[0].action


def test_sort_larger_than_executor_memory_spills_and_is_advised_memory_optimized(runs):
    result = runs["spills"]
    assert_consistent(result)
    assert "memory-optimized" in rules(result), result.advice
    usage = result.usage
    spilling = [s for s in usage.stages if s.memory_spilled]
    save_job = next(j.id for j in result.jobs if j.call_site.startswith("save"))
    assert spilling and {s.job for s in spilling} == {save_job}, "spill only in the sort, which the save runs"
    assert all(s.disk_spilled > 0 for s in spilling)
    advice = next(a for a in result.advice if a.rule == "memory-optimized")
    assert "per executor" in advice.action and "spilled" in advice.why
    memory = next(c for c in result.estimate_check if c.answer == "memory")
    assert (memory.estimated, memory.measured, memory.agrees) == ("general", "memory-optimized", False)


def test_reports_carry_the_figures_and_the_advice(runs):
    assert any(r.usage.driver_jvm for r in runs.values()), "the driver JVM's peak is read when Spark wrote it"
    verify_schema = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/verify"}
    for result in runs.values():
        document = json.loads(to_json(result))
        jsonschema.validate(document, verify_schema)
        assert document["usage"]["utilization"] == result.usage.utilization
        page = render(result)
        _well_formed(page)
        advice = page.index("Advice")
        assert advice < page.index("Utilization over time") < page.index("Memory peaks") < page.index("Event timeline")
        for a in result.advice:
            assert a.rule in page[advice:page.index("Utilization over time")]


def _well_formed(page: str) -> None:
    """Every tag closes in order (void elements aside), and each inline SVG parses as XML."""
    void = {"meta", "br", "img", "input", "hr", "link"}

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.open.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
            self.open.pop()

    parser = Nesting()
    parser.feed(page)
    assert parser.open == []
    start = 0
    while (start := page.find("<svg", start)) >= 0:
        end = page.index("</svg>", start) + len("</svg>")
        ET.fromstring(page[start:end])
        start = end


def usage(utilization=0.5, driver_busy=0.1, driver_only=0.2, spilled=0, heap=100 * MIB, limit=512 * MIB) -> Usage:
    return Usage(wall_s=10.0, slots=4, utilization=utilization, driver_only_share=driver_only, driver_busy=driver_busy,
                 driver_python_peak_rss=100 * MIB, driver_jvm=None, executor_memory_bytes=limit,
                 executors=[ExecutorUsage(str(i), 2, utilization, heap, 50 * MIB) for i in range(2)],
                 stages=[StageUsage(3, 1, 8, spilled, spilled // 4, 1000.0, 1500)])


DISTRIBUTED = Verdict("distributed", "…", 0.9, 2)
DRIVER_BOUND = Verdict("driver-bound", "…", 0.1, 2)


def test_saturated_executors_without_spill_are_advised_to_scale_out_by_amdahl():
    [advice] = advise(usage(utilization=0.9, driver_only=0.2), DISTRIBUTED, [], None, Thresholds())
    assert advice.rule == "scale-out"
    assert "about 1.7x faster" in advice.action  # 1 / (0.2 + 0.8 / 2) = 1.67
    assert advise(usage(utilization=0.9, spilled=10 * MIB), DISTRIBUTED, [], None, Thresholds())[0].rule == "memory-optimized"
    assert advise(usage(utilization=0.9), DISTRIBUTED, [], None, Thresholds(saturated_utilization=0.95)) == []


def test_heap_near_its_limit_is_memory_advice_even_without_spill():
    [advice] = advise(usage(heap=480 * MIB), DISTRIBUTED, [], None, Thresholds())
    assert advice.rule == "memory-optimized" and "480.0 MiB of 512.0 MiB (0.94 >= 0.9)" in advice.why
    assert advise(usage(heap=480 * MIB), DISTRIBUTED, [], None, Thresholds(memory_near_limit=0.95)) == []


def test_driver_bound_array_work_is_advised_a_gpu_node_from_the_static_estimate():
    estimate = {"processor": "gpu", "reasons": [{"answer": "processor", "text": "line 4: trains a torch model", "line": 4}]}
    line = LineStats(4, "model.fit(x)", 8.0, 0.0, code="SPL901")
    advice = advise(usage(utilization=0.05, driver_busy=0.9, driver_only=0.9), DRIVER_BOUND, [line], estimate, Thresholds())
    assert [a.rule for a in advice] == ["distribute", "gpu-node"]
    assert "line 4 SPL901 (8.00s driver CPU)" in advice[0].action and "trains a torch model" in advice[1].why
    busy_mixed = advise(usage(utilization=0.05, driver_busy=0.6), Verdict("mixed", "…", 0.45, 2), [], None, Thresholds())
    assert [a.rule for a in busy_mixed] == ["distribute"], "a busy driver is enough without a driver-bound verdict"
    assert advise(usage(), None, [line], estimate, Thresholds()) == [], "a failed run gets no advice"
