"""Classic sentiment baseline: TF-IDF + linear model on product reviews."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split

reviews = pd.read_json("reviews.jsonl", lines=True)
reviews["label"] = (reviews["stars"] >= 4).astype(int)
train, test = train_test_split(reviews, test_size=0.2, stratify=reviews["label"])

vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=200_000)
X_train = vectorizer.fit_transform(train["text"])
clf = LogisticRegression(C=4.0, max_iter=2000)
clf.fit(X_train, train["label"])
print(classification_report(test["label"], clf.predict(vectorizer.transform(test["text"]))))
