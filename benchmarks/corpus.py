"""The benchmark corpus: generated training scripts plus real library code, the same on every run.

Training scripts are what sparklint exists for, so they are generated from a fixed seed out of
blocks a data scientist writes (load with pandas, feature engineering, a loop over rows, a
scikit-learn fit, a Spark job that pulls to the driver). Real-world variety comes from the
installed `.py` files of scikit-learn and pandas, taken in sorted order up to a cap, so two runs
of the benchmark on the same machine read the same bytes.
"""

from __future__ import annotations

import random
import shutil
import textwrap
from pathlib import Path

IMPORTS = [
    "import numpy as np",
    "import pandas as pd",
    "from sklearn.ensemble import RandomForestClassifier, GradientBoostingRegressor",
    "from sklearn.linear_model import LogisticRegression",
    "from sklearn.model_selection import train_test_split, GridSearchCV",
    "from sklearn.preprocessing import StandardScaler, OneHotEncoder",
    "from sklearn.metrics import roc_auc_score, mean_squared_error",
    "from pyspark.sql import SparkSession, functions as F",
    "import csv",
    "import json",
    "import os",
]

BLOCKS = [
    '''
    def load_{n}(path: str) -> pd.DataFrame:
        """Read the {n}th extract and join the lookup table."""
        frame = pd.read_csv(path, parse_dates=["event_date"])
        lookup = pd.read_parquet("data/lookup_{n}.parquet")
        frame = frame.merge(lookup, on="customer_id", how="left")
        return frame.dropna(subset=["label"])
    ''',
    '''
    def features_{n}(df: pd.DataFrame) -> pd.DataFrame:
        df["ratio_{n}"] = df["spend"] / (df["visits"] + 1)
        df["bucket_{n}"] = df.apply(lambda r: int(r["spend"] // 100), axis=1)
        df["rolling_{n}"] = df.sort_values("event_date").groupby("customer_id")["spend"].rolling(7).mean().values
        return pd.get_dummies(df, columns=["plan", "region"])
    ''',
    '''
    def slow_loop_{n}(df: pd.DataFrame) -> list:
        out = []
        for index, row in df.iterrows():
            if row["spend"] > {n}:
                out.append((index, row["customer_id"], row["spend"] * 1.1))
        for i in range(len(df)):
            out.append(df.iloc[i]["visits"])
        return out
    ''',
    '''
    def train_{n}(X: np.ndarray, y: np.ndarray) -> float:
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state={n})
        scaler = StandardScaler()
        X_train = scaler.fit_transform(X_train)
        model = RandomForestClassifier(n_estimators={trees}, n_jobs=-1, random_state={n})
        model.fit(X_train, y_train)
        return roc_auc_score(y_test, model.predict_proba(scaler.transform(X_test))[:, 1])
    ''',
    '''
    def search_{n}(X, y):
        grid = GridSearchCV(LogisticRegression(max_iter=500), {{"C": [0.1, 1.0, 10.0]}}, cv=5)
        grid.fit(X, y)
        return grid.best_estimator_
    ''',
    '''
    def spark_job_{n}(spark: SparkSession, table: str) -> pd.DataFrame:
        events = spark.table(table).where(F.col("day") >= "2024-01-{day:02d}")
        if events.count() == 0:
            return pd.DataFrame()
        rows = events.groupBy("customer_id").agg(F.sum("amount").alias("total")).collect()
        for row in rows:
            print(row["customer_id"], row["total"])
        return events.toPandas()
    ''',
    '''
    def read_rows_{n}(path):
        with open(path) as handle:
            reader = csv.reader(handle)
            header = next(reader)
            records = [dict(zip(header, line)) for line in reader]
        return records
    ''',
    '''
    class Pipeline{n}:
        """A small training pipeline object, the way notebooks grow into modules."""

        def __init__(self, target: str = "label", seed: int = {n}) -> None:
            self.target = target
            self.seed = seed
            self.model = GradientBoostingRegressor(random_state=seed)

        def fit(self, frame: pd.DataFrame) -> "Pipeline{n}":
            y = frame.pop(self.target).to_numpy()
            self.model.fit(frame.values, y)
            return self

        def score(self, frame: pd.DataFrame) -> float:
            y = frame.pop(self.target).to_numpy()
            return mean_squared_error(y, self.model.predict(frame.values))
    ''',
    '''
    def summarize_{n}(df: pd.DataFrame) -> dict:
        """Plain Python that a linter must read but need not flag."""
        summary = {{}}
        for column in df.columns:
            values = [v for v in df[column].tolist() if v is not None]
            summary[column] = {{
                "count": len(values),
                "distinct": len(set(values)),
                "first": values[0] if values else None,
            }}
        with open(os.path.join("reports", "summary_{n}.json"), "w") as handle:
            json.dump(summary, handle, indent=2, default=str)
        return summary
    ''',
]

MAIN = '''
def main() -> None:
    spark = SparkSession.builder.appName("train-{n}").getOrCreate()
    frame = features_{n}(load_{n}("data/input_{n}.csv")) if {n} % 2 else spark_job_{n}(spark, "db.events")
    X = frame.select_dtypes(include=[np.number]).to_numpy()
    y = frame["label"].to_numpy()
    print("score", train_{n}(X, y))
    frame.to_csv("out/predictions_{n}.csv", index=False)


if __name__ == "__main__":
    main()
'''


def training_script(index: int, rng: random.Random) -> str:
    """One script: a docstring, the imports, a seeded choice of blocks, and a main()."""
    chosen = [BLOCKS[0], BLOCKS[1], BLOCKS[3], BLOCKS[5]] + rng.sample(BLOCKS, k=rng.randint(3, len(BLOCKS)))
    fill = {"n": index, "trees": rng.choice([100, 200, 500]), "day": rng.randint(1, 28)}
    parts = [f'"""Training script {index}: generated for the sparklint benchmark (seeded)."""\n',
             "\n".join(IMPORTS) + "\n"]
    seen = set()
    for block in chosen:
        if block in seen:
            continue
        seen.add(block)
        parts.append(textwrap.dedent(block).format(**fill))
    parts.append(MAIN.format(**fill))
    return "\n".join(parts)


def write_scripts(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"train_{index:04d}.py"
        path.write_text(training_script(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def write_big_file(path: Path, size: int, seed: int = 11) -> Path:
    """One file of about `size` bytes: many training scripts' bodies with distinct names."""
    rng = random.Random(seed)
    chunks = ["\n".join(IMPORTS) + "\n"]
    total, index = len(chunks[0]), 0
    while total < size:
        body = training_script(index, rng).split("\n", len(IMPORTS) + 1)[-1]  # drop docstring and imports
        body = body.replace('if __name__ == "__main__":\n    main()\n', "")
        body = body.replace("def main()", f"def main_{index}()")
        chunks.append(body)
        total += len(body)
        index += 1
    path.write_text("\n".join(chunks), encoding="utf-8")
    return path


def copy_library_files(site_packages: Path, packages: list[str], folder: Path, cap: int) -> list[Path]:
    """Up to `cap` `.py` files of installed packages (sorted, spread evenly over the packages)."""
    per_package = max(cap // max(len(packages), 1), 1)
    copied = []
    for package in packages:
        root = site_packages / package
        if not root.is_dir():
            continue
        files = sorted(p for p in root.rglob("*.py") if p.is_file())
        step = max(len(files) // per_package, 1)
        for source in files[::step][:per_package]:
            target = folder / package / source.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(target)
    return copied
