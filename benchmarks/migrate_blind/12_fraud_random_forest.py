import argparse
import json
import os

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score


def load(data_dir):
    frames = []
    for name in ("transactions_h1.csv", "transactions_h2.csv"):
        frames.append(pd.read_csv(os.path.join(data_dir, name)))
    df = pd.concat(frames).drop_duplicates(subset="txn_id")
    df["timestamp"] = pd.to_datetime(df["timestamp"])
    return df.sort_values("timestamp").reset_index(drop=True)


def add_features(df):
    df["hour"] = df["timestamp"].dt.hour
    df["dayofweek"] = df["timestamp"].dt.dayofweek
    df["month"] = df["timestamp"].dt.month
    df["is_weekend"] = (df["dayofweek"] >= 5).astype(int)
    df["merchant_online"] = df["merchant"].str.contains("online", case=False).astype(int)
    df["merchant_brand"] = df["merchant"].str.split("#").str[0].str.strip().str.lower()
    brand_freq = df["merchant_brand"].value_counts(normalize=True)
    df["brand_freq"] = df["merchant_brand"].map(brand_freq)
    df["customer_age"] = df["customer_age"].fillna(df["customer_age"].median())
    card_stats = df.groupby("card_id")["amount"].agg(["mean", "max"]).add_prefix("card_amt_")
    df = df.merge(card_stats, left_on="card_id", right_index=True, how="left")
    df["amt_vs_card_max"] = df["amount"] / df["card_amt_max"]
    df["amt_vs_card_mean"] = df["amount"] / df["card_amt_mean"]
    for col in ["merchant_category", "country", "device"]:
        df[col + "_code"] = df[col].astype("category").cat.codes
    return df


FEATURES = ["amount", "hour", "dayofweek", "is_weekend", "merchant_online", "brand_freq", "customer_age",
            "card_amt_mean", "card_amt_max", "amt_vs_card_max", "amt_vs_card_mean", "card_present",
            "merchant_category_code", "country_code", "device_code"]


def evaluate(model, X, y):
    proba = model.predict_proba(X)[:, 1]
    pred = (proba >= 0.3).astype(int)
    return {"auc": roc_auc_score(y, proba), "f1_at_0.3": f1_score(y, pred), "accuracy": accuracy_score(y, pred)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--trees", type=int, default=200)
    args = parser.parse_args()

    df = add_features(load(args.data_dir))
    # out-of-time validation: last two months as test
    test_mask = df["month"] >= 11
    train, test = df[~test_mask], df[test_mask]

    rf = RandomForestClassifier(n_estimators=args.trees, min_samples_leaf=2, class_weight="balanced_subsample",
                                n_jobs=-1, random_state=42)
    rf.fit(train[FEATURES], train["is_fraud"])

    metrics = evaluate(rf, test[FEATURES], test["is_fraud"])
    metrics.update({"train_rows": int(len(train)), "test_rows": int(len(test))})
    print(metrics)

    with open(os.path.join(args.out_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    preds = test[["txn_id", "card_id", "amount", "is_fraud"]].copy()
    preds["fraud_score"] = rf.predict_proba(test[FEATURES])[:, 1]
    preds.sort_values("fraud_score", ascending=False).to_csv(os.path.join(args.out_dir, "scores.csv"), index=False)
    joblib.dump(rf, os.path.join(args.out_dir, "rf_fraud.joblib"))


if __name__ == "__main__":
    main()
