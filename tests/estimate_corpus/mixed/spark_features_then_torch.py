"""Feature engineering on the cluster, then a PyTorch ranking model."""
import torch
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
clicks = spark.read.parquet("abfss://lake@contoso.dfs.core.windows.net/clicks/")
features = clicks.groupBy("user_id", "item_id").agg(F.count("*").alias("clicks"), F.max("dwell").alias("dwell"))
features.write.mode("overwrite").parquet("abfss://lake@contoso.dfs.core.windows.net/features/user_item/")

model = torch.nn.Sequential(torch.nn.Linear(2, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1)).to("cuda")
