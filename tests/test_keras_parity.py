"""Re-proves every number in tests/layer_cases.py with real Keras.

test_layers.py holds shapelint to the table; this module holds the table to
Keras 3 (TensorFlow CPU backend): each program is run, and the per-layer
output shapes and parameter counts, the model totals, and for error cases the
kind of error and the line that raises must be what the table says. The same
programs run in tf-keras 2.21 (Keras 2) build as tests/keras2_outcomes.py
records where Keras 2 differs, and as the table says everywhere else.
"""

from __future__ import annotations

import math
import re
import traceback
from typing import Any

import pytest
from conftest import as_tf_keras
from keras2_outcomes import KERAS2_BUILDS, KERAS2_RAISES
from layer_cases import LayerCase, all_cases

pytestmark = [
    pytest.mark.keras,
    # Keras 3 warns about `input_shape=` (two cases use it on purpose).
    pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`:UserWarning"),
    pytest.mark.filterwarnings("ignore:Argument `input_shape` is deprecated:UserWarning"),
]

#: What Keras' message says for the error each shapelint code stands for.
KERAS_MESSAGES = {
    "SL101": (
        r"total size of the tensor must be unchanged"
        r"|at most one unknown dimension"
        r"|must be a non-negative integer, or `-1`"
    ),
    "SL102": (
        r"expected (?:min_|max_)?ndim=\d+, found ndim=\d+"
        r"|Kernel shape must have the same length as input"
        # Conv*Transpose on a higher rank indexes past its kernel's axes.
        r"|tuple index out of range"
        # RNN(cell) on (batch, features): the cell's kernel gets None rows.
        r"|Shapes used to initialize variables must be fully-defined"
        r"|`TimeDistributed` Layer should be passed an `input_shape` with at least 3"
    ),
    "SL103": r"Computed output size would be zero or negative",
    "SL104": (
        r"requires inputs with matching shapes"
        r"|Inputs have incompatible shapes"
        r"|Cannot merge tensors with different batch sizes"
        r"|All dimensions of `value` and `key`, except the last one, must be equal"
    ),
    # BatchNormalization indexes the input shape with its axis: an axis out of
    # range is an IndexError.
    "SL107": r"number of input channels must be evenly divisible|index out of range"
    r"|expected axis -?\d+ of input shape to have value"
    # MultiHeadAttention's attention_axes past the projected value's rank.
    r"|is out of bounds for axis",
    "SL202": (
        r"`padding`"
        r"|`strides > 1` not supported"
        r"|number of filters must be evenly divisible"
        r"|strictly positive"
        r"|argument must be a tuple of \d+ integers"
        r"|invalid value for"
        r"|Invalid value received for argument"
        r"|must be a positive integer"
        r"|`output_padding` must be strictly less than `strides`"
        r"|Specifying `strides > 1` is not compatible with `dilation_rate > 1`"
        r"|Invalid merge mode"
        r"|Forward layer and backward layer"
        r"|Invalid value for argument score_mode"
        r"|`attention_axes` must be an int, list, or tuple"
        r"|`sliding_window` must be `None` or a positive integer"
    ),
}

#: The same for the core, merging, normalization, reshaping, activation and
#: preprocessing layers (tests/layer_cases_core_merge_norm_reshape.py).
_MORE_KERAS_MESSAGES = {
    # EinsumDense past the input's rank; RandomCrop's height axis; CenterCrop.
    "SL102": r"index out of range|with size 3 \(unbatched\) or 4 \(batched\)",
    "SL103": (
        r"must be smaller than the input length"
        r"|should be smaller than the corresponding spatial dimension"
    ),
    "SL104": (
        r"should be called on exactly 2 inputs"
        r"|should be called on a list of 2 inputs"
        r"|Incompatible input shapes: axis values"
    ),
    "SL107": (
        r"do not match at shared dimension"
        r"|cannot be more than the number of channels"
        r"|must be a multiple of the number of channels"
        r"|is out of bounds for input shape"
        r"|All `axis` values must be in the range"
    ),
    "SL202": (
        r"Invalid einsum equation"
        r"|was requested, but is not part of the output spec"
        r"|has no corresponding dim in the input spec"
        r"|did not have a match in either the input spec"
        r"|Invalid format for argument `axes`"
        r"|Invalid permutation argument `dims`"
        r"|should be a positive integer"
        r"|`cropping` cannot be negative"
        r"|should have (?:two|\d+) elements"
        r"|The `data_format` argument must be one of"
        r"|cannot be (?:None or )?a negative value|cannot be None or negative"
        r"|should be a number \(or a list of two numbers\)"
        r"|both `mean` and `variance` must be set"
        r"|must not be set if `output_mode` is not 'int'"
    ),
}
#: The same for the layers of tests/layer_cases_keras3_layers.py and
#: tests/layer_cases_preprocessing.py.
_KERAS3_LAYER_MESSAGES = {
    "SL102": r"Invalid images rank",
    "SL107": r"Input images must have 3 channels",
    "SL104": (
        r"Expected the two input tensors to have identical shapes"
        r"|Expected as input a list/tuple of 2 tensors"
        r"|The last dimension of `query_shape` and `value_shape` must be equal"
    ),
    "SL202": (
        r"`output_size` must be an integer|`output_size` tuple must have length"
        r"|Invalid data_format"
        r"|num_tokens must be set|`num_tokens` must be >= 1|Unknown arg for output_mode"
        r"|Unknown value for `output_mode`|Invalid value for argument `output_mode`"
        r"|`num_bins` and `bin_boundaries` should not be set"
        r"|You need to set either `num_bins` or `bin_boundaries`"
        r"|`num_bins` must be greater than or equal to 0"
        r"|`sparse=True` may only be used|`sparse` may only be true"
        r"|The `num_bins` for `Hashing` cannot be|The `salt` argument"
        r"|`dtype` should be an integer type"
        r"|The `value_range` argument should be a list of two numbers"
        r"|must be an odd number|should be a number in the range|Unknown `interpolation`"
        r"|`fft_length` must be greater than or equal to"
        r"|`frame_step` should be a positive integer|`fft_length` should be not less than"
        r"|Output mode is invalid|Padding is invalid|Scaling is invalid"
        r"|`power_iterations` should be greater than zero"
        r"|supplied to Wrapper isn't a supported layer"
        r"|has no attribute 'kernel' nor 'embeddings'"
        r"|`num_query_heads` must be divisible"
        r"|Dropout is not supported when flash attention is enabled"
        r"|Invalid value for argument `interpolation`"
        r"|Please initialize `\w+` layer with a"
        # Bidirectional rebuilds a layer that is not recurrent with go_backwards.
        r"|could not be deserialized properly|Unrecognized keyword arguments passed to"
    ),
}
for _messages in (_MORE_KERAS_MESSAGES, _KERAS3_LAYER_MESSAGES):
    for _code, _pattern in _messages.items():
        KERAS_MESSAGES[_code] = f"{KERAS_MESSAGES[_code]}|{_pattern}"

#: What Keras raises for those errors: mostly ValueError; an IndexError where
#: it indexes a shape; a TypeError for a wrong type of argument; and
#: NotImplementedError for an interpolation a layer does not implement.
KERAS_ERRORS = (ValueError, IndexError, TypeError, NotImplementedError)

CASES = all_cases()
BUILDING = [pytest.param(c, id=c.id) for c in CASES if c.error is None]
FAILING = [pytest.param(c, id=c.id) for c in CASES if c.error is not None]


def _filename(case: LayerCase) -> str:
    return f"<layer case {case.id}>"


def _run(keras: Any, case: LayerCase, program: str = "") -> dict[str, Any]:
    """Execute the case's program (or ``program``) in a fresh namespace."""
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"__name__": f"layer_case_{case.id}"}
    exec(compile(program or case.program, _filename(case), "exec"), namespace)
    return namespace


def _only_model(keras: Any, namespace: dict[str, Any]) -> Any:
    models = {id(v): v for v in namespace.values() if isinstance(v, keras.Model)}
    assert len(models) == 1, [type(m).__name__ for m in models.values()]
    return next(iter(models.values()))


def _count(weights: Any) -> int:
    return sum(math.prod(w.shape) for w in weights)


def _output_shapes(layer: Any) -> Any:
    """The layer's output shape, or the list of them for several outputs
    (flattened: tf-keras nests an LSTMCell's [h, c])."""
    output = layer.output
    if isinstance(output, (list, tuple)):
        return [tuple(t.shape) for t in _flat(output)]
    return tuple(output.shape)


def _flat(values: Any) -> list[Any]:
    if isinstance(values, (list, tuple)):
        return [x for v in values for x in _flat(v)]
    return [values]


def _count_keras2(weights: Any) -> int:
    """Entries of tf-keras weights (its lookup tables are no shaped weights)."""
    return sum(
        math.prod(w.shape) for w in weights if hasattr(w, "shape") and None not in tuple(w.shape)
    )


def _raising_line(error: BaseException, filename: str) -> int:
    """The line of the program whose execution raised (innermost frame in it)."""
    lines = [
        lineno
        for frame, lineno in traceback.walk_tb(error.__traceback__)
        if frame.f_code.co_filename == filename
    ]
    assert lines, f"the error was not raised while running {filename}"
    return lines[-1]


@pytest.mark.parametrize("case", BUILDING)
def test_keras_builds_the_table_model(keras_module: Any, case: LayerCase) -> None:
    model = _only_model(keras_module, _run(keras_module, case))
    actual = [
        (
            type(layer).__name__,
            _output_shapes(layer),
            layer.count_params(),
            _count(layer.trainable_weights),
        )
        for layer in model.layers
    ]
    assert actual == list(case.layers)
    totals = (
        model.count_params(),
        _count(model.trainable_weights),
        _count(model.non_trainable_weights),
    )
    assert totals == case.totals


@pytest.mark.parametrize("case", FAILING)
def test_keras_raises_where_the_table_says(keras_module: Any, case: LayerCase) -> None:
    assert case.error is not None
    with pytest.raises(KERAS_ERRORS) as info:
        _run(keras_module, case)
    assert re.search(KERAS_MESSAGES[case.error], str(info.value)), str(info.value)
    assert _raising_line(info.value, _filename(case)) == case.error_line


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_keras_2_builds_as_recorded(tf_keras_module: Any, case: LayerCase) -> None:
    """tf-keras 2.21 raises (KERAS2_RAISES, or where the table has an error and
    KERAS2_BUILDS does not list the case), or builds the table's model, or
    KERAS2_BUILDS' where it differs."""
    keras = tf_keras_module
    expected = KERAS2_BUILDS.get(case.id)
    builds = expected is not None or (case.error is None and case.id not in KERAS2_RAISES)
    if not builds:
        with pytest.raises(Exception):  # noqa: B017 - Keras 2 raises many kinds
            _run(keras, case, as_tf_keras(case.program))
        return
    model = _only_model(keras, _run(keras, case, as_tf_keras(case.program)))
    actual = [
        (
            type(layer).__name__,
            _output_shapes(layer),
            layer.count_params(),
            _count_keras2(layer.trainable_weights),
        )
        for layer in model.layers
    ]
    totals = (
        model.count_params(),
        _count_keras2(model.trainable_weights),
        _count_keras2(model.non_trainable_weights),
    )
    if expected is None:
        assert actual == list(case.layers)
        assert totals == case.totals
    else:
        assert actual == list(expected.layers)
        assert totals == expected.totals
