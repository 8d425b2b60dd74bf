import json, sys
import numpy as np
import pandas as pd
df = pd.read_csv(sys.argv[1])
df = df.sort_values(["plan", "signup", "id"]).reset_index(drop=True)
df["prev_income"] = df.groupby("plan")["income"].shift(1)
df["next_income"] = df.groupby("plan")["income"].shift(-1)
df["income_change"] = df.groupby("plan")["income"].diff()
df["tenure_so_far"] = df.groupby("plan")["tenure"].cumsum()
df["nth_in_plan"] = df.groupby("plan").cumcount()
df["income_avg3"] = df.groupby("plan")["income"].transform(lambda s: s.rolling(3, min_periods=1).mean())
df["before_avg5"] = df.groupby(["plan", "city"])["income"].transform(lambda s: s.shift(1).rolling(5, min_periods=2).mean())
df["income_std4"] = df.groupby("plan")["income"].transform(lambda s: s.rolling(4).std())
for lag in (2, 3):
    df[f"tenure_lag{lag}"] = df.groupby("plan")["tenure"].shift(lag)
df["cycle"] = np.sin(2 * np.pi * df["tenure"] / 365) + np.cos(df["tenure"])
# Products with another column of the same row: a value moved to the wrong row changes them.
df["check"] = (df["prev_income"] * df["tenure"] + df["next_income"] - df["income_change"] + df["tenure_so_far"] / 1000
               + df["nth_in_plan"] * df["income_avg3"] + df["before_avg5"] + df["income_std4"] * df["tenure_lag3"]
               + df["tenure_lag2"] * df["income"] + df["cycle"])
metrics = {"check": float(df["check"].sum()), "rows_with_check": int(df["check"].count()),
           "sum_nth": int(df["nth_in_plan"].sum())}
json.dump(metrics, open(sys.argv[2] + "/metrics.json", "w"))
