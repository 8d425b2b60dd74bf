"""A claims-review helper: synthetic claims, a group-by written as a loop, and cell-by-cell updates."""
import random
import uuid

import matplotlib.pyplot as plt
import pandas as pd


def make_claims(n_claims, adjusters):
    claims = []
    for _ in range(n_claims):  # expect: SPL308
        claims.append({
            "claim_id": str(uuid.uuid4()),
            "region": random.choice(["north", "south", "east"]),
            "amount": round(random.lognormvariate(6, 1), 2),
            "adjuster": random.choice(adjusters),
        })
    return pd.DataFrame(claims)


class Triage:
    def __init__(self, claims):
        self.claims = claims

    def rank_within_region(self):
        ranked = []
        for region in self.claims["region"].unique():  # expect: SPL307
            part = self.claims[self.claims["region"] == region]  # expect: SPL241
            ranked.append(part.assign(rank=part["amount"].rank(ascending=False)))
        return pd.concat(ranked)  # expect: SPL204

    def escalate(self, claim_ids):
        for key in claim_ids:  # expect: SPL306
            if self.claims.loc[key, "amount"] > 10_000:
                self.claims.at[key, "status"] = "escalated"

    def plot_regions(self):
        for region in self.claims["region"].unique():
            part = self.claims[self.claims["region"] == region]  # expect: SPL241
            plt.hist(part["amount"], alpha=0.5, label=region)

    def tidy(self):
        for column in ["amount"]:
            self.claims.loc[:, column] = self.claims[column].round(0)  # expect: SPL240
        for attempt in range(3):
            print(attempt, random.random())
