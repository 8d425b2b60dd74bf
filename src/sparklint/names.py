"""Qualified names from one pass over the imports, instead of LibCST's costly scope analysis.

`import pandas as pd` makes `pd.read_csv` mean `pandas.read_csv`; `from sklearn.ensemble import
RandomForestClassifier as RF` makes `RF` mean `sklearn.ensemble.RandomForestClassifier`. The last
import of a name wins, which is what a script that runs top to bottom sees.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import libcst as cst

# Public names that libraries re-export from private modules, spelled the way users import them.
CANONICAL = {
    "pyspark.sql.session.SparkSession": "pyspark.sql.SparkSession",
    "pyspark.sql.dataframe.DataFrame": "pyspark.sql.DataFrame",
    "pyspark.pandas.frame.DataFrame": "pyspark.pandas.DataFrame",
    "pyspark.sql.connect.session.SparkSession": "pyspark.sql.SparkSession",
    "pyspark.sql.connect.dataframe.DataFrame": "pyspark.sql.DataFrame",
    "pandas.core.frame.DataFrame": "pandas.DataFrame",
    "tensorflow.keras": "keras",
}


STAR_EXPORTS = Path(__file__).with_name("star_exports.json")
# Modules that bring another's API with them: Databricks Connect is PySpark (its sessions make
# PySpark DataFrames), so a file importing it is a PySpark file to every rule.
PROVIDES = {"databricks.connect": "pyspark", "databricks.koalas": "pyspark"}
# Private or retired module paths of a public API, by the public one (`from sklearn.datasets.samples_generator
# import make_blobs`, scikit-learn before 0.24): the same functions, so rules know them by one name.
MOVED = {"sklearn.datasets.samples_generator": "sklearn.datasets", "sklearn.datasets._samples_generator": "sklearn.datasets"}


def dotted(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a Name/Attribute chain, None for anything else."""
    if type(node) is cst.Name:
        return node.value
    parts = []
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is not cst.Name:
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


class Imports:
    """The module names a file binds, and what its dotted expressions resolve to."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.modules: set[str] = set()  # top-level packages the file imports (and those they provide)
        self.stars: list[str] = []  # modules imported with `*`, in order
        self._qualified: dict[int, tuple[cst.CSTNode, str | None]] = {}  # until the next import

    def add(self, node: cst.Import | cst.ImportFrom) -> None:
        self._qualified.clear()
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name) or ""
                self._note_module(full)
                if alias.asname is not None:
                    self.aliases[_asname(alias)] = full
                else:
                    head = full.split(".")[0]
                    self.aliases[head] = head
            return
        if node.relative or node.module is None:
            return
        module = dotted(node.module) or ""
        module = MOVED.get(module, module)
        self._note_module(module)
        if isinstance(node.names, cst.ImportStar):
            self.stars.append(module)
            return
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else dotted(alias.name) or ""
            bound = _asname(alias) if alias.asname is not None else name
            self.aliases[bound] = f"{module}.{name}"

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """The qualified name of a dotted expression whose head is an imported name.

        Several rules ask about the same node, so answers are kept until an import changes them,
        with the node itself: an id alone could be reused by a new node once the old one is gone.
        """
        kept = self._qualified.get(id(node))
        if kept is not None and kept[0] is node:
            return kept[1]
        answer = self._qualify(node)
        self._qualified[id(node)] = node, answer
        return answer

    def _note_module(self, module: str) -> None:
        self.modules.add(module.split(".")[0])
        for provider, provided in PROVIDES.items():
            if module == provider or module.startswith(provider + "."):
                self.modules.add(provided)

    def _qualify(self, node: cst.BaseExpression) -> str | None:
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        full = self.aliases.get(head) or self._from_star(head)
        if full is None:
            return None
        qualified = f"{full}.{rest}" if rest else full
        for private, public in CANONICAL.items():
            if qualified.startswith(private):
                return public + qualified[len(private):]
        return qualified

    def _from_star(self, name: str) -> str | None:
        """A name a `from module import *` bound: the last such module known to export it."""
        for module in reversed(self.stars):
            if name in star_exports().get(module, ()):
                return f"{module}.{name}"
        return None

    def imports_any(self, modules: tuple[str, ...]) -> bool:
        return not modules or any(m in self.modules for m in modules)


@lru_cache(maxsize=1)
def star_exports() -> dict[str, frozenset[str]]:
    """The public names of the modules people import with `*` (PySpark's, read from PySpark by
    `scripts/star_exports.py`), so that `udf` after `from pyspark.sql.functions import *` is known."""
    data = json.loads(STAR_EXPORTS.read_text(encoding="utf-8"))
    return {module: frozenset(names) for module, names in data.items()}


def _asname(alias: cst.ImportAlias) -> str:
    target = alias.asname.name if alias.asname is not None else alias.name
    return target.value if isinstance(target, cst.Name) else dotted(target) or ""
