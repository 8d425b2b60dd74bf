"""Output formats. Each reporter turns a finished Run into text; none of them computes findings.

A run imports only the reporter it prints with: the text report needs rich, which costs more
than a whole cached run of the machine formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

MODULES = {  # output format -> module in this package
    "text": "text",
    "json": "json_report",
    "concise": "concise",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "azure": "azure",
    "gitlab": "gitlab",
    "junit": "junit",
}


class _Reporters(Mapping[str, Callable[..., None]]):
    """Output format -> its `report(run, stream, *, color, quiet)`, imported on first use."""

    def __getitem__(self, name: str) -> Callable[..., None]:
        return importlib.import_module(f"{__name__}.{MODULES[name]}").report

    def __iter__(self) -> Iterator[str]:
        return iter(MODULES)

    def __len__(self) -> int:
        return len(MODULES)


REPORTERS: Mapping[str, Callable[..., None]] = _Reporters()
