# Databricks notebook source
# MAGIC %md
# MAGIC # Daily sales ETL
# MAGIC Bronze → silver → gold for all stores.

# COMMAND ----------

from pyspark.sql import functions as F
from pyspark.sql.window import Window

# COMMAND ----------

raw = spark.read.format("delta").load("abfss://lake@contoso.dfs.core.windows.net/bronze/pos_events")
clean = (raw.filter(F.col("amount") > 0)
            .withColumn("day", F.to_date("event_ts"))
            .dropDuplicates(["event_id"]))

# COMMAND ----------

w = Window.partitionBy("store_id").orderBy("day").rowsBetween(-6, 0)
gold = (clean.groupBy("store_id", "day").agg(F.sum("amount").alias("revenue"))
             .withColumn("revenue_7d", F.avg("revenue").over(w)))
gold.write.format("delta").mode("overwrite").saveAsTable("gold.store_daily_revenue")

# COMMAND ----------

# MAGIC %sql
# MAGIC OPTIMIZE gold.store_daily_revenue ZORDER BY (store_id)
