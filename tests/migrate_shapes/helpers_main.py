import argparse, json
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def load(path):
    df = pd.read_csv(path)
    return df.dropna(subset=["income"])


def add_features(df):
    df["income_per_day"] = df["income"] / (df["tenure"].fillna(0) + 1)
    return df


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("out")
    args = parser.parse_args()
    df = add_features(load(args.data))
    X_train, X_test, y_train, y_test = train_test_split(df[["income", "income_per_day"]], df["label"], random_state=0)
    model = LogisticRegression(max_iter=300).fit(X_train, y_train)
    with open(args.out + "/metrics.json", "w") as f:
        json.dump({"accuracy": model.score(X_test, y_test)}, f)


if __name__ == "__main__":
    main()
