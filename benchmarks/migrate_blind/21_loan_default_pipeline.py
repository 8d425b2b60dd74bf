"""Loan default model: merge applications with borrower profiles, sklearn Pipeline + logistic regression."""
import argparse
import json
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["loan_amount", "term_months", "interest_rate", "age", "annual_income", "employment_years",
           "credit_score", "num_credit_lines", "delinquencies_2y", "dti", "log_income"]
CATEGORICAL = ["purpose", "home_ownership", "state", "grade"]


def load(data_dir):
    loans = pd.read_csv(data_dir / "loans.csv", parse_dates=["application_date"])
    borrowers = pd.read_csv(data_dir / "borrowers.csv")
    df = loans.merge(borrowers, on="applicant_id", how="left", validate="many_to_one")
    return df


def add_features(df):
    df["purpose"] = df["purpose"].str.lower().str.strip()
    df["dti"] = df["loan_amount"] / df["annual_income"]
    df["log_income"] = np.log1p(df["annual_income"])
    return df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--C", type=float, default=1.0)
    args = ap.parse_args()

    df = add_features(load(args.data_dir))
    print(df["purpose"].value_counts())

    label = "default"
    y = df[label]
    X = df.drop(columns=[label])

    preprocessor = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")),
                          ("scale", StandardScaler())]), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    model = Pipeline([
        ("preprocess", preprocessor),
        ("logreg", LogisticRegression(C=args.C, max_iter=1000)),
    ])

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
    model.fit(X_train, y_train)
    proba = model.predict_proba(X_test)[:, 1]
    pred = model.predict(X_test)

    metrics = {
        "auc": roc_auc_score(y_test, proba),
        "accuracy": accuracy_score(y_test, pred),
        "f1": f1_score(y_test, pred),
        "default_rate": float(y.mean()),
        "n_train": len(X_train),
        "n_test": len(X_test),
    }
    print(metrics)
    with open(args.out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)
    joblib.dump(model, args.out_dir / "model.joblib")
    pd.DataFrame({"loan_id": X_test["loan_id"], "pd": proba}).to_csv(args.out_dir / "pd_scores.csv", index=False)


if __name__ == "__main__":
    main()
