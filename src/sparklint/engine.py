"""Parse a file once, walk it once with every enabled rule, and turn reports into findings.

The cost of a LibCST linter is parsing and metadata. So: a regular-expression gate skips files
that import nothing a rule cares about before any parsing; names come from one import pass
(`names.py`), not scope analysis; the tree is never copied and is read without LibCST's
rebuilding traversal (`tree.py`); and positions (and the code quoted in messages) are worked out
only for the statements that hold a report (`positions.py`).
"""

from __future__ import annotations

import ast
import gc
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache

import libcst as cst

from sparklint.context import Code, Context, Report
from sparklint.names import PROVIDES
from sparklint.patterns import pattern_class
from sparklint.patterns.sklearn import step_suggestion
from sparklint.positions import BLOCKS, Positions
from sparklint.result import FileResult, LocatedSignal
from sparklint.rule import BUILDS_A_CLASS, SUGGESTION_ONLY, Finding, Fix, Rule, noted
from sparklint.sources import LINE_BREAK, Source
from sparklint.suppression import Suppressions
from sparklint.tables import Table, TableMatcher
from sparklint.tree import children, parse
from sparklint.values import (
    ESTIMATOR,
    ESTIMATORS,
    FILE,
    IN_COMPOSITE,
    NOTEBOOK_GLOBALS,
    PAYLOAD,
    ROWS,
    SMALL_DATA,
    SMALL_DATA_SUGGESTION,
    SPARK_SMALL,
    VALUE,
    VALUES,
    callee_name,
)

Handler = Callable[[cst.CSTNode, Context], None]
# A notebook may use what its platform defines before the first cell runs, without importing it.
PREDEFINED = re.compile(r"(?<![\w.])(?:" + "|".join(NOTEBOOK_GLOBALS) + r")\s*\.")
LANGUAGE_NAMES = {"r": "R", "scala": "Scala", "sql": "SQL", "csharp": "C#", "shell": "shell"}


class Engine:
    """The selected rules, compiled once into a table and pattern classes; each file gets new matchers."""

    def __init__(self, rules: Iterable[Rule], observers: Iterable[object] = ()) -> None:
        """`observers` have visit_/leave_ methods like patterns and record signals instead of findings;
        unlike patterns, the same ones serve every file."""
        self.rules = sorted(rules, key=lambda r: r.code)
        self.observers = observers = tuple(observers)
        self.table = Table([r for r in self.rules if r.match.pattern is None])
        self.patterns = [(pattern_class(r), r) for r in self.rules if r.match.pattern]
        self.handlers = handler_table([TableMatcher, *(c for c, _ in self.patterns), *map(type, observers)])
        needed = {m for r in self.rules for m in r.requires} | {m for o in observers for m in getattr(o, "modules", ())}
        modules = sorted(needed | {m for m, provided in PROVIDES.items() if provided in needed})
        self.gate = re.compile(
            r"^[ \t]*(?:import|from)[ \t]+(?:" + "|".join(map(re.escape, modules)) + r")\b", re.MULTILINE
        ) if modules else None

    def skip_reason(self, source: Source) -> str | None:
        """Why a file holds nothing to check, by a cheap look before any parsing: no Python, or no
        import a rule or an observer needs (in a notebook, nor a name its platform predefines)."""
        if not source.has_python:
            return f"no Python cells (a notebook in {LANGUAGE_NAMES.get(source.language, source.language)})" \
                if source.language != "python" else "no Python cells"
        if self.gate is not None and self.gate.search(source.code):
            return None
        if source.is_notebook and PREDEFINED.search(source.code):
            return None
        return "imports nothing sparklint checks" + (" and uses no predefined `spark`" if source.is_notebook else "")

    def check(self, source: Source, target: str = "spark") -> FileResult:
        other_cells = dict(Counter(c.language for c in source.cells if c.kind == "other"))
        skipped = self.skip_reason(source)
        if skipped:
            return FileResult(source.path, source.kind, skipped=skipped, other_cells=other_cells)
        refused = refusal(source)
        if refused:
            return FileResult(source.path, source.kind, error=refused)
        with _collector_paused():
            result = self._check(source, target)
        result.other_cells = other_cells
        return result

    def _check(self, source: Source, target: str) -> FileResult:
        cell_errors: list[str] = []
        try:
            module = parse(source.code)
        except cst.ParserSyntaxError as exc:
            checked, cell_errors = without_bad_cells(source)
            recovered = _parse_or_none(checked.code) if cell_errors else None
            if recovered is None:
                return FileResult(source.path, source.kind, error=_syntax_error(source, source.code, exc))
            module, source = recovered, checked
        except RecursionError:
            return FileResult(source.path, source.kind, error="too deeply nested to parse")
        context = Context(source, module, target)
        matchers = [TableMatcher(self.table), *(pattern(rule) if pattern.may_report(source.code)
                                                and context.may_enable(rule) else None
                                                for pattern, rule in self.patterns)]
        try:
            Walker(context, Plans([*matchers, *self.observers], self.handlers)).walk(module)
        except RecursionError:
            return FileResult(source.path, source.kind, error="too deeply nested to analyse")
        elsewhere = context.executor_scopes() | context.fallback_scopes()
        reports = context.settled([r for r in context.reports if not elsewhere.intersection(r.scopes)])
        counts = dict(context.counts)
        if not reports and not context.signals:
            return FileResult(source.path, source.kind, cell_errors=cell_errors, counts=counts)
        positions = context.positions
        positions.expect([r.node for r in reports] + [s.node for s in context.signals])
        findings = self._findings(context, reports, positions)
        signals = [_located(s.name, s.value, positions.line(s.node), source) for s in context.signals]
        spans = sorted({n for f in findings for n in range(f.line, f.end_line + 1)})
        lines = LINE_BREAK.split(source.code) if spans else []
        return FileResult(source.path, source.kind, findings, cell_errors=cell_errors, signals=signals, counts=counts,
                          lines={n: lines[n - 1] for n in spans},
                          column_offsets={n: source.column_offsets[n] for n in spans if n in source.column_offsets})

    def _findings(self, context: Context, reports: list, positions: Positions) -> list[Finding]:
        if not reports:
            return []
        source = context.source
        suppressions = Suppressions(source.code)
        small = context.values.small_work()
        findings: dict[tuple, Finding] = {}
        for report in reports:
            span = positions[report.node]
            rule = report.rule
            line, end_line = span.start.line, span.end.line
            if suppressions.suppresses(rule.code, line, end_line):
                continue
            fill = {key: value.read(positions) if isinstance(value, Code) else value
                    for key, value in report.fill.items()}
            offset = source.column_offsets.get(line, 0)
            located = source.locate(line)
            bound = (SMALL_DATA, SMALL_DATA_SUGGESTION) if id(report.node) in small else context.bounds.get(id(report.node))
            finding = Finding(
                path=source.path, line=line, column=span.start.column + 1 + offset, end_line=end_line,
                end_column=span.end.column + 1 + source.column_offsets.get(end_line, 0),
                code=rule.code, name=rule.name, severity="info" if bound else rule.severity,
                message=rule.render(rule.message, fill) + (bound[0] if bound else ""),
                suggestion=bound[1].format(code=rule.code) if bound and bound[1]
                else _suggestion(report, fill, context),
                target=rule.target, cell=located[0] if located else None, cell_line=located[1] if located else None,
                fix=Fix(rule.render(rule.fix or "", fill), rule.fix_safety, rule.fix_imports)
                if rule.fixes(_passed(report.fill)) and not _respelt(report.fill) else None,
            )
            findings.setdefault((finding.line, finding.column, finding.code), finding)
        return sorted(findings.values(), key=lambda f: (f.line, f.column, f.code))


def _suggestion(report: Report, fill: dict, context: Context) -> str:
    """The row's suggestion (or the advice the file's values hold for the node), with what its twin lacks; for a step
    of a scikit-learn composite, what the composite allows (`step_suggestion`), or the words for any step."""
    node = id(report.node)
    advice = context.values.advice.get(node)
    own = _noted(advice or report.rule.render_suggestion(fill), context.values.lacking.get(node))
    composite = context.values.steps.get(node)
    if composite is None:
        return own
    return step_suggestion(composite, own, context.values, context.qualify) \
        or IN_COMPOSITE.format(composite=callee_name(composite.func))


def _noted(suggestion: str, note: str | None) -> str:
    """A suggestion that builds a twin (`GaussianMixture(...)`) with a note on what the twin lacks added to its
    comment (or as one); any other is left as it is (a model with no twin has none to lack a method)."""
    return noted(suggestion, note) if note and BUILDS_A_CLASS.match(suggestion) else suggestion


def _passed(fill: dict) -> set[str] | None:
    """The argument fields of the reported call (positions and keywords), None if it unpacks `*a`/`**k`."""
    codes = [value for value in fill.values() if isinstance(value, Code)]
    if codes and any(arg.star for arg in codes[0].call.args):
        return None
    return {name for name, value in fill.items() if isinstance(value, Code) and value.part == "value"}


def _respelt(fill: dict) -> bool:
    """Whether a matcher spelt a field otherwise for Spark (a URL, a `/dbfs` path, a `Path`, a pandas
    chain): a fix copies the code as written, which then is not what Spark takes."""
    return any(name.startswith(SUGGESTION_ONLY) for name in fill)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one file is parsed and walked.

    A LibCST tree is hundreds of thousands of small objects without cycles (freed by reference
    counting), so the collector would only traverse them again and again as they are made: a few
    per cent of the run. It runs as usual between files, so any cycle is still collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# LibCST's native parser overflows the C stack (a segfault that ends the whole run, not an
# exception) somewhere between 1,200 and 1,500 nested brackets. CPython refuses more than 200
# ("too many nested parentheses"), so that limit turns away no file Python could run.
MAX_NESTING = 200
# A LibCST tree costs about 0.2 GB (ordinary code) to 1 GB (dense generated code) of memory per
# MB of source; longer files, in practice generated ones, are reported instead of parsed.
MAX_PARSE_CHARS = 1_000_000
BRACKETS = re.compile(r"""
    [^'"\#()\[\]{}]+  # code without quotes, comments or brackets, passed over in one step
  | (?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"
      |'(?:[^\\'\r\n]|\\.)*'|"(?:[^\\"\r\n]|\\.)*")  # strings hold no nesting (a prefix changes no extent)
  | \#[^\r\n]*  # nor do comments
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
""", re.VERBOSE | re.DOTALL)


def refusal(source: Source) -> str | None:
    """Why a file must not reach the parser (too long, or nested deeper than it survives), by a cheap scan."""
    code = source.code
    if len(code) > MAX_PARSE_CHARS:
        return f"too large to parse ({len(code):,} characters of code; the limit is {MAX_PARSE_CHARS:,})"
    if sum(map(code.count, "([{")) <= MAX_NESTING:
        return None  # too few brackets to nest that deep, wherever they are
    depth = 0
    for match in BRACKETS.finditer(code):
        if match.lastgroup == "open":
            depth += 1
            if depth > MAX_NESTING:
                line = len(LINE_BREAK.findall(code, 0, match.start())) + 1
                return (f"too deeply nested to parse (brackets nested more than {MAX_NESTING} deep, "
                        f"Python's own limit, at {source.where(line)})")
        elif match.lastgroup == "close":
            depth = max(depth - 1, 0)
    return None


def _located(name: str, value: str | tuple[str, ...], line: int, source: Source) -> LocatedSignal:
    cell = source.locate(line)
    return LocatedSignal(name, value, line, cell[0] if cell else None, cell[1] if cell else None)


def _parse_or_none(code: str) -> cst.Module | None:
    try:
        return parse(code)
    except cst.ParserSyntaxError:
        return None


def without_bad_cells(source: Source) -> tuple[Source, list[str]]:
    """The notebook with every cell that does not parse on its own blanked out, and what was wrong
    with each: Jupyter runs cells one by one, so one bad cell must not cost the others."""
    lines = LINE_BREAK.split(source.code)
    errors = []
    for cell in source.cells:
        if cell.kind != "code" or not cell.line_count:
            continue
        start = cell.first_line - 1
        code = "\n".join(lines[start:start + cell.line_count]) + "\n"
        try:
            parse(code)
        except cst.ParserSyntaxError as exc:
            errors.append(_syntax_error(source, code, exc, first_line=cell.first_line))
            lines[start:start + cell.line_count] = [""] * cell.line_count
        except RecursionError:
            continue  # left for the whole parse to report
    newline = "\r\n" if "\r\n" in source.code else "\n"
    return (replace(source, code=newline.join(lines)), errors) if errors else (source, [])


def _syntax_error(source: Source, code: str, exc: cst.ParserSyntaxError, first_line: int = 1) -> str:
    """Python's own compiler words syntax errors best; it only parses here (ONLY_AST), never runs.
    `code` starts at `first_line` of the source (a cell's code, or all of it). The compiler is
    given no file name: it would read the error's line from that file, a notebook's JSON, and
    count the column there."""
    line, column, message = exc.raw_line, exc.raw_column + 1, str(exc.message).splitlines()[0]
    try:
        compile(code, "<sparklint>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as python:
        line, column, message = python.lineno or line, python.offset or column, python.msg
    except (ValueError, RecursionError, MemoryError):
        pass
    line += first_line - 1
    column += source.column_offsets.get(line, 0)
    return f"syntax error at {source.where(line)}, column {column}: {message}"


Tracker = Callable[["Walker", cst.CSTNode], None]
Plan = tuple[Tracker | None, tuple[Handler, ...], tuple[Handler, ...], Tracker | None]


# node type name -> (visits, leaves), each a list of (owner's position, method name)
Handlers = dict[str, tuple[list[tuple[int, str]], list[tuple[int, str]]]]


def handler_table(kinds: list[type]) -> Handlers:
    """Which owners (by position in `kinds`) visit and leave each node type: worked out once per engine."""
    found: Handlers = defaultdict(lambda: ([], []))
    for index, kind in enumerate(kinds):
        for attr in dir(kind):
            if attr.startswith(("visit_", "leave_")):
                found[attr[6:]][attr.startswith("leave_")].append((index, attr))
    return dict(found)


class Plans(dict):
    """What the walk does at each node type (track, rules' visits, rules' leaves, untrack), bound to one
    file's owners (its own new matchers, then the observers), in the order of `handler_table(kinds)`; an owner
    that is None (a pattern the file's text rules out) has no part in it."""

    def __init__(self, owners: list[object | None], handlers: Handlers) -> None:
        super().__init__()
        self.owners = owners
        self.handlers = handlers

    def __missing__(self, kind: type) -> Plan:
        track, untrack = _trackers(kind)
        visits, leaves = self.handlers.get(kind.__name__, ((), ()))
        owners = self.owners
        plan = self[kind] = (track, tuple([getattr(owners[i], attr) for i, attr in visits if owners[i] is not None]),
                             tuple([getattr(owners[i], attr) for i, attr in leaves if owners[i] is not None]), untrack)
        return plan


@cache
def _trackers(kind: type) -> tuple[Tracker | None, Tracker | None]:
    return getattr(Walker, "track_" + kind.__name__, None), getattr(Walker, "untrack_" + kind.__name__, None)


class Walker:
    """Keeps the Context current in source order and hands each node to the rules that want it."""

    def __init__(self, context: Context, plans: dict[type, Plan]):
        self.context = context
        self.statement_of = context.statement_of
        self.plans = plans
        self.returns: list[list[str | None]] = []
        self.held: list[cst.CSTNode | None] = []  # function scopes set aside while their decorators are walked
        self.small_branches: dict[int, str] = {}  # id of an `if` body -> the name its test holds small

    def walk(self, node: cst.CSTNode, statement: cst.CSTNode | None = None) -> None:
        """Visit the tree in source order like `module.visit(visitor)`, only several times faster.

        LibCST's own traversal rebuilds every node it passes; `tree.children` only reads them.
        Each node's statement is noted on the way, so positions can be found statement by statement.
        """
        self.statement_of[id(node)] = statement
        kind = type(node)
        track, visitors, leavers, untrack = self.plans[kind]
        context = self.context
        if track is not None:
            track(self, node)
        for handler in visitors:
            handler(node, context)
        holds_statements = kind in BLOCKS
        for child in children(node):
            self.walk(child, child if holds_statements else statement)
        for handler in leavers:
            handler(node, context)
        if untrack is not None:
            untrack(self, node)

    # --- context tracking -------------------------------------------------------------------

    def track_Import(self, node: cst.Import) -> None:
        self.context.imports.add(node)

    def track_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.context.imports.add(node)

    def track_FunctionDef(self, node: cst.FunctionDef) -> None:
        context = self.context
        context.definitions[node.name.value] = node
        if context.is_executor_decorated(node):
            context.executor_nodes.add(id(node))
        context.scopes.append(node)
        context.values.push()
        context.flows.enter_function(node)
        self.returns.append([])
        for param in [*node.params.params, *node.params.kwonly_params, *node.params.posonly_params]:
            if param.annotation is not None:
                context.values.bind_annotation(param.name.value, param.annotation.annotation)
            else:
                context.values.bind_parameter(param.name.value, node)
        context.values.enter_parameters({p.name.value for p in node.params.params},
                                         lambda: context.caller_integers(node))

    def untrack_FunctionDef(self, node: cst.FunctionDef) -> None:
        context = self.context
        context.scopes.pop()
        context.flows.leave_function()
        context.values.leave_parameters()
        context.values.pop()
        kinds = [k for k in self.returns.pop() if k is not None]
        context.values.function_returns[node.name.value] = kinds[0] if kinds else None
        if node.returns is not None:
            context.values.declared_returns[node.name.value] = node.returns.annotation
        context.values.bind(node.name, None)

    def track_Decorator(self, node: cst.Decorator) -> None:
        """A decorator runs in the scope around its function, not inside it."""
        scopes = self.context.scopes
        owner = scopes[-1] if scopes and isinstance(scopes[-1], cst.FunctionDef) else None
        self.held.append(scopes.pop() if owner is not None and node in owner.decorators else None)

    def untrack_Decorator(self, node: cst.Decorator) -> None:
        held = self.held.pop()
        if held is not None:
            self.context.scopes.append(held)

    def track_With(self, node: cst.With) -> None:
        if any(self.context.selects_spark_joblib(item.item) for item in node.items):
            self.context.spark_joblib_blocks.append(node)

    def untrack_With(self, node: cst.With) -> None:
        if self.context.spark_joblib_blocks and self.context.spark_joblib_blocks[-1] is node:
            self.context.spark_joblib_blocks.pop()

    def track_Lambda(self, node: cst.Lambda) -> None:
        self.context.scopes.append(node)

    def untrack_Lambda(self, node: cst.Lambda) -> None:
        self.context.scopes.pop()

    def track_Return(self, node: cst.Return) -> None:
        if self.returns and node.value is not None:
            self.returns[-1].append(self.context.values.returned_kind(node.value))

    def track_Call(self, node: cst.Call) -> None:
        self.context.note_call(node)
        calls = self.context.calls_of.setdefault(id(self.statement_of[id(node)]), [])
        if calls is not None:
            calls.append(node)

    def track_FormattedString(self, node: cst.FormattedString) -> None:
        self.context.calls_of[id(self.statement_of[id(node)])] = None  # see `positions.Positions`

    def track_Name(self, node: cst.Name) -> None:
        self.context.flows.note_name(node, in_function=bool(self.context.scopes))

    def track_Param(self, node: cst.Param) -> None:
        self.context.flows.note_parameter(node)

    def track_Attribute(self, node: cst.Attribute) -> None:
        self.context.flows.note_attribute(node)

    def track_Expr(self, node: cst.Expr) -> None:
        self.context.flows.note_expression(node)

    def untrack_Expr(self, node: cst.Expr) -> None:
        self.context.flows.leave_expression()

    def track_Assign(self, node: cst.Assign) -> None:
        self.context.flows.enter_assign(node, straight=self.context.in_module_body(node))

    def untrack_Assign(self, node: cst.Assign) -> None:
        self.context.flows.note_assign(node)
        kind = PAYLOAD if self.context.gathers_replies(node) else self.context.kind_of(node.value)
        for target in node.targets:
            for name, value in _pairs(target.target, node.value):
                self.context.values.bind(name, kind if value is node.value else self.context.kind_of(value), value)
            if self.context.scopes:  # in a function: a parameter it binds anew no longer holds what callers gave
                self.context.note_rebound(target.target)
            self.context.note_client(target.target, node.value, opened=False)

    def untrack_AnnAssign(self, node: cst.AnnAssign) -> None:
        name = node.target
        if isinstance(name, cst.Name):
            self.context.values.bind_annotation(name.value, node.annotation.annotation)
        if node.value is not None and self.context.kind_of(node.value) is not None:
            self.context.values.bind(node.target, self.context.kind_of(node.value))

    def untrack_NamedExpr(self, node: cst.NamedExpr) -> None:
        self.context.values.bind(node.target, self.context.kind_of(node.value))

    def track_For(self, node: cst.For) -> None:
        self.context.values.bind(node.target, _element_kind(self.context.kind_of(node.iter)))
        self.context.values.walk_models(node.target, node.iter)
        self.context.flows.note_loop(node)
        self.context.loops.append(node)

    def untrack_For(self, node: cst.For) -> None:
        self.context.loops.pop()

    def track_If(self, node: cst.If) -> None:
        """A branch whose test bounds an array's size (`if cov.shape == (2, 2):`) holds that array small."""
        name = self.context.values.bounded_by(node.test)
        if name is not None:
            self.small_branches[id(node.body)] = name

    def untrack_Assert(self, node: cst.Assert) -> None:
        """Past `assert frame.count() == 1`, the frame is a few rows."""
        frame = self.context.values.counted_few(node.test)
        if frame is not None:
            self.context.values.bind(frame, SPARK_SMALL)

    def track_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        name = self.small_branches.get(id(node))
        if name is not None:
            self.context.values.hold_small(name)

    def untrack_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        name = self.small_branches.pop(id(node), None)
        if name is not None:
            self.context.values.release_small(name)

    track_SimpleStatementSuite, untrack_SimpleStatementSuite = track_IndentedBlock, untrack_IndentedBlock

    def track_While(self, node: cst.While) -> None:
        self.context.loops.append(node)

    def untrack_While(self, node: cst.While) -> None:
        self.context.loops.pop()

    def track_ListComp(self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp) -> None:
        """A comprehension's element comes first in the source, yet reads the names its `for` clauses bind: they are
        bound before it is walked, each by what it walks."""
        clause: cst.CompFor | None = node.for_in
        while clause is not None:
            self.context.values.bind(clause.target, _element_kind(self.context.kind_of(clause.iter)))
            self.context.values.walk_models(clause.target, clause.iter)
            clause = clause.inner_for_in

    track_SetComp = track_GeneratorExp = track_ListComp

    def track_DictComp(self, node: cst.DictComp) -> None:
        self.track_ListComp(node)
        self.context.flows.note_dict_comprehension(node)

    def track_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self.context.values.bind(node.asname.name, self.context.kind_of(node.item))
            self.context.note_client(node.asname.name, node.item, opened=True)


def _element_kind(container: str | None) -> str | None:
    """What iterating over a value yields: a collected Row list yields rows, a file yields lines,
    a collection of models yields models, a payload yields parts of it, a list of values plain values."""
    return {ROWS: "spark.row", FILE: "line", ESTIMATORS: ESTIMATOR, PAYLOAD: PAYLOAD, VALUES: VALUE}.get(container or "")


def _pairs(target: cst.BaseExpression, value: cst.BaseExpression) -> list[tuple[cst.BaseExpression, cst.BaseExpression]]:
    """Each target of an assignment with the value it gets: `a, b = x[:n], y[:n]` element by element, else the whole
    target with the whole value."""
    if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)) \
            and len(target.elements) == len(value.elements) \
            and not any(isinstance(e, cst.StarredElement) for e in (*target.elements, *value.elements)):
        return [(t.value, v.value) for t, v in zip(target.elements, value.elements, strict=True)]
    return [(target, value)]
