"""Model the interest rate a borrower is offered (regression), comparing Ridge and Lasso."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def evaluate(model, X, y):
    pred = model.predict(X)
    return {
        "rmse": float(np.sqrt(mean_squared_error(y, pred))),
        "mae": float(mean_absolute_error(y, pred)),
        "r2": float(r2_score(y, pred)),
    }


def main():
    data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    loans = pd.read_csv(data_dir / "loans.csv", usecols=["loan_id", "applicant_id", "loan_amount",
                                                          "term_months", "purpose", "interest_rate"])
    people = pd.read_csv(data_dir / "borrowers.csv")
    df = loans.merge(people, on="applicant_id")
    df = df.dropna(subset=["credit_score"])

    df["purpose"] = df["purpose"].str.lower().str.strip()
    df["is_business"] = df["purpose"].str.contains("business").astype(int)
    df["long_term"] = (df["term_months"] == 60).astype(int)
    df["log_amount"] = np.log1p(df["loan_amount"])
    df["log_income"] = np.log1p(df["annual_income"])
    df["renter"] = df["home_ownership"].map({"RENT": 1, "OWN": 0, "MORTGAGE": 0, "OTHER": 0})

    features = ["credit_score", "long_term", "is_business", "log_amount", "log_income", "employment_years",
                "num_credit_lines", "delinquencies_2y", "age", "renter"]
    target = "interest_rate"
    X_train, X_test, y_train, y_test = train_test_split(df[features], df[target], test_size=0.2,
                                                        random_state=42)

    models = {
        "ridge": make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Ridge(alpha=1.0)),
        "lasso": make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Lasso(alpha=0.05)),
    }
    results = {}
    for name, model in models.items():
        model.fit(X_train, y_train)
        results[name] = evaluate(model, X_test, y_test)
        print(name, results[name])

    best = min(results, key=lambda k: results[k]["rmse"])
    metrics = {f"{name}_{k}": v for name, res in results.items() for k, v in res.items()}
    metrics["best_is_ridge"] = int(best == "ridge")
    metrics["n_rows"] = int(len(df))
    with open(out_dir / "metrics.json", "w") as f:
        json.dump(metrics, f, indent=2)


if __name__ == "__main__":
    main()
