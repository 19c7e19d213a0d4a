"""What Keras counts as the weights of a user subclass of a layer or model.

Keras tracks what is assigned to a layer's attributes (``Layer.__setattr__``
in keras/src/layers/layer.py, keras/src/utils/tracking.py): layers and models
become sublayers, variables become its own weights, and lists, tuples and
dicts are searched, and keep tracking what is added to them later. Metrics,
seed generators, initializers and plain Python objects hold no weights that
``count_params`` counts.

shapelint does the same. A value it cannot work out that may be such an
object (the result of a call into a library or a function it cannot follow,
a value passed in from there) makes the owner's own weights unknown
(:func:`untracked`), so that a total is never silently short; arithmetic,
comparisons, strings and sizes read from known values never do.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api.keras.construction import to_plain
from shapelint.api.python import containers
from shapelint.api.registry import Call, Registrations, Registry, Signature
from shapelint.domain import graph, shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.layer_config import UNKNOWN_PARAMS, Params
from shapelint.domain.values import (
    NOT_HANDLED,
    UNKNOWN,
    BoundMethod,
    Builtin,
    ClassVal,
    DictVal,
    InstanceVal,
    ListVal,
    ModuleRef,
    keras_base,
)
from shapelint.interp.budgets import MAX_SEQUENCE
from shapelint.pyvalues import is_int
from shapelint.versions import KERAS3, KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context
    from shapelint.interp.state import Scope

Owner = Any  # graph.Layer | graph.Model with an ``instance``

#: Keras namespaces (the name after ``keras.``) whose objects hold no weights
#: that count: what their functions return never needs tracking.
_KERAS_WITHOUT_WEIGHTS = frozenset(
    {
        "activations",
        "backend",
        "callbacks",
        "config",
        "constraints",
        "datasets",
        "distribution",
        "dtype_policies",
        "initializers",
        "losses",
        "metrics",
        "mixed_precision",
        "ops",
        "optimizers",
        "preprocessing",
        "quantizers",
        "random",
        "regularizers",
        "tree",
        "utils",
        "visualization",
    }
)
#: Libraries whose functions make no Keras layers or variables.
_LIBRARIES_WITHOUT_LAYERS = frozenset(
    {
        "PIL",
        "abc",
        "collections",
        "copy",
        "csv",
        "cv2",
        "dataclasses",
        "datetime",
        "enum",
        "functools",
        "glob",
        "io",
        "itertools",
        "jax",
        "json",
        "logging",
        "math",
        "matplotlib",
        "numpy",
        "operator",
        "os",
        "pandas",
        "pathlib",
        "pickle",
        "random",
        "re",
        "scipy",
        "sklearn",
        "string",
        "sys",
        "tensorflow",
        "time",
        "torch",
        "types",
        "typing",
        "warnings",
    }
)
#: ... except these, which hold variables.
_LIBRARY_OBJECTS_WITH_WEIGHTS = frozenset({"tensorflow.Module", "tensorflow.saved_model.load"})


# -- the owner's own weights ---------------------------------------------------------


def own_params(owner: Owner) -> Params:
    return owner.own_params if isinstance(owner, graph.Model) else owner.params


def add_own(ev: Context, owner: Owner, params: Params) -> None:
    """Count more weights of the owner itself (unknown stays unknown)."""
    own = own_params(owner)
    if own.total is None or params.total is None:
        total = UNKNOWN_PARAMS
    else:
        total = Params(own.trainable + params.trainable, own.non_trainable + params.non_trainable)  # type: ignore[operator]
    ev.trail.set(owner, "own_params" if isinstance(owner, graph.Model) else "params", total)


def untracked(ev: Context, owner: Owner, what: str) -> None:
    """The owner may hold weights shapelint cannot follow: they are unknown."""
    add_own(ev, owner, UNKNOWN_PARAMS)
    if isinstance(owner, graph.Model):
        note = f"holds {what}, which shapelint cannot follow: its weights are not known"
        notes = owner.notes if isinstance(owner.notes, tuple) else ()
        if note not in notes:
            ev.trail.set(owner, "notes", (*notes, note))


# -- attributes ------------------------------------------------------------------------


def track(
    ev: Context,
    owner: Owner,
    name: str,
    value: Any,
    source: Optional[cst.BaseExpression] = None,
    scope: Optional[Scope] = None,
) -> None:
    """``owner.name = value`` (``source``: the expression assigned, when the
    assignment has one, read in ``scope``): track what Keras would."""
    _track(ev, owner, f"`{name}`", value, source, scope, 0)


def _track(
    ev: Context,
    owner: Owner,
    what: str,
    value: Any,
    source: Optional[cst.BaseExpression],
    scope: Optional[Scope],
    depth: int,
) -> None:
    if isinstance(value, (graph.Layer, graph.Model)):
        _add_sublayer(ev, owner, value)
    elif isinstance(value, graph.Variable):
        track_variable(ev, owner, value, what)
    elif isinstance(value, (ListVal, DictVal, tuple)):
        if depth > 8:
            untracked(ev, owner, what)
            return
        items = _tracked_items(value)
        if items is None:
            if may_hold_weights(ev, source, scope):
                untracked(ev, owner, what)
            return
        if isinstance(value, (ListVal, DictVal)):
            _watch(ev, value, owner)
        sources = _element_sources(source, len(items))
        for item, item_source in zip(items, sources):
            _track(ev, owner, what, item, item_source, scope, depth + 1)
    elif value is UNKNOWN and may_hold_weights(ev, source, scope):
        untracked(ev, owner, what)
    elif isinstance(value, InstanceVal) and _unknown_base(value.cls):
        untracked(ev, owner, what)  # an object of a class derived from one not known


def _add_sublayer(ev: Context, owner: Owner, layer: Any) -> None:
    key = "layers" if isinstance(owner, graph.Model) else "sublayers"
    tracked = getattr(owner, key)
    if layer is not owner and all(layer is not t for t in tracked):
        ev.trail.set(owner, key, (*tracked, layer))


def _tracked_items(value: Any) -> Optional[list[Any]]:
    if isinstance(value, DictVal):
        return list(value.items.values()) if isinstance(value.items, dict) else None
    return containers.iterate(value, MAX_SEQUENCE)


def _element_sources(
    source: Optional[cst.BaseExpression], count: int
) -> Iterable[Optional[cst.BaseExpression]]:
    """The expression of each item of a list, tuple or dict display."""
    if isinstance(source, (cst.List, cst.Tuple)) and len(source.elements) == count:
        if all(isinstance(el, cst.Element) for el in source.elements):
            return [el.value for el in source.elements]
    if isinstance(source, cst.Dict) and len(source.elements) == count:
        if all(isinstance(el, cst.DictElement) for el in source.elements):
            return [el.value for el in source.elements]  # type: ignore[union-attr]
    return [None] * count


def _watch(ev: Context, container: Any, owner: Owner) -> None:
    """Keras wraps a tracked list or dict: what is added to it later is tracked too."""
    entry = ev.tracked_containers.setdefault(id(container), (container, []))
    if all(o is not owner for o in entry[1]):
        entry[1].append(owner)


def added_to_container(
    ev: Context,
    container: Any,
    items: Iterable[Any],
    source: Optional[cst.BaseExpression] = None,
    scope: Optional[Scope] = None,
) -> None:
    """Items put into a list or dict (``append``, ``extend``, ``[k] = v``):
    tracked by the layers and models that track the container."""
    entry = ev.tracked_containers.get(id(container))
    if entry is None or entry[0] is not container:
        return
    for owner in entry[1]:
        for item in items:
            _track(ev, owner, "an item of a tracked list or dict", item, source, scope, 1)


def container_method(ev: Context, container: Any, name: str, args: list[Any], site: Any) -> None:
    """``append``/``insert``/``update``/``setdefault`` on a tracked list or dict
    (``extend`` and ``+=`` go through the evaluator's list extension)."""
    index = {"append": 0, "insert": 1, "update": 0, "setdefault": 1}.get(name)
    if index is None or len(args) <= index:
        return
    source = None
    if isinstance(site, cst.Call) and len(site.args) > index and not site.args[index].keyword:
        source = site.args[index].value
    added_to_container(ev, container, [args[index]], source, ev.current_scope())


# -- variables --------------------------------------------------------------------------


def track_variable(ev: Context, owner: Owner, var: graph.Variable, what: str) -> None:
    if var.owner is not None:
        return  # counted where it was first tracked (Keras counts it once in a model)
    if var.tf_variable:
        counted = tf_variables_counted(ev, owner)
        if counted is None:
            untracked(ev, owner, f"{what}, a tf.Variable (Keras 2 counts it, Keras 3 does not)")
            return
        if not counted:
            return
    ev.trail.set(var, "owner", owner)
    add_own(ev, owner, var.params())


def tf_variables_counted(ev: Context, owner: Owner) -> Optional[bool]:
    """Whether the Keras that runs this code counts a tf.Variable attribute:
    Keras 2 tracks any tf.Variable, Keras 3 only its own ``keras.Variable``."""
    if ev.settings.keras_version is None:
        base = keras_base(owner.instance.cls)
        if base is not None and base.root == "tf_keras":
            return True
    versions = ev.settings.versions
    if KerasVersion.KERAS3 not in versions:
        return True
    return False if versions == KERAS3 else None


def make_variable(
    initial: Any, shape_given: Any, trainable: Any, tf_variable: bool
) -> graph.Variable:
    """``keras.Variable(initializer, shape=None, ..., trainable=True)`` or
    ``tf.Variable(initial_value, trainable=True, ...)``: its shape is the
    shape given, else that of the initial value."""
    shape = _shape_of(to_plain(shape_given))
    if shape is None:
        shape = _value_shape(initial)
    return graph.Variable(
        shape,
        constant=True,
        trainable=trainable if isinstance(trainable, bool) else None,
        tf_variable=tf_variable,
    )


#: ``tf.Variable`` (``keras.Variable`` is by_path's), by path.
TENSORFLOW_VARIABLES = Registrations()
_TENSORFLOW_VARIABLES = Registry(lambda: TENSORFLOW_VARIABLES)


def call_tensorflow(ev: Context, call: Call) -> Any:
    """A TensorFlow variable; NOT_HANDLED for other TensorFlow functions."""
    entry = _TENSORFLOW_VARIABLES.get(call.path)
    return NOT_HANDLED if entry is None else entry.call(ev, call)


@TENSORFLOW_VARIABLES.register(
    "tensorflow.Variable", signature=Signature.of("initial_value", "*", "trainable")
)
def tf_variable(ev: Context, call: Call) -> Any:
    """``tf.Variable(initial_value, ..., trainable=...)`` (``trainable`` is
    read by keyword only): a variable of the initial value's shape."""
    initial = call.get("initial_value", UNKNOWN)
    return make_variable(initial, None, call.get("trainable", True), tf_variable=True)


def add_weight(ev: Context, owner: Owner, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``self.add_weight(shape=..., trainable=...)`` (or Keras 2's ``(name, shape)``):
    a variable the owner tracks at once."""
    if "shape" in kwargs:
        shape = kwargs["shape"]
    elif args and isinstance(args[0], str):
        shape = args[1] if len(args) > 1 else None
    else:
        shape = args[0] if args else None
    dims = to_plain(shape) if shape is not None else ()
    trainable = kwargs.get("trainable", True)
    if trainable is None:
        trainable = True  # Keras 2's default
    var = graph.Variable(
        _shape_of(dims), constant=True, trainable=trainable if isinstance(trainable, bool) else None
    )
    track_variable(ev, owner, var, "a weight")
    return var


def _shape_of(dims: Any) -> shapes.Shape:
    if not isinstance(dims, tuple):
        return None
    if not all(is_int(d) and d >= 0 for d in dims):
        return None
    return dims


def _value_shape(value: Any) -> shapes.Shape:
    """The shape of a variable's initial value: an array, a tensor, a number,
    a nested list of numbers."""

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ()
    if isinstance(value, graph.Tensor):
        return _shape_of(value.shape)
    if isinstance(value, ArrayVal):
        return _shape_of(value.shape)
    return None


# -- what may hold weights ----------------------------------------------------------------


def may_hold_weights(
    ev: Context, source: Optional[cst.BaseExpression], scope: Optional[Scope]
) -> bool:
    """Whether an expression whose value shapelint does not know may be a
    layer, a model or a variable. Without the expression (a value passed
    around), it may."""
    if source is None or scope is None:
        return True
    # ``type(...) is``: LibCST's node classes are ABCs, whose isinstance test is
    # slow when it fails, and this runs at nearly every assignment
    kind = type(source)
    if kind is cst.Name:  # unless bound to a plain unknown value
        return not ev.is_plain_unknown(scope, source.value)
    if kind is cst.Call:
        return _may_construct(ev, source.func, scope)
    if kind is cst.IfExp:
        return may_hold_weights(ev, source.body, scope) or may_hold_weights(
            ev, source.orelse, scope
        )
    if kind is cst.BooleanOperation:  # `a or b` is one of them
        return may_hold_weights(ev, source.left, scope) or may_hold_weights(ev, source.right, scope)
    # a display of unknown items may hold anything; arithmetic, comparisons,
    # strings and numbers do not, nor (taken as sizes and settings) an attribute
    # or item of another value: `input_shape[-1]`, `config.units`
    return kind in _DISPLAYS


#: The displays (``may_hold_weights``).
_DISPLAYS = frozenset((cst.List, cst.Tuple, cst.Dict, cst.ListComp, cst.DictComp))


def _may_construct(ev: Context, func: cst.BaseExpression, scope: Scope) -> bool:
    """Whether calling ``func`` may return a layer, a model or a variable."""
    if not _is_dotted_name(func):
        return True  # `getattr(layers, name)(...)`, `factories[key](...)`
    callee = ev.eval(func, scope)
    if isinstance(callee, ModuleRef):
        return not holds_no_weights(callee)
    if isinstance(callee, Builtin):
        return False
    if isinstance(callee, BoundMethod):
        if callee.function is not None:
            return True  # a user method
        if isinstance(callee.obj, (graph.Layer, graph.Model)):
            return callee.name == "get_layer"
        return False  # methods of lists, dicts, strings, tensors, arrays
    if isinstance(callee, ClassVal):  # a subclass of a Keras loss, metric, callback, ...
        base = keras_base(callee)
        return base is None or not holds_no_weights(base)
    return True  # a user function, or something not known


def holds_no_weights(ref: ModuleRef) -> bool:
    """Whether what a function or class of a module returns is never a layer,
    a model or a variable (keras.optimizers, keras.ops, numpy, ...)."""
    path = ref.path.split(".")
    if ref.is_keras:
        rest = path[2:] if path[1:2] == ["src"] else path[1:]
        if not rest or rest[-1] in ("Variable", "variable"):
            return False
        return rest[0] in _KERAS_WITHOUT_WEIGHTS
    return path[0] in _LIBRARIES_WITHOUT_LAYERS and ref.path not in _LIBRARY_OBJECTS_WITH_WEIGHTS


def _unknown_base(cls: ClassVal, depth: int = 0) -> bool:
    """Whether a class that is not a Keras subclass derives from a class
    shapelint does not know (which may be a layer of another library)."""
    written = [arg.value for arg in cls.node.bases if not arg.star]
    for i, base in enumerate(cls.bases):
        if isinstance(base, ClassVal):
            if depth > 16 or _unknown_base(base, depth + 1):
                return True
        elif isinstance(base, ModuleRef):
            if not holds_no_weights(base):
                return True
        else:  # `object`, `Exception`, ... are not modelled
            expr = written[i] if i < len(written) else None
            if not (isinstance(expr, cst.Name) and hasattr(builtins, expr.value)):
                return True
    return False


def _is_dotted_name(expr: cst.BaseExpression) -> bool:
    while type(expr) is cst.Attribute:  # (as in may_hold_weights)
        expr = expr.value
    return type(expr) is cst.Name
