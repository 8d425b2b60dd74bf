# verify scenario: driver-bound. Spark hands a small table to the driver, which then works on it in pure Python.
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
ids = [row.id for row in spark.range(3_000, numPartitions=1).collect()]
total = 0
for rounds in range(12_000):
    total += sum(i * i % 7 for i in ids)
print("checksum", total)
