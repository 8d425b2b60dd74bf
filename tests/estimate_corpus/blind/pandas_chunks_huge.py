"""Aggregate a huge clickstream export chunk by chunk with pandas."""
import pandas as pd

totals = None
for chunk in pd.read_csv("exports/clickstream.csv", chunksize=1_000_000):
    part = chunk.groupby("page")["ms_on_page"].sum()
    totals = part if totals is None else totals.add(part, fill_value=0)
totals.to_csv("page_time.csv")
