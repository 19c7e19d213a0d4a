"""A call of a Keras function or class by its path (``keras.Sequential``,
``keras.layers.Dense(...)``, ``keras.Input``, ``keras.models.load_model``,
``keras.utils.to_categorical``, ``keras.losses.MeanSquaredError()``, ...):
looked up by its name in the API's registry (api/registry.py), in Keras'
order of precedence:

1. the model classes of :mod:`creators` and the functions registered here
   (whatever module the name is reached through, unless ``under`` says);
2. loss and metric classes (``keras.losses.<Class>``, ``keras.metrics.<Class>``);
3. layer classes, merge forms and applications (:mod:`creators`);
4. any other class under ``layers`` (a layer shapelint does not list:
   SL301), and the classes of modules that hold no weights (optimizers,
   callbacks, ...: opaque objects)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from shapelint.api.keras import copies, creators, data_utils, tracking
from shapelint.api.keras.construction import (
    BACKEND_FORMAT_SETTERS,
    is_layer_class,
    make_layer,
    make_sequential,
    set_data_format,
    tensor_dims,
)
from shapelint.api.keras.objects import call_operation, filepath_key
from shapelint.api.keras.training import compilation, rules
from shapelint.api.pipelines import dataset_utilities, image_generators
from shapelint.api.registry import DECLINED, Call, Registrations, Registry, Signature
from shapelint.catalogue.merging import FUNCTIONAL_FORMS
from shapelint.domain import graph
from shapelint.domain.layer_config import CHANNELS_FIRST
from shapelint.domain.values import UNKNOWN, ModuleRef, Opaque

if TYPE_CHECKING:
    from shapelint.interp.context import Context

KERAS_FUNCTIONS = Registrations()
register = KERAS_FUNCTIONS.register

#: Names looked up first (1), and after the losses and metrics (3).
FUNCTIONS = Registry(
    creators.model_classes,
    lambda: KERAS_FUNCTIONS,
    lambda: data_utils.KERAS,
    lambda: dataset_utilities.KERAS,
)
CLASSES = Registry(creators.layer_classes)


def call_keras(ev: Context, call: Call) -> Any:
    """A call of the Keras path ``call.obj`` (a ModuleRef)."""
    # Code of another project module is cited at the call in the checked file.
    local = ev.local_site(call.site)
    if local is not None:
        call = replace(call, site=local)
    result = _call_registered(FUNCTIONS, ev, call)
    if result is DECLINED:
        result = _training_object(call.obj, call.args, call.kwargs)
    if result is DECLINED:
        result = _call_registered(CLASSES, ev, call)
    if result is DECLINED:
        result = _unlisted_class(ev, call)
    return result


def _call_registered(registry: Registry, ev: Context, call: Call) -> Any:
    entry = registry.get(call.obj.last)
    return DECLINED if entry is None else entry.call(ev, call)


def _training_object(ref: ModuleRef, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``keras.losses.CategoricalCrossentropy()``, ``keras.metrics.<Class>()``."""
    name = ref.last
    if not name[:1].isupper():
        return DECLINED
    path = ref.path.split(".")
    if "losses" in path:
        return compilation.loss_object(name, args, kwargs)
    if "metrics" in path:
        return compilation.metric_object(name, args, kwargs)
    return DECLINED


def _unlisted_class(ev: Context, call: Call) -> Any:
    ref = call.obj
    if is_layer_class(ref.path.split(".")):
        return make_layer(ev, ref, call.args, call.kwargs, call.site, call.open_args)
    if tracking.holds_no_weights(ref) and ref.last[:1].isupper():
        return Opaque(ref.path)  # an optimizer, initializer, callback, ...: no layer
    return UNKNOWN


# -- what the names of creators.py make -------------------------------------------------


def sequential(ev: Context, call: Call) -> Any:
    return make_sequential(ev, call.get("layers"), call.get("name"), call.site)


def layer(ev: Context, call: Call) -> Any:
    return make_layer(ev, call.obj, call.args, call.kwargs, call.site, call.open_args)


def merge_form(ev: Context, call: Call) -> Any:
    """``keras.layers.add([a, b])``: the layer (``Add()``) called on the inputs."""
    ref = call.obj
    path = ref.path.split(".")
    layer_ref = ModuleRef(".".join([*path[:-1], FUNCTIONAL_FORMS[call.name]]), ref.root)
    options = {k: v for k, v in call.kwargs.items() if k != "inputs"}
    made = make_layer(ev, layer_ref, call.args[1:], options, call.site, call.open_args)
    inputs = call.get("inputs", UNKNOWN)
    return call_operation(ev, made, [inputs], {}, call.site)


# -- the backend ------------------------------------------------------------------------


@register(
    *BACKEND_FORMAT_SETTERS,
    signature=Signature.of("data_format", renames={"dim_ordering": "data_format"}),
)
def data_format_setter(ev: Context, call: Call) -> Any:
    """``set_image_data_format(data_format)``, ``set_image_dim_ordering(dim_ordering)``."""
    set_data_format(ev, call.name, call.get("data_format", UNKNOWN))
    return None


@register("image_data_format", "image_dim_ordering")
def data_format(ev: Context, call: Call) -> Any:
    fmt = ev.state.data_format
    if call.name == "image_dim_ordering":
        return "th" if fmt == CHANNELS_FIRST else "tf"
    return fmt


@register("int_shape")
def int_shape(ev: Context, call: Call) -> Any:
    if call.args and isinstance(call.args[0], graph.Tensor):
        return tensor_dims(call.args[0])
    return DECLINED


@register("Variable", signature=Signature.of("initializer", "*", "shape", "trainable"))
def variable(ev: Context, call: Call) -> Any:
    """``keras.Variable``, ``keras.backend.Variable`` (the keywords are read by keyword only)."""
    initial, shape = call.get("initializer", UNKNOWN), call.get("shape")
    return tracking.make_variable(initial, shape, call.get("trainable", True), tf_variable=False)


# -- models made or saved from another's architecture (evaluator.copies) ---------------------


@register("clone_model", signature=Signature.of("model"))
def clone_model(ev: Context, call: Call) -> Any:
    if call.open_args or len(call.args) > 1 or set(call.kwargs) - {"model", "recursive"}:
        return UNKNOWN  # a clone_function, call_function or input_tensors
    return copies.rebuild(ev, call.get("model"), call.site)


@register(*copies.FROM_ARCHITECTURE, signature=Signature.of("config", "/"))
def from_architecture(ev: Context, call: Call) -> Any:
    return copies.rebuild(ev, call.get("config", UNKNOWN), call.site)


@register("from_config", signature=Signature.of("config"))
def from_config(ev: Context, call: Call) -> Any:
    path = call.path.split(".")
    kinds = copies.FROM_CONFIG_KINDS.get(path[-2]) if len(path) > 1 else None
    if kinds is None:
        return DECLINED
    return copies.rebuild(ev, call.get("config", UNKNOWN), call.site, kinds)


@register("load_model", signature=Signature.of("filepath"))
def load_model(ev: Context, call: Call) -> Any:
    return copies.load(ev, filepath_key(ev, call, 0), call.site)


@register("save_model", signature=Signature.of("model", "filepath"))
def save_model(ev: Context, call: Call) -> Any:
    model = call.get("model")
    if isinstance(model, graph.Model):
        copies.save(ev, model, filepath_key(ev, call, 1))
    return None


# -- data -----------------------------------------------------------------------------------


@register("ImageDataGenerator", under="image")
def image_data_generator(ev: Context, call: Call) -> Any:
    return image_generators.make_generator(ev, call.args, call.kwargs)


@register(
    "to_categorical",
    signature=Signature.of("y", "num_classes", renames={"x": "y", "nb_classes": "num_classes"}),
)
def to_categorical(ev: Context, call: Call) -> Any:
    """``to_categorical(y, num_classes)`` (Keras 3: ``x``; Keras 1: ``nb_classes``)."""
    labels = call.get("y", UNKNOWN)
    classes = call.get("num_classes")
    keras1 = rules.generation(ev) is rules.Generation.KERAS1
    return data_utils.to_categorical(ev, labels, classes, call.site, keras1)
