"""Build training pairs from records with comprehensions."""
import pandas as pd

pairs = pd.read_csv("data/pairs.csv")  # expect: SPL101
records = pairs.to_dict("records")
texts = [f"{r['query']} [SEP] {r['doc']}" for r in records]  # expect: SPL305
lookup = {r["id"]: r["label"] for r in pairs.to_dict(orient="records")}  # expect: SPL305
