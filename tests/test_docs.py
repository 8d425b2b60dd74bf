"""The README is the front door, the manual is `docs/`: what is generated stays in sync, links lead somewhere.

Regenerate with `python scripts/docs.py`.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from support import REPO

GENERATOR = runpy.run_path(str(REPO / "scripts" / "docs.py"), run_name="docs")
README = REPO / "README.md"
PAGES = [README, REPO / "CONTRIBUTING.md", REPO / "benchmarks" / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def test_generated_docs_match_the_catalog():
    differ = [path for path, text in GENERATOR["expected"]().items()
              if not path.exists() or path.read_text(encoding="utf-8") != text]
    stale = GENERATOR["stale"]()
    names = [str(path.relative_to(REPO)) for path in differ + stale]
    assert not names, f"out of date with the catalog: {names}; run `python scripts/docs.py`"


def test_a_rule_page_is_what_sparklint_rule_prints(cli):
    page = (REPO / "docs" / "rules" / "SPL101.md").read_text(encoding="utf-8")
    assert cli("rule", "SPL101").stdout.strip() == page.strip()


def test_the_rules_index_is_what_sparklint_rules_prints(cli):
    index = (REPO / "docs" / "rules" / "README.md").read_text(encoding="utf-8")
    table = index.split(GENERATOR["begin"]("rules"))[1].split(GENERATOR["end"]("rules"))[0].strip()
    unlinked = re.sub(r"\[(SPL\d+)\]\(SPL\d+\.md\)", r"\1", table)
    assert unlinked == cli("rules", "--format", "markdown").stdout.strip()


def test_every_relative_link_leads_to_a_file_and_heading():
    broken = []
    for page in PAGES:
        for target in LINK.findall(CODE_SPAN.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))):
            if re.match(r"[a-z][a-z+.-]*:", target):  # https:, mailto:
                continue
            path, _, anchor = target.partition("#")
            resolved = (page.parent / path).resolve() if path else page
            if not resolved.exists():
                broken.append(f"{page.relative_to(REPO)}: {target} (no such file)")
            elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
                broken.append(f"{page.relative_to(REPO)}: {target} (no such heading)")
    assert not broken, broken


def test_the_readme_is_a_front_door():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 300, "move the detail to docs/"


def test_the_readme_quick_start_commands_stay_word_for_word():
    lines = README.read_text(encoding="utf-8").splitlines()
    after = {marker: lines[lines.index(marker) + 2] for marker in ("<!-- quick-start:check -->",
                                                                    "<!-- quick-start:test -->")}
    assert after == {"<!-- quick-start:check -->": "python -m pip install . && sparklint check fixtures/",
                     "<!-- quick-start:test -->": "python -m pip install -e '.[dev]' && python -m pytest"}


def test_the_readme_sample_output_is_what_sparklint_prints(cli):
    sample = README.read_text(encoding="utf-8").split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    command = sample[0].removeprefix("$ ").split()
    assert command[0] == "sparklint"
    printed = iter(cli(*command[1:], cwd=REPO).stdout.splitlines())
    missing = [line for line in sample[1:] if line != "..." and line not in printed]  # in order
    assert not missing, f"the README's sample output is not what `{sample[0][2:]}` prints: {missing}"


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown page."""
    found: set[str] = set()
    for heading in re.findall(r"^#+ (.+)$", FENCE.sub("", page.read_text(encoding="utf-8")), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = sum(1 for anchor in found if re.fullmatch(rf"{re.escape(slug)}(-\d+)?", anchor))
        found.add(f"{slug}-{count}" if count else slug)
    return found
