"""The two nouns of sparklint: a Rule (what to look for and what to write instead) and a Finding.

Rules are data. A catalog row in `rules/*.toml` becomes a Rule whether a table spec or a small
pattern class finds its occurrences, so documentation, selection, suppression and tests treat
every rule alike.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

SEVERITIES = ("error", "warning", "info")
ALTERNATIVE = "|"  # `{n_components|0}`: the fields to fill a slot from, the first given
SUGGESTION_ONLY = "suggestion:"  # a fill field with this prefix replaces its namesake in the suggestion only
# The same for a path the code spells right but the target's Spark looks for elsewhere: the fix still copies it
# (SPL801 then reports the path it wrote), the suggestion says where the file must be.
SUGGESTION_PATH = "suggestion-path:"
# A fill field that replaces the whole suggestion: where any Spark spelling of the call would be wrong, in words.
SUGGESTION_WORDS = SUGGESTION_ONLY + "*"
# A fill field whose words end the suggestion's comment: what a name the suggestion uses stands for.
SUGGESTION_NOTE = SUGGESTION_ONLY + "#"
# A fill field naming the user's pandas frame a suggestion calls a Spark method on: the comment says it stands for
# the data as a Spark DataFrame, which the code has yet to make.
SUGGESTION_DATA = "suggestion-data"  # not SUGGESTION_ONLY: a fix of the call still applies
# A fill field that replaces the whole suggestion with what the code around the call is to become, where the rule's
# fix of the call itself still applies (not SUGGESTION_ONLY).
SUGGESTION_AROUND = "suggestion-around"
# A fill field set when the call changed its receiver in place (`inplace=True`): a Spark DataFrame never changes, so
# a suggestion that calls a method on the receiver assigns the new DataFrame back to it.
SUGGESTION_IN_PLACE = SUGGESTION_ONLY + "="
ANY_VALUE = "*"  # a keyword condition met by any value the call passes but None (`stratify=y`)
FIX_SAFETIES = ("safe", "unsafe", "display-only")  # Ruff's labels: only safe fixes apply by default
# A suggestion that starts by building a class (`GaussianMixture(k=3)  # ...`): a pyspark.ml twin, named by its class.
BUILDS_A_CLASS = re.compile(r"([A-Z]\w*)\(")


def noted(suggestion: str, note: str) -> str:
    """A suggestion with a note added to its comment, or as its comment when it has none."""
    return suggestion if not note else suggestion + ("; " if "  # " in suggestion else "  # ") + note


@dataclass(frozen=True)
class Match:
    """How a table row finds its code: a call by qualified name, or a method/attribute on a value kind."""

    call: tuple[str, ...] = ()
    method: tuple[str, ...] = ()
    attribute: tuple[str, ...] = ()
    on: tuple[str, ...] = ()  # value kinds the method/attribute must be used on
    unknown: bool = False  # also match receivers whose kind is unknown (when the family's module is imported)
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # keyword -> values it may take, as source text
    pattern: str | None = None  # the pattern class (in `patterns/<family>.py`) that finds the code instead


@dataclass(frozen=True)
class Example:
    """A rule's example: its code, an optional name, and for flagged code the lines the rule reports."""

    code: str
    name: str = ""
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Fills:
    """The template fields a matcher's reports fill: `names`, and with `call` the reported call's own
    (`callee`, `receiver`, `args`, positions `0`, `1`… and keywords: `Context.call_fields`)."""

    names: tuple[str, ...] = ()
    call: bool = False

    def unknown(self, rule: Rule) -> list[str]:
        """Fields the rule's templates use that these never fill: a typo would quietly render as `...`.

        Any keyword could fill a field, so a keyword field counts only if a flagged example passes it.
        """
        return sorted(field for field in rule.template_fields for name in field.split(ALTERNATIVE)
                      if name not in self.names and not (self.call and (
                          name in ("callee", "receiver", "args") or name.isdigit() or _passed(name, rule))))


def _passed(keyword: str, rule: Rule) -> bool:
    passed = re.compile(rf"[(,]\s*{re.escape(keyword)}\s*=(?!=)")
    return any(passed.search(example.code) for example in rule.flagged)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    message: str
    why: str
    suggestion: str
    severity: str
    target: str
    limits: str
    match: Match
    requires: tuple[str, ...] = ()  # modules one of which the file must import for the rule to run
    pandas_on_spark: str | None = None
    use_instead: str | None = None
    references: tuple[str, ...] = ()
    flagged: tuple[Example, ...] = ()
    silent: tuple[Example, ...] = ()
    fix: str | None = None  # replacement for the flagged node, a template like `suggestion`
    fix_safety: str = "display-only"
    fix_imports: tuple[str, ...] = ()  # import lines the replacement needs
    fixed: tuple[str, ...] = ()  # flagged examples after fixing, in the same order
    # A fix that copies the call's arguments (`{args}`) applies only to calls passing no others
    # (positions "0", "1"… and keyword names): the rest have a pandas meaning Spark does not share.
    fix_arguments: tuple[str, ...] | None = None
    fills: Fills = Fills()  # the template fields its matcher's reports fill (checked when the catalog loads)

    def render(self, template: str, fill: Mapping[str, Any]) -> str:
        return _Template().format(template, **fill)

    def fixes(self, passed: set[str] | None) -> bool:
        """Whether the fix applies to a call passing these arguments (None: ones it cannot list, `*a`)."""
        return self.fix is not None and (self.fix_arguments is None or (
            passed is not None and passed <= set(self.fix_arguments)))

    def render_suggestion(self, fill: Mapping[str, Any]) -> str:
        """The suggestion, with the fields a matcher re-spelt for Spark (`SUGGESTION_ONLY` + name) in
        place of the user's own code: the message still quotes the code as written."""
        if SUGGESTION_WORDS in fill or SUGGESTION_AROUND in fill:
            return str(fill.get(SUGGESTION_WORDS, fill.get(SUGGESTION_AROUND)))
        spelt = {name.split(":", 1)[1]: value for name, value in fill.items()
                 if name.startswith((SUGGESTION_ONLY, SUGGESTION_PATH))}
        rendered = self.render(self.suggestion, {**fill, **spelt})
        receiver = str(spelt.get("receiver", fill.get("receiver", "")))
        if SUGGESTION_IN_PLACE in fill and receiver and rendered.startswith(receiver + "."):
            rendered = f"{receiver} = {rendered}"
        data = fill.get(SUGGESTION_DATA)
        code = rendered.partition("  # ")[0]
        spark_data = f"`{data}` as a Spark DataFrame" if data and "as a Spark DataFrame" not in rendered \
            and re.match(rf"(?:{re.escape(data)} = )?{re.escape(data)}\.", code) else None
        return noted(rendered, "; ".join(str(note) for note in (spark_data, fill.get(SUGGESTION_NOTE)) if note))

    @cached_property
    def template_fields(self) -> set[str]:
        """The fields its templates (message, suggestion, fix, pandas_on_spark) ask to be filled."""
        templates = (self.message, self.suggestion, self.fix or "", self.pandas_on_spark or "")
        return {name for template in templates for _, name, _, _ in string.Formatter().parse(template) if name}


class _Template(string.Formatter):
    """`{0}`, `{receiver}`, `{callee}`… filled with the user's own code; a missing field shows as `...`,
    or as nothing when written `{subset:?}` (an argument the Spark call does without), or as the library's own
    default when written `{max_iter:int=100}` (the user's model is the one that default builds).

    `{max_depth:int}` (or `:number`) takes the user's value only if it is not a literal of another
    type: sklearn's `max_depth=None` or `n_components=0.95` mean what a Spark integer cannot.
    `{n_components|0}` takes the keyword, or else the first argument: `PCA(100)` passes it by position.
    """

    def get_value(self, key: Any, args: Any, kwargs: Mapping[str, Any]) -> Any:
        given = (kwargs.get(name) for name in str(key).split(ALTERNATIVE))
        return next((value for value in given if value not in (None, "")), _MISSING)

    def format_field(self, value: Any, format_spec: str) -> Any:
        format_spec, _, default = format_spec.partition("=")
        if value is _MISSING:
            return default or ("" if format_spec == "?" else "...")
        if format_spec in LITERAL_TYPES:
            return value if _fits(str(value), LITERAL_TYPES[format_spec]) else "..."
        return super().format_field(value, "" if format_spec == "?" else format_spec)


_MISSING = object()  # a field the user's code does not give


LITERAL_TYPES: dict[str, tuple[type, ...]] = {"int": (int,), "number": (int, float)}


def _fits(code: str, types: tuple[type, ...]) -> bool:
    """Whether user code can be a value of these types: an expression can, unless it builds an object of a class
    (`cv=LeaveOneOut()`, `KFold(5)`: a splitter, never a number); a literal must be one."""
    try:
        value = ast.literal_eval(code)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return not _constructs(code)
    return isinstance(value, types) and not isinstance(value, bool)


def _constructs(code: str) -> bool:
    """Whether code is a call of a capitalised name, as classes are named (`KFold(n_splits=5)`, `model_selection.KFold()`)."""
    try:
        tree = ast.parse(code.strip(), mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    called = tree.func if isinstance(tree, ast.Call) else None
    name = called.attr if isinstance(called, ast.Attribute) else called.id if isinstance(called, ast.Name) else ""
    return name[:1].isupper()


@dataclass(frozen=True)
class Fix:
    """Replace the flagged span (line/column .. end_line/end_column) with `replacement`."""

    replacement: str
    safety: str
    imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    suggestion: str
    target: str
    cell: int | None = None
    cell_line: int | None = None
    fix: Fix | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {
            "path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "code": self.code, "name": self.name, "severity": self.severity,
            "message": self.message, "suggestion": self.suggestion, "target": self.target,
        }
        if self.cell is not None:
            data["cell"] = self.cell
            data["cell_line"] = self.cell_line
        if self.fix is not None:
            data["fix"] = {"replacement": self.fix.replacement, "safety": self.fix.safety,
                           "imports": list(self.fix.imports)}
        return data

