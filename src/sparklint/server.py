"""`sparklint server`: a language server (LSP over stdio) for editors.

On open and on save it checks the document's text, with the settings of the configuration file
nearest to it, and publishes one diagnostic per finding: the message, and the PySpark
equivalent on the next line. Closing the document clears them. It checks on save rather than on
every keystroke because a half-typed line rarely parses. Needs the `lsp` extra (pygls), which
this module imports at the top: the CLI imports it only for `sparklint server`.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from sparklint import __version__
from sparklint.api import check_source, settings_for
from sparklint.reporters.where import has_file_lines, with_suggestion
from sparklint.result import FileResult
from sparklint.sources import SourceError, read_source

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

server = LanguageServer("sparklint", __version__)


def diagnostics(result: FileResult) -> list[types.Diagnostic]:
    found = []
    for f in result.findings:
        if has_file_lines(result.kind):
            where = types.Range(types.Position(f.line - 1, f.column - 1), types.Position(f.end_line - 1, f.end_column - 1))
        else:  # a notebook's JSON: the message names the cell
            where = types.Range(types.Position(0, 0), types.Position(0, 0))
        found.append(types.Diagnostic(
            range=where, message=with_suggestion(f, result.kind), severity=SEVERITIES[f.severity], code=f.code,
            source="sparklint", data={"suggestion": f.suggestion},
        ))
    return found


def check_document(ls: LanguageServer, uri: str, text: str | None = None) -> None:
    document = ls.workspace.get_text_document(uri)
    text = document.source if text is None else text
    path = Path(document.path or "untitled.py")
    try:
        result = check_source(read_source(path, data=text.encode("utf-8")), settings_for(path))
    except SourceError as exc:
        result = FileResult(str(path), "python", error=str(exc))
    if result.error:
        ls.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"sparklint: {path}: {result.error}"))
    found = diagnostics(result)
    if has_file_lines(result.kind):
        lines = text.splitlines(keepends=True)
        for diagnostic in found:  # sparklint counts code points; LSP clients usually count UTF-16 units
            diagnostic.range = document.position_codec.range_to_client_units(lines, diagnostic.range)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    check_document(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    check_document(ls, params.text_document.uri, params.text)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def serve() -> None:
    server.start_io()
