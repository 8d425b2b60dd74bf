# verify scenario: distributed, with idle capacity. Two short jobs run on the executors; in between the
# script waits (as for a file to land) while every executor and the driver sit idle.
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
events = spark.range(4_000_000, numPartitions=4)
print("sum", events.selectExpr("sum(hash(id) % 1000)").first()[0])
time.sleep(4)
print("max", events.selectExpr("max(hash(id, 1))").first()[0])
