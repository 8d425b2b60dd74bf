# Databricks notebook source
# MAGIC %md Quarterly NPS drivers: the analyst's pandas workflow, pasted into Databricks.

# COMMAND ----------

import pandas as pd
from sklearn.tree import DecisionTreeClassifier, export_text

# COMMAND ----------

nps = pd.read_csv("/dbfs/FileStore/surveys/nps_q3.csv")
nps["promoter"] = (nps["score"] >= 9).astype(int)
tree = DecisionTreeClassifier(max_depth=4).fit(nps[["wait_days", "tickets", "tenure"]], nps["promoter"])
print(export_text(tree, feature_names=["wait_days", "tickets", "tenure"]))
