"""Spark readiness: distributed operations against driver-bound findings, per file and per run."""

from __future__ import annotations

import textwrap

from sparklint.api import Run, check_source
from sparklint.reporters.json_report import summary
from sparklint.sources import Source


def result(code: str):
    return check_source(Source("t.py", "python", textwrap.dedent(code)))


def test_a_pure_spark_job_is_fully_ready():
    ready = result("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        df = spark.read.parquet("s3://b/x")
        out = df.groupBy("k").agg({"v": "sum"})
        out.write.mode("overwrite").parquet("s3://b/y")
    """).readiness
    assert ready == {"score": 1.0, "distributed_operations": 4, "driver_operations": 0}


def test_driver_pulls_count_on_the_driver_side_only():
    ready = result("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        df = spark.read.parquet("s3://b/x")
        pdf = df.toPandas()
    """).readiness
    assert ready == {"score": 0.5, "distributed_operations": 1, "driver_operations": 1}


def test_no_data_operations_means_no_score():
    assert result("import pandas as pd\nprint(pd.__version__)\n").readiness is None
    assert result("x = 1\n").readiness is None


def test_run_total_adds_the_files():
    run = Run([
        result("import pandas as pd\ndf = pd.read_csv('a.csv')\n"),
        result("from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
               "spark.read.parquet('s3://x').write.parquet('s3://y')\n"),
    ])
    ready = summary(run)["readiness"]
    assert ready == {"score": 0.667, "distributed_operations": 2, "driver_operations": 1}
