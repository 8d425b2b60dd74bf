"""A Keras model fitted on one machine."""
import numpy as np
from tensorflow import keras

x = np.load("data/x_train.npy")  # expect: SPL502
y = np.load("data/y_train.npy")  # expect: SPL502
model = keras.Sequential([keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=30, batch_size=256)  # expect: SPL902
