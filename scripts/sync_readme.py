"""Regenerate the README's rule table from the catalog (the test suite checks it is in sync)."""

from pathlib import Path

from sparklint.catalog import load_rules
from sparklint.docs import README_BEGIN, README_END, rules_markdown_table

readme = Path(__file__).resolve().parents[1] / "README.md"
text = readme.read_text(encoding="utf-8")
head, rest = text.split(README_BEGIN)
_, tail = rest.split(README_END)
readme.write_text(f"{head}{README_BEGIN}\n{rules_markdown_table(load_rules())}\n{README_END}{tail}", encoding="utf-8")
