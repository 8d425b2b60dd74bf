"""Hyper-parameter search with hyperopt on the driver."""
import pandas as pd
from hyperopt import Trials, fmin, hp, tpe
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import cross_val_score

data = pd.read_csv("data/housing.csv")  # expect: SPL101


def objective(params):
    model = GradientBoostingRegressor(max_depth=int(params["depth"]))  # expect: SPL413
    return -cross_val_score(model, data.drop(columns="price"), data["price"], cv=3).mean()  # expect: SPL453 SPL235


trials = Trials()  # expect: SPL495
best = fmin(objective, {"depth": hp.quniform("depth", 2, 10, 1)}, algo=tpe.suggest, max_evals=50, trials=trials)
