"""Spark readiness: the share of a file's data operations that already run distributed.

An operation is distributed when it is a call on a Spark object (a session's readers and SQL,
DataFrame and RDD transformations and actions, writers, pyspark.ml stages, pyspark.pandas frames);
it is driver-bound when a rule reports it. Reader and writer options (`.option`, `.mode`) are
part of the read or write they configure, not operations of their own. The score is
distributed / (distributed + driver-bound), absent when a file touches no data. Calls that pull
data back (`collect`, `toPandas`) are findings, so they count on the driver side only.

`operations.DistributedOperations` counts during the engine's walk; the score here is computed
from the counts, also from cached ones, so it needs no parser.
"""

from __future__ import annotations


def readiness(distributed: int, driver: int) -> dict | None:
    if distributed + driver == 0:
        return None
    return {"score": round(distributed / (distributed + driver), 3), "distributed_operations": distributed,
            "driver_operations": driver}
