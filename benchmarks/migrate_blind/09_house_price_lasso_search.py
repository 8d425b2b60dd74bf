"""Tune Lasso alpha on a validation split, then refit on train+val and score on test."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Lasso
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ALPHAS = [0.0001, 0.001, 0.01, 0.1]


def load(path):
    df = pd.read_csv(path)
    df["condition"] = df["condition"].str.lower()
    df = df.fillna({"lot_size": df["lot_size"].median(), "garage_spaces": df["garage_spaces"].median()})
    return df


def add_features(df):
    df["log_sqft"] = np.log(df["sqft_living"])
    df["log_lot"] = np.log(df["lot_size"])
    df["age"] = 2024 - df["year_built"]
    df["age_sq"] = df["age"] ** 2
    df = pd.get_dummies(df, columns=["neighborhood", "condition"], drop_first=True, dtype=float)
    return df


def rmse(y, p):
    return float(np.sqrt(mean_squared_error(y, p)))


def main():
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    df = add_features(load(data_dir / "houses.csv"))
    target = np.log(df.pop("price"))
    df = df.drop(columns=["house_id", "sale_date", "sqft_living", "lot_size", "latitude", "longitude"])

    X_tmp, X_test, y_tmp, y_test = train_test_split(df, target, test_size=0.2, random_state=0)
    X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, test_size=0.25, random_state=0)

    best_alpha, best_score = None, np.inf
    for alpha in ALPHAS:
        model = make_pipeline(StandardScaler(), Lasso(alpha=alpha, max_iter=5000))
        model.fit(X_train, y_train)
        score = rmse(y_val, model.predict(X_val))
        print(f"alpha={alpha:<8} val_rmse(log)={score:.4f}")
        if score < best_score:
            best_alpha, best_score = alpha, score

    final = make_pipeline(StandardScaler(), Lasso(alpha=best_alpha, max_iter=5000))
    final.fit(X_tmp, y_tmp)
    pred = final.predict(X_test)
    n_nonzero = int(np.sum(final[-1].coef_ != 0))

    metrics = {
        "best_alpha": best_alpha,
        "val_rmse_log": best_score,
        "test_rmse_log": rmse(y_test, pred),
        "test_r2_log": float(r2_score(y_test, pred)),
        "test_rmse_price": rmse(np.exp(y_test), np.exp(pred)),
        "nonzero_coefs": n_nonzero,
        "n_test": len(X_test),
    }
    print(metrics)
    with open(out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)


if __name__ == "__main__":
    main()
