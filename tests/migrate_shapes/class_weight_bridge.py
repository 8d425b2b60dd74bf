import json, sys
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv(sys.argv[1])
df = df[df.index % 5 != 0]  # a fifth of the rows held out by row label: pandas' own index
df["loyal_buyer"] = ((df["label"] == 1) & (df["tenure"] > 250)).astype(int)
X = df[["income", "tenure"]].fillna(-1)
X_train, X_test, y_train, y_test = train_test_split(X, df["loyal_buyer"], test_size=0.3, random_state=2)
forest = RandomForestClassifier(n_estimators=40, max_depth=4, class_weight="balanced", random_state=0)
forest.fit(X_train, y_train)
proba = forest.predict_proba(X_test)[:, 1]
json.dump({"auc": roc_auc_score(y_test, proba), "recall": recall_score(y_test, (proba > 0.5).astype(int))},
          open(sys.argv[2] + "/metrics.json", "w"))
