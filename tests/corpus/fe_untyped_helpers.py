"""Feature helpers whose frames arrive as untyped parameters: what sparklint cannot see."""
import pandas as pd


def clean(frame):
    frame = frame.dropna(subset=["amount"])  # expect: SPL231
    return frame.drop_duplicates(["order_id"])  # expect: SPL211


def add_ratios(frame, columns):
    for column in columns:
        frame[f"{column}_ratio"] = frame[column] / frame[column].sum()
    return frame


orders = clean(pd.read_csv("data/orders.csv"))  # expect: SPL101
orders = add_ratios(orders, ["amount", "discount"])
