"""A call of a Keras function or class by its path (``keras.Sequential``,
``keras.layers.Dense(...)``, ``keras.Input``, ``keras.models.load_model``,
``keras.utils.to_categorical``, ``keras.losses.MeanSquaredError()``, ...):
sent to what makes or does it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import libcst as cst

from shapelint.api import pipelines
from shapelint.api.keras import data_utils
from shapelint.api.keras.training import compilation, rules
from shapelint.catalogue import applications
from shapelint.catalogue.merging import FUNCTIONAL_FORMS
from shapelint.domain import graph
from shapelint.domain.layer_config import CHANNELS_FIRST
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, ModuleRef, Opaque
from shapelint.evaluator import copies, tracking
from shapelint.evaluator.keras_calls import (
    BACKEND_FORMAT_SETTERS,
    MODEL_CLASSES,
    is_layer_class,
    make_application,
    make_functional,
    make_input,
    make_layer,
    make_sequential,
    set_data_format,
    tensor_dims,
)
from shapelint.evaluator.keras_objects import call_operation, filepath_key

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def call_keras(
    ev: Context,
    ref: ModuleRef,
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
) -> Any:
    name = ref.last
    path = ref.path.split(".")
    # Code of another project module is cited at the call in the checked file.
    site = ev.local_site(site) or site
    if name == "Sequential":
        return make_sequential(ev, args, kwargs, site)
    if name in MODEL_CLASSES:
        return make_functional(ev, args, kwargs, site)
    if name == "Input":
        return make_input(ev, args, kwargs, site, open_args)
    if name in BACKEND_FORMAT_SETTERS:
        set_data_format(ev, name, args, kwargs)
        return None
    if name in ("image_data_format", "image_dim_ordering"):
        fmt = ev.state.data_format
        if name == "image_dim_ordering":
            return "th" if fmt == CHANNELS_FIRST else "tf"
        return fmt
    if name == "int_shape" and args and isinstance(args[0], graph.Tensor):
        return tensor_dims(args[0])
    if name == "Variable":  # keras.Variable, keras.backend.Variable
        return tracking.make_variable(ev, args, kwargs, keras_variable=True)
    copied = copy_call(ev, name, path, args, kwargs, site, open_args)
    if copied is not NOT_HANDLED:
        return copied
    data = call_data_utility(ev, name, path, args, kwargs, site)
    if data is not NOT_HANDLED:
        return data
    if name in FUNCTIONAL_FORMS and "layers" in path:
        layer_ref = ModuleRef(".".join([*path[:-1], FUNCTIONAL_FORMS[name]]), ref.root)
        inputs = args[0] if args else kwargs.pop("inputs", UNKNOWN)
        layer = make_layer(ev, layer_ref, args[1:], kwargs, site, open_args)
        return call_operation(ev, layer, [inputs], {}, site)
    if is_layer_class(path):
        return make_layer(ev, ref, args, kwargs, site, open_args)
    if "applications" in path and applications.is_application(name):
        return make_application(ev, name, args, kwargs, site, open_args)
    if tracking.holds_no_weights(ref) and name[:1].isupper():
        return Opaque(ref.path)  # an optimizer, initializer, callback, ...: no layer
    return UNKNOWN


def copy_call(
    ev: Context,
    name: str,
    path: list[str],
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
) -> Any:
    """The Keras functions that make or save a model from another's
    architecture (evaluator.copies); NOT_HANDLED for anything else."""
    if name == "clone_model":
        if open_args or len(args) > 1 or set(kwargs) - {"model", "recursive"}:
            return UNKNOWN  # a clone_function, call_function or input_tensors
        return copies.rebuild(ev, args[0] if args else kwargs.get("model"), site)
    if name in copies.FROM_ARCHITECTURE:
        return copies.rebuild(ev, args[0] if args else UNKNOWN, site)
    if name == "from_config" and len(path) > 1 and path[-2] in copies.FROM_CONFIG_KINDS:
        config = args[0] if args else kwargs.get("config", UNKNOWN)
        return copies.rebuild(ev, config, site, copies.FROM_CONFIG_KINDS[path[-2]])
    if name == "load_model":
        return copies.load(ev, filepath_key(ev, args, kwargs, site, 0), site)
    if name == "save_model":
        model = args[0] if args else kwargs.get("model")
        if isinstance(model, graph.Model):
            copies.save(ev, model, filepath_key(ev, args, kwargs, site, 1))
        return None
    return NOT_HANDLED


def call_data_utility(
    ev: Context, name: str, path: list[str], args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    """Keras' data side: ``keras.datasets.<name>.load_data``,
    ``to_categorical``, ``pad_sequences`` and loss objects
    (``keras.losses.CategoricalCrossentropy()``), data pipelines (api.
    pipelines); NOT_HANDLED for anything else."""
    pipeline = pipelines.call_keras(ev, name, path, args, kwargs, site)
    if pipeline is not NOT_HANDLED:
        return pipeline
    if name == "load_data" and "datasets" in path and len(path) >= 2:
        return data_utils.load_dataset(ev, path[-2], args, kwargs, site)
    if name == "to_categorical":
        return data_utils.to_categorical(
            ev, args, kwargs, site, rules.generation(ev) is rules.Generation.KERAS1
        )
    if name == "pad_sequences":
        return data_utils.pad_sequences(ev, args, kwargs, site)
    if "losses" in path and name[:1].isupper():
        return compilation.loss_object(name, args, kwargs)
    if "metrics" in path and name[:1].isupper():
        return compilation.metric_object(name, args, kwargs)
    return NOT_HANDLED
