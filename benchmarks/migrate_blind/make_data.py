"""Generate the synthetic CSVs used by the training scripts.

Usage: python make_data.py DATA_DIR

Everything is driven by seeded NumPy generators, so the output is identical on
every run.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def with_nans(rng, values, frac):
    values = np.asarray(values, dtype=float).copy()
    mask = rng.random(len(values)) < frac
    values[mask] = np.nan
    return values


def messy(rng, values, frac=0.3):
    """Randomly change case / add whitespace to string categories."""
    out = []
    for v in values:
        r = rng.random()
        if r < frac / 3:
            v = v.upper()
        elif r < 2 * frac / 3:
            v = v.lower()
        elif r < frac:
            v = "  " + v + " "
        out.append(v)
    return np.array(out, dtype=object)


def random_dates(rng, start, end, n):
    start = pd.Timestamp(start)
    span = (pd.Timestamp(end) - start).days
    return start + pd.to_timedelta(rng.integers(0, span, n), unit="D")


# --------------------------------------------------------------------------
# customers + usage (churn)
# --------------------------------------------------------------------------
def make_customers(out):
    rng = np.random.default_rng(101)
    n = 8000
    ids = np.array([f"C{i:06d}" for i in range(100000, 100000 + n)])
    signup = random_dates(rng, "2019-01-01", "2023-12-31", n)
    tenure = ((pd.Timestamp("2024-01-01") - signup).days // 30).astype(int)
    plan = rng.choice(["Basic", "Standard", "Premium"], n, p=[0.45, 0.35, 0.2])
    region = rng.choice(["North", "South", "East", "West"], n)
    contract = rng.choice(["Month-to-month", "One year", "Two year"], n, p=[0.55, 0.25, 0.2])
    payment = rng.choice(
        ["Credit card", "Bank transfer", "Electronic check", "Mailed check"], n,
        p=[0.3, 0.25, 0.3, 0.15],
    )
    age = rng.integers(18, 81, n)
    income = rng.lognormal(mean=10.8, sigma=0.5, size=n).round(0)
    base = pd.Series(plan).map({"Basic": 30.0, "Standard": 55.0, "Premium": 90.0}).to_numpy()
    monthly = (base + rng.normal(0, 8, n)).clip(10).round(2)
    support_calls = rng.poisson(1.5, n)
    paperless = rng.choice(["Yes", "No"], n, p=[0.6, 0.4])
    num_products = rng.integers(1, 5, n)

    z = (
        -1.2
        + 1.6 * (contract == "Month-to-month")
        - 0.9 * (contract == "Two year")
        - 0.035 * tenure
        + 0.35 * support_calls
        + 0.012 * (monthly - 50)
        + 0.6 * (payment == "Electronic check")
        - 0.15 * num_products
        - 0.006 * (age - 45)
        + rng.normal(0, 0.6, n)
    )
    churn = (rng.random(n) < sigmoid(z)).astype(int)

    df = pd.DataFrame({
        "customer_id": ids,
        "signup_date": signup.strftime("%Y-%m-%d"),
        "plan": messy(rng, plan),
        "region": region,
        "contract": contract,
        "payment_method": payment,
        "paperless_billing": paperless,
        "age": with_nans(rng, age, 0.02),
        "income": with_nans(rng, income, 0.08),
        "tenure_months": tenure,
        "monthly_charges": with_nans(rng, monthly, 0.01),
        "support_calls": support_calls,
        "num_products": num_products,
        "churn": churn,
    })
    # a few duplicated rows (re-exports), a few rows without a label
    dups = df.sample(120, random_state=7)
    df = pd.concat([df, dups], ignore_index=True)
    df.loc[df.sample(40, random_state=8).index, "churn"] = np.nan
    df = df.sample(frac=1.0, random_state=9).reset_index(drop=True)
    df["churn"] = df["churn"].astype("Int64")
    df.to_csv(out / "customers.csv", index=False)

    # monthly usage, 1-3 months per customer
    rng = np.random.default_rng(102)
    months_per = rng.integers(1, 4, n)
    cust = np.repeat(ids, months_per)
    churn_rep = np.repeat(churn, months_per)
    m = len(cust)
    month_idx = np.concatenate([rng.choice(12, k, replace=False) for k in months_per]) + 1
    minutes = rng.gamma(4, 80, m) * np.where(churn_rep == 1, 0.7, 1.0)
    data_gb = rng.gamma(2, 3, m) * np.where(churn_rep == 1, 0.8, 1.0)
    dropped = rng.poisson(np.where(churn_rep == 1, 3.0, 1.2))
    usage = pd.DataFrame({
        "customer_id": cust,
        "month": [f"2023-{k:02d}" for k in month_idx],
        "minutes": minutes.round(1),
        "data_gb": with_nans(rng, data_gb.round(2), 0.03),
        "dropped_calls": dropped,
    })
    usage.to_csv(out / "usage.csv", index=False)


# --------------------------------------------------------------------------
# houses (price regression)
# --------------------------------------------------------------------------
def make_houses(out):
    rng = np.random.default_rng(202)
    n = 10000
    hoods = {
        "Riverside": (47.61, -122.33, 1.35), "Oakwood": (47.65, -122.30, 1.10),
        "Hillcrest": (47.58, -122.38, 1.25), "Downtown": (47.60, -122.34, 1.50),
        "Lakeview": (47.68, -122.28, 1.40), "Maple Park": (47.55, -122.29, 0.95),
        "Southgate": (47.50, -122.31, 0.80), "Eastfield": (47.62, -122.20, 1.05),
        "Westbrook": (47.63, -122.42, 1.15), "Pinecrest": (47.72, -122.35, 0.90),
        "Old Town": (47.57, -122.36, 1.20), "Airport": (47.45, -122.30, 0.75),
    }
    names = np.array(list(hoods))
    hood = rng.choice(names, n)
    lat = np.array([hoods[h][0] for h in hood]) + rng.normal(0, 0.012, n)
    lon = np.array([hoods[h][1] for h in hood]) + rng.normal(0, 0.012, n)
    mult = np.array([hoods[h][2] for h in hood])
    sqft = rng.lognormal(7.5, 0.35, n).round(0).clip(450, 8000)
    bedrooms = np.clip(np.round(sqft / 650 + rng.normal(0, 0.7, n)), 1, 7).astype(int)
    bathrooms = np.clip(np.round((bedrooms * 0.6 + rng.normal(0, 0.5, n)) * 2) / 2, 1, 5)
    year_built = rng.integers(1920, 2022, n)
    lot = rng.lognormal(8.7, 0.5, n).round(0)
    garage = rng.choice([0, 1, 2, 3], n, p=[0.2, 0.35, 0.38, 0.07])
    cond = rng.choice(["Poor", "Fair", "Good", "Excellent"], n, p=[0.07, 0.25, 0.5, 0.18])
    cond_eff = pd.Series(cond).map({"Poor": 0.82, "Fair": 0.93, "Good": 1.0, "Excellent": 1.12}).to_numpy()
    pool = (rng.random(n) < 0.08).astype(int)
    sale = random_dates(rng, "2018-01-01", "2023-12-31", n)
    years_since = (sale - pd.Timestamp("2018-01-01")).days / 365.25
    price = (
        180 * sqft ** 0.95
        * mult * cond_eff
        * (1 + 0.05 * years_since)
        * (1 + 0.04 * garage)
        * (1 + 0.08 * pool)
        * (1 - 0.0015 * (2023 - year_built))
        * (1 + 0.00001 * (lot - 6000))
        * np.exp(rng.normal(0, 0.12, n))
    ).round(-2)
    df = pd.DataFrame({
        "house_id": [f"H{i:05d}" for i in range(n)],
        "sale_date": sale.strftime("%Y-%m-%d"),
        "neighborhood": hood,
        "latitude": lat.round(5),
        "longitude": lon.round(5),
        "sqft_living": sqft,
        "bedrooms": bedrooms,
        "bathrooms": bathrooms,
        "year_built": year_built,
        "lot_size": with_nans(rng, lot, 0.10),
        "garage_spaces": with_nans(rng, garage, 0.03),
        "condition": cond,
        "has_pool": pool,
        "price": price,
    })
    df.to_csv(out / "houses.csv", index=False)


# --------------------------------------------------------------------------
# card transactions (fraud), split in two monthly exports
# --------------------------------------------------------------------------
def make_transactions(out):
    rng = np.random.default_rng(303)
    n = 20000
    n_cards = 1500
    cards = np.array([f"K{i:05d}" for i in range(n_cards)])
    card_scale = rng.lognormal(3.6, 0.6, n_cards)
    card_idx = rng.integers(0, n_cards, n)
    ts = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365 * 24 * 3600, n), unit="s")
    cats = np.array(["grocery", "electronics", "travel", "online_retail", "gas", "restaurant", "entertainment"])
    cat = rng.choice(cats, n, p=[0.25, 0.08, 0.05, 0.2, 0.15, 0.2, 0.07])
    cat_mult = pd.Series(cat).map({
        "grocery": 1.0, "electronics": 3.5, "travel": 5.0, "online_retail": 1.5,
        "gas": 0.8, "restaurant": 0.9, "entertainment": 1.2,
    }).to_numpy()
    country = rng.choice(["US", "CA", "MX", "GB", "NG", "RU"], n, p=[0.86, 0.05, 0.03, 0.03, 0.015, 0.015])
    device = rng.choice(["mobile", "desktop", "pos"], n, p=[0.35, 0.2, 0.45])
    card_present = (device == "pos").astype(int)
    amount = card_scale[card_idx] * cat_mult * rng.lognormal(0, 0.6, n)
    hour = ts.hour.to_numpy()
    night = (hour < 5) | (hour >= 23)

    z = (
        -5.2
        + 1.3 * np.log(amount / card_scale[card_idx] / cat_mult + 0.1)
        + 1.2 * night
        + 1.8 * np.isin(country, ["NG", "RU"])
        + 0.7 * (country != "US")
        + 0.8 * (card_present == 0)
        + 0.6 * (cat == "electronics")
        + rng.normal(0, 0.5, n)
    )
    fraud = (rng.random(n) < sigmoid(z)).astype(int)
    # fraud is bigger
    amount = np.where(fraud == 1, amount * rng.uniform(1.5, 4.0, n), amount).round(2)

    merchant_words = {
        "grocery": ["FreshMart", "Grocery Outlet", "Corner Store"],
        "electronics": ["TechWorld", "Gadget Hub ONLINE", "ElectroShop"],
        "travel": ["SkyAir", "Hotel Central", "TravelNow ONLINE"],
        "online_retail": ["MegaShop ONLINE", "QuickBuy online", "ShopDirect ONLINE"],
        "gas": ["FuelStop", "Gas & Go", "PetroMax"],
        "restaurant": ["Burger Barn", "Pasta Place", "Sushi Bar"],
        "entertainment": ["CinemaMax", "Game Zone online", "Concert Tix"],
    }
    merchant = np.array([
        merchant_words[c][k] + f" #{rng.integers(1, 500)}"
        for c, k in zip(cat, rng.integers(0, 3, n))
    ])

    df = pd.DataFrame({
        "txn_id": [f"T{i:07d}" for i in range(n)],
        "card_id": cards[card_idx],
        "timestamp": ts.strftime("%Y-%m-%d %H:%M:%S"),
        "merchant": merchant,
        "merchant_category": cat,
        "amount": amount,
        "country": country,
        "device": device,
        "card_present": card_present,
        "customer_age": with_nans(rng, rng.integers(18, 85, n_cards)[card_idx], 0.05),
        "is_fraud": fraud,
    })
    df = df.sort_values("timestamp").reset_index(drop=True)
    first = df["timestamp"] < "2023-07-01"
    df[first].to_csv(out / "transactions_h1.csv", index=False)
    df[~first].to_csv(out / "transactions_h2.csv", index=False)


# --------------------------------------------------------------------------
# sensor readings (predictive maintenance)
# --------------------------------------------------------------------------
def make_sensors(out):
    rng = np.random.default_rng(404)
    n_sensors, hours = 20, 1000
    types = rng.choice(["pump", "compressor", "fan"], n_sensors)
    frames = []
    for s in range(n_sensors):
        ts = pd.date_range("2023-03-01", periods=hours, freq="h")
        # failure times
        n_fail = rng.integers(2, 5)
        fail_at = np.sort(rng.choice(np.arange(100, hours), n_fail, replace=False))
        hrs_to_fail = np.full(hours, 10_000.0)
        for f in fail_at:
            idx = np.arange(hours)
            d = f - idx
            mask = (d >= 0) & (d < hrs_to_fail)
            hrs_to_fail[mask] = d[mask]
        degrade = np.clip((48 - hrs_to_fail) / 48, 0, 1)
        base_t = {"pump": 60, "compressor": 75, "fan": 45}[types[s]]
        daily = 3 * np.sin(2 * np.pi * np.arange(hours) / 24)
        temp = base_t + daily + 9 * degrade + rng.normal(0, 1.5, hours)
        vib = 0.5 + 1.2 * degrade ** 2 + np.abs(rng.normal(0, 0.15, hours))
        pressure = 100 + rng.normal(0, 2.0, hours).cumsum() * 0.1 - 6 * degrade
        humidity = 40 + 10 * np.sin(2 * np.pi * np.arange(hours) / (24 * 7)) + rng.normal(0, 3, hours)
        rpm = {"pump": 1800, "compressor": 3000, "fan": 1200}[types[s]] + rng.normal(0, 50, hours) - 150 * degrade
        label = (hrs_to_fail <= 24).astype(int)
        frames.append(pd.DataFrame({
            "sensor_id": f"S{s:02d}",
            "machine_type": types[s],
            "timestamp": ts.strftime("%Y-%m-%d %H:%M:%S"),
            "temperature": with_nans(rng, temp.round(2), 0.02),
            "vibration": with_nans(rng, vib.round(3), 0.02),
            "pressure": with_nans(rng, pressure.round(2), 0.01),
            "humidity": humidity.round(1),
            "rpm": rpm.round(0),
            "failure_within_24h": label,
        }))
    df = pd.concat(frames, ignore_index=True)
    # rows arrive interleaved, not sorted
    df = df.sample(frac=1.0, random_state=4).reset_index(drop=True)
    df.to_csv(out / "sensors.csv", index=False)


# --------------------------------------------------------------------------
# retail sales by store and day
# --------------------------------------------------------------------------
def make_sales(out):
    rng = np.random.default_rng(505)
    n_stores = 10
    dates = pd.date_range("2022-01-01", "2023-12-31", freq="D")
    types = rng.choice(["A", "B", "C"], n_stores, p=[0.4, 0.4, 0.2])
    sizes = rng.integers(8000, 40000, n_stores)
    cities = rng.choice(["Springfield", "Riverton", "Lakeside", "Fairview"], n_stores)
    holidays = pd.to_datetime([
        "2022-01-01", "2022-05-30", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-25",
        "2023-01-01", "2023-05-29", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25",
    ])
    frames = []
    doy = dates.dayofyear.to_numpy()
    dow = dates.dayofweek.to_numpy()
    for s in range(n_stores):
        nd = len(dates)
        promo = (rng.random(nd) < 0.15).astype(int)
        hol = dates.isin(holidays).astype(int)
        temp = 15 - 12 * np.cos(2 * np.pi * (doy - 15) / 365) + rng.normal(0, 3, nd)
        base = sizes[s] / 10 * {"A": 1.3, "B": 1.0, "C": 0.7}[types[s]]
        weekly = np.array([0.9, 0.85, 0.88, 0.95, 1.1, 1.35, 1.2])[dow]
        yearly = 1 + 0.15 * np.sin(2 * np.pi * (doy - 80) / 365) + 0.35 * ((doy > 330) & (doy < 360))
        trend = 1 + 0.0003 * np.arange(nd)
        ar = np.zeros(nd)
        eps = rng.normal(0, 0.05, nd)
        for t in range(1, nd):
            ar[t] = 0.7 * ar[t - 1] + eps[t]
        sales = base * weekly * yearly * trend * (1 + 0.25 * promo) * (1 - 0.3 * hol) * np.exp(ar)
        customers = sales / rng.normal(25, 2, nd)
        frames.append(pd.DataFrame({
            "store_id": s + 1,
            "date": dates.strftime("%Y-%m-%d"),
            "store_type": types[s],
            "store_size": sizes[s],
            "city": cities[s],
            "promo": promo,
            "holiday": hol,
            "temperature": with_nans(rng, temp.round(1), 0.03),
            "customers": customers.round(0).astype(int),
            "sales": sales.round(2),
        }))
    df = pd.concat(frames, ignore_index=True)
    df.to_csv(out / "sales.csv", index=False)


# --------------------------------------------------------------------------
# loans + borrowers (credit default)
# --------------------------------------------------------------------------
def make_loans(out):
    rng = np.random.default_rng(606)
    nb = 10000
    bid = np.array([f"A{i:06d}" for i in range(nb)])
    age = rng.integers(21, 75, nb)
    income = rng.lognormal(10.9, 0.55, nb).round(-2)
    emp = np.clip(rng.gamma(2, 3, nb), 0, 40).round(0)
    home = rng.choice(["RENT", "OWN", "MORTGAGE", "OTHER"], nb, p=[0.42, 0.12, 0.44, 0.02])
    score = np.clip(rng.normal(690, 60, nb) + 1.2 * (age - 40), 450, 850).round(0)
    lines = rng.poisson(6, nb) + 1
    delinq = rng.poisson(np.where(score < 640, 1.2, 0.3))
    state = rng.choice(["CA", "TX", "NY", "FL", "WA", "IL", "OH", "GA"], nb)
    borrowers = pd.DataFrame({
        "applicant_id": bid,
        "age": age,
        "annual_income": with_nans(rng, income, 0.06),
        "employment_years": with_nans(rng, emp, 0.05),
        "home_ownership": home,
        "credit_score": with_nans(rng, score, 0.05),
        "num_credit_lines": lines,
        "delinquencies_2y": delinq,
        "state": state,
    })
    borrowers.to_csv(out / "borrowers.csv", index=False)

    nl = 12000
    bi = np.concatenate([np.arange(nb), rng.integers(0, nb, nl - nb)])
    rng.shuffle(bi)
    amount = (rng.lognormal(9.4, 0.6, nl) / 100).round(0) * 100
    term = rng.choice([36, 60], nl, p=[0.7, 0.3])
    purposes = np.array(["Debt consolidation", "Credit card", "Home improvement", "Small business",
                         "Car", "Medical", "Vacation", "Other"])
    purpose = rng.choice(purposes, nl, p=[0.4, 0.2, 0.1, 0.05, 0.08, 0.06, 0.04, 0.07])
    s = score[bi]
    rate = (28 - 0.05 * (s - 450) + 2.5 * (term == 60) + 1.5 * (purpose == "Small business")
            + rng.normal(0, 1.2, nl)).clip(5, 30).round(2)
    dti = amount / income[bi]
    z = (
        -3.0
        - 0.012 * (s - 690)
        + 3.0 * dti
        + 0.08 * (rate - 13)
        + 0.5 * (term == 60)
        + 0.5 * (purpose == "Small business")
        + 0.25 * delinq[bi]
        - 0.03 * emp[bi]
        + 0.3 * (home[bi] == "RENT")
        + rng.normal(0, 0.4, nl)
    )
    default = (rng.random(nl) < sigmoid(z)).astype(int)
    app_date = random_dates(rng, "2020-01-01", "2023-06-30", nl)
    loans = pd.DataFrame({
        "loan_id": [f"L{i:06d}" for i in range(nl)],
        "applicant_id": bid[bi],
        "application_date": app_date.strftime("%Y-%m-%d"),
        "loan_amount": amount,
        "term_months": term,
        "purpose": messy(rng, purpose, 0.25),
        "interest_rate": rate,
        "grade": pd.cut(rate, [0, 8, 11, 14, 18, 22, 100], labels=list("ABCDEF")).astype(str),
        "default": default,
    })
    loans.to_csv(out / "loans.csv", index=False)


# --------------------------------------------------------------------------
# web sessions (conversion)
# --------------------------------------------------------------------------
def make_sessions(out):
    rng = np.random.default_rng(707)
    n = 15000
    n_users = 3000
    users = np.array([f"U{i:05d}" for i in range(n_users)])
    user_eng = rng.normal(0, 1, n_users)
    ui = rng.integers(0, n_users, n)
    start = pd.Timestamp("2023-09-01") + pd.to_timedelta(rng.integers(0, 90 * 24 * 3600, n), unit="s")
    device = rng.choice(["Desktop", "Mobile", "Tablet"], n, p=[0.4, 0.5, 0.1])
    browser = rng.choice(["Chrome", "Safari", "Firefox", "Edge", "Opera"], n, p=[0.55, 0.25, 0.1, 0.08, 0.02])
    referrer = rng.choice(
        ["https://www.google.com/search", "https://www.bing.com/search", "https://facebook.com/",
         "https://t.co/abc", "direct", "email-newsletter", "https://partner-blog.com/review"],
        n, p=[0.35, 0.07, 0.12, 0.06, 0.25, 0.1, 0.05],
    )
    landing = rng.choice(["/", "/products", "/sale", "/blog/post", "/product/detail"], n,
                         p=[0.35, 0.2, 0.15, 0.15, 0.15])
    country = rng.choice(["US", "DE", "FR", "UK", "IN", "BR"], n, p=[0.45, 0.12, 0.1, 0.13, 0.12, 0.08])
    returning = (rng.random(n) < sigmoid(user_eng[ui])).astype(int)
    pages = 1 + rng.poisson(np.exp(1.0 + 0.3 * user_eng[ui] + 0.3 * (device == "Desktop")))
    duration = (pages * rng.gamma(3, 20, n) * (1.2 - 0.3 * (device == "Mobile"))).round(0)
    cart_adds = rng.binomial(pages, 0.08)
    z = (
        -3.5
        + 0.25 * np.log1p(pages)
        + 0.9 * cart_adds
        + 0.6 * returning
        + 0.5 * (referrer == "email-newsletter")
        + 0.4 * (landing == "/sale")
        - 0.4 * (device == "Mobile")
        + 0.3 * user_eng[ui]
        + rng.normal(0, 0.4, n)
    )
    converted = (rng.random(n) < sigmoid(z)).astype(int)
    revenue = np.where(converted == 1, rng.lognormal(4, 0.7, n), 0.0).round(2)
    df = pd.DataFrame({
        "session_id": [f"SES{i:06d}" for i in range(n)],
        "user_id": users[ui],
        "start_time": start.strftime("%Y-%m-%d %H:%M:%S"),
        "device": messy(rng, device, 0.2),
        "browser": messy(rng, browser, 0.3),
        "referrer": referrer,
        "landing_page": landing,
        "country": country,
        "is_returning": returning,
        "pages_viewed": pages,
        "duration_sec": with_nans(rng, duration, 0.03),
        "cart_adds": cart_adds,
        "converted": converted,
        "revenue": revenue,
    })
    df.to_csv(out / "sessions.csv", index=False)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python make_data.py DATA_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    make_customers(out)
    make_houses(out)
    make_transactions(out)
    make_sensors(out)
    make_sales(out)
    make_loans(out)
    make_sessions(out)
    total = 0
    for p in sorted(out.glob("*.csv")):
        size = p.stat().st_size
        total += size
        rows = sum(1 for _ in open(p)) - 1
        print(f"{p.name:22s} {rows:6d} rows {size / 1e6:6.2f} MB")
    print(f"total {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
