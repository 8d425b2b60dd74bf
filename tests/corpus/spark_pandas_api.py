"""pandas API on Spark: distributed, until to_pandas()."""
import pyspark.pandas as ps

psdf = ps.read_csv("abfss://lake@acme.dfs.core.windows.net/clicks/")
daily = psdf.groupby("day").agg({"clicks": "sum"}).sort_index()
merged = psdf.merge(daily, on="day")
local = merged.to_pandas()  # expect: SPL604
