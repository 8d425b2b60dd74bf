"""Spark readiness: the share of a file's data operations that already run distributed.

An operation is distributed when it is a call on a Spark object (a session's readers and SQL,
DataFrame and RDD transformations and actions, writers, pyspark.ml stages, pyspark.pandas frames);
it is driver-bound when a rule reports it. Reader and writer options (`.option`, `.mode`) are
part of the read or write they configure, not operations of their own. The score is distributed / (distributed + driver-bound),
absent when a file touches no data. Calls that pull data back (`collect`, `toPandas`) are findings,
so they count on the driver side only.
"""

from __future__ import annotations

import libcst as cst

from sparklint.context import Context
from sparklint.values import READER, RDD, SESSION, SPARK, SPARK_ML, SPARK_PANDAS, WRITER

DISTRIBUTED_KINDS = frozenset({SESSION, READER, WRITER, SPARK, RDD, SPARK_ML, SPARK_PANDAS})
DRIVER_PULLS = frozenset({"toPandas", "collect", "take", "head", "tail", "toLocalIterator", "to_pandas",
                          "collectAsMap", "first", "count", "show", "printSchema", "isEmpty"})


class DistributedOperations:
    """Observer: counts calls on Spark objects during the engine's single walk."""

    def visit_Call(self, node: cst.Call, ctx: Context) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value in DRIVER_PULLS:
            return
        receiver = ctx.kind_of(func.value)
        if receiver not in DISTRIBUTED_KINDS or ctx.scopes_run_on_executors():
            return
        if ctx.values.member_kind(receiver, func.attr.value) not in (READER, WRITER):  # options are not operations
            ctx.count("distributed")


def readiness(distributed: int, driver: int) -> dict | None:
    if distributed + driver == 0:
        return None
    return {"score": round(distributed / (distributed + driver), 3), "distributed_operations": distributed,
            "driver_operations": driver}
