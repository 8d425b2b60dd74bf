# Random forest on house prices, trained on older sales and tested on the most recent ones.
import json
import sys
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

DATA_DIR = Path(sys.argv[1])
OUT_DIR = Path(sys.argv[2])

FEATURES = ["sqft_living", "bedrooms", "bathrooms", "year_built", "lot_size", "garage_spaces",
            "has_pool", "latitude", "longitude", "cond", "months_since_start"]
TARGET = "price"

df = pd.read_csv(DATA_DIR / "houses.csv")
df["sale_date"] = pd.to_datetime(df["sale_date"])
df = df.sort_values("sale_date").reset_index(drop=True)

df["cond"] = df["condition"].map({"Poor": 0, "Fair": 1, "Good": 2, "Excellent": 3})
df["months_since_start"] = (df["sale_date"].dt.year - 2018) * 12 + df["sale_date"].dt.month
df["lot_size"] = df["lot_size"].fillna(df["lot_size"].median())
df["garage_spaces"] = df["garage_spaces"].fillna(0)

cutoff = "2023-01-01"
train = df[df.sale_date < cutoff]
test = df[df.sale_date >= cutoff]
print(f"train {len(train)} rows up to {train.sale_date.max().date()}, test {len(test)} rows")

model = RandomForestRegressor(n_estimators=150, min_samples_leaf=3, max_features=0.5, n_jobs=-1,
                              random_state=1)
model.fit(train[FEATURES], train[TARGET])
preds = model.predict(test[FEATURES])

metrics = {
    "rmse": float(np.sqrt(mean_squared_error(test[TARGET], preds))),
    "mae": float(mean_absolute_error(test[TARGET], preds)),
    "r2": float(r2_score(test[TARGET], preds)),
    "train_rows": len(train),
    "test_rows": len(test),
}
print(metrics)
with open(OUT_DIR / "metrics.json", "w") as fp:
    json.dump(metrics, fp)

joblib.dump(model, OUT_DIR / "model.joblib")
test.assign(pred_price=preds)[["house_id", "sale_date", TARGET, "pred_price"]].to_csv(
    OUT_DIR / "test_predictions.csv", index=False)
