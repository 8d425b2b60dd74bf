import pandas as pd
import xgboost as xgb

train = pd.read_parquet("features/train.parquet")
valid = pd.read_parquet("features/valid.parquet")
label = "defaulted"

clf = xgb.XGBClassifier(n_estimators=3000, max_depth=10, learning_rate=0.02, tree_method="gpu_hist",
                        early_stopping_rounds=100, eval_metric="auc")
clf.fit(train.drop(columns=[label]), train[label], eval_set=[(valid.drop(columns=[label]), valid[label])])
clf.save_model("xgb_default.json")
