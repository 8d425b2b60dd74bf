"""Fraud detection baseline: logistic regression with card-level features."""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data_dir = Path(sys.argv[1])
out_dir = Path(sys.argv[2])

parts = [pd.read_csv(data_dir / f, parse_dates=["timestamp"])
         for f in ["transactions_h1.csv", "transactions_h2.csv"]]
tx = pd.concat(parts, ignore_index=True)
print("transactions:", tx.shape, "fraud rate:", tx["is_fraud"].mean().round(4))

tx["log_amount"] = np.log1p(tx["amount"])
tx["card_mean_amount"] = tx.groupby("card_id")["amount"].transform("mean")
tx["card_txn_count"] = tx.groupby("card_id")["amount"].transform("count")
tx["amount_ratio"] = tx["amount"] / tx["card_mean_amount"]
tx["hour"] = tx["timestamp"].dt.hour
tx["is_night"] = np.where((tx["hour"] < 5) | (tx["hour"] >= 23), 1, 0)
tx["foreign"] = (tx["country"] != "US").astype(int)
tx["high_risk_country"] = tx["country"].isin(["NG", "RU"]).astype(int)
tx["online"] = tx["merchant"].str.lower().str.contains("online").astype(int)
tx = pd.get_dummies(tx, columns=["merchant_category", "device"], drop_first=True, dtype=int)

feats = ["log_amount", "amount_ratio", "card_txn_count", "is_night", "foreign", "high_risk_country",
         "online", "card_present"] + [c for c in tx.columns if c.startswith(("merchant_category_", "device_"))]

X_train, X_test, y_train, y_test = train_test_split(tx[feats], tx["is_fraud"], stratify=tx["is_fraud"],
                                                    test_size=0.2, random_state=42)

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500, class_weight="balanced"))
clf.fit(X_train, y_train)
scores = clf.predict_proba(X_test)[:, 1]
y_hat = (scores > 0.5).astype(int)

out = {
    "auc": roc_auc_score(y_test, scores),
    "avg_precision": average_precision_score(y_test, scores),
    "f1": f1_score(y_test, y_hat),
    "precision": precision_score(y_test, y_hat),
    "recall": recall_score(y_test, y_hat),
    "n_rows": len(tx),
    "n_fraud": int(tx["is_fraud"].sum()),
}
print(out)
with open(out_dir / "metrics.json", "w") as f:
    json.dump(out, f, indent=2)
