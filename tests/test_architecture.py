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
    (("api", "cli", "config", "discovery", "cache", "parallel", "progress", "result", "readiness", "estimate",
      "reporters"), ("pyspark", "sparklint.harness", "sparklint.migrate"), True,
     "the check path never imports pyspark or the harness"),
    (("__main__", "cli", "api", "cache", "catalog", "config", "discovery", "parallel", "result", "rule", "sources",
      "readiness/__init__", "estimate/__init__", "estimate/estimate", "estimate/model", "reporters/__init__",
      "reporters/concise", "reporters/json_report", "reporters/where"), ("libcst", "rich"), True,
     "a run answered from the cache loads neither the parser nor rich"),
]


@pytest.mark.parametrize("owners, banned, at_import_time, why", FORBIDDEN, ids=[f[3] for f in FORBIDDEN])
def test_dependencies_point_one_way(owners, banned, at_import_time, why):
    offenders = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules(*owners) for name in imports_of(path, at_import_time) if name.startswith(banned)
    }
    assert not offenders, f"{why}: {sorted(offenders)}"


REPLAY_PATH = ("entry", "replay", "journal", "locations")
REPLAY_IMPORTS = {"__future__", "errno", "os", "sys", "stat", "time", "marshal", "zlib", "sparklint", "sparklint.replay",
                  "sparklint.journal", "sparklint.locations"}


def test_a_replay_imports_next_to_nothing():
    """A replay answers in a few milliseconds only if it imports next to nothing (not even typing)."""
    def allowed(name: str) -> bool:  # a module of the list, or a name imported from one (not from the package)
        return name in REPLAY_IMPORTS or name.rpartition(".")[0] in REPLAY_IMPORTS - {"sparklint"}

    offenders = {f"{path.relative_to(PACKAGE)} imports {name}"
                 for path in modules(*REPLAY_PATH) for name in imports_of(path, at_import_time=True) if not allowed(name)}
    assert not offenders, sorted(offenders)


# Modules that may look at the disk themselves, and why that cannot make a replay stale.
OWN_DISK = {
    "journal": "it is the one door through which a check run looks at the user's files",
    "sources": "reads through os.open/fstat to refuse FIFOs and devices, and reports the read to journal.was_read",
    "locations": "sparklint's own files: their sizes and times are part of every replay's key",
    "catalog": "sparklint's own files: their sizes and times are part of every replay's key",
    "estimate/model": "sparklint's own files: their sizes and times are part of every replay's key",
    "names": "sparklint's own star_exports.json: its size and time are part of every replay's key",
    "replay": "its own records",
    "cache": "its own entries, keyed by content",
    "cli": "only for options a replay never stands in for (--output-file, --baseline, stdin)",
    "baseline": "--baseline and --write-baseline are never replayed",
    "gitdiff": "--diff is never replayed",
    "fixes": "fixing is a separate command, never replayed",
    "atomic": "writes files for fixes and baselines, never on a replayed run",
    "harness": "`verify` runs the user's script; it is never replayed",
    "migrate": "a separate command, never replayed",
    "server": "the language server answers editors; it is never replayed",
}
OS_CALLS = {"open", "stat", "lstat", "fstat", "walk", "scandir", "listdir", "realpath", "isdir", "isfile", "islink",
            "exists", "lexists", "getsize", "getmtime", "readlink", "access", "samefile"}
PATH_METHODS = {"exists", "is_file", "is_dir", "is_symlink", "stat", "lstat", "resolve", "read_text", "read_bytes",
                "iterdir", "glob", "rglob", "open", "samefile", "readlink"}


def _disk_calls(path: Path) -> set[str]:
    calls = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        text = ast.unparse(called)
        if isinstance(called, ast.Name) and called.id == "open" or text == "glob.glob":
            calls.add(f"{text} (line {node.lineno})")
        elif isinstance(called, ast.Attribute) and text.startswith(("os.", "os.path.")) and called.attr in OS_CALLS:
            calls.add(f"{text} (line {node.lineno})")
        elif (isinstance(called, ast.Attribute) and called.attr in PATH_METHODS
              and not text.startswith(("journal.", "os.", "glob.", "ast.", "re."))):
            calls.add(f"{text} (line {node.lineno})")
    return calls


def test_a_check_run_looks_at_the_users_files_only_through_the_journal():
    """A replay is only as good as its record of what the run looked at: a look at the disk that
    bypasses `journal` is a change a replay could not see, and would print a stale report."""
    exempt = {path for name in OWN_DISK for path in modules(name)}
    offenders = {f"{path.relative_to(PACKAGE)}: {call}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path not in exempt for call in _disk_calls(path)}
    assert not offenders, sorted(offenders)


def test_the_disk_check_sees_a_look_at_the_disk(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom pathlib import Path\n\ndef f(p):\n"
                     "    return os.path.isfile(p), Path(p).exists(), open(p), journal.is_file(p)\n")
    assert {call.split(" (")[0] for call in _disk_calls(probe)} == {"os.path.isfile", "Path(p).exists", "open"}
