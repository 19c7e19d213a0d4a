"""Per-layer output shapes, parameter counts and errors, checked against the
numbers real Keras gives for the same programs (tests/layer_cases.py, which
tests/test_keras_parity.py re-proves with Keras 3, and tests/keras2_outcomes.py,
what tf-keras 2.21 does where it differs). Runs without TensorFlow.

The programs import ``keras`` without Keras-3-only API, so by default they are
read as code that may run on Keras 2 or 3 (shapelint.versions); with
``keras_version="3"`` they are read as Keras 3 code, as the table is."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import codes, only_model, rows
from keras2_outcomes import KERAS2_BUILDS, KERAS2_RAISES
from layer_cases import LayerCase, Row, all_cases

from shapelint.codes import CODES
from shapelint.results import ModelSummary

CASES = all_cases()
BUILDING = [pytest.param(c, id=c.id) for c in CASES if c.error is None]
FAILING = [pytest.param(c, id=c.id) for c in CASES if c.error is not None]
KERAS2_DIFFERS = [pytest.param(c, id=c.id) for c in CASES if c.id in KERAS2_BUILDS]


def _errors(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [f for f in found if CODES[f[0]].severity == "error"]


def _table(model: ModelSummary) -> tuple[list[Row], tuple[Any, Any, Any]]:
    actual = [
        (class_name, shapes, params, row.trainable_params)
        for (class_name, shapes, params), row in zip(rows(model), model.layers)
    ]
    return actual, (model.total_params, model.trainable_params, model.non_trainable_params)


def _agrees(stated: Any, keras: Any) -> bool:
    """Every value shapelint states is Keras' (None: not stated)."""
    if stated is None:
        return True
    if isinstance(stated, (tuple, list)) and isinstance(keras, (tuple, list)):
        return len(stated) == len(keras) and all(_agrees(a, b) for a, b in zip(stated, keras))
    return bool(stated == keras)


@pytest.mark.parametrize("case", BUILDING)
def test_layer_rows_match_keras(case: LayerCase) -> None:
    actual, totals = _table(only_model(case.program, keras_version="3"))
    assert actual == list(case.layers)
    assert totals == case.totals


@pytest.mark.parametrize("case", BUILDING)
def test_keras_builds_so_no_error_is_reported(case: LayerCase) -> None:
    assert _errors(codes(case.program, keras_version="3")) == []
    assert _errors(codes(case.program)) == []


@pytest.mark.parametrize("case", FAILING)
def test_error_is_reported_where_keras_raises(case: LayerCase) -> None:
    found = codes(case.program, keras_version="3")
    assert (case.error, case.error_line) in found
    others = [f for f in found if f[0].startswith("SL1") and f != (case.error, case.error_line)]
    assert others == []


#: Errors both Keras 2 and 3 raise that the undecided reading does not report.
UNDECIDED_MISSES = {
    # Keras 2 rejects the keyword negative_slope= itself (its LeakyReLU takes
    # alpha); the catalogue cannot tell it from the positional argument.
    "leaky_relu_negative_slope",
}


@pytest.mark.parametrize("case", FAILING)
def test_undecided_version_reports_what_keras_2_and_3_raise(case: LayerCase) -> None:
    """Code that may run on Keras 2 or 3 gets an error only where both raise."""
    found = codes(case.program)
    if case.id in KERAS2_BUILDS or case.id in UNDECIDED_MISSES:
        assert _errors(found) == []
    else:
        assert (case.error, case.error_line) in found


@pytest.mark.parametrize("case", BUILDING)
def test_undecided_version_states_what_keras_2_and_3_agree_on(case: LayerCase) -> None:
    actual, totals = _table(only_model(case.program))
    keras2 = KERAS2_BUILDS.get(case.id)
    if keras2 is None:  # Keras 2 builds the same model, or none (KERAS2_RAISES)
        assert actual == list(case.layers)
        assert totals == case.totals
    else:
        assert _agrees(actual, list(case.layers)) and _agrees(actual, list(keras2.layers))
        assert _agrees(totals, case.totals) and _agrees(totals, keras2.totals)


#: Cases whose Keras 2 numbers shapelint states only in part (the rest unknown).
KERAS2_PARTLY_UNKNOWN = {
    "conv2d_on_5d_input",  # Keras 2 convolves the last axes of a longer input
    "upsampling3d_on_image",  # Keras 2 has no InputSpec there
    "cropping2d_negative_int",
    "cropping3d_too_much",
    # Keras 3 leaves these axes unknown, and shapelint with it
    "concatenate_unknown_other_axis",
    "add_unknown_length",
    "einsum_dense_bias_last",
    "einsum_dense_two_output_axes",
    "einsum_dense_attention_projection",
}


@pytest.mark.parametrize("case", KERAS2_DIFFERS)
def test_keras_version_2_states_keras_2s_numbers(case: LayerCase) -> None:
    keras2 = KERAS2_BUILDS[case.id]
    assert _errors(codes(case.program, keras_version="2")) == []
    actual, totals = _table(only_model(case.program, keras_version="2"))
    if case.id in KERAS2_PARTLY_UNKNOWN:
        assert _agrees(actual, list(keras2.layers)) and _agrees(totals, keras2.totals)
    else:
        assert actual == list(keras2.layers)
        assert totals == keras2.totals


def test_keras2_tables_name_cases_that_exist() -> None:
    ids = {c.id for c in CASES}
    assert ids.issuperset(KERAS2_BUILDS) and ids.issuperset(KERAS2_RAISES)
    assert ids.issuperset(UNDECIDED_MISSES)
    assert set(KERAS2_BUILDS).issuperset(KERAS2_PARTLY_UNKNOWN)
    assert not set(KERAS2_BUILDS) & KERAS2_RAISES
    failing = {c.id for c in CASES if c.error is not None}
    assert not KERAS2_RAISES & failing


def test_cases_have_unique_ids() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_case_is_either_a_model_or_an_error() -> None:
    for case in CASES:
        if case.error is None:
            assert case.layers and case.error_line is None, case.id
        else:
            assert not case.layers and case.error_line is not None, case.id
