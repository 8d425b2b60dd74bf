"""The real corpus: public notebooks and scripts no one here wrote, measured without committing them.

    python benchmarks/real_corpus.py manifest --mirrors /work/.mirror     # pin every repo's files
    python benchmarks/real_corpus.py materialize DEST --mirrors /work/.mirror
    python benchmarks/real_corpus.py notebooks --mirrors /work/.mirror    # issue 14's two counts

The repositories are fetched snapshots (bare git directories under `--mirrors`, one
`owner+name/repo` each). `real_corpus.json` pins each one's commit and lists its `.py` and
`.ipynb` files with a short hash of their bytes, so a materialized corpus is the same bytes on every
machine; their code never enters this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

MANIFEST = Path(__file__).with_name("real_corpus.json")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("manifest", "materialize", "notebooks"))
    parser.add_argument("dest", nargs="?", type=Path)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    if args.command == "manifest":
        write_manifest(args.mirrors)
    elif args.command == "materialize":
        if args.dest is None:
            parser.error("materialize needs DEST")
        print(f"{len(materialize(args.mirrors, args.dest))} files written under {args.dest}")
    else:
        notebook_counts(args.mirrors)


if __name__ == "__main__":
    main()
