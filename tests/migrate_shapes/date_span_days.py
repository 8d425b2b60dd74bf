import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], parse_dates=["signup"])
plans = df.groupby("plan").agg(first_signup=("signup", "min"), last_signup=("signup", "max"),
                               users=("id", "count")).reset_index()
plans["span_days"] = (plans["last_signup"] - plans["first_signup"]).dt.days
plans["span_hours"] = (plans["last_signup"] - plans["first_signup"]).dt.total_seconds() / 3600
json.dump({"plans": len(plans), "total_span": int(plans["span_days"].sum()), "max_span": int(plans["span_days"].max()),
           "hours": round(float(plans["span_hours"].sum()), 3)},
          open(sys.argv[2] + "/metrics.json", "w"))
