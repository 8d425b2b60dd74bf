"""Grid search over a preprocessing + linear model pipeline."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import Pipeline

data = pd.read_csv("data/applications.csv")  # expect: SPL101
pre = ColumnTransformer([("num", SimpleImputer(strategy="median"), ["income", "age"])])  # expect: SPL436 SPL443
pipe = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=1000))])  # expect: SPL405 SPL442
search = GridSearchCV(pipe, {"clf__C": np.logspace(-3, 2, 6)}, cv=5, scoring="roc_auc")  # expect: SPL451
search.fit(data.drop(columns="approved"), data["approved"])  # expect: SPL235 SPL417
print(cross_val_score(search.best_estimator_, data.drop(columns="approved"), data["approved"], cv=3))  # expect: SPL453 SPL235
