import json, sys
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
df = pd.read_csv(sys.argv[1]).dropna()
X = df[["income", "tenure"]]
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
km = KMeans(n_clusters=3, random_state=0, n_init=10).fit(X_scaled)
json.dump({"inertia_per_row": km.inertia_ / len(df)}, open(sys.argv[2] + "/metrics.json", "w"))
