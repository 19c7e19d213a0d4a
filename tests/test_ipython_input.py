"""Notebook cells turned into the Python IPython runs (``ipython_input``).

``IPYTHON_9_19`` pins what IPython 9.19.1 (on Python 3.11) produced for each
cell: ``InteractiveShell.transform_cell``, or for a cell magic that runs its
body as Python in the notebook (``%%time``, ``%%capture``, ...) the transform
of that body, which the magic runs (IPython's own text for such a cell is a
``run_cell_magic`` call holding the body as a string); a cell magic whose body
is not the notebook's Python (``%%bash``, ...) runs nothing shapelint can
follow: "". ``test_agrees_with_ipython`` compares again with the IPython that
is installed, where there is one (not in CI).
"""

from __future__ import annotations

import ast
import sys
from typing import Any

import pytest

from shapelint.ipython_input import (
    PYTHON_BODY_CELL_MAGICS,
    Namespace,
    ipython_text,
    module_bindings,
    python_of_cell,
)
from shapelint.sources import python_lines

IPYTHON_9_19 = [
    (
        "if IS_COLAB:\n    %pip install -q x\n",
        "if IS_COLAB:\n    get_ipython().run_line_magic('pip', 'install -q x')\n",
    ),
    (
        "try:\n    %tensorflow_version 2.x\nexcept Exception:\n    pass\n",
        "try:\n    get_ipython().run_line_magic('tensorflow_version', '2.x')\n"
        "except Exception:\n    pass\n",
    ),
    (
        "for i in range(3):\n    !echo $i\n",
        "for i in range(3):\n    get_ipython().system('echo $i')\n",
    ),
    (
        "!pip install \\\n    keras \\\n    numpy\nx = 1\n",
        "get_ipython().system('pip install      keras      numpy')\nx = 1\n",
    ),
    ("files = !ls \\\n  -la\n", "files = get_ipython().getoutput('ls    -la')\n"),
    ("%time \\\n  f()\n", "get_ipython().run_line_magic('time', '   f()')\n"),
    (
        "%%capture\n!pip install x\nimport keras\n",
        "get_ipython().system('pip install x')\nimport keras\n",
    ),
    (
        "%%capture out --no-stderr\n%pip install -q x\nx = 1\n",
        "get_ipython().run_line_magic('pip', 'install -q x')\nx = 1\n",
    ),
    ("%%time\nx = 1\n%time y = 2\n", "x = 1\nget_ipython().run_line_magic('time', 'y = 2')\n"),
    ("%%timeit -n1 -r1\nmodel.predict(x)\n", "model.predict(x)\n"),
    ("%%prun -s cumulative\nf()\n", "f()\n"),
    ("%%time x\nx = 1\n", ""),
    ("%%bash\npip install x\nls -la\n", ""),
    ("%%writefile model.py\nimport keras\n", ""),
    ("%%html\n<b>x</b>\n", ""),
    ("%%capture\n%%time\nx = 1\n", "x = 1\n"),
    (
        "# not first\n%%time\nx = 1\n",
        "# not first\nget_ipython().run_line_magic('%time', '')\nx = 1\n",
    ),
    (
        'ds = ds.filter(\n    lambda x: x["label"]\n    != (\n        a\n    )\n)\n',
        'ds = ds.filter(\n    lambda x: x["label"]\n    != (\n        a\n    )\n)\n',
    ),
    ("x = (a\n     % b)\n", "x = (a\n     % b)\n"),
    ("x = f(a,\n      !b)\n", "x = f(a,\n      !b)\n"),
    ("    x = 1\n    if x:\n        y = 2\n", "x = 1\nif x:\n    y = 2\n"),
    ("\n\n  x = 1\n\n  y = 2\n", "x = 1\n\ny = 2\n"),
    ("\tx = 1\n\ty = 2\n", "x = 1\ny = 2\n"),
    ("  x = 1\n y = 2\n", " x = 1\ny = 2\n"),
    ("obj?\n", "get_ipython().run_line_magic('pinfo', 'obj')\n"),
    ("obj.attr??\n", "get_ipython().run_line_magic('pinfo2', 'obj.attr')\n"),
    ("np.*load*?\n", "get_ipython().run_line_magic('psearch', 'np.*load*')\n"),
    ("a[0]?\n", "get_ipython().run_line_magic('pinfo', 'a[0]')\n"),
    ("?obj\n", "get_ipython().run_line_magic('pinfo', 'obj')\n"),
    ("??obj\n", "get_ipython().run_line_magic('pinfo2', 'obj')\n"),
    ("a = b?\n", "get_ipython().run_line_magic('pinfo', 'b')\n"),
    ("f(x)?\n", "f(x)?\n"),
    ("%%time?\n", "get_ipython().run_line_magic('pinfo', '%%time')\n"),
    ("print(1)  # why?\n", "print(1)  # why?\n"),
    ("s = 'what?'\n", "s = 'what?'\n"),
    ("x = %time f()\n", "x = get_ipython().run_line_magic('time', 'f()')\n"),
    ("files = !ls -la\n", "files = get_ipython().getoutput('ls -la')\n"),
    ("a, b = !echo 1 2\n", "a, b = get_ipython().getoutput('echo 1 2')\n"),
    ("x = \\\n%time f()\n", "x = \\\nget_ipython().run_line_magic('time', 'f()')\n"),
    ("x = !!ls\n", "x = get_ipython().getoutput('!ls')\n"),
    ("x == %time\n", "x == %time\n"),
    ("ok = a != b\n", "ok = a != b\n"),
    ("n = x %2\n", "n = x %2\n"),
    ("label = 'x=%d' % i\n", "label = 'x=%d' % i\n"),
    ("!!ls\n", "get_ipython().getoutput('ls')\n"),
    ("/f 1 2\n", "f(1, 2)\n"),
    (",f a b\n", 'f("a", "b")\n'),
    (";f a b\n", 'f("a b")\n'),
    ("%matplotlib inline\n", "get_ipython().run_line_magic('matplotlib', 'inline')\n"),
    (
        "  %time model.fit(x)\nz = 1\n",
        "  get_ipython().run_line_magic('time', 'model.fit(x)')\nz = 1\n",
    ),
    ("ls\n", "get_ipython().run_line_magic('ls', '')\n"),
    ("ls -la\n", "get_ipython().run_line_magic('ls', '-la')\n"),
    ("cd /tmp\n", "get_ipython().run_line_magic('cd', '/tmp')\n"),
    ("pip install keras\n", "get_ipython().run_line_magic('pip', 'install keras')\n"),
    ("load_ext autoreload\n", "get_ipython().run_line_magic('load_ext', 'autoreload')\n"),
    ("ls = 1\n", "ls = 1\n"),
    ("ls, x = 1, 2\n", "ls, x = 1, 2\n"),
    ("time(3)\n", "get_ipython().run_line_magic('time', '(3)')\n"),
    ("time.sleep(1)\n", "time.sleep(1)\n"),
    ("history.history\n", "history.history\n"),
    ("pip install a\npip install b\n", "pip install a\npip install b\n"),
    ("ls\n\n", "ls\n\n"),
    ("\n\ncd /tmp", "get_ipython().run_line_magic('cd', '/tmp')\n"),
    ("  cd /tmp\n", "get_ipython().run_line_magic('cd', '/tmp')\n"),
    ("print = 3\n", "print = 3\n"),
    (
        "get_ipython().run_line_magic('pip', 'install x')\n",
        "get_ipython().run_line_magic('pip', 'install x')\n",
    ),
    (">>> x = 1\n... y = 2\n", "x = 1\ny = 2\n"),
    ("In [1]: x = 1\n   ...: y = 2\n", "x = 1\ny = 2\n"),
    (
        "s = '''\n!not a command\n%not a magic\n'''\n",
        "s = '''\n!not a command\n%not a magic\n'''\n",
    ),
    ("x = [  # why?\n    1,\n]\n", "x = [  # why?\n    1,\n]\n"),
]


@pytest.mark.parametrize(("cell", "expected"), IPYTHON_9_19)
def test_cell_is_what_ipython_runs(cell: str, expected: str) -> None:
    assert _normal(ipython_text(cell)) == expected


@pytest.mark.parametrize(("cell", "expected"), IPYTHON_9_19)
def test_every_line_keeps_its_place(cell: str, expected: str) -> None:
    """One line of Python per line of the cell; IPython's lines, in order,
    are the non-blank ones (a line joined to the one before is left blank)."""
    lines = python_of_cell(cell)
    assert len(lines) == len(python_lines(cell))
    kept = [text for text, _ in lines if text.strip()]
    assert kept == [line for line in expected.splitlines() if line.strip()]


def _normal(text: str) -> str:
    return "" if not text.strip() else text


def _ipython_equivalent(shell: Any, cell: str) -> str:
    """IPython's Python for the cell, a Python-body cell magic's body rewritten
    as the magic rewrites it."""
    text = shell.transform_cell(cell)
    tree = ast.parse(text) if text.startswith("get_ipython().run_cell_magic(") else None
    if tree is not None and len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        call = tree.body[0].value
        assert isinstance(call, ast.Call)
        name, line, body = (ast.literal_eval(arg) for arg in call.args)
        if name in PYTHON_BODY_CELL_MAGICS and not (name == "time" and line):
            return _ipython_equivalent(shell, body)
        return ""
    return _normal(text)


@pytest.fixture(scope="module")
def ipython_shell() -> Any:
    # IPython is a test dependency: without it these tests fail, never skip
    if sys.version_info < (3, 11):
        pytest.skip("the expectations are IPython 9.19's, which needs Python 3.11")
    from IPython.core import interactiveshell

    return interactiveshell.InteractiveShell.instance()


@pytest.mark.parametrize(("cell", "expected"), IPYTHON_9_19)
def test_agrees_with_ipython(ipython_shell: Any, cell: str, expected: str) -> None:
    assert _normal(ipython_text(cell)) == _ipython_equivalent(ipython_shell, cell)


# ------------------------------------------------------------------ automagic

#: (earlier cells, cell, its Python): IPython 9.19 with the names the earlier
#: cells bound in the user namespace (``ls -la`` is a subtraction once ``ls``
#: is a variable); a name bound only inside a function or a comprehension, or
#: in a cell that did not run, does not count.
SHADOWED = [
    ("ls = 1\nla = 2\n", "ls -la\n", "ls -la\n"),
    ("import time\n", "time(3)\n", "time(3)\n"),
    ("from os import path as cd\n", "cd /tmp\n", "cd /tmp\n"),
    ("for ls in range(3):\n    pass\n", "ls\n", "ls\n"),
    ("def pwd():\n    return 1\n", "pwd\n", "pwd\n"),
    ("def f():\n    ls = 1\n", "ls\n", "get_ipython().run_line_magic('ls', '')\n"),
    ("x = [ls for ls in y]\n", "ls\n", "get_ipython().run_line_magic('ls', '')\n"),
    ("ls = (\n", "ls\n", "get_ipython().run_line_magic('ls', '')\n"),
]


@pytest.mark.parametrize(("earlier", "cell", "expected"), SHADOWED)
def test_automagic_not_for_a_variable(earlier: str, cell: str, expected: str) -> None:
    namespace = Namespace()
    namespace.add_cell(earlier)
    assert ipython_text(cell, namespace) == expected


@pytest.mark.parametrize(("earlier", "cell", "expected"), SHADOWED)
def test_automagic_agrees_with_ipython(
    ipython_shell: Any, earlier: str, cell: str, expected: str
) -> None:
    saved = dict(ipython_shell.user_ns)
    try:
        for name in module_bindings(earlier):
            ipython_shell.user_ns[name] = 1
        assert ipython_shell.transform_cell(cell) == expected
    finally:
        ipython_shell.user_ns.clear()
        ipython_shell.user_ns.update(saved)


def test_module_bindings() -> None:
    cell = (
        "import a.b, c as d\nfrom e import f, g as h\nfrom m import *\nx, (y, z) = 1, (2, 3)\n"
        "for i in r:\n    j = i\nwith o as p:\n    pass\ntry:\n    pass\n"
        "except E as err:\n    pass\nclass K:\n    inner = 1\n"
        "def fn(arg):\n    local = 1\n    global g1\n    g1 = 2\n"
        "w = [v for v in r]\nif (q := 3):\n    pass\n"
    )
    expected = {"a", "d", "f", "h", "x", "y", "z", "i", "j", "p", "err", "K", "fn", "g1", "w", "q"}
    assert module_bindings(cell) == expected
    assert module_bindings("x = (\n") == set()


# -------------------------------------------------------------------- places


def test_removed_columns_are_recorded() -> None:
    assert python_of_cell("    x = 1\n    if x:\n        y = 2\n") == [
        ("x = 1", 4),
        ("if x:", 4),
        ("    y = 2", 4),
    ]
    assert python_of_cell(">>> x = 1\n... y = 2\n") == [("x = 1", 4), ("y = 2", 4)]
    assert python_of_cell("%%time\n  x = 1\n") == [("", 0), ("x = 1", 2)]


def test_joined_lines_are_left_blank() -> None:
    assert python_of_cell("if a:\n    !pip install \\\n        keras\n    x = 1\n") == [
        ("if a:", 0),
        ("    get_ipython().system('pip install          keras')", 0),
        ("", 0),
        ("    x = 1", 0),
    ]


@pytest.mark.parametrize(
    "cell",
    ["", "\n", "%%time", "%%", "!", "x = \\", "'''", "(\n!ls", "\x00!ls", "if x:\n  pass\n !ls\n"],
)
def test_odd_cells_keep_their_lines(cell: str) -> None:
    assert len(python_of_cell(cell)) == len(python_lines(cell))
