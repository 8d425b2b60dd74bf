"""The child process that owns the SparkSession and runs user scripts in it: `python -m sparklint.harness.runner DIR`.

Running the script in a child rather than in the CLI's own process means a hung script can be stopped
with every JVM and Python worker it started (kill the child's process tree), and a script that calls
`os._exit` or crashes the interpreter cannot take the harness's report with it. The child creates the
session first so the script's own `SparkSession.builder.getOrCreate()` returns it, then serves run
requests (one JSON line each on a pipe from the parent) until the pipe closes, so tests can run many scripts on one cluster.
Each run tags its Spark jobs with the local property `sparklint.run`, which the event log records.
Under Spark Connect (`SPARK_REMOTE`) the child is a Connect client: it has no SparkContext or JVM, so a
run tags its jobs with `spark.addTag("sparklint-run-<id>")` and the parent reads the server's records.
"""

from __future__ import annotations

import builtins
import collections
import json
import os
import sys
import time
import traceback
from pathlib import Path

import psutil

from sparklint.harness.notebook_globals import notebook_globals
from sparklint.harness.processes import cpu_seconds
from sparklint.harness.sampler import LineSampler
from sparklint.sources import Source, SourceError, read_source

RUN_TAG = "sparklint.run"
HARNESS = os.path.dirname(__file__)  # frames in here are the harness's, not the user's


def write_json(path: str | Path, data: dict) -> None:
    """Write then rename, so the parent never reads half a file."""
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.replace(tmp, path)


RDD_UNDER_CONNECT = (
    "sparklint: under Spark Connect (--remote) there is no SparkContext: `spark.sparkContext`, RDDs and "
    "`sc.*` calls fail. Use DataFrame APIs, or verify this script with --master instead."
)


def start_session(config: dict):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder
    if config.get("remote"):
        builder = builder.remote(config["remote"])
    for key, value in config["conf"].items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def tag_jobs(spark, tag: str | None, connect: bool, previous: str | None = None) -> None:
    """Mark the jobs this thread starts from now on (None: stop marking): a local property, or a Connect tag."""
    if not connect:
        spark.sparkContext.setLocalProperty(RUN_TAG, tag)
    elif tag is None:
        if previous:
            spark.removeTag(previous)
    else:
        spark.addTag(tag)


def warm_up_connect(spark) -> None:
    """Under Connect the executors are the server's and cannot be counted; one tiny tagged job warms them."""
    from sparklint.harness.connect import WARM_UP_TAG

    tag_jobs(spark, WARM_UP_TAG, True)
    spark.range(0, 8, 1, 8).selectExpr("sum(id)").collect()
    tag_jobs(spark, None, True, WARM_UP_TAG)


def warm_up(spark, wanted_executors: int, timeout: float = 120.0) -> None:
    """Wait for the executors, then run one tiny Python job on each before any script runs.

    Without this the first tasks go to whichever executor registered first, and the script pays for
    cold JVMs and Python worker start-up, which would count as its executor work. The job is tagged
    `warm-up`, so no run claims it.
    """
    sc = spark.sparkContext
    deadline = time.monotonic() + timeout
    registered = lambda: sc._jsc.sc().getExecutorMemoryStatus().size() - 1  # noqa: E731 - minus the driver
    while registered() < wanted_executors and time.monotonic() < deadline:
        time.sleep(0.2)
    if wanted_executors and registered() == 0:  # a job now would wait forever (e.g. executor memory > worker's)
        raise RuntimeError(f"no executor registered within {timeout:g}s: check that the workers have the cores and "
                           "memory asked for (--executor-cores, --executor-memory)")
    if registered() < wanted_executors:
        print(f"sparklint: only {registered()} of {wanted_executors} executors registered within {timeout:g}s",
              file=sys.stderr)
    sc.setLocalProperty(RUN_TAG, "warm-up")
    slots = max(wanted_executors, 1) * 2
    sc.parallelize(range(slots), slots).map(lambda x: x * x).collect()
    sc.setLocalProperty(RUN_TAG, None)


def driver_jvm() -> psutil.Process | None:
    """The driver JVM is the runner's `java` child (spark-submit execs java)."""
    for child in psutil.Process().children():
        try:
            if "java" in child.name():
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def executor_cpu() -> dict[str, float]:
    """CPU of each executor JVM on this machine plus its Python workers (local-cluster), by executor id.

    Task run time is wall time: on a loaded machine it grows while CPU does not, so the parent caps each
    executor's run time by this measured CPU to compare like with like against the driver's CPU.
    """
    jvm, found = driver_jvm(), {}
    for proc in jvm.children(recursive=True) if jvm else ():
        try:
            cmd = proc.cmdline()
            if "--executor-id" in cmd:
                found[cmd[cmd.index("--executor-id") + 1]] = sum(
                    _cpu_with_reaped(p) for p in [proc, *proc.children(recursive=True)])
        except (psutil.NoSuchProcess, IndexError):
            continue
    return found


def _cpu_with_reaped(proc: psutil.Process) -> float:
    try:
        t = proc.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return t.user + t.system + t.children_user + t.children_system


def python_cpu() -> float:
    """This process's CPU, all threads, plus finished children (joblib workers); the live JVM is excluded."""
    t = psutil.Process().cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def reset_peak_rss() -> bool:
    """Restart the kernel's record of this process's peak resident memory (Linux's VmHWM), so the peak
    read after a script is that script's, not the session's start-up or an earlier script's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss() -> int | None:
    """This process's peak resident memory in bytes since the last reset (None where /proc is missing)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), None)


OUTPUT_TAIL_LINES = 20


class _Tail:
    """A stream that writes through and keeps its last lines (shared by stdout and stderr, in the
    order the script wrote them) for the report; the streams themselves go to sparklint's stderr, so
    that stdout carries the report alone."""

    def __init__(self, stream, lines: collections.deque[str]) -> None:
        self.stream, self.lines, self.partial = stream, lines, ""

    def write(self, text: str) -> int:
        *complete, self.partial = (self.partial + text).split("\n")
        self.lines.extend(complete)
        return self.stream.write(text)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)  # flush, fileno, isatty, encoding … as the stream has them


class _StopIsHarnessWork:
    """While a script runs, its `spark.stop()` is a no-op: the harness owns the session and stops it last.

    A real stop would end the application mid-run and a later `getOrCreate()` would start a fresh,
    unconfigured one without the event log.
    """

    def __init__(self, connect: bool = False):
        self.connect = connect

    def __enter__(self):
        from pyspark import SparkContext
        from pyspark.sql import SparkSession

        classes = [SparkSession, SparkContext]
        if self.connect:
            from pyspark.sql.connect.session import SparkSession as ConnectSession

            classes.append(ConnectSession)
        self._saved = [(cls, cls.stop) for cls in classes]
        for cls, _ in self._saved:
            cls.stop = lambda self: None
        return self

    def __exit__(self, *exc):
        for cls, stop in self._saved:
            cls.stop = stop


def run_script(spark, request: dict, connect: bool = False) -> dict:
    """Run one script as `__main__` and say how it ended and what the driver spent on it."""
    path = os.path.abspath(request["script"])
    result: dict = {"status": "ok", "exit_code": 0, "traceback": None}
    try:
        source = read_source(path)
        code = compile(source.code, path, "exec")
    except SourceError as exc:
        return {**result, "status": "raised", "exit_code": 1, "traceback": f"{path}: {exc}", "line_cpu": {}}
    except SyntaxError as exc:
        where = source.where(exc.lineno) if exc.lineno else "?"
        return {**result, "status": "raised", "exit_code": 1, "traceback": f"{path}, {where}: {exc.msg}",
                "line_cpu": {}}
    namespace = {"__name__": "__main__", "__file__": path, "__builtins__": builtins, "__spec__": None}
    if source.is_notebook:  # as on Databricks and Fabric: `spark`, `display`, `dbutils` … exist
        namespace.update(notebook_globals(spark, connect))
    saved_argv, saved_path, saved_cwd = sys.argv, list(sys.path), os.getcwd()
    sys.argv = [path, *request.get("argv", [])]
    sys.path.insert(0, os.path.dirname(path))
    run_tag = f"sparklint-run-{request['tag']}" if connect else request["tag"]
    tag_jobs(spark, run_tag, connect)
    jvm = driver_jvm()
    jvm_before, cpu_before, executors_before = cpu_seconds(jvm) if jvm else 0.0, python_cpu(), executor_cpu()
    peak_from_here = reset_peak_rss()
    start = time.time()
    printed: collections.deque[str] = collections.deque(maxlen=OUTPUT_TAIL_LINES)
    saved_streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Tail(sys.stdout, printed), _Tail(sys.stderr, printed)
    with _StopIsHarnessWork(connect), LineSampler(path) as sampler:
        try:
            exec(code, namespace)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                result.update(status="exited", exit_code=exc.code if isinstance(exc.code, int) else 1)
        except BaseException as exc:  # noqa: BLE001 - the user's error is the result
            text = _traceback(exc, source)
            if connect and ("sparkContext" in text or "JVM_ATTRIBUTE_NOT_SUPPORTED" in text):
                text += RDD_UNDER_CONNECT + "\n"
            result.update(status="raised", exit_code=1, traceback=text)
    end = time.time()
    unfinished = [stream.partial for stream in (sys.stdout, sys.stderr) if isinstance(stream, _Tail) and stream.partial]
    sys.stdout, sys.stderr = saved_streams
    tag_jobs(spark, None, connect, run_tag)
    sys.argv, sys.path[:] = saved_argv, saved_path
    os.chdir(saved_cwd)
    result.update(
        start_ms=int(start * 1000),
        end_ms=int(end * 1000),
        wall_s=end - start,
        driver_python_cpu_s=python_cpu() - cpu_before,
        driver_jvm_cpu_s=(cpu_seconds(jvm) - jvm_before) if jvm else None,
        line_cpu={str(line): cpu for line, cpu in sampler.line_cpu.items()},
        driver_buckets={str(k): v for k, v in sampler.buckets.items()},
        line_changes=sampler.line_changes,
        executor_process_cpu_s={eid: cpu - executors_before.get(eid, 0.0) for eid, cpu in executor_cpu().items()},
        output_tail="\n".join([*printed, *unfinished][-OUTPUT_TAIL_LINES:]),
        driver_peak_rss=peak_rss() if peak_from_here else None,
    )
    return result


def _traceback(exc: BaseException, source: Source) -> str:
    """The user's traceback without the harness's frames; a notebook's frames name cell and line
    (its code is the cells joined, which no line of the `.ipynb` file matches)."""
    tb = traceback.TracebackException.from_exception(exc)
    frames = [f for f in tb.stack if os.path.dirname(f.filename) != HARNESS]
    if source.is_notebook:
        code_lines = source.code.splitlines()
        frames = [_in_cell(f, source, code_lines) if f.filename == source.path else f for f in frames]
    tb.stack = traceback.StackSummary.from_list(frames)
    return "".join(tb.format())


def _in_cell(frame: traceback.FrameSummary, source: Source, code_lines: list[str]) -> traceback.FrameSummary:
    line = frame.lineno or 0
    text = code_lines[line - 1] if 0 < line <= len(code_lines) else None
    located = source.locate(line)
    if located is None:
        return traceback.FrameSummary(source.path, line, frame.name, lookup_line=False, line=text)
    cell, cell_line = located
    return traceback.FrameSummary(f"{source.path}, cell {cell + 1}", cell_line, frame.name, lookup_line=False,
                                  line=text)


def main(workdir: str, requests_fd: int) -> int:
    config = json.loads(Path(workdir, "config.json").read_text())
    started = time.time()
    connect = bool(config.get("remote"))
    spark = start_session(config)
    try:
        if connect:
            warm_up_connect(spark)
            app_id, session_id = spark.conf.get("spark.app.id", None), spark.session_id
        else:
            warm_up(spark, config["executors"])
            app_id, session_id = spark.sparkContext.applicationId, None
        jvm = None if connect else driver_jvm()
        write_json(Path(workdir, "ready.json"), {
            "startup_s": time.time() - started, "app_id": app_id, "jvm_pid": jvm.pid if jvm else None,
            "spark_version": spark.version, "session_id": session_id,
        })
        for line in os.fdopen(requests_fd):  # not stdin: that stays the script's
            request = json.loads(line)
            write_json(request["out"], run_script(spark, request, connect))
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
