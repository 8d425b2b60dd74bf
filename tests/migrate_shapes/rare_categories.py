import json, sys
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

df = pd.read_csv(sys.argv[1])
X_train, X_test, y_train, y_test = train_test_split(df[["city", "plan", "income"]], df["label"], test_size=0.3,
                                                    random_state=4)
prep = ColumnTransformer([
    ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=10), ["city", "plan"]),  # rare values pooled
    ("num", SimpleImputer(strategy="median"), ["income"]),
])
model = Pipeline([("prep", prep), ("rf", RandomForestClassifier(n_estimators=30, max_depth=4, random_state=0))])
model.fit(X_train, y_train)
json.dump({"auc": roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])}, open(sys.argv[2] + "/metrics.json", "w"))
