"""Pattern classes: matchers for rules that a table row cannot express.

A catalog row says `pattern = "<name>"`; the class registered under that name finds the code and
reports it through the Context. Classes are found by importing every module of this package, so
adding one is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from sparklint.rule import Rule

_REGISTRY: dict[str, type["Pattern"]] = {}


class Pattern:
    """Base class: subclasses define `visit_<Node>(node, ctx)` / `leave_<Node>(node, ctx)` methods."""

    name = ""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            _REGISTRY[cls.name] = cls


@lru_cache(maxsize=1)
def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def pattern_class(name: str) -> type[Pattern]:
    _load_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no pattern class named {name!r}") from None

