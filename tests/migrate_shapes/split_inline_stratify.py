import json, sys
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
features = ["income", "tenure"]
label = "label"
df = pd.read_csv(sys.argv[1]).dropna()
X_train, X_test, y_train, y_test = train_test_split(df[features], df[label], stratify=df[label], test_size=0.25, random_state=0)
model = LogisticRegression(max_iter=200)
model.fit(X_train, y_train)
json.dump({"accuracy": accuracy_score(y_test, model.predict(X_test))}, open(sys.argv[2] + "/metrics.json", "w"))
