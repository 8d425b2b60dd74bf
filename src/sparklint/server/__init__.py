"""`sparklint server`: a language server (LSP over stdio) for scripts and notebooks.

It checks a document when it is opened or saved, and while it is edited once a burst of changes
has paused (DEBOUNCE_SECONDS), with the settings of the configuration nearest to it: one
diagnostic per finding, in the script or the notebook cell where it is. Code actions fix or
suppress a finding; hovering over one shows its rule. The catalog and the engine stay loaded
from one check to the next, and nothing here imports pyspark. Needs the `lsp` extra (pygls),
imported at the top: the CLI imports this package only for `sparklint server`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from sparklint import __version__
from sparklint.server.actions import code_actions
from sparklint.server.diagnostics import diagnostics, hover
from sparklint.server.documents import Checked, check_notebook, check_text

DEBOUNCE_SECONDS = 0.3

server = LanguageServer("sparklint", __version__, notebook_document_sync=types.NotebookDocumentSyncOptions(
    notebook_selector=[types.NotebookDocumentFilterWithCells(cells=[types.NotebookCellLanguage("python")],
                                                             notebook="*")],
    save=True,
))

checked: dict[str, Checked] = {}  # by the URI of the text or notebook document
pending: dict[str, asyncio.TimerHandle] = {}  # checks waiting for a burst of changes to end


def check(ls: LanguageServer, uri: str) -> Checked:
    """Check a text or notebook document now and publish the diagnostics of each of its parts."""
    _cancel(uri)
    notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
    now = check_notebook(ls.workspace, notebook) if notebook else check_text(ls.workspace, uri)
    for problem in now.result.problems:
        ls.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"sparklint: {now.path}: {problem}"))
    versions = {part.uri: part.version for part in now.parts}
    found = diagnostics(now, ls.workspace.position_codec)
    before = checked.get(uri)
    for gone in {part.uri for part in before.parts} - found.keys() if before else ():  # a deleted cell
        found[gone] = []
    for part_uri, shown in found.items():
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=part_uri, diagnostics=shown, version=versions.get(part_uri)))
    checked[uri] = now
    return now


def check_later(ls: LanguageServer, uri: str) -> None:
    _cancel(uri)
    pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, check, ls, uri)


def forget(ls: LanguageServer, uri: str) -> None:
    """A closed document: no check left to run, and none of its diagnostics left in the editor."""
    _cancel(uri)
    before = checked.pop(uri, None)
    for part_uri in [part.uri for part in before.parts] if before else [uri]:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=part_uri, diagnostics=[]))


def _cancel(uri: str) -> None:
    if uri in pending:
        pending.pop(uri).cancel()


def current(ls: LanguageServer, uri: str) -> Checked | None:
    """The latest check of the document a text or cell URI belongs to, run now if changes are waiting."""
    notebook = ls.workspace.get_notebook_document(cell_uri=uri)
    key = notebook.uri if notebook else uri
    return check(ls, key) if key in pending else checked.get(key)


# What each notification about a document does: check it now, after the burst, or forget it.
SYNC: dict[str, Callable[[LanguageServer, str], object]] = {
    types.TEXT_DOCUMENT_DID_OPEN: check, types.TEXT_DOCUMENT_DID_CHANGE: check_later,
    types.TEXT_DOCUMENT_DID_SAVE: check, types.TEXT_DOCUMENT_DID_CLOSE: forget,
    types.NOTEBOOK_DOCUMENT_DID_OPEN: check, types.NOTEBOOK_DOCUMENT_DID_CHANGE: check_later,
    types.NOTEBOOK_DOCUMENT_DID_SAVE: check, types.NOTEBOOK_DOCUMENT_DID_CLOSE: forget,
}


def _sync(then: Callable[[LanguageServer, str], object]) -> Callable[[LanguageServer, Any], None]:
    def handle(ls: LanguageServer, params: Any) -> None:
        document = params.notebook_document if hasattr(params, "notebook_document") else params.text_document
        then(ls, document.uri)

    return handle


for method, then in SYNC.items():
    server.feature(method)(_sync(then))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    found = None if only and types.CodeActionKind.QuickFix not in only else current(ls, params.text_document.uri)
    return code_actions(found, params.text_document.uri, params.range, ls.workspace.position_codec) if found else []


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
    found = current(ls, params.text_document.uri)
    return hover(found, params.text_document.uri, params.position, ls.workspace.position_codec) if found else None


def serve() -> None:
    server.start_io()
