"""Click-through model: LightGBM on the GPU over a wide feature table."""
import lightgbm as lgb
import pandas as pd

features = pd.read_parquet("features/ctr_2024/")
train = lgb.Dataset(features.drop(columns="clicked"), label=features["clicked"])
booster = lgb.train({"objective": "binary", "device": "gpu", "num_leaves": 255}, train, num_boost_round=2000)
booster.save_model("ctr.txt")
