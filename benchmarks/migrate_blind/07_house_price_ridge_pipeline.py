"""Ridge regression on house prices with a ColumnTransformer pipeline."""
import argparse
import json
import os

import joblib
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TARGET = "price"
NUM_FEATURES = ["sqft_living", "bedrooms", "bathrooms", "year_built", "lot_size", "garage_spaces", "has_pool"]
CAT_FEATURES = ["neighborhood", "condition"]


def evaluate(model, X, y):
    pred = model.predict(X)
    return {
        "rmse": float(np.sqrt(mean_squared_error(y, pred))),
        "mae": float(mean_absolute_error(y, pred)),
        "r2": float(r2_score(y, pred)),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--alpha", type=float, default=1.0)
    args = ap.parse_args()

    df = pd.read_csv(os.path.join(args.data_dir, "houses.csv"),
                     dtype={"neighborhood": "category", "condition": "category"})

    X = df[NUM_FEATURES + CAT_FEATURES]
    y = df[TARGET]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    preprocess = ColumnTransformer(
        transformers=[
            ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), NUM_FEATURES),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CAT_FEATURES),
        ]
    )
    model = Pipeline([("prep", preprocess), ("ridge", Ridge(alpha=args.alpha))])
    model.fit(X_train, y_train)

    train_scores = evaluate(model, X_train, y_train)
    test_scores = evaluate(model, X_test, y_test)
    print("train", train_scores)
    print("test ", test_scores)

    metrics = {f"test_{k}": v for k, v in test_scores.items()}
    metrics["train_r2"] = train_scores["r2"]
    metrics["n_train"] = len(X_train)
    metrics["n_test"] = len(X_test)
    with open(os.path.join(args.out_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    joblib.dump(model, os.path.join(args.out_dir, "ridge_model.joblib"))


if __name__ == "__main__":
    main()
