"""Azure DevOps logging commands: `##vso[task.logissue type=…;sourcepath=…]message` per finding.

Azure Pipelines knows only `error` and `warning` issues, so `info` findings are warnings.
Escaping follows azure-pipelines-task-lib (`%AZP25`, `%0D`, `%0A`; also `%3B`, `%5D` in properties). A notebook issue names the
file and, in the message, the cell.
"""

from __future__ import annotations

from typing import TextIO

from sparklint.reporters.where import has_file_lines, repo_path, with_suggestion
from sparklint.result import Run

TYPES = {"error": "error", "warning": "warning", "info": "warning"}


def escape_data(text: str) -> str:
    return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(";", "%3B").replace("]", "%5D")


def command(properties: dict[str, str], message: str) -> str:
    props = "".join(f"{key}={escape_property(value)};" for key, value in properties.items())
    return f"##vso[task.logissue {props}]{escape_data(message)}\n"


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:
        path = repo_path(result.path)
        for problem in result.problems:
            stream.write(command({"type": "error", "sourcepath": path}, f"{path}: {problem}"))
        for f in result.findings:
            props = {"type": TYPES[f.severity], "sourcepath": path}
            if has_file_lines(result.kind):
                props.update(linenumber=str(f.line), columnnumber=str(f.column))
            props["code"] = f.code
            stream.write(command(props, f"{f.code} {with_suggestion(f, result.kind)}"))
