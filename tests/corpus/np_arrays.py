"""Correlation analysis on arrays loaded whole."""
import numpy as np

ratings = np.loadtxt("data/ratings.csv", delimiter=",", skiprows=1)  # expect: SPL501
embeddings = np.load("data/item_embeddings.npy")  # expect: SPL502
raw = np.genfromtxt("data/sensor.csv", delimiter=",", names=True)  # expect: SPL501
corr = np.corrcoef(ratings, rowvar=False)  # expect: SPL510
similarity = embeddings @ embeddings.T
u, s, vt = np.linalg.svd(ratings, full_matrices=False)  # expect: SPL511
