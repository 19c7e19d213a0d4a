"""Per-layer output shapes, parameter counts and errors, checked against the
numbers real Keras gives for the same programs (tests/layer_cases.py, which
tests/test_keras_parity.py re-proves with Keras). Runs without TensorFlow."""

from __future__ import annotations

import pytest
from conftest import codes, only_model, rows
from layer_cases import LayerCase, all_cases

from shapelint.codes import CODES

CASES = all_cases()
BUILDING = [pytest.param(c, id=c.id) for c in CASES if c.error is None]
FAILING = [pytest.param(c, id=c.id) for c in CASES if c.error is not None]


def _errors(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [f for f in found if CODES[f[0]].severity == "error"]


@pytest.mark.parametrize("case", BUILDING)
def test_layer_rows_match_keras(case: LayerCase) -> None:
    model = only_model(case.program)
    actual = [
        (class_name, shapes, params, row.trainable_params)
        for (class_name, shapes, params), row in zip(rows(model), model.layers)
    ]
    assert actual == list(case.layers)
    totals = (model.total_params, model.trainable_params, model.non_trainable_params)
    assert totals == case.totals


@pytest.mark.parametrize("case", BUILDING)
def test_keras_builds_so_no_error_is_reported(case: LayerCase) -> None:
    assert _errors(codes(case.program)) == []


@pytest.mark.parametrize("case", FAILING)
def test_error_is_reported_where_keras_raises(case: LayerCase) -> None:
    found = codes(case.program)
    assert (case.error, case.error_line) in found
    others = [f for f in found if f[0].startswith("SL1") and f != (case.error, case.error_line)]
    assert others == []


def test_cases_have_unique_ids() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_case_is_either_a_model_or_an_error() -> None:
    for case in CASES:
        if case.error is None:
            assert case.layers and case.error_line is None, case.id
        else:
            assert not case.layers and case.error_line is not None, case.id
