"""Propensity model on the full web-events export (all of 2023)."""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

events = pd.read_csv("/data/exports/web_events_2023_full.csv", parse_dates=["ts"])
events["hour"] = events["ts"].dt.hour
sessions = events.groupby("session_id").agg(pages=("url", "count"), hour=("hour", "first"), bought=("purchase", "max"))
for col in ["pages", "hour"]:
    sessions[col + "_log"] = np.log1p(sessions[col])
model = HistGradientBoostingClassifier(max_iter=300)
model.fit(sessions[["pages_log", "hour_log"]], sessions["bought"])
