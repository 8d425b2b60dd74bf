import json, sys
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv(sys.argv[1]).dropna()
df = pd.get_dummies(df, columns=["plan"], drop_first=True, dtype=int)
features = [c for c in df.columns if c.startswith("plan_")] + ["income", "tenure"]
X_train, X_test, y_train, y_test = train_test_split(df[features], df["label"], test_size=0.25, random_state=3)
model = LogisticRegression(max_iter=500).fit(X_train, y_train)
proba = model.predict_proba(X_test)[:, 1]
pred = (proba >= 0.5).astype(int)
json.dump({"accuracy": accuracy_score(y_test, pred), "auc": roc_auc_score(y_test, proba), "features": len(features)},
          open(sys.argv[2] + "/metrics.json", "w"))
