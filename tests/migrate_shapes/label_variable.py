import json, sys
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
df = pd.read_csv(sys.argv[1]).dropna()
label = "label"
y = df[label]
X = df.drop(columns=[label, "city", "plan", "signup"])
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
clf = RandomForestClassifier(n_estimators=20, random_state=0).fit(X_tr, y_tr)
json.dump({"accuracy": accuracy_score(y_te, clf.predict(X_te))}, open(sys.argv[2] + "/metrics.json", "w"))
