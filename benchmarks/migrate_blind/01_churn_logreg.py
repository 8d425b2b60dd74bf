# Quick churn baseline: logistic regression on one-hot encoded customer table.
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

DATA_DIR = Path(sys.argv[1])
OUT_DIR = Path(sys.argv[2])

df = pd.read_csv(DATA_DIR / "customers.csv")
print(df.head())
print(df.shape)

df = df.drop_duplicates(subset="customer_id")
df = df.dropna(subset=["churn"])
df["churn"] = df["churn"].astype(int)

df = df.fillna({"income": df["income"].median(), "age": df["age"].median(),
                "monthly_charges": df["monthly_charges"].median()})
df["plan"] = df["plan"].str.lower().str.strip()
df["log_income"] = np.log1p(df["income"])

df = pd.get_dummies(df, columns=["plan", "region", "contract", "payment_method", "paperless_billing"],
                    drop_first=True)

features = [c for c in df.columns if c not in ("customer_id", "signup_date", "churn", "income")]
X_train, X_test, y_train, y_test = train_test_split(df[features], df["churn"], stratify=df["churn"],
                                                    test_size=0.2, random_state=42)

model = LogisticRegression(max_iter=200).fit(X_train, y_train)
proba = model.predict_proba(X_test)[:, 1]
pred = (proba >= 0.5).astype(int)

metrics = {
    "accuracy": accuracy_score(y_test, pred),
    "auc": roc_auc_score(y_test, proba),
    "f1": f1_score(y_test, pred),
    "n_train": len(X_train),
    "n_test": len(X_test),
}
print(metrics)
with open(OUT_DIR / "metrics.json", "w") as f:
    json.dump(metrics, f, indent=2)
