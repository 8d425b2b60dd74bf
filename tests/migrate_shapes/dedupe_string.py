import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df = df.drop_duplicates(subset="id")
json.dump({"rows": len(df)}, open(sys.argv[2] + "/metrics.json", "w"))
