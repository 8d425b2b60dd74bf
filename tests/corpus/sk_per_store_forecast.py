"""One ARIMA model per store, in a driver loop."""
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA

sales = pd.read_csv("data/store_sales.csv", parse_dates=["day"])  # expect: SPL101
forecasts = {}
for store, series in sales.groupby("store"):  # expect: SPL201
    fitted = ARIMA(series["units"].values, order=(2, 1, 1)).fit()  # expect: SPL497
    forecasts[store] = fitted.forecast(28)
