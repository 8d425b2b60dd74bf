"""The real corpus: public notebooks and scripts no one here wrote, measured without committing them.

    python benchmarks/real_corpus.py manifest --mirrors /work/.mirror     # pin every repo's files
    python benchmarks/real_corpus.py materialize DEST --mirrors /work/.mirror
    python benchmarks/real_corpus.py notebooks --mirrors /work/.mirror    # issue 14's two counts
    python benchmarks/real_corpus.py import-labels DIR                    # blind labels -> real_labels.json
    python benchmarks/real_corpus.py scores                               # recall per category, spark-ready hits
    python benchmarks/real_corpus.py scores --misses sklearn-fit          # ... and each missed line, with its text
    python benchmarks/real_corpus.py sample DEST --seed N --count 60      # findings for a blind precision review
    python benchmarks/real_corpus.py review DEST                          # the review's rates

The repositories are fetched snapshots (bare git directories under `--mirrors`, one
`owner+name/repo` each). `real_corpus.json` pins each one's commit and lists its `.py` and
`.ipynb` files with a short hash of their bytes, so a materialized corpus is the same bytes on every
machine; their code never enters this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

MANIFEST = Path(__file__).with_name("real_corpus.json")
LABELS = Path(__file__).with_name("real_labels.json")
DRIVER_CATEGORIES = ("pandas-io", "pandas-transform", "sklearn-fit", "collect-to-driver", "python-loop-over-data",
                     "python-udf", "dl-single-node", "local-file-path", "numpy-heavy", "other")
CORE = ("pandas-io", "pandas-transform", "sklearn-fit", "collect-to-driver", "python-loop-over-data", "python-udf")
SKIPPED_FOLDERS = re.compile(r"(^|/)(tests?|test_[^/]*)(/|$)")
REPOSITORIES = (
    "microsoft/SynapseML", "microsoft/fabric-toolbox", "Azure/MachineLearningNotebooks", "databricks/LearningSparkV2",
    "ageron/handson-ml3", "jakevdp/PythonDataScienceHandbook", "databricks-academy/large-language-models",
    *(f"databricks-industry-solutions/{name}" for name in (
        "fraud_prevention_in_telco", "media-mix-modeling", "rtm-fraud-detection", "anti-money-laundering",
        "merchant-classification", "ab-testing", "tabpfn-databricks", "customer-er", "supply-chain-stress-test",
        "social-listening")),
)
SUFFIXES = (".py", ".ipynb")


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(mirror), *args], check=True, capture_output=True).stdout


def _mirror(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


def write_manifest(mirrors: Path) -> None:
    """Pin the current snapshot of every repository that has been fetched."""
    entries = []
    for repo in REPOSITORIES:
        mirror = _mirror(mirrors, repo)
        if not mirror.exists():
            print(f"not fetched, left out: {repo}", file=sys.stderr)
            continue
        commit = _git(mirror, "rev-parse", "HEAD").decode().strip()
        paths = [p for p in _git(mirror, "ls-tree", "-r", "--name-only", "-z", commit).decode().split("\0")
                 if p.endswith(SUFFIXES)]
        files = [{"path": p, "sha": short_hash(_git(mirror, "show", f"{commit}:{p}"))} for p in sorted(paths)]
        entries.append({"repo": repo, "commit": commit, "files": files})
    MANIFEST.write_text(json.dumps({"repositories": entries}, indent=1) + "\n")
    print(f"{MANIFEST}: {len(entries)} repositories, {sum(len(e['files']) for e in entries)} files")


def materialize(mirrors: Path, dest: Path) -> list[Path]:
    """Write every manifest file under `dest/<owner+name>/<path>`, checking each against its hash."""
    written = []
    for entry in json.loads(MANIFEST.read_text())["repositories"]:
        mirror = _mirror(mirrors, entry["repo"])
        for file in entry["files"]:
            data = _git(mirror, "show", f"{entry['commit']}:{file['path']}")
            if short_hash(data) != file["sha"]:
                raise SystemExit(f"{entry['repo']}:{file['path']} differs from the manifest")
            target = dest / entry["repo"].replace("/", "+") / file["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
    return written


def _with_pyspark_import(path: Path) -> bytes:
    """The same notebook with an `import pyspark` cell first: what it would get if imports were all that mattered."""
    notebook = json.loads(path.read_bytes())
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        return path.read_bytes()
    cells.insert(0, {"cell_type": "code", "metadata": {}, "source": ["import pyspark\n"], "outputs": [],
                     "execution_count": None})
    return json.dumps(notebook).encode()


def notebook_counts(mirrors: Path) -> None:
    """Parse errors, and Jupyter notebooks that find less (or nothing) only because they import no pyspark."""
    from sparklint.api import check_paths  # the measured tool, imported once the corpus is written

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        files = materialize(mirrors, root)
        run = check_paths([str(root)])
        found = {r.path: r for r in run.files}
        errors = [r for r in run.files if r.error]
        print(f"{len(files)} files; {len(errors)} could not be checked:")
        for result in errors:
            print(f"  {Path(result.path).relative_to(root)}: {result.error}")
        cell_errors = [(r.path, e) for r in run.files for e in getattr(r, "cell_errors", ())]
        print(f"{len(cell_errors)} cells could not be checked (their notebooks were):")
        for path, error in cell_errors:
            print(f"  {Path(path).relative_to(root)}: {error}")
        variants = Path(folder) / "variants"
        pairs = {}
        for path in files:
            if path.suffix == ".ipynb" and not found[str(path)].error:
                variant = variants / path.relative_to(root)
                variant.parent.mkdir(parents=True, exist_ok=True)
                variant.write_bytes(_with_pyspark_import(path))
                pairs[str(variant)] = str(path)
        with_import = {pairs[r.path]: r for r in check_paths(list(pairs)).files}
        silent, losing = [], []
        for original, variant in with_import.items():
            before, after = len(found[original].findings), len(variant.findings)
            if after > before:
                losing.append((original, before, after))
                if before == 0:
                    silent.append(original)
        print(f"{len(pairs)} Jupyter notebooks; {len(losing)} lose findings for lack of an import, "
              f"{len(silent)} of them get none at all:")
        for original, before, after in losing:
            print(f"  {Path(original).relative_to(root)}: {before} findings, {after} with `import pyspark`")


def _line_text(path: Path, cell: int | None, line: int) -> str:
    """The text of a labelled line: the file's own line, or a line of a notebook cell (cells counted from 1)."""
    if cell is None:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[line - 1]
    source = json.loads(path.read_bytes())["cells"][cell - 1].get("source", "")
    return ("".join(source) if isinstance(source, list) else source).splitlines()[line - 1]


def import_labels(mirrors: Path, folder: Path) -> None:
    """Turn the labellers' files (`<id>.json` beside an `index.json` of ids, repos and paths) into
    `real_labels.json`: each label by position with a short hash of the line's text, no code."""
    index = {entry["id"]: entry for entry in json.loads((folder.parent / "index.json").read_text())}
    commits = {e["repo"]: e["commit"] for e in json.loads(MANIFEST.read_text())["repositories"]}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        materialize(mirrors, root)
        files, wrong = [], 0
        for labelled in sorted(folder.glob("f*.json")):
            data = json.loads(labelled.read_text())
            entry = index[data["id"]]
            repo = entry["repo"].replace("+", "/", 1)
            inside = entry["path"].split("/", 1)[1]  # the index's paths start with the repo's folder
            path = root / entry["repo"] / inside
            labels = []
            for label in data["lines"]:
                try:
                    text = _line_text(path, label.get("cell"), label["line"])
                except (IndexError, KeyError):
                    text = None
                if text is None or " ".join(text.split()) != " ".join(label["text"].split()):
                    wrong += 1
                    print(f"  {entry['path']}: {label} does not match the file's line: {text!r}", file=sys.stderr)
                    continue
                labels.append({"cell": label.get("cell"), "line": label["line"], "category": label["category"],
                               "sha": short_hash(text.strip().encode())})
            files.append({"repo": repo, "commit": commits[repo], "path": inside, "compute": data["compute"]["label"],
                          "labels": labels})
    LABELS.write_text(json.dumps({"files": files}, indent=1) + "\n")
    print(f"{LABELS}: {len(files)} files, {sum(len(f['labels']) for f in files)} labels ({wrong} dropped: wrong line)")


def _findings_by_line(run, root: Path) -> dict[tuple[str, int | None, int], list]:
    """Findings by every line they span: (path from the corpus root, cell counted from 1 or None,
    line as a person counts it). A label on any line of a reported call's span counts as found,
    since labellers put a chain's label where they read its call starting."""
    found: dict[tuple[str, int | None, int], list] = defaultdict(list)
    for result in run.files:
        relative = Path(result.path).relative_to(root).as_posix()
        for finding in result.findings:
            jupyter = result.kind == "jupyter"
            first = finding.cell_line if jupyter else finding.line
            for line in range(first, first + finding.end_line - finding.line + 1):
                found[relative, finding.cell + 1 if jupyter else None, line].append(finding)
    return found


def scores(mirrors: Path, show_misses: str | None = None) -> None:
    """Recall of the blind labels per category, findings on spark-ready lines, and the estimate's agreement;
    with `show_misses`, also every missed line of that category (or of all: "all"), or every finding on a
    spark-ready line ("spark_ready"), with its text, for whoever works on the rules."""
    from sparklint.api import check_paths

    labelled = json.loads(LABELS.read_text())["files"]
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        materialize(mirrors, root)
        paths = [str(root / f["repo"].replace("/", "+") / f["path"]) for f in labelled]
        run = check_paths(paths)
        found = _findings_by_line(run, root)
        by_path = {Path(r.path).relative_to(root).as_posix(): r for r in run.files}
        if show_misses:
            _print_misses(labelled, found, root, show_misses)
    hits, totals, lines = Counter(), Counter(), 0
    for file in labelled:
        relative = f"{file['repo'].replace('/', '+')}/{file['path']}"
        for label in file["labels"]:
            totals[label["category"]] += 1
            hits[label["category"]] += bool(found.get((relative, label["cell"], label["line"])))
        lines += len(file["labels"])
    print(f"{len(labelled)} labelled files, {lines} labels")
    print(f"{'category':<24} {'found':>6} {'of':>5} {'recall':>7}")
    for category in DRIVER_CATEGORIES:
        if totals[category]:
            print(f"{category:<24} {hits[category]:>6} {totals[category]:>5} {hits[category] / totals[category]:>7.0%}")
    core_hits, core_total = sum(hits[c] for c in CORE), sum(totals[c] for c in CORE)
    driver_hits, driver_total = sum(hits[c] for c in DRIVER_CATEGORIES), sum(totals[c] for c in DRIVER_CATEGORIES)
    print(f"{'core families':<24} {core_hits:>6} {core_total:>5} {core_hits / max(core_total, 1):>7.0%}")
    print(f"{'all driver-only':<24} {driver_hits:>6} {driver_total:>5} {driver_hits / max(driver_total, 1):>7.0%}")
    ready = totals["spark_ready"]
    print(f"findings on spark-ready lines: {hits['spark_ready']} of {ready} ({hits['spark_ready'] / max(ready, 1):.0%})")
    agree = sum(1 for f in labelled if (r := by_path.get(f"{f['repo'].replace('/', '+')}/{f['path']}")) is not None
                and r.compute is not None and r.compute.recommendation == f["compute"])
    print(f"compute estimate agrees with the label on {agree} of {len(labelled)} files")


def _print_misses(labelled: list[dict], found: dict, root: Path, category: str) -> None:
    for file in labelled:
        relative = f"{file['repo'].replace('/', '+')}/{file['path']}"
        for label in file["labels"]:
            if category not in ("all", label["category"]):
                continue
            hit = found.get((relative, label["cell"], label["line"]))
            if bool(hit) != (label["category"] == "spark_ready"):
                continue
            where = f"cell {label['cell']} line {label['line']}" if label["cell"] else f"line {label['line']}"
            text = _line_text(root / relative, label["cell"], label["line"]).strip()
            codes = ",".join(sorted({f.code for f in hit})) if hit else ""
            print(f"{label['category']:<22} {relative}:{where}  {codes}  {text[:140]}")


def sample(mirrors: Path, dest: Path, seed: int, count: int, per_code: int = 0) -> None:
    """`count` findings drawn at random over the whole corpus (test folders skipped), each written
    with its surroundings to DEST/<n>.txt for a reviewer who has not read the rules. With `per_code`,
    a suggestion audit instead: `per_code` findings of each of the `count` most frequent codes."""
    from sparklint.api import check_paths

    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        materialize(mirrors, root)
        run = check_paths([str(root)])
        pool = [(r, f) for r in run.files for f in r.findings
                if not SKIPPED_FOLDERS.search(Path(r.path).relative_to(root).as_posix())]
        draw = random.Random(seed)
        if per_code:
            by_code: dict[str, list] = {}
            for pair in pool:
                by_code.setdefault(pair[1].code, []).append(pair)
            codes = sorted(by_code, key=lambda code: (-len(by_code[code]), code))[:count]
            chosen = [pair for code in codes for pair in draw.sample(by_code[code], min(per_code, len(by_code[code])))]
        else:
            chosen = draw.sample(pool, min(count, len(pool)))
        for number, (result, finding) in enumerate(chosen, 1):
            relative = Path(result.path).relative_to(root).as_posix()
            where = f"cell {finding.cell + 1}, line {finding.cell_line}" if result.kind == "jupyter" else f"line {finding.line}"
            (dest / f"{number:02d}.txt").write_text(
                f"file: {relative}\nwhere: {where}\nmessage: {finding.message}\nsuggestion: {finding.suggestion}\n\n"
                f"{_context(Path(result.path), result.kind, finding)}", encoding="utf-8")
    print(f"{len(chosen)} findings of {len(pool)} (seed {seed}) written to {dest}")


def _context(path: Path, kind: str, finding) -> str:
    """The whole file (a notebook as numbered cells), the finding's line marked with `>>`."""
    out = []
    if kind == "jupyter":
        for index, cell in enumerate(json.loads(path.read_bytes()).get("cells", [])):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            out.append(f"===== cell {index + 1} ({cell.get('cell_type')}) =====")
            for number, line in enumerate(text.splitlines(), 1):
                mark = ">>" if index == finding.cell and number == finding.cell_line else "  "
                out.append(f"{mark}{number:4d} | {line}")
    else:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            out.append(f"{'>>' if number == finding.line else '  '}{number:4d} | {line}")
    return "\n".join(out) + "\n"


def review(dest: Path) -> None:
    """The rates of a finished review: DEST/<n>.verdict.json holds {"finding": ..., "suggestion": ...}."""
    verdicts = [json.loads(p.read_text()) for p in sorted(dest.glob("*.verdict.json"))]
    n = len(verdicts)
    for key, values in (("finding", ("TRUE", "DEBATABLE", "FALSE")), ("suggestion", ("correct", "generic", "wrong"))):
        counts = Counter(v[key] for v in verdicts)
        print(f"{key}s ({n}): " + ", ".join(f"{value} {counts[value]} ({counts[value] / max(n, 1):.0%})" for value in values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("manifest", "materialize", "notebooks", "import-labels", "scores", "sample",
                                            "review"))
    parser.add_argument("dest", nargs="?", type=Path)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--per-code", type=int, default=0, help="sample: draw this many findings of each of the "
                        "COUNT most frequent codes (a suggestion audit)")
    parser.add_argument("--misses", metavar="CATEGORY", help="scores: also list the missed lines of a category "
                        "(or 'all'), or the findings on spark-ready lines ('spark_ready')")
    args = parser.parse_args()
    if args.command in ("materialize", "import-labels", "sample", "review") and args.dest is None:
        parser.error(f"{args.command} needs DEST")
    if args.command == "manifest":
        write_manifest(args.mirrors)
    elif args.command == "materialize":
        print(f"{len(materialize(args.mirrors, args.dest))} files written under {args.dest}")
    elif args.command == "notebooks":
        notebook_counts(args.mirrors)
    elif args.command == "import-labels":
        import_labels(args.mirrors, args.dest)
    elif args.command == "scores":
        scores(args.mirrors, args.misses)
    elif args.command == "sample":
        sample(args.mirrors, args.dest, args.seed, args.count, args.per_code)
    else:
        review(args.dest)


if __name__ == "__main__":
    main()
