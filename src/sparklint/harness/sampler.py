"""Attribute the driver's Python CPU to the script's lines by sampling the main thread.

Tracing every line would slow the script several-fold and skew the very numbers we report; reading the
main thread's CPU clock and its current frame every few milliseconds costs about 1% and is accurate to
the sampling interval. The line the script is on when Spark submits a job names the job's line when
Spark's own call site does not (pyspark.ml jobs are started inside the JVM). Time the main thread spends blocked on Spark jobs uses no CPU, so it is not
charged to the line that waits.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import defaultdict

BUCKET_MS = 250


class LineSampler:
    """A background thread that charges main-thread CPU deltas to the innermost frame in `filename`."""

    def __init__(self, filename: str, interval: float = 0.005):
        self.filename = filename
        self.interval = interval
        self.line_cpu: dict[int, float] = defaultdict(float)
        self.buckets: dict[int, float] = defaultdict(float)  # epoch ms // BUCKET_MS -> CPU seconds
        self.line_changes: list[tuple[int, int]] = []  # (epoch ms, line): where the script was, over time
        main = threading.main_thread().ident
        assert main is not None, "the main thread is always started"
        self._main: int = main
        self._clock = time.pthread_getcpuclockid(self._main)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sparklint-sampler", daemon=True)

    def __enter__(self) -> LineSampler:
        self._last = time.clock_gettime(self._clock)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        now, wall_ms = time.clock_gettime(self._clock), int(time.time() * 1000)
        delta, self._last = now - self._last, now
        line = self._script_line()
        if line is not None and (not self.line_changes or self.line_changes[-1][1] != line):
            self.line_changes.append((wall_ms, line))
        if delta <= 0:
            return
        self.buckets[wall_ms // BUCKET_MS] += delta
        if line is not None:
            self.line_cpu[line] += delta

    def _script_line(self) -> int | None:
        frame = sys._current_frames().get(self._main)
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                return frame.f_lineno
            frame = frame.f_back
        return None
