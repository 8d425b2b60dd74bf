"""`sparklint verify`: the click command. Importing this module must not import pyspark (`check` stays light)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import click

from sparklint.harness.verdict import Thresholds  # plain data: no pyspark

EXIT_OK, EXIT_REQUIREMENT, EXIT_ENVIRONMENT, EXIT_SCRIPT_FAILED, EXIT_TIMEOUT = 0, 1, 2, 3, 4
INSTALL_SPARK = "sparklint verify needs PySpark and psutil: pip install 'sparklint[spark]'"
# pyspark[connect]'s client dependencies (grpcio-status brings protobuf), by import name
CONNECT_MODULES = ("grpc", "grpc_status", "google.protobuf", "google.rpc", "pyarrow", "zstandard", "pandas")
INSTALL_CONNECT = ("sparklint verify --remote needs the Spark Connect client ({missing}): "
                   "pip install 'sparklint[spark]' (or pip install 'pyspark[connect]')")


def missing_connect_modules() -> list[str]:
    """The Connect client's modules that cannot be imported (imported for real: a broken install counts)."""
    import importlib

    missing = []
    for name in CONNECT_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def _conf(ctx, param, values) -> dict[str, str]:
    conf = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep:
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}")
        conf[key] = val
    return conf


# The verdict's and the advice's thresholds: an option each, its default the one `Thresholds` holds.
THRESHOLD_OPTIONS = (
    ("--distributed-share", "distributed",
     "Executor share of compute at or above which (with enough executors) a run is distributed."),
    ("--driver-bound-share", "driver_bound", "Executor share of compute below which a run is driver-bound."),
    ("--min-executors", "min_executors", "Executors that must have run tasks for a distributed verdict."),
    ("--idle-utilization", "idle_utilization",
     "Executor utilization below which the executors were mostly idle (advice: distribute or scale-down)."),
    ("--saturated-utilization", "saturated_utilization",
     "Executor utilization from which the executors were saturated (advice: scale-out)."),
    ("--busy-driver", "busy_driver",
     "Driver Python CPU over the time no task ran, from which the driver was busy (advice: distribute)."),
    ("--memory-near-limit", "memory_near_limit",
     "Share of the executor heap limit from which a peak is near it (advice: memory-optimized)."),
)


def threshold_options(command):
    defaults = Thresholds()
    for flag, field, help_text in reversed(THRESHOLD_OPTIONS):
        default = getattr(defaults, field)
        command = click.option(flag, field, type=type(default), default=default, show_default=True,
                               help=help_text)(command)
    return command


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@click.argument("script_args", nargs=-1, type=click.UNPROCESSED)
@click.option("--master", help="Spark master URL. Default local-cluster[EXECUTORS,CORES,MEM]: real executor JVMs "
              "on this machine. local[*] is faster but cannot prove distribution; spark://host:port is a standalone cluster.")
@click.option("--remote", metavar="sc://HOST:PORT", help="Run as a Spark Connect client of this server (as Databricks "
              "Connect does): SPARK_REMOTE is set, so the script's getOrCreate() connects. Evidence comes from the server.")
@click.option("--server-ui", metavar="URL", help="With --remote: the server's Spark UI, whose REST API lists the jobs "
              "and tasks [default: http://<remote host>:4040].")
@click.option("--server-event-log", type=click.Path(exists=True, file_okay=False),
              help="With --remote: read the server's event log directory (its spark.eventLog.dir) instead of its REST API.")
@click.option("--executors", default=2, show_default=True,
              help="Executors of the default local-cluster, or asked of a spark:// master.")
@click.option("--executor-cores", default=1, show_default=True)
@click.option("--executor-memory", default=1024, show_default=True, help="MB per executor.")
@click.option("--conf", "conf", multiple=True, callback=_conf, metavar="KEY=VALUE", help="Extra Spark setting.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--report", type=click.Path(dir_okay=False, writable=True), help="Write a self-contained HTML report.")
@click.option("--require", type=click.Choice(["distributed"]), help="Exit 1 unless the verdict is this (for CI).")
@click.option("--timeout", type=float, help="Seconds before the script and Spark are stopped (exit 4).")
@click.option("--startup-timeout", type=float, default=240, show_default=True, help="Seconds to wait for Spark.")
@threshold_options
def verify(script, script_args, master, remote, server_ui, server_event_log, executors, executor_cores, executor_memory, conf, fmt, report,
           require, timeout, startup_timeout, **thresholds):
    """Run SCRIPT (.py or notebook) on Spark and report, from Spark's event log, whether it ran distributed,
    how well it used the compute, and what to change (scale down or out, distribute, GPU, memory).

    Pass the script's own arguments after `--`: sparklint verify train.py -- --epochs 3

    Exit codes: 0 done (and --require met), 1 --require not met, 2 usage or environment error
    (no PySpark/Java, Spark did not start), 3 the script raised or exited non-zero, 4 timeout.
    """
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("psutil") is None:
        click.echo(INSTALL_SPARK, err=True)
        sys.exit(EXIT_ENVIRONMENT)
    if remote and master:
        raise click.UsageError("--remote and --master exclude each other: the Connect server has its own master")
    if (server_ui or server_event_log) and not remote:
        raise click.UsageError("--server-ui and --server-event-log go with --remote")
    if remote and not remote.startswith("sc://"):
        raise click.BadParameter(f"expected sc://host:port, got {remote!r}", param_hint="--remote")
    if remote and (missing := missing_connect_modules()):
        click.echo(INSTALL_CONNECT.format(missing=", ".join(missing)), err=True)
        sys.exit(EXIT_ENVIRONMENT)
    from rich.console import Console

    from sparklint.harness.cluster import ClusterSpec
    from sparklint.harness.java import JavaError
    from sparklint.harness.outcome import measure
    from sparklint.harness.render import print_result, to_json
    from sparklint.harness.report_html import render
    from sparklint.harness.session import HarnessError, VerifySession

    spec = ClusterSpec(master=master, executors=executors, executor_cores=executor_cores,
                       executor_memory_mb=executor_memory, conf=conf, remote=remote, server_ui=server_ui,
                       server_event_log=str(Path(server_event_log).resolve()) if server_event_log else None)
    err = Console(stderr=True)
    if fmt == "text":
        err.print(f"starting Spark: {spec.describe()}")
    try:
        with VerifySession(spec, startup_timeout=startup_timeout) as session:
            result = measure(session, str(Path(script).resolve()), list(script_args), timeout, Thresholds(**thresholds))
    except (JavaError, HarnessError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(EXIT_ENVIRONMENT)
    if fmt == "json":
        click.echo(to_json(result))
    else:
        print_result(result, Console())
    if report:
        Path(report).write_text(render(result), encoding="utf-8")
    if result.status == "timeout":
        sys.exit(EXIT_TIMEOUT)
    if result.status != "ok":
        sys.exit(EXIT_SCRIPT_FAILED)
    if require and result.label != require:
        sys.exit(EXIT_REQUIREMENT)
    sys.exit(EXIT_OK)
