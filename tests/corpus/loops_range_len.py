"""Label smoothing written as an index loop."""
import pandas as pd

labels = pd.read_parquet("data/labels.parquet")  # expect: SPL102
for i in range(len(labels)):  # expect: SPL303
    if labels.loc[i, "confidence"] < 0.5:
        labels.at[i, "label"] = -1

for column in labels.columns:
    labels[column] = labels[column].astype("float32")  # expect: SPL232 SPL240
