"""Customer segments: PCA then k-means, scored with silhouette."""
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import MinMaxScaler

features = pd.read_parquet("data/rfm.parquet")  # expect: SPL102
scaled = MinMaxScaler().fit_transform(features)  # expect: SPL431
reduced = PCA(n_components=8).fit_transform(scaled)  # expect: SPL422
labels = KMeans(n_clusters=6, n_init=10).fit_predict(reduced)  # expect: SPL420
gmm = GaussianMixture(n_components=6).fit(reduced)  # expect: SPL421
