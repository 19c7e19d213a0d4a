"""What Keras calls do, for the evaluator: layer constructors (argument
binding, legacy readings, validation), ``Input``, ``Sequential`` and its
methods, functional ``Model``, calling layers and models on tensors and the
backend's data-format switches (the attributes and methods of the objects
they make are in :mod:`objects`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint import catalogue
from shapelint.api.keras import lambdas
from shapelint.api.keras.creators import (
    FUNCTIONAL_MODEL,
    star_imported_names,
    unlisted_layer_class,
)
from shapelint.api.keras.sequential_input import inferred_input
from shapelint.api.python import containers, stdlib
from shapelint.api.registry import Call
from shapelint.catalogue import applications
from shapelint.catalogue.base import check_activation_names, declared_input_shape
from shapelint.catalogue.legacy import (
    canonical_class,
    choose_reading,
    normalize_keywords,
    one_d_data_format,
    positional_names,
)
from shapelint.codes import (
    AMBIGUOUS_LEGACY_SIGNATURE,
    INCOMPATIBLE_INPUT,
    NDIM_MISMATCH,
    UNKNOWN_LAYER,
)
from shapelint.domain import graph, shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.graph import Tensor
from shapelint.domain.layer_config import (
    CHANNELS_FIRST,
    CHANNELS_LAST,
    NO_PARAMS,
    LayerConfig,
    ShapeError,
)
from shapelint.domain.naming import snake_case
from shapelint.domain.shapes import Shape, Sym
from shapelint.domain.values import (
    NOT_HANDLED,
    UNKNOWN,
    DictVal,
    ListVal,
    ModuleRef,
    TensorShapeVal,
)
from shapelint.interp.budgets import MAX_SEQUENCE
from shapelint.versions import KERAS3, KerasVersion, VersionSplit, reject_where_raised

if TYPE_CHECKING:
    from shapelint.interp.context import Context

BACKEND_FORMAT_SETTERS = {"set_image_data_format", "set_image_dim_ordering"}
_DIM_ORDERING = {"th": CHANNELS_FIRST, "tf": CHANNELS_LAST}


@functools.lru_cache(maxsize=1024)
# -- name resolution --------------------------------------------------------------


def star_import_lookup(ref: ModuleRef, name: str) -> Optional[ModuleRef]:
    """A name brought in by ``from keras.layers import *`` (or similar)."""
    if not ref.is_keras:
        return None
    return ref.attr(name) if name in star_imported_names() else None


def module_attribute(ref: ModuleRef, name: str) -> Any:
    if ref.is_keras:
        return ref.attr(name)
    constant = stdlib.module_constant(f"{ref.path}.{name}")
    if constant is not NOT_HANDLED:
        return constant
    from shapelint.interp.imports import attribute_ref

    return attribute_ref(ref, name)


def tensor_dims(t: Tensor) -> Any:
    """``x.shape`` as a tuple of Python values (UNKNOWN for unknown dims)."""
    if t.shape is None:
        return UNKNOWN
    return TensorShapeVal(UNKNOWN if d is None else d for d in t.shape)


# -- plain values for the catalogue ---------------------------------------------------


def to_plain(value: Any, depth: int = 0) -> Any:
    """An abstract value as the catalogue sees it: constants, tuples, Sym,
    Layer objects (for wrappers), else UNKNOWN."""
    if value is None or isinstance(value, (bool, int, float, str, Sym)):
        return value
    if depth > 8:
        return UNKNOWN
    if isinstance(value, tuple):
        return tuple(to_plain(v, depth + 1) for v in value)
    if isinstance(value, ListVal):
        if isinstance(value.items, tuple):
            return tuple(to_plain(v, depth + 1) for v in value.items)
        return UNKNOWN
    if isinstance(value, DictVal) and isinstance(value.items, dict):
        return {k: to_plain(v, depth + 1) for k, v in value.items.items()}
    if isinstance(value, (graph.Layer, graph.Model)):
        return value
    return UNKNOWN


def make_application(ev: Context, call: Call) -> Any:
    """``keras.applications.ResNet50(...)``: a model whose shapes and totals
    come from shapelint's table of the Keras builders (the call bound to the
    builder's signature, creators.application_signatures)."""
    bound = {name: to_plain(value) for name, value in call.bound.items()}
    if call.open_args:
        return UNKNOWN
    site = call.site
    backbone = applications.backbone(call.name, bound)
    tensor = call.kwargs.get("input_tensor")  # by keyword only (a positional one is not read)
    if isinstance(tensor, graph.Tensor):
        start = tensor
    else:
        shape = bound.get("input_shape")
        if shape is None:
            input_shape = backbone.default_input()
        elif isinstance(shape, tuple):
            input_shape = (None, *(d if isinstance(d, (int, Sym)) else None for d in shape))
        else:
            input_shape = None
        layer = graph.Layer(
            catalogue.lookup("InputLayer"),
            LayerConfig("InputLayer", {}, name=ev.new_name("input_layer")),
            site,
        )
        layer.built_inputs, layer.params = (), NO_PARAMS
        start = graph.input_tensor(input_shape, layer, site)
    try:
        backbone.validate(start.shape)
    except ShapeError as e:
        ev.report(e.code, e.message, site, e.hint)
        return UNKNOWN
    name = backbone.model_name(start.shape)
    model = graph.Model(
        graph.ModelKind.FUNCTIONAL,
        site,
        name,
        backbone=backbone,
        backbone_on_input=isinstance(tensor, graph.Tensor),
        birth=ev.born(),
    )
    node = graph.Node(model, (start,), site)
    node.outputs = (graph.Tensor(backbone.output_shape(start.shape), node, 0),)
    model.inputs, model.outputs = (start,), node.outputs
    register_model(ev, model)
    return model


def is_layer_class(path: list[str]) -> bool:
    name = path[-1]
    if catalogue.is_layer_name(name):
        return True
    return "layers" in path and unlisted_layer_class(name)


def set_data_format(ev: Context, setter: str, value: Any) -> None:
    if setter == "set_image_dim_ordering":
        value = _DIM_ORDERING.get(value, UNKNOWN) if isinstance(value, str) else UNKNOWN
    elif not (isinstance(value, str) and value in (CHANNELS_FIRST, CHANNELS_LAST)):
        value = UNKNOWN
    ev.trail.set(ev.state, "data_format", value)


def make_layer(
    ev: Context,
    ref: ModuleRef,
    args: Sequence[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
    name: Optional[str] = None,
) -> graph.Layer:
    """A built-in layer object (``name``: its default name, else a new one)."""
    written = ref.last
    canonical = canonical_class(written)
    spec = catalogue.lookup(canonical, ref.path.split(".", 1)[0])
    positional = [to_plain(a) for a in args]
    keywords = {k: to_plain(v) for k, v in kwargs.items()}
    reading = choose_reading(
        written,
        canonical,
        positional,
        keywords,
        ref.root,
        ev.settings.versions,
        ev.settings.keras_version,
    )
    if reading.ambiguity:
        ev.report(AMBIGUOUS_LEGACY_SIGNATURE, reading.ambiguity, site)
    names = positional_names(canonical, reading, spec.signature if spec else ())
    bound: dict[str, Any] = dict(zip(names, positional))
    for key, value in keywords.items():
        bound.setdefault(key, value)
    bound = normalize_keywords(canonical, bound)
    fmt = one_d_data_format(canonical, reading, ev.state.data_format)
    layer_name = bound.get("name")
    if not isinstance(layer_name, str):
        layer_name = name or ev.new_name(snake_case(canonical))
    cfg = LayerConfig(
        canonical,
        bound,
        name=layer_name,
        data_format=fmt if isinstance(fmt, str) else None,  # type: ignore[arg-type]
        versions=reading.versions,
        module_root=ref.root or "keras",
        open=open_args,
    )
    layer = graph.Layer(spec, cfg, site, birth=ev.born())
    if canonical == "Lambda":
        lambdas.keep_function(layer, args, kwargs)
    trainable = bound.get("trainable", True)
    layer.trainable = trainable if isinstance(trainable, bool) else None
    if trainable is False and spec is not None and not spec.constructor_freezes_weights:
        layer.constructor_frozen = True  # Keras freezes the holder, not the sublayer
    if spec is None:
        ev.report(
            UNKNOWN_LAYER,
            f"{canonical} is not a layer shapelint knows; shapes after it are not checked",
            site,
        )
    else:
        try:
            spec.validate(cfg)
            if not ev.settings.custom_activations:
                check_activation_names(cfg)
        except ShapeError as e:
            # dropped with its traceback: a catalogue frame holding the error (``error =
            # ShapeError(...); raise error``) would keep this frame, and ``ev``, in a cycle
            e.__traceback__ = None
            ev.report(e.code, e.message, site, e.hint)
            layer.invalid = True
        except VersionSplit:
            layer.invalid = True
        if spec.connects is not None:
            connect_at_creation(ev, layer, bound.get(spec.connects), site)
    return layer


def connect_at_creation(ev: Context, layer: graph.Layer, entries: Any, site: cst.Call) -> None:
    """Keras 1's ``Merge(layers=[a, b])`` applies itself at once to the outputs
    of those layers and models (``Merge([a, b], mode=...)`` in a Sequential)."""
    if not isinstance(entries, tuple) or not entries:
        return
    if not all(isinstance(e, (graph.Layer, graph.Model)) for e in entries):
        return
    tensors = []
    for entry in entries:
        if isinstance(entry, graph.Model):
            out = entry.output()
        else:
            out = entry.first_outputs[0] if len(entry.first_outputs) == 1 else None
        tensors.append(out if out is not None else graph.Tensor(None))
    ev.trail.set(layer, "merged", entries)
    graph.call_layer(layer, tensors, site, ev, ev.trail)


def make_input(ev: Context, call: Call) -> graph.Tensor:
    """``Input(shape, ...)`` (creators.INPUT: its signature)."""
    spec = catalogue.lookup("InputLayer")
    bound = {name: to_plain(value) for name, value in call.bound.items()}
    site = call.site
    name = bound.get("name")
    cfg = LayerConfig(
        "InputLayer",
        bound,
        name=name if isinstance(name, str) else ev.new_name("input_layer"),
        data_format=ev.state.data_format,
        open=call.open_args,
    )
    layer = graph.Layer(spec, cfg, site, birth=ev.born())
    shape = input_layer_shape(cfg)
    layer.built_inputs = ()
    layer.params = NO_PARAMS
    tensor = graph.input_tensor(shape, layer, site)
    layer.first_outputs = (tensor,)
    return tensor


def input_layer_shape(cfg: LayerConfig) -> Shape:
    """The full shape (with batch axis) an Input/InputLayer declares."""
    shape = cfg.get("shape", cfg.get("input_shape"))
    batch_shape = cfg.get("batch_shape", cfg.get("batch_input_shape"))
    args: dict[str, Any] = {}
    if isinstance(batch_shape, tuple):
        args["batch_input_shape"] = batch_shape
    elif isinstance(shape, tuple):
        args["input_shape"] = shape
        args["batch_size"] = cfg.get("batch_size")
    else:
        return None
    return declared_input_shape(LayerConfig("InputLayer", args))


def first_layer_input_shape(entry: Any) -> Shape:
    """The model input shape a Sequential's first entry declares, if any."""
    if isinstance(entry, graph.Layer):
        if entry.class_name == "InputLayer":
            return input_layer_shape(entry.config)
        if entry.spec is not None:
            return entry.spec.input_shape_from_args(entry.config)
        return declared_input_shape(entry.config)
    if isinstance(entry, graph.Model):  # a built model as the first layer: its input
        if entry.kind is graph.ModelKind.SEQUENTIAL:
            return entry.input.shape if entry.input is not None else None
        if len(entry.inputs) == 1:
            return entry.inputs[0].shape
    return None


# -- Sequential -------------------------------------------------------------------------


def make_sequential(ev: Context, layers: Any, name: Any, site: cst.Call) -> graph.Model:
    """``Sequential(layers, name=...)``."""
    model = graph.Model(
        graph.ModelKind.SEQUENTIAL,
        site,
        name if isinstance(name, str) else ev.new_name("sequential"),
        birth=ev.born(),
    )
    register_model(ev, model)
    element_sites = _list_element_sites(site)
    items = containers.iterate(layers, MAX_SEQUENCE) if layers is not None else []
    if items is None:
        sequential_add(ev, model, UNKNOWN, site)
    else:
        for i, item in enumerate(items):
            sequential_add(ev, model, item, element_sites[i] if i < len(element_sites) else site)
    return model


def _list_element_sites(site: cst.Call) -> list[Any]:
    if site.args and isinstance(site.args[0].value, (cst.List, cst.Tuple)):
        return [el.value for el in site.args[0].value.elements]
    return []


def sequential_add(ev: Context, model: graph.Model, entry: Any, site: Any) -> None:
    if isinstance(entry, graph.Tensor) and entry.node is not None and entry.node.is_input:
        if not model.layers and model.input is None:
            graph.build_sequential(model, entry, ev, ev.trail)
        return
    if isinstance(entry, graph.Layer) and entry.class_name == "InputLayer":
        if not model.layers and model.input is None:
            shape = input_layer_shape(entry.config)
            graph.build_sequential(model, graph.input_tensor(shape, entry, site), ev, ev.trail)
        return
    if not isinstance(entry, (graph.Layer, graph.Model)):
        cfg = LayerConfig("?", {}, name="?")
        entry = graph.Layer(None, cfg, site, birth=ev.born())
    model.sites[id(entry)] = site
    first = not model.layers
    ev.trail.set(model, "layers", (*model.layers, entry))
    if first and isinstance(entry, graph.Layer) and entry.merged:
        _start_with_merge(ev, model, entry)
        return
    if first and model.input is None:
        declared = first_layer_input_shape(entry)
        keras2 = (
            entry.spec.keras2_first_input if isinstance(entry, graph.Layer) and entry.spec else None
        )
        versions = ev.settings.versions
        if declared is None and keras2 is not None and versions - KERAS3:
            if KerasVersion.KERAS3 in versions:  # Keras 3 builds it later, on data
                ev.trail.set(model, "keras2_input", keras2)
            else:
                declared = keras2
        if declared is not None:
            start = graph.Tensor(declared)
            graph.build_sequential(model, start, ev, ev.trail)
        return
    if model.last is not None:
        node, last = graph.apply_entry(entry, model.last, site, ev, ev.trail)
        ev.trail.set(model, "chain", (*model.chain, node))
        ev.trail.set(model, "last", last)


def _start_with_merge(ev: Context, model: graph.Model, merge: graph.Layer) -> None:
    """A Keras 1 Sequential whose first layer merges other models: its inputs
    are theirs, its chain starts at the merge's output."""
    ev.trail.set(model, "inputs", graph.keras1_sources(merge.merged) or ())
    outputs = merge.first_outputs
    if len(outputs) == 1 and outputs[0].node is not None:
        ev.trail.set(model, "chain", (outputs[0].node,))
        ev.trail.set(model, "last", outputs[0])


def sequential_pop(ev: Context, model: graph.Model) -> Any:
    if not model.layers:
        return UNKNOWN
    popped = model.layers[-1]
    ev.trail.set(model, "layers", model.layers[:-1])
    if model.chain:
        chain = model.chain[:-1]
        ev.trail.set(model, "chain", chain)
        ev.trail.set(model, "last", chain[-1].outputs[0] if chain else model.input)
    return popped


def build_model(ev: Context, model: graph.Model, shape_value: Any, site: cst.Call) -> None:
    """``Sequential.build(shape)``: builds a model without an input shape. One
    that has one (an Input, input_shape=, an earlier build) stays as it is:
    Keras 2 ignores the call, Keras 3 raises unless the shapes are equal."""
    dims = to_plain(shape_value)
    if model.kind is not graph.ModelKind.SEQUENTIAL or not isinstance(dims, tuple):
        return
    shape = tuple(
        d if isinstance(d, (int, Sym)) and not isinstance(d, bool) else None for d in dims
    )
    if model.input is None:
        start = inferred_input(ev, model, shape)
        graph.build_sequential(model, start, ev, ev.trail, inferred=True)
        return
    configured = model.input.shape
    if configured is None:
        return
    same_rank = len(configured) == len(shape)
    if same_rank and not any(shapes.certainly_differ(a, b) for a, b in zip(configured, shape)):
        return
    error = ShapeError(
        INCOMPATIBLE_INPUT if same_rank else NDIM_MISMATCH,
        f"Sequential model '{model.name}' already has the input shape "
        f"{shapes.format_shape(configured)}; Keras 3 cannot build it with "
        f"{shapes.format_shape(shape)} (Keras 2 ignores the call)",
        "drop the build() call: the model is built from its input shape",
    )
    try:
        reject_where_raised(ev.settings.versions, KERAS3, error)
    except ShapeError as e:
        ev.report(e.code, e.message, site, e.hint)
    except VersionSplit:
        pass


def mark_escaped(ev: Context, model: graph.Model) -> None:
    """A Sequential handed to code shapelint cannot see: what is added later
    starts from an unknown shape."""
    if model.last is not None and model.last.shape is not None:
        ev.trail.set(model, "last", graph.Tensor(None))
        ev.trail.set(
            model,
            "notes",
            (*model.notes, "passed to code shapelint cannot see into, which may change it"),
        )


# -- functional models ------------------------------------------------------------------


def register_model(ev: Context, model: graph.Model) -> None:
    """A model to summarize, unless it is built while importing another module
    of the project (checking that file summarizes it)."""
    if not ev.importing:
        ev.models.append(model)


def functional_io(
    args: list[Any], kwargs: dict[str, Any]
) -> Optional[tuple[tuple[graph.Tensor, ...], tuple[graph.Tensor, ...]]]:
    """The input and output tensors of ``Model(inputs, outputs)`` (legacy
    ``input=``/``output=`` too), or None when they are not all known tensors."""
    io = _given_io(FUNCTIONAL_MODEL.bind(args, kwargs))
    if io is None:
        return None
    in_tensors, out_tensors = _tensors_of(io[0]), _tensors_of(io[1])
    if None in in_tensors or None in out_tensors:
        return None
    return tuple(in_tensors), tuple(out_tensors)  # type: ignore[arg-type]


def _given_io(bound: dict[str, Any]) -> Optional[tuple[Any, Any]]:
    """The values given as a functional model's inputs and outputs
    (bound to creators.FUNCTIONAL_MODEL); None when one of them is not given
    (not a functional model)."""
    inputs, outputs = bound.get("inputs"), bound.get("outputs")
    if inputs is None or outputs is None:
        return None
    return inputs, outputs


def make_functional(ev: Context, call: Call) -> Any:
    """``Model(inputs, outputs)``. Inputs or outputs that are values shapelint
    cannot follow (an unknown library's tensor, a layer it cannot find) still
    make a model, as in Keras: one with unknown totals, listing the layers
    between the known outputs and inputs (Model.partial_io)."""
    io = _given_io(call.bound)
    if io is None or _not_tensors(io[0]) or _not_tensors(io[1]):
        return UNKNOWN
    in_tensors, out_tensors = _tensors_of(io[0]), _tensors_of(io[1])
    name = call.bound.get("name")
    model = graph.Model(
        graph.ModelKind.FUNCTIONAL,
        call.site,
        name if isinstance(name, str) else ev.new_name("functional"),
        inputs=tuple(t for t in in_tensors if t is not None),
        outputs=tuple(t for t in out_tensors if t is not None),
        partial_io=None in in_tensors or None in out_tensors,
        birth=ev.born(),
    )
    register_model(ev, model)
    return model


def _not_tensors(value: Any, depth: int = 0) -> bool:
    """Whether a model's inputs or outputs hold a value that is certainly no
    symbolic tensor (an array, a number): Keras raises, and makes no model."""
    if isinstance(value, (ArrayVal, int, float, str)) or value is None:
        return True
    items = containers.iterate(value, MAX_SEQUENCE) if depth < 8 else None
    if isinstance(value, DictVal) and isinstance(value.items, dict):
        items = list(value.items.values())
    return any(_not_tensors(item, depth + 1) for item in items or ())


def _tensors_of(value: Any, depth: int = 0) -> list[Optional[graph.Tensor]]:
    """The tensors of a model's inputs or outputs, nested lists flattened (as
    Keras flattens them); None for a value that is not a known tensor or a
    list of them (it may stand for several)."""
    if isinstance(value, graph.Tensor):
        return [value]
    if isinstance(value, DictVal) and isinstance(value.items, dict):
        value = tuple(value.items.values())
    items = containers.iterate(value, MAX_SEQUENCE) if depth < 8 else None
    if items is None:
        return [None]
    return [t for item in items for t in _tensors_of(item, depth + 1)]
