import numpy as np, pandas as pd, sys
rng = np.random.default_rng(7)
n = 400
df = pd.DataFrame({
    "id": np.arange(n) % 380,
    "income": np.where(rng.random(n) < 0.1, np.nan, rng.normal(50, 10, n).round(2)),
    "tenure": rng.integers(0, 400, n).astype(float),
    "city": rng.choice([" Paris", "lyon ", "NICE", "Lille"], n),
    "plan": rng.choice(["basic", "pro", "team"], n),
    "signup": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
})
df["label"] = ((df["income"].fillna(50) + rng.normal(0, 5, n)) > 52).astype(int)
df.loc[rng.random(n) < 0.05, "tenure"] = np.nan
df["signup"] = df["signup"].dt.strftime("%Y-%m-%d")
df.to_csv(sys.argv[1], index=False)
