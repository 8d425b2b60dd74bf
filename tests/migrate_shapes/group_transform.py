import json, sys
import pandas as pd

df = pd.read_csv(sys.argv[1])
df["plan_income"] = df.groupby("plan")["income"].transform("mean")
df["peak_tenure"] = df.groupby(["plan", "city"])["tenure"].transform("max")
json.dump({"plan_income": float(df["plan_income"].mean()), "peak_tenure": float(df["peak_tenure"].sum())},
          open(sys.argv[2] + "/metrics.json", "w"))
