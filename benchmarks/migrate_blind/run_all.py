"""Generate the data and run every NN_*.py script.

Usage: python run_all.py OUT_DIR [--data-dir DATA_DIR] [--only PATTERN] [--timeout SECONDS]

Data goes to DATA_DIR (default OUT_DIR/data); each script writes to OUT_DIR/<script-name>/
and its stdout/stderr go to OUT_DIR/<script-name>/log.txt.
A script passes when it exits 0 and writes a flat JSON object of numbers to metrics.json.
"""
import argparse
import json
import numbers
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def check_metrics(path):
    if not path.exists():
        return "no metrics.json"
    try:
        data = json.loads(path.read_text())
    except ValueError as e:
        return f"bad json: {e}"
    if not isinstance(data, dict) or not data:
        return "metrics.json is not a non-empty object"
    bad = [k for k, v in data.items() if not isinstance(v, numbers.Number) or isinstance(v, bool)]
    if bad:
        return f"non-numeric metrics: {bad}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--only", default="", help="run only scripts whose name contains this")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()

    out_dir = args.out_dir.resolve()
    data_dir = (args.data_dir or out_dir / "data").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, str(HERE / "make_data.py"), str(data_dir)],
                       capture_output=True, text=True)
    print(f"{'make_data.py':40s} {'PASS' if r.returncode == 0 else 'FAIL'} {time.perf_counter() - t0:6.1f}s")
    if r.returncode != 0:
        print(r.stderr)
        sys.exit(1)

    scripts = sorted(p for p in HERE.glob("[0-9][0-9]_*.py") if args.only in p.name)
    results = []
    total_start = time.perf_counter()
    for script in scripts:
        name = script.stem
        run_dir = out_dir / name
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "metrics.json").unlink(missing_ok=True)
        start = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            proc = subprocess.run([sys.executable, str(script), str(data_dir), str(run_dir)],
                                  capture_output=True, text=True, timeout=args.timeout, cwd=run_dir)
            rc, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            rc, stdout, stderr = "timeout", e.stdout or "", e.stderr or ""
            stdout = stdout.decode() if isinstance(stdout, bytes) else stdout
            stderr = stderr.decode() if isinstance(stderr, bytes) else stderr
        elapsed = time.perf_counter() - start
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        (run_dir / "log.txt").write_text(f"{stdout}\n--- stderr ---\n{stderr}")

        problem = None if rc == 0 else f"exit {rc}"
        if problem is None:
            problem = check_metrics(run_dir / "metrics.json")
        status = "PASS" if problem is None else "FAIL"
        results.append((name, status, elapsed))
        line = f"{script.name:40s} {status} {elapsed:6.1f}s  (cpu {cpu:5.1f}s)"
        if problem:
            line += f"  ({problem})"
            tail = stderr.strip().splitlines()[-3:]
            line += "".join(f"\n      {t}" for t in tail)
        print(line, flush=True)

    n_pass = sum(s == "PASS" for _, s, _ in results)
    total = time.perf_counter() - total_start
    print(f"\n{n_pass}/{len(results)} passed; scripts took {total:.1f}s "
          f"(total incl. data generation {time.perf_counter() - t0:.1f}s)")
    sys.exit(0 if n_pass == len(results) else 1)


if __name__ == "__main__":
    main()
