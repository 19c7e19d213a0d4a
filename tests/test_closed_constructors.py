"""Layers whose Keras 3 constructor takes no base-layer ``**kwargs``
(Discretization, Pipeline, SpatialDropout1D/2D/3D): ``trainable=``,
``input_shape=`` or ``dtype=`` (Pipeline) there is Keras 3's TypeError, while
tf-keras 2.21 passes them on (it has no Pipeline).

What Keras printed, checked in Keras 3.15.1 and tf-keras 2.21 (TF 2.21 CPU):
  Keras 3:  TypeError: Discretization.__init__() got an unexpected keyword
            argument 'trainable' (also 'input_shape'); Pipeline: 'trainable',
            'input_shape', 'dtype'; SpatialDropout1D: 'trainable',
            SpatialDropout2D: 'input_shape'.
  tf-keras: Sequential([Discretization(num_bins=3, input_shape=(4,),
            trainable=False)]) builds: (None, 4), 0 params; SpatialDropout1D(0.1,
            input_shape=(4, 3), trainable=False): (None, 4, 3), 0 params.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analyse, as_tf_keras, codes, only_model, rows

DISCRETIZATION = """\
import keras
from keras import layers
model = keras.Sequential([layers.Discretization(num_bins=3, input_shape=(4,), trainable=False)])
"""

SPATIAL_DROPOUT = """\
import keras
from keras import layers
model = keras.Sequential([layers.SpatialDropout1D(0.1, input_shape=(4, 3), trainable=False)])
"""

PIPELINE = """\
import keras
from keras import layers
inp = keras.Input((4,))
out = layers.Pipeline([layers.Rescaling(2.0)], trainable=False)(inp)
model = keras.Model(inp, out)
"""

#: Keyword arguments Keras 3's constructors take: no finding.
ACCEPTED = """\
import keras
from keras import layers
inp = keras.Input((4, 3))
a = layers.Discretization([0.0, 1.0], None, 0.01, "int", False, dtype="float32", name="d")(inp)
b = layers.Pipeline(layers=[layers.Rescaling(2.0)], name="p")(inp)
c = layers.SpatialDropout1D(rate=0.1, seed=1, name="s", dtype="float32")(inp)
model = keras.Model(inp, [a, b, c])
"""


@pytest.mark.parametrize(
    ("program", "keyword"),
    [(DISCRETIZATION, "input_shape"), (SPATIAL_DROPOUT, "input_shape"), (PIPELINE, "trainable")],
)
def test_keras_3_rejects_a_base_layer_keyword(program: str, keyword: str) -> None:
    line = 3 if program is not PIPELINE else 4
    assert codes(program, keras_version="3") == [("SL202", line)]
    (finding,) = analyse(program, keras_version="3").diagnostics
    assert f"takes no keyword {keyword}=" in finding.message


def test_keras_2_builds_them() -> None:
    assert codes(DISCRETIZATION, keras_version="2") == []
    assert rows(only_model(DISCRETIZATION, keras_version="2")) == [("Discretization", (None, 4), 0)]
    assert rows(only_model(SPATIAL_DROPOUT, keras_version="2")) == [
        ("SpatialDropout1D", (None, 4, 3), 0)
    ]


def test_either_version_is_silent_and_unknown() -> None:
    """Keras 2 builds, Keras 3 raises: nothing reported, nothing stated."""
    assert codes(DISCRETIZATION) == []
    assert rows(only_model(DISCRETIZATION)) == [("Discretization", None, None)]


def test_keywords_keras_3_takes_are_no_finding() -> None:
    assert codes(ACCEPTED, keras_version="3") == []


@pytest.mark.keras
@pytest.mark.parametrize("program", [DISCRETIZATION, SPATIAL_DROPOUT, PIPELINE])
def test_keras_3_raises_type_error(keras_module: Any, program: str) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        exec(compile(program, "t.py", "exec"), {})


@pytest.mark.keras
def test_keras_3_takes_the_accepted_keywords(keras_module: Any) -> None:
    scope: dict[str, Any] = {}
    exec(compile(ACCEPTED, "t.py", "exec"), scope)
    assert [tuple(o.shape) for o in scope["model"].outputs] == [
        (None, 4, 3),
        (None, 4, 3),
        (None, 4, 3),
    ]


@pytest.mark.keras
@pytest.mark.parametrize(
    ("program", "row"),
    [
        (DISCRETIZATION, ("Discretization", (None, 4), 0)),
        (SPATIAL_DROPOUT, ("SpatialDropout1D", (None, 4, 3), 0)),
    ],
)
def test_tf_keras_builds_them(tf_keras_module: Any, program: str, row: Any) -> None:
    scope: dict[str, Any] = {}
    exec(compile(as_tf_keras(program), "t.py", "exec"), scope)
    (layer,) = scope["model"].layers
    assert (type(layer).__name__, tuple(layer.output_shape), layer.count_params()) == row
