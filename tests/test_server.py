"""`sparklint server` as an editor runs it: a subprocess speaking LSP (JSON-RPC) over stdio."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path


TIMEOUT = 60
SCRIPT = 'import pandas as pd\n\norders = pd.read_csv("orders.csv")\n'


class Client:
    """The smallest LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "sparklint", "server"], cwd=cwd,
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

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted) -> dict:
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if wanted(message):
                return message

    def diagnostics(self, uri: str) -> list[dict]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return message["params"]["diagnostics"]


def test_language_server_publishes_diagnostics_on_open_and_save(tmp_path: Path):
    script = tmp_path / "train.py"
    script.write_text(SCRIPT)
    uri = script.as_uri()
    client = Client(tmp_path)
    try:
        init = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        assert init["result"]["serverInfo"]["name"] == "sparklint"
        sync = init["result"]["capabilities"]["textDocumentSync"]
        assert sync["openClose"] is True and sync["save"] == {"includeText": True}
        client.notify("initialized", {})

        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                                "text": SCRIPT}})
        (found,) = client.diagnostics(uri)
        assert found["code"] == "SPL101" and found["source"] == "sparklint" and found["severity"] == 2
        assert found["range"] == {"start": {"line": 2, "character": 9}, "end": {"line": 2, "character": 34}}
        assert "\nPySpark: spark.read.csv(" in found["message"]

        fixed = 'import pandas as pd\n\n# moved to Spark\nfrom pyspark.sql import SparkSession\n'
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                 "contentChanges": [{"text": fixed}]})
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": fixed})
        assert client.diagnostics(uri) == []

        broken_again = fixed + 'émoji = "ü"; df = pd.read_parquet("x.parquet")\n'
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": broken_again})
        (found,) = client.diagnostics(uri)
        assert found["code"] == "SPL102"
        assert found["range"]["start"] == {"line": 4, "character": 18}  # UTF-16 units, as LSP counts by default

        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri) == []

        assert "result" in client.request("shutdown", None)
        client.notify("exit", None)
        assert client.process.wait(timeout=TIMEOUT) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()
        client.process.wait(timeout=TIMEOUT)
        for stream in (client.process.stdin, client.process.stdout, client.process.stderr):
            stream.close()


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
