import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
stats = df.groupby("plan")["income"].agg(["mean", "max"]).reset_index()
df = df.merge(stats, on="plan", how="left")
json.dump({"rows": len(df), "mean_of_means": float(df["mean"].mean())}, open(sys.argv[2] + "/metrics.json", "w"))
