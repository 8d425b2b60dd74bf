"""Paths by platform (SPL801): what a path in `spark.read`/`write` means depends on `--target`."""

from __future__ import annotations

import pytest

from sparklint.api import engine_for
from sparklint.sources import Source

ENGINE = engine_for(("SPL801",))
HEADER = "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"


def messages(line: str, target: str) -> list[str]:
    result = ENGINE.check(Source("job.py", "python", HEADER + line + "\n"), target)
    assert result.error is None, result.error
    return [f.message for f in result.findings]


@pytest.mark.parametrize("target", ["databricks", "fabric"])
def test_an_absolute_home_path_is_the_platforms_default_file_system(target):
    assert messages("df = spark.read.csv('/Users/alice/data.csv')", target) == []
    assert messages("df = spark.read.csv('/tmp/staging/data.csv')", target) == []


def test_under_plain_spark_a_home_folder_is_the_drivers_disk():
    [message] = messages("df = spark.read.csv('/Users/alice/data.csv')", "spark")
    assert "driver's local disk" in message


@pytest.mark.parametrize("target, where", [
    ("databricks", "the DBFS root (`dbfs:/data/train.csv`)"),
    ("fabric", "the default lakehouse's root, outside its `Files/` folder"),
    ("spark", "the cluster's default file system"),
])
def test_a_relative_path_says_where_the_target_looks_for_it(target, where):
    [message] = messages("df = spark.read.csv('./data/train.csv')", target)
    assert where in message and "not the folder the script runs in" in message


@pytest.mark.parametrize("target", ["spark", "databricks", "fabric"])
def test_file_scheme_and_windows_drives_are_local_everywhere(target):
    [file_scheme] = messages("df = spark.read.parquet('file:///tmp/events.parquet')", target)
    assert "each executor looks up on its own disk" in file_scheme
    [windows] = messages(r"df = spark.read.csv(r'C:\data\x.csv')", target)
    assert "Windows path" in windows


@pytest.mark.parametrize("master", ["SparkSession.builder.master('local[*]')", "SparkConf().setMaster('local')",
                                    "SparkContext('local[2]', 'app')",
                                    "SparkSession.builder.config('spark.master', 'local[4]')"])
def test_a_local_master_sees_every_local_path(master):
    code = f"from pyspark import SparkConf, SparkContext\nx = {master}\ndf = spark.read.csv('file:///tmp/x.csv')"
    assert messages(code, "spark") == []
    assert messages("x = SparkSession.builder.master('yarn')\ndf = spark.read.csv('file:///tmp/x.csv')", "spark")


@pytest.mark.parametrize("target, instead", [
    ("databricks", '"/Volumes/<catalog>/<schema>/<volume>/trips.csv"'),
    ("fabric", '"/lakehouse/default/Files/trips.csv")  # shared storage, which Spark reads as "Files/trips.csv"'),
    ("spark", "copy the file once to storage every executor reads, such as abfss://"),
])
def test_a_download_suggests_the_targets_shared_storage(target, instead):
    engine = engine_for(("SPL803",))
    code = "import urllib.request\nurllib.request.urlretrieve('https://example.org/trips.csv', 'trips.csv')\n"
    [finding] = engine.check(Source("job.py", "python", code), target).findings
    assert instead in finding.suggestion


@pytest.mark.parametrize("target, where", [
    ("databricks", "DBFS (`dbfs:/tmp/out/targets.csv`)"),
    ("fabric", "the default lakehouse"),
    ("spark", "the cluster's default file system"),
])
def test_a_path_the_driver_wrote_is_not_where_spark_reads(target, where):
    code = ("import pandas as pd\npdf = pd.DataFrame({'a': [1]})\npdf.to_csv('/tmp/out/targets.csv')\n"
            "df = spark.read.csv('/tmp/out/targets.csv')")
    [message] = messages(code, target)
    assert "wrote above to the driver's own disk" in message and where in message
    assert messages(code.replace("to_csv('/tmp", "to_csv('/dbfs/tmp"), target) == []


@pytest.mark.parametrize("folder", ['"runs/{}".format(tag)', 'f"runs/{tag}"'])
def test_a_path_formatted_from_a_relative_folder_is_relative(folder):
    """`"runs/{}".format(tag)` spells its start as an f-string does: a relative folder, whatever fills it."""
    [message] = messages(f"tag = 'x'\nout = {folder}\ndf = spark.read.csv(out + '/train.csv')", "spark")
    assert "not the folder the script runs in" in message
