"""The `sparklint` command. Exit codes: 0 nothing found, 1 findings, 2 an error (usage, config,
or a file that could not be read or parsed — the other files are still checked and reported)."""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from sparklint import __version__
from sparklint.config import OUTPUT_FORMATS
from sparklint.rule import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
GC_THRESHOLDS = (100_000, 50, 100)  # Python's are (700, 10, 10)


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _use_color(no_color: bool, stream) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _fail(message: str) -> NoReturn:
    click.echo(f"sparklint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class _Commands(click.Group):
    """The group of commands; those that live beside the lint path are imported only when used."""

    beside = {"verify": "sparklint.harness.command"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.beside])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.beside:
            return getattr(importlib.import_module(self.beside[name]), name)
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sparklint")
def main() -> None:
    """Find the lines of a training script that would stay on the Spark driver."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--target", type=click.Choice(["spark", "databricks", "fabric"]),
              help="The platform the code will run on: the suggestions' wording, and which paths are the driver's disk.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings are reported or a file cannot be read (options and config still exit 2).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary.")
@click.option("--no-color", is_flag=True, help="Plain text output (also: NO_COLOR).")
@click.option("--stdin-filename", default="-", help="The name to report for code read from `-`.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too.")
@click.option("--data-size", help="How big the input data is (e.g. 50GB), for the compute estimate.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="The lowest severity whose findings make the exit code 1.")
@click.option("--estimate", "estimate_view", type=click.Choice(["short", "full", "none"]), default="short",
              show_default=True, help="The compute estimate in the text report: a line per file, each file's "
              "reasons, or none (JSON always has it all).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced instead of the findings.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in this file; exit 0.")
@click.option("--diff", "diff_ref", metavar="REF", help="Check only lines changed since a git ref (e.g. origin/main).")
@click.option("--no-cache", is_flag=True, envvar="SPARKLINT_NO_CACHE", help="Check every file anew; read and write no cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar="SPARKLINT_CACHE_DIR",
              help="Where to keep the cache (default: .sparklint_cache in the project root).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), envvar="SPARKLINT_JOBS",
              help="Processes to check files on (default 0: every core).")
def check(paths, select, ignore, output_format, output_file, target, exit_zero, quiet, no_color, stdin_filename,
          force_exclude, fail_on, estimate_view, statistics, baseline, write_baseline, diff_ref, data_size, no_cache,
          cache_dir, jobs) -> None:
    """Check scripts and notebooks (PATHS, default: the current folder; `-` reads stdin)."""
    # A run keeps hundreds of thousands of objects to its end (the cache index, the findings), and
    # with Python's default thresholds the collector walks them again every few thousand
    # allocations; collecting less often took a fifth off a warm run over 52,000 findings.
    gc.set_threshold(*GC_THRESHOLDS)
    from sparklint.config import ConfigError, settings_for_dir
    from sparklint.progress import check_with_progress
    from sparklint.reporters import REPORTERS

    paths = paths or (".",)
    overrides = {"select": _split(select), "ignore": _split(ignore), "target": target, "data_size": _size(data_size)}
    _check_selectors((overrides["select"] or ()) + (overrides["ignore"] or ()))
    try:
        stdin = sys.stdin.buffer.read() if "-" in paths else None
        run = check_with_progress(paths, overrides, force_exclude=force_exclude, stdin=stdin,
                                  stdin_filename=stdin_filename, cache=not no_cache, cache_dir=cache_dir, jobs=jobs)
        output_format = output_format or settings_for_dir(Path.cwd()).output_format
    except ConfigError as exc:
        _fail(str(exc))
    run = _narrowed(run, diff_ref, baseline)
    run.estimate = estimate_view
    if write_baseline:
        from sparklint.baseline import write

        count = write(run, write_baseline)
        click.echo(f"sparklint: recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}", err=True)
        sys.exit(EXIT_ERROR if run.incomplete else EXIT_CLEAN)
    report = REPORTERS[output_format]
    if statistics:
        from functools import partial

        from sparklint.reporters import statistics as counts

        report = partial(counts.report, as_json=output_format == "json")
    if output_file:
        with open(output_file, "w", encoding="utf-8") as stream:
            report(run, stream, color=False, quiet=quiet)
    else:
        report(run, sys.stdout, color=_use_color(no_color, sys.stdout), quiet=quiet)
    if exit_zero:  # as in Ruff: a file that cannot be read is reported like a finding, and the step never fails
        sys.exit(EXIT_CLEAN)
    if run.incomplete:
        sys.exit(EXIT_ERROR)
    failing = SEVERITIES[:SEVERITIES.index(fail_on) + 1]
    sys.exit(EXIT_FINDINGS if any(f.severity in failing for r in run.files for f in r.findings) else EXIT_CLEAN)


def _check_selectors(selectors: tuple[str, ...]) -> None:
    """Stop on a --select/--ignore value that names no rule (the catalog is read only to check one)."""
    if not selectors:
        return
    from sparklint.catalog import load_rules

    known = {name for rule in load_rules() for name in (rule.code, rule.name)}
    for code in selectors:
        if not any(k.startswith(code) for k in known):
            _fail(f"--select/--ignore: no rule code or prefix matches {code!r}")


def _narrowed(run, diff_ref: str | None, baseline: str | None):
    """The run limited to lines changed since `diff_ref` and to findings not in the baseline."""
    if not (diff_ref or baseline):
        return run
    from sparklint.baseline import BaselineError, load, new_findings
    from sparklint.gitdiff import DiffError, changes_since, only_changed

    try:
        if diff_ref:
            run = only_changed(run, changes_since(diff_ref))
        if baseline:
            run = new_findings(run, load(baseline))
    except (DiffError, BaselineError) as exc:
        _fail(str(exc))
    return run


@main.command()
@click.argument("code")
@click.option("--no-color", is_flag=True, help="Plain text output.")
def rule(code: str, no_color: bool) -> None:
    """Explain a rule: what it flags, why, the PySpark equivalent, an example, its limits."""
    from rich.markdown import Markdown

    from sparklint.catalog import load_rules
    from sparklint.docs import rule_markdown
    from sparklint.reporters.styled import console_for

    found = [r for r in load_rules() if r.code == code.upper() or r.name == code]
    if not found:
        _fail(f"no rule {code!r}; `sparklint rules` lists them")
    color = _use_color(no_color, sys.stdout)
    text = rule_markdown(found[0])
    if color:
        console_for(sys.stdout, color).print(Markdown(text))
    else:
        click.echo(text)


WIDE_RULES_TABLE = 140


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules(output_format: str) -> None:
    """List every rule."""
    from rich.table import Table

    from sparklint.catalog import load_rules
    from sparklint.docs import equivalent, rules_markdown_table
    from sparklint.reporters.styled import console_for

    catalog = load_rules()
    if output_format == "json":
        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "family": r.family, "severity": r.severity, "target": r.target,
            "message": r.message, "suggestion": r.suggestion, "pandas_on_spark": r.pandas_on_spark,
        } for r in catalog], indent=2))
        return
    if output_format == "markdown":
        click.echo(rules_markdown_table(catalog))
        return
    console = console_for(sys.stdout, _use_color(False, sys.stdout))
    wide = console.width >= WIDE_RULES_TABLE  # below that the equivalents wrap every cell into fragments
    table = Table("Code", "Name", "Family", "Severity", *(["PySpark equivalent"] if wide else []))
    for r in catalog:
        table.add_row(r.code, r.name, r.family, r.severity, *([equivalent(r)] if wide else []))
    console.print(table)
    if not wide:
        console.print(f"`sparklint rule CODE` shows its PySpark equivalent; {WIDE_RULES_TABLE}+ columns list them all.")


@main.command()
def server() -> None:
    """Run the language server on stdio: diagnostics in scripts and notebook cells, quick fixes, rule on hover."""
    try:
        from sparklint.server import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in ("pygls", "lsprotocol"):
            raise
        _fail("`sparklint server` needs pygls: pip install 'sparklint[lsp]'")
    serve()


@main.command("fix")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change behaviour (eager pandas → lazy Spark).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the changes as a unified diff; write nothing.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to fix (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes not to fix (comma-separated).")
def fix_command(paths, unsafe_fixes, show_diff, select, ignore) -> None:
    """Apply the fixes of findings in PATHS: safe ones by default, unsafe ones with --unsafe-fixes;
    display-only suggestions are shown with --diff and never written. Exit 0 when nothing fixable is
    left, 1 when fixes remain (unsafe or display-only), 2 on an error."""
    from sparklint.api import settings_for
    from sparklint.discovery import Missing, discover
    from sparklint.fixes import FixError, checker, fix_file

    overrides = {"select": _split(select), "ignore": _split(ignore)}
    fixed = left = errors = 0
    for path in discover(list(paths or (".",)), False):
        if isinstance(path, Missing):
            click.echo(f"sparklint: {path.path}: no such file or directory", err=True)
            errors += 1
            continue
        settings = settings_for(Path(path), overrides)
        try:
            result = fix_file(path, checker(settings), unsafe_fixes, write=not show_diff)
        except FixError as exc:
            click.echo(f"sparklint: {path}: {exc}", err=True)
            errors += 1
            continue
        fixed += len(result.applied)
        left += len(result.unsafe_left) + len(result.display_only)
        if show_diff:
            click.echo(result.diff(), nl=False)
            if result.suggested:
                click.echo(f"# display-only suggestions for {path} (never applied):")
                click.echo(result.suggestion_diff(), nl=False)
    verb = "would fix" if show_diff else "fixed"
    click.echo(f"sparklint: {verb} {fixed} finding{'s' if fixed != 1 else ''}; {left} fix"
               f"{'es' if left != 1 else ''} left (unsafe: --unsafe-fixes; display-only: --diff)", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if left else EXIT_CLEAN)


@main.command("migrate", context_settings={"ignore_unknown_options": True})
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.argument("script_args", nargs=-1, type=click.UNPROCESSED)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="Where to write the PySpark version.")
@click.option("--api", type=click.Choice(["spark", "pandas-on-spark"]), default="spark", show_default=True,
              help="Translate pandas to the Spark DataFrame API, or run it unchanged on the pandas API on Spark.")
@click.option("--verify", "run_verify", is_flag=True,
              help="Run both scripts on a local-cluster: the migrated one must be distributed, outputs must agree.")
@click.option("--metric-tolerance", type=float, default=0.1, show_default=True,
              help="Metrics agree when |a-b| <= this * max(1, |a|, |b|).")
@click.option("--row-tolerance", type=float, default=0.1, show_default=True,
              help="Row counts agree within this fraction (random splits differ between libraries).")
@click.option("--timeout", type=float, help="Seconds each script may run under --verify.")
def migrate_command(script, script_args, output, api, run_verify, metric_tolerance, row_tolerance, timeout) -> None:
    """Rewrite a pandas + scikit-learn SCRIPT (or notebook) into PySpark at --output; what cannot be
    translated faithfully stays, marked `# TODO(sparklint)`. With --verify, pass the script's arguments
    after `--`; `{out}` in them becomes a per-run output folder whose files are compared.
    Exit 0 done (and proven), 1 --verify failed, 2 error."""
    from sparklint.atomic import write_text
    from sparklint.migrate import migrate_file
    from sparklint.sources import SourceError

    try:
        migration = migrate_file(script, api)
    except (SourceError, SyntaxError, ValueError) as exc:
        _fail(f"{script}: {exc}")
    write_text(output, migration.code)
    click.echo(f"sparklint: wrote {output}; {migration.todos} TODO(sparklint) line"
               f"{'s' if migration.todos != 1 else ''} left for review", err=True)
    if not run_verify:
        sys.exit(EXIT_CLEAN)
    import importlib.util

    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("psutil") is None:
        _fail("--verify needs PySpark and psutil: pip install 'sparklint[spark]'")
    from sparklint.harness.session import HarnessError, VerifySession
    from sparklint.migrate.verify import prove

    try:
        with VerifySession() as session:
            proof = prove(session, Path(script), Path(output), list(script_args),
                          metric_tolerance=metric_tolerance, row_tolerance=row_tolerance, timeout=timeout,
                          origins=migration.origins)
    except HarnessError as exc:
        _fail(str(exc))
    click.echo(proof.describe())
    sys.exit(EXIT_CLEAN if proof.ok else EXIT_FINDINGS)


def _size(value: str | None) -> int | None:
    from sparklint.config import ConfigError, parse_size

    try:
        return None if value is None else parse_size(value, "--data-size")
    except ConfigError as exc:
        _fail(str(exc))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--data-size", help="How big the input data is (e.g. 50GB); default: the local inputs' size on disk.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--no-color", is_flag=True, help="Plain text output (also: NO_COLOR).")
def estimate(paths, data_size, output_format, no_color) -> None:
    """Print only the compute estimate (CPU or GPU, memory, one node or Spark) for PATHS."""
    from sparklint.api import check_paths
    from sparklint.config import ConfigError
    from sparklint.reporters.text import estimate_report

    try:
        run = check_paths(paths or (".",), {"data_size": _size(data_size)})
    except ConfigError as exc:
        _fail(str(exc))
    if output_format == "json":
        files = [{"path": r.path, "kind": r.kind, "error": r.error, "cell_errors": r.cell_errors, "skipped": r.skipped,
                  "compute": r.compute.as_dict() if r.compute is not None else None} for r in run.files]
        click.echo(json.dumps({"version": __version__, "files": files}, indent=2))
    else:
        estimate_report(run, sys.stdout, color=_use_color(no_color, sys.stdout))
    sys.exit(EXIT_ERROR if run.incomplete else EXIT_CLEAN)
