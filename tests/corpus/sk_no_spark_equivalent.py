"""Models without a pyspark.ml equivalent."""
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

df = pd.read_parquet("data/transactions.parquet")  # expect: SPL102
X, y = df.drop(columns="fraud"), df["fraud"]  # expect: SPL235
SVC(kernel="rbf", C=3.0).fit(X, y)  # expect: SPL480
KNeighborsClassifier(n_neighbors=15).fit(X, y)  # expect: SPL480
IsolationForest(contamination=0.01).fit(X)  # expect: SPL480
