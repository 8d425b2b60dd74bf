"""What the server checks: a script or source notebook as one text, a notebook document as its cells.

An editor sends a notebook as cells, each a text document of its own. The server puts them back
together as the `.ipynb` JSON that `check` reads (each cell's language where VS Code records it),
so the one notebook reader handles magics, cell languages and the predefined `spark`, and each
finding's cell and line in that cell say which text it belongs to. Databricks and Fabric source
notebooks are plain text: the reader finds their cells, and their findings are on the document's lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import Workspace

from sparklint.api import check_source, internal_error
from sparklint.config import ConfigError
from sparklint.fixes import LINE
from sparklint.reporters.where import has_file_lines
from sparklint.result import FileResult
from sparklint.rule import Finding
from sparklint.server.settings import current_settings
from sparklint.sources import Source, SourceError, read_source


@dataclass(frozen=True)
class Part:
    """A text the user edits: a whole document, or one cell of a notebook."""

    uri: str
    text: str
    version: int | None

    @cached_property
    def lines(self) -> list[str]:
        """Its lines with their line breaks, as Python (and LSP) split them."""
        return LINE.findall(self.text)


@dataclass(frozen=True)
class Place:
    """Where a finding is in one part's text: 0-based lines and columns, counted in code points."""

    part: Part
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class Checked:
    """A document as `check` saw it, kept for the code actions and hovers that ask about it."""

    path: str  # what the reader was given; a notebook document's always ends in .ipynb
    data: bytes
    parts: list[Part]
    by_cell: bool  # a notebook document: each finding belongs to its cell's text
    source: Source | None
    result: FileResult

    def place(self, f: Finding) -> Place:
        if self.by_cell and f.cell is not None and f.cell_line is not None:
            line = f.cell_line - 1
            return Place(self.parts[f.cell], line, f.column - 1, line + f.end_line - f.line, f.end_column - 1)
        if has_file_lines(self.result.kind):
            return Place(self.parts[0], f.line - 1, f.column - 1, f.end_line - 1, f.end_column - 1)
        return Place(self.parts[0], 0, 0, 0, 0)  # a notebook's JSON opened as text: the message names the cell

    def texts(self, data: bytes) -> list[str]:
        """The text of each part in new bytes of the document (after a fix)."""
        if self.by_cell:
            return [cell["source"] for cell in json.loads(data)["cells"]]
        return [data.decode("utf-8")]

    def message_kind(self) -> str:
        """The kind of file the messages are written for: a cell's own diagnostics need no cell note."""
        return "python" if self.by_cell else self.result.kind


def check_text(workspace: Workspace, uri: str) -> Checked:
    document = workspace.get_text_document(uri)
    path = Path(document.path or "untitled.py")
    return _check(path, document.source.encode("utf-8"), [Part(uri, document.source, document.version)], False)


def check_notebook(workspace: Workspace, notebook: types.NotebookDocument) -> Checked:
    parts, cells = [], []
    for cell in notebook.cells:
        document = workspace.get_text_document(cell.document)
        parts.append(Part(cell.document, document.source, document.version))
        cells.append({"cell_type": "code" if cell.kind == types.NotebookCellKind.Code else "markdown",
                      "metadata": {"vscode": {"languageId": document.language_id or "python"}},
                      "source": document.source})
    data = json.dumps({"cells": cells, "metadata": _ipynb_metadata(notebook.metadata), "nbformat": 4,
                       "nbformat_minor": 5}, indent=1).encode("utf-8")
    path = Path(to_fs_path(notebook.uri) or "untitled.ipynb").with_suffix(".ipynb")
    return _check(path, data, parts, True)


def _check(path: Path, data: bytes, parts: list[Part], by_cell: bool) -> Checked:
    source = None
    try:
        source = read_source(path, data=data)
        result = check_source(source, current_settings(path))
    except Exception as exc:  # bad input, or a bug: as in `check`, it costs this document only
        problem = str(exc) if isinstance(exc, (SourceError, ConfigError)) else internal_error(exc)
        result = FileResult(str(path), source.kind if source else "python", error=problem)
    return Checked(str(path), data, parts, by_cell, source, result)


def _ipynb_metadata(metadata: Any) -> dict:
    """The notebook's own `.ipynb` metadata (its kernel, the marks Databricks and Fabric leave), where
    VS Code's notebook serializer keeps it: under `metadata`, or `custom.metadata` in older versions."""
    if not isinstance(metadata, dict):
        return {}
    custom = metadata.get("custom")
    for inner in (metadata.get("metadata"), custom.get("metadata") if isinstance(custom, dict) else None):
        if isinstance(inner, dict):
            return inner
    return metadata
