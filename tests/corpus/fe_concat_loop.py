"""Stack monthly exports into one frame, then reshape."""
import glob

import pandas as pd

frames = pd.DataFrame()
for path in sorted(glob.glob("exports/2024-*.csv")):  # expect: SPL804
    month = pd.read_csv(path)  # expect: SPL101
    frames = pd.concat([frames, month], ignore_index=True)  # expect: SPL204

long = frames.melt(id_vars=["store"], var_name="metric", value_name="value")  # expect: SPL207
wide = long.pivot(index="store", columns="metric", values="value")  # expect: SPL205
wide["code"] = wide["code"].map(str.upper)  # expect: SPL222 SPL240
