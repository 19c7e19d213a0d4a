"""Names imported from other modules of the same project are read statically."""

from __future__ import annotations

from pathlib import Path

from shapelint.analysis import Options, analyse_path
from shapelint.codes import resolve_selection

N = None


def project(tmp_path: Path) -> Path:
    (tmp_path / "config.py").write_text("IMG_SIZE = 64\nCHANNELS = 3\n")
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "blocks.py").write_text(
        "from tensorflow.keras import layers\n"
        "\n"
        "def conv_block(x, filters):\n"
        "    x = layers.Conv2D(filters, 3, padding='same')(x)\n"
        "    return layers.MaxPooling2D()(x)\n"
        "\n"
        "def rnn_head(x):\n"
        "    return layers.LSTM(4)(x)\n"
    )
    (pkg / "model.py").write_text(
        "from tensorflow import keras\n"
        "from config import IMG_SIZE, CHANNELS\n"
        "from .blocks import conv_block, rnn_head\n"
        "\n"
        "def build():\n"
        "    inp = keras.Input((IMG_SIZE, IMG_SIZE, CHANNELS))\n"
        "    return keras.Model(inp, conv_block(conv_block(inp, 16), 32))\n"
        "\n"
        "model = build()\n"
        "broken = keras.Model(model.input, rnn_head(model.output))\n"
    )
    (tmp_path / "train.py").write_text("from pkg.model import build\nm = build()\n")
    return tmp_path


def check(root: Path, name: str):  # type: ignore[no-untyped-def]
    return analyse_path(root / name, name, Options(enabled=resolve_selection(["ALL"], None)))


def test_constants_and_relative_helpers_are_resolved(tmp_path: Path) -> None:
    result = check(project(tmp_path), "pkg/model.py")
    first = result.models[0]
    assert [r.output_shapes[0] for r in first.layers] == [
        (N, 64, 64, 3),
        (N, 64, 64, 16),
        (N, 32, 32, 16),
        (N, 32, 32, 32),
        (N, 16, 16, 32),
    ]
    assert first.total_params == 448 + 4640


def test_error_in_a_helper_module_is_reported_at_the_call_here(tmp_path: Path) -> None:
    result = check(project(tmp_path), "pkg/model.py")
    (d,) = [d for d in result.diagnostics if d.code != "SL301"]
    assert (d.code, d.span.line) == ("SL102", 10)
    assert "in blocks.py:8" in d.message


def test_a_file_that_never_names_keras_is_checked_when_its_imports_do(tmp_path: Path) -> None:
    result = check(project(tmp_path), "train.py")
    assert not result.skipped
    (model,) = result.models  # models built while importing pkg.model belong to that file
    assert (model.name, model.line, model.total_params) == ("m", 2, 5088)


def test_unresolvable_project_import_stays_unknown(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import keras\nfrom .missing import SIZE\nfrom helpers import make\n"
        "model = keras.Sequential([keras.Input((SIZE,)), keras.layers.Dense(2)])\n"
        "other = make()\n"
    )
    result = check(tmp_path, "m.py")
    assert result.diagnostics == []
    assert result.models[0].layers[0].output_shapes == ((N, 2),)
    assert result.models[0].total_params is None
