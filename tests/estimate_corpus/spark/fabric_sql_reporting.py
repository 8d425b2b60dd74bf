# Fabric notebook source

# METADATA ********************

# META {
# META   "kernel_info": {"name": "synapse_pyspark"}
# META }

# CELL ********************

df = spark.sql("""
    SELECT region, product_line, date_trunc('month', order_date) AS month, SUM(net_amount) AS revenue
    FROM lakehouse.sales_orders
    GROUP BY region, product_line, date_trunc('month', order_date)
""")
df.write.mode("overwrite").format("delta").saveAsTable("reporting.monthly_revenue")

# METADATA ********************

# META {
# META   "language": "python"
# META }

# CELL ********************

top = spark.table("reporting.monthly_revenue").orderBy("revenue", ascending=False).limit(20)
display(top)

# METADATA ********************

# META {
# META   "language": "python"
# META }
