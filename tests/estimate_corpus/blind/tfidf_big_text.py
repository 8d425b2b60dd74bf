"""Spam filter: TF-IDF and a linear model over a large e-mail dump, all in pandas."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

mails = pd.read_csv("dumps/mails.csv")
X = TfidfVectorizer(max_features=200_000).fit_transform(mails["body"])
SGDClassifier(loss="log_loss").fit(X, mails["spam"])
