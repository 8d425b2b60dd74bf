"""JSON Lines: one finding per line, each the object `schemas/report.schema.json` calls a finding.

Streams well into log pipelines and `jq -c`; a file that could not be checked is a line with
`path`, `kind` and `error` instead.
"""

from __future__ import annotations

import json
from typing import TextIO

from sparklint.result import Run


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:
        if result.error:
            stream.write(json.dumps(result.as_dict()) + "\n")
        for finding in result.findings:
            stream.write(json.dumps(finding.as_dict()) + "\n")
