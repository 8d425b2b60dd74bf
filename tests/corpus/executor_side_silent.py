"""pandas and scikit-learn inside functions Spark runs on executors (no findings expected)."""
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf
from sklearn.linear_model import LinearRegression

spark = SparkSession.builder.getOrCreate()
sales = spark.read.parquet("abfss://lake@acme.dfs.core.windows.net/sales")


def fit_store(pdf: pd.DataFrame) -> pd.DataFrame:
    model = LinearRegression().fit(pdf[["week"]], pdf["units"])
    pdf = pdf.sort_values("week")
    return pd.DataFrame({"store": [pdf["store"].iloc[0]], "slope": [model.coef_[0]]})


def score_batches(batches):
    for pdf in batches:
        pdf["z"] = (pdf["units"] - pdf["units"].mean()) / pdf["units"].std()
        yield pdf


@pandas_udf("double")
def log_units(units: pd.Series) -> pd.Series:
    return units.apply(lambda u: u if u > 0 else 0.0)


slopes = sales.groupBy("store").applyInPandas(fit_store, schema="store long, slope double")
scored = sales.mapInPandas(score_batches, schema=sales.schema)
logged = sales.withColumn("log_units", log_units("units"))
