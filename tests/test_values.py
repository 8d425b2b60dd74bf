"""Value tracking: pandas rules never fire on Spark frames and the reverse; executor code stays silent."""

from __future__ import annotations

import textwrap

from sparklint.api import check_source
from sparklint.sources import Source


def codes(code: str, kind: str = "python") -> list[tuple[int, str]]:
    result = check_source(Source("t.py", kind, textwrap.dedent(code)))
    assert result.error is None
    return [(f.line, f.code) for f in result.findings]


def test_names_follow_assignments_attributes_and_returns():
    assert codes("""
        from pyspark.sql import SparkSession
        import pandas as pd

        class Job:
            def __init__(self, spark):
                self.events = spark.read.parquet("s3://b/e")

        def load(spark):
            return spark.read.parquet("s3://b/x")

        spark = SparkSession.builder.getOrCreate()
        job = Job(spark)
        a = load(spark).toPandas()
        b = a.toPandas()
        c = pd.DataFrame({"x": [1]}).collect()
    """) == [(14, "SPL601")]


def test_rebinding_changes_the_kind():
    assert codes("""
        import pyspark
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        df = spark.table("t")
        df = df.toPandas()
        rows = df.collect()
    """) == [(6, "SPL601")]


def test_annotations_decide_the_kind_of_parameters():
    assert codes("""
        import pandas as pd
        from pyspark.sql import DataFrame

        def to_local(frame: DataFrame) -> pd.DataFrame:
            return frame.toPandas()

        def keep(frame: pd.DataFrame):
            return frame.collect()
    """) == [(6, "SPL601")]


def test_code_shipped_to_executors_is_silent():
    assert codes("""
        import pandas as pd
        from pyspark.sql import SparkSession
        from pyspark.sql.functions import pandas_udf

        spark = SparkSession.builder.getOrCreate()

        def helper(path):
            return pd.read_csv(path)

        def per_group(pdf):
            extra = helper("lookup.csv")
            return pdf.merge(extra)

        @pandas_udf("double")
        def scale(s):
            return s * pd.read_json("w.json")["w"][0]

        df = spark.table("t")
        out = df.groupBy("k").applyInPandas(per_group, schema="k long")
        rdd = df.rdd.map(lambda r: pd.read_csv(r.path))
        local = pd.read_csv("driver_side.csv")
    """) == [(21, "SPL612"), (22, "SPL101")]  # rdd.map itself is row-at-a-time; its body is not driver work


def test_notebook_globals_are_spark_objects():
    assert codes("pdf = spark.table('t').toPandas()\n", kind="databricks") == [(1, "SPL601")]
    assert codes("import pandas as pd\nx = spark.table('t').toPandas()\n", kind="python") == []


def test_files_that_import_nothing_relevant_are_not_parsed():
    result = check_source(Source("t.py", "python", "def broken(:\n    pass\n"))
    assert result.error is None and result.findings == []


def test_a_remembered_qualified_name_belongs_to_its_node_not_to_a_reused_id():
    """`Imports.qualify` keeps answers per node; a new node may get a freed node's id (the
    migrate tool qualifies nodes it builds and drops), and must not get the freed node's answer."""
    import libcst as cst

    from sparklint.names import Imports

    imports = Imports()
    imports.add(cst.parse_statement("import pandas as pd").body[0])
    first = imports.qualify(cst.Name("pd"))  # a node freed as soon as it is answered: its id is free again
    second = imports.qualify(cst.Name("x"))  # (outside `assert`, which would keep the first node alive)
    assert (first, second) == ("pandas", None)
