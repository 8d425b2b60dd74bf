"""joblib and n_jobs=-1: every core of one machine."""
import pandas as pd
from joblib import Parallel, delayed
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import RandomizedSearchCV

data = pd.read_parquet("data/train.parquet")  # expect: SPL102
search = RandomizedSearchCV(ExtraTreesClassifier(), {"max_depth": [4, 8, 16]}, n_iter=3, n_jobs=-1)  # expect: SPL410 SPL451 SPL705


def train_fold(seed):
    return ExtraTreesClassifier(random_state=seed).fit(data.drop(columns="y"), data["y"]).score(  # expect: SPL410 SPL235 SPL417
        data.drop(columns="y"), data["y"])  # expect: SPL235


scores = Parallel(n_jobs=-1)(delayed(train_fold)(seed) for seed in range(10))  # expect: SPL704
