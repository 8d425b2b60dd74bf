import json, sys
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
df = pd.read_csv(sys.argv[1])
numeric, categorical = ["income", "tenure"], ["plan", "city"]
pre = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
])
pipe = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=500))])
X_train, X_test, y_train, y_test = train_test_split(df[numeric + categorical], df["label"], random_state=0)
pipe.fit(X_train, y_train)
json.dump({"accuracy": pipe.score(X_test, y_test)}, open(sys.argv[2] + "/metrics.json", "w"))
