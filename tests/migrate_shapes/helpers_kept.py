import json, sys
import pandas as pd


def load(path):
    df = pd.read_csv(path)
    return df.dropna(subset=["income"])


def add_flag(df):
    df["rich"] = (df["income"] > 55).astype(int)


df = load(sys.argv[1])
add_flag(df)  # pandas changes the caller's frame in place
pro = load(sys.argv[1]).pipe(lambda d: d[d["plan"] == "pro"])  # a helper's frame reaching a line kept as written
json.dump({"rich": int(df["rich"].sum()), "pro": len(pro)}, open(sys.argv[2] + "/metrics.json", "w"))
