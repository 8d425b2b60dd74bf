import json, sys
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
FEATURES = ["tenure", "label"]
TARGET = "income"
df = pd.read_csv(sys.argv[1]).dropna()
train = df[df["signup"] < "2024-09-01"]
test = df[df["signup"] >= "2024-09-01"]
model = LinearRegression()
model.fit(train[FEATURES], train[TARGET])
json.dump({"mae": mean_absolute_error(test[TARGET], model.predict(test[FEATURES]))}, open(sys.argv[2] + "/metrics.json", "w"))
