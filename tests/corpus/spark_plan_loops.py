"""Loops that only build Spark plans, over columns and a list of regions: no row loops (one rename-in-a-loop)."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("abfss://lake@acme.dfs.core.windows.net/events")

for name in df.columns:
    df = df.withColumnRenamed(name, name.lower())  # expect: SPL613

numeric = [c for c, t in df.dtypes if t in ("int", "double")]
stats = df.select([F.mean(c).alias(f"mean_{c}") for c in numeric])

for region in ["emea", "amer", "apac"]:
    df.filter(F.col("region") == region).write.mode("overwrite").parquet(
        f"abfss://lake@acme.dfs.core.windows.net/by_region/{region}"
    )
