"""Cold CPU of two trees of sparklint on the benchmark corpus, as a ratio: issue 16's speed target.

    git worktree add /tmp/before 0aeb942
    python benchmarks/cold_ratio.py /tmp/before/src src --rounds 5

Each round runs `sparklint check --no-cache --jobs 1` over `bench.py`'s 250-file corpus once per tree, the
trees interleaved so that a busy moment of the machine falls on both; the CPU seconds (user and system) of each
run are the child process's own. Prints every round and the ratio of the medians (after / before).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import build_corpus


def cpu_seconds(source: Path, corpus: Path) -> float:
    """The CPU one cold check of the corpus costs with this tree's `src` first on the path."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "sparklint", "check", str(corpus), "--no-cache", "--jobs", "1",
                    "--format", "json", "--exit-zero"], env={**os.environ, "PYTHONPATH": str(source)},
                   stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the `src` folder of the tree to compare against")
    parser.add_argument("after", type=Path, help="the `src` folder of the tree measured")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        corpus = build_corpus(Path(workdir), scripts=100, library=150, peers_venv=None)["mixed"][0].parents[1]
        times: dict[Path, list[float]] = {args.before: [], args.after: []}
        for number in range(1, args.rounds + 1):
            for source, spent in times.items():
                spent.append(cpu_seconds(source, corpus))
            print(f"round {number}: before {times[args.before][-1]:.2f} s, after {times[args.after][-1]:.2f} s")
    before, after = statistics.median(times[args.before]), statistics.median(times[args.after])
    print(f"median before {before:.2f} s, after {after:.2f} s: ratio {after / before:.3f}")


if __name__ == "__main__":
    main()
