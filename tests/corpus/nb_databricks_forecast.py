# Databricks notebook source
# MAGIC %md
# MAGIC # Demand forecast per store

# COMMAND ----------

# MAGIC %pip install prophet

# COMMAND ----------

import pandas as pd
from prophet import Prophet

history = spark.table("main.retail.daily_sales")

# COMMAND ----------

def forecast_store(pdf: pd.DataFrame) -> pd.DataFrame:
    model = Prophet(weekly_seasonality=True)
    model.fit(pdf.rename(columns={"day": "ds", "units": "y"}))
    future = model.make_future_dataframe(periods=28)
    return model.predict(future)[["ds", "yhat"]].assign(store=pdf["store"].iloc[0])

forecasts = history.groupBy("store").applyInPandas(forecast_store, schema="ds date, yhat double, store long")

# COMMAND ----------

local = history.filter("store = 7").toPandas()  # expect: SPL601
single = Prophet().fit(local.rename(columns={"day": "ds", "units": "y"}))  # expect: SPL497 SPL236 SPL616

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT store, sum(yhat) FROM forecasts GROUP BY store
