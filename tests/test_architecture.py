"""The shape of the code: data flows one way, and the lint path stays light.

Imports are read from the source with `ast` (nothing is imported), so a forbidden dependency
fails here even if no test happens to exercise it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sparklint"


def imports_of(path: Path, at_import_time: bool) -> set[str]:
    """What a module imports anywhere, or only when it is itself imported (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in _top_level(tree) if at_import_time else ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _top_level(tree: ast.Module):
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending.extend(node.orelse)  # the body runs only under a type checker
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))


def modules(*names: str) -> list[Path]:
    paths = []
    for name in names:
        target = PACKAGE / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]
    return paths


FORBIDDEN = [
    # (modules, prefixes they must never import, only at import time?, why)
    (("engine", "context", "catalog", "tables", "positions", "tree", "rule", "values", "names", "suppression",
      "patterns"),
     ("sparklint.reporters", "sparklint.cli", "sparklint.harness", "pyspark"), False,
     "the engine and the rules never know about output, the CLI or Spark"),
    (("sources",), ("sparklint.rule", "sparklint.catalog", "sparklint.patterns", "sparklint.engine"), False,
     "sources know nothing about rules"),
    (("reporters",), ("sparklint.engine", "sparklint.patterns", "sparklint.api"), False,
     "reporters format a finished run (and read rule docs); they never compute findings"),
    (("api", "cli", "config", "discovery", "cache", "parallel", "progress", "result", "estimate",
      "reporters"), ("pyspark", "sparklint.harness", "sparklint.migrate"), True,
     "the check path never imports pyspark or the harness"),
    (("__main__", "cli", "api", "cache", "catalog", "config", "discovery", "parallel", "result", "rule", "sources",
      "estimate/__init__", "estimate/answers", "estimate/model", "reporters/__init__",
      "reporters/concise", "reporters/json_report", "reporters/where", "files", "locations", "fingerprint"),
     ("libcst", "rich"), True,
     "a run answered from the cache loads neither the parser nor rich"),
]


@pytest.mark.parametrize("owners, banned, at_import_time, why", FORBIDDEN, ids=[f[3] for f in FORBIDDEN])
def test_dependencies_point_one_way(owners, banned, at_import_time, why):
    offenders = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules(*owners) for name in imports_of(path, at_import_time) if name.startswith(banned)
    }
    assert not offenders, f"{why}: {sorted(offenders)}"




def test_a_checked_files_tree_is_freed_without_the_collector():
    """The engine pauses the cyclic collector while it parses and walks a file (engine._collector_paused), which pays
    only while nothing the check builds is a cycle: one (a class defined inside a function and closing over the file's
    context is one) keeps the file's whole tree for the collector to trace when it resumes."""
    import gc

    import libcst as cst

    from sparklint.api import engine_for
    from sparklint.catalog import load_rules
    from sparklint.sources import Source

    rules = load_rules()
    engine = engine_for(tuple(rule.code for rule in rules))
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for rule in rules:
            for example in rule.flagged:
                engine.check(Source("example.py", "python", example.code))
        gc.collect()
        kept = [type(o).__name__ for o in gc.garbage if isinstance(o, cst.CSTNode)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert kept == []
