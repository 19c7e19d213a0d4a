"""Re-proves every expectation of tests/ops_cases.py with real Keras.

Each case's call is run, with the real function its spelling names:

* in Keras 3.15.1 on KerasTensors (functional code: Keras' own rule), for
  ``keras.ops``, ``keras.activations``, tensor methods and operators: ``out``;
  a TensorFlow or backend function must raise there instead;
* in Keras 3 inside a traced ``call()`` (``backend.compute_output_spec`` on
  TensorFlow placeholders, as a Lambda or a layer without
  ``compute_output_shape`` runs it): ``traced`` (else ``out``);
* in tf-keras 2.21 on its symbolic tensors, for TensorFlow functions, the
  backend and operators: ``keras2`` (else as traced).

Symbolic sizes get two sets of numbers; ``ANY`` accepts any size. Then the
signatures and the spellings of the catalogue are held to the real
functions' (``inspect.signature``, ``keras.ops`` exports).
"""

from __future__ import annotations

import inspect
import operator
import re
from typing import Any, Callable, Optional

import pytest
from ops_cases import ANY, ANY_SHAPE, Many, OpCase, Raises, S, SizeOf, SizesOf, T, all_cases

from shapelint.catalogue.ops import OPS, SPELLINGS
from shapelint.catalogue.ops.base import REQUIRED, BindError, Kind, OpModule, Signature
from shapelint.catalogue.ops.spellings import Namespace, for_engine
from shapelint.versions import KerasVersion

pytestmark = [pytest.mark.keras]

CASES = all_cases()
KERAS_RULED = (Namespace.KERAS_OPS, Namespace.ACTIVATIONS, Namespace.METHOD, Namespace.OPERATOR)
#: Numbers given to the symbols of a case, two sets, by sorted name.
NUMBERS = ((5, 7, 11), (6, 9, 13))


def _names(expr: str) -> list[str]:
    return re.findall(r"[A-Za-z_]\w*", expr)


def _symbols(case: OpCase) -> list[str]:
    found: set[str] = set()

    def visit(value: Any, in_shape: bool) -> None:
        if isinstance(value, S):
            found.update(_names(value.expr))
        elif isinstance(value, T):
            for d in value.shape:
                if isinstance(d, str):
                    found.update(_names(d))
        elif isinstance(value, (tuple, list)):
            for v in value:
                visit(v, in_shape)

    visit(case.args, False)
    visit(tuple(case.kwargs.values()), False)
    return sorted(found)


def _bindings(case: OpCase) -> list[dict[str, int]]:
    if case.numbers:
        return [dict(n) for n in case.numbers]
    names = _symbols(case)
    if not names:
        return [{}]
    return [dict(zip(names, numbers)) for numbers in NUMBERS]


def _num(d: Any, values: dict[str, int]) -> Any:
    if isinstance(d, str) and d != ANY:
        return eval(d, {"__builtins__": {}}, values)
    return d


def _shape(shape: tuple[Any, ...], values: dict[str, int]) -> tuple[Any, ...]:
    return tuple(_num(d, values) for d in shape)


# -- running a call ---------------------------------------------------------------------


def _resolve(path: str, flavor: str) -> Callable[..., Any]:
    import tensorflow as tf

    if path.startswith("Tensor."):
        method = path.split(".", 1)[1]
        return lambda x, *a, **kw: getattr(x, method)(*a, **kw)
    if path.startswith("operator."):
        return getattr(operator, path.split(".", 1)[1])
    if path.startswith("tensorflow."):
        obj: Any = tf
        parts = path.split(".")[1:]
    elif path.startswith("keras.backend."):
        if flavor == "keras2":
            import tf_keras

            obj = tf_keras.backend
        else:
            obj = tf.keras.backend  # Keras 3's legacy backend (TensorFlow functions)
        parts = path.split(".")[2:]
    else:
        import keras

        obj = keras
        parts = path.split(".")[1:]
    for part in parts:
        obj = getattr(obj, part)
    return obj


def _placeholders(value: Any, values: dict[str, int], found: list[tuple[Any, ...]]) -> Any:
    """The arguments with each tensor replaced by its index in ``found``
    (its shape and dtype)."""
    if isinstance(value, T):
        found.append((_shape(value.shape, values), value.dtype))
        return _Slot(len(found) - 1)
    if isinstance(value, S):
        return _num(value.expr, values)
    if isinstance(value, tuple):
        return tuple(_placeholders(v, values, found) for v in value)
    if isinstance(value, list):
        return [_placeholders(v, values, found) for v in value]
    return value


class _Slot:
    def __init__(self, index: int):
        self.index = index


def _fill(value: Any, tensors: list[Any]) -> Any:
    if isinstance(value, _Slot):
        return tensors[value.index]
    if isinstance(value, tuple):
        return tuple(_fill(v, tensors) for v in value)
    if isinstance(value, list):
        return [_fill(v, tensors) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, tensors) for k, v in value.items()}
    return value


def run(case: OpCase, context: str, values: dict[str, int]) -> tuple[str, Any]:
    """("ok", result) or ("raised", exception) of the case's call in one context."""
    found: list[tuple[Any, ...]] = []
    args = _placeholders(case.args, values, found)
    kwargs = {k: _placeholders(v, values, found) for k, v in case.kwargs.items()}
    fn = _resolve(case.call, context)

    def call(*tensors: Any) -> Any:
        return fn(*_fill(args, list(tensors)), **_fill(kwargs, list(tensors)))

    try:
        if context == "keras3":
            import keras

            return "ok", call(*(keras.KerasTensor(s, dtype=d) for s, d in found))
        if context == "keras2":
            import tf_keras

            return "ok", call(*(tf_keras.Input(batch_shape=s, dtype=d) for s, d in found))
        import keras
        from keras.src.backend import compute_output_spec

        raw: list[Any] = []

        def traced(*tensors: Any) -> Any:
            raw.append(call(*tensors))
            return raw[-1]

        try:
            compute_output_spec(traced, *(keras.KerasTensor(s, dtype=d) for s, d in found))
        except Exception:
            if not raw:  # the call itself raised, not the conversion of its result
                raise
        return "ok", raw[0]
    except Exception as e:
        return "raised", e


# -- comparing -------------------------------------------------------------------------------


def _static(tensor: Any) -> Optional[tuple[Any, ...]]:
    shape = tensor.shape
    if hasattr(shape, "rank") and shape.rank is None:
        return None
    return tuple(shape)


def _dims_match(actual: tuple[Any, ...], want: tuple[Any, ...]) -> bool:
    if len(actual) != len(want):
        return False
    return all((w == ANY and isinstance(a, int)) or a == w for a, w in zip(actual, want))


def check(outcome: tuple[str, Any], want: Any, values: dict[str, int]) -> None:
    kind, result = outcome
    if isinstance(want, Raises):
        assert kind == "raised", f"Keras did not raise: {result!r}"
        names = [c.__name__ for c in type(result).__mro__]
        assert want.error in names, f"{type(result).__name__}: {result}"
        assert want.message in str(result), str(result)
        return
    assert kind == "ok", f"Keras raised {type(result).__name__}: {result}"
    if want == ANY_SHAPE:
        return
    if want is None:
        assert _static(result) is None, result
    elif isinstance(want, Many):
        assert isinstance(result, want.container), type(result)
        assert [_static(t) for t in result] == [_shape(s, values) for s in want.shapes]
    elif isinstance(want, SizesOf):
        dims = _shape(want.dims, values)
        if want.as_tensor:
            assert _static(result) == (len(dims),)
            import tensorflow as tf

            if None not in dims and tf.is_tensor(result) and not hasattr(result, "_keras_history"):
                static = tf.get_static_value(result)
                assert static is None or tuple(static) == dims
        else:
            assert isinstance(result, tuple), type(result)
            assert tuple(d if isinstance(d, int) else None for d in result) == dims
    elif isinstance(want, SizeOf):
        assert result == _num(want.value, values)
    else:
        actual = _static(result)
        assert actual is not None, "unknown rank"
        assert _dims_match(actual, _shape(want, values)), (actual, want)


def _has_tensors(case: OpCase) -> bool:
    found: list[tuple[Any, ...]] = []
    _placeholders((case.args, tuple(case.kwargs.values())), {}, found)
    return bool(found)


def _keras2_can_run(case: OpCase) -> bool:
    found: list[tuple[Any, ...]] = []
    _placeholders((case.args, tuple(case.kwargs.values())), {"n": 1, "m": 1}, found)
    return bool(found) and all(len(s) >= 1 for s, _ in found)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_keras_3_on_keras_tensors(keras_module: Any, case: OpCase) -> None:
    """Keras' rule; a spelling that does not run on KerasTensors in Keras 3
    (TensorFlow functions, the backend's) raises."""
    spelling = SPELLINGS[case.call]
    for values in _bindings(case):
        outcome = run(case, "keras3", values)
        if spelling.on_keras_tensor(KerasVersion.KERAS3) is not None:
            check(outcome, case.out, values)
        elif spelling.namespace is Namespace.TENSORFLOW and _has_tensors(case):
            check(
                outcome,
                Raises("", "ValueError", "A KerasTensor cannot be used as input to a TensorFlow"),
                values,
            )
        elif _has_tensors(case):
            assert outcome[0] == "raised", outcome


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_keras_3_inside_a_traced_call(keras_module: Any, case: OpCase) -> None:
    """TensorFlow's rule; a spelling that does not exist on TensorFlow
    tensors (the KerasTensor methods) raises AttributeError."""
    exists = SPELLINGS[case.call].inside_call() is not None
    for values in _bindings(case):
        want = case.under_tf() if exists else Raises("", "AttributeError", "reshape")
        if not exists:
            want = Raises("", "AttributeError", case.call.split(".")[1])
        check(run(case, "traced", values), want, values)


KERAS2_NAMESPACES = (Namespace.TENSORFLOW, Namespace.BACKEND, Namespace.OPERATOR)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c.id)
        for c in CASES
        if SPELLINGS[c.call].namespace in KERAS2_NAMESPACES and _keras2_can_run(c)
    ],
)
def test_tf_keras_2_on_its_symbolic_tensors(tf_keras_module: Any, case: OpCase) -> None:
    for values in _bindings(case):
        check(run(case, "keras2", values), case.under_keras2(), values)


# -- signatures and spellings -----------------------------------------------------------------


def _declared(signature: Signature) -> list[tuple[str, Any, str]]:
    """(name, default, kind) as inspect shows them."""
    out = []
    for p in signature.params:
        if p.kind is Kind.VAR_TENSORS:
            kind = "VAR_POSITIONAL"
        elif p.kind is Kind.VAR_KEYWORD:
            kind = "VAR_KEYWORD"
        elif p.keyword_only:
            kind = "KEYWORD_ONLY"
        else:
            kind = "POSITIONAL_OR_KEYWORD"
        out.append((p.name, "<required>" if p.default is REQUIRED else p.default, kind))
    return out


def _real(fn: Callable[..., Any]) -> list[tuple[str, Any, str]]:
    out = []
    for p in inspect.signature(fn).parameters.values():
        default = "<required>" if p.default is inspect.Parameter.empty else p.default
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            default = "<required>"
        out.append((p.name, _plain(default), p.kind.name))
    return out


def _plain(value: Any) -> Any:
    """TensorFlow dtypes as their names (``tf.int64`` -> "int64")."""
    name = getattr(value, "name", None)
    return name if isinstance(name, str) and hasattr(value, "as_datatype_enum") else value


def _spelled_signature(path: str) -> Signature:
    spelling = SPELLINGS[path]
    return spelling.signature or OPS[spelling.op].signature


@pytest.mark.parametrize(
    "path",
    [
        p
        for p, s in SPELLINGS.items()
        if s.namespace
        in (
            Namespace.KERAS_OPS,
            Namespace.KERAS_RANDOM,
            Namespace.ACTIVATIONS,
            Namespace.TENSORFLOW,
        )
    ],
)
def test_signature_is_the_real_functions(keras_module: Any, path: str) -> None:
    fn = _resolve(path, "keras3")
    assert _declared(_spelled_signature(path)) == _real(fn)


@pytest.mark.parametrize(
    "path", [p for p, s in SPELLINGS.items() if s.namespace is Namespace.BACKEND]
)
def test_backend_signature_is_tf_keras(tf_keras_module: Any, path: str) -> None:
    fn = _resolve(path, "keras2")
    assert _declared(_spelled_signature(path)) == _real(fn)


@pytest.mark.parametrize(
    "path", [p for p, s in SPELLINGS.items() if s.namespace is Namespace.METHOD]
)
def test_method_signature_is_keras_tensors(keras_module: Any, path: str) -> None:
    method = getattr(keras_module.KerasTensor, path.split(".", 1)[1])
    real = _real(method)
    assert real[0][0] == "self"
    assert _declared(_spelled_signature(path))[1:] == real[1:]


def test_keras_ops_spellings_are_every_export(keras_module: Any) -> None:
    """Each keras.ops entry is listed under every path Keras exports its
    function at (keras.ops, keras.ops.numpy/nn/image), and nowhere else."""
    listed = {p for p, s in SPELLINGS.items() if s.namespace is Namespace.KERAS_OPS}
    functions = {}
    for path in listed:
        functions.setdefault(id(_resolve(path, "keras3")), set()).add(path)
    exported = set()
    for module_path in ("keras.ops", "keras.ops.numpy", "keras.ops.nn", "keras.ops.image"):
        module = _resolve(module_path, "keras3")
        for name in dir(module):
            if id(getattr(module, name)) in functions:
                exported.add(f"{module_path}.{name}")
    assert listed == exported


def test_every_keras_op_entry_is_a_keras_function(keras_module: Any) -> None:
    for name, spec in OPS.items():
        if spec.module is OpModule.TENSORFLOW:
            continue
        assert callable(_resolve(spec.path, "keras3")), name


# -- every other spelling of a case's operation ------------------------------------------------


def _variants(case: OpCase) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """The case's keras.ops call respelled with each other spelling of its
    operation that can say the same thing: (path, args, kwargs)."""
    spelling = SPELLINGS[case.call]
    if spelling.namespace is not Namespace.KERAS_OPS:
        return []
    spec = OPS[spelling.op]
    bound = spec.signature.bind(case.args, case.kwargs)
    out = []
    for other in SPELLINGS.values():
        if other.op != spelling.op or other.namespace is Namespace.KERAS_OPS:
            continue
        respelled = _respell(other, spec.signature, bound)
        if respelled is not None:
            out.append((other.path, *respelled))
    return out


def _respell(
    other: Any, operation: Signature, bound: dict[str, Any]
) -> Optional[tuple[tuple[Any, ...], dict[str, Any]]]:
    own = other.signature or operation
    inverse = {op_name: own_name for own_name, op_name in other.renames}
    values: dict[str, Any] = {}
    for param in operation.params:
        if param.kind is Kind.VAR_KEYWORD:
            continue
        value = bound[param.name]
        own_name = inverse.get(param.name, param.name)
        own_param = next((p for p in own.params if p.name == own_name), None)
        if own_param is not None:
            if _same(value, param.default) and not _same(own_param.default, param.default):
                continue  # leave it to the spelling's own default: another call, as valid
            values[own_name] = value
        elif not _same(value, param.default):
            return None  # the spelling cannot say it
    for name, spelled, meaning in other.replaces:
        own_name = inverse.get(name, name)
        if own_name in values and _same(values[own_name], spelled) and not _same(spelled, meaning):
            return None  # the spelling reads this value otherwise
    for name, value in other.sets:
        if not _same(bound.get(name), value):
            return None
    args: list[Any] = []
    for param in own.params:
        if param.kind is Kind.VAR_TENSORS:
            args.extend(values.pop(param.name, ()))
        elif other.namespace in (Namespace.OPERATOR, Namespace.METHOD) and param.name in values:
            args.append(values.pop(param.name))
    try:
        own.bind(args, values)
    except BindError:
        return None
    return tuple(args), values


def _same(a: Any, b: Any) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def _catalogue(path: str, args: tuple[Any, ...], kwargs: dict[str, Any], engine: Any) -> Any:
    """The catalogue's answer for a respelled call (tensors as their shapes)."""
    from shapelint.catalogue.base import ShapeError
    from shapelint.catalogue.ops.base import OpCall

    spelling = for_engine(SPELLINGS[path], engine)
    spec = OPS[spelling.op]
    bound = spelling.bind(spec.signature, args, kwargs)
    for param in spec.signature.tensor_params():
        value = bound.get(param.name)
        if isinstance(value, T):
            bound[param.name] = value.shape
        elif isinstance(value, (tuple, list)) and param.kind is not Kind.TENSOR:
            bound[param.name] = tuple(v.shape if isinstance(v, T) else () for v in value)
        elif isinstance(value, (int, float)):
            bound[param.name] = ()
    try:
        return spec.output(OpCall(bound, label=path, engines=frozenset({engine})))
    except ShapeError as e:
        return e


def _agrees(stated: Any, outcome: tuple[str, Any]) -> bool:
    """The catalogue's answer holds in Keras: an error where Keras raises a
    shape error, and every size it states where Keras runs."""
    from shapelint.catalogue.base import ShapeError
    from shapelint.catalogue.ops.base import Sizes, Tensors

    kind, result = outcome
    if isinstance(stated, ShapeError):
        return kind == "raised"
    if kind == "raised":
        return isinstance(result, TypeError)  # a dtype the spelling rejects: not a shape matter
    if isinstance(stated, Tensors):
        return stated.shapes is None or (
            len(stated.shapes) == len(result)
            and all(_fits(s, _static(t)) for s, t in zip(stated.shapes, result))
        )
    if isinstance(stated, Sizes):
        real = _static(result) if not isinstance(result, tuple) else (len(result),)
        return stated.dims is None or real == (len(stated.dims),)
    if stated is None or isinstance(stated, tuple):
        return _fits(stated, _static(result) if not isinstance(result, int) else None)
    return stated == result


def _fits(stated: Any, actual: Any) -> bool:
    if stated is None:
        return True
    if actual is None or len(stated) != len(actual):
        return False
    return all(s is None or s == a for s, a in zip(stated, actual))


def _respelled_cases() -> list[Any]:
    out = []
    for case in CASES:
        if _symbols(case):
            continue
        for path, args, kwargs in _variants(case):
            out.append(pytest.param(case, path, args, kwargs, id=f"{case.id}-{path}"))
    return out


RESPELLED = _respelled_cases()


@pytest.mark.parametrize(("case", "path", "args", "kwargs"), RESPELLED)
def test_other_spellings_agree_with_their_functions(
    keras_module: Any, case: OpCase, path: str, args: Any, kwargs: Any
) -> None:
    """Each other spelling of the case's operation, called with the same
    arguments in every context it runs in, gives what the catalogue says
    for that spelling."""
    from shapelint.catalogue.ops.base import Engine

    spelling = SPELLINGS[path]
    respelled = OpCase(case.id, path, args, kwargs)
    contexts = []
    if spelling.on_keras_tensor(KerasVersion.KERAS3) is not None:
        contexts.append(("keras3", Engine.KERAS))
    if spelling.inside_call() is not None:
        contexts.append(("traced", Engine.TF))
    if spelling.on_keras_tensor(KerasVersion.KERAS2) is not None and _keras2_can_run(respelled):
        if spelling.namespace is not Namespace.ACTIVATIONS:  # Keras 2's own signatures
            contexts.append(("keras2", Engine.TF))
    for context, engine in contexts:
        stated = _catalogue(path, args, kwargs, engine)
        outcome = run(respelled, context, {})
        assert _agrees(stated, outcome), (context, stated, outcome)


def test_most_operations_with_other_spellings_are_respelled() -> None:
    """The differential above reaches the TensorFlow spellings of the
    common operations (a guard against it silently matching nothing)."""
    reached = {path for _, path, _, _ in (p.values for p in RESPELLED)}
    for path in (
        "tensorflow.reduce_sum",
        "tensorflow.concat",
        "tensorflow.nn.softmax",
        "keras.backend.sum",
        "operator.add",
    ):
        assert path in reached, path


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_the_operation_class_is_the_one_keras_makes(keras_module: Any, case: OpCase) -> None:
    """catalogue/ops/classes.py: the Operation a call on KerasTensors makes
    (its summary row and name), read from the result's ``_keras_history``."""
    from shapelint.catalogue.ops.classes import operation_class

    spelling = SPELLINGS[case.call]
    if spelling.on_keras_tensor(KerasVersion.KERAS3) is None:
        return
    status, result = run(case, "keras3", _bindings(case)[0])
    results = result if isinstance(result, (list, tuple)) else [result]
    made = [r._keras_history.operation for r in results if hasattr(r, "_keras_history")]
    if status != "ok" or not made:
        return
    assert type(made[0]).__name__ == operation_class(spelling.op, case.call)
