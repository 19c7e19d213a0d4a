"""User subclasses of ``keras.Model`` and ``keras.layers.Layer``.

An instance is a :class:`graph.Model` (kind "subclassed") or a
:class:`graph.Layer` without a catalogue entry, carrying an ``InstanceVal``
for its Python attributes. Layers assigned to its attributes are tracked in
assignment order, as Keras tracks them. Calling it runs the user's ``build``
(``add_weight`` shapes become parameters), then ``compute_output_shape`` when
defined, else ``call`` on the input tensors; what those cannot tell stays
unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint import catalogue, graph, shapes
from shapelint.catalogue.base import UNKNOWN_PARAMS, LayerConfig, Params
from shapelint.evaluator import pyfuncs
from shapelint.evaluator.state import MISSING
from shapelint.evaluator.values import (
    UNKNOWN,
    BoundMethod,
    ClassVal,
    FunctionVal,
    InstanceVal,
    ListVal,
    ModuleRef,
)
from shapelint.shapes import Shape, Sym

if TYPE_CHECKING:
    from shapelint.evaluator.interpreter import Evaluator

_MODEL_BASES = {"Model", "Functional"}

Instance = Any  # graph.Layer | graph.Model with an ``instance``


def keras_base(cls: ClassVal, depth: int = 0) -> Optional[ModuleRef]:
    """The Keras class a user class derives from (first found, bases in order)."""
    for base in cls.bases:
        if isinstance(base, ModuleRef) and base.is_keras:
            return base
        if isinstance(base, ClassVal) and depth < 16:
            found = keras_base(base, depth + 1)
            if found is not None:
                return found
    return None


def class_lookup(cls: ClassVal, name: str, skip: Optional[ClassVal] = None, depth: int = 0) -> Any:
    """A name in a user class or its user-class bases (depth-first)."""
    if cls is not skip and name in cls.namespace:
        return cls.namespace[name]
    if depth > 16:
        return MISSING
    for base in cls.bases:
        if isinstance(base, ClassVal):
            found = class_lookup(base, name, None, depth + 1)
            if found is not MISSING:
                return found
    return MISSING


def instantiate(
    ev: Evaluator,
    cls: ClassVal,
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
) -> Any:
    base = keras_base(cls)
    if base is None:
        return UNKNOWN
    from shapelint.evaluator.keras_calls import register_model, snake_case

    site = ev.local_site(site) or site

    kind = base.last
    instance = InstanceVal(cls, birth=ev.born())
    obj: Instance
    if kind in _MODEL_BASES or kind == "Sequential":
        obj = graph.Model(
            "sequential" if kind == "Sequential" else "subclassed",
            site,
            ev.new_name(snake_case(cls.name)),
            birth=ev.born(),
        )
        register_model(ev, obj)
    elif kind == "Layer" or catalogue.is_layer_name(kind) or "layers" in base.path.split("."):
        cfg = LayerConfig(cls.name, {}, name=ev.new_name(snake_case(cls.name)))
        obj = graph.Layer(None, cfg, site, birth=ev.born(), params=Params(0, 0))
    else:
        ev.escape(args, kwargs)
        return UNKNOWN
    obj.instance = instance
    init = class_lookup(cls, "__init__")
    if isinstance(init, FunctionVal):
        ev.call_function(init, [obj, *args], kwargs, site, open_args)
    else:  # Keras' own __init__: `CustomModel(inputs, outputs)` is a Functional
        keras_init(ev, obj, args, kwargs, site)
    return obj


# -- attributes -------------------------------------------------------------------------


def attribute(obj: Instance, name: str) -> Any:
    """An attribute of a subclass instance, or MISSING (then Keras' own applies)."""
    instance: InstanceVal = obj.instance
    if name in instance.attrs:
        return instance.attrs[name]
    found = class_lookup(instance.cls, name)
    if isinstance(found, FunctionVal):
        return BoundMethod(obj, name, found)
    return found


def set_attribute(ev: Evaluator, obj: Instance, name: str, value: Any) -> None:
    instance: InstanceVal = obj.instance
    ev.trail.set(instance, "attrs", {**instance.attrs, name: value})
    key = "layers" if isinstance(obj, graph.Model) else "sublayers"
    tracked = list(getattr(obj, key))
    for item in _layers_in(value):
        if item is not obj and all(item is not t for t in tracked):
            tracked.append(item)
    if len(tracked) != len(getattr(obj, key)):
        ev.trail.set(obj, key, tuple(tracked))


def _layers_in(value: Any) -> list[Any]:
    if isinstance(value, (graph.Layer, graph.Model)):
        return [value]
    items = pyfuncs.iterate(value, 10_000) if isinstance(value, (ListVal, tuple)) else None
    return [v for v in items or () if isinstance(v, (graph.Layer, graph.Model))]


# -- super() ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SuperRef:
    """``super()`` inside a method of ``owner`` called on ``obj``."""

    obj: Any
    owner: ClassVal


def super_attribute(ref: SuperRef, name: str) -> Any:
    for base in ref.owner.bases:
        if isinstance(base, ClassVal):
            found = class_lookup(base, name)
            if isinstance(found, FunctionVal):
                return BoundMethod(ref.obj, name, found)
            if found is not MISSING:
                return found
    return BoundMethod(ref, name)


def call_super_method(
    ev: Evaluator, ref: SuperRef, name: str, args: list[Any], kwargs: dict[str, Any], site: cst.Call
) -> Any:
    """Keras' own ``__init__``/``build``/``call`` reached through ``super()``."""
    obj = ref.obj
    if name == "__init__":
        keras_init(ev, obj, args, kwargs, site)
        return None
    return UNKNOWN if name not in ("build",) else None


def keras_init(
    ev: Evaluator, obj: Any, args: list[Any], kwargs: dict[str, Any], site: cst.Call
) -> None:
    from shapelint.evaluator.keras_calls import functional_io, sequential_add

    if not isinstance(obj, (graph.Layer, graph.Model)):
        return  # `self` unknown (a method analysed without a call)
    name = kwargs.get("name")
    if isinstance(name, str) and isinstance(obj, (graph.Layer, graph.Model)):
        if isinstance(obj, graph.Model):
            obj.keras_name = name
        else:
            obj.config.name = name
    trainable = kwargs.get("trainable")
    if isinstance(trainable, bool):
        ev.trail.set(obj, "trainable", trainable)
    if not isinstance(obj, graph.Model):
        return
    if obj.kind == "sequential":
        layers = args[0] if args else kwargs.get("layers")
        for item in pyfuncs.iterate(layers, 10_000) or () if layers is not None else ():
            sequential_add(ev, obj, item, site)
        return
    io = functional_io(args, kwargs)
    if io is not None:  # super().__init__(inputs=..., outputs=...): a functional model
        obj.kind = "functional"
        obj.inputs, obj.outputs = io


# -- calling an instance -------------------------------------------------------------------


def shape_value(shape: Shape) -> Any:
    """An input shape as user code sees it in ``build``/``compute_output_shape``:
    a tuple whose batch entry is None and whose other unknown sizes are UNKNOWN."""
    if shape is None:
        return UNKNOWN
    return tuple(
        None if i == 0 and d is None else (UNKNOWN if d is None else d) for i, d in enumerate(shape)
    )


def _as_shape(value: Any) -> Shape:
    plain = value.items if isinstance(value, ListVal) else value
    if not isinstance(plain, tuple):
        return None
    dims = []
    for d in plain:
        if d is None or d is UNKNOWN:
            dims.append(None)
        elif isinstance(d, (int, Sym)) and not isinstance(d, bool):
            dims.append(d)
        else:
            return None
    return tuple(dims)


def call_instance(
    ev: Evaluator,
    obj: Instance,
    tensors: Sequence[graph.Tensor],
    args: list[Any],
    kwargs: dict[str, Any],
    site: Any,
    edges: Sequence[graph.Tensor] = (),
) -> tuple[graph.Tensor, ...]:
    """``obj(inputs)``: run the user's build/compute_output_shape/call; the
    output tensors of the node this call adds (``edges``: Node.arguments)."""
    cls = obj.instance.cls
    in_shapes = tuple(t.shape for t in tensors)
    first = obj.first_outputs == ()
    if isinstance(obj, graph.Layer) and obj.built_inputs is None:
        ev.trail.set(obj, "built_inputs", in_shapes)
        build = class_lookup(cls, "build")
        if isinstance(build, FunctionVal):
            arg = (
                shape_value(in_shapes[0])
                if len(in_shapes) == 1
                else tuple(shape_value(s) for s in in_shapes)
            )
            ev.call_function(build, [obj, arg], {}, site)
    result: Any = UNKNOWN
    call = class_lookup(cls, "call")
    if isinstance(call, FunctionVal):
        result = ev.call_function(call, [obj, *args], {**kwargs}, site)
    out_shapes: list[Shape]
    compute = class_lookup(cls, "compute_output_shape")
    if isinstance(compute, FunctionVal) and len(in_shapes) == 1:
        declared = ev.call_function(compute, [obj, shape_value(in_shapes[0])], {}, site)
        out_shapes = [_as_shape(declared)]
    else:
        returned = _tensors(result)
        out_shapes = [t.shape for t in returned] if returned else [None]
    node = graph.Node(obj, tuple(tensors), site, arguments=tuple(edges))
    node.outputs = tuple(graph.Tensor(s, node, i) for i, s in enumerate(out_shapes))
    if first:
        ev.trail.set(obj, "first_outputs", node.outputs)
        if isinstance(obj, graph.Model) and obj.kind == "subclassed":
            ev.trail.set(obj, "inputs", tuple(tensors))
            ev.trail.set(obj, "outputs", node.outputs)
    return node.outputs


def _tensors(value: Any) -> list[graph.Tensor]:
    if isinstance(value, graph.Tensor):
        return [value]
    items = pyfuncs.iterate(value, 10_000) if isinstance(value, (tuple, ListVal)) else None
    if items and all(isinstance(t, graph.Tensor) for t in items):
        return list(items)
    return []


def build_instance(ev: Evaluator, obj: Instance, shape_arg: Any, site: cst.Call) -> None:
    """``model.build(input_shape)`` on a subclass: call it on a tensor of that
    shape (what tf.keras 2 did, and what the user means)."""
    from shapelint.evaluator.keras_calls import to_plain

    dims = to_plain(shape_arg)
    if not isinstance(dims, tuple):
        return
    shape = tuple(
        d if isinstance(d, (int, Sym)) and not isinstance(d, bool) else None for d in dims
    )
    call_instance(ev, obj, [graph.Tensor(shape)], [graph.Tensor(shape)], {}, site)


def add_weight(ev: Evaluator, layer: graph.Layer, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``self.add_weight(shape=..., trainable=...)`` (or Keras 2's ``(name, shape)``)."""
    from shapelint.evaluator.keras_calls import to_plain

    if "shape" in kwargs:
        shape = kwargs["shape"]
    elif args and isinstance(args[0], str):
        shape = args[1] if len(args) > 1 else None
    else:
        shape = args[0] if args else None
    dims = to_plain(shape) if shape is not None else ()
    count = shapes.product(dims) if isinstance(dims, tuple) else None
    trainable = kwargs.get("trainable", True)
    own = layer.params
    if not isinstance(count, int) or not isinstance(trainable, bool) or own.total is None:
        ev.trail.set(layer, "params", UNKNOWN_PARAMS)
    elif trainable:
        ev.trail.set(layer, "params", Params(own.trainable + count, own.non_trainable))
    else:
        ev.trail.set(layer, "params", Params(own.trainable, (own.non_trainable or 0) + count))
    weight_shape = _as_shape(dims) if isinstance(dims, tuple) else None
    return graph.Tensor(weight_shape, constant=True)  # a variable: usable in tensor maths
