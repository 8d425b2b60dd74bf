"""Builds Spark data from driver-side Python objects."""
import pandas as pd
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
sc = spark.sparkContext
local = pd.read_csv("data/big_export.csv")  # expect: SPL101
sdf = spark.createDataFrame(local)  # expect: SPL609
ids = list(range(10_000_000))
rdd = sc.parallelize(ids)  # expect: SPL610
lookup = sdf.rdd.collectAsMap()  # expect: SPL608
