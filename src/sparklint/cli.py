"""The `sparklint` command. Exit codes: 0 nothing found, 1 findings, 2 an error (usage, config,
or a file that could not be read or parsed — the other files are still checked and reported)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from sparklint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _use_color(no_color: bool, stream) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _fail(message: str) -> None:
    click.echo(f"sparklint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sparklint")
def main() -> None:
    """Find the lines of a training script that would stay on the Spark driver."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--target", type=click.Choice(["spark", "databricks", "fabric"]), help="Word suggestions for a platform.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary.")
@click.option("--no-color", is_flag=True, help="Plain text output (also: NO_COLOR).")
@click.option("--stdin-filename", default="-", help="The name to report for code read from `-`.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too.")
def check(paths, select, ignore, output_format, output_file, target, exit_zero, quiet, no_color, stdin_filename,
          force_exclude) -> None:
    """Check scripts and notebooks (PATHS, default: the current folder; `-` reads stdin)."""
    from sparklint.api import check_paths
    from sparklint.catalog import load_rules
    from sparklint.config import ConfigError, settings_for_dir
    from sparklint.reporters import REPORTERS

    paths = paths or (".",)
    overrides = {"select": _split(select), "ignore": _split(ignore), "target": target}
    known = {r.code for r in load_rules()} | {r.name for r in load_rules()}
    for code in (overrides["select"] or ()) + (overrides["ignore"] or ()):
        if not any(k.startswith(code) for k in known):
            _fail(f"--select/--ignore: no rule code or prefix matches {code!r}")
    try:
        stdin = sys.stdin.buffer.read() if "-" in paths else None
        run = check_paths(paths, overrides, force_exclude=force_exclude, stdin=stdin, stdin_filename=stdin_filename)
        output_format = output_format or settings_for_dir(Path.cwd()).output_format
    except ConfigError as exc:
        _fail(str(exc))
    if output_file:
        with open(output_file, "w", encoding="utf-8") as stream:
            REPORTERS[output_format](run, stream, color=False, quiet=quiet)
    else:
        REPORTERS[output_format](run, sys.stdout, color=_use_color(no_color, sys.stdout), quiet=quiet)
    if run.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if run.findings and not exit_zero else EXIT_CLEAN)


@main.command()
@click.argument("code")
@click.option("--no-color", is_flag=True, help="Plain text output.")
def rule(code: str, no_color: bool) -> None:
    """Explain a rule: what it flags, why, the PySpark equivalent, an example, its limits."""
    from rich.markdown import Markdown

    from sparklint.catalog import load_rules
    from sparklint.docs import rule_markdown
    from sparklint.reporters.text import console_for

    found = [r for r in load_rules() if r.code == code.upper() or r.name == code]
    if not found:
        _fail(f"no rule {code!r}; `sparklint rules` lists them")
    color = _use_color(no_color, sys.stdout)
    text = rule_markdown(found[0])
    if color:
        console_for(sys.stdout, color).print(Markdown(text))
    else:
        click.echo(text)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules(output_format: str) -> None:
    """List every rule."""
    from rich.table import Table

    from sparklint.catalog import load_rules
    from sparklint.docs import rules_markdown_table
    from sparklint.reporters.text import console_for

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
    table = Table("Code", "Name", "Family", "Severity", "PySpark equivalent")
    for r in catalog:
        table.add_row(r.code, r.name, r.family, r.severity, r.suggestion.split("  #")[0])
    console_for(sys.stdout, _use_color(False, sys.stdout)).print(table)
