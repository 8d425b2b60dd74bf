"""JUnit XML: one test case per checked file, for CI test tabs (Azure Pipelines, GitLab, Jenkins).

A file with findings is a failing test case whose `<failure>` lists them; a file that could not
be checked is an `<error>`; a clean file passes.
"""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from sparklint.reporters.where import location
from sparklint.result import Run


def document(run: Run) -> ET.Element:
    failures = sum(1 for r in run.files if r.findings and not r.problems)
    errors = len(run.incomplete)
    skipped = sum(1 for r in run.files if r.skipped)
    counts = {"tests": str(len(run.files)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "sparklint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "sparklint", "skipped": str(skipped), **counts})
    for result in run.files:
        case = ET.SubElement(suite, "testcase", name=result.path, classname="sparklint")
        if result.problems:
            text = "\n".join(result.problems)
            ET.SubElement(case, "error", message=result.problems[0], type="not checked").text = text
        elif result.skipped:
            ET.SubElement(case, "skipped", message=result.skipped)
        elif result.findings:
            count = len(result.findings)
            failure = ET.SubElement(case, "failure", message=f"{count} finding{'s' if count != 1 else ''}",
                                    type="sparklint")
            failure.text = "\n".join(
                f"{location(f, result.kind)}: {f.code} {f.message}\n  PySpark: {f.suggestion}" for f in result.findings
            )
    return suites


def report(run: Run, stream: TextIO, *, color: bool, quiet: bool = False) -> None:
    root = document(run)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
