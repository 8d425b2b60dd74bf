"""Recall and precision of the rule catalog per family, on the labelled corpus in tests/corpus/.

Each corpus file marks what a careful reviewer expects beside the line (`# expect: SPL101 SPL602`);
lines without a mark must stay silent. Run: `python scripts/corpus_scores.py`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sparklint.api import check_file
from sparklint.catalog import load_rules
from sparklint.sources import read_source

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>(?:SPL\d{3}\s*)+)")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        reported = self.true_positives + self.false_positives
        return self.true_positives / reported if reported else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".py", ".ipynb"))


def expected(path: Path) -> set[tuple[int, str]]:
    lines = read_source(path).code.splitlines()
    return {(n, code) for n, line in enumerate(lines, 1) if (m := EXPECT.search(line)) for code in m["codes"].split()}


def scores() -> tuple[dict[str, Score], list[str]]:
    """Per-family scores over the corpus, and one line per disagreement."""
    family = {r.code: r.family for r in load_rules()}
    table: dict[str, Score] = defaultdict(Score)
    misses = []
    for path in corpus_files():
        result = check_file(path)
        if result.error:
            raise SystemExit(f"{path}: {result.error}")
        reported = {(f.line, f.code) for f in result.findings}
        wanted = expected(path)
        for line, code in reported | wanted:
            score = table[family.get(code, "unknown")]
            if (line, code) in reported and (line, code) in wanted:
                score.true_positives += 1
            elif (line, code) in reported:
                score.false_positives += 1
                misses.append(f"false positive  {path.relative_to(CORPUS)}:{line} {code}")
            else:
                score.false_negatives += 1
                misses.append(f"missed          {path.relative_to(CORPUS)}:{line} {code}")
    return dict(sorted(table.items())), misses


def main() -> None:
    table, misses = scores()
    print(f"{len(corpus_files())} corpus files\n")
    print(f"{'family':<26} {'expected':>8} {'reported':>8} {'recall':>7} {'precision':>9}")
    for name, s in table.items():
        print(f"{name:<26} {s.true_positives + s.false_negatives:>8} {s.true_positives + s.false_positives:>8} "
              f"{s.recall:>7.0%} {s.precision:>9.0%}")
    total = Score(*(sum(getattr(s, f) for s in table.values())
                    for f in ("true_positives", "false_positives", "false_negatives")))
    print(f"{'all':<26} {total.true_positives + total.false_negatives:>8} "
          f"{total.true_positives + total.false_positives:>8} {total.recall:>7.0%} {total.precision:>9.0%}")
    if misses:
        print("\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
