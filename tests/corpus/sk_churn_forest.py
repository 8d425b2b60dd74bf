"""Churn model: scikit-learn on the driver."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

df = pd.read_parquet("data/churn.parquet")  # expect: SPL102
X, y = df.drop(columns=["churned"]), df["churned"]  # expect: SPL235
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y)  # expect: SPL452
encoder = OneHotEncoder(handle_unknown="ignore")  # expect: SPL434
scaler = StandardScaler()  # expect: SPL430
model = RandomForestClassifier(n_estimators=500, max_depth=12)  # expect: SPL410
model.fit(X_train, y_train)  # expect: SPL417
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]), f1_score(y_test, model.predict(X_test)))  # expect: SPL461 SPL465 SPL417
