import lightgbm as lgb
import polars as pl

events = pl.read_parquet("events_sample.parquet")
features = (
    events.group_by("user_id")
    .agg(pl.col("amount").sum().alias("spend"), pl.col("session_id").n_unique().alias("sessions"),
         pl.col("converted").max().alias("label"))
)
frame = features.to_pandas()
model = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=63)
model.fit(frame[["spend", "sessions"]], frame["label"])
model.booster_.save_model("conversion.txt")
