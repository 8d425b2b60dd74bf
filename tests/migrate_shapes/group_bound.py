import json, sys
import pandas as pd

df = pd.read_csv(sys.argv[1], parse_dates=["signup"])
df = df.sort_values(["plan", "signup", "id"]).reset_index(drop=True)

by_plan = df.groupby("plan")
df["prev_income"] = by_plan["income"].shift(1)
df["plan_mean_tenure"] = by_plan["tenure"].transform("mean")
df["nth_signup"] = by_plan.cumcount()
city_income = df.groupby("city")["income"]
df["city_top_income"] = city_income.transform("max")
plans = by_plan.agg(customers=("id", "count"), income=("income", "mean"))
df["first_city"] = by_plan["city"].transform("first")  # no Spark form here: the grouping comes back to pandas

json.dump({"prev_income": df["prev_income"].mean(), "mean_tenure": df["plan_mean_tenure"].sum(),
           "last_signup": int(df["nth_signup"].max()), "top_income": df["city_top_income"].mean(),
           "best_plan_income": float(plans["income"].max()), "first_cities": int(df["first_city"].nunique())},
          open(sys.argv[2] + "/metrics.json", "w"))
