"""Session conversion with user history features and a RandomForest pipeline."""
import argparse
import json
from pathlib import Path

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

CAT_COLS = ["device", "browser", "country", "landing_page", "source"]
NUM_COLS = ["pages_viewed", "duration_sec", "cart_adds", "is_returning", "hour", "dayofweek",
            "user_prev_sessions", "user_prev_conversions", "secs_per_page"]


def load(path):
    df = pd.read_csv(path)
    df["start_time"] = pd.to_datetime(df["start_time"])
    df = df.sort_values(["user_id", "start_time"]).reset_index(drop=True)
    return df


def referrer_source(ref):
    if "google" in ref or "bing" in ref:
        return "search"
    if "facebook" in ref or "t.co" in ref:
        return "social"
    if ref == "direct":
        return "direct"
    if "email" in ref:
        return "email"
    return "other"


def add_features(df):
    df["device"] = df["device"].str.strip().str.lower()
    df["browser"] = df["browser"].str.strip().str.lower()
    df["source"] = df["referrer"].apply(referrer_source)
    df["hour"] = df["start_time"].dt.hour
    df["dayofweek"] = df["start_time"].dt.dayofweek
    df["secs_per_page"] = df["duration_sec"] / df["pages_viewed"]
    # history of the user *before* this session
    df["user_prev_sessions"] = df.groupby("user_id").cumcount()
    df["user_prev_conversions"] = (
        df.groupby("user_id")["converted"].transform(lambda s: s.shift(1).fillna(0).cumsum())
    )
    return df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("out_dir", type=Path)
    args = ap.parse_args()

    df = add_features(load(args.data_dir / "sessions.csv"))
    cutoff = pd.Timestamp("2023-11-15")
    train = df[df["start_time"] < cutoff]
    test = df[df["start_time"] >= cutoff]

    pre = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), CAT_COLS),
        ("num", SimpleImputer(strategy="median"), NUM_COLS),
    ])
    pipe = Pipeline([("pre", pre),
                     ("rf", RandomForestClassifier(n_estimators=200, min_samples_leaf=10, n_jobs=-1,
                                                   random_state=42))])
    pipe.fit(train[CAT_COLS + NUM_COLS], train["converted"])
    proba = pipe.predict_proba(test[CAT_COLS + NUM_COLS])[:, 1]
    pred = (proba >= 0.3).astype(int)

    metrics = {
        "auc": float(roc_auc_score(test["converted"], proba)),
        "accuracy": float(accuracy_score(test["converted"], pred)),
        "f1": float(f1_score(test["converted"], pred)),
        "train_rows": int(len(train)),
        "test_rows": int(len(test)),
    }
    print(metrics)
    with open(args.out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)
    joblib.dump(pipe, args.out_dir / "conversion_rf.joblib")
    test.assign(score=proba)[["session_id", "user_id", "score", "converted"]].to_csv(
        args.out_dir / "session_scores.csv", index=False)


if __name__ == "__main__":
    main()
