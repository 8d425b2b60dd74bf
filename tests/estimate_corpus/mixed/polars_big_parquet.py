import polars as pl
from sklearn.linear_model import Ridge

trips = pl.read_parquet("trips/2019-2023/*.parquet")
trips = trips.with_columns(pl.col("pickup").dt.hour().alias("hour"))
frame = trips.select(["hour", "distance", "passengers", "fare"]).to_pandas()
Ridge(alpha=1.0).fit(frame[["hour", "distance", "passengers"]], frame["fare"])
