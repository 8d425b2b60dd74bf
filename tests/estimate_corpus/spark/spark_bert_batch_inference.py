import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf

spark = SparkSession.builder.appName("ticket-embeddings").getOrCreate()
tickets = spark.read.format("delta").load("abfss://support@contoso.dfs.core.windows.net/tickets")


@pandas_udf("array<float>")
def embed(texts: pd.Series) -> pd.Series:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer("all-MiniLM-L6-v2", device="cuda")
    return pd.Series(list(model.encode(texts.tolist(), batch_size=256)))


tickets.withColumn("embedding", embed("body")).write.format("delta").mode("overwrite").save(
    "abfss://support@contoso.dfs.core.windows.net/ticket_embeddings")
