import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["tenure"] = df["tenure"].clip(upper=365)
json.dump({"nulls": int(df["tenure"].isna().sum()), "max": float(df["tenure"].max())}, open(sys.argv[2] + "/metrics.json", "w"))
