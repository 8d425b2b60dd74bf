"""Random forest on sales per customer with engineered calendar flags."""
import argparse
import json
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("data_dir", type=Path)
    p.add_argument("out_dir", type=Path)
    p.add_argument("--n-estimators", type=int, default=120)
    return p.parse_args()


def prepare(df):
    df = df.copy()
    df["date"] = pd.to_datetime(df["date"])
    df["dow"] = df["date"].dt.dayofweek
    df["month"] = df["date"].dt.month
    df["is_weekend"] = np.where(df["dow"] >= 5, 1, 0)
    df["promo_weekend"] = df["promo"] * df["is_weekend"]
    df["temperature"] = df["temperature"].clip(upper=30)
    df["temperature"] = df["temperature"].fillna(df["temperature"].median())
    df["city"] = df["city"].str.lower()
    df = pd.get_dummies(df, columns=["store_type", "city"], drop_first=True)
    return df


def main():
    args = parse_args()
    df = prepare(pd.read_csv(args.data_dir / "sales.csv"))
    store_avg = df.groupby("store_id")["customers"].agg(["mean", "max"]).add_prefix("cust_")
    df = df.merge(store_avg.reset_index(), on="store_id")

    label = "sales"
    y = df[label]
    X = df.drop(columns=[label, "date", "customers"])

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    rf = RandomForestRegressor(n_estimators=args.n_estimators, min_samples_leaf=2, n_jobs=-1, random_state=42)
    rf.fit(X_train, y_train)
    pred = rf.predict(X_test)

    top = pd.Series(rf.feature_importances_, index=X.columns).sort_values(ascending=False).head(5)
    print(top)

    metrics = {"mae": float(mean_absolute_error(y_test, pred)), "r2": float(r2_score(y_test, pred)),
               "n_train": len(X_train), "n_test": len(X_test)}
    print(metrics)
    (args.out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))
    joblib.dump(rf, args.out_dir / "model.joblib")


if __name__ == "__main__":
    main()
