import mlflow
import pandas as pd
from hyperopt import SparkTrials, fmin, hp, tpe
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import cross_val_score

data = pd.read_parquet("/dbfs/ml/churn_features.parquet")
X, y = data.drop(columns=["churned"]), data["churned"]


def objective(params):
    clf = GradientBoostingClassifier(n_estimators=int(params["n"]), max_depth=int(params["depth"]))
    return -cross_val_score(clf, X, y, cv=3, scoring="roc_auc").mean()


space = {"n": hp.quniform("n", 50, 500, 50), "depth": hp.quniform("depth", 2, 8, 1)}
with mlflow.start_run():
    best = fmin(objective, space, algo=tpe.suggest, max_evals=64, trials=SparkTrials(parallelism=16))
print(best)
