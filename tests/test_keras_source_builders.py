"""shapelint reads the model builders of the installed Keras package's own
source (keras/src/applications) without importing them; for VGG16, ResNet50,
MobileNetV2 and DenseNet121 with default arguments its totals are what real
Keras reports for the same builder. (bench/keras_applications.py runs every
builder in that folder.)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from shapelint.analysis import Options, analyse_path

pytestmark = pytest.mark.keras

BUILDERS = [
    ("VGG16", "vgg16.py"),
    ("ResNet50", "resnet.py"),
    ("MobileNetV2", "mobilenet_v2.py"),
    ("DenseNet121", "densenet.py"),
]


@pytest.mark.parametrize(("builder", "filename"), BUILDERS)
def test_builder_totals_match_keras(builder: str, filename: str, keras_module: Any) -> None:
    import numpy as np

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
    path = Path(keras_module.__file__).parent / "src" / "applications" / filename
    model = getattr(keras_module.applications, builder)(weights=None)
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    expected = (model.count_params(), trainable, model.count_params() - trainable)
    result = analyse_path(path, filename, Options())
    assert result.error is None
    ours = {m.keras_name: m for m in result.models}[model.name]
    assert (ours.total_params, ours.trainable_params, ours.non_trainable_params) == expected
    assert len(ours.layers) == len(model.layers)
    assert ours.layers[-1].output_shapes[0] == tuple(model.layers[-1].output.shape)
    keras_module.backend.clear_session()
