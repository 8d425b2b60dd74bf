# verify scenario: spills. Each of two partitions sorts more wide rows than a small executor's execution
# memory holds, so Spark writes sorted runs to disk and merges them.
from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.getOrCreate()
rows = spark.range(700_000, numPartitions=2).withColumn("payload", F.repeat(F.md5(F.col("id").cast("string")), 16))
rows.sortWithinPartitions("payload").write.format("noop").mode("overwrite").save()  # sorts every row, writes nothing
