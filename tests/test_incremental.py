"""Editor sessions re-parse only the statements an edit changed: the module
put together from the pieces must be the one LibCST parses from the whole
text, and every analysis with the cache must equal one without it."""

from __future__ import annotations

import ast
import random
import sys
import textwrap
from pathlib import Path

import libcst as cst
import pytest
from conftest import FIXTURES, ROOT

from shapelint.analysis import Options, analyse_source
from shapelint.codes import resolve_selection
from shapelint.incremental import DocumentCache
from shapelint.positions import StatementTables, locate
from shapelint.sources import SourceUnit

ALL = Options(enabled=resolve_selection(["ALL"], None))

TRICKY = {
    "comments between and inside": """
        # a header comment

        import keras
        from keras import layers  # trailing


        def build(n=3):
            x = keras.Input((n,))
            # an indented comment at the end of the block

        # a comment before the next statement
        model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
            # indented after a simple statement
        y = 1; z = 2
        """,
    "decorators and classes": """
        import keras

        @keras.saving.register_keras_serializable()
        class Net(keras.Model):
            '''doc'''

            def call(self, x):
                return x
                # footer of call

            # footer of the class

        @staticmethod
        def f(): pass
        """,
    "two-space indent": """
        import keras
        def f():
          return keras.layers.Dense(3)
        if f:
          m = keras.Sequential([keras.Input((2,)), f()])
        else:
          pass
        """,
    "no final newline": "import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(1))",
    "blank lines at the end": "import keras\nm = keras.Sequential()\n\n\n# bye\n\n",
    "only a docstring": '"""Nothing."""\n',
    "async and with": """
        import keras
        async def g():
            async with x as y:
                pass
        with keras.device("cpu"):
            m = keras.Sequential([keras.Input((3,)), keras.layers.LSTM(2)])
        """,
    "mixed indentation": "import keras\ndef f():\n    return 1\ndef g():\n  return 2\n",
}


def full(text: str) -> cst.Module:
    return cst.parse_module(text)


def pieces(text: str, cache: DocumentCache) -> cst.Module | None:
    return cache.parse(text, ast.parse(text))


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_the_module_put_together_is_the_one_parsed_whole(name: str) -> None:
    text = textwrap.dedent(TRICKY[name]) if "\n" in TRICKY[name][:1] else TRICKY[name]
    module = pieces(text, DocumentCache())
    if module is None:  # a text the cache leaves to the whole parse
        assert name == "mixed indentation"
        return
    assert module.code == text
    assert module.deep_equals(full(text))


def corpus() -> list[Path]:
    files = [*FIXTURES.rglob("*.py"), *(ROOT / "src" / "shapelint").rglob("*.py")]
    return sorted(files)


def test_real_files_put_together_equal_their_whole_parse() -> None:
    checked = 0
    for path in corpus():
        text = path.read_text()
        module = pieces(text, DocumentCache())
        if module is None:
            continue
        assert module.code == text, path
        assert module.deep_equals(full(text)), path
        checked += 1
    assert checked > 40


def test_positions_from_statement_tables_equal_the_whole_module() -> None:
    text = textwrap.dedent(TRICKY["comments between and inside"])
    module = pieces(text, DocumentCache())
    assert module is not None
    calls: list[cst.CSTNode] = []

    class Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            calls.append(node)

    module.visit(Calls())
    tables = StatementTables()
    assert locate(module, calls, tables) == locate(module, calls)
    assert locate(module, calls, tables) == locate(module, calls)  # from the tables


def generated() -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen_models
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return gen_models.sized_file(300, seed=3)


def edits(text: str, count: int, seed: int) -> list[str]:
    """A sequence of edits as an editor sends them: digits changed, lines
    inserted and deleted, a line broken half-way (a syntax error) and fixed."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(count):
        kind = rng.randrange(4)
        index = rng.randrange(len(lines))
        if kind == 0:
            line = lines[index]
            digits = [i for i, c in enumerate(line) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                lines[index] = line[:i] + str(rng.randrange(1, 9)) + line[i + 1 :]
        elif kind == 1:
            lines.insert(index, lines[index])
        elif kind == 2 and len(lines) > 10:
            del lines[index]
        else:
            broken = lines[index]
            lines[index] = broken.rstrip("\n")[: max(1, len(broken) // 2)] + "\n"
            out.append("".join(lines))
            lines[index] = broken
        out.append("".join(lines))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_an_editing_session_gives_the_results_of_fresh_analyses(seed: int) -> None:
    cache = DocumentCache()
    reparsed = []
    for text in edits(generated(), 25, seed):
        unit = SourceUnit("edited.py", text)
        with_cache = analyse_source(unit, ALL, cache=cache)
        fresh = analyse_source(unit, ALL)
        assert (with_cache.diagnostics, with_cache.models, with_cache.error) == (
            fresh.diagnostics,
            fresh.models,
            fresh.error,
        )
        reparsed.append(cache.parsed)
    assert min(reparsed) <= 2  # an edit re-parses a statement or two, not the file


def test_locating_a_few_nodes_stops_early_and_gives_the_same_positions() -> None:
    """``locate`` stops generating code once every wanted node is placed; the
    positions are those of a full walk (LibCST's PositionProvider agrees)."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    class Calls(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[cst.CSTNode] = []

        def visit_Call(self, node: cst.Call) -> None:
            self.found.append(node)

    rng = random.Random(7)
    checked = 0
    for path in sorted(FIXTURES.rglob("*.py")):
        module = cst.parse_module(path.read_text(encoding="utf-8"))
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        expected = wrapper.resolve(PositionProvider)
        visitor = Calls()
        module.visit(visitor)
        calls = visitor.found
        if len(calls) < 3:
            continue
        every = locate(module, calls)
        for node in calls:
            start, end = expected[node].start, expected[node].end
            assert every[id(node)] == (start.line, start.column, end.line, end.column), path
        for _ in range(5):
            few = rng.sample(calls, rng.randint(1, 3))
            assert locate(module, few) == {id(n): every[id(n)] for n in few}, path
        checked += 1
    assert checked > 20


# -- CPython's tree and the prefilter's facts, piece by piece -----------------------------------

SYNTAX_TRICKY = {
    **TRICKY,
    "semicolons": "import keras\na = 1; b = keras.Input((2,))\nc = 3; d = 4; e = 5\n",
    "comments only at the end": "import keras\nm = keras.Sequential()\n# one\n# two\n",
    "a future import": "from __future__ import annotations\nimport keras\nx: int = 1\n",
}


def whole_syntax(text: str) -> tuple[str, object]:
    """What the gate computes without a cache: CPython's tree (with every
    position) and the prefilter's facts."""
    from shapelint import prefilter as pf

    tree = ast.parse(text)
    return ast.dump(tree, include_attributes=True), facts_key(pf.scan(tree, None))


def facts_key(facts: object) -> dict[str, object]:
    """The facts, with lists compared as multisets (``merge`` keeps no order)."""
    out: dict[str, object] = {}
    for name, value in vars(facts).items():
        if name in ("flows", "layers_flows"):
            continue
        if isinstance(value, list):
            value = sorted(map(repr, value))
        elif isinstance(value, dict):
            value = {
                k: sorted(map(repr, v)) if isinstance(v, list) else v for k, v in value.items()
            }
        out[name] = value
    return out


def cached_syntax(text: str, cache: DocumentCache) -> tuple[str, object] | None:
    from shapelint import parse

    checked = cache.syntax(text, None)
    if isinstance(checked, parse.ParseFailure):
        return None
    tree, facts = checked
    return ast.dump(tree, include_attributes=True), facts_key(facts)


def line_edits(text: str, count: int, seed: int) -> list[str]:
    """Edits anywhere, of every kind: characters changed, lines inserted
    (copies, blank, comments, an indented line), deleted, joined and split."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True) or ["\n"]
    out = []
    for _ in range(count):
        index = rng.randrange(len(lines))
        kind = rng.randrange(7)
        if kind == 0:
            line = lines[index]
            at = rng.randrange(len(line) + 1)
            lines[index] = line[:at] + rng.choice("1x(): ,#\"'\\") + line[at:]
        elif kind == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif kind == 2 and len(lines) > 3:
            del lines[index]
        elif kind == 3:
            lines.insert(index, rng.choice(["\n", "# note\n", "    y = 1\n", "else:\n"]))
        elif kind == 4 and index + 1 < len(lines):
            lines[index : index + 2] = [lines[index].rstrip("\n") + " " + lines[index + 1]]
        elif kind == 5:
            line = lines[index]
            at = rng.randrange(len(line) + 1)
            lines[index : index + 1] = [line[:at] + "\n", line[at:]]
        else:
            lines[index] = lines[index].replace("1", "2", 1)
        out.append("".join(lines))
    return out


@pytest.mark.parametrize("name", sorted(SYNTAX_TRICKY))
def test_pieces_give_the_tree_and_facts_of_the_whole_text(name: str) -> None:
    raw = SYNTAX_TRICKY[name]
    text = textwrap.dedent(raw) if raw.startswith("\n") else raw
    cache = DocumentCache()
    assert cached_syntax(text, cache) == whole_syntax(text)
    for edited in line_edits(text, 60, seed=len(name)):
        try:
            expected = whole_syntax(edited)
        except SyntaxError:
            expected = None
        assert cached_syntax(edited, cache) == expected, edited


def test_editing_real_files_gives_the_tree_and_facts_of_the_whole_text() -> None:
    """On every fixture and shapelint's own modules: a session of random
    edits; after each, the tree (every position) and the facts are those of
    parsing and scanning the whole text; an edit that keeps the number of
    lines parses a piece or two (one that does not, the rest of the file)."""
    checked = fast = 0
    same_lines: list[int] = []  # pieces parsed by the edits that keep the line count
    for number, path in enumerate(corpus()):
        cache = DocumentCache()
        last: str | None = path.read_text()  # the text before, if it parsed
        cached_syntax(last, cache)
        for edited in line_edits(last, 12, seed=number):
            try:
                expected = whole_syntax(edited)
            except (SyntaxError, ValueError):
                expected = None
            assert cached_syntax(edited, cache) == expected, (path, edited)
            checked += 1
            fast += cache.syntax_parsed >= 0
            if (
                last is not None
                and expected is not None
                and len(edited.splitlines()) == len(last.splitlines())
            ):
                same_lines.append(cache.syntax_parsed)
            last = edited if expected is not None else None
    assert checked > 600 and fast > checked / 3
    assert len(same_lines) > 30 and min(same_lines) >= 0 and sum(same_lines) <= 2 * len(same_lines)


def test_a_syntax_error_keeps_the_pieces_for_the_fix() -> None:
    text = "import keras\n\nm = keras.Sequential()\n\n\ndef f():\n    return 1\n"
    cache = DocumentCache()
    cached_syntax(text, cache)
    broken = text.replace("return 1", "return (1")
    assert cached_syntax(broken, cache) is None  # the whole parse gives the error
    assert cache.syntax_parsed == -1
    assert cached_syntax(text.replace("return 1", "return 2"), cache) == whole_syntax(
        text.replace("return 1", "return 2")
    )
    assert cache.syntax_parsed == 2  # the def, and the statement before it (it might go on)


def test_a_backslash_line_joins_the_statement_after_without_a_whole_parse() -> None:
    """A blank line made ``\\`` continues into the next statement: the edit is
    parsed with that statement, not the whole text again."""
    text = "import keras\n\nm = keras.Sequential()\n\n\ndef f():\n    return 1\n\n\nx = 1\n"
    cache = DocumentCache()
    cached_syntax(text, cache)
    edited = text.replace("1\n\n\nx", "1\n\n\\\nx")
    assert cached_syntax(edited, cache) == whole_syntax(edited)
    assert cache.syntax_parsed >= 0
