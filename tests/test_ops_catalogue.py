"""The operation catalogue (shapelint.catalogue.ops) on the cases of
tests/ops_cases.py, whose expectations real Keras gave (re-checked by
tests/test_ops_keras.py). Runs without TensorFlow: every case is bound
through its spelling and evaluated under each engine it runs under."""

from __future__ import annotations

from typing import Any

import pytest
from ops_cases import ANY, ANY_SHAPE, SAME, Many, OpCase, Raises, S, SizeOf, SizesOf, T, all_cases

from shapelint.catalogue.base import ShapeError
from shapelint.catalogue.ops import OPS, SPELLINGS
from shapelint.catalogue.ops.base import (
    BOTH_ENGINES,
    Engine,
    EngineSplit,
    Kind,
    OpCall,
    OpResult,
    Sizes,
    Tensors,
    join_results,
)
from shapelint.catalogue.ops.spellings import Namespace, for_engine
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Sym

CASES = all_cases()
#: Spellings that run Keras' rule on KerasTensors (and TensorFlow's inside call()).
KERAS_RULED = (Namespace.KERAS_OPS, Namespace.ACTIVATIONS, Namespace.METHOD, Namespace.OPERATOR)


class _Expr:
    """Arithmetic on dims, to read a symbolic size written as text."""

    def __init__(self, dim: Dim):
        self.dim = dim

    def __add__(self, other: Any) -> _Expr:
        return _Expr(shapes.add(self.dim, _unwrap(other)))

    __radd__ = __add__

    def __sub__(self, other: Any) -> _Expr:
        return _Expr(shapes.sub(self.dim, _unwrap(other)))

    def __rsub__(self, other: Any) -> _Expr:
        return _Expr(shapes.sub(_unwrap(other), self.dim))

    def __mul__(self, other: Any) -> _Expr:
        return _Expr(shapes.mul(self.dim, _unwrap(other)))

    __rmul__ = __mul__


def _unwrap(value: Any) -> Dim:
    return value.dim if isinstance(value, _Expr) else value


def symbolic(expr: str) -> Dim:
    import re

    names = {n: _Expr(Sym.named(n)) for n in re.findall(r"[A-Za-z_]\w*", expr)}
    return _unwrap(eval(expr, {"__builtins__": {}}, names))


def dims(shape: tuple[Any, ...]) -> tuple[Dim, ...]:
    return tuple(None if d == ANY else symbolic(d) if isinstance(d, str) else d for d in shape)


def static(value: Any) -> Any:
    """A static argument with its S(...) symbols made dims."""
    if isinstance(value, S):
        return symbolic(value.expr)
    if isinstance(value, tuple):
        return tuple(static(v) for v in value)
    if isinstance(value, list):
        return [static(v) for v in value]
    return value


def tensor_shape(value: Any) -> Any:
    if isinstance(value, T):
        return dims(value.shape)
    if isinstance(value, (int, float)):
        return ()
    return value


def bind(case: OpCase, engine: Engine) -> tuple[Any, dict[str, Any]]:
    spelling = for_engine(SPELLINGS[case.call], engine)
    spec = OPS[spelling.op]
    args = tuple(v if isinstance(v, (T, list)) else static(v) for v in case.args)
    kwargs = {k: v if isinstance(v, (T, list)) else static(v) for k, v in case.kwargs.items()}
    bound = spelling.bind(spec.signature, args, kwargs)
    for param in spec.signature.tensor_params():
        value = bound.get(param.name)
        if param.kind is Kind.TENSOR:
            bound[param.name] = tensor_shape(value)
        elif isinstance(value, (tuple, list)):
            bound[param.name] = tuple(tensor_shape(v) for v in value)
    return spec, bound


def expected(value: Any) -> Any:
    """An expectation as the catalogue states it (a Raises stays)."""
    if isinstance(value, Raises) or value is None:
        return value
    if value == ANY_SHAPE:
        return None
    if isinstance(value, Many):
        return Tensors(tuple(dims(s) for s in value.shapes), value.container)
    if isinstance(value, SizesOf):
        return Sizes(dims(value.dims), value.as_tensor)
    if isinstance(value, SizeOf):
        return value.value
    return dims(value)


def evaluate(case: OpCase, engines: frozenset[Engine]) -> Any:
    spec, bound = bind(case, min(engines, key=lambda e: e.value))
    call = OpCall(bound, label=case.call, engines=engines)
    try:
        return spec.output(call)
    except EngineSplit as e:
        return e
    except ShapeError as e:
        return e


def check(result: Any, want: Any) -> None:
    if isinstance(want, Raises):
        assert isinstance(result, ShapeError) and not isinstance(result, EngineSplit), result
        assert result.code == want.code, (result.code, result.message)
        assert result.message, "a finding says what is wrong"
    else:
        assert not isinstance(result, Exception), getattr(result, "message", result)
        assert result == want


def engines_of(case: OpCase) -> dict[frozenset[Engine], Any]:
    """The engine sets a case runs under -> what the catalogue must give."""
    namespace = SPELLINGS[case.call].namespace
    if namespace not in KERAS_RULED:
        return {frozenset({Engine.TF}): expected(case.out)}
    keras_out, tf_out = expected(case.out), expected(case.under_tf())
    outcomes = {frozenset({Engine.KERAS}): keras_out}
    if SPELLINGS[case.call].inside_call() is not None:
        outcomes[frozenset({Engine.TF})] = tf_out
        if SPELLINGS[case.call].on_tf is None:  # one entry computes both
            outcomes[BOTH_ENGINES] = _joint(keras_out, tf_out)
    return outcomes


def _joint(a: Any, b: Any) -> Any:
    """What a call that may run under either engine gives."""
    if isinstance(a, Raises) and isinstance(b, Raises):
        return a
    if isinstance(a, Raises) or isinstance(b, Raises):
        return EngineSplit
    return join_results(a, b)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_catalogue_gives_what_keras_gives(case: OpCase) -> None:
    for engines, want in engines_of(case).items():
        result = evaluate(case, engines)
        if want is EngineSplit:
            assert isinstance(result, EngineSplit), (sorted(e.value for e in engines), result)
            continue
        check(result, want)


def test_every_case_calls_a_listed_spelling() -> None:
    assert not [c.id for c in CASES if c.call not in SPELLINGS]


def test_every_spelling_reaches_an_operation() -> None:
    assert not [s.path for s in SPELLINGS.values() if s.op not in OPS]


def test_renamed_parameters_exist_on_both_sides() -> None:
    """A rename maps a parameter the spelling has onto one the operation has."""
    bad = []
    for s in SPELLINGS.values():
        own = set((s.signature or OPS[s.op].signature).names)
        target = set(OPS[s.op].signature.names)
        bad += [(s.path, a, b) for a, b in s.renames if a not in own or b not in target]
        bad += [(s.path, name) for name, *_ in (*s.replaces, *s.sets) if name not in target]
    assert bad == []


def test_an_unknown_value_makes_the_shape_unknown_not_an_error() -> None:
    """Every operation, given unknown tensors and unknown static values,
    answers without raising (a shape error needs known values)."""
    from shapelint.catalogue.ops.base import UNKNOWN

    for spec in OPS.values():
        bound: dict[str, Any] = {}
        for param in spec.signature.params:
            bound[param.name] = None if param.kind is Kind.TENSOR else UNKNOWN
        for engines in (frozenset({Engine.KERAS}), frozenset({Engine.TF}), BOTH_ENGINES):
            result: OpResult = spec.output(OpCall(bound, label=spec.path, engines=engines))
            assert not isinstance(result, Exception)


def test_a_case_per_engine_difference_is_recorded() -> None:
    """Sanity of the table: `traced` is given only where it differs."""
    assert not [c.id for c in CASES if c.traced is not SAME and c.traced == c.out]


def test_every_operation_has_a_case() -> None:
    covered = {SPELLINGS[c.call].op for c in CASES}
    assert sorted(set(OPS) - covered) == []
