"""Experiment cache: columnar files in, columnar files out."""
import pandas as pd

train = pd.read_feather("cache/train.feather")  # expect: SPL107
valid = pd.read_parquet("cache/valid.parquet", columns=["user_id", "label"])  # expect: SPL102
lookup = pd.read_table("reference/codes.tsv")  # expect: SPL106
train.to_feather("cache/train_clean.feather")  # expect: SPL156
valid.to_json("cache/valid.json", orient="records")  # expect: SPL152
