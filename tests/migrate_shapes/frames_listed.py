import json, sys
import pandas as pd

# one export per region in a real project; here the same file read twice
parts = [pd.read_csv(path, parse_dates=["signup"]) for path in [sys.argv[1], sys.argv[1]]]
df = pd.concat(parts, ignore_index=True)
print("rows:", df.shape, "label share:", df["label"].mean().round(3))
df["month"] = df["signup"].dt.month
json.dump({"rows": len(df), "mean_income": df["income"].mean(), "label_share": float(df["label"].mean().round(3)),
           "last_month": int(df["month"].max())}, open(sys.argv[2] + "/metrics.json", "w"))
