"""Spark reading and writing paths that only the driver can see."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
events = spark.read.csv("/home/alice/data/events.csv", header=True)  # expect: SPL801
more = spark.read.parquet("./data/more_events")  # expect: SPL801
events.union(more).write.mode("overwrite").parquet("output/events_clean")  # expect: SPL801
with open("data/labels.csv") as handle:  # expect: SPL802
    labels = handle.read().splitlines()
