"""keras.applications backbones inside user models. The numbers come from the
table tools/make_applications_table.py generated from Keras 3.15.1; the keras
test below rebuilds every case in real Keras (weights=None: the same network
without downloading weights) and compares."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from conftest import analyse, codes

N = None

TRANSFER = """
import keras
from keras import layers
base = keras.applications.MobileNetV2(include_top=False, weights="imagenet",
                                      input_shape=(160, 160, 3))
base.trainable = False
model = keras.Sequential([base, layers.GlobalAveragePooling2D(), layers.Dense(10)])
"""

FUNCTIONAL = """
from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input((224, 224, 3))
base = keras.applications.ResNet50(include_top=False, weights=None, pooling="avg")
outputs = layers.Dense(5)(base(inputs))
model = keras.Model(inputs, outputs)
"""

NEW_HEAD = """
import keras
model = keras.applications.ResNet50(weights=None, classes=10)
"""

CASES = {
    # name: (program, the model to compare, expected rows, totals)
    "transfer": (
        TRANSFER,
        "model",
        [
            ("mobilenetv2_1.00_160", "Functional", (N, 5, 5, 1280), 2257984),
            ("global_average_pooling2d", "GlobalAveragePooling2D", (N, 1280), 0),
            ("dense", "Dense", (N, 10), 12810),
        ],
        (2270794, 12810, 2257984),
    ),
    "functional": (
        FUNCTIONAL,
        "model",
        [
            ("input_layer", "InputLayer", (N, 224, 224, 3), 0),
            ("resnet50", "Functional", (N, 2048), 23587712),
            ("dense", "Dense", (N, 5), 10245),
        ],
        (23597957, 23544837, 53120),
    ),
}


def _model(program: str, name: str) -> Any:
    result = analyse(program)
    assert [d for d in result.diagnostics if d.code != "SL301"] == []
    return {m.name: m for m in result.models}[name]


@pytest.mark.parametrize("case", sorted(CASES))
def test_backbone_in_a_model(case: str) -> None:
    program, name, rows, totals = CASES[case]
    model = _model(program, name)
    assert [(r.name, r.class_name, r.output_shapes[0], r.params) for r in model.layers] == rows
    assert (model.total_params, model.trainable_params, model.non_trainable_params) == totals


def test_builder_with_a_new_head() -> None:
    model = _model(NEW_HEAD, "model")
    # ResNet50's top is GlobalAveragePooling + Dense(classes) on 2048 features.
    assert model.total_params == 25636712 - 1000 * 2049 + 10 * 2049
    assert model.keras_name == "resnet50"


def test_imagenet_weights_need_1000_classes() -> None:
    assert codes(
        "import keras\nm = keras.applications.ResNet50(weights='imagenet', classes=10)\n"
    ) == [("SL202", 2)]


def test_unknown_width_or_channels_stay_unknown() -> None:
    model = _model(
        "import keras\n"
        "base = keras.applications.MobileNetV2(include_top=False, weights=None, alpha=0.5,\n"
        "                                      input_shape=(96, 96, 3))\n",
        "base",
    )
    assert model.total_params is None
    model = _model(
        "import keras\n"
        "base = keras.applications.ResNet50(include_top=False, weights=None,\n"
        "                                   input_shape=(64, 64, 1))\n",
        "base",
    )
    assert model.total_params is None


@pytest.mark.keras
@pytest.mark.parametrize("case", sorted(CASES))
def test_backbone_cases_match_real_keras(case: str, keras_module: Any) -> None:
    import numpy as np

    program, name, rows, totals = CASES[case]
    keras_module.backend.clear_session()  # layer names as in a fresh process, whatever ran before
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(program).replace('weights="imagenet"', "weights=None"), namespace)
    model = namespace[name]
    actual = [
        (layer.name, layer.__class__.__name__, tuple(layer.output.shape), layer.count_params())
        for layer in model.layers
    ]
    assert actual == rows
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert (model.count_params(), trainable, model.count_params() - trainable) == totals


@pytest.mark.keras
def test_new_head_matches_real_keras(keras_module: Any) -> None:
    model = keras_module.applications.ResNet50(weights=None, classes=10)
    assert model.count_params() == _model(NEW_HEAD, "model").total_params


FEATURES = """
import keras
vgg19 = keras.applications.VGG19(weights=None)
features_list = [layer.output for layer in vgg19.layers]
feat_extraction_model = keras.Model(inputs=vgg19.input, outputs=features_list)
"""


def test_backbone_summarised_with_its_graph() -> None:
    """A backbone's own model is among its rows (its layers are not listed):
    the summaries with graphs (diagrams, the language server) show no
    summary of it inside itself, where they recursed without end."""
    plain = {m.name: m for m in analyse(FEATURES).models}
    with_graphs = {m.name: m for m in analyse(FEATURES, graphs=True).models}
    assert [(r.name, r.class_name) for r in with_graphs["vgg19"].layers] == [
        (r.name, r.class_name) for r in plain["vgg19"].layers
    ]
    assert with_graphs["vgg19"].layers[-1].submodel is None
    # Keras 3.15.1: VGG19(weights=None).count_params() == 143667240
    assert with_graphs["vgg19"].total_params == plain["vgg19"].total_params == 143667240


@pytest.mark.keras
def test_vgg19_total_matches_real_keras(keras_module: Any) -> None:
    keras_module.backend.clear_session()
    assert keras_module.applications.VGG19(weights=None).count_params() == 143667240
