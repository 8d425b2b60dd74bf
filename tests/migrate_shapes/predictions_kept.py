import json, sys
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

features = ["income", "tenure"]
df = pd.read_csv(sys.argv[1]).dropna()
X = df[features]
y = df["label"].astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
model = RandomForestClassifier(n_estimators=30, max_depth=4, random_state=0)
model.fit(X_train, y_train)
proba = model.predict_proba(X_test)[:, 1]
pred = model.predict(X_test)
scores = pd.DataFrame({"income": X_test["income"].to_numpy(), "p": proba})
summary = {"income_vs_p": float(scores.corr().iloc[0, 1]), "accuracy": float(np.mean(pred == y_test.to_numpy())),
           "positive_rate": float(y.mean()), "auc": roc_auc_score(y_test, proba)}
json.dump(summary, open(sys.argv[2] + "/metrics.json", "w"))
