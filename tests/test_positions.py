"""Positions found statement by statement equal LibCST's whole-file `PositionProvider`, for every node."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst._nodes.base import CSTCodegenError
from libcst.metadata import MetadataWrapper, PositionProvider
from support import REPO

from sparklint.context import Context
from sparklint.engine import Plans, Walker
from sparklint.positions import Positions, statement_anchors
from sparklint.sources import Source, read_source
from sparklint.tree import children

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
    "comments before dedent": "def f():\n    a()\n    # trailing comment in block\n\n# module comment\nb()\n",
}


def _nodes(module: cst.Module) -> tuple[list[cst.CSTNode], dict[int, cst.CSTNode]]:
    context = Context(Source("<test>", "python", module.code), module)
    Walker(context, Plans({}, {})).walk(module)
    found = []
    pending = [module]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(children(node))
    assert len(found) == len(context.statement_of)
    return found[1:], context.statement_of  # every node but the module, which no rule reports


def _assert_same(code: str) -> None:
    module = cst.parse_module(code)
    nodes, statement_of = _nodes(module)
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    expected = [whole[node] for node in nodes]
    told = Positions(module, code, statement_of)
    told.expect(nodes)
    assert [told[node] for node in nodes] == expected
    untold = Positions(module, code, statement_of)  # asked one by one, backwards: stops early, then regenerates
    assert [untold[node] for node in reversed(nodes)] == expected[::-1]


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_positions_match_libcst(name: str) -> None:
    code = SNIPPETS[name]
    module = cst.parse_module(code)
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
    nodes, statement_of = _nodes(module)
    positions = Positions(module, "x = (\n", statement_of)  # ast cannot parse what it is given: no anchors
    whole = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    assert positions.anchors() == {}
    assert [positions[n] for n in nodes] == [whole[n] for n in nodes]


def test_text_is_the_code_of_the_node_as_written() -> None:
    """Single-line nodes read exactly as LibCST generates them; longer ones as the source has them."""
    for code in [*SNIPPETS.values(), (REPO / "src" / "sparklint" / "engine.py").read_text(encoding="utf-8")]:
        module = cst.parse_module(code)
        nodes, statement_of = _nodes(module)
        positions = Positions(module, code, statement_of)
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
    code = "import pandas as pd\ndef f():\n    frame = (pd\n        .read_csv)('a.csv' ,  sep = ';',  # why\n        usecols=[1, 2])\n"
    module = cst.parse_module(code)
    context = Context(Source("<test>", "python", code), module)
    Walker(context, Plans({}, {})).walk(module)
    call = module.body[1].body.body[0].body[0].value
    fields = {key: value.read(context.positions) for key, value in context.call_fields(call).items()}
    assert fields == {"callee": "(pd .read_csv)", "receiver": "pd", "args": "'a.csv', sep = ';', usecols=[1, 2]",
                      "0": "'a.csv'", "sep": "';'", "usecols": "[1, 2]"}
