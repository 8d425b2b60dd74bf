import json
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score, accuracy_score, f1_score, log_loss

DATA_DIR, OUT_DIR = sys.argv[1], sys.argv[2]

loans = pd.read_csv(DATA_DIR + "/loans.csv",
                    dtype={"loan_id": str, "applicant_id": str, "term_months": "int32", "purpose": str})
borrowers = pd.read_csv(DATA_DIR + "/borrowers.csv", dtype={"applicant_id": str, "home_ownership": "category"})

df = pd.merge(loans, borrowers, how="inner", on="applicant_id")
df = df.query("loan_amount > 0 and term_months in [36, 60]")
df = df.fillna({
    "annual_income": df["annual_income"].median(),
    "employment_years": df["employment_years"].median(),
    "credit_score": df["credit_score"].median(),
})
df["income_capped"] = df["annual_income"].clip(upper=250000)
df["dti"] = (df["loan_amount"] / df["income_capped"]).clip(upper=2.0)
df["delinq_flag"] = np.where(df["delinquencies_2y"] > 0, 1, 0)
df["grade_num"] = df["grade"].map({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6})
df["purpose_clean"] = df["purpose"].str.strip().str.lower().str.replace(" ", "_")
df["home"] = df["home_ownership"].cat.codes
df["app_date"] = pd.to_datetime(df["application_date"])
df["app_month"] = df["app_date"].dt.month

df = pd.get_dummies(df, columns=["purpose_clean"], drop_first=True)
features = ["loan_amount", "term_months", "interest_rate", "grade_num", "age", "income_capped",
            "employment_years", "credit_score", "num_credit_lines", "delinquencies_2y", "delinq_flag",
            "dti", "home", "app_month"] + [c for c in df.columns if c.startswith("purpose_clean_")]

# train on older applications, validate on the newest 20%
df = df.sort_values("app_date")
split_at = int(len(df) * 0.8)
train, test = df.iloc[:split_at], df.iloc[split_at:]

gb = GradientBoostingClassifier(n_estimators=200, learning_rate=0.05, max_depth=3, random_state=3)
gb.fit(train[features], train["default"])

p = gb.predict_proba(test[features])[:, 1]
yhat = gb.predict(test[features])
metrics = {
    "auc": roc_auc_score(test["default"], p),
    "log_loss": log_loss(test["default"], p),
    "accuracy": accuracy_score(test["default"], yhat),
    "f1": f1_score(test["default"], yhat),
    "rows_train": len(train),
    "rows_test": len(test),
}
print(metrics)
json.dump(metrics, open(OUT_DIR + "/metrics.json", "w"), indent=2)
