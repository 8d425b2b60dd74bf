"""Nightly summary of the order log; standard library only."""
import csv
import statistics
from collections import defaultdict

totals = defaultdict(list)
with open("orders.csv", newline="") as handle:
    for row in csv.DictReader(handle):
        totals[row["region"]].append(float(row["amount"]))

for region, amounts in sorted(totals.items()):
    print(region, len(amounts), round(statistics.mean(amounts), 2), round(statistics.median(amounts), 2))
