import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], parse_dates=["signup"])
plans = df.groupby("plan").agg(first_signup=("signup", "min"), last_signup=("signup", "max"),
                               users=("id", "count")).reset_index()
plans["span_days"] = (plans["last_signup"] - plans["first_signup"]).dt.days
json.dump({"plans": len(plans), "total_span": int(plans["span_days"].sum()), "max_span": int(plans["span_days"].max())},
          open(sys.argv[2] + "/metrics.json", "w"))
