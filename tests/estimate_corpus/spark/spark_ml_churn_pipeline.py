from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn-gbt").getOrCreate()
events = spark.read.parquet("abfss://ml@contoso.dfs.core.windows.net/churn/features/")
train, test = events.randomSplit([0.8, 0.2], seed=7)

pipeline = Pipeline(stages=[
    StringIndexer(inputCol="plan", outputCol="plan_idx"),
    VectorAssembler(inputCols=["plan_idx", "tenure", "usage_gb", "support_calls"], outputCol="features"),
    GBTClassifier(labelCol="churned", maxIter=100, maxDepth=6),
])
model = pipeline.fit(train)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(model.transform(test))
print(f"AUC {auc:.3f}")
model.write().overwrite().save("abfss://ml@contoso.dfs.core.windows.net/models/churn_gbt")
