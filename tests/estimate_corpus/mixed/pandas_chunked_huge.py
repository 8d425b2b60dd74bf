import pandas as pd

totals = None
for chunk in pd.read_csv("/data/exports/transactions_all_years.csv", chunksize=5_000_000,
                         usecols=["merchant_id", "amount", "country"]):
    part = chunk.groupby(["merchant_id", "country"])["amount"].agg(["sum", "count"])
    totals = part if totals is None else totals.add(part, fill_value=0)
totals.to_parquet("merchant_totals.parquet")
