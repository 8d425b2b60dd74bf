"""Gradient boosting with xgboost and lightgbm."""
import lightgbm as lgb
import pandas as pd
import xgboost as xgb

train = pd.read_parquet("data/train.parquet")  # expect: SPL102
X, y = train.drop(columns="target"), train["target"]  # expect: SPL235
booster = xgb.XGBClassifier(n_estimators=800, max_depth=8, tree_method="hist")  # expect: SPL485
booster.fit(X, y)  # expect: SPL417
light = lgb.LGBMRegressor(num_leaves=63)  # expect: SPL491
light.fit(X, y)  # expect: SPL417
