"""Paths every executor can read (no findings expected)."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
a = spark.read.parquet("abfss://raw@acme.dfs.core.windows.net/events")
b = spark.read.csv("s3a://acme-raw/clicks/", header=True)
c = spark.read.json("dbfs:/mnt/raw/logs/")
d = spark.read.format("delta").load("/Volumes/main/raw/landing/orders")
e = spark.read.parquet("gs://acme-raw/sessions/")
a.unionByName(b, allowMissingColumns=True).write.saveAsTable("main.silver.events")
