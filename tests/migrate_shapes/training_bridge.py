import json, sys
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv(sys.argv[1])
df = df[df.index % 4 != 0]  # every fourth row out, by its row label: pandas' own index
X = df[["income", "tenure"]].fillna(0)
y = df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
model = LogisticRegression(max_iter=500).fit(X_train, y_train)
proba = model.predict_proba(X_test)[:, 1]
summary = {"accuracy": accuracy_score(y_test, model.predict(X_test)), "auc": roc_auc_score(y_test, proba),
           "test_rows": len(X_test)}
json.dump(summary, open(sys.argv[2] + "/metrics.json", "w"))
