"""Tensor operations on symbolic tensors, through the operation catalogue
(shapelint.catalogue.ops): a call of one of its spellings (``keras.ops.reshape``,
``tf.reduce_mean``, ``K.sum``, ``keras.activations.relu``), a tensor method
(``x.reshape``), an operator (``x + y``, ``-x``, ``x @ w``) or an index
(``x[:, 0]``).

The result is a tensor made by a :class:`~shapelint.domain.graph.TensorOp`
node whose edges are every tensor the call got, so a functional model built
through it keeps its graph (operations have no weights). Which rule applies
(catalogue.ops.base.Engine): inside a layer's ``call()`` or a Lambda's
function, TensorFlow's (Keras traces them on TensorFlow tensors); on the
KerasTensors of functional code, the rule of the spelling's namespace in
each Keras version the code may run on; a version where the spelling raises
there (a TensorFlow function on a Keras 3 KerasTensor) is left out, and
nothing is reported about it. A shape the engines compute differently is
unknown; an error is reported when every engine raises it, under a code of
shapelint.codes.

In Keras 3 each operation on KerasTensors is an ``Operation`` with a summary
row (``reshape (Reshape)``) and a name from the counter layers use: the name
is always taken; the row is shown when Keras 3 is the only version that
builds the call (in tf.keras 2 a TFOpLambda layer named after TensorFlow's
function takes its place).

The catalogue is imported on the first operation applied to a tensor.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.numpy.arrays import guarded_by, new_array, origin_at
from shapelint.codes import CODES
from shapelint.domain import graph
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.naming import snake_case
from shapelint.domain.shapes import Shape, Sym
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, ListVal, TensorShapeVal
from shapelint.versions import KerasVersion

if TYPE_CHECKING:
    from shapelint.api.registry import Call
    from shapelint.catalogue.ops.base import Engine, OpResult, OpSpec
    from shapelint.catalogue.ops.spellings import Spelling
    from shapelint.interp.context import Context


@functools.cache
def _catalogue() -> Any:
    """The module ``shapelint.catalogue.ops`` (with its submodules ``base``,
    ``spellings`` and ``classes``), imported on the first operation: importing
    it takes tens of milliseconds, and an import statement in a function costs
    about a microsecond at each call (tens of thousands of calls per analysis
    of a file of layer classes)."""
    import shapelint.catalogue.ops
    import shapelint.catalogue.ops.base
    import shapelint.catalogue.ops.classes
    import shapelint.catalogue.ops.spellings

    return shapelint.catalogue.ops


def _engine_order(engine: Engine) -> str:
    return engine.value


#: The tensor methods of the catalogue (``Tensor.<name>`` spellings).
METHODS = frozenset({"reshape", "squeeze"})

#: Python's built-in functions a symbolic tensor overloads -> the ``operator``
#: function they are (``abs(x)`` calls ``x.__abs__()``: keras/src/backend/
#: common/keras_tensor.py, and tf.Tensor's for tf-keras).
BUILTINS = {"abs": "abs"}

#: How deep a nested argument is searched for tensors.
_MAX_DEPTH = 6


def has_tensor(values: Sequence[Any], depth: int = 0) -> bool:
    """Whether a symbolic tensor is among ``values`` (or in their lists)."""
    for value in values:
        if isinstance(value, graph.Tensor):
            return True
        if depth < _MAX_DEPTH:
            items = value.items if isinstance(value, ListVal) else value
            if isinstance(items, tuple) and has_tensor(items, depth + 1):
                return True
    return False


def call_path(ctx: Context, call: Call) -> Any:
    """A call of a dotted path given a symbolic tensor: the operation's
    result when the path spells one, else NOT_HANDLED. Inside a layer's
    ``call()`` every operation makes a tensor of the graph Keras traces,
    one on Python values too (``ops.arange(n)``, ``ops.cast(self.scale)``:
    a constant)."""
    args, kwargs = call.args, call.kwargs
    if not ctx.layer_calls and not has_tensor([*args, *kwargs.values()]):
        return NOT_HANDLED
    spelling = _catalogue().SPELLINGS.get(call.path)
    if spelling is None:
        return NOT_HANDLED
    return _apply(ctx, spelling, args, kwargs, call.site, call.open_args)


def call_eager(ctx: Context, call: Call) -> Any:
    """A call of a dotted path on arrays or eager tensors only (or on no
    tensor: ``tf.range(n)``): an eager tensor (an array) of the shape
    TensorFlow computes, when the path spells an operation; else
    NOT_HANDLED. Errors are not reported (the data's shapes are often
    guessed from code shapelint reads only in part)."""
    values = [*call.args, *call.kwargs.values()]
    if has_tensor(values):
        return NOT_HANDLED
    catalogue = _catalogue()
    spelling = catalogue.SPELLINGS.get(call.path)
    if spelling is None or spelling.inside_call() is None:
        return NOT_HANDLED
    takes_tensors = bool(catalogue.OPS[spelling.op].signature.tensor_params())
    if takes_tensors and not any(isinstance(v, ArrayVal) for v in values):
        return NOT_HANDLED
    result = _apply(ctx, spelling, call.args, call.kwargs, call.site, False, eager=True)
    return _as_arrays(ctx, result, call.site)


def _as_arrays(ctx: Context, value: Any, site: Any) -> Any:
    """An eager result: tensors become arrays of their shape."""
    if isinstance(value, graph.Tensor):
        return new_array(ctx, value.shape, None, origin_at(site))
    if isinstance(value, ListVal) and isinstance(value.items, tuple):
        return ListVal(tuple(_as_arrays(ctx, v, site) for v in value.items), ctx.born())
    if isinstance(value, tuple):
        return tuple(_as_arrays(ctx, v, site) for v in value)
    return value


def operator(ctx: Context, name: str, operands: Sequence[Any], site: Any) -> Any:
    """``operator.<name>`` (``add``, ``neg``, ``getitem``, ...) on operands one
    of which is a symbolic tensor; an unknown tensor for an operator the
    catalogue does not list."""
    spelling = _catalogue().SPELLINGS.get(f"operator.{name}")
    if spelling is None:
        return graph.Tensor(None)
    return _apply(ctx, spelling, list(operands), {}, site, False)


#: LibCST's operator classes -> the ``operator`` function they call.
_BINARY = {
    "Add": "add",
    "Subtract": "sub",
    "Multiply": "mul",
    "Divide": "truediv",
    "FloorDivide": "floordiv",
    "Modulo": "mod",
    "Power": "pow",
    "MatrixMultiply": "matmul",
    "BitAnd": "and_",
    "BitOr": "or_",
    "BitXor": "xor",
    "LessThan": "lt",
    "LessThanEqual": "le",
    "GreaterThan": "gt",
    "GreaterThanEqual": "ge",
    "NotEqual": "ne",
}
_UNARY = {"Minus": "neg", "BitInvert": "invert"}


def binary(ctx: Context, op: Optional[type], left: Any, right: Any, site: Any) -> Any:
    """``left <op> right`` where one side is a symbolic tensor (``op`` a
    LibCST operator class)."""
    name = _BINARY.get(op.__name__) if op is not None else None
    if name is None:
        return graph.Tensor(None)
    return operator(ctx, name, [left, right], site)


def unary(ctx: Context, op: Any, value: graph.Tensor, site: Any) -> Any:
    """``-x``, ``~x`` (``+x`` is ``x``) of a symbolic tensor."""
    kind = type(op).__name__
    if kind == "Plus":
        return value
    name = _UNARY.get(kind)
    return graph.Tensor(None) if name is None else operator(ctx, name, [value], site)


def method(
    ctx: Context,
    tensor: graph.Tensor,
    name: str,
    args: list[Any],
    kwargs: dict[str, Any],
    site: Any,
) -> Any:
    """``x.<name>(...)`` of a symbolic tensor, for a name in METHODS."""
    return _apply(
        ctx, _catalogue().SPELLINGS[f"Tensor.{name}"], [tensor, *args], kwargs, site, False
    )


# -- one call -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bound:
    """A call bound under one engine: the operation and its arguments, the
    tensors among them in the order the inputs are listed."""

    engine: Engine
    spec: OpSpec
    args: dict[str, Any]


@guarded_by(lambda: graph.Tensor(None))  # values no rule foresaw: unknown, never a crash
def _apply(
    ctx: Context,
    spelling: Spelling,
    args: list[Any],
    kwargs: dict[str, Any],
    site: Any,
    open_args: bool,
    eager: bool = False,
) -> Any:
    """The call's result (``eager``: on eager tensors, TensorFlow's rule, no
    name taken and no error reported)."""
    catalogue = _catalogue()
    engines = frozenset({catalogue.base.Engine.TF}) if eager else _engines(ctx, spelling)
    if not engines:  # it raises here, or does not exist: nothing is built
        return graph.Tensor(None)
    bound: list[_Bound] = []
    for engine in engines if len(engines) == 1 else sorted(engines, key=_engine_order):
        runs_as = catalogue.spellings.for_engine(spelling, engine)
        spec = catalogue.OPS[runs_as.op]
        try:
            values = runs_as.bind(spec.signature, args, kwargs, open_args)
        except catalogue.base.BindError:
            return graph.Tensor(None)
        bound.append(_Bound(engine, spec, values))
    inputs = _inputs(bound[0])
    if any(len(_inputs(b)) != len(inputs) for b in bound[1:]):
        return graph.Tensor(None)
    label = _label(ctx, spelling, site)
    try:
        result = _evaluate(bound, [t.shape for t in inputs], label, ctx.state.data_format)
    except _Raised as e:
        if not eager:
            ctx.report(e.error.code, e.error.message, site, e.error.hint)
        return graph.Tensor(None)
    op = graph.TensorOp(label, site, recompute=_Recompute(bound, label, ctx.state.data_format))
    if not eager:
        _name_row(ctx, op, spelling, engines)
    made = _result(ctx, op, inputs, site, result)
    if not eager and not ctx.layer_calls and KerasVersion.KERAS3 in ctx.settings.versions:
        _mark_sparse(made, bound)
    return made


#: Keras 3 operations whose output is sparse only when every operand is
#: (keras/src/ops/numpy.py: ``x1_sparse and x2_sparse``, a Python value dense).
_SPARSE_IF_ALL = frozenset({"add", "subtract", "maximum", "minimum", "concatenate"})


def _keras3_sparse(op_name: str, operands: Sequence[Any]) -> Optional[bool]:
    """Whether Keras 3 marks the KerasTensor an operation on ``operands``
    makes sparse (None: it may). ``Multiply.compute_output_spec`` reads
    ``getattr(x, "sparse", True)``, so a Python number, an array or an eager
    tensor counts as sparse there: ``(keras.Input((4,)) * 2.0).sparse`` is
    True in Keras 3.15.1. Other operations keep a sparse operand's flag or
    drop it; which, shapelint does not model (None)."""

    def flag(value: Any, other: Optional[bool]) -> Optional[bool]:
        symbolic = isinstance(value, graph.Tensor) and not value.constant
        return value.sparse if symbolic else other

    if op_name == "multiply":
        flags = [flag(v, True) for v in operands]
        return True if True in flags else (None if None in flags else False)
    flags = [flag(v, False) for v in operands]
    if not any(f is not False for f in flags):
        return False
    return False if op_name in _SPARSE_IF_ALL and False in flags else None


def _mark_sparse(made: Any, bound: Sequence[_Bound]) -> None:
    """Mark the KerasTensors a Keras 3 operation made sparse where Keras 3
    does (what a traced layer then sees: api.keras.subclassing)."""
    from shapelint.catalogue.ops.base import Engine

    keras3 = next((b for b in bound if b.engine is Engine.KERAS), None)
    outs = made if isinstance(made, tuple) else getattr(made, "items", (made,))
    if keras3 is None or not all(isinstance(t, graph.Tensor) for t in outs):
        return
    operands: list[Any] = []
    for value in keras3.args.values():
        items = _items(value)
        operands.extend(items if items is not None else (value,))
    sparse = _keras3_sparse(keras3.spec.name, operands)
    for tensor in outs:
        tensor.sparse = sparse


class _Raised(Exception):
    def __init__(self, error: Any):
        super().__init__(error.message)
        self.error = error


def _evaluate(bound: list[_Bound], in_shapes: Sequence[Shape], label: str, fmt: str) -> Any:
    """The result under every engine: _Raised when all raise an error of a
    code shapelint reports; unknown when only some raise or they disagree."""
    base = _catalogue().base
    OpCall, ShapeError, join_results = base.OpCall, base.ShapeError, base.join_results
    results: list[OpResult] = []
    errors: list[ShapeError] = []
    for entry in bound:
        call = OpCall(_with_shapes(entry, in_shapes), label, frozenset({entry.engine}), fmt)
        try:
            results.append(entry.spec.output(call))
        except ShapeError as e:  # (EngineSplit too: some engines raise)
            errors.append(e)
        except (TypeError, ValueError, IndexError, ZeroDivisionError):
            return None
    if errors:
        reported = not results and all(type(e) is ShapeError for e in errors)
        if reported and errors[0].code in CODES:
            raise _Raised(errors[0])
        return None
    joined = results[0]
    for other in results[1:]:
        joined = join_results(joined, other)
    return joined


@dataclass(frozen=True)
class _Recompute:
    """The operation's output shapes on other input shapes (a replay)."""

    bound: list[_Bound]
    label: str
    data_format: str

    def __call__(self, in_shapes: Sequence[Shape]) -> list[Shape]:
        try:
            result = _evaluate(self.bound, in_shapes, self.label, self.data_format)
        except _Raised:
            return [None]
        return _output_shapes(result)


def _inputs(entry: _Bound) -> list[graph.Tensor]:
    """The tensors of a bound call, in the order _with_shapes reads them: the
    symbolic tensors, and an unknown value given for a tensor (it may be one
    made by code shapelint cannot follow: an edge without a producer)."""
    found: list[Any] = []
    _with_shapes(entry, (), found)
    return [t if isinstance(t, graph.Tensor) else graph.Tensor(None) for t in found]


def _with_shapes(
    entry: _Bound, in_shapes: Sequence[Shape], found: Optional[list[Any]] = None
) -> dict[str, Any]:
    """The bound arguments as the catalogue reads them: each tensor argument
    its shape (the next of ``in_shapes`` for each input), every other one a
    plain value; ``found``: a list to fill with the inputs met instead."""
    Kind = _catalogue().base.Kind

    shapes_left = _Slots(in_shapes, found)
    out: dict[str, Any] = {}
    kinds = entry.spec.signature.kinds
    for name, value in entry.args.items():
        kind = kinds.get(name)
        if kind is Kind.TENSOR:
            out[name] = _shape_of(value, shapes_left)
        elif kind in (Kind.TENSORS, Kind.VAR_TENSORS):
            items = _items(value)
            if items is None:  # a list not known: it may hold tensors
                shapes_left.take(UNKNOWN)
                out[name] = None
            else:
                out[name] = tuple(_shape_of(v, shapes_left) for v in items)
        else:
            out[name] = _plain(value, shapes_left, 0)
    return out


def _items(value: Any) -> Optional[tuple[Any, ...]]:
    items = value.items if isinstance(value, ListVal) else value
    return items if isinstance(items, tuple) else None


class _Slots:
    """The input shapes, read in order; or (``found`` given) a record of the
    inputs met in that order, whose shapes are then read as unknown."""

    def __init__(self, shapes: Sequence[Shape], found: Optional[list[Any]] = None):
        self.shapes = shapes
        self.found = found
        self.taken = 0

    def take(self, value: Any) -> Shape:
        if self.found is not None:
            self.found.append(value)
            return None
        shape = self.shapes[self.taken] if self.taken < len(self.shapes) else None
        self.taken += 1
        return shape


def _shape_of(value: Any, shapes_left: _Slots) -> Any:
    """A tensor argument's shape: a symbolic tensor's (the next input shape),
    an array's, a number's ``()``, a nested list's."""
    if isinstance(value, graph.Tensor) or value is UNKNOWN:
        return shapes_left.take(value)
    if isinstance(value, ArrayVal):
        return value.shape if value.ragged is None else None
    if isinstance(value, (bool, int, float, Sym)):
        return ()
    items = _items(value)
    if items is not None:
        inner = [_shape_of(v, shapes_left) for v in items]
        if inner and all(s is not None and s == inner[0] for s in inner):
            return (len(items), *inner[0])
        return None if inner else (0,)
    if isinstance(value, ListVal):  # items not known: they may be tensors
        shapes_left.take(UNKNOWN)
    return None


def _plain(value: Any, shapes_left: _Slots, depth: int) -> Any:
    """A value argument as the catalogue reads it: numbers, strings, None,
    symbols, slices, ``...``, tuples of them; else UNKNOWN (a tensor in it
    is an input of the graph, its value unknown)."""
    if isinstance(value, graph.Tensor):
        shapes_left.take(value)
        return UNKNOWN
    if value is None or value is Ellipsis or isinstance(value, (bool, int, float, str, Sym)):
        return value
    if isinstance(value, slice):
        return slice(
            *(_plain(p, shapes_left, depth + 1) for p in (value.start, value.stop, value.step))
        )
    if isinstance(value, TensorShapeVal):
        return tuple(value)
    items = _items(value)
    if items is not None and depth < _MAX_DEPTH:
        plain = tuple(_plain(v, shapes_left, depth + 1) for v in items)
        return list(plain) if isinstance(value, ListVal) else plain
    return UNKNOWN


# -- where it runs, what it is called, what it gives ---------------------------------------


def _engines(ctx: Context, spelling: Spelling) -> frozenset[Engine]:
    """The engines the call may run under (empty: it raises wherever it
    runs, or does not exist there)."""
    if ctx.layer_calls:
        engine = spelling.inside_call()
        return frozenset() if engine is None else frozenset({engine})
    found = (spelling.on_keras_tensor(v) for v in ctx.settings.versions)
    return frozenset(e for e in found if e is not None)


def _label(ctx: Context, spelling: Spelling, site: Any) -> str:
    """How the code spelled the operation, for messages: the called name
    (``tf.reshape``), else the operator's expression."""
    func = getattr(site, "func", None)
    text = ctx.source_of(func if func is not None else site) if site is not None else ""
    if not text or len(text) > 60:
        return spelling.path
    return f"`{text}`"


def _name_row(
    ctx: Context, op: graph.TensorOp, spelling: Spelling, engines: frozenset[Any]
) -> None:
    """Keras 3 names an operation applied to KerasTensors from the counter
    layers use; its summary row is shown when Keras 3 is the only version
    that builds the call."""
    if ctx.layer_calls or KerasVersion.KERAS3 not in ctx.settings.versions:
        return
    catalogue = _catalogue()
    if spelling.on_keras_tensor(KerasVersion.KERAS3) is not catalogue.base.Engine.KERAS:
        return
    class_name = catalogue.classes.operation_class(spelling.op, spelling.path)
    if class_name is None:
        return
    name = ctx.new_name(snake_case(class_name))
    if all(
        spelling.on_keras_tensor(v) is None for v in ctx.settings.versions - {KerasVersion.KERAS3}
    ):
        op.row_name, op.row_class = name, class_name


def _output_shapes(result: Any) -> list[Shape]:
    if isinstance(result, _catalogue().base.Tensors):
        return list(result.shapes) if result.shapes is not None else [None]
    return [result] if isinstance(result, tuple) else [None]


def _result(
    ctx: Context, op: graph.TensorOp, inputs: list[graph.Tensor], site: Any, result: Any
) -> Any:
    """The Python value a call gives: a tensor (the node's output), several
    (a list or tuple of them), or sizes and a size (a shape query)."""
    base = _catalogue().base
    Sizes, Tensors = base.Sizes, base.Tensors
    if isinstance(result, Sizes):
        if result.as_tensor:  # tf.shape(x): a 1-D tensor of the sizes
            rank = None if result.dims is None else len(result.dims)
            return graph.tensor_op_node(op, inputs, site, [(rank,)]).outputs[0]
        if result.dims is None:
            return UNKNOWN
        return tuple(UNKNOWN if d is None else d for d in result.dims)
    if isinstance(result, (int, Sym)) and not isinstance(result, bool):
        return result
    if not inputs and not isinstance(result, Tensors):  # made from Python values only
        return graph.Tensor(result if isinstance(result, tuple) else None, constant=True)
    node = graph.tensor_op_node(op, inputs, site, _output_shapes(result))
    if isinstance(result, Tensors):
        if result.shapes is None:
            return UNKNOWN
        outs = node.outputs
        return tuple(outs) if result.container is tuple else ListVal(tuple(outs), ctx.born())
    return node.outputs[0]
