import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df = df.fillna({"income": df["income"].median(), "tenure": 0})
json.dump({"rows": len(df), "income_mean": float(df["income"].mean())}, open(sys.argv[2] + "/metrics.json", "w"))
