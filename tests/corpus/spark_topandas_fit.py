"""Reads with Spark, trains with scikit-learn on the driver."""
from pyspark.sql import SparkSession
from sklearn.linear_model import LogisticRegression

spark = SparkSession.builder.getOrCreate()
features = spark.table("ml.features").select("x1", "x2", "x3", "label")
pdf = features.toPandas()  # expect: SPL601
model = LogisticRegression().fit(pdf[["x1", "x2", "x3"]], pdf["label"])  # expect: SPL405 SPL616
