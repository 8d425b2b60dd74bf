import json, sys
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.tree import DecisionTreeClassifier


def build_model(depth):
    numbers = Pipeline([("fill", SimpleImputer(strategy="mean"))])
    encode = ColumnTransformer([("num", numbers, ["income", "tenure"]), ("cat", OneHotEncoder(), ["plan"])])
    return Pipeline([("encode", encode), ("tree", DecisionTreeClassifier(max_depth=depth, random_state=0))])


def main():
    df = pd.read_csv(sys.argv[1])
    X_train, X_test, y_train, y_test = train_test_split(df[["income", "tenure", "plan"]], df["label"],
                                                        test_size=0.3, random_state=4)
    model = build_model(2)
    model.fit(X_train, y_train)
    json.dump({"accuracy": accuracy_score(y_test, model.predict(X_test))}, open(sys.argv[2] + "/metrics.json", "w"))


main()
