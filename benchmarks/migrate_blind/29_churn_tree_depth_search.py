# Pick the decision tree depth for churn on a validation split, then report on a held-out test set.
import json
import sys
from pathlib import Path

import joblib
import pandas as pd
from sklearn.metrics import accuracy_score, roc_auc_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

data_dir = Path(sys.argv[1])
out_dir = Path(sys.argv[2])

raw = pd.read_csv(data_dir / "customers.csv", parse_dates=["signup_date"])
usage = pd.read_csv(data_dir / "usage.csv")

df = raw.drop_duplicates(subset="customer_id").dropna(subset=["churn"])
df = df.merge(usage.groupby("customer_id", as_index=False)[["minutes", "dropped_calls"]].mean(),
              on="customer_id", how="left")

df["plan"] = df["plan"].str.strip().str.lower()
df["signup_dow"] = df["signup_date"].dt.dayofweek
df["signup_quarter"] = df["signup_date"].dt.quarter
df["high_calls"] = df["support_calls"] > 3
df = df.fillna({"income": df["income"].median(), "age": df["age"].median(),
                "monthly_charges": df["monthly_charges"].median(),
                "minutes": df["minutes"].median(), "dropped_calls": df["dropped_calls"].median()})
df = pd.get_dummies(df, columns=["plan", "contract", "payment_method", "region", "paperless_billing"],
                    drop_first=True)

target = "churn"
y = df[target].astype(int)
X = df.drop(columns=[target, "customer_id", "signup_date"])

X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest,
                                                  random_state=42)

best = {"depth": None, "auc": 0.0}
for depth in [2, 3, 4, 5, 6, 8, 10, None]:
    for leaf in [1, 20, 50]:
        m = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, random_state=0)
        m.fit(X_train, y_train)
        auc = roc_auc_score(y_val, m.predict_proba(X_val)[:, 1])
        if auc > best["auc"]:
            best = {"depth": depth, "leaf": leaf, "auc": auc}
print("best params:", best)

final = DecisionTreeClassifier(max_depth=best["depth"], min_samples_leaf=best["leaf"], random_state=0)
final.fit(X_rest, y_rest)
prob = final.predict_proba(X_test)[:, 1]
pred = final.predict(X_test)

metrics = {
    "val_auc": best["auc"],
    "test_auc": roc_auc_score(y_test, prob),
    "test_accuracy": accuracy_score(y_test, pred),
    "test_f1": f1_score(y_test, pred),
    "best_depth": -1 if best["depth"] is None else best["depth"],
    "best_min_samples_leaf": best["leaf"],
    "n_train": len(X_train),
    "n_val": len(X_val),
    "n_test": len(X_test),
}
print(metrics)
json.dump(metrics, open(out_dir / "metrics.json", "w"), indent=2)
joblib.dump(final, out_dir / "tree.joblib")
