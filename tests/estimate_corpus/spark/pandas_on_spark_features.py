import pyspark.pandas as ps

ps.set_option("compute.default_index_type", "distributed")
orders = ps.read_parquet("s3://retail-lake/orders/")
orders["order_month"] = orders["order_ts"].dt.to_period("M").astype(str)
monthly = orders.groupby(["customer_id", "order_month"]).agg({"amount": "sum", "order_id": "count"})
monthly = monthly.reset_index()
monthly.to_parquet("s3://retail-lake/features/monthly_customer/")
