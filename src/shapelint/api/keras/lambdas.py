"""``Lambda`` layers: the function is run, as Keras traces it, on the
layer's inputs.

Keras 3 takes ``output_shape=`` when given and otherwise traces the function
on TensorFlow tensors (keras/src/layers/core/lambda_layer.py
``compute_output_shape``); tf.keras 2 always takes the shape the function
returns on its symbolic tensors. The operations in the function follow
TensorFlow's rule (api.keras.ops), and so does a library function that
spells one of them (``Lambda(tf.nn.relu)``, ``Lambda(K.l2_normalize)``); a
function shapelint cannot run (another library's) leaves the shape to
``output_shape=``, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

from shapelint.api.keras import ops as tensor_ops
from shapelint.api.registry import Call, Signature
from shapelint.domain import graph, shapes
from shapelint.domain.values import DictVal, FunctionVal, ModuleRef
from shapelint.versions import KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def run_traced(ev: Context, run: Callable[[], Any]) -> Any:
    """Run a layer's ``call()`` (or a Lambda's function): Keras traces it on
    TensorFlow tensors, so the operations in it follow TensorFlow's rule."""
    ev.layer_calls += 1
    try:
        return run()
    finally:
        ev.layer_calls -= 1


def traced_on_sparse(ev: Context, tensors: Sequence[Any]) -> bool:
    """Whether Keras 3 may trace a custom layer's ``call()`` on a tensor it
    marks sparse (``x * 2.0``: graph.Tensor.sparse).
    Keras 3's TensorFlow backend then feeds a ``SparseTensor`` whose static
    shape is unknown in every axis (backend/tensorflow/core.py
    ``compute_output_spec``; checked in Keras 3.15.1: a layer returning
    ``t * 2.0`` on ``keras.Input((4,)) * 2.0`` outputs (None, None)), so the
    traced shape is not the one shapelint computes. (A Lambda is not: its
    ``compute_output_shape`` traces dense tensors of the input's shape.)"""
    return KerasVersion.KERAS3 in ev.settings.versions and any(
        isinstance(t, graph.Tensor) and t.sparse is not False for t in tensors
    )


#: ``Lambda(function, output_shape=None, mask=None, arguments=None)``.
LAMBDA = Signature.of("function", "output_shape", "mask", "arguments")


def keep_function(layer: graph.Layer, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """Keep a Lambda's function and ``arguments=`` on the layer (its config
    holds plain values only)."""
    from shapelint.catalogue.ops import SPELLINGS

    bound = LAMBDA.bind(args, kwargs)
    function, extra = bound.get("function"), bound.get("arguments")
    if isinstance(function, FunctionVal) or (
        isinstance(function, ModuleRef) and function.path in SPELLINGS
    ):
        layer.function = function
        layer.function_kwargs = extra


def run_function(
    ev: Context,
    layer: graph.Layer,
    outs: tuple[graph.Tensor, ...],
    inputs: Any,
    site: Any,
) -> None:
    """After the Lambda's node is made (``outs``, shaped by ``output_shape=``
    if given): run its function on ``inputs`` (the call's first argument) and
    give its output the shape the Keras versions agree on (a tensor made
    just now: no state to undo)."""
    if layer.function is None or layer.invalid or len(outs) != 1:
        return
    extra = layer.function_kwargs
    if extra is None:
        kwargs: dict[str, Any] = {}
    elif isinstance(extra, DictVal) and isinstance(extra.items, dict):
        if not all(isinstance(k, str) for k in extra.items):
            return
        kwargs = dict(extra.items)
    else:
        return
    function = layer.function
    if isinstance(function, ModuleRef):  # an operation (``Lambda(tf.nn.relu)``)
        call = Call(function.path, [inputs], kwargs, site, obj=function)
        returned = run_traced(ev, lambda: tensor_ops.call_path(ev, call))
    else:
        returned = run_traced(ev, lambda: ev.call_function(function, [inputs], kwargs, site))
    traced = returned.shape if isinstance(returned, graph.Tensor) else None
    # output_shape= is taken by Keras 3 (and Keras 1), never by tf.keras 2.
    declared = layer.config.get("output_shape") is not None
    found = [
        outs[0].shape if declared and v is not KerasVersion.KERAS2 else traced
        for v in ev.settings.versions
    ]
    shape = found[0]
    for other in found[1:]:
        shape = shapes.join_shapes(shape, other)
    outs[0].shape = shape
