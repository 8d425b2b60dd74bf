"""JSON Lines: one finding per line, each the object `schemas/report.schema.json` calls a finding.

Streams well into log pipelines and `jq -c`; a file that could not be checked (wholly or in some
cells), or that was skipped, is also a line: the file object of the JSON report.
"""

from __future__ import annotations

import json
from typing import TextIO

from sparklint.result import Run


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    for result in run.files:
        if result.problems or result.skipped:
            stream.write(json.dumps(result.as_dict()) + "\n")
        for finding in result.findings:
            stream.write(json.dumps(finding.as_dict()) + "\n")
