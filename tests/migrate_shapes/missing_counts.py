import json, sys
import pandas as pd

df = pd.read_csv(sys.argv[1])
print(df.shape)
print(df.isna().sum())  # how much is missing before cleaning
df = df.dropna(subset=["income"])
df["tenure"] = df["tenure"].fillna(df["tenure"].median())
json.dump({"rows": len(df), "mean_tenure": df["tenure"].mean()}, open(sys.argv[2] + "/metrics.json", "w"))
