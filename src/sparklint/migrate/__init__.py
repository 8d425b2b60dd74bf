"""`sparklint migrate`: rewrite a pandas + scikit-learn training script into PySpark, or mark what it cannot.

The common shape — read tabular data, clean and engineer features, split, fit, evaluate, save — maps
onto the Spark DataFrame API and pyspark.ml (`program.py` walks it, `frames.py`/`columns.py`
translate pandas, `learn.py` scikit-learn). `api="pandas-on-spark"` instead keeps the pandas code
and runs it on Spark through `pyspark.pandas` (the faithful choice for pandas-heavy code: same API,
same index semantics), leaving the scikit-learn part marked. Notebooks are migrated cell by cell with
one set of names across cells. `verify.py` proves a migration by running both versions on Spark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from sparklint.sources import Source, read_source


@dataclass
class Migration:
    code: str  # the migrated script (a notebook's JSON for .ipynb)
    todos: int  # lines left for a person, each marked `# TODO(sparklint)`


def migrate_code(code: str, api: str = "spark", path: str = "script.py") -> Migration:
    """Migrate one script's text."""
    from sparklint.migrate.program import Translator, finish

    module = cst.parse_module(code)
    translator = Translator(module, _findings_by_line(path, code), api)
    if api == "pandas-on-spark":
        return _pandas_on_spark(module, translator)
    body = finish(translator, translator.block(module.body))
    return Migration(module.with_changes(body=body).code, translator.todo_count)


def migrate_file(path: str | Path, api: str = "spark") -> Migration:
    """Migrate a script or a Jupyter notebook (cell by cell); the input file is not touched."""
    path = Path(path)
    source = read_source(path)
    if source.kind == "jupyter":
        return _migrate_notebook(path, source, api)
    return migrate_code(source.code, api, str(path))


def _findings_by_line(path: str, code: str) -> dict[int, list[str]]:
    """`CODE name — suggestion` of each sparklint finding, by line: what a TODO names. PySpark's own
    driver pulls (SPL6xx) are not migration work: the migrated code's small, deliberate `collect()`s
    (category values for one-hot columns) would otherwise mark themselves on a second run."""
    from sparklint.api import check_source

    by_line: dict[int, list[str]] = {}
    for finding in check_source(Source(path, "python", code)).findings:
        if finding.code.startswith("SPL6"):
            continue
        by_line.setdefault(finding.line, []).append(f"{finding.code} {finding.name} — {finding.suggestion}")
    return by_line


def _pandas_on_spark(module: cst.Module, translator) -> Migration:
    """Swap `pandas` for `pyspark.pandas` under the same alias; scikit-learn lines get TODOs."""

    class Swap(cst.CSTTransformer):
        def leave_Import(self, original: cst.Import, updated: cst.Import) -> cst.Import:
            names = [alias.with_changes(name=cst.parse_expression("pyspark.pandas"),
                                        asname=alias.asname or cst.AsName(name=cst.Name("pd")))
                     if isinstance(alias.name, cst.Name) and alias.name.value == "pandas" else alias
                     for alias in updated.names]
            return updated.with_changes(names=names)

    swapped = module.visit(Swap())
    lines = swapped.code.splitlines(keepends=True)
    todos = 0
    for line in sorted(translator.findings_by_line, reverse=True):
        notes = [n for n in translator.findings_by_line[line] if n.startswith("SPL4")]
        if notes and line <= len(lines):
            indent = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]
            lines[line - 1:line - 1] = [f"{indent}# TODO(sparklint): {note}\n" for note in notes]
            todos += len(notes)
    return Migration("".join(lines), todos)


def _migrate_notebook(path: Path, source: Source, api: str) -> Migration:
    """Each code cell is migrated in order with the names of the cells before it; imports and the
    session go to the cell that holds the imports. Cells with magics or another language stay."""
    from sparklint.migrate.program import Translator, finish

    notebook = json.loads(path.read_bytes().decode("utf-8-sig"))
    raw_cells = notebook.get("cells", [])
    translator = Translator(cst.parse_module(source.code), _findings_by_line(str(path), source.code), api)
    migrated: dict[int, list] = {}
    findings = _findings_by_line(str(path), source.code)
    for cell in source.cells:
        text = "".join(raw_cells[cell.index]["source"]) if isinstance(raw_cells[cell.index]["source"], list) \
            else raw_cells[cell.index]["source"]
        if cell.kind != "code" or not cell.line_count or cell.magic or text.lstrip().startswith(("%", "!")):
            continue
        module = cst.parse_module(text)
        translator.module = module
        translator.positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        translator.findings_by_line = {line - cell.first_line + 1: notes for line, notes in findings.items()
                                       if cell.first_line <= line < cell.first_line + cell.line_count}
        migrated[cell.index] = [module, translator.block(module.body)]
    if not migrated:
        return Migration(path.read_text(encoding="utf-8-sig"), 0)
    first = next((i for i, (_, body) in migrated.items() if any(_imports(s) for s in body)), next(iter(migrated)))
    everything = [s for _, body in migrated.values() for s in body]
    finished = finish(translator, everything)
    kept = {id(s) for s in finished}
    added = [s for s in finished if id(s) not in {id(x) for x in everything}]
    for index, (module, body) in migrated.items():
        body = [s for s in body if id(s) in kept]
        if index == first:
            last = max((i for i, s in enumerate(body) if _imports(s)), default=-1)
            body = body[: last + 1] + added + body[last + 1:]
        code = module.with_changes(body=body).code
        cell = raw_cells[index]
        cell["source"] = code.splitlines(keepends=True) if isinstance(cell["source"], list) else code
    return Migration(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", translator.todo_count)


def _imports(statement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)
