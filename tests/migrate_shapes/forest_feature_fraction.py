import json, sys
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score
df = pd.read_csv(sys.argv[1]).dropna()
# a time split: sign-ups before September train, the rest test
train = df[df["signup"] < "2024-09-01"]
test = df[df["signup"] >= "2024-09-01"]
cols = ["tenure", "label", "id"]
forest = RandomForestRegressor(n_estimators=40, max_features=0.5, min_samples_leaf=5, n_jobs=-1, random_state=3)
forest.fit(train[cols], train["income"])
json.dump({"r2": r2_score(test["income"], forest.predict(test[cols]))}, open(sys.argv[2] + "/metrics.json", "w"))
