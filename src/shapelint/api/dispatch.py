"""The models of the API behind the interpreter's questions (interp.context.Api):
each question about a value goes to the model of its kind: Keras objects,
NumPy arrays, the layers of a backbone shapelint does not list, Python's
containers and numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Optional

from shapelint.api import pipelines, sklearn
from shapelint.api.keras import (
    by_path,
    choices,
    construction,
    objects,
    shape_queries,
    subclassing,
    tracking,
    unlisted,
)
from shapelint.api.keras import ops as tensor_ops
from shapelint.api.numpy import ndarray
from shapelint.api.numpy.functions import call_numpy
from shapelint.api.python import builtins, containers, operators, stdlib
from shapelint.api.registry import Call
from shapelint.api.tensorflow import call_tensorflow
from shapelint.domain import graph
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.choices import LayerChoice
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers
from shapelint.domain.values import (
    MISSING,
    NOT_HANDLED,
    UNKNOWN,
    BoundMethod,
    Builtin,
    ClassVal,
    DictVal,
    ListVal,
    ModuleRef,
    SuperRef,
    keras_base,
)
from shapelint.interp.context import Context
from shapelint.interp.state import Scope


class Dispatch:
    """Implements interp.context.Api."""

    def builtin(self, name: str) -> Any:
        return builtins.builtin(name)

    def star_import(self, ref: ModuleRef, name: str) -> Optional[Any]:
        return construction.star_import_lookup(ref, name)

    def attribute(self, ctx: Context, obj: Any, name: str) -> Any:
        if isinstance(obj, ModuleRef):
            return construction.module_attribute(obj, name)
        if isinstance(obj, LayerChoice):
            return UNKNOWN  # which layer it is, is not known
        if isinstance(obj, (graph.Layer, graph.Model)) and obj.instance is not None:
            found = subclassing.attribute(obj, name)
            if found is not MISSING:
                return found
        if isinstance(obj, (graph.Layer, graph.Model, graph.Tensor)):
            return objects.keras_attribute(ctx, obj, name)
        if isinstance(obj, SuperRef):
            return subclassing.super_attribute(obj, name)
        if isinstance(obj, ArrayVal):
            return ndarray.attribute(ctx, obj, name)
        if pipelines.is_pipeline(obj):
            return pipelines.attribute(obj, name)
        return containers.attribute(obj, name)

    def set_attribute(
        self,
        ctx: Context,
        obj: Any,
        name: Optional[str],
        value: Any,
        source: Any = None,
        scope: Optional[Scope] = None,
    ) -> None:
        if name is None:  # setattr(obj, <a name not known>, value)
            if getattr(obj, "instance", None) is not None:
                tracking.track(ctx, obj, "an attribute set by setattr", value)
        elif isinstance(obj, LayerChoice):
            choices.set_attribute(ctx, obj, name)
        elif isinstance(obj, UnlistedLayer) and name == "trainable":
            unlisted.set_trainable(ctx, obj, value)
        elif isinstance(obj, ArrayVal):
            ndarray.set_attribute(ctx, obj, name, value)
        elif isinstance(obj, (graph.Layer, graph.Model)):
            if obj.instance is not None and name != "trainable":
                subclassing.set_attribute(ctx, obj, name, value)
                tracking.track(ctx, obj, name, value, source, scope)
            else:
                objects.set_keras_attribute(ctx, obj, name, value)

    def call(
        self,
        ctx: Context,
        func: Any,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Any,
        open_args: bool,
    ) -> Any:
        if isinstance(func, ModuleRef):
            call = Call(func.path, args, kwargs, site, open_args=open_args, obj=func)
            result = shape_queries.query(ctx, call)
            queried = result is not NOT_HANDLED
            if queried and result is not UNKNOWN:
                return result
            result = tensor_ops.call_path(ctx, call)
            if result is not NOT_HANDLED or queried:
                return UNKNOWN if result is NOT_HANDLED else result
            if func.is_keras:
                result = by_path.call_keras(ctx, call)
                if result is UNKNOWN:
                    eager = tensor_ops.call_eager(ctx, call)
                    return UNKNOWN if eager is NOT_HANDLED else eager
                return result
            return _call_library(ctx, call)
        if isinstance(func, BoundMethod):
            obj = func.obj
            if isinstance(obj, graph.Tensor) and func.name in tensor_ops.METHODS:
                return tensor_ops.method(ctx, obj, func.name, args, kwargs, site)
            if isinstance(obj, (SuperRef, graph.Model, graph.Layer, graph.Tensor, ArrayVal)):
                call = Call(func.name, args, kwargs, site, open_args=open_args, obj=obj)
                if isinstance(obj, SuperRef):
                    return subclassing.call_super_method(ctx, call)
                if isinstance(obj, ArrayVal):
                    return ndarray.call_method(ctx, call)
                return objects.call_keras_method(ctx, call)
            if pipelines.is_pipeline(obj):
                return pipelines.call_method(ctx, obj, func.name, args, kwargs, site)
            if isinstance(obj, (ListVal, DictVal)) and id(obj) in ctx.tracked_containers:
                tracking.container_method(ctx, obj, func.name, args, site)
            return containers.call_method(ctx, obj, func.name, args, kwargs, site)
        if isinstance(func, LayerChoice):
            return choices.call_choice(ctx, func, args, kwargs, site, open_args)
        if isinstance(func, (graph.Layer, graph.Model)):
            return objects.call_operation(ctx, func, args, kwargs, site, open_args)
        ctx.escape(args, kwargs)
        return UNKNOWN

    def call_builtin(
        self, ctx: Context, func: Builtin, args: list[Any], kwargs: dict[str, Any], site: Any
    ) -> Any:
        if (
            func.name in tensor_ops.BUILTINS
            and len(args) == 1
            and not kwargs
            and isinstance(args[0], graph.Tensor)
        ):
            return tensor_ops.operator(ctx, tensor_ops.BUILTINS[func.name], args, site)
        return func.call(ctx, args, kwargs)

    def instantiate(
        self,
        ctx: Context,
        cls: ClassVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Any,
        open_args: bool,
    ) -> Any:
        if keras_base(cls) is not None:
            return subclassing.instantiate(
                ctx, cls, Call(cls.name, args, kwargs, site, open_args=open_args)
            )
        return MISSING

    def call_instance(
        self, ctx: Context, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any]
    ) -> tuple[Any, ...]:
        if isinstance(op, graph.Layer) and op.instance is None:  # a Lambda replayed
            out = objects.call_operation(ctx, op, [inputs[0]], {}, site)
            return out if isinstance(out, tuple) else (out,)
        return subclassing.call_instance(ctx, op, inputs, list(inputs), {}, site, edges)

    def subscript(
        self, ctx: Context, container: Any, keys: tuple[Any, ...], site: Any = None
    ) -> Any:
        if isinstance(container, graph.Tensor):
            key = keys[0] if len(keys) == 1 else keys
            return tensor_ops.operator(ctx, "getitem", [container, key], site)
        if isinstance(container, ArrayVal):
            return ndarray.subscript(ctx, container, keys)
        if len(keys) != 1:
            return UNKNOWN
        if isinstance(container, UnlistedLayers):
            return unlisted.subscript(container, keys[0])
        return containers.subscript(container, keys[0])

    def binop(self, ctx: Context, op: Optional[type], left: Any, right: Any, site: Any) -> Any:
        if isinstance(left, graph.Tensor) or isinstance(right, graph.Tensor):
            return tensor_ops.binary(ctx, op, left, right, site)
        if isinstance(left, ArrayVal) or isinstance(right, ArrayVal):
            return ndarray.binop(ctx, op, left, right)
        return operators.binop(op, left, right)

    def unary(self, ctx: Context, op: Any, value: Any, site: Any = None) -> Any:
        if isinstance(value, graph.Tensor):
            return tensor_ops.unary(ctx, op, value, site)
        if isinstance(value, ArrayVal):
            return ndarray.unary(ctx, value, op)
        return operators.unary(op, value)

    def compare(self, op: type, left: Any, right: Any) -> Any:
        if op in operators.COMPARISONS and (
            isinstance(left, ArrayVal) or isinstance(right, ArrayVal)
        ):
            return ndarray.compare(left, right)
        return operators.compare(op, left, right)

    def iterate(self, value: Any, limit: int) -> Optional[list[Any]]:
        return containers.iterate(value, limit)

    def element_of(self, iterable: Any) -> Any:
        if isinstance(iterable, UnlistedLayers):
            return UnlistedLayer(iterable.model)
        return containers.element_of(iterable)

    def escape(self, ctx: Context, value: Any) -> None:
        if isinstance(value, graph.Model) and value.kind is graph.ModelKind.SEQUENTIAL:
            construction.mark_escaped(ctx, value)

    def may_hold_weights(self, ctx: Context, source: Any, scope: Optional[Scope]) -> bool:
        return tracking.may_hold_weights(ctx, source, scope)

    def added_to_container(
        self, ctx: Context, container: Any, items: list[Any], source: Any, scope: Optional[Scope]
    ) -> None:
        tracking.added_to_container(ctx, container, items, source, scope)


def _copy(ctx: Context, call: Call) -> Any:
    return stdlib.copy_call(ctx, call.obj, call.args, call.kwargs)


def _train_test_split(ctx: Context, call: Call) -> Any:
    if call.path not in sklearn.TRAIN_TEST_SPLIT:
        return NOT_HANDLED
    return sklearn.train_test_split(ctx, call.args, call.kwargs, call.site)


#: The models of the functions of libraries other than Keras, by the
#: library's module (the path's first name), tried in order: each returns
#: NOT_HANDLED for a function it does not model. A new library is one entry.
LIBRARIES: dict[str, tuple[Callable[[Context, Call], Any], ...]] = {
    "copy": (_copy,),
    "numpy": (call_numpy,),
    "tensorflow": (
        call_tensorflow,
        tracking.call_tensorflow,
        pipelines.call_tensorflow,
        tensor_ops.call_eager,
    ),
    "sklearn": (_train_test_split,),
}


def _call_library(ctx: Context, call: Call) -> Any:
    """A function of a library other than Keras (LIBRARIES), else of
    ``math`` and the modules stdlib knows; UNKNOWN for others, which may
    change what they are given."""
    for model in LIBRARIES.get(call.path.partition(".")[0], ()):
        result = model(ctx, call)
        if result is not NOT_HANDLED:
            return result
    result = stdlib.call_module_function(call.obj, call.args, call.kwargs)
    if result is NOT_HANDLED:
        ctx.escape(call.args, call.kwargs)
        return UNKNOWN
    return result
