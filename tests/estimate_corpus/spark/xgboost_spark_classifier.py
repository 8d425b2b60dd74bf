from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from xgboost.spark import SparkXGBClassifier

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("abfss://ml@contoso.dfs.core.windows.net/credit/training/")
assembler = VectorAssembler(inputCols=[c for c in df.columns if c not in ("label", "id")], outputCol="features")
train = assembler.transform(df)
classifier = SparkXGBClassifier(features_col="features", label_col="label", num_workers=16, max_depth=8)
model = classifier.fit(train)
model.save("abfss://ml@contoso.dfs.core.windows.net/models/credit_xgb")
