"""Cluster users by their browsing behaviour (aggregated from sessions)."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score, davies_bouldin_score
from sklearn.preprocessing import StandardScaler


def load(path):
    return pd.read_csv(path, parse_dates=["start_time"])


def user_table(sessions):
    sessions["mobile"] = sessions["device"].str.lower().str.strip().eq("mobile")
    sessions["night"] = sessions["start_time"].dt.hour.isin([0, 1, 2, 3, 4, 5, 23])
    users = sessions.groupby("user_id").agg(
        n_sessions=("session_id", "count"),
        avg_pages=("pages_viewed", "mean"),
        avg_duration=("duration_sec", "mean"),
        cart_adds=("cart_adds", "sum"),
        conversions=("converted", "sum"),
        revenue=("revenue", "sum"),
        mobile_share=("mobile", "mean"),
        night_share=("night", "mean"),
        first_seen=("start_time", "min"),
        last_seen=("start_time", "max"),
    )
    users["active_days"] = (users["last_seen"] - users["first_seen"]).dt.days
    users["log_revenue"] = np.log1p(users["revenue"])
    users["conv_rate"] = users["conversions"] / users["n_sessions"]
    return users.drop(columns=["first_seen", "last_seen"])


def main():
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    users = user_table(load(data_dir / "sessions.csv"))
    users = users.fillna({"avg_duration": users["avg_duration"].median()})
    print(users.describe().round(2))

    feats = ["n_sessions", "avg_pages", "avg_duration", "cart_adds", "log_revenue", "mobile_share",
             "night_share", "active_days", "conv_rate"]
    X = StandardScaler().fit_transform(users[feats])

    km = KMeans(n_clusters=5, n_init=10, random_state=7)
    users["cluster"] = km.fit_predict(X)
    print(users["cluster"].value_counts().sort_index())
    print(users.groupby("cluster")[feats].mean().round(2))

    metrics = {
        "silhouette": float(silhouette_score(X, users["cluster"])),
        "davies_bouldin": float(davies_bouldin_score(X, users["cluster"])),
        "inertia": float(km.inertia_),
        "n_users": int(len(users)),
        "smallest_cluster": int(users["cluster"].value_counts().min()),
    }
    with open(out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)
    users[["cluster"]].to_csv(out_dir / "user_clusters.csv")


if __name__ == "__main__":
    main()
