"""`sparklint server` as an editor runs it: one subprocess speaking LSP (JSON-RPC) over stdio for the
whole module, driven with scripts, a notebook document and a Databricks source notebook."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sparklint.api import check_file
from sparklint.catalog import load_rules
from sparklint.docs import rule_markdown
from sparklint.fixes import fix_file

TIMEOUT = 60
SCRIPT = 'import pandas as pd\n\norders = pd.read_csv("orders.csv")\n'
# Written by the server's own Python when it exits: the modules a server that checked, fixed and
# hovered has loaded.
RECORD_MODULES = (
    "import atexit, json, os, sys\n"
    "atexit.register(lambda: open(os.environ['SPARKLINT_TEST_MODULES'], 'w').write(json.dumps(sorted(sys.modules))))\n"
)


class Client:
    """The smallest LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, cwd: Path, env: dict | None = None) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "sparklint", "server"], cwd=cwd, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict | None) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted) -> dict:
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if wanted(message):
                return message

    def published(self, *uris: str) -> dict[str, dict]:
        """The next diagnostics published for each of these documents (or cells)."""
        found: dict[str, dict] = {}
        while found.keys() != set(uris):
            message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] in uris)
            found[message["params"]["uri"]] = message["params"]
        return found

    def diagnostics(self, uri: str) -> list[dict]:
        return self.published(uri)[uri]["diagnostics"]

    def actions(self, uri: str, line: int) -> list[dict]:
        where = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}
        return self.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where,
                                                        "context": {"diagnostics": []}})["result"]

    def open(self, path: Path, text: str) -> list[dict]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "python",
                                                              "version": 1, "text": text}})
        return self.diagnostics(path.as_uri())


def applied(text: str, edits: list[dict]) -> str:
    """A text with LSP edits applied (positions in UTF-16 units, as the server was told)."""
    lines = text.splitlines(keepends=True)

    def offset(position: dict) -> int:
        before = sum(len(line) for line in lines[:position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        return before + len(line.encode("utf-16-le")[:2 * position["character"]].decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                       reverse=True):
        text = text[:offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]):]
    return text


def titled(actions: list[dict], start: str) -> dict:
    (action,) = [a for a in actions if a["title"].startswith(start)]
    return action


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("project")


@pytest.fixture(scope="module")
def client(folder: Path, tmp_path_factory):
    hooks = tmp_path_factory.mktemp("hooks")
    (hooks / "sitecustomize.py").write_text(RECORD_MODULES)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
           "SPARKLINT_TEST_MODULES": str(hooks / "modules.json")}
    started = Client(folder, env)
    started.modules = hooks / "modules.json"
    started.init = started.request("initialize", {"processId": None, "rootUri": folder.as_uri(),
                                                  "capabilities": {"notebookDocument": {"synchronization": {}}}})
    started.notify("initialized", {})
    yield started
    if started.process.poll() is None:
        started.process.kill()
    started.process.wait(timeout=TIMEOUT)
    for stream in (started.process.stdin, started.process.stdout, started.process.stderr):
        stream.close()


def test_it_offers_document_and_notebook_sync_code_actions_and_hover(client):
    assert client.init["result"]["serverInfo"]["name"] == "sparklint"
    capabilities = client.init["result"]["capabilities"]
    assert capabilities["textDocumentSync"] == {"openClose": True, "change": 2, "save": True}  # 2: incremental
    assert capabilities["notebookDocumentSync"] == {
        "notebookSelector": [{"notebook": "*", "cells": [{"language": "python"}]}], "save": True}
    assert capabilities["codeActionProvider"] == {"codeActionKinds": ["quickfix"]}
    assert capabilities["hoverProvider"] is True


def test_a_script_is_checked_on_open_after_a_burst_of_changes_and_on_save(client, folder: Path):
    script = folder / "train.py"
    script.write_text(SCRIPT)
    uri = script.as_uri()
    (found,) = client.open(script, SCRIPT)
    assert found["code"] == "SPL101" and found["source"] == "sparklint" and found["severity"] == 2
    assert found["range"] == {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 34}}
    assert "\nPySpark: spark.read.csv(" in found["message"]

    texts = [SCRIPT + "x = 1\n", 'import pandas as pd\n\n# moved to Spark\n',
             SCRIPT + 's = "😋"; df = pd.read_parquet("x.parquet")\n']
    for version, text in enumerate(texts, start=2):  # typed faster than the pause that ends a burst
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text}]})
    burst = client.published(uri)[uri]
    assert burst["version"] == 4  # only the last text of the burst was checked
    assert [d["code"] for d in burst["diagnostics"]] == ["SPL101", "SPL102"]
    assert burst["diagnostics"][1]["range"]["start"] == {"line": 3, "character": 15}  # UTF-16 units: 14 code points

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                             "contentChanges": [{"text": texts[1]}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


def test_the_quick_fix_writes_what_sparklint_fix_writes(client, folder: Path):
    script = folder / "quick_fix.py"
    script.write_text(SCRIPT)
    client.open(script, SCRIPT)
    actions = client.actions(script.as_uri(), 2)
    fix = titled(actions, "Fix SPL101")
    assert fix["title"].endswith("(unsafe fix: changes behaviour)") and fix["isPreferred"] is False
    assert fix["kind"] == "quickfix" and fix["diagnostics"][0]["code"] == "SPL101"
    edited = applied(SCRIPT, fix["edit"]["changes"][script.as_uri()])
    fix_file(script, unsafe=True)  # what `sparklint fix --unsafe-fixes` does to the file
    assert edited == script.read_text()
    assert "spark.read.csv(" in edited


@pytest.mark.parametrize("line, suppressed", [
    pytest.param('orders = pd.read_csv("orders.csv")\n', 'orders = pd.read_csv("orders.csv")  # noqa: SPL101\n',
                 id="plain"),
    pytest.param('orders = pd.read_csv("a#noqa: X.csv")  # noqa: E501 -- URL\n',
                 'orders = pd.read_csv("a#noqa: X.csv")  # noqa: E501, SPL101 -- URL\n', id="merged"),
    pytest.param('orders = pd.read_csv("a # noqa: X.csv")  # data\n',
                 'orders = pd.read_csv("a # noqa: X.csv")  # data  # noqa: SPL101\n', id="commented"),
])
def test_suppressing_writes_a_noqa_check_accepts(client, folder: Path, request, line: str, suppressed: str):
    script = folder / f"noqa_{request.node.callspec.id}.py"
    text = "import pandas as pd\n" + line
    assert [d["code"] for d in client.open(script, text)] == ["SPL101"]
    noqa = titled(client.actions(script.as_uri(), 1), "Suppress SPL101")
    edited = applied(text, noqa["edit"]["changes"][script.as_uri()])
    assert edited == "import pandas as pd\n" + suppressed
    script.write_text(edited)
    assert check_file(script).findings == []


def test_hovering_over_a_finding_shows_the_rule(client, folder: Path):
    script = folder / "hover.py"
    client.open(script, SCRIPT)
    at = {"textDocument": {"uri": script.as_uri()}, "position": {"line": 2, "character": 12}}
    shown = client.request("textDocument/hover", at)["result"]["contents"]
    assert shown["kind"] == "markdown"
    assert shown["value"].startswith("**SPL101** `pd.read_csv` reads the whole CSV file")
    assert rule_markdown(next(r for r in load_rules() if r.code == "SPL101")) in shown["value"]
    assert client.request("textDocument/hover", {**at, "position": {"line": 0, "character": 3}})["result"] is None


CELLS = [
    (2, "%pip install pandas\nimport pandas as pd\n"),
    (1, "# Orders\nRead and score them."),
    (2, "  x = 1\n  orders = pd.read_csv('orders.csv')"),
    (2, "%%sql\nSELECT * FROM pd"),
]


def notebook_cells(uri: str) -> list[dict]:
    return [{"kind": kind, "document": f"{uri}#cell{i}"} for i, (kind, _) in enumerate(CELLS)]


def test_a_notebook_document_gets_diagnostics_and_fixes_in_its_cells(client, folder: Path):
    notebook = folder / "score.ipynb"
    uri = notebook.as_uri()
    cells = [f"{uri}#cell{i}" for i in range(len(CELLS))]
    client.notify("notebookDocument/didOpen", {
        "notebookDocument": {"uri": uri, "notebookType": "jupyter-notebook", "version": 1,
                             "cells": notebook_cells(uri)},
        "cellTextDocuments": [{"uri": cell, "languageId": "markdown" if kind == 1 else "python", "version": 1,
                               "text": text} for cell, (kind, text) in zip(cells, CELLS, strict=True)],
    })
    shown = client.published(*cells)
    assert [shown[cell]["diagnostics"] for cell in (cells[0], cells[1], cells[3])] == [[], [], []]
    (found,) = shown[cells[2]]["diagnostics"]
    assert found["code"] == "SPL101" and "cell" not in found["message"].splitlines()[0]
    assert found["range"] == {"start": {"line": 1, "character": 11}, "end": {"line": 1, "character": 36}}

    edited_cell = "  x = 1\n  y = 2\n  orders = pd.read_csv('orders.csv')"  # a line typed above it in cell 3
    client.notify("notebookDocument/didChange", {
        "notebookDocument": {"uri": uri, "version": 2},
        "change": {"cells": {"textContent": [{
            "document": {"uri": cells[2], "version": 2},
            "changes": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                         "text": "  y = 2\n"}],
        }]}},
    })
    shown = client.published(*cells)
    assert shown[cells[2]]["version"] == 2
    assert shown[cells[2]]["diagnostics"][0]["range"]["start"] == {"line": 2, "character": 11}

    fix = titled(client.actions(cells[2], 2), "Fix SPL101")
    changes = fix["edit"]["changes"]
    texts = [text for _, text in CELLS]
    texts[2] = edited_cell
    fixed_texts = [applied(text, changes.get(cell, [])) for cell, text in zip(cells, texts, strict=True)]
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown" if kind == 1 else "code", "metadata": {}, "source": text}
        for (kind, _), text in zip(CELLS, texts, strict=True)], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    fix_file(notebook, unsafe=True)  # `sparklint fix --unsafe-fixes score.ipynb`
    assert fixed_texts == [cell["source"] for cell in json.loads(notebook.read_text())["cells"]]
    assert sorted(changes) == [cells[0], cells[2]]  # the session's import joins the imports in the first cell

    noqa = titled(client.actions(cells[2], 2), "Suppress SPL101")
    assert noqa["edit"]["changes"] == {cells[2]: [{
        "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 36}},
        "newText": "  orders = pd.read_csv('orders.csv')  # noqa: SPL101"}]}

    client.notify("notebookDocument/didChange", {  # the cell with the finding is deleted
        "notebookDocument": {"uri": uri, "version": 3},
        "change": {"cells": {"structure": {"array": {"start": 2, "deleteCount": 1}, "didClose": [{"uri": cells[2]}]}}},
    })
    assert client.diagnostics(cells[2]) == []
    left = [cells[0], cells[1], cells[3]]
    client.notify("notebookDocument/didClose", {"notebookDocument": {"uri": uri},
                                                "cellTextDocuments": [{"uri": cell} for cell in left]})
    assert all(shown["diagnostics"] == [] for shown in client.published(*left).values())


def test_a_databricks_notebook_document_keeps_its_spark_and_names_a_cell_that_does_not_parse(client, folder: Path):
    uri = (folder / "exported.ipynb").as_uri()
    cells = [f"{uri}#cell{i}" for i in range(3)]
    texts = ["import pandas as pd", "orders = pd.read_csv('orders.csv')", "def broken(:\n"]
    client.notify("notebookDocument/didOpen", {
        "notebookDocument": {"uri": uri, "notebookType": "jupyter-notebook", "version": 1,
                             "cells": [{"kind": 2, "document": cell} for cell in cells],
                             "metadata": {"metadata": {"application/vnd.databricks.v1+notebook": {"language": "python"}}}},
        "cellTextDocuments": [{"uri": cell, "languageId": "python", "version": 1, "text": text}
                              for cell, text in zip(cells, texts, strict=True)],
    })
    logged = client.wait(lambda m: m.get("method") == "window/logMessage")["params"]["message"]
    assert logged == f"sparklint: {folder / 'exported.ipynb'}: syntax error at cell 3, line 1, column 12: invalid syntax"
    shown = client.published(*cells)
    assert [d["code"] for d in shown[cells[1]]["diagnostics"]] == ["SPL101"]
    fix = titled(client.actions(cells[1], 0), "Fix SPL101")
    assert fix["edit"]["changes"] == {cells[1]: [{  # Databricks defines `spark`: no session is added
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 34}},
        "newText": "orders = spark.read.csv('orders.csv', header=True, inferSchema=True)"}]}


DATABRICKS = (
    "# Databricks notebook source\n"
    "import pandas as pd\n"
    "\n"
    "# COMMAND ----------\n"
    "\n"
    "# MAGIC %sql\n"
    "# MAGIC SELECT * FROM pd.read_csv\n"
    "\n"
    "# COMMAND ----------\n"
    "\n"
    "# MAGIC %python\n"
    "# MAGIC orders = pd.read_csv('orders.csv')\n"
)


def test_a_databricks_source_notebook_is_checked_and_fixed_in_its_own_lines(client, folder: Path):
    notebook = folder / "churn.py"
    notebook.write_text(DATABRICKS)
    (found,) = client.open(notebook, DATABRICKS)
    assert found["code"] == "SPL101"
    assert found["range"] == {"start": {"line": 11, "character": 17}, "end": {"line": 11, "character": 42}}
    fix = titled(client.actions(notebook.as_uri(), 11), "Fix SPL101")
    edited = applied(DATABRICKS, fix["edit"]["changes"][notebook.as_uri()])
    fix_file(notebook, unsafe=True)
    assert edited == notebook.read_text()
    assert edited.endswith("# MAGIC orders = spark.read.csv('orders.csv', header=True, inferSchema=True)\n")
    assert "SparkSession" not in edited  # Databricks defines `spark`


def test_configuration_follows_the_folder_and_is_read_again_when_it_changes(client, folder: Path):
    project = folder / "configured"
    project.mkdir()
    script = project / "train.py"
    assert [d["code"] for d in client.open(script, SCRIPT)] == ["SPL101"]
    uri = script.as_uri()
    (project / "pyproject.toml").write_text('[tool.sparklint]\nignore = ["SPL101"]\n')
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    (project / "pyproject.toml").write_text('[tool.sparklint]\nignore = ["SPL9"]\n')
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["SPL101"]
    (project / "pyproject.toml").write_text('[tool.sparklint\n')
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    logged = client.wait(lambda m: m.get("method") == "window/logMessage")["params"]
    assert logged["type"] == 2 and logged["message"].startswith(f"sparklint: {script}: {project / 'pyproject.toml'}: invalid TOML")
    assert client.diagnostics(uri) == []


def test_shutting_down_exits_and_the_server_never_imported_pyspark(client, folder: Path):
    script = folder / "last.py"
    client.open(script, SCRIPT)
    assert client.actions(script.as_uri(), 2)  # checked, fixed and suppressed, all in this process
    assert "result" in client.request("shutdown", None)
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0
    modules = json.loads(client.modules.read_text())
    assert "sparklint.fixes" in modules and "pyspark" not in modules


def test_server_without_pygls_says_what_to_install(tmp_path: Path):
    blocker = tmp_path / "sitecustomize.py"  # make `import pygls` fail in the child only
    blocker.write_text(
        "import sys\n"
        "class Missing:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Missing())\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "sparklint", "server"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert done.returncode == 2
    assert done.stderr.strip() == "sparklint: error: `sparklint server` needs pygls: pip install 'sparklint[lsp]'"
