"""Monthly revenue report in Spark SQL over the full order history."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("revenue").getOrCreate()
spark.read.parquet("abfss://lake@corp.dfs.core.windows.net/orders").createOrReplaceTempView("orders")
monthly = spark.sql("""
    SELECT date_trunc('month', ts) AS month, region, sum(amount) AS revenue
    FROM orders GROUP BY 1, 2
""")
monthly.write.mode("overwrite").saveAsTable("finance.monthly_revenue")
