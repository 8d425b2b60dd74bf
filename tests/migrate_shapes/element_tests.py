import json, sys
import numpy as np
import pandas as pd

SEATS = {"basic": 1, "pro": 5}  # "team" has none: NaN
df = pd.read_csv(sys.argv[1], parse_dates=["signup"])
df["north"] = df["city"].str.contains("Lille|lyon", na=False).astype(int)
df["dotted"] = df["city"].str.contains("L.lle", regex=False).astype(int)
df["spaced"] = df["city"].str.startswith(" ").astype(int)
df["ends_e"] = df["city"].str.endswith("e").astype(int)
df["seats"] = df["plan"].map(SEATS)
df["stage"] = df["tenure"].apply(lambda d: "new" if d < 90 else ("settled" if d <= 270 else "loyal"))
df["weight"] = df["income"].map(lambda x: x / 10 if x >= 50 else 0)
df["band"] = pd.cut(df["tenure"], bins=[0, 90, 270, np.inf], labels=False)
df["half"] = pd.cut(df["tenure"], [0, 200, 400], labels=["early", "late"], right=False)
df["weekday"] = df["signup"].dt.day_name()
df["day_of_year"] = df["signup"].dt.dayofyear
df["town"] = df["city"].str.strip().str.capitalize()
df["at_50"] = df["income"].round(0).eq(50)
df["shouted"] = df["city"].apply(lambda c: c.strip().upper())
df["letters"] = df["city"].map(lambda c: len(c))
print(df[["income", "tenure"]].describe().T)
metrics = {
    "north": int(df["north"].sum()), "dotted": int(df["dotted"].sum()), "spaced": int(df["spaced"].sum()),
    "ends_e": int(df["ends_e"].sum()), "seats": float(df["seats"].sum()), "no_seats": int(df["seats"].isna().sum()),
    "loyal": int((df["stage"] == "loyal").sum()), "new": int((df["stage"] == "new").sum()),
    "weight": round(float(df["weight"].sum()), 6), "band": float(df["band"].sum()),
    "unbanded": int(df["band"].isna().sum()), "late": int((df["half"] == "late").sum()),
    "mondays": int((df["weekday"] == "Monday").sum()), "day_of_year": int(df["day_of_year"].sum()),
    "nice": int((df["town"] == "Nice").sum()), "not_50": int((~df["at_50"]).sum()),
    "paris": int((df["shouted"] == "PARIS").sum()), "letters": int(df["letters"].sum()),
}
json.dump(metrics, open(sys.argv[2] + "/metrics.json", "w"))
