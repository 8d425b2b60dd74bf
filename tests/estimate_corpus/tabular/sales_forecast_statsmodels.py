import pandas as pd
import statsmodels.api as sm
from statsmodels.tsa.statespace.sarimax import SARIMAX

sales = pd.read_parquet("monthly_sales.parquet")
sales = sales.set_index("month").asfreq("MS")

exog = sm.add_constant(sales[["promo_weeks", "holidays"]])
model = SARIMAX(sales["units"], exog=exog, order=(1, 1, 1), seasonal_order=(1, 1, 1, 12))
fitted = model.fit(disp=False)
print(fitted.summary())
forecast = fitted.get_forecast(steps=12, exog=exog.tail(12))
forecast.summary_frame().to_csv("forecast.csv")
