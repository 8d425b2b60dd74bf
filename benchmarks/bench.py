"""Benchmark sparklint against the linters a user would compare it with, on one corpus, in one run.

    python benchmarks/bench.py                      # full run (a few minutes on 2 cores)
    python benchmarks/bench.py --peers-venv .bench-venv
    python benchmarks/bench.py --quick              # 3 files, for a smoke test

Every tool runs as the user runs it (its own command, a fresh process) on the same files:
sparklint, Fixit (LibCST-based, its default rules), flake8 with pandas-vet (`--select PD`),
pylint (default checks) and ruff (`--select PD`); plus bare `libcst.parse_module` over the same
files in one process, the floor any LibCST linter stands on. A peer that is not installed is
skipped with a note. A tool too slow to run on the whole corpus within the time budget (pylint)
runs on an evenly spaced sample, and its throughput is per file and per line of that sample; the
table says so. Wall time, CPU time (user+system, all processes) and the peak RSS of
the largest process come from `wait4`; ratios are lines/s relative to sparklint's (cold).

Runs that take tens of milliseconds (warm runs, ruff, the pre-commit call) are the median of
`--repeat` runs. sparklint's "warm" row repeats the cold command, so the project's cache index
answers every file without reading it; "warm, 1 file edited" changes one file first (a different
comment each time), so one file is read and parsed. The "project" section checks a folder of
`--project-files` generated scripts the way a user checks a repository (`sparklint check .`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import copy_library_files, write_big_file, write_scripts  # noqa: E402

FLOOR = "libcst.parse_module"
PARSE_FLOOR = """
import sys, libcst
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        libcst.parse_module(data.decode("utf-8"))
    except Exception:
        pass
"""


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    timed_out: bool = False


@dataclass
class Row:
    tool: str
    mode: str
    files: int
    lines: int
    measure: Measure | None
    note: str = ""

    def files_per_s(self) -> float:
        return self.files / self.measure.wall if self.measure else 0.0

    def lines_per_s(self) -> float:
        return self.lines / self.measure.wall if self.measure else 0.0


# Too slow for the whole corpus within TIMEOUT, so run on a sample. Fixit runs on every file: on a
# sample its start-up (0.8 s) would weigh several times more per line than on the whole corpus.
SAMPLED = ("pylint",)
TIMEOUT = 120.0  # seconds one command may take; a slower one is stopped and shown as a lower bound


def run(command: list[str], cwd: Path, env: dict | None = None) -> Measure:
    """Wall, CPU and peak RSS of a command and all its children (wait4 reaps the whole tree's usage)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    timer = threading.Timer(TIMEOUT, process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0, 1) and "Traceback" in stderr:
        print(f"  ! {command[0]} … failed:\n{stderr[-1500:]}", file=sys.stderr)
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode,
                   timed_out=wall >= TIMEOUT)


def median(measures: list[Measure]) -> Measure:
    return sorted(measures, key=lambda m: m.wall)[len(measures) // 2]


def lines_in(files: list[Path]) -> int:
    return sum(path.read_bytes().count(b"\n") for path in files)


def find_tool(name: str, peers_venv: Path | None) -> str | None:
    if peers_venv is not None and (peers_venv / "bin" / name).exists():
        return str(peers_venv / "bin" / name)
    return shutil.which(name)


def site_packages(peers_venv: Path | None) -> Path | None:
    python = str(peers_venv / "bin" / "python") if peers_venv else sys.executable
    done = subprocess.run([python, "-c", "import sklearn, pandas, os; print(os.path.dirname(os.path.dirname(pandas.__file__)))"],
                          capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def build_corpus(workdir: Path, scripts: int, library: int, peers_venv: Path | None) -> dict[str, list[Path]]:
    corpus = workdir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    generated = write_scripts(corpus / "training", scripts)
    found = site_packages(peers_venv)
    copied: list[Path] = []
    if library and found is not None:
        copied = copy_library_files(found, ["sklearn", "pandas"], corpus / "library", library)
    elif library:
        print("note: scikit-learn/pandas not importable: the corpus has no library files", file=sys.stderr)
    return {"training": generated, "mixed": generated + copied}


def compile_sparklint(python: str) -> None:
    """Byte-compile sparklint as `pip install` does for a wheel (and did for every peer), so that
    an editable install under PYTHONDONTWRITEBYTECODE does not recompile it in every timed run."""
    subprocess.run([python, "-c", "import compileall, os, sparklint; "
                    "compileall.compile_dir(os.path.dirname(sparklint.__file__), quiet=1)"], check=True)


def sample(files: list[Path], every: int) -> list[Path]:
    return files[::every] if every > 1 else files


def tools(python: str, peers_venv: Path | None, wanted: bool = True) -> dict[str, list[str] | None]:
    """The command for each tool, files appended; None for a peer that is not installed."""
    if not wanted:
        return {}
    fixit, flake8, pylint, ruff = (find_tool(n, peers_venv) for n in ("fixit", "flake8", "pylint", "ruff"))
    return {
        "fixit": [fixit, "lint"] if fixit else None,
        "flake8+pandas-vet": [flake8, "--select", "PD"] if flake8 else None,
        "pylint": [pylint, "--jobs", "0", "--score", "n"] if pylint else None,
        "ruff": [ruff, "check", "--select", "PD", "--exit-zero"] if ruff else None,
    }


def sparklint_command(python: str, cache_dir: Path | None, jobs: int | None = None) -> list[str]:
    """The `sparklint` script beside this Python, as a user, pre-commit and every peer run theirs."""
    script = Path(python).parent / "sparklint"
    program = [str(script)] if script.exists() else [python, "-m", "sparklint"]
    command = program + ["check", "--exit-zero", "--quiet", "--format", "concise"]
    command += ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    return command + (["--jobs", str(jobs)] if jobs else [])


def bench_corpus(name: str, files: list[Path], workdir: Path, python: str, commands: dict, slow_every: int,
                 repeat: int) -> list[Row]:
    rows: list[Row] = []
    total = lines_in(files)
    names = [str(p) for p in files]
    listing = workdir / f"{name}-files.txt"
    listing.write_text("\n".join(names), encoding="utf-8")
    print(f"[{name}] {len(files)} files, {total} lines", file=sys.stderr)

    rows.append(Row(FLOOR, "1 process", len(files), total, run([python, "-c", PARSE_FLOOR, str(listing)], workdir)))
    cache = workdir / f"cache-{name}"
    shutil.rmtree(cache, ignore_errors=True)
    rows.append(Row("sparklint", "cold", len(files), total, run(sparklint_command(python, cache) + names, workdir)))
    warm = sparklint_command(python, cache) + names
    rows.append(Row("sparklint", "warm", len(files), total, median([run(warm, workdir) for _ in range(repeat)])))
    original = files[0].read_bytes()
    edited = []
    for number in range(repeat):  # a new comment each time: new content, the same findings
        files[0].write_bytes(original + b"\n# bench edit %d\n" % number)
        edited.append(run(warm, workdir))
    files[0].write_bytes(original)
    rows.append(Row("sparklint", "warm, 1 file edited", len(files), total, median(edited)))
    rows.append(Row("sparklint", "cold, -j 1", len(files), total, run(sparklint_command(python, None, 1) + names, workdir)))
    for tool, command in commands.items():
        if command is None:
            rows.append(Row(tool, "cold", 0, 0, None, "not installed: skipped"))
            continue
        chosen = sample(files, slow_every) if tool in SAMPLED else files
        chosen_names = [str(p) for p in chosen]
        note = f"sample: every {slow_every}th file" if len(chosen) < len(files) else ""
        if tool == "ruff":
            ruff_cache = workdir / f"ruff-cache-{name}"
            full = command + ["--cache-dir", str(ruff_cache)] + chosen_names
            cold = []
            for _ in range(repeat):
                shutil.rmtree(ruff_cache, ignore_errors=True)
                cold.append(run(full, workdir))
            rows.append(Row(tool, "cold", len(chosen), lines_in(chosen), median(cold)))
            rows.append(Row(tool, "warm", len(chosen), lines_in(chosen), median([run(full, workdir) for _ in range(repeat)])))
        else:
            rows.append(Row(tool, "cold", len(chosen), lines_in(chosen), run(command + chosen_names, workdir), note))
    return rows


def bench_one_file(script: Path, workdir: Path, python: str, commands: dict, repeat: int) -> list[Row]:
    """A pre-commit call: one changed training script, a fresh process, a cache that has not seen it."""
    rows = []
    lines = lines_in([script])

    def median_of(build) -> Measure:
        return median([run(build(i), workdir) for i in range(repeat)])

    rows.append(Row("sparklint", "pre-commit", 1, lines, median_of(
        lambda i: sparklint_command(python, workdir / f"precommit-cache-{i}-{time.time_ns()}") + [str(script)])))
    for tool, command in commands.items():
        if command is not None:
            extra = ["--no-cache"] if tool == "ruff" else []
            rows.append(Row(tool, "pre-commit", 1, lines, median_of(lambda i: command + extra + [str(script)])))
    return rows


def bench_project(workdir: Path, python: str, count: int, repeat: int) -> list[Row]:
    """A repository-sized folder, checked as a folder: cold, warm with nothing changed, one file edited."""
    project = workdir / "project"
    shutil.rmtree(project, ignore_errors=True)
    files = write_scripts(project, count, seed=13)
    total = lines_in(files)
    cache = workdir / "cache-project"
    shutil.rmtree(cache, ignore_errors=True)
    command = sparklint_command(python, cache) + ["."]
    rows = [Row("sparklint", "cold", count, total, run(command, project))]
    rows.append(Row("sparklint", "warm", count, total, median([run(command, project) for _ in range(repeat)])))
    original, edited = files[0].read_bytes(), []
    for number in range(repeat):
        files[0].write_bytes(original + b"\n# bench edit %d\n" % number)
        edited.append(run(command, project))
    files[0].write_bytes(original)
    rows.append(Row("sparklint", "warm, 1 file edited", count, total, median(edited)))
    return rows


def bench_big_file(workdir: Path, python: str, size_mb: float) -> list[Row]:
    big = write_big_file(workdir / "big_generated.py", int(size_mb * 1_000_000))
    lines = lines_in([big])
    listing = workdir / "big-files.txt"
    listing.write_text(str(big), encoding="utf-8")
    return [
        Row(FLOOR, f"{size_mb:g} MB file", 1, lines, run([python, "-c", PARSE_FLOOR, str(listing)], workdir)),
        Row("sparklint", f"{size_mb:g} MB file", 1, lines, run(sparklint_command(python, None, 1) + [str(big)], workdir)),
    ]


def seconds(value: float) -> str:
    """Two decimals, three below a second: warm runs differ in milliseconds."""
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def table(title: str, rows: list[Row], reference: Row | None) -> str:
    out = [f"\n## {title}\n", "| tool | mode | files | lines | wall s | CPU s | files/s | lines/s | peak RSS MB "
           "| × sparklint (lines/s) | note |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        if row.measure is None:
            out.append(f"| {row.tool} | {row.mode} | – | – | – | – | – | – | – | – | {row.note} |")
            continue
        m = row.measure
        ratio = f"{row.lines_per_s() / reference.lines_per_s():.2f}" if reference and reference.measure else "–"
        note = row.note + (f" stopped after {TIMEOUT:.0f} s: a lower bound" if m.timed_out else
                           "" if m.returncode in (0, 1) else f" exit {m.returncode}")
        out.append(f"| {row.tool} | {row.mode} | {row.files} | {row.lines} | {seconds(m.wall)} | {seconds(m.cpu)} | "
                   f"{row.files_per_s():.1f} | {row.lines_per_s():.0f} | {m.rss_mb:.0f} | {ratio} | {note.strip()} |")
    return "\n".join(out)


def targets(rows: dict[str, list[Row]]) -> str:
    def find(corpus: str, tool: str, mode: str) -> Row | None:
        return next((r for r in rows.get(corpus, []) if r.tool == tool and r.mode == mode and r.measure), None)

    lines = ["\n## Targets\n"]
    for corpus in ("training", "mixed"):
        cold, single, floor = find(corpus, "sparklint", "cold"), find(corpus, "sparklint", "cold, -j 1"), find(corpus, FLOOR, "1 process")
        fixit, ruff, warm = find(corpus, "fixit", "cold"), find(corpus, "ruff", "cold"), find(corpus, "sparklint", "warm")
        edited = find(corpus, "sparklint", "warm, 1 file edited")
        if cold and fixit:
            lines.append(f"- [{corpus}] cold throughput vs Fixit: {cold.lines_per_s() / fixit.lines_per_s():.1f}× (target ≥ 10×)")
        if cold and floor:
            lines.append(f"- [{corpus}] sparklint cold wall / bare parse wall: {cold.measure.wall / floor.measure.wall:.2f} "
                         f"(target ≤ 2); with -j 1: {single.measure.wall / floor.measure.wall:.2f}; "
                         f"CPU, -j 1: {single.measure.cpu / floor.measure.cpu:.2f}")
        if warm and ruff:
            lines.append(f"- [{corpus}] sparklint warm wall {warm.measure.wall:.3f} s vs ruff cold {ruff.measure.wall:.3f} s "
                         f"(target: warm ≤ ruff cold)" + (f"; with 1 file edited {edited.measure.wall:.3f} s" if edited else ""))
    warm, edited = find("project", "sparklint", "warm"), find("project", "sparklint", "warm, 1 file edited")
    if warm and edited:
        lines.append(f"- [project] warm, nothing changed: {warm.measure.wall:.3f} s (target ≤ 0.3 s); "
                     f"1 file edited: {edited.measure.wall:.3f} s (target ≤ 0.5 s)")
    pre = find("pre-commit", "sparklint", "pre-commit")
    if pre:
        lines.append(f"- pre-commit, one training script: {pre.measure.wall:.2f} s wall (target < 0.5 s)")
    big = next((r for r in rows.get("memory", []) if r.tool == "sparklint"), None)
    if big:
        lines.append(f"- peak RSS on the generated {big.mode}: {big.measure.rss_mb:.0f} MB (one process)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 training scripts, no library files, no big file.")
    parser.add_argument("--peers-venv", type=Path, help="A venv holding fixit, flake8, pandas-vet, pylint, ruff, "
                        "scikit-learn and pandas (default: tools on PATH, libraries of this Python).")
    parser.add_argument("--no-peers", action="store_true", help="Only sparklint and the parse floor.")
    parser.add_argument("--scripts", type=int, default=100, help="Generated training scripts (default 100).")
    parser.add_argument("--library-files", type=int, default=150, help="scikit-learn/pandas files (default 150).")
    parser.add_argument("--slow-sample", type=int, default=5, help="pylint runs on every Nth file.")
    parser.add_argument("--big-mb", type=float, default=10.0, help="Size of the generated file for memory.")
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each short command (median).")
    parser.add_argument("--project-files", type=int, default=1400, help="Scripts in the repository-sized folder.")
    parser.add_argument("--workdir", type=Path, help="Where to build the corpus (default: a temporary folder).")
    args = parser.parse_args()
    if args.quick:
        args.scripts, args.library_files, args.slow_sample, args.repeat, args.project_files = 3, 0, 1, 1, 0

    python = sys.executable
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sparklint-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    commands = tools(python, args.peers_venv, wanted=not args.no_peers)
    for tool, command in commands.items():
        if command is None:
            print(f"note: {tool} is not installed (PATH or --peers-venv): skipped", file=sys.stderr)
    started = time.perf_counter()
    compile_sparklint(python)
    corpora = build_corpus(workdir, args.scripts, args.library_files, args.peers_venv)
    results: dict[str, list[Row]] = {}
    for name, files in corpora.items():
        if name == "mixed" and len(files) == len(corpora["training"]):
            continue
        results[name] = bench_corpus(name, files, workdir, python, commands, args.slow_sample, args.repeat)
    results["pre-commit"] = bench_one_file(corpora["training"][0], workdir, python, commands, args.repeat)
    if args.project_files:
        results["project"] = bench_project(workdir, python, args.project_files, args.repeat)
    if not args.quick:
        results["memory"] = bench_big_file(workdir, python, args.big_mb)

    print(f"# sparklint benchmark ({os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} at the end, {time.perf_counter() - started:.0f} s)")
    for name, rows in results.items():
        reference = next((r for r in rows if r.tool == "sparklint" and r.measure), None)
        title = {"training": "Generated training scripts (all pass the import gate)",
                 "mixed": "Mixed: training scripts + scikit-learn/pandas source",
                 "pre-commit": "Pre-commit: one changed training script, fresh process",
                 "project": f"A repository: {args.project_files} generated scripts checked as a folder",
                 "memory": "Memory: one large generated file"}[name]
        print(table(title, rows, reference))
    print(targets(results))
    print(f"\n(warm, ruff and pre-commit rows: median of {args.repeat} runs; corpus in {workdir})")


if __name__ == "__main__":
    main()
