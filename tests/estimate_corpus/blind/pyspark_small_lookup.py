"""Join a small product table to a small price list with PySpark."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
products = spark.read.csv("products.csv", header=True)
prices = spark.read.csv("prices.csv", header=True)
products.join(prices, "sku").write.mode("overwrite").parquet("catalog/")
