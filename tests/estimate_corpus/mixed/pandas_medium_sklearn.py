import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

leads = pd.read_csv("crm/leads_2024.csv")
X = StandardScaler().fit_transform(leads[["visits", "emails_opened", "days_since_signup"]])
LogisticRegression(max_iter=500).fit(X, leads["converted"])
