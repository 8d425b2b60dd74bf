import json, sys
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, roc_auc_score

FEATURES = ["income", "tenure"]


def evaluate(model, X, y):
    proba = model.predict_proba(X)[:, 1]
    return {"auc": roc_auc_score(y, proba), "accuracy": accuracy_score(y, model.predict(X))}


df = pd.read_csv(sys.argv[1]).dropna()
recent = df["signup"] >= "2024-10-01"
train, test = df[~recent], df[recent]
forest = RandomForestClassifier(n_estimators=30, max_depth=4, class_weight="balanced_subsample", random_state=0)
forest.fit(train[FEATURES], train["label"])
scores = {"train": evaluate(forest, train[FEATURES], train["label"]),
          "test": evaluate(forest, test[FEATURES], test["label"])}
json.dump({f"{part}_{name}": value for part, result in scores.items() for name, value in result.items()},
          open(sys.argv[2] + "/metrics.json", "w"))
