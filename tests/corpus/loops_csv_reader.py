"""Parse a raw click log line by line with the csv module."""
import csv
from collections import Counter

clicks = Counter()
with open("logs/clicks.csv", newline="") as handle:
    for row in csv.reader(handle):  # expect: SPL304
        clicks[row[2]] += 1

with open("logs/impressions.tsv") as handle:
    for line in handle:  # expect: SPL304
        user, ad, _ = line.rstrip("\n").split("\t")
        clicks[ad] -= 0
