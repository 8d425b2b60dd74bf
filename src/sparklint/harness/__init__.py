"""`sparklint verify`: run a script on a real Spark cluster and prove from Spark's records where it computed.

The parent side (session, eventlog, verdict, reports) never imports pyspark; only `runner`, the child
process that owns the SparkSession, does. That keeps `sparklint check` light and lets a hung script be
killed together with every JVM it started.
"""
