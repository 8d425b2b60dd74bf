# Baseline house price model: linear regression on log price
import json
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

DATA = sys.argv[1]
OUT = sys.argv[2]

houses = pd.read_csv(f"{DATA}/houses.csv")
print(houses.describe().T)

houses["lot_size"] = houses["lot_size"].clip(upper=houses["lot_size"].quantile(0.99))
houses = houses.fillna({"lot_size": houses["lot_size"].median(),
                        "garage_spaces": 0})
houses["log_sqft"] = np.log1p(houses["sqft_living"])
houses["log_lot"] = np.log1p(houses["lot_size"])
houses["age"] = 2024 - houses["year_built"]
houses["condition_score"] = houses["condition"].map({"Poor": 1, "Fair": 2, "Good": 3, "Excellent": 4})
houses["log_price"] = np.log1p(houses["price"])

houses = pd.get_dummies(houses, columns=["neighborhood"], drop_first=True, dtype=int)
hood_cols = [c for c in houses.columns if c.startswith("neighborhood_")]

features = ["log_sqft", "log_lot", "bedrooms", "bathrooms", "age", "condition_score",
            "garage_spaces", "has_pool"] + hood_cols
X_train, X_test, y_train, y_test = train_test_split(houses[features], houses["log_price"],
                                                    test_size=0.2, random_state=42)

lr = LinearRegression()
lr.fit(X_train, y_train)
pred_log = lr.predict(X_test)

price_true = np.expm1(y_test)
price_pred = np.expm1(pred_log)

metrics = {
    "r2_log": r2_score(y_test, pred_log),
    "rmse": float(np.sqrt(mean_squared_error(price_true, price_pred))),
    "mae": mean_absolute_error(price_true, price_pred),
    "n_train": X_train.shape[0],
    "n_test": X_test.shape[0],
}
for k, v in metrics.items():
    print(f"{k}: {v}")

json.dump(metrics, open(f"{OUT}/metrics.json", "w"), indent=1)
pd.DataFrame({"house_id": houses.loc[X_test.index, "house_id"], "predicted_price": price_pred}) \
    .to_csv(f"{OUT}/predictions.csv", index=False)
