# Forecast next-hour vibration per sensor from lagged readings (regression).
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])

df = pd.read_csv(data_dir / "sensors.csv", usecols=["sensor_id", "machine_type", "timestamp", "temperature",
                                                    "vibration", "pressure", "rpm"])
df["timestamp"] = pd.to_datetime(df["timestamp"])
df = df.sort_values(["sensor_id", "timestamp"])

# target: vibration one hour ahead
df["target"] = df.groupby("sensor_id")["vibration"].shift(-1)
for lag in (1, 2, 3, 6, 12):
    df[f"vib_lag{lag}"] = df.groupby("sensor_id")["vibration"].shift(lag)
df["vib_roll12"] = df.groupby("sensor_id")["vibration"].transform(lambda x: x.rolling(12, min_periods=3).mean())
df["temp_roll12"] = df.groupby("sensor_id")["temperature"].transform(lambda x: x.rolling(12, min_periods=3).mean())
df["temp_delta"] = df["temperature"] - df["temp_roll12"]
df["hour_sin"] = np.sin(2 * np.pi * df["timestamp"].dt.hour / 24)
df["hour_cos"] = np.cos(2 * np.pi * df["timestamp"].dt.hour / 24)
df["is_pump"] = (df["machine_type"] == "pump").astype(int)
df["is_fan"] = (df["machine_type"] == "fan").astype(int)

df = df.dropna(subset=["target"])

FEATURES = ["vibration", "temperature", "pressure", "rpm", "vib_lag1", "vib_lag2", "vib_lag3", "vib_lag6",
            "vib_lag12", "vib_roll12", "temp_roll12", "temp_delta", "hour_sin", "hour_cos", "is_pump", "is_fan"]
TARGET = "target"

cutoff = pd.Timestamp("2023-04-04")
train = df[df.timestamp < cutoff]
test = df[df.timestamp >= cutoff]

model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Ridge(alpha=1.0))
model.fit(train[FEATURES], train[TARGET])
pred = model.predict(test[FEATURES])

naive = test["vibration"].fillna(test["vib_lag1"]).fillna(test[TARGET].mean())
metrics = {
    "rmse": float(np.sqrt(mean_squared_error(test[TARGET], pred))),
    "mae": float(mean_absolute_error(test[TARGET], pred)),
    "r2": float(r2_score(test[TARGET], pred)),
    "naive_rmse": float(np.sqrt(mean_squared_error(test[TARGET], naive))),
    "train_rows": int(train.shape[0]),
    "test_rows": int(test.shape[0]),
}
print(metrics)
with open(out_dir / "metrics.json", "w") as f:
    json.dump(metrics, f, indent=2)
