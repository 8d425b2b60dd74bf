import cudf
from cuml.ensemble import RandomForestClassifier
from cuml.model_selection import train_test_split

trips = cudf.read_parquet("taxi/2023/*.parquet")
trips["hour"] = trips["pickup_datetime"].dt.hour
X = trips[["hour", "trip_distance", "passenger_count"]].astype("float32")
y = (trips["tip_amount"] > 0).astype("int32")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
rf = RandomForestClassifier(n_estimators=200, max_depth=16)
rf.fit(X_train, y_train)
print(rf.score(X_test, y_test))
