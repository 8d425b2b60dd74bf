# Databricks notebook source
import pandas as pd
from prophet import Prophet
from pyspark.sql.types import DateType, DoubleType, StringType, StructField, StructType

# COMMAND ----------

history = spark.table("sales.daily_store_item")

# COMMAND ----------

schema = StructType([StructField("store_item", StringType()), StructField("ds", DateType()), StructField("yhat", DoubleType())])


def forecast(pdf: pd.DataFrame) -> pd.DataFrame:
    model = Prophet(weekly_seasonality=True, yearly_seasonality=True)
    model.fit(pdf.rename(columns={"day": "ds", "units": "y"})[["ds", "y"]])
    future = model.make_future_dataframe(periods=28)
    out = model.predict(future)[["ds", "yhat"]]
    out["store_item"] = pdf["store_item"].iloc[0]
    return out


forecasts = history.groupBy("store_item").applyInPandas(forecast, schema=schema)
forecasts.write.mode("overwrite").saveAsTable("sales.forecast_28d")
