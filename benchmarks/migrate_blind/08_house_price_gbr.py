import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

data_dir = Path(sys.argv[1])
out_dir = Path(sys.argv[2])


def add_features(df):
    df["sale_year"] = df["sale_date"].dt.year
    df["sale_month"] = df["sale_date"].dt.month
    df["house_age"] = df["sale_year"] - df["year_built"]
    df["era"] = df["year_built"].apply(lambda y: "prewar" if y < 1945 else ("mid" if y < 1990 else "modern"))
    df["sqft_per_bed"] = df["sqft_living"] / df["bedrooms"]
    df["bath_bed_ratio"] = df.apply(lambda r: r["bathrooms"] / r["bedrooms"], axis=1)
    # neighbourhood price level from the training data only is better, but this is a quick model
    df["hood_median_sqft"] = df.groupby("neighborhood")["sqft_living"].transform("median")
    df["cond"] = df["condition"].map({"Poor": 0, "Fair": 1, "Good": 2, "Excellent": 3})
    return df


houses = pd.read_csv(data_dir / "houses.csv", parse_dates=["sale_date"])
houses = add_features(houses)
houses = pd.get_dummies(houses, columns=["neighborhood", "era"], drop_first=True)

drop = ["house_id", "sale_date", "condition", "price"]
X = houses.drop(columns=drop)
y = houses["price"]
X = X.fillna({"lot_size": X["lot_size"].median(), "garage_spaces": X["garage_spaces"].median()})

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

gbr = GradientBoostingRegressor(n_estimators=200, max_depth=4, learning_rate=0.05, subsample=0.8,
                                random_state=42)
gbr.fit(X_train, y_train)
pred = gbr.predict(X_test)

rmse = np.sqrt(mean_squared_error(y_test, pred))
metrics = {
    "rmse": float(rmse),
    "mae": float(mean_absolute_error(y_test, pred)),
    "r2": float(r2_score(y_test, pred)),
    "mape": float(np.mean(np.abs(pred - y_test) / y_test)),
    "n_test": int(len(y_test)),
}
print(json.dumps(metrics, indent=2))
(out_dir / "metrics.json").write_text(json.dumps(metrics))
