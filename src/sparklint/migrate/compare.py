"""Do two runs' outputs agree? Tables by row count and schema, metrics by value within a tolerance.

Both scripts write into their own output folder; files are matched by name. pandas writes
`preds.csv` as one file where Spark writes a folder of part files of the same name, so a table is
read from either. A migrated script is not expected to reproduce the original bit for bit: Spark's
`randomSplit` is not scikit-learn's split and its trees are not scikit-learn's trees, so row counts
agree within a relative tolerance and metrics within `tolerance * max(1, |a|, |b|)` (absolute for
scores in [0, 1], relative for errors in the data's units). Schemas compare column names and a
coarse type (number, text), since int64/double and object/string name the same data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TABLE_SUFFIXES = (".csv",)


@dataclass
class Comparison:
    agree: bool = True
    checks: list[str] = field(default_factory=list)  # one line per compared output
    skipped: list[str] = field(default_factory=list)  # outputs that cannot be compared (models)

    def add(self, ok: bool, text: str) -> None:
        self.agree &= ok
        self.checks.append(("ok   " if ok else "DIFF ") + text)


METRIC_TOLERANCE = 0.1  # |a - b| <= tolerance * max(1, |a|, |b|)


def metrics_agree(a: dict, b: dict, tolerance: float = METRIC_TOLERANCE) -> bool:
    """Whether two runs' metrics (a JSON object each) agree key by key, as `migrate --verify` judges them."""
    return compare_metrics(a, b, tolerance).agree


def compare_metrics(a: dict, b: dict, tolerance: float = METRIC_TOLERANCE) -> Comparison:
    """Two runs' metrics compared key by key: whether they agree, and a line per key."""
    result = Comparison()
    _metrics(result, "metrics", a, b, tolerance)
    return result


def compare_outputs(original: Path, migrated: Path, metric_tolerance: float = METRIC_TOLERANCE,
                    row_tolerance: float = 0.1) -> Comparison:
    result = Comparison()
    names = sorted({p.name for p in original.iterdir()} | {p.name for p in migrated.iterdir()})
    for name in names:
        a, b = original / name, migrated / name
        if not (a.exists() and b.exists()):
            result.add(False, f"{name}: written by only one of the two runs")
        elif name.endswith(".json"):
            _metrics(result, name, json.loads(a.read_text()), json.loads(b.read_text()), metric_tolerance)
        elif name.endswith(TABLE_SUFFIXES):
            _table(result, name, _read_table(a), _read_table(b), row_tolerance)
        else:
            result.skipped.append(name)
    if not names:
        result.add(False, "neither run wrote an output to compare")
    return result


def _metrics(result: Comparison, name: str, a, b, tolerance: float) -> None:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        result.add(a == b, f"{name}: {a!r} vs {b!r}")
        return
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):  # JSON numbers (and booleans)
            ok = abs(x - y) <= tolerance * max(1.0, abs(x), abs(y))
            result.add(ok, f"{name} {key}: {x:.4g} vs {y:.4g} (tolerance {tolerance:g})")
        else:
            result.add(x == y, f"{name} {key}: {x!r} vs {y!r}")


def _read_table(path: Path):
    import pandas as pd

    if path.is_dir():
        parts = sorted(p for p in path.iterdir() if p.name.startswith("part-") and p.stat().st_size)
        frames = [pd.read_csv(p) for p in parts]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return pd.read_csv(path)


def _table(result: Comparison, name: str, a, b, tolerance: float) -> None:
    rows_ok = abs(len(a) - len(b)) <= tolerance * max(len(a), len(b), 1)
    result.add(rows_ok, f"{name}: {len(a)} vs {len(b)} rows (tolerance {tolerance:.0%})")
    schema_a, schema_b = _schema(a), _schema(b)
    result.add(schema_a == schema_b, f"{name}: schema {schema_a}" + ("" if schema_a == schema_b else f" vs {schema_b}"))


def _schema(frame) -> list[tuple[str, str]]:
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    return [(c, "number" if is_numeric_dtype(t) and not is_bool_dtype(t) else "bool" if is_bool_dtype(t) else "text")
            for c, t in frame.dtypes.items()]
