"""A distributed training job: nothing for sparklint to flag."""
from pyspark.ml import Pipeline
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.ml.regression import RandomForestRegressor
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.sql import SparkSession
from pyspark.sql import Window
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
df = spark.read.format("delta").load("abfss://lake@acme.dfs.core.windows.net/housing")
df = df.withColumn("price_rank", F.percent_rank().over(Window.partitionBy("city").orderBy("price")))
train, test = df.randomSplit([0.8, 0.2], seed=42)
assembler = VectorAssembler(inputCols=["rooms", "area", "age"], outputCol="raw")
scaler = StandardScaler(inputCol="raw", outputCol="features")
forest = RandomForestRegressor(labelCol="price")
grid = ParamGridBuilder().addGrid(forest.maxDepth, [5, 10]).build()
evaluator = RegressionEvaluator(labelCol="price", metricName="rmse")
cv = CrossValidator(estimator=Pipeline(stages=[assembler, scaler, forest]), estimatorParamMaps=grid,
                    evaluator=evaluator, numFolds=3, parallelism=4)
model = cv.fit(train)
print(evaluator.evaluate(model.transform(test)))
summary = model.transform(test).groupBy("city").agg(F.avg("prediction")).limit(20).collect()
