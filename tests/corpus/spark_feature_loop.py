"""Adds one column per feature in a loop, then writes one file."""
from pyspark.sql import SparkSession
from pyspark.sql import Window
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
df = spark.table("analytics.events")
for lag in range(1, 31):
    df = df.withColumn(f"lag_{lag}", F.lag("value", lag).over(Window.partitionBy("user").orderBy("ts")))  # expect: SPL613

ranked = df.withColumn("rank", F.row_number().over(Window.orderBy(F.desc("value"))))  # expect: SPL615
ranked.coalesce(1).write.mode("overwrite").csv("s3://exports/ranked/")  # expect: SPL614
ranked.repartition(1).write.parquet("s3://exports/ranked_parquet/")  # expect: SPL614
