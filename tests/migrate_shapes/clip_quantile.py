import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
# cap outliers at the 1st / 99th percentile
df["income"] = df["income"].clip(lower=df["income"].quantile(0.01), upper=df["income"].quantile(0.99))
json.dump({"nulls": int(df["income"].isna().sum()), "max": float(df["income"].max()),
           "mean": float(df["income"].mean())}, open(sys.argv[2] + "/metrics.json", "w"))
