import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["signup_day"] = pd.to_datetime(df["signup"], format="%Y-%m-%d").dt.day
df["signup"] = pd.to_datetime(df["signup"])
df["month"] = df["signup"].dt.month
df["weekday"] = df["signup"].dt.dayofweek
json.dump({"month_mean": float(df["month"].mean()), "weekday_mean": float(df["weekday"].mean()),
           "day_mean": float(df["signup_day"].mean())}, open(sys.argv[2] + "/metrics.json", "w"))
