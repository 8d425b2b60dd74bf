"""Copy a warehouse table into a feature store table."""
import sqlalchemy
import pandas as pd

engine = sqlalchemy.create_engine("postgresql://analytics@warehouse/prod")
customers = pd.read_sql_query("SELECT * FROM crm.customers WHERE active", engine)  # expect: SPL105
events = pd.read_sql_table("events", engine, schema="web")  # expect: SPL105
features = customers.merge(events, on="customer_id")  # expect: SPL202
features.to_sql("customer_features", engine, if_exists="replace", index=False)  # expect: SPL154
features.to_pickle("cache/features.pkl")  # expect: SPL156
