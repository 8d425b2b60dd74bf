"""Write `src/sparklint/star_exports.json`: the public names of the PySpark modules that scripts
import with `*`, read from the installed PySpark (the `spark` extra). Run after a PySpark upgrade:

    python scripts/star_exports.py
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

MODULES = (
    "pyspark.sql", "pyspark.sql.functions", "pyspark.sql.types", "pyspark.sql.window", "pyspark.ml",
    "pyspark.ml.feature", "pyspark.ml.classification", "pyspark.ml.regression", "pyspark.ml.clustering",
    "pyspark.ml.evaluation", "pyspark.ml.tuning",
)
TARGET = Path(__file__).resolve().parents[1] / "src" / "sparklint" / "star_exports.json"


def exports(module: str) -> list[str]:
    loaded = importlib.import_module(module)
    names = getattr(loaded, "__all__", None) or [n for n in vars(loaded) if not n.startswith("_")]
    return sorted(set(names))


def main() -> None:
    TARGET.write_text(json.dumps({m: exports(m) for m in MODULES}, indent=0) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(MODULES)} modules")


if __name__ == "__main__":
    main()
