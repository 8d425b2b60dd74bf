# Conversion propensity from web sessions: quick logistic regression
import json
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DATA_DIR = sys.argv[1]
OUT_DIR = sys.argv[2]

sessions = pd.read_csv(f"{DATA_DIR}/sessions.csv", parse_dates=["start_time"])
print(sessions.head())
print(sessions["converted"].value_counts())

sessions["device"] = sessions["device"].str.lower().str.strip()
sessions["browser"] = sessions["browser"].str.lower().str.strip()
sessions["from_search"] = sessions["referrer"].str.contains("google|bing", regex=True).astype(int)
sessions["from_social"] = sessions["referrer"].str.contains("facebook|t.co", regex=True).astype(int)
sessions["from_email"] = (sessions["referrer"] == "email-newsletter").astype(int)
sessions["on_sale_page"] = sessions["landing_page"].str.startswith("/sale").astype(int)
sessions["hour"] = sessions["start_time"].dt.hour
sessions["weekday"] = sessions["start_time"].dt.dayofweek
sessions["log_pages"] = np.log1p(sessions["pages_viewed"])
sessions["log_duration"] = np.log1p(sessions["duration_sec"].clip(upper=3600))
sessions = sessions.fillna({"log_duration": sessions["log_duration"].median()})

sessions = pd.get_dummies(sessions, columns=["device", "browser"], drop_first=True, dtype=int)
dummy_cols = [c for c in sessions.columns if c.startswith(("device_", "browser_"))]

features = ["log_pages", "log_duration", "cart_adds", "is_returning", "from_search", "from_social",
            "from_email", "on_sale_page", "hour", "weekday"] + dummy_cols
label = "converted"

X_train, X_test, y_train, y_test = train_test_split(sessions[features], sessions[label],
                                                    stratify=sessions[label], test_size=0.2, random_state=42)
scaler = StandardScaler().fit(X_train)
clf = LogisticRegression(max_iter=200).fit(scaler.transform(X_train), y_train)

proba = clf.predict_proba(scaler.transform(X_test))[:, 1]
pred = clf.predict(scaler.transform(X_test))

coef = pd.Series(clf.coef_[0], index=features).sort_values()
print(coef)

metrics = {
    "auc": roc_auc_score(y_test, proba),
    "accuracy": accuracy_score(y_test, pred),
    "f1": f1_score(y_test, pred),
    "n_sessions": len(sessions),
}
with open(f"{OUT_DIR}/metrics.json", "w") as f:
    json.dump(metrics, f)
print(metrics)
