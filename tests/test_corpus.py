"""Recall and precision per rule family on the labelled corpus (tests/corpus/, `# expect:` marks).

The same numbers print with `python scripts/corpus_scores.py`; docs/rules/README.md quotes them.
"""

from __future__ import annotations

import importlib.util
import sys

from support import REPO
from sparklint.catalog import load_rules

spec = importlib.util.spec_from_file_location("corpus_scores", REPO / "scripts" / "corpus_scores.py")
corpus_scores = sys.modules["corpus_scores"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus_scores)

MIN_PRECISION = 0.95
MIN_RECALL = 0.85


def test_corpus_covers_every_family_with_at_least_30_files():
    assert len(corpus_scores.corpus_files()) >= 30
    table, _ = corpus_scores.scores()
    assert set(table) == {r.family for r in load_rules()}


def test_precision_and_recall_per_family():
    table, misses = corpus_scores.scores()
    report = "\n".join(f"{name}: recall {s.recall:.0%}, precision {s.precision:.0%}" for name, s in table.items())
    weak = {name: s for name, s in table.items() if s.precision < MIN_PRECISION or s.recall < MIN_RECALL}
    assert not weak, f"{report}\n" + "\n".join(misses)
