import lightgbm as lgb
import optuna
import pandas as pd
from sklearn.model_selection import cross_val_score

data = pd.read_csv("data/churn.csv")
X, y = data[["tenure", "monthly_charges"]], data["churned"]


def objective(trial):
    params = {
        "num_leaves": trial.suggest_int("num_leaves", 8, 256),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
    }
    return cross_val_score(lgb.LGBMClassifier(**params), X, y, cv=5, scoring="roc_auc").mean()


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=100)
print(study.best_params)
