import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["city"] = df["city"].str.strip().str.lower()
df["is_paris"] = df["city"].str.contains("paris").astype(int)
df["two_words"] = df["city"].str.contains(r"\s").astype(int)  # \s: Unicode in Python, ASCII in Java
json.dump({"paris": int(df["is_paris"].sum()), "two_words": int(df["two_words"].sum())},
          open(sys.argv[2] + "/metrics.json", "w"))
