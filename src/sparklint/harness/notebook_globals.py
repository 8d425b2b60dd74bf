"""What a notebook platform defines before the first cell runs, so that `verify` runs a notebook as
Databricks and Fabric do.

Both platforms bind `spark` (and `sc`) to the cluster's session and offer `display`; Databricks adds
`dbutils` and `displayHTML`, Fabric `notebookutils` (and its older name `mssparkutils`). Here `spark`
and `sc` are the harness's own session, `display` takes a bounded look as the platforms do (one small
job), and the utilities answer what has a local meaning: widgets give their default values and
`notebook.exit` ends the run as it ends a notebook. Any other utility call (`dbutils.fs.ls`,
`notebookutils.credentials.getSecret`, …) needs the workspace, so it stops the run with a message
naming the call; the traceback then names its cell and line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DISPLAY_ROWS = 20  # what `show()` prints; the platforms' own tables page through more


class NeedsTheWorkspace(RuntimeError):
    """A platform utility call that only the Databricks or Fabric workspace can answer."""


def notebook_globals(spark: Any, connect: bool) -> dict[str, Any]:
    """The names a notebook may use without defining them, bound to this run's session."""
    widgets: dict[str, Any] = {}
    names: dict[str, Any] = {"spark": spark, "display": display, "displayHTML": display_html}
    if not connect:  # Spark Connect has no SparkContext
        names["sc"] = spark.sparkContext
    names["dbutils"] = _Utility("dbutils", "Databricks", _databricks_calls(widgets))
    for name in ("notebookutils", "mssparkutils"):
        names[name] = _Utility(name, "Fabric", _fabric_calls())
    return names


def display(value: Any = None, *args: Any, **kwargs: Any) -> None:
    """A Spark DataFrame shows its first rows (a job bounded by the limit, as on the platforms);
    anything else prints."""
    if hasattr(value, "show") and hasattr(value, "schema"):
        value.show(DISPLAY_ROWS, truncate=False)
    elif hasattr(value, "head") and hasattr(value, "to_string"):
        print(value.head(DISPLAY_ROWS).to_string())
    else:
        print(value)


def display_html(html: str) -> None:
    print(f"[displayHTML: {len(str(html))} characters of HTML]")


class _Utility:
    """`dbutils`, `notebookutils` and every attribute below them: a call answers if it has a local
    meaning (`calls`, by its path without the root), and otherwise raises NeedsTheWorkspace."""

    def __init__(self, dotted: str, platform: str, calls: dict[str, Callable[..., Any]]) -> None:
        self._dotted, self._platform, self._calls = dotted, platform, calls

    def __getattr__(self, name: str) -> _Utility:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Utility(f"{self._dotted}.{name}", self._platform, self._calls)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        local = self._calls.get(self._dotted.partition(".")[2])
        if local is not None:
            return local(*args, **kwargs)
        raise NeedsTheWorkspace(
            f"`{self._dotted}(...)` needs the {self._platform} workspace and cannot run on this cluster; "
            f"give the notebook that value another way (a parameter, an environment variable) for the local run"
        )

    def __repr__(self) -> str:
        return f"<{self._dotted}: {self._platform} notebook utilities, as sparklint verify provides them>"


def _databricks_calls(widgets: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    def define(name: str, defaultValue: Any = None, *args: Any, **kwargs: Any) -> None:  # noqa: N803 - dbutils' name
        widgets[name] = defaultValue

    def get(name: str, *default: Any) -> Any:
        if name in widgets:
            return widgets[name]
        if default:
            return default[0]
        raise NeedsTheWorkspace(f"`dbutils.widgets.get({name!r})`: no widget {name!r} was defined before it was read")

    return {
        "widgets.text": define, "widgets.dropdown": define, "widgets.combobox": define,
        "widgets.multiselect": define, "widgets.get": get, "widgets.getArgument": get,
        "widgets.remove": lambda name: widgets.pop(name, None), "widgets.removeAll": widgets.clear,
        "notebook.exit": _exit,
    }


def _fabric_calls() -> dict[str, Callable[..., Any]]:
    return {"notebook.exit": _exit}


def _exit(value: Any = None) -> None:
    """`notebook.exit(value)` ends the notebook there, successfully."""
    raise SystemExit(0)
