"""Sensor features: rolling windows and resampling over one big frame."""
import pandas as pd

readings = pd.read_csv("data/sensors.csv", parse_dates=["ts"])  # expect: SPL101
readings = readings.sort_values(["sensor_id", "ts"]).drop_duplicates(["sensor_id", "ts"])  # expect: SPL210 SPL211
readings["mean_1h"] = readings.groupby("sensor_id")["value"].transform(lambda s: s.rolling(12).mean())  # expect: SPL201 SPL240
hourly = readings.set_index("ts").groupby("sensor_id")["value"].resample("1h").mean()  # expect: SPL201 SPL243
counts = readings["status"].value_counts()  # expect: SPL212
