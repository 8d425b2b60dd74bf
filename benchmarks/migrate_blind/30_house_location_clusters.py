"""Cluster houses by location, then use the cluster as a feature in a price model."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import r2_score, silhouette_score, mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression

DATA_DIR, OUT_DIR = Path(sys.argv[1]), Path(sys.argv[2])

houses = pd.read_csv(DATA_DIR / "houses.csv", usecols=["house_id", "latitude", "longitude", "sqft_living",
                                                        "bedrooms", "year_built", "neighborhood", "price"])
houses = houses.drop_duplicates(subset="house_id")
houses["price_per_sqft"] = houses["price"] / houses["sqft_living"]

train, test = train_test_split(houses, test_size=0.2, random_state=42)
train, test = train.copy(), test.copy()

coords = ["latitude", "longitude"]
km = KMeans(n_clusters=12, n_init=10, random_state=0).fit(train[coords])
train["geo_cluster"] = km.labels_
test["geo_cluster"] = km.predict(test[coords])
sil = silhouette_score(train[coords], train["geo_cluster"], sample_size=3000, random_state=0)

# how well do clusters recover the named neighbourhoods?
purity = (train.groupby("geo_cluster")["neighborhood"].agg(lambda s: s.value_counts().iloc[0]).sum()
          / len(train))

# target-encode the cluster using the training rows only
cluster_ppsf = train.groupby("geo_cluster")["price_per_sqft"].agg(["mean", "max"]).add_prefix("cluster_ppsf_")
train = train.merge(cluster_ppsf, left_on="geo_cluster", right_index=True)
test = test.merge(cluster_ppsf, left_on="geo_cluster", right_index=True, how="left")

for d in (train, test):
    d["log_sqft"] = np.log(d["sqft_living"])
    d["log_cluster_ppsf"] = np.log(d["cluster_ppsf_mean"])
    d["age"] = 2024 - d["year_built"]

feats = ["log_sqft", "log_cluster_ppsf", "bedrooms", "age"]
lin = LinearRegression().fit(train[feats], np.log(train["price"]))
pred = np.exp(lin.predict(test[feats]))

metrics = {
    "silhouette": float(sil),
    "inertia": float(km.inertia_),
    "neighborhood_purity": float(purity),
    "price_r2": float(r2_score(test["price"], pred)),
    "price_mae": float(mean_absolute_error(test["price"], pred)),
    "n_train": int(len(train)),
    "n_test": int(len(test)),
}
print(metrics)
with open(OUT_DIR / "metrics.json", "w") as f:
    json.dump(metrics, f, indent=2)
