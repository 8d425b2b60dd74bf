import json
import os
import sys

import pandas as pd
from sklearn.cluster import KMeans
from sklearn.impute import SimpleImputer
from sklearn.metrics import silhouette_score, adjusted_rand_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA_DIR = sys.argv[1]
OUT_DIR = sys.argv[2]
N_CLUSTERS = 4

readings = pd.read_csv(os.path.join(DATA_DIR, "sensors.csv"),
                       dtype={"sensor_id": "string", "machine_type": "category"})
print(readings.head())
print(readings.isna().sum())

# normalise each signal within its machine type so clusters reflect operating state, not machine kind
cols = ["temperature", "vibration", "pressure", "humidity", "rpm"]
for c in cols:
    grp = readings.groupby("machine_type", observed=True)[c]
    readings[c + "_z"] = (readings[c] - grp.transform("mean")) / grp.transform("std")

zcols = [c + "_z" for c in cols]
pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(),
                     KMeans(n_clusters=N_CLUSTERS, n_init=5, random_state=42))
labels = pipe.fit_predict(readings[zcols])
readings["state"] = labels

X_scaled = pipe[:-1].transform(readings[zcols])
sil = silhouette_score(X_scaled, labels, sample_size=4000, random_state=42)

summary = readings.groupby("state").agg(
    n=("sensor_id", "size"),
    temp=("temperature", "mean"),
    vib=("vibration", "mean"),
    failure_rate=("failure_within_24h", "mean"),
)
print(summary)
summary.to_csv(os.path.join(OUT_DIR, "cluster_summary.csv"))

metrics = {
    "silhouette": float(sil),
    "inertia": float(pipe[-1].inertia_),
    "ari_vs_failure": float(adjusted_rand_score(readings["failure_within_24h"], labels)),
    "max_cluster_failure_rate": float(summary["failure_rate"].max()),
    "n_rows": int(len(readings)),
}
with open(os.path.join(OUT_DIR, "metrics.json"), "w") as f:
    json.dump(metrics, f)
print(metrics)
