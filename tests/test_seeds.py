"""The seed examples (../shared/seeds) reproduce exactly.

The expected tables below are the numbers Keras printed in the seeds
(model.summary() outputs quoted in the tutorials and questions); the two
models whose seeds print no table (the 300x300x3 CNN and the 128x128x3
functional model) were built with Keras 3.15.1 / TensorFlow 2.21 CPU.
``test_seed_models_match_real_keras`` (marked ``keras``) rebuilds every seed
model that Keras 3 can run and compares it with shapelint's summary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from shapelint.analysis import Options, analyse_path
from shapelint.results import ModelSummary

SEEDS = FIXTURES / "seeds"

N = None
CONV_80 = [("Conv2D", (N, 100, 100, 16), 80)]
CONV_896 = [("Conv2D", (N, 64, 64, 32), 896)]
DEPTH_10544 = [
    ("Conv2D", (N, 32, 32, 16), 208),
    ("Conv2D", (N, 32, 32, 32), 2080),
    ("Conv2D", (N, 32, 32, 64), 8256),
]
POOL_50 = [("MaxPooling2D", (N, 50, 50, 15), 0)]
POOLED_10544 = [
    ("Conv2D", (N, 32, 32, 16), 208),
    ("MaxPooling2D", (N, 16, 16, 16), 0),
    ("Conv2D", (N, 16, 16, 32), 2080),
    ("MaxPooling2D", (N, 8, 8, 32), 0),
    ("Conv2D", (N, 8, 8, 64), 8256),
    ("MaxPooling2D", (N, 4, 4, 64), 0),
]
CNN_528054 = [
    *POOLED_10544,
    ("Flatten", (N, 1024), 0),
    ("Dense", (N, 500), 512500),
    ("Dense", (N, 10), 5010),
]

#: fixture -> [(layers, total params)] for each model, in the order created.
EXPECTED: dict[str, list[tuple[list[tuple[str, Any, int]], int]]] = {
    "udacity_conv_dims.py": [(CONV_80, 80)],
    "udacity_conv_dims_quiz.py": [(CONV_896, 896)],
    "udacity_cnn_dims.ipynb": [
        (CONV_80, 80),
        (CONV_896, 896),
        (DEPTH_10544, 10544),
        (POOL_50, 0),
        (POOLED_10544, 10544),
        (CNN_528054, 528054),
    ],
    "stacked_conv_300.py": [
        (
            [
                ("Conv2D", (N, 298, 298, 32), 896),
                ("MaxPooling2D", (N, 149, 149, 32), 0),
                ("Conv2D", (N, 147, 147, 64), 18496),
                ("MaxPooling2D", (N, 73, 73, 64), 0),
            ],
            19392,
        )
    ],
    "conv2d_output_shape_128.py": [
        (
            [
                ("InputLayer", (N, 128, 128, 3), 0),
                ("Conv2D", (N, 61, 61, 24), 4632),
                ("Conv2D", (N, 27, 27, 24), 36888),
                ("Conv2D", (N, 10, 10, 24), 36888),
                ("Flatten", (N, 2400), 0),
                ("Dense", (N, 1), 2401),
            ],
            80809,
        )
    ],
    "mnist_conv_layers.ipynb": [
        (
            [
                ("InputLayer", (N, 28, 28, 5), 0),
                ("Conv2D", (N, 13, 13, 16), 736),
                ("Conv2D", (N, 6, 6, 32), 4640),
                ("Conv2D", (N, 2, 2, 64), 18496),
                ("Flatten", (N, 256), 0),
                ("Dense", (N, 64), 16448),
                ("Dense", (N, 10), 650),
            ],
            40970,
        )
    ],
    # The Keras 1 program of the Stack Overflow question, Theano ordering:
    # the layers before the broken Reshape, as the asker's model.summary()
    # showed; after it, what each layer gives if it builds at all (an LSTM
    # accepts rank 3 only), never params that depend on the broken part.
    "so_cnn_lstm_th.py": [
        (
            [
                ("Conv2D", (N, 32, 54, 12), 320),
                ("Activation", (N, 32, 54, 12), 0),
                ("Conv2D", (N, 32, 52, 10), 9248),
                ("Activation", (N, 32, 52, 10), 0),
                ("MaxPooling2D", (N, 32, 26, 5), 0),
                ("Reshape", None, 0),
                ("Dropout", None, 0),
                ("LSTM", (N, 5), None),
                ("Dense", (N, 50), 300),
                ("Dense", (N, 10), 510),
                ("Activation", (N, 10), 0),
            ],
            None,
        )
    ],
}


def summaries(name: str) -> list[ModelSummary]:
    result = analyse_path(SEEDS / name, name, Options())
    assert result.error is None, result.error
    return result.models


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_summary(name: str) -> None:
    models = summaries(name)
    assert len(models) == len(EXPECTED[name])
    for model, (layers, total) in zip(models, EXPECTED[name]):
        actual = [(r.class_name, r.output_shapes[0], r.params) for r in model.layers]
        assert actual == layers
        assert model.total_params == total
        if total is not None:
            assert model.trainable_params == total
            assert model.non_trainable_params == 0


def test_seed_first_conv_shape_is_61() -> None:
    (model,) = summaries("conv2d_output_shape_128.py")
    assert model.layers[1].name == "conv_1"
    assert model.layers[1].output_shapes[0] == (None, 61, 61, 24)


def _code_of(path: Path, drop: tuple[str, ...]) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    else:
        text = path.read_text()
    return "\n".join(line for line in text.splitlines() if not any(d in line for d in drop))


#: Seeds Keras 3 can run: fixture -> (lines to drop, text replacements).
RUNNABLE: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "udacity_conv_dims.py": ((), {}),
    "udacity_conv_dims_quiz.py": ((), {}),
    "udacity_cnn_dims.ipynb": ((), {}),
    "stacked_conv_300.py": ((), {}),
    "conv2d_output_shape_128.py": (
        (),
        {"Model(input=image, output=output)": "Model(image, output)"},
    ),
    "mnist_conv_layers.ipynb": (("load_data", "x_train", "x_test", "print(", ".fit("), {}),
}


@pytest.mark.keras
@pytest.mark.parametrize("name", sorted(RUNNABLE))
def test_seed_models_match_real_keras(name: str, keras_module: Any, monkeypatch: Any) -> None:
    drop, replacements = RUNNABLE[name]
    code = _code_of(SEEDS / name, drop)
    for old, new in replacements.items():
        assert old in code
        code = code.replace(old, new)
    built: list[Any] = []
    monkeypatch.setattr(keras_module.Model, "summary", lambda self, *a, **k: built.append(self))
    exec(compile(code, name, "exec"), {"__name__": "seed"})
    if not built:  # seeds that never call summary(): every model variable
        pytest.fail(f"{name} calls no summary()")
    ours = summaries(name)
    assert len(ours) == len(built)
    for mine, theirs in zip(ours, built):
        expected = [
            (layer.__class__.__name__, tuple(layer.output.shape), layer.count_params())
            for layer in theirs.layers
        ]
        if isinstance(theirs, keras_module.Sequential):
            assert mine.kind == "sequential"
        actual = [(r.class_name, r.output_shapes[0], r.params) for r in mine.layers]
        assert actual == expected
        assert mine.total_params == theirs.count_params()


@pytest.mark.keras
def test_conv_maxpool_lstm_fails_in_real_keras(keras_module: Any) -> None:
    code = (SEEDS / "conv2d_maxpool_lstm.py").read_text()
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=4"):
        exec(compile(code, "conv2d_maxpool_lstm.py", "exec"), {"__name__": "seed"})
