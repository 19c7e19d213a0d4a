"""The prefilter: files whose code cannot make a Keras object are skipped
without a LibCST parse, and no file it skips has a finding or a model when
analysed anyway."""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from shapelint import prefilter
from shapelint.analysis import Options, analyse_path, analyse_source
from shapelint.codes import resolve_selection
from shapelint.results import FileResult
from shapelint.sources import SourceUnit

ALL = Options(enabled=resolve_selection(["ALL"], None))
DEFAULT = Options()


def both(code: str, options: Options = ALL, path: str = "t.py") -> tuple[FileResult, FileResult]:
    """(with the prefilter, without it) for a snippet."""
    unit = SourceUnit(path, textwrap.dedent(code))
    return analyse_source(unit, options), analyse_source(unit, options, prefilter=False)


def output(result: FileResult) -> tuple[object, ...]:
    return (result.diagnostics, result.models, result.error)


def can_build(code: str, unknown_layers: bool = False) -> bool:
    facts = prefilter.scan(ast.parse(textwrap.dedent(code)))
    return prefilter.can_build(facts, prefilter.ProjectFacts(), unknown_layers)


# ------------------------------------------------------------------ files that must get through

LIVE = {
    "sequential": """
        import keras
        m = keras.Sequential([keras.Input((3,)), keras.layers.LSTM(2)])
        """,
    "star import": """
        from keras.layers import *
        from keras.models import Sequential
        m = Sequential([Input((3,)), LSTM(2)])
        """,
    "tf.keras chain": """
        import tensorflow as tf
        m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.LSTM(2)])
        """,
    "alias of a subclass": """
        import keras
        class Net(keras.Model):
            def call(self, x):
                return x
        Alias = Net
        m = Alias()
        m(keras.ops.ones((2, 3)))
        """,
    "nested subclass": """
        import keras
        class Outer:
            class Inner(keras.Model):
                def call(self, x):
                    return x
        m = Outer.Inner()
        """,
    "creator in an f-string": """
        from keras import layers
        print(f"{layers.Dense(0)}")
        """,
    "merge form through a variable": """
        import keras
        L = keras.layers
        a = keras.ops.ones((2, 3))
        b = keras.ops.ones((2, 4))
        c = L.add([a, b])
        """,
    "a Keras class passed around": """
        import keras
        def make(cls):
            return cls(0)
        layer = make(keras.layers.Dense)
        """,
    "creator name in a class body": """
        import keras
        class Registry:
            from keras.layers import Dense
        layer = Registry.Dense(0)
        """,
}


@pytest.mark.parametrize("name", sorted(LIVE))
def test_code_that_makes_keras_objects_gets_through(name: str) -> None:
    assert can_build(LIVE[name]), name
    with_filter, without = both(LIVE[name])
    assert output(with_filter) == output(without)


def test_an_unknown_layer_gets_through_when_sl301_is_reported() -> None:
    code = """
        from keras import layers
        x = layers.SomeNewLayer(8)
        """
    assert can_build(code, unknown_layers=True)
    assert not can_build(code)  # an unknown layer alone gives nothing else
    with_filter, without = both(code)
    assert (
        [d.code for d in with_filter.diagnostics]
        == ["SL301"]
        == [d.code for d in without.diagnostics]
    )
    assert both(code, DEFAULT)[0].skipped


# ------------------------------------------------------------------ files that must be skipped

INERT = {
    "keras in a docstring": '''
        """Helpers for keras models."""
        import numpy as np
        x = np.add(1, 2)
        ''',
    "keras ops only": """
        import keras
        from keras import ops
        y = ops.add(ops.ones((2, 3)), 1)
        """,
    "a layer class never instantiated": """
        from keras.layers import Layer
        class Scale(Layer):
            def call(self, x):
                return x * 2
        assert isinstance(Scale, type) and issubclass(Scale, Layer)
        """,
    "a local class named like a layer": """
        import keras
        class Dense:
            pass
        d = Dense()
        """,
    "numpy merge functions": """
        import keras
        import numpy as np
        from keras import layers
        z = np.concatenate([np.ones(3), np.zeros(2)])
        seen = set()
        seen.add(3)
        """,
    "a namedtuple base": """
        import collections
        import keras
        class Point(collections.namedtuple("Point", "x y")):
            pass
        p = Point(1, 2)
        """,
    "compared, not made": """
        import keras
        def kind(cls):
            return "model" if cls is keras.Model else "other"
        """,
}


@pytest.mark.parametrize("name", sorted(INERT))
def test_code_that_makes_nothing_is_skipped(name: str) -> None:
    assert not can_build(INERT[name]), prefilter.reason(
        prefilter.scan(ast.parse(textwrap.dedent(INERT[name])))
    )
    with_filter, without = both(INERT[name])
    assert with_filter.skipped
    assert output(with_filter) == output(without) == ([], [], None)


def test_syntax_errors_are_still_reported_without_a_model() -> None:
    with_filter, without = both("import keras\nx = (\n")
    assert [d.code for d in with_filter.diagnostics] == ["SL001"]
    assert output(with_filter) == output(without)
    with_filter, without = both("import keras\nx = " + " + ".join(["1"] * 2000) + "\n")
    assert [d.code for d in with_filter.diagnostics] == ["SL001"]  # too deep
    assert output(with_filter) == output(without)


def test_skipped_files_never_reach_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    import libcst

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("LibCST was asked to parse a file that cannot build a model")

    monkeypatch.setattr(libcst, "parse_module", refuse)
    for code in INERT.values():
        result = analyse_source(SourceUnit("t.py", textwrap.dedent(code)), ALL)
        assert result.skipped and result.error is None


# ------------------------------------------------------------------ modules of the project


def write(root: Path, name: str, code: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(code))
    return path


def test_a_helper_module_that_builds_models_makes_its_users_live(tmp_path: Path) -> None:
    write(
        tmp_path,
        "helpers.py",
        """
        import keras
        def build():
            return keras.Sequential([keras.Input((3,)), keras.layers.LSTM(2)])
        class Base(keras.Model):
            def call(self, x):
                return x
        """,
    )
    write(tmp_path, "uses_build.py", "from helpers import build\nm = build()\n")
    write(
        tmp_path,
        "subclasses.py",
        "from helpers import Base\nclass Net(Base):\n    pass\nm = Net()\n",
    )
    write(tmp_path, "only_imports.py", "from helpers import build, Base\n")
    for name, live in (
        ("uses_build.py", True),
        ("subclasses.py", True),
        ("only_imports.py", False),
    ):
        path = tmp_path / name
        with_filter = analyse_path(path, name, ALL)
        without = analyse_path(path, name, ALL)
        assert with_filter.skipped is not live, name
        assert output(with_filter) == output(without)
        if live:
            assert with_filter.models, name


def test_a_helper_that_builds_nothing_keeps_its_users_skipped(tmp_path: Path) -> None:
    write(tmp_path, "util.py", "import keras\ndef floatx():\n    return keras.config.floatx()\n")
    write(tmp_path, "main.py", "import keras\nfrom util import floatx\nprint(floatx())\n")
    assert analyse_path(tmp_path / "main.py", "main.py", ALL).skipped


# ------------------------------------------------------------------ corpora


def corpus() -> list[Path]:
    files = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".ipynb"))
    return files


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_fixtures_give_the_same_results_with_and_without_the_prefilter(path: Path) -> None:
    from shapelint.sources import read_source

    unit = read_source(path, path.name)
    assert output(analyse_source(unit, ALL)) == output(analyse_source(unit, ALL, prefilter=False))


def test_generated_model_files_give_the_same_results(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen_models
    finally:
        sys.path.remove(str(ROOT / "bench"))
    count = gen_models.write_tree(tmp_path, count=45, seed=7)
    assert count == 45
    for path in sorted(tmp_path.rglob("*.py")):
        unit = SourceUnit(path.name, path.read_text())
        with_filter = analyse_source(unit, ALL)
        assert not with_filter.skipped and with_filter.models, path.name
        assert output(with_filter) == output(analyse_source(unit, ALL, prefilter=False))
