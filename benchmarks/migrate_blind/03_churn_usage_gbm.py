# Churn with usage features: aggregate monthly usage per customer and merge onto the customer table.
import json
import sys
from pathlib import Path

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])

customers = pd.read_csv(data_dir / "customers.csv", parse_dates=["signup_date"])
usage = pd.read_csv(data_dir / "usage.csv")

customers = customers.drop_duplicates(subset="customer_id")
customers = customers.dropna(subset=["churn"])

usage_stats = usage.groupby("customer_id")["minutes"].agg(["mean", "max"])
usage_stats.columns = ["minutes_mean", "minutes_max"]
usage_stats = usage_stats.reset_index()
dropped = usage.groupby("customer_id").agg(dropped_calls=("dropped_calls", "sum"),
                                           data_gb=("data_gb", "mean"),
                                           months_active=("month", "nunique")).reset_index()

df = customers.merge(usage_stats, on="customer_id", how="left").merge(dropped, on="customer_id", how="left")
print(f"merged rows: {len(df)}")

df["plan"] = df["plan"].str.lower().str.strip()
df["plan_code"] = df["plan"].map({"basic": 0, "standard": 1, "premium": 2})
df["contract_code"] = df["contract"].map({"Month-to-month": 0, "One year": 1, "Two year": 2})
df["echeck"] = (df["payment_method"] == "Electronic check").astype(int)
df["signup_month"] = df["signup_date"].dt.month
df["signup_year"] = df["signup_date"].dt.year
df["dropped_per_month"] = df["dropped_calls"] / df["months_active"]

feature_cols = ["age", "income", "tenure_months", "monthly_charges", "support_calls", "num_products",
                "plan_code", "contract_code", "echeck", "signup_month", "signup_year",
                "minutes_mean", "minutes_max", "data_gb", "dropped_calls", "dropped_per_month"]
df[feature_cols] = df[feature_cols].fillna(df[feature_cols].median())

X_tr, X_te, y_tr, y_te = train_test_split(df[feature_cols], df["churn"].astype(int),
                                          test_size=0.25, random_state=7, stratify=df["churn"])

gbm = GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.1, random_state=0)
gbm.fit(X_tr, y_tr)
p = gbm.predict_proba(X_te)[:, 1]

importances = pd.Series(gbm.feature_importances_, index=feature_cols).sort_values(ascending=False)
print(importances.head(8))

res = {
    "auc": roc_auc_score(y_te, p),
    "accuracy": accuracy_score(y_te, gbm.predict(X_te)),
    "rows": int(len(df)),
    "n_features": len(feature_cols),
}
json.dump(res, open(out_dir / "metrics.json", "w"))
print(res)
