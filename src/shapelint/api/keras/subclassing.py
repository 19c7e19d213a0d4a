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
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import libcst as cst

from shapelint import catalogue
from shapelint.api import pipelines
from shapelint.api.keras import tracking
from shapelint.api.keras.construction import (
    functional_io,
    make_layer,
    register_model,
    sequential_add,
    snake_case,
    to_plain,
)
from shapelint.api.keras.creators import SEQUENTIAL
from shapelint.api.keras.lambdas import run_traced, traced_on_sparse
from shapelint.api.python import containers
from shapelint.api.registry import Call, Signature
from shapelint.domain import graph, shapes
from shapelint.domain.layer_config import UNKNOWN_PARAMS, LayerConfig, Params
from shapelint.domain.shapes import Shape, Sym
from shapelint.domain.values import (
    MISSING,
    UNKNOWN,
    BoundMethod,
    ClassVal,
    DictVal,
    FunctionVal,
    InstanceVal,
    ListVal,
    SuperRef,
    class_lookup,
    keras_base,
)

if TYPE_CHECKING:
    from shapelint.interp.context import Context

_MODEL_BASES = {"Model", "Functional"}

#: ``Layer.build(input_shape)``.
_BUILD = Signature.of("input_shape")

Instance = Any  # graph.Layer | graph.Model with an ``instance``


def instantiate(ev: Context, cls: ClassVal, call: Call) -> Any:
    """``cls(...)`` of a user subclass of a Keras class."""
    base = keras_base(cls)
    if base is None:
        return UNKNOWN
    site = ev.local_site(call.site) or call.site
    call = replace(call, site=site)
    args, kwargs = call.args, call.kwargs

    kind = base.last
    instance = InstanceVal(cls, birth=ev.born())
    obj: Instance
    if kind in _MODEL_BASES or kind == "Sequential":
        obj = graph.Model(
            graph.ModelKind.SEQUENTIAL if kind == "Sequential" else graph.ModelKind.SUBCLASSED,
            site,
            ev.new_name(snake_case(cls.name)),
            birth=ev.born(),
            pending_build=isinstance(class_lookup(cls, "build"), FunctionVal),
        )
        register_model(ev, obj)
    elif kind == "Layer" or catalogue.is_layer_name(kind) or "layers" in base.path.split("."):
        # A subclass of a built-in layer is that layer (its arguments are bound
        # by Keras' __init__: keras_init; unknown until then); of another Keras
        # layer class (a Wrapper, a cell base), its weights are not known.
        spec = catalogue.lookup(kind)
        layer_name = ev.new_name(snake_case(cls.name))
        cfg = LayerConfig(cls.name, {}, name=layer_name, open=spec is not None)
        own = Params(0, 0) if kind == "Layer" or spec is not None else UNKNOWN_PARAMS
        obj = graph.Layer(spec, cfg, site, birth=ev.born(), params=own)
    elif pipelines.sequences.is_sequence_base(base):
        methods = {name: class_lookup(cls, name) for name in ("__init__", "__getitem__")}
        return pipelines.sequences.make_sequence(
            ev, cls, methods, args, kwargs, site, call.open_args
        )
    else:
        # Another Keras class (a Callback, a Loss, a schedule): a plain
        # instance, whose own methods and attributes are followed (Keras' are
        # unknown), as for a class of any other library.
        return MISSING
    obj.instance = instance
    init = class_lookup(cls, "__init__")
    if isinstance(init, FunctionVal):
        ev.call_function(init, [obj, *args], kwargs, site, call.open_args)
    else:  # Keras' own __init__: `CustomModel(inputs, outputs)` is a Functional
        keras_init(ev, obj, call)
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


def set_attribute(ev: Context, obj: Instance, name: str, value: Any) -> None:
    """The Python side of ``obj.name = value`` (what Keras tracks: tracking)."""
    instance: InstanceVal = obj.instance
    ev.trail.set(instance, "attrs", {**instance.attrs, name: value})


# -- super() ----------------------------------------------------------------------------


def super_attribute(ref: SuperRef, name: str) -> Any:
    for base in ref.owner.bases:
        if isinstance(base, ClassVal):
            found = class_lookup(base, name)
            if isinstance(found, FunctionVal):
                return BoundMethod(ref.obj, name, found)
            if found is not MISSING:
                return found
    return BoundMethod(ref, name)


def call_super_method(ev: Context, call: Call) -> Any:
    """Keras' own ``__init__``/``build``/``call`` reached through ``super()``
    (``call.obj`` the SuperRef, ``call.path`` the method's name)."""
    obj, name = call.obj.obj, call.path
    if name == "__init__":
        keras_init(ev, obj, call)
        return None
    if name == "build":
        if isinstance(obj, graph.Layer) and obj.spec is not None:  # a built-in layer's weights
            shape = _as_shape(_BUILD.bind(call.args, call.kwargs).get("input_shape", UNKNOWN))
            tracking.add_own(ev, obj, graph.built_params(obj, obj.config, (shape,)))
        return None
    if name == "get_config" and isinstance(obj, graph.Layer):
        return keras_config(ev, obj)
    return UNKNOWN


def keras_config(ev: Context, layer: graph.Layer) -> Any:
    """What Keras' own ``get_config`` of a user layer's base class gives:
    ``name`` and ``trainable`` (and ``dtype``, whose value shapelint does not
    follow) for ``keras.layers.Layer`` (keras/src/layers/layer.py; tf-keras
    alike), and the constructor's arguments too for a built-in layer (the
    ones given: the others are its defaults)."""
    items: dict[str, Any] = {"name": layer.name, "dtype": UNKNOWN}
    if isinstance(layer.trainable, bool):
        items["trainable"] = layer.trainable
    if layer.spec is not None:
        if layer.config.open:
            return UNKNOWN
        items = {**layer.config.args, **items}
    return DictVal(items, birth=ev.born())


def keras_init(ev: Context, obj: Any, call: Call) -> None:
    """Keras' ``__init__`` of the class a user subclass derives from, for
    the object ``obj`` (``call``: the arguments it is given)."""
    if not isinstance(obj, (graph.Layer, graph.Model)):
        return  # `self` unknown (a method analysed without a call)
    if isinstance(obj, graph.Layer) and obj.spec is not None:
        _bind_builtin(ev, obj, call)
        return
    args, kwargs = call.args, call.kwargs
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
    if obj.kind is graph.ModelKind.SEQUENTIAL:
        layers = SEQUENTIAL.bind(args, kwargs).get("layers")
        for item in containers.iterate(layers, 10_000) or () if layers is not None else ():
            sequential_add(ev, obj, item, call.site)
        return
    io = functional_io(args, kwargs)
    if io is not None:  # super().__init__(inputs=..., outputs=...): a functional model
        obj.kind = graph.ModelKind.FUNCTIONAL
        obj.inputs, obj.outputs = io
        obj.pending_build = False  # built by its graph
    elif call.open_args or args or "inputs" in kwargs or "outputs" in kwargs:
        # a Functional's arguments, perhaps, of tensors shapelint does not know
        tracking.untracked(ev, obj, "inputs and outputs given by code it cannot see")


def _bind_builtin(ev: Context, layer: graph.Layer, call: Call) -> None:
    """A subclass of a built-in layer: its constructor arguments, bound as the
    built-in layer binds them (``MyConv(32, 3)``, ``super().__init__(units)``)."""
    base = keras_base(layer.instance.cls)
    assert base is not None
    built = make_layer(
        ev, base, call.args, call.kwargs, call.site, call.open_args, name=layer.config.name
    )
    ev.trail.set(layer, "config", replace(built.config, class_name=layer.config.class_name))
    for key in ("invalid", "trainable", "constructor_frozen"):
        ev.trail.set(layer, key, getattr(built, key))


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
    ev: Context,
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
    abandoned = ev.abandoned_calls
    # A subclass of a built-in layer: that layer's checks, shapes and weights.
    applied = (
        graph.apply_spec(obj, obj.config, in_shapes, site, ev)
        if isinstance(obj, graph.Layer) and obj.spec is not None
        else None
    )
    if isinstance(obj, graph.Layer) and obj.built_inputs is None:
        ev.trail.set(obj, "built_inputs", applied.inputs if applied else in_shapes)
        if not run_build(ev, obj, in_shapes, site) and applied is not None and applied.builds:
            tracking.add_own(ev, obj, applied.params(obj, obj.config))
    elif isinstance(obj, graph.Model) and obj.pending_build:
        run_build(ev, obj, in_shapes, site)
    result: Any = UNKNOWN
    call = class_lookup(cls, "call")
    if isinstance(call, FunctionVal):
        result = run_traced(ev, lambda: ev.call_function(call, [obj, *args], {**kwargs}, site))
    out_shapes: list[Shape]
    compute = class_lookup(cls, "compute_output_shape")
    returned = _tensors(result)
    if isinstance(compute, FunctionVal) and len(in_shapes) == 1:
        declared = ev.call_function(compute, [obj, shape_value(in_shapes[0])], {}, site)
        out_shapes = [_as_shape(declared)]
    elif applied is not None:
        # Keras 3 takes the built-in layer's compute_output_shape, Keras 2 the
        # shape `call` returns: the shape both agree on.
        out_shapes = list(applied.outputs)
        if len(returned) == len(out_shapes):
            out_shapes = [shapes.join_shapes(s, t.shape) for s, t in zip(out_shapes, returned)]
    elif traced_on_sparse(ev, tensors):
        # Keras 3 traces call() on a SparseTensor whose static shape is lost.
        out_shapes = [None] * max(len(returned), 1)
        tracking.untracked(ev, obj, "layers or weights built on a tensor Keras 3 makes sparse")
    else:
        out_shapes = [t.shape for t in returned] if returned else [None]
    if ev.abandoned_calls != abandoned:  # what it built there was undone
        tracking.untracked(ev, obj, "layers or weights built by code too long to follow")
    node = graph.Node(obj, tuple(tensors), site, arguments=tuple(edges))
    node.outputs = tuple(graph.Tensor(s, node, i) for i, s in enumerate(out_shapes))
    if first:
        ev.trail.set(obj, "first_outputs", node.outputs)
        if isinstance(obj, graph.Model) and obj.kind is graph.ModelKind.SUBCLASSED:
            ev.trail.set(obj, "inputs", tuple(tensors))
            ev.trail.set(obj, "outputs", node.outputs)
    return node.outputs


def run_build(ev: Context, obj: Instance, in_shapes: Sequence[Shape], site: Any) -> bool:
    """Run the ``build`` the user's class defines, if any (then Keras runs
    that build, not its own)."""
    build = class_lookup(obj.instance.cls, "build")
    if not isinstance(build, FunctionVal):
        return False
    if isinstance(obj, graph.Model):
        ev.trail.set(obj, "pending_build", False)
    arg = (
        shape_value(in_shapes[0])
        if len(in_shapes) == 1
        else tuple(shape_value(s) for s in in_shapes)
    )
    if ev.call_function(build, [obj, arg], {}, site) is not None:
        # it raised, or was too long to follow: its weights are not all known
        tracking.untracked(ev, obj, "weights of a build() shapelint could not follow")
    return True


def _tensors(value: Any) -> list[graph.Tensor]:
    if isinstance(value, graph.Tensor):
        return [value]
    items = containers.iterate(value, 10_000) if isinstance(value, (tuple, ListVal)) else None
    if items and all(isinstance(t, graph.Tensor) for t in items):
        return list(items)
    return []


def build_instance(ev: Context, obj: Instance, shape_arg: Any, site: cst.Call) -> None:
    """``model.build(input_shape)`` on a subclass: its own ``build`` when its
    class defines one (as Keras runs it), else call it on a tensor of that
    shape (what tf.keras 2 did, and what the user means)."""
    dims = to_plain(shape_arg)
    if not isinstance(dims, tuple):
        return
    shape = tuple(
        d if isinstance(d, (int, Sym)) and not isinstance(d, bool) else None for d in dims
    )
    if isinstance(obj, graph.Model) and obj.pending_build:
        run_build(ev, obj, [shape], site)
        return
    call_instance(ev, obj, [graph.Tensor(shape)], [graph.Tensor(shape)], {}, site)
