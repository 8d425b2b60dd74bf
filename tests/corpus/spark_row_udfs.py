"""Row-at-a-time UDFs where built-in functions exist."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import udf
from pyspark.sql.types import StringType

spark = SparkSession.builder.getOrCreate()
people = spark.read.json("s3://crm/people/")


@udf(returnType=StringType())  # expect: SPL611
def initials(name):
    return "".join(part[0] for part in name.split())


upper = F.udf(lambda s: s.upper(), StringType())  # expect: SPL611
people = people.withColumn("initials", initials("name")).withColumn("upper", upper("name"))
lengths = people.rdd.map(lambda r: len(r.name)).collect()  # expect: SPL602 SPL612
