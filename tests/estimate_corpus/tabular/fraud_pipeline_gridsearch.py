import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

transactions = pd.read_csv("transactions_2023.csv", parse_dates=["ts"])
transactions["hour"] = transactions["ts"].dt.hour
numeric = ["amount", "hour", "merchant_risk"]
categorical = ["channel", "country"]

pipeline = Pipeline([
    ("prep", ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)])),
    ("clf", LogisticRegression(max_iter=1000, class_weight="balanced")),
])
search = GridSearchCV(pipeline, {"clf__C": [0.01, 0.1, 1.0, 10.0]}, scoring="average_precision", cv=5, n_jobs=-1)
search.fit(transactions[numeric + categorical], transactions["is_fraud"])
joblib.dump(search.best_estimator_, "fraud_model.joblib")
