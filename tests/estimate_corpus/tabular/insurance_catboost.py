import pandas as pd
from catboost import CatBoostRegressor, Pool

claims = pd.read_csv("claims.csv")
cat_features = ["region", "vehicle_type", "policy_tier"]
train = claims[claims["year"] < 2023]
valid = claims[claims["year"] == 2023]

model = CatBoostRegressor(iterations=2000, depth=8, loss_function="Tweedie:variance_power=1.5", verbose=200)
model.fit(Pool(train.drop(columns=["claim_cost"]), train["claim_cost"], cat_features=cat_features),
          eval_set=Pool(valid.drop(columns=["claim_cost"]), valid["claim_cost"], cat_features=cat_features))
model.save_model("claims.cbm")
