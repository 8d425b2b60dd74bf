import json, sys
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder
df = pd.read_csv(sys.argv[1])
X, y = df[["id", "income", "tenure", "plan"]], df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
encode = make_column_transformer(
    (make_pipeline(SimpleImputer(), MinMaxScaler(feature_range=(-1, 1))), ["income"]),
    (SimpleImputer(strategy="most_frequent"), ["tenure"]),
    (OneHotEncoder(), ["plan"]),
    ("passthrough", ["id"]),
)
model = make_pipeline(encode, RandomForestClassifier(n_estimators=30, max_depth=4, random_state=0))
model.fit(X_train, y_train)
auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
json.dump({"auc": auc}, open(sys.argv[2] + "/metrics.json", "w"))
