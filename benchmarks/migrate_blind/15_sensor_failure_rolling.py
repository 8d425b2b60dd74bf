"""Predict machine failure in the next 24h from rolling sensor statistics."""
import json
import sys
from pathlib import Path

import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score, precision_score, recall_score

SIGNALS = ["temperature", "vibration", "pressure", "rpm"]


def load(path):
    df = pd.read_csv(path, parse_dates=["timestamp"])
    df = df.sort_values(["sensor_id", "timestamp"]).reset_index(drop=True)
    # forward-fill short gaps within each sensor
    df[SIGNALS] = df.groupby("sensor_id")[SIGNALS].ffill()
    return df


def add_features(df):
    grouped = df.groupby("sensor_id")
    for col in SIGNALS:
        df[f"{col}_roll6"] = grouped[col].transform(lambda s: s.rolling(6, min_periods=1).mean())
        df[f"{col}_roll24"] = grouped[col].transform(lambda s: s.rolling(24, min_periods=1).mean())
        df[f"{col}_std24"] = grouped[col].transform(lambda s: s.rolling(24, min_periods=2).std())
        df[f"{col}_lag1"] = grouped[col].shift(1)
        df[f"{col}_diff6"] = df[col] - grouped[col].shift(6)
        df[f"{col}_dev"] = df[col] - grouped[col].transform("mean")
    df["hour"] = df["timestamp"].dt.hour
    df = pd.get_dummies(df, columns=["machine_type"], drop_first=True)
    return df


def main():
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    df = add_features(load(data_dir / "sensors.csv"))
    df = df.dropna()
    print(df.shape)
    print(df["failure_within_24h"].value_counts(normalize=True))

    features = [c for c in df.columns if c not in ("sensor_id", "timestamp", "failure_within_24h")]
    target = "failure_within_24h"

    cutoff = df["timestamp"].quantile(0.75)
    train = df[df["timestamp"] <= cutoff]
    test = df[df["timestamp"] > cutoff]

    clf = RandomForestClassifier(n_estimators=150, max_depth=12, min_samples_leaf=5, n_jobs=-1,
                                 class_weight="balanced", random_state=0)
    clf.fit(train[features], train[target])
    proba = clf.predict_proba(test[features])[:, 1]
    pred = (proba > 0.5).astype(int)

    metrics = {
        "auc": roc_auc_score(test[target], proba),
        "accuracy": accuracy_score(test[target], pred),
        "precision": precision_score(test[target], pred, zero_division=0),
        "recall": recall_score(test[target], pred),
        "f1": f1_score(test[target], pred),
        "train_rows": len(train),
        "test_rows": len(test),
    }
    print(metrics)
    with open(out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)
    joblib.dump(clf, out_dir / "failure_model.joblib")


if __name__ == "__main__":
    main()
