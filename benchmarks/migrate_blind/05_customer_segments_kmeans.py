"""Customer segmentation with KMeans; pick k by silhouette."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler


def load(path):
    df = pd.read_csv(path)
    df = df.drop_duplicates(subset="customer_id")
    return df


def add_features(df):
    df = df.copy()
    df["log_income"] = np.log1p(df["income"])
    df["charges_per_product"] = df["monthly_charges"] / df["num_products"]
    df["is_long_contract"] = df["contract"].str.contains("year").astype(int)
    return df


def main():
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    df = add_features(load(data_dir / "customers.csv"))

    cols = ["age", "log_income", "tenure_months", "monthly_charges", "support_calls",
            "charges_per_product", "is_long_contract"]
    df = df.dropna(subset=cols)
    print(df[cols].describe())

    X = StandardScaler().fit_transform(df[cols])

    scores = {}
    for k in [3, 4, 5, 6]:
        km = KMeans(n_clusters=k, n_init=4, random_state=0).fit(X)
        scores[k] = silhouette_score(X, km.labels_, sample_size=2000, random_state=0)
        print(f"k={k} inertia={km.inertia_:.0f} silhouette={scores[k]:.3f}")

    best_k = max(scores, key=scores.get)
    km = KMeans(n_clusters=best_k, n_init=10, random_state=0).fit(X)
    df["segment"] = km.labels_

    profile = df.groupby("segment")[cols + ["churn"]].mean()
    print(profile.round(2))

    df[["customer_id", "segment"]].to_csv(out_dir / "segments.csv", index=False)
    metrics = {
        "best_k": int(best_k),
        "silhouette": float(scores[best_k]),
        "inertia": float(km.inertia_),
        "n_customers": int(len(df)),
    }
    with open(out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)


if __name__ == "__main__":
    main()
