import json
import sys
import os

import numpy as np
import pandas as pd
from sklearn.naive_bayes import GaussianNB
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, roc_auc_score, f1_score

data_dir = sys.argv[1]
out_dir = sys.argv[2]

cols = ["customer_id", "contract", "tenure_months", "monthly_charges", "support_calls",
        "payment_method", "age", "churn"]
df = pd.read_csv(os.path.join(data_dir, "customers.csv"), usecols=cols)
df = df.drop_duplicates(subset="customer_id")
df = df.dropna(subset=["churn", "age", "monthly_charges"])
print(df["contract"].value_counts())

contract_map = {"Month-to-month": 1, "One year": 12, "Two year": 24}
df["contract_len"] = df["contract"].map(contract_map)
df["is_echeck"] = np.where(df["payment_method"] == "Electronic check", 1, 0)
df["log_tenure"] = np.log1p(df["tenure_months"])
df["calls_capped"] = df["support_calls"].clip(upper=6)
df["age_group"] = df["age"].apply(lambda a: 0 if a < 30 else (1 if a < 55 else 2))

label = "churn"
features = ["contract_len", "is_echeck", "log_tenure", "monthly_charges", "calls_capped", "age", "age_group"]
y = df[label].astype(int)
X = df[features]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
nb = GaussianNB()
nb.fit(X_train, y_train)
y_pred = nb.predict(X_test)
y_prob = nb.predict_proba(X_test)[:, 1]

metrics = dict(
    accuracy=accuracy_score(y_test, y_pred),
    f1=f1_score(y_test, y_pred),
    auc=roc_auc_score(y_test, y_prob),
    n_rows=len(df),
)
print(metrics)
with open(os.path.join(out_dir, "metrics.json"), "w") as fh:
    json.dump(metrics, fh)
