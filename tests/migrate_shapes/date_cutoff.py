import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], parse_dates=["signup"])
# the last fifth of the sign-ups is the test period
cutoff = df["signup"].quantile(0.8)
train = df[df["signup"] <= cutoff]
test = df[df["signup"] > cutoff]
json.dump({"train": len(train), "test": len(test), "test_income": float(test["income"].mean())},
          open(sys.argv[2] + "/metrics.json", "w"))
