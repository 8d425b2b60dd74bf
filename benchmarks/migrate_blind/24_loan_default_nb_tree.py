# Compare two cheap classifiers for loan default: Gaussian naive Bayes vs a depth-limited tree.
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

data_dir = sys.argv[1]
out_dir = sys.argv[2]

loans = pd.read_csv(os.path.join(data_dir, "loans.csv"))
borrowers = pd.read_csv(os.path.join(data_dir, "borrowers.csv"))
print(loans.head())
print(borrowers.describe())

df = loans.merge(borrowers, on="applicant_id", how="left")
df = df.dropna(subset=["credit_score", "annual_income"])

df["dti"] = df["loan_amount"] / df["annual_income"]
df["score_band"] = pd.cut(df["credit_score"], bins=[0, 580, 670, 740, 800, 900], labels=False)
df["term_long"] = df["term_months"].apply(lambda t: 1 if t > 36 else 0)
df["employment_years"] = df["employment_years"].fillna(0)
df["owns_home"] = df["home_ownership"].isin(["OWN", "MORTGAGE"]).astype(int)

y = df.pop("default")
X = df[["credit_score", "score_band", "dti", "interest_rate", "term_long", "employment_years",
        "delinquencies_2y", "owns_home"]]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)

results = {}
nb = GaussianNB().fit(X_train, y_train)
results["nb_auc"] = roc_auc_score(y_test, nb.predict_proba(X_test)[:, 1])
results["nb_accuracy"] = accuracy_score(y_test, nb.predict(X_test))

tree = DecisionTreeClassifier(max_depth=5, min_samples_leaf=50, random_state=0).fit(X_train, y_train)
results["tree_auc"] = roc_auc_score(y_test, tree.predict_proba(X_test)[:, 1])
results["tree_accuracy"] = accuracy_score(y_test, tree.predict(X_test))
results["tree_f1"] = f1_score(y_test, tree.predict(X_test))
results["n_rows"] = len(df)

for k, v in results.items():
    print(f"{k:>14}: {v:.4f}" if isinstance(v, float) else f"{k:>14}: {v}")

with open(os.path.join(out_dir, "metrics.json"), "w") as f:
    json.dump(results, f, indent=2)
