"""Churn model: random forest inside a preprocessing pipeline."""
import argparse
import json
from pathlib import Path

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "income", "tenure_months", "monthly_charges", "support_calls", "num_products"]
CATEGORICAL = ["plan", "region", "contract", "payment_method", "paperless_billing"]
LABEL = "churn"


def load(path):
    df = pd.read_csv(path, dtype={"customer_id": str})
    df = df.drop_duplicates(subset="customer_id", keep="first")
    df = df[df[LABEL].notna()].copy()
    df[LABEL] = df[LABEL].astype(int)
    df["plan"] = df["plan"].str.strip().str.title()
    return df


def build_model():
    numeric = Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ])
    categorical = Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    pre = ColumnTransformer([
        ("num", numeric, NUMERIC),
        ("cat", categorical, CATEGORICAL),
    ])
    return Pipeline([
        ("pre", pre),
        ("clf", RandomForestClassifier(n_estimators=200, min_samples_leaf=5, n_jobs=-1, random_state=0)),
    ])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()

    df = load(args.data_dir / "customers.csv")
    y = df[LABEL]
    X = df.drop(columns=[LABEL])

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=42
    )
    model = build_model()
    model.fit(X_train, y_train)

    proba = model.predict_proba(X_test)[:, 1]
    pred = model.predict(X_test)
    metrics = {
        "accuracy": float(accuracy_score(y_test, pred)),
        "roc_auc": float(roc_auc_score(y_test, proba)),
        "f1": float(f1_score(y_test, pred)),
        "train_rows": int(len(X_train)),
        "test_rows": int(len(X_test)),
    }
    (args.out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2))

    out = pd.DataFrame({"customer_id": X_test["customer_id"], "churn_proba": proba, "churn": y_test})
    out.to_csv(args.out_dir / "predictions.csv", index=False)
    joblib.dump(model, args.out_dir / "model.joblib")
    print(metrics)


if __name__ == "__main__":
    main()
