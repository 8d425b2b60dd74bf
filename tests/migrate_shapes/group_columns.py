import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
means = df.groupby("plan", as_index=False)[["income", "tenure"]].mean()
tops = df.groupby(["plan", "city"])[["income", "tenure"]].max().reset_index()
json.dump({"mean_income": float(means["income"].sum()), "mean_tenure": float(means["tenure"].sum()),
           "plans": len(means), "top_tenure": float(tops["tenure"].sum()), "pairs": len(tops)},
          open(sys.argv[2] + "/metrics.json", "w"))
