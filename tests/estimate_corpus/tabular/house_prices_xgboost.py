import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import KFold

houses = pd.read_csv("data/house_prices.csv")
houses["age"] = 2024 - houses["year_built"]
features = ["sqft", "bedrooms", "bathrooms", "age"]

scores = []
for train_idx, valid_idx in KFold(n_splits=5, shuffle=True).split(houses):
    train, valid = houses.iloc[train_idx], houses.iloc[valid_idx]
    dtrain = xgb.DMatrix(train[features], label=np.log1p(train["price"]))
    dvalid = xgb.DMatrix(valid[features], label=np.log1p(valid["price"]))
    booster = xgb.train({"objective": "reg:squarederror", "max_depth": 6, "eta": 0.05, "tree_method": "hist"},
                        dtrain, num_boost_round=500, evals=[(dvalid, "valid")], early_stopping_rounds=50)
    scores.append(booster.best_score)
print(np.mean(scores))
