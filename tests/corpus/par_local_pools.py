"""Feature extraction fanned out over the driver's cores."""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool

import pandas as pd


def featurize(path):
    return pd.read_parquet(path).describe()  # expect: SPL102


paths = [f"data/part-{i:04d}.parquet" for i in range(200)]
with Pool(processes=8) as pool:  # expect: SPL701
    stats = pool.map(featurize, paths)
with ProcessPoolExecutor(max_workers=8) as executor:  # expect: SPL702
    stats = list(executor.map(featurize, paths))
with ThreadPoolExecutor(max_workers=16) as executor:  # expect: SPL703
    stats = list(executor.map(featurize, paths))
