"""A Spark job that keeps coming back to the driver."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
orders = spark.read.parquet("s3://shop/orders/")

for row in orders.select("id", "total").collect():  # expect: SPL602 SPL603
    print(row.id, row.total)

if orders.count() == 0:  # expect: SPL606
    raise SystemExit("no orders")

for day in ["2024-01-01", "2024-01-02"]:
    n = orders.filter(F.col("day") == day).count()  # expect: SPL607
    print(day, n)

first_rows = orders.take(100000)  # expect: SPL605
preview = orders.head(5)
