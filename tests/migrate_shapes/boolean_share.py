import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["is_paris"] = df["city"].str.strip().str.lower().eq("paris")
by_plan = df.groupby("plan").agg(users=("id", "count"), paris_share=("is_paris", "mean"),
                                 avg_income=("income", "mean")).reset_index()
json.dump({"plans": len(by_plan), "paris_share": float(by_plan["paris_share"].sum()),
           "paris_overall": float(df["is_paris"].mean())}, open(sys.argv[2] + "/metrics.json", "w"))
