"""A small Keras MLP on a tabular credit data set."""
import pandas as pd
from tensorflow import keras

data = pd.read_csv("credit.csv")
x, y = data.drop(columns="default").values, data["default"].values
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, epochs=20, batch_size=512)
