import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import SGDRegressor

X = np.load("embeddings/all_products.npy")
y = np.load("embeddings/targets.npy")
reduced = PCA(n_components=128).fit_transform(X)
reg = SGDRegressor(max_iter=20)
reg.fit(reduced, y)
np.save("reduced.npy", reduced)
