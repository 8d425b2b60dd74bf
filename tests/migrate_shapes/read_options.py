import json, sys
import pandas as pd

cols = ["plan", "income", "signup", "id"]  # not the file's order: pandas keeps the file's
df = pd.read_csv(sys.argv[1], usecols=cols, parse_dates=["signup"], dtype={"plan": str})
df = df.dropna(subset=["income"])
plans = df.groupby("plan").agg(customers=("id", "count")).reset_index()
df = df.merge(plans, on="plan", how="left", validate="many_to_one")
label = "income"
y = df[label]
json.dump({"id_position": list(df.columns).index("id"), "month": float(df["signup"].dt.month.mean()),
           "customers": float(df["customers"].mean()), "income": float(y.mean())},
          open(sys.argv[2] + "/metrics.json", "w"))
