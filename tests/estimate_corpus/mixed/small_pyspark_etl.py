from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.master("local[*]").appName("country-report").getOrCreate()
customers = spark.read.option("header", True).csv("data/customers.csv")
report = customers.groupBy("country").agg(F.round(F.avg("ltv"), 2).alias("avg_ltv"))
report.coalesce(1).write.mode("overwrite").csv("out/country_report")
