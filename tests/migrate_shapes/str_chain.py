import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["city"] = df["city"].str.strip().str.lower()
df["is_paris"] = df["city"].str.contains("paris").astype(int)
json.dump({"paris": int(df["is_paris"].sum())}, open(sys.argv[2] + "/metrics.json", "w"))
