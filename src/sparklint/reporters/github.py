"""GitHub Actions workflow commands: `::warning file=…,line=…::message` annotations on the pull request.

Escaping follows the Actions runner (`%`, CR, LF in the message; also `:` and `,` in property
values). Severity `info` becomes a `notice`. A notebook annotation names the file and, in
the message, the cell.
"""

from __future__ import annotations

from typing import TextIO

from sparklint.reporters.where import has_file_lines, repo_path, with_suggestion
from sparklint.result import Run

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:
        path = repo_path(result.path)
        for problem in result.problems:
            stream.write(f"::error file={escape_property(path)},title=sparklint::{escape_data(problem)}\n")
        for f in result.findings:
            props = {"file": path}
            if has_file_lines(result.kind):
                props.update(line=str(f.line), col=str(f.column), endLine=str(f.end_line), endColumn=str(f.end_column))
            props["title"] = f"{f.code} {f.name}"
            text = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
            stream.write(f"::{COMMANDS[f.severity]} {text}::{escape_data(with_suggestion(f, result.kind))}\n")
