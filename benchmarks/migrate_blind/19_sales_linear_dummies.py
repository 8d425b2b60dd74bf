# Explain daily sales with a log-linear model: store fixed effects, day of week, month, promo, holiday.
import json
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score, mean_squared_error

data_dir, out_dir = sys.argv[1], sys.argv[2]

df = pd.read_csv(f"{data_dir}/sales.csv", usecols=["store_id", "date", "store_type", "promo", "holiday",
                                                   "temperature", "sales"],
                 dtype={"store_id": str, "store_type": str})
df["date"] = pd.to_datetime(df["date"])
df["dow"] = df["date"].dt.day_name()
df["month"] = df["date"].dt.month
df["december"] = np.where(df["month"] == 12, 1, 0)
df["log_sales"] = np.log(df["sales"])
df = df.dropna(subset=["temperature"])

X = pd.get_dummies(df[["store_id", "dow", "month", "promo", "holiday", "temperature", "december"]],
                   columns=["store_id", "dow", "month"], drop_first=True, dtype=float)
y = df["log_sales"]

train_idx = df["date"] < "2023-07-01"
X_train, y_train = X[train_idx], y[train_idx]
X_test, y_test = X[~train_idx], y[~train_idx]

reg = LinearRegression().fit(X_train, y_train)
pred = reg.predict(X_test)

coefs = pd.Series(reg.coef_, index=X.columns).sort_values()
print(coefs.tail(10))
print("promo effect: %.1f%%" % (100 * (np.exp(coefs["promo"]) - 1)))

metrics = {
    "r2_log": r2_score(y_test, pred),
    "mae_sales": mean_absolute_error(np.exp(y_test), np.exp(pred)),
    "rmse_sales": float(np.sqrt(mean_squared_error(np.exp(y_test), np.exp(pred)))),
    "promo_lift": float(np.exp(coefs["promo"]) - 1),
    "n_train": int(len(X_train)),
    "n_test": int(len(X_test)),
}
with open(f"{out_dir}/metrics.json", "w") as f:
    json.dump(metrics, f, indent=2)
print(metrics)
