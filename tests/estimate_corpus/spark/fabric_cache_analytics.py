# Fabric notebook source

# CELL ********************

from pyspark.sql import functions as F

telemetry = spark.read.parquet("Files/telemetry/2024/")
telemetry.cache()
telemetry.count()

# CELL ********************

by_device = telemetry.groupBy("device_model").agg(F.avg("battery_drain").alias("drain"), F.count("*").alias("n"))
by_firmware = telemetry.groupBy("firmware").agg(F.expr("percentile_approx(latency_ms, 0.99)").alias("p99"))
joined = telemetry.join(by_device, "device_model").join(by_firmware, "firmware")
joined.write.mode("overwrite").format("delta").saveAsTable("analytics.device_health")
