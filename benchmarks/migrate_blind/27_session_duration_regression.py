import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

data_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])

df = pd.read_csv(data_dir / "sessions.csv", usecols=["session_id", "user_id", "device", "browser", "country",
                                                      "is_returning", "pages_viewed", "duration_sec",
                                                      "cart_adds"])
n_raw = len(df)
df = df.dropna(subset=["duration_sec"])
df = df.query("duration_sec > 0")

df["device"] = df["device"].str.strip().str.capitalize()
df["browser"] = df["browser"].str.strip().str.capitalize()
df["log_duration"] = np.log1p(df["duration_sec"])
df["log_pages"] = np.log1p(df["pages_viewed"])
df["pages_capped"] = df["pages_viewed"].clip(upper=20)
df["user_avg_pages"] = df.groupby("user_id")["pages_viewed"].transform("mean")

df = pd.get_dummies(df, columns=["device", "browser", "country"], drop_first=True, dtype=float)
y = df.pop("log_duration")
X = df.drop(columns=["session_id", "user_id", "duration_sec"])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

scores = {}
for name, reg in [("ols", LinearRegression()), ("ridge", Ridge(alpha=10.0))]:
    reg.fit(X_train, y_train)
    p = reg.predict(X_test)
    scores[name + "_r2"] = r2_score(y_test, p)
    scores[name + "_rmse_log"] = float(np.sqrt(mean_squared_error(y_test, p)))
    scores[name + "_mae_sec"] = mean_absolute_error(np.expm1(y_test), np.expm1(p))

scores["rows_raw"] = n_raw
scores["rows_used"] = len(X)
print(scores)
with open(out_dir / "metrics.json", "w") as f:
    json.dump(scores, f, indent=2)
