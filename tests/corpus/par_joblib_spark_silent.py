"""joblib with the Spark backend: the trials run on executors (no findings expected)."""
from joblib import Parallel, delayed, parallel_backend
from joblibspark import register_spark


def evaluate(alpha):
    return alpha * 2


register_spark()
with parallel_backend("spark", n_jobs=8):
    results = Parallel()(delayed(evaluate)(a) for a in [0.1, 0.2, 0.3])
