"""Findings under conditions shapelint cannot decide (interp/paths.py).

A finding is an error only when Keras raises on every path that runs on; one
made on a path that another path avoids is SL302 (a warning, off by default).
(Comparisons of known shapes are decided: tests/test_shape_queries.py.) Every
program was run in Keras 3.15.1; the keras-marked twins run each path of it
again.
"""

from __future__ import annotations

import textwrap
from typing import Any, Optional

import pytest
from conftest import analyse, codes
from test_shape_queries import GUARDED_ADD, GUARDED_ADD_KERAS2

# -- a comparison shapelint cannot decide ---------------------------------------------------


def test_a_comparison_with_an_unknown_size_stays_undecided() -> None:
    # x.shape[1] is None in Keras: `None == 8` is False and the model builds
    # (Keras 3.15.1). shapelint does not know the size: the Add is on one path.
    source = GUARDED_ADD.replace("(8, 8, 16)", "(None, None, 16)")
    assert codes(source.format(cond="x.shape[1] == 8")) == [("SL302", 9)]


def test_tf_shape_of_a_symbolic_tensor_is_not_a_size() -> None:
    # tf.shape(x)[-1] is a symbolic tensor: tf-keras 2.21 raises TypeError ("Keras
    # symbolic inputs/outputs do not implement `__len__`") at the `if` (Keras 3 at
    # tf.shape). shapelint does not read 16 into it: the Add stays on one path.
    source = GUARDED_ADD_KERAS2.format(cond="tf.shape(x)[-1] == 16")
    assert codes(source) == [("SL302", 10)]


# -- undecided conditions: an error only where every path raises ---------------------------

#: Each program runs with FLAG undecided (an environment variable); the twin
#: runs it with FLAG True and False.
HEAD = """
import os
import keras
from keras import layers
FLAG = {flag}
inputs = keras.Input((28, 28, 1))
x = layers.Conv2D(8, 3)(inputs)
"""

#: The LSTM fails (4-D input), the Flatten builds.
ONE_BRANCH_FAILS = """
if FLAG:
    y = layers.LSTM(4)(x)
else:
    y = layers.Flatten()(x)
"""

ONE_SIDE_OF_A_CONDITIONAL_EXPRESSION_FAILS = """
y = layers.LSTM(4)(x) if FLAG else layers.Flatten()(x)
"""

#: One LSTM object, called in a helper on both paths: the same error on each.
BOTH_BRANCHES_FAIL_THE_SAME_WAY = """
lstm = layers.LSTM(4)
def head(t):
    return lstm(t)
if FLAG:
    y = head(layers.Dropout(0.5)(x))
else:
    y = head(x)
"""

#: The other path raises on purpose: no path runs on without an error.
THE_OTHER_BRANCH_RAISES = """
if FLAG:
    y = layers.LSTM(4)(x)
else:
    raise SystemExit("only the recurrent head is implemented")
"""

#: After an early return, the rest of the function runs on some paths only.
EARLY_RETURN = """
def head(t, flatten):
    if flatten:
        return layers.Flatten()(t)
    return layers.LSTM(4)(t)
y = head(x, not FLAG)
"""

#: The right operand of `and` runs on some paths only.
SHORT_CIRCUIT = """
y = FLAG and layers.LSTM(4)(x)
"""

#: A handler that catches ValueError makes the body's error handled; one
#: that catches something else does not.
TRY_CATCHING_VALUE_ERROR = """
try:
    y = layers.LSTM(4)(x)
except ValueError:
    y = layers.Flatten()(x)
"""

TRY_CATCHING_IMPORT_ERROR = """
try:
    y = layers.LSTM(4)(x)
except ImportError:
    y = layers.Flatten()(x)
"""

#: A loop run an unknown number of times is taken to run: its body's error holds.
LOOP_OF_UNKNOWN_LENGTH = """
for _ in range(int(os.environ.get("N", "1"))):
    y = layers.LSTM(4)(x)
"""

#: A `break` on one path: what follows it in the body runs on the others only.
LOOP_WITH_A_BREAK = """
for units in os.environ.get("UNITS", "8").split(","):
    if FLAG:
        break
    y = layers.LSTM(4)(x)
"""

UNDECIDED_CASES = {
    # name: (body, plain expectation with FLAG undecided, Keras on (True, False))
    "one branch": (ONE_BRANCH_FAILS, "SL302", ("raises", "builds")),
    "conditional expression": (
        ONE_SIDE_OF_A_CONDITIONAL_EXPRESSION_FAILS,
        "SL302",
        ("raises", "builds"),
    ),
    "both branches": (BOTH_BRANCHES_FAIL_THE_SAME_WAY, "SL102", ("raises", "raises")),
    "other branch raises": (THE_OTHER_BRANCH_RAISES, "SL102", ("raises", "exits")),
    "early return": (EARLY_RETURN, "SL302", ("raises", "builds")),
    "short circuit": (SHORT_CIRCUIT, "SL302", ("raises", "builds")),
    "except ValueError": (TRY_CATCHING_VALUE_ERROR, "SL302", ("builds", "builds")),
    "except ImportError": (TRY_CATCHING_IMPORT_ERROR, "SL102", ("raises", "raises")),
    "loop of unknown length": (LOOP_OF_UNKNOWN_LENGTH, "SL102", ("raises", "raises")),
    "loop with a break": (LOOP_WITH_A_BREAK, "SL302", ("builds", "raises")),
}


def _program(body: str, flag: str) -> str:
    return HEAD.format(flag=flag) + textwrap.dedent(body)


@pytest.mark.parametrize("name", list(UNDECIDED_CASES))
def test_findings_under_undecided_conditions(name: str) -> None:
    body, expected, _ = UNDECIDED_CASES[name]
    found = {code for code, _line in codes(_program(body, 'os.environ.get("FLAG")'))}
    assert found == {expected}
    # with FLAG decided, an error exactly where Keras raises on that path
    for flag, outcome in zip(("True", "False"), UNDECIDED_CASES[name][2]):
        errors = {code for code, _line in codes(_program(body, flag)) if code != "SL302"}
        assert errors == ({"SL102"} if outcome == "raises" else set()), (flag, errors)


def test_an_uncertain_finding_keeps_its_message_and_is_off_by_default() -> None:
    program = _program(ONE_BRANCH_FAILS, 'os.environ.get("FLAG")')
    (d,) = analyse(program).diagnostics
    assert d.code == "SL302" and d.severity == "warning"
    assert d.message.startswith("LSTM 'lstm' expected ndim=3, found ndim=4")
    assert d.message.endswith("(SL102 if this path runs; another path avoids it)")
    assert analyse(program, select="SL1").diagnostics == []


# -- the same programs in real Keras --------------------------------------------------------


def _run(source: str) -> Optional[BaseException]:
    namespace: dict[str, Any] = {}
    try:
        exec(source, namespace)
    except (Exception, SystemExit) as e:  # what Keras (or the program) raised
        return e
    return None


@pytest.mark.keras
def test_unknown_size_comparison_in_keras(keras_module: Any) -> None:
    source = GUARDED_ADD.replace("(8, 8, 16)", "(None, None, 16)")
    assert _run(source.format(cond="x.shape[1] == 8")) is None


@pytest.mark.keras
def test_tf_shape_of_a_symbolic_tensor_in_keras(keras_module: Any) -> None:
    import tf_keras  # noqa: F401  (installed next to TensorFlow: a failure if missing)

    error = _run(GUARDED_ADD_KERAS2.format(cond="tf.shape(x)[-1] == 16"))
    assert isinstance(error, TypeError) and "__len__" in str(error)


@pytest.mark.keras
@pytest.mark.parametrize("name", list(UNDECIDED_CASES))
def test_each_path_in_keras(keras_module: Any, name: str) -> None:
    body, _, outcomes = UNDECIDED_CASES[name]
    for flag, outcome in zip(("True", "False"), outcomes):
        error = _run(_program(body, flag))
        if outcome == "builds":
            assert error is None, (flag, error)
        elif outcome == "exits":
            assert isinstance(error, SystemExit), (flag, error)
        else:
            assert isinstance(error, ValueError), (flag, error)
            assert "expected ndim=3, found ndim=4" in str(error)
