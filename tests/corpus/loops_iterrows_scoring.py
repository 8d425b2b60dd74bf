"""Score each customer row by row."""
import pandas as pd

customers = pd.read_csv("data/customers.csv")  # expect: SPL101
scores = []
for _, row in customers.iterrows():  # expect: SPL301
    scores.append(row["visits"] * 0.3 + row["spend"] * 0.7)
customers["score"] = scores  # expect: SPL240

for record in customers.itertuples():  # expect: SPL301
    if record.score > 100:
        print(record.customer_id)
