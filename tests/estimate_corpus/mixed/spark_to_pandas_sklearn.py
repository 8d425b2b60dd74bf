from pyspark.sql import SparkSession
from sklearn.ensemble import RandomForestRegressor

spark = SparkSession.builder.getOrCreate()
features = spark.read.parquet("abfss://ml@contoso.dfs.core.windows.net/demand/features/")
features = features.filter("region = 'EMEA'").select("store", "week", "promo", "temp", "units")
pdf = features.toPandas()
model = RandomForestRegressor(n_estimators=500, n_jobs=-1)
model.fit(pdf[["promo", "temp", "week"]], pdf["units"])
