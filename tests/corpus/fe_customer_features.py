"""Customer feature engineering on pandas frames."""
import pandas as pd

tx = pd.read_parquet("data/transactions.parquet")  # expect: SPL102
profiles = pd.read_csv("data/profiles.csv")  # expect: SPL101

spend = tx.groupby("customer_id").agg(total=("amount", "sum"), n=("amount", "count"))  # expect: SPL201
by_month = tx.pivot_table(index="customer_id", columns="month", values="amount", aggfunc="sum")  # expect: SPL205
df = profiles.merge(spend, on="customer_id", how="left").merge(by_month, on="customer_id")  # expect: SPL202
df["segment"] = df.apply(lambda r: "vip" if r["total"] > 10_000 else "std", axis=1)  # expect: SPL221 SPL240
df = pd.get_dummies(df, columns=["segment", "country"])  # expect: SPL209
df = df.fillna(0)  # expect: SPL230
X = df.drop(columns=["customer_id"]).values  # expect: SPL234 SPL235
