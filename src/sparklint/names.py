"""Qualified names from one pass over the imports, instead of LibCST's costly scope analysis.

`import pandas as pd` makes `pd.read_csv` mean `pandas.read_csv`; `from sklearn.ensemble import
RandomForestClassifier as RF` makes `RF` mean `sklearn.ensemble.RandomForestClassifier`. The last
import of a name wins, which is what a script that runs top to bottom sees.
"""

from __future__ import annotations

import libcst as cst

# Public names that libraries re-export from private modules, spelled the way users import them.
CANONICAL = {
    "pyspark.sql.session.SparkSession": "pyspark.sql.SparkSession",
    "pyspark.sql.dataframe.DataFrame": "pyspark.sql.DataFrame",
    "pyspark.pandas.frame.DataFrame": "pyspark.pandas.DataFrame",
    "pandas.core.frame.DataFrame": "pandas.DataFrame",
    "tensorflow.keras": "keras",
}


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
        self.modules: set[str] = set()  # top-level packages the file imports
        self._qualified: dict[int, tuple[cst.CSTNode, str | None]] = {}  # until the next import

    def add(self, node: cst.Import | cst.ImportFrom) -> None:
        self._qualified.clear()
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name) or ""
                self.modules.add(full.split(".")[0])
                if alias.asname is not None:
                    self.aliases[_asname(alias)] = full
                else:
                    head = full.split(".")[0]
                    self.aliases[head] = head
            return
        if node.relative or node.module is None:
            return
        module = dotted(node.module) or ""
        self.modules.add(module.split(".")[0])
        if isinstance(node.names, cst.ImportStar):
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

    def _qualify(self, node: cst.BaseExpression) -> str | None:
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        full = self.aliases.get(head)
        if full is None:
            return None
        qualified = f"{full}.{rest}" if rest else full
        for private, public in CANONICAL.items():
            if qualified.startswith(private):
                return public + qualified[len(private):]
        return qualified

    def imports_any(self, modules: tuple[str, ...]) -> bool:
        return not modules or any(m in self.modules for m in modules)


def _asname(alias: cst.ImportAlias) -> str:
    target = alias.asname.name if alias.asname is not None else alias.name
    return target.value if isinstance(target, cst.Name) else dotted(target) or ""
