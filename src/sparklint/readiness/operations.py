"""The observer that counts distributed operations (see the package's docstring for what counts)."""

from __future__ import annotations

import libcst as cst

from sparklint.context import Context
from sparklint.values import RDD, READER, SESSION, SPARK, SPARK_ML, SPARK_PANDAS, SPARK_SMALL, WRITER

DISTRIBUTED_KINDS = frozenset({SESSION, READER, WRITER, SPARK, SPARK_SMALL, RDD, SPARK_ML, SPARK_PANDAS})
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
