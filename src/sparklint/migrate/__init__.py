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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from sparklint.sources import Source, read_source

if TYPE_CHECKING:
    from sparklint.migrate.program import Translator, Where

# One pass of a migration: the translator, the migrated text, and each migrated module (a notebook's
# cells) with its cell index (None for a script).
Walk = Callable[[dict], "tuple[Translator, str, list[tuple[int | None, cst.Module]]]"]


@dataclass
class Migration:
    code: str  # the migrated script (a notebook's JSON for .ipynb)
    todos: int  # lines left for a person, each marked `# TODO(sparklint)`
    # (cell index or None, line) of the migrated code -> the original's, where a statement came from
    origins: dict[Where, Where] = field(default_factory=dict)


MAX_PASSES = 50


def migrate_code(code: str, api: str = "spark", path: str = "script.py") -> Migration:
    """Migrate one script's text."""
    from sparklint.migrate.program import Translator, finish

    module = cst.parse_module(code)
    findings = _findings_by_line(path, code)
    if api == "pandas-on-spark":
        return _pandas_on_spark(module, Translator(module, findings, api))

    def walk(options: dict) -> tuple[Translator, str, list[tuple[int | None, cst.Module]]]:
        translator = Translator(module, findings, api, **options)
        migrated = module.with_changes(body=finish(translator, translator.block(module.body)))
        return translator, migrated.code, [(None, migrated)]

    return _converged(walk, NOT_MIGRATED + code, path)


def _converged(walk: Walk, unmigrated: str, path: str) -> Migration:
    """Walk the script again until no Spark value reaches code kept as written, so that the migrated
    script runs wherever the original runs.

    A use that needs a pandas frame gets a bridge (`df = df.toPandas()`) before the statement of the
    frame's own function level that holds it, or, when no Spark work has used the frame yet, its read
    stays as written; a split, a label or predictions used there come back to the driver alone
    before it (`learn.to_driver`: training stays on Spark), and a use of any other pyspark.ml value (features,
    a model) first keeps features, labels and splits in pandas (each model then trains on the executors
    across a training bridge, `learn.fit`, and scores pandas rows); a model still used so then stays
    scikit-learn's by its name (constructor, `fit`, predictions) with the data back on Spark, and last the
    scikit-learn translation is turned off, so that estimators are swapped only together with every use of
    them; a statement still reached after its bridge is left as written. Each pass adds
    at least one of those, so this ends; a script that does not settle, or whose migrated code would
    not compile, is returned as it was (`unmigrated`). Before any of that, the parameters of the
    script's own functions that call sites pass Spark frames are taken as Spark frames in the next
    pass, unless some call passes them something else (`refused`, for good), and a helper whose frame
    reaches a line kept as written returns pandas from then on: the helpers (`def load(path)`,
    `def add_features(df)`) and `main()` are followed through. Each parameter is added and refused
    at most once and each helper turned to pandas once, so this ends too.
    """
    ml, ml_data, bridges, frozen = True, True, frozenset[tuple[int, str]](), frozenset[int]()
    spark_params, refused, pandas_returns = frozenset[tuple[str, str]](), frozenset[tuple[str, str]](), frozenset[str]()
    model_params, sklearn_models = frozenset[tuple[str, str, str]](), frozenset[str]()
    for _ in range(MAX_PASSES):
        translator, migrated, modules = walk({"ml": ml, "ml_data": ml_data, "bridges": bridges, "frozen": frozen,
                                              "spark_params": spark_params, "pandas_returns": pandas_returns,
                                              "model_params": model_params, "sklearn_models": sklearn_models})
        models = {wanted for wanted in translator.wanted_models if wanted[:2] not in refused}
        if translator.wanted - refused or models - model_params:  # call sites pass a helper frames or models
            spark_params |= translator.wanted - refused
            model_params |= models
            continue
        if translator.refused or translator.keep_pandas - pandas_returns:  # a helper guessed wrong
            refused |= translator.refused
            spark_params -= refused
            model_params = frozenset(given for given in model_params if given[:2] not in refused)
            pandas_returns |= translator.keep_pandas
            continue
        if not translator.unsafe:
            try:
                for _, module in modules:
                    compile(module.code, path, "exec")
            except SyntaxError:
                break
            from sparklint.migrate.program import origins

            lines = {where: origin for cell, module in modules for where, origin in origins(translator, module, cell).items()}
            return Migration(migrated, translator.todo_count, lines)
        if ml and any(use.ml for use in translator.unsafe):
            if ml_data:
                ml_data = False  # features, labels and splits stay pandas; models train across a bridge
            elif translator.kept_models - sklearn_models:  # still used so: those stay scikit-learn's, the rest
                sklearn_models |= translator.kept_models  # goes back to Spark
                ml_data = True
            else:
                ml = False
            continue
        reads = {use.birth for use in translator.unsafe if use.birth is not None}
        uses = {(use.anchor, use.name) for use in translator.unsafe if use.birth is None}
        more_bridges, more_frozen = bridges | uses, frozen | reads | {anchor for anchor, _ in uses & bridges}
        if (more_bridges, more_frozen) == (bridges, frozen):
            break
        bridges, frozen = more_bridges, more_frozen
    return Migration(unmigrated, 1)


NOT_MIGRATED = ("# TODO(sparklint): not migrated — this migration could not translate the script without changing what "
                "it computes; it is left as written.\n")


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
    from sparklint.migrate.program import Translator

    text = path.read_bytes().decode("utf-8-sig")
    raw_cells = json.loads(text).get("cells", [])
    findings = _findings_by_line(str(path), source.code)
    modules: dict[int, tuple[cst.Module, dict[int, list[str]]]] = {}
    for cell in source.cells:
        cell_text = "".join(raw_cells[cell.index]["source"]) if isinstance(raw_cells[cell.index]["source"], list) \
            else raw_cells[cell.index]["source"]
        if cell.kind != "code" or not cell.line_count or cell.magic or cell_text.lstrip().startswith(("%", "!")):
            continue
        modules[cell.index] = (cst.parse_module(cell_text), {
            line - cell.first_line + 1: notes for line, notes in findings.items()
            if cell.first_line <= line < cell.first_line + cell.line_count})
    if not modules:
        return Migration(text, 0)

    def walk(options: dict) -> tuple[Translator, str, list[tuple[int | None, cst.Module]]]:
        translator = Translator(cst.parse_module(source.code), findings, api, **options)
        migrated: dict[int, list] = {}
        for index, (module, cell_findings) in modules.items():
            translator.module, translator.cell = module, index
            translator.positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
            translator.findings_by_line = cell_findings
            migrated[index] = [module, translator.block(module.body)]
        return translator, *_notebook_json(text, translator, migrated)

    notebook = json.loads(text)  # given up: the first migratable cell says so, as a script's first line does
    first = notebook["cells"][next(iter(modules))]
    first["source"] = ([NOT_MIGRATED, *first["source"]] if isinstance(first["source"], list)
                       else NOT_MIGRATED + first["source"])
    return _converged(walk, json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", str(path))


def _notebook_json(text: str, translator, migrated: dict[int, list]) -> tuple[str, list[tuple[int | None, cst.Module]]]:
    """The notebook with its migrated cells (imports and the session go to the cell that holds the
    imports), and each migrated cell's code."""
    from sparklint.migrate.program import finish

    notebook = json.loads(text)
    raw_cells = notebook["cells"]
    first = next((i for i, (_, body) in migrated.items() if any(_imports(s) for s in body)), next(iter(migrated)))
    everything = [s for _, body in migrated.values() for s in body]
    finished = finish(translator, everything)
    kept = {id(s) for s in finished}
    added = [s for s in finished if id(s) not in {id(x) for x in everything}]
    cells: list[tuple[int | None, cst.Module]] = []
    for index, (module, body) in migrated.items():
        body = [s for s in body if id(s) in kept]
        if index == first:
            last = max((i for i, s in enumerate(body) if _imports(s)), default=-1)
            body = body[: last + 1] + added + body[last + 1:]
        cell_module = module.with_changes(body=body)
        code = cell_module.code
        cells.append((index, cell_module))
        cell = raw_cells[index]
        cell["source"] = code.splitlines(keepends=True) if isinstance(cell["source"], list) else code
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", cells


def _imports(statement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)
