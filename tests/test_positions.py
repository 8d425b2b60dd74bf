"""Positions found statement by statement equal LibCST's whole-file `PositionProvider`, for every node."""

from __future__ import annotations

import sys
from pathlib import Path

import libcst as cst
import pytest
from libcst._nodes.base import CSTCodegenError
from libcst.metadata import MetadataWrapper, PositionProvider
from support import REPO

from sparklint.context import Context
from sparklint.engine import Plans, Walker
from sparklint.positions import Positions, Unpaired, statement_anchors
from sparklint.sources import Source, read_source
from sparklint.tree import descendants

SNIPPETS = {
    "decorators and comments": (
        "import os\n\n# a comment\n@decorator  # trailing\n# between\n@other(\n    arg,\n)\n"
        "def f(x):\n    '''doc\n    string'''\n    return x.y(1)\n"
    ),
    "nested classes and blocks": (
        "class A(B):\n    x = 1\n\n    class C:\n        def m(self):\n            if a:\n                pass\n"
        "            elif b:\n                b.c()\n            elif c:\n                d = c[0]\n"
        "            else:\n                if e:\n                    f()\n        # footer comment\n"
        "    y = 2\n"
    ),
    "try everything": (
        "try:\n    a()\nexcept (ValueError, KeyError) as e:\n    b(e)\nexcept Exception:\n    pass\n"
        "else:\n    c()\nfinally:\n    d()\n"
        "for i in x:\n    y(i)\nelse:\n    z()\nwhile q:\n    r()\nelse:\n    s()\n"
    ),
    "try star": "try:\n    a()\nexcept* ValueError as e:\n    b(e)\nexcept* KeyError:\n    c()\n",
    "match": (
        "match command.split():\n    case [action]:\n        go(action)\n    case [action, obj]:\n"
        "        go(action, obj)\n    case _:\n        pass\n"
    ),
    "async": (
        "async def main():\n    async with session() as s:\n        async for row in s.rows():\n"
        "            await s.send(row)\n"
    ),
    "one-line suites and semicolons": "if x: a(); b()\nelse: c()\nx = 1; y = f(\n    2); z = 3\nwhile 0: pass\n",
    "continuations": "total = a + \\\n    b.c(d)\nif (x and\n        y):\n    pass\nvalue = '''\nline\n'''.strip()\n",
    "tabs and odd indents": "if a:\n\tb()\n\tif c:\n\t   d()\nelse:\n  e = [\n 1,\n]\n",
    "windows line endings": "import pandas as pd\r\ndef f():\r\n    df = pd.read_csv('a.csv')\r\n    return df\r\n",
    "old mac and mixed line endings": "a = 1\rb = f(a)\rdef g():\r    return b.c()\r\nz = h(\r\n1)\n",
    "form feed": "import os\n\x0c\ndef f():\n    os.listdir('.')\n",
    "unicode": "naïve = 'héllo'; résumé = naïve.upper()\ndef ƒ(x):\n    return x + '€'\n",
    "calls of every shape": (
        "x = f(a)(b).g(*c, d=(1), **e); y = (h)(i for i in j)\nz = k(\n    l,  # why\n    m=[1,\n 2],\n)\n"
        "naïve = s('é', 'ü').t(u='€'); w = f'{v(1)!r:>{n(2)}}'\nq = r(\tp,\x0c 1)\n"
    ),
    "comments before dedent": "def f():\n    a()\n    # trailing comment in block\n\n# module comment\nb()\n",
}


def _nodes(module: cst.Module) -> tuple[list[cst.CSTNode], Context]:
    context = Context(Source("<test>", "python", module.code), module)
    Walker(context, Plans([], {})).walk(module)
    found = descendants(module, cst.CSTNode)
    assert len(found) == len(context.statement_of)
    return found[1:], context  # every node but the module, which no rule reports


def _fresh(module: cst.Module, code: str, context: Context) -> Positions:
    return Positions(module, code, context.statement_of, context.calls_of)


def _assert_same(code: str) -> None:
    module = cst.parse_module(code)
    nodes, context = _nodes(module)
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    expected = [whole[node] for node in nodes]
    told = _fresh(module, code, context)
    told.expect(nodes)
    assert [told[node] for node in nodes] == expected
    assert [told.line(node) for node in nodes] == [span.start.line for span in expected]
    untold = _fresh(module, code, context)  # asked one by one, backwards: stops early, then regenerates
    assert [untold[node] for node in reversed(nodes)] == expected[::-1]


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_positions_match_libcst(name: str) -> None:
    code = SNIPPETS[name]
    module = cst.parse_module(code)
    if name == "try star" and sys.version_info < (3, 11):  # Python 3.10's `ast` rejects `except*`: fall back
        with pytest.raises(Unpaired):
            statement_anchors(module, code)
    else:
        assert statement_anchors(module, code), "the snippet should pair with ast, not fall back"
    _assert_same(code)


def _repository_sources() -> list[Path]:
    paths = sorted((REPO / "fixtures").rglob("*.py")) + sorted((REPO / "fixtures").rglob("*.ipynb"))
    return paths + sorted((REPO / "tests" / "corpus").rglob("*.py")) + sorted((REPO / "src").rglob("*.py"))


def test_positions_match_libcst_on_every_fixture_corpus_and_own_file() -> None:
    checked = 0
    for path in _repository_sources():
        source = read_source(path)
        try:
            cst.parse_module(source.code)
        except cst.ParserSyntaxError:
            continue  # fixtures of broken files
        _assert_same(source.code)
        checked += 1
    assert checked > 100


def test_code_ast_cannot_pair_falls_back_to_the_whole_file() -> None:
    code = "x = 1\ny = f(x)\n"
    module = cst.parse_module(code)
    nodes, context = _nodes(module)
    positions = _fresh(module, "x = (\n", context)  # ast cannot parse what it is given: no anchors
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    assert positions.anchors() == {}
    assert [positions[n] for n in nodes] == [whole[n] for n in nodes]


def test_text_is_the_code_of_the_node_as_written() -> None:
    """Single-line nodes read exactly as LibCST generates them; longer ones as the source has them."""
    for code in [*SNIPPETS.values(), (REPO / "src" / "sparklint" / "engine.py").read_text(encoding="utf-8")]:
        module = cst.parse_module(code)
        nodes, context = _nodes(module)
        positions = _fresh(module, code, context)
        for node in nodes:
            if isinstance(node, cst.If):
                continue  # an `elif` generated alone reads `if`; the source is right
            try:
                generated = module.code_for_node(node).strip()
            except CSTCodegenError:
                continue  # an annotation cannot be generated alone
            text = positions.text(node)
            if "\n" not in generated and "\r" not in generated:
                assert text == generated
            else:  # the source keeps the indentation of the enclosing block, which a lone node has not got
                assert text in code and "".join(text.split()) == "".join(generated.split())


def test_call_fields_read_callee_receiver_and_arguments_without_their_commas() -> None:
    code = ("import pandas as pd\ndef f():\n    frame = (pd\n        .read_csv)('a.csv' ,  sep = ';',  # why\n"
            "        usecols=[1, 2])\n")
    module = cst.parse_module(code)
    context = Context(Source("<test>", "python", code), module)
    Walker(context, Plans([], {})).walk(module)
    call = module.body[1].body.body[0].body[0].value
    fields = {key: value.read(context.positions) for key, value in context.call_fields(call).items()}
    assert fields == {"callee": "(pd .read_csv)", "receiver": "pd", "args": "'a.csv', sep = ';', usecols=[1, 2]",
                      "0": "'a.csv'", "sep": "';'", "usecols": "[1, 2]"}


def test_call_parts_read_where_ast_places_them_equal_the_generated_ones() -> None:
    """Calls paired with `ast` skip code generation; what they read must not change."""
    paired = 0
    for path, code in [*SNIPPETS.items(), *((p, read_source(p).code) for p in _repository_sources())]:
        try:
            module = cst.parse_module(code)
        except cst.ParserSyntaxError:
            continue
        _, context = _nodes(module)
        placed, generated = _fresh(module, code, context), _fresh(module, code, context)
        generated._ast_call = lambda call: None  # type: ignore[method-assign]
        for call in descendants(module, cst.Call):
            paired += placed._ast_call(call) is not None
            parts = [("callee", 0), ("args", 0), *[("value", i) for i in range(len(call.args))]]
            parts += [("receiver", 0)] if isinstance(call.func, cst.Attribute) else []
            for part, index in parts:
                assert placed.call_text(call, part, index) == generated.call_text(call, part, index), (path, part)
    assert paired > 1000
