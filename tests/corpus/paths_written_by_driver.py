"""A nightly job that downloads a price list, stages it with pandas, and reads it back with Spark."""
import urllib.request

import pandas as pd
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
urllib.request.urlretrieve("https://example.com/prices.csv", "/tmp/prices_raw.csv")  # expect: SPL803
prices = pd.read_csv("/tmp/prices_raw.csv")  # expect: SPL101
prices["eur"] = prices["usd"] * 0.92  # expect: SPL240
prices.to_csv("/tmp/staged/prices.csv", index=False)  # expect: SPL150
staged = spark.read.csv("/tmp/staged", header=True)  # expect: SPL801
history = spark.read.parquet("/mnt/lake/prices_history")
urllib.request.urlretrieve("https://example.com/fx.csv", "/Volumes/main/ref/raw/fx.csv")
staged.unionByName(history, allowMissingColumns=True).write.mode("append").saveAsTable("ref.prices")
