"""Nightly sales report: read exports, aggregate, write a summary (pandas I/O)."""
import pandas as pd

orders = pd.read_csv("exports/orders_2024.csv", parse_dates=["created_at"])  # expect: SPL101
returns = pd.read_json("exports/returns.jsonl", lines=True)  # expect: SPL103
stores = pd.read_excel("reference/stores.xlsx", sheet_name="active")  # expect: SPL104

orders = orders[orders["status"] == "complete"]  # expect: SPL241
summary = orders.groupby("store_id")["amount"].sum().reset_index()  # expect: SPL201 SPL243
summary.to_parquet("reports/daily_summary.parquet", index=False)  # expect: SPL151
summary.to_csv("reports/daily_summary.csv", index=False)  # expect: SPL150
