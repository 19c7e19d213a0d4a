"""What the Keras objects the script made do: layers and models called on
tensors (or arrays), the attributes of tensors, layers and models
(``x.shape``, ``layer.output``, ``model.layers``, setting ``trainable``),
their methods (``model.add``, ``build``, ``compile``, ``fit``, ``save``,
``get_layer``, ...) and Python's operators on symbolic tensors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api.keras import copies, lambdas, lookups, subclassing, tracking
from shapelint.api.keras.construction import (
    build_model,
    sequential_add,
    sequential_pop,
    tensor_dims,
    to_plain,
)
from shapelint.api.keras.training import calls, compilation
from shapelint.api.numpy import arrays
from shapelint.api.python import containers
from shapelint.api.registry import DECLINED, Call, Registrations, Registry, Signature
from shapelint.domain import graph, param_counts
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Sym
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers, is_unlisted
from shapelint.domain.values import UNKNOWN, BoundMethod, DictVal, ListVal
from shapelint.interp.budgets import MAX_SEQUENCE
from shapelint.versions import KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context


# -- calling layers and models -----------------------------------------------------------


def call_operation(
    ev: Context,
    op: graph.Layer | graph.Model,
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool = False,
) -> Any:
    spec = op.spec if isinstance(op, graph.Layer) else None
    names = spec.call_inputs if spec is not None else ("inputs",)
    values = [
        args[i] if i < len(args) else kwargs[name]
        for i, name in enumerate(names)
        if i < len(args) or name in kwargs
    ]
    items = [item for value in values for item in _input_items(value)]
    # Called on arrays only (NumPy, eager tensors), Keras runs the call eagerly:
    # the layer builds on the arrays' full shapes (batch axis included) and
    # returns concrete tensors, which belong to no functional graph.
    eager = bool(items) and all(isinstance(item, ArrayVal) for item in items)
    tensors = [_as_tensor(item) for item in items] or [graph.Tensor(None)]
    edges = call_edges(args, kwargs, tensors) if not eager and (len(args) > 1 or kwargs) else ()
    # Call options (return_attention_scores=...): given by keyword, else their
    # default, unless *args/**kwargs of unknown content or extra positionals
    # may carry them.
    options: dict[str, Any] = {}
    for name in spec.call_options if spec is not None else ():
        if name in kwargs:
            options[name] = to_plain(kwargs[name])
        elif open_args or len(args) > len(names):
            options[name] = UNKNOWN
    if op.instance is not None:
        if eager:  # the user's call() sees tensors of the arrays' shapes
            args = [_as_tensor(a) if isinstance(a, ArrayVal) else a for a in args]
        outs = subclassing.call_instance(ev, op, tensors, args, kwargs, site, edges)
    elif isinstance(op, graph.Model):
        outs = graph.call_model(op, tensors, site, ev, ev.trail, edges)
    else:
        packed = _packed(values[0]) if len(values) == 1 else None
        outs = graph.call_layer(op, tensors, site, ev, ev.trail, options, edges, packed)
        if op.function is not None and values:
            lambdas.run_function(ev, op, outs, values[0], site)
    if eager:
        results: tuple[Any, ...] = tuple(arrays.eager_result(ev, t.shape, site) for t in outs)
    else:
        results = outs
    return results[0] if len(results) == 1 else results


#: Call arguments that are never graph edges (a Python flag, even when its
#: value is not known).
_NOT_EDGES = frozenset({"training"})


def call_edges(
    args: list[Any], kwargs: dict[str, Any], tensors: list[graph.Tensor]
) -> tuple[graph.Tensor, ...]:
    """Every tensor of a layer call in Keras' order (positional arguments, then
    keywords sorted by name: keras/src/ops/symbolic_arguments.py flattens them
    so), when they are not just the layer's input ``tensors``; else (). A value
    that may be a tensor from code shapelint cannot see is an edge without a
    producer: the graph behind it is unknown."""
    edges = [t for value in args for t in _edge_tensors(value)]
    for key in sorted(kwargs):
        if key not in _NOT_EDGES:
            edges.extend(_edge_tensors(kwargs[key]))
    if len(edges) == len(tensors) and all(a is b for a, b in zip(edges, tensors)):
        return ()
    return tuple(edges)


def _edge_tensors(value: Any, depth: int = 0) -> list[graph.Tensor]:
    """The tensors in a call argument that is not one of the layer's inputs."""
    if isinstance(value, graph.Tensor):
        return [value]
    if value is UNKNOWN or depth > 8:
        return [graph.Tensor(None)]
    if isinstance(value, DictVal):  # flattened by sorted keys, as Keras' tree does
        items = value.items
        known = isinstance(items, dict) and all(isinstance(k, str) for k in items)
        value = tuple(items[k] for k in sorted(items)) if known else UNKNOWN
    if isinstance(value, (tuple, ListVal)):
        items = containers.iterate(value, MAX_SEQUENCE)
        if items is None:
            return [graph.Tensor(None)]
        return [t for item in items for t in _edge_tensors(item, depth + 1)]
    return []


def _input_items(value: Any) -> list[Any]:
    """The inputs one call argument holds: a tensor or an array (one input,
    never its rows), or the items of a list or tuple (UNKNOWN if not known)."""
    if isinstance(value, (graph.Tensor, ArrayVal)):
        return [value]
    items = containers.iterate(value, MAX_SEQUENCE)
    if items is None or isinstance(value, str):
        return [UNKNOWN]
    return items


def _packed(value: Any) -> Optional[bool]:
    """Whether a layer's one input argument is a list or tuple of inputs
    (False: a tensor of known shape, certainly one tensor; None: not known,
    as a tensor of unknown shape may stand for a list)."""
    if isinstance(value, graph.Tensor):
        return False if value.shape is not None else None
    if isinstance(value, (tuple, ListVal)):
        return True
    return None


def _as_tensor(item: Any) -> graph.Tensor:
    """An input as a layer sees it: an array is a constant of its full shape."""
    if isinstance(item, graph.Tensor):
        return item
    if isinstance(item, ArrayVal):
        return graph.Tensor(item.shape if item.ragged is None else None, constant=True)
    return graph.Tensor(None)


# -- attributes and methods -----------------------------------------------------------------


KERAS_METHODS = Registrations()
register = KERAS_METHODS.register

#: (the class of a Keras object, a method name) -> the method's model.
METHODS = Registry(lambda: KERAS_METHODS, lambda: lookups.LOOKUP_METHODS)


_TENSOR, _LAYER, _MODEL = graph.Tensor, graph.Layer, graph.Model


def _method_key(obj: Any, name: str) -> tuple[type, str]:
    return (graph.Tensor if isinstance(obj, graph.Tensor) else type(obj), name)


def keras_attribute(ev: Context, obj: Any, name: str) -> Any:
    """``x.shape``, ``layer.output``, ``model.layers``, ``model.fit`` (a bound
    method), ...: the getter registered for the object's class and the name."""
    key = _method_key(obj, name)
    if METHODS.get(key) is not None:
        return BoundMethod(obj, name)
    entry = ATTRIBUTES.get(key)
    return UNKNOWN if entry is None else entry.model(ev, obj, name)


KERAS_ATTRIBUTES = Registrations()
attribute = KERAS_ATTRIBUTES.register

#: (the class of a Keras object, an attribute name) -> its getter:
#: ``getter(ctx, obj, name) -> value``.
ATTRIBUTES = Registry(lambda: KERAS_ATTRIBUTES)


@attribute((_TENSOR, "shape"), (_TENSOR, "_keras_shape"))
def tensor_shape(ev: Context, tensor: graph.Tensor, name: str) -> Any:
    return tensor_dims(tensor)


@attribute((_TENSOR, "ndim"))
def tensor_ndim(ev: Context, tensor: graph.Tensor, name: str) -> Any:
    return UNKNOWN if tensor.shape is None else len(tensor.shape)


@attribute((_LAYER, "trainable"), (_MODEL, "trainable"))
def trainable(ev: Context, obj: graph.Operation, name: str) -> Any:
    return obj.trainable if isinstance(obj.trainable, bool) else UNKNOWN


@attribute((_LAYER, "name"), (_MODEL, "name"))
def operation_name(ev: Context, obj: graph.Operation, name: str) -> Any:
    return obj.name


@attribute((_LAYER, "output"))
def layer_output(ev: Context, layer: graph.Layer, name: str) -> Any:
    outs = layer.first_outputs
    if not outs:
        return UNKNOWN
    return outs[0] if len(outs) == 1 else tuple(outs)


@attribute((_LAYER, "input"))
def layer_input(ev: Context, layer: graph.Layer, name: str) -> Any:
    node = layer.first_outputs[0].node if layer.first_outputs else None
    if node is not None and len(node.inputs) == 1:
        return node.inputs[0]
    return UNKNOWN


@attribute((_LAYER, "output_shape"))
def layer_output_shape(ev: Context, layer: graph.Layer, name: str) -> Any:
    outs = layer.first_outputs
    return tensor_dims(outs[0]) if len(outs) == 1 else UNKNOWN


#: Constructor arguments a built-in layer keeps as attributes of the same name
#: and value (keras/src/layers: ``self.units = units``, ...), when numbers.
_STORED_ARGUMENTS = ("units", "filters", "use_bias", "num_heads", "key_dim", "output_dim")
_STORED_ARGUMENTS += ("input_dim", "rate")


@attribute(*((_LAYER, argument) for argument in _STORED_ARGUMENTS))
def stored_argument(ev: Context, layer: graph.Layer, name: str) -> Any:
    """``layer.units`` (a subclass reads ``self.units``)."""
    value = layer.config.args.get(name) if layer.spec is not None else None
    return value if isinstance(value, (int, float, Sym)) else UNKNOWN


@attribute((_MODEL, "layers"))
def model_layers(ev: Context, model: graph.Model, name: str) -> Any:
    if is_unlisted(model):
        return UnlistedLayers(model)
    return ListVal(tuple(graph.model_operations(model)), birth=ev.born())


# A model's inputs and outputs: unknown when some of them are not followed
# (Model.partial_io).


@attribute((_MODEL, "output"), (_MODEL, "outputs"))
def model_outputs(ev: Context, model: graph.Model, name: str) -> Any:
    """``model.output``: the one output tensor (a functional model's several
    as a tuple); ``model.outputs``: the list of them."""
    if model.partial_io:
        return UNKNOWN
    out = model.output()
    functional = model.kind is graph.ModelKind.FUNCTIONAL
    if name == "outputs":
        items = tuple(model.outputs) if functional else (out,) if out is not None else UNKNOWN
        return ListVal(items, birth=ev.born())
    if out is None:
        return tuple(model.outputs) if functional else UNKNOWN
    return out


@attribute((_MODEL, "input"), (_MODEL, "inputs"))
def model_inputs(ev: Context, model: graph.Model, name: str) -> Any:
    tensors = graph.model_inputs(model) if not model.partial_io else None
    if tensors is None:
        return UNKNOWN
    if name == "input" and len(tensors) == 1:
        return tensors[0]
    return ListVal(tuple(tensors), birth=ev.born())


@attribute((_MODEL, "output_shape"))
def model_output_shape(ev: Context, model: graph.Model, name: str) -> Any:
    out = model.output() if not model.partial_io else None
    return tensor_dims(out) if out is not None else UNKNOWN


@attribute((_MODEL, "input_shape"))
def model_input_shape(ev: Context, model: graph.Model, name: str) -> Any:
    tensors = (graph.model_inputs(model) or ()) if not model.partial_io else ()
    return tensor_dims(tensors[0]) if len(tensors) == 1 else UNKNOWN


def set_keras_attribute(ev: Context, obj: graph.Layer | graph.Model, name: str, value: Any) -> None:
    if name == "trainable":
        flag = value if isinstance(value, bool) else None
        versions = ev.settings.versions
        if KerasVersion.KERAS1 in versions or (
            flag is not None and obj.trainable is flag and KerasVersion.KERAS3 in versions
        ):
            ev.trail.set(obj, "trainable", flag)
            _blur_sublayer_flags(ev, obj, flag)
            return
        for op in graph.tracked_layers(obj):
            ev.trail.set(op, "trainable", flag)
            if isinstance(op, graph.Layer) and op.constructor_frozen:
                ev.trail.set(op, "constructor_frozen", False)  # the setter reaches its cell
            if isinstance(op, graph.Model) and op.unlisted_flags:
                ev.trail.set(op, "unlisted_flags", False)  # and every layer of a backbone


def _blur_sublayer_flags(ev: Context, obj: graph.Operation, flag: Optional[bool]) -> None:
    """The sublayers of ``obj`` when the setter may or may not reach them:
    ``obj.trainable = flag`` when it already is (Keras 3 on TensorFlow skips
    the setter: tf's Trackable.__setattr__ returns at once when the attribute
    already is that object; other backends, and Keras 2, set every sublayer),
    or in Keras 1 code (whose flag is a plain attribute of each layer, not
    checked here in a Keras 1 run). A sublayer's flag that differs becomes
    unknown."""
    for op in graph.tracked_layers(obj)[1:]:
        if isinstance(op, graph.Model) and op.backbone is not None and op.unlisted_flags:
            continue  # its layers' flags stay unknown
        if op.trainable is not flag:
            ev.trail.set(op, "trainable", None)


def call_keras_method(ev: Context, call: Call) -> Any:
    """``model.fit(...)``, ``layer.count_params()``, ``x.get_shape()``, ...
    (``call.obj`` the object, ``call.path`` the method's name): the model
    registered for the object's class and the method's name."""
    entry = METHODS.get(_method_key(call.obj, call.path))
    if entry is None:
        return UNKNOWN
    result = entry.call(ev, call)
    return UNKNOWN if result is DECLINED else result


@register((_TENSOR, "get_shape"))
def get_shape(ev: Context, call: Call) -> Any:
    return tensor_dims(call.obj)


@register((_LAYER, "count_params"), (_MODEL, "count_params"))
def count_params(ev: Context, call: Call) -> Any:
    total = param_counts.total_params(call.obj)
    return UNKNOWN if total is None else total


@register((_LAYER, "add_weight"), (_MODEL, "add_weight"))
def add_weight(ev: Context, call: Call) -> Any:
    """A weight of a subclass (tracking.add_weight); unknown on a built-in."""
    if call.obj.instance is None:
        return UNKNOWN
    return tracking.add_weight(ev, call.obj, call.args, call.kwargs)


@register((_MODEL, "build"), signature=Signature.of("input_shape"))
def build(ev: Context, call: Call) -> Any:
    model, shape = call.obj, call.get("input_shape", UNKNOWN)
    if model.instance is not None:
        subclassing.build_instance(ev, model, shape, call.site)
    else:
        build_model(ev, model, shape, call.site)
    return None


@register((_MODEL, "add"), signature=Signature.of("layer"))
def add(ev: Context, call: Call) -> Any:
    if call.obj.kind is not graph.ModelKind.SEQUENTIAL:
        return DECLINED
    site = call.site
    target = site.args[0].value if site.args else site
    sequential_add(ev, call.obj, call.get("layer", UNKNOWN), target)
    return None


@register((_MODEL, "pop"))
def pop(ev: Context, call: Call) -> Any:
    return sequential_pop(ev, call.obj) if call.obj.kind is graph.ModelKind.SEQUENTIAL else DECLINED


@register((_MODEL, "get_config"), (_MODEL, "to_json"))
def get_config(ev: Context, call: Call) -> Any:
    return DECLINED if call.open_args else copies.snapshot(ev, call.obj)


@register((_MODEL, "save"), signature=Signature.of("filepath"))
def save(ev: Context, call: Call) -> Any:
    copies.save(ev, call.obj, filepath_key(ev, call, 0))
    return None


@register((_MODEL, "get_layer"), signature=Signature.of("name", "*", "index"))
def get_layer(ev: Context, call: Call) -> Any:
    found = _get_layer(call.obj, call.get("name"), call.get("index"))
    if found is UNKNOWN and is_unlisted(call.obj):
        return UnlistedLayer(call.obj)
    return found


@register((_MODEL, "call"))
def call_method(ev: Context, call: Call) -> Any:
    return call_operation(ev, call.obj, call.args, call.kwargs, call.site)


@register((_MODEL, "compile"), signature=compilation.COMPILE)
def compile_method(ev: Context, call: Call) -> Any:
    compilation.compile_model(ev, call)
    return None


@register(*((_MODEL, name) for name in sorted(calls.METHODS)))
def training_method(ev: Context, call: Call) -> Any:
    """``fit``, ``evaluate``, ``predict``, ... checked against the model."""
    return calls.check_call(
        ev, call.obj, call.name, call.args, call.kwargs, call.site, call.open_args
    )


@register((_MODEL, "summary"))
def summary(ev: Context, call: Call) -> Any:
    return None


@register(
    (_MODEL, "load_weights"),
    (_MODEL, "save_weights"),
    *((_LAYER, name) for name in ("get_config", "get_weights", "set_weights", "build")),
)
def not_modelled(ev: Context, call: Call) -> Any:
    """A method whose result is not known (a bound method all the same)."""
    return UNKNOWN


def _get_layer(model: graph.Model, name: Any, index: Any) -> Any:
    ops = graph.model_operations(model)
    if isinstance(name, str):
        for op in ops:
            if op.name == name:
                return op
        return UNKNOWN
    if isinstance(index, int) and -len(ops) <= index < len(ops):
        return ops[index]
    return UNKNOWN


def filepath_key(ev: Context, call: Call, index: int) -> Any:
    """The saved file a call names: its ``filepath`` parameter (the
    ``index``-th positional one) by value, else by variable."""
    site: cst.Call = call.site
    value = call.get("filepath", UNKNOWN)
    if len(call.args) > index:
        expr = site.args[index].value if len(site.args) > index else None
    else:
        expr = next(
            (a.value for a in site.args if a.keyword is not None and a.keyword.value == "filepath"),
            None,
        )
    return copies.file_key(ev, value, expr)
