"""Models Keras makes from another model's architecture.

``keras.models.clone_model(m)``, ``Model.from_config(m.get_config())``,
``Sequential.from_config(...)``, ``keras.models.model_from_json(m.to_json())``
and ``keras.models.load_model(path)`` of a file the script saved with
``m.save(path)`` (or ``keras.models.save_model(m, path)``) make a new model of
the same layer classes, shapes and weights, with new layer objects. Keras 3.15
and tf-keras 2.21 keep the model's and the layers' names and ``trainable``
flags (each layer is made again from its config); the one name that changes is
the input layer of a functional model cloned by Keras 3, named after its input
tensor (``keras_tensor_<n>``, a counter of every symbolic tensor made so far),
which shapelint leaves as it was.

The architecture is the one the model had when ``get_config``, ``to_json`` or
``save`` ran: a snapshot (an unregistered copy) is taken then. A file is
matched by its path: the same string, or the same binding of the variable
passed to both calls when the path is not known. A load of a file the script
did not save (before, on every path) is not a model shapelint can describe, and
is not listed: its class, kind and layers are all unknown, and Keras may even
load something other than a model.

A layer of a user class is made again as Keras makes it, from the config its
``get_config`` returns (copies._Copier._rebuilt): ``CustomLayer(factor)``
whose ``get_config`` gives ``{"factor": ...}`` and no name is a new
``custom_layer_1``. What shapelint cannot rebuild with certainty (its own
``from_config``, a config it cannot read, a subclassed model) has unknown
weights and output shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Optional

from shapelint import catalogue
from shapelint.api.keras import subclassing
from shapelint.api.keras.construction import register_model
from shapelint.api.registry import Call
from shapelint.domain import graph
from shapelint.domain.layer_config import NO_PARAMS, LayerConfig
from shapelint.domain.values import UNKNOWN

if TYPE_CHECKING:
    import libcst as cst

    from shapelint.interp.context import Context


@dataclass(frozen=True)
class Architecture:
    """What ``model.get_config()`` and ``model.to_json()`` return: the model's
    architecture when it was called (an unregistered copy)."""

    model: graph.Model


#: The functions that make a model from an Architecture, by Keras name.
FROM_ARCHITECTURE = frozenset({"model_from_json", "model_from_config", "model_from_yaml"})
#: ``<class>.from_config(config)`` -> the kinds of model it rebuilds.
FROM_CONFIG_KINDS = {
    "Sequential": frozenset({graph.ModelKind.SEQUENTIAL}),
    "Model": frozenset({graph.ModelKind.FUNCTIONAL}),
    "Functional": frozenset({graph.ModelKind.FUNCTIONAL}),
}


def snapshot(ev: Context, model: graph.Model) -> Any:
    """The model's architecture now (UNKNOWN when it cannot be copied)."""
    copy = _Copier(ev, model.created_at).model(model)
    return UNKNOWN if copy is None else Architecture(copy)


def rebuild(
    ev: Context, source: Any, site: cst.Call, kinds: Optional[frozenset[graph.ModelKind]] = None
) -> Any:
    """A new model with the architecture of ``source`` (a Model or an
    Architecture), made at ``site``; UNKNOWN when it is not known or not of
    one of ``kinds``."""
    if isinstance(source, Architecture):
        source = source.model
    if not isinstance(source, graph.Model) or (kinds is not None and source.kind not in kinds):
        return UNKNOWN
    copy = _Copier(ev, site).model(source)
    if copy is None:
        return UNKNOWN
    register_model(ev, copy)
    return copy


# -- files ------------------------------------------------------------------------------


def file_key(ev: Context, path: Any, expr: Any) -> Any:
    """What identifies a saved file: its path when known, else the binding of
    the variable that holds it (``expr``, the argument's syntax); None."""
    import libcst as cst

    if isinstance(path, str):
        return ("path", path)
    scope = ev.current_scope()
    if isinstance(expr, cst.Name) and scope is not None:
        return ("variable", expr.value, ev.binding_version(scope, expr.value))
    return None


def save(ev: Context, model: graph.Model, key: Any) -> None:
    """``model.save(path)``: the file now holds the model's architecture."""
    saved = ev.state.saved_models
    known = saved if isinstance(saved, tuple) else ()
    kept = tuple(entry for entry in known if entry[0] != key)
    arch = snapshot(ev, model) if key is not None else UNKNOWN
    if key is None or arch is UNKNOWN:
        # A file shapelint cannot name, or a model it cannot copy: what any
        # later load reads is not known.
        ev.trail.set(ev.state, "saved_models", UNKNOWN if key is None else kept)
        return
    ev.trail.set(ev.state, "saved_models", ((key, arch), *kept))


def load(ev: Context, key: Any, site: cst.Call) -> Any:
    """``load_model(path)``: a new model of the saved architecture, if the
    script saved one there (on every path); else UNKNOWN."""
    saved = ev.state.saved_models
    if key is None or not isinstance(saved, tuple):
        return UNKNOWN
    for entry_key, arch in saved:
        if entry_key == key:
            return rebuild(ev, arch, site)
    return UNKNOWN


# -- copying ----------------------------------------------------------------------------


class _Copier:
    """Copies of one model's layers and nested models, each made once (a
    layer shared by two paths stays shared in the copy)."""

    def __init__(self, ev: Context, site: Any):
        self.ev = ev
        self.site = site
        self.done: dict[int, graph.Operation] = {}

    def model(self, source: graph.Model) -> Optional[graph.Model]:
        """A copy of ``source`` made at ``self.site`` (not registered);
        None when shapelint cannot copy it (a user subclass)."""
        if source.instance is not None:
            return None
        ev = self.ev
        copy = graph.Model(
            source.kind,
            self.site,
            source.keras_name,
            trainable=_model_flag(source),
            indeterminate=source.indeterminate,
            conditional=source.conditional,
            partial_io=source.partial_io,
            backbone=source.backbone,
            birth=ev.born(),
        )
        if source.kind is graph.ModelKind.SEQUENTIAL:
            self._sequential(source, copy)
        elif source.backbone is not None:
            start = self._input(source.inputs[0]) if source.inputs else graph.Tensor(None)
            node = graph.Node(copy, (start,), self.site)
            node.outputs = (graph.Tensor(source.backbone.output_shape(start.shape), node, 0),)
            copy.inputs, copy.outputs = (start,), node.outputs
        else:
            self._functional(source, copy)
        return copy

    def _sequential(self, source: graph.Model, copy: graph.Model) -> None:
        entries = tuple(self.operation(entry) for entry in source.layers)
        copy.layers = entries
        copy.sites = {
            id(new): source.sites.get(id(old), old.created_at)
            for old, new in zip(source.layers, entries)
        }
        copy.conditional = frozenset(
            id(new) for old, new in zip(source.layers, entries) if id(old) in source.conditional
        )
        if source.input is not None:  # built: Keras rebuilds it on the same input shape
            start = (
                self._input(source.input)
                if source.input.node is not None and source.input.node.is_input
                else graph.Tensor(source.input.shape)
            )
            graph.build_sequential(copy, start, self.ev, self.ev.trail)

    def _functional(self, source: graph.Model, copy: graph.Model) -> None:
        inputs = tuple(self._input(t) for t in source.inputs)
        outputs = graph.replay(source, inputs, self.ev, self.ev.trail, self.operation)
        copy.inputs = inputs
        copy.outputs = tuple(t for t in outputs if t is not None)
        if len(copy.outputs) != len(outputs):
            copy.partial_io = True

    def _input(self, tensor: graph.Tensor) -> graph.Tensor:
        """A new input tensor of the same shape, from an InputLayer of the
        same name as the one that made ``tensor``."""
        node = tensor.node
        old = node.operation if node is not None and node.is_input else None
        name = old.name if isinstance(old, graph.Layer) else self.ev.new_name("input_layer")
        layer = graph.Layer(
            catalogue.lookup("InputLayer"),
            LayerConfig("InputLayer", {}, name=name),
            old.created_at if isinstance(old, graph.Layer) else self.site,
            built_inputs=(),
            params=NO_PARAMS,
            birth=self.ev.born(),
        )
        new = graph.input_tensor(tensor.shape, layer, layer.created_at)
        layer.first_outputs = (new,)
        return new

    def operation(self, op: graph.Operation) -> graph.Operation:
        """The copy of one layer or nested model (made once)."""
        if id(op) in self.done:
            return self.done[id(op)]
        new: graph.Operation
        if isinstance(op, graph.Model):
            nested = self.model(op)
            new = nested if nested is not None else self._unknown(op)
        elif op.instance is not None:
            new = self._rebuilt(op)
        else:
            args = {k: self._argument(v) for k, v in op.config.args.items()}
            new = graph.Layer(
                op.spec,
                replace(op.config, args=args),
                op.created_at,
                invalid=op.invalid,
                trainable=op.trainable,
                constructor_frozen=op.constructor_frozen,
                birth=self.ev.born(),
            )
        self.done[id(op)] = new
        return new

    def _argument(self, value: Any) -> Any:
        """A constructor argument of the copy: a layer argument (a wrapper's
        layer) is copied too."""
        if isinstance(value, (graph.Layer, graph.Model)):
            return self.operation(value)
        if isinstance(value, tuple):
            return tuple(self._argument(v) for v in value)
        return value

    def _rebuilt(self, op: graph.Layer) -> graph.Layer:
        """A user layer made again as Keras makes it:
        ``cls.from_config(layer.get_config())``, that is ``cls(**config)``
        with the config the user's ``get_config`` returns (or, not
        overridden, a built-in base's: its arguments, name and flag). A class
        with its own ``from_config``, a config shapelint cannot read, or a
        Layer base's automatic config (Keras 3 makes it from the constructor's
        arguments, Keras 2 raises) give a layer of unknown weights."""
        from shapelint.domain.values import MISSING, DictVal, FunctionVal, class_lookup

        ev = self.ev
        cls = op.instance.cls
        if class_lookup(cls, "from_config") is not MISSING:
            return self._unknown(op)
        get_config = class_lookup(cls, "get_config")
        if isinstance(get_config, FunctionVal):
            config = ev.call_function(get_config, [op], {}, op.created_at)
        elif op.spec is not None:
            config = subclassing.keras_config(ev, op)
        else:
            return self._unknown(op)
        items = config.items if isinstance(config, DictVal) else None
        if not isinstance(items, dict) or not all(isinstance(k, str) for k in items):
            return self._unknown(op)
        new = subclassing.instantiate(ev, cls, Call(cls.name, [], dict(items), op.created_at))
        return new if isinstance(new, graph.Layer) else self._unknown(op)

    def _unknown(self, op: graph.Operation) -> graph.Layer:
        """A layer of the same class and name whose weights and outputs are
        not known (what Keras rebuilds from a user class's config)."""
        return graph.Layer(
            None,
            LayerConfig(op.class_name, {}, name=op.name),
            op.created_at,
            trainable=op.trainable,
            birth=self.ev.born(),
        )


def _model_flag(source: graph.Model) -> Optional[bool]:
    """The copy's own ``trainable``. Keras 3 gives a cloned Sequential the
    source's flag, other copies (and every copy in tf-keras) are made
    trainable; the layers keep their own flags, so the two agree unless a
    layer is trainable inside a frozen model."""
    if source.trainable is not False:
        return source.trainable
    frozen = all(op.trainable is False for op in graph.tracked_layers(source)[1:])
    return False if frozen else None
