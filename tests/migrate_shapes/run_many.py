"""Run scripts one after the other in this process, each as `__main__` with `DATA OUT/<name>` as its
arguments, and print one JSON object (also written to OUTROOT/results.json): each script's metrics, or
its error and the line that raised.

    python run_many.py [--spark] DATA OUTROOT script.py ...

With `--spark` one local SparkSession serves every script (their own `getOrCreate()` returns it and
their `stop()` is ignored), so a dozen migrated scripts cost one Spark start. Run by `sparklint
verify`'s harness instead, the scripts share the harness's session in the same way.
"""
import json
import os
import runpy
import sys
import traceback

arguments = sys.argv[1:]
if arguments[0] == "--spark":
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    SparkSession.stop = lambda self: None
    arguments = arguments[1:]
data, root, scripts = arguments[0], arguments[1], arguments[2:]
os.makedirs(root, exist_ok=True)
results = {}
for script in scripts:
    name = os.path.basename(script)
    out = os.path.join(root, name)
    os.makedirs(out, exist_ok=True)
    sys.argv = [script, data, out]
    try:
        runpy.run_path(script, run_name="__main__")
        with open(os.path.join(out, "metrics.json")) as stream:
            results[name] = {"ok": True, "metrics": json.load(stream)}
    except BaseException as exc:  # noqa: BLE001 - the script's failure is the result
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"line {f.lineno}: {f.line}" for f in reversed(frames) if f.filename == script), "")
        results[name] = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[:300]}", "where": where}
with open(os.path.join(root, "results.json"), "w") as stream:
    json.dump(results, stream)
print(json.dumps(results))
