"""Weekly demand forecast: the lakehouse table is read with Spark, the model is fitted in pandas."""
from pyspark.sql import SparkSession
from sklearn.linear_model import Ridge

spark = SparkSession.builder.getOrCreate()
weekly = spark.read.table("retail.weekly_store_sales").select("store", "week", "promo", "holiday", "units")
history = weekly.toPandas()
history["lag_1"] = history.groupby("store")["units"].shift(1)
history = history.dropna()
model = Ridge(alpha=0.5).fit(history[["promo", "holiday", "lag_1"]], history["units"])
history["forecast"] = model.predict(history[["promo", "holiday", "lag_1"]])
spark.createDataFrame(history).write.mode("overwrite").saveAsTable("retail.weekly_forecast")
