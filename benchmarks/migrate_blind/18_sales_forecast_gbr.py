"""Daily store sales forecast with lag / rolling features and a gradient boosting regressor."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

DATA_DIR = Path(sys.argv[1])
OUT_DIR = Path(sys.argv[2])


def load(path):
    sales = pd.read_csv(path, parse_dates=["date"])
    sales = sales.sort_values(["store_id", "date"]).reset_index(drop=True)
    return sales


def add_features(df):
    df["dow"] = df["date"].dt.dayofweek
    df["month"] = df["date"].dt.month
    df["dayofyear"] = df["date"].dt.dayofyear
    df["weekend"] = (df["dow"] >= 5).astype(int)
    by_store = df.groupby("store_id")["sales"]
    # features must only use information available the day before
    df["lag_1"] = by_store.shift(1)
    df["lag_7"] = by_store.shift(7)
    df["lag_14"] = by_store.shift(14)
    df["roll_mean_7"] = by_store.transform(lambda s: s.shift(1).rolling(7).mean())
    df["roll_mean_28"] = by_store.transform(lambda s: s.shift(1).rolling(28).mean())
    df["roll_std_7"] = by_store.transform(lambda s: s.shift(1).rolling(7).std())
    df["temperature"] = df["temperature"].fillna(df.groupby("month")["temperature"].transform("median"))
    df["type_code"] = df["store_type"].map({"A": 2, "B": 1, "C": 0})
    return df


FEATURES = ["store_id", "type_code", "store_size", "promo", "holiday", "temperature", "dow", "month",
            "dayofyear", "weekend", "lag_1", "lag_7", "lag_14", "roll_mean_7", "roll_mean_28", "roll_std_7"]
TARGET = "sales"


def main():
    df = add_features(load(DATA_DIR / "sales.csv"))
    df = df.dropna(subset=["lag_14", "roll_mean_28", "roll_std_7"])

    cutoff = "2023-10-01"
    train = df[df.date < cutoff]
    test = df[df.date >= cutoff]

    model = GradientBoostingRegressor(n_estimators=250, max_depth=4, learning_rate=0.05, random_state=0)
    model.fit(train[FEATURES], train[TARGET])
    pred = model.predict(test[FEATURES])

    baseline = test["lag_7"]
    metrics = {
        "mae": mean_absolute_error(test[TARGET], pred),
        "rmse": float(np.sqrt(mean_squared_error(test[TARGET], pred))),
        "r2": r2_score(test[TARGET], pred),
        "mape": float((np.abs(test[TARGET] - pred) / test[TARGET]).mean()),
        "baseline_mae_lag7": mean_absolute_error(test[TARGET], baseline),
        "train_rows": len(train),
        "test_rows": len(test),
    }
    print(json.dumps(metrics, indent=2))
    with open(OUT_DIR / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)

    out = test[["store_id", "date", TARGET]].copy()
    out["forecast"] = pred
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out.to_csv(OUT_DIR / "forecast.csv", index=False)


if __name__ == "__main__":
    main()
