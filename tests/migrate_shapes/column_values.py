import json, sys
import numpy as np
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["signup"] = pd.to_datetime(df["signup"], format="%Y-%m-%d", errors="coerce")
df["city_day"] = pd.to_datetime(df["city"], errors="coerce")
df["income_kept"] = df["income"].where(df["income"] > 40, 0)
df["income_high"] = df["income"].where(df["tenure"] > 100)
df["income_low"] = np.where(df["income"] > 60, np.nan, df["income"])
df["tenure_capped"] = df["tenure"].clip(30, 300)
df["signup_month"] = df["signup"].dt.strftime("%Y-%m")
df["tenure_days"] = df["income"] / df["tenure"].replace(0, 1)
df["plan_named"] = df["plan"].replace("team", "group")
df["score"] = np.nan
df["reviewed_at"] = pd.NaT
df["city_number"] = pd.to_numeric(df["city"], errors="coerce")
df["tenure_number"] = pd.to_numeric(df["tenure"])
df["signup_hour"] = df["signup"].apply(lambda day: day.hour)
df["tenure_float"] = df["tenure"].apply(lambda days: float(days))
df["flagged"] = pd.Series([0.5] * len(df), dtype=float)
df["tenure_floor"] = np.maximum(30, df["tenure"])
plan_rank = {"basic": 1, "pro": 2, "team": 3}
df["plan_rank"] = df["plan"].apply(lambda plan: plan_rank[plan])
df["tier"] = df.apply(lambda row: "big" if row["income"] >= 50 else "small", axis=1)
df["income_twice"] = df.apply(lambda r: float(r.income) * 2, axis=1)
json.dump({"kept": round(float(df["income_kept"].sum()), 6), "high": round(float(df["income_high"].sum()), 6),
           "high_missing": int(df["income_high"].isna().sum()), "capped": float(df["tenure_capped"].sum()),
           "low": round(float(df["income_low"].sum()), 6), "low_missing": int(df["income_low"].isna().sum()),
           "capped_missing": int(df["tenure_capped"].isna().sum()), "months": int(df["signup_month"].nunique()),
           "signup_missing": int(df["signup"].isna().sum()), "city_days": int(df["city_day"].notna().sum()),
           "per_day": round(float(df["tenure_days"].sum()), 6), "groups": int((df["plan_named"] == "group").sum()),
           "scores_missing": int(df["score"].isna().sum()), "reviews_missing": int(df["reviewed_at"].isna().sum()),
           "city_numbers": int(df["city_number"].notna().sum()), "tenure_total": float(df["tenure_number"].sum()),
           "hours": float(df["signup_hour"].sum()), "tenure_floats": float(df["tenure_float"].sum()),
           "flagged": float(df["flagged"].sum()),
           "floored": float(df["tenure_floor"].sum()), "floor_missing": int(df["tenure_floor"].isna().sum()),
           "ranks": int(df["plan_rank"].sum()), "big": int((df["tier"] == "big").sum()),
           "twice": round(float(df["income_twice"].sum()), 6)},
          open(sys.argv[2] + "/metrics.json", "w"))
