"""Keras objects as the evaluator builds them, and shape propagation.

A :class:`Layer` is a layer object (class, bound arguments, where created).
Calling it on tensors creates a :class:`Node` whose output :class:`Tensor`s
carry shapes computed by the catalogue; a :class:`Model` is either a chain of
layers (Sequential) or the subgraph between input and output tensors
(functional). :func:`call_layer` is the one place where a layer meets its
inputs: rank checks, output shapes, parameter counts and shape errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional, Protocol, Union

from shapelint.codes import INCOMPATIBLE_MERGE, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import NO_PARAMS, UNKNOWN_PARAMS, LayerConfig, Params, ShapeError
from shapelint.domain.shapes import Shape
from shapelint.versions import VersionSplit

if TYPE_CHECKING:  # the catalogue's entries, called through this interface
    from shapelint.catalogue.base import LayerSpec


class Mutator(Protocol):
    def set(self, obj: Any, key: str, value: Any) -> None: ...


class FindingSink(Protocol):
    """What propagation needs from the evaluator: a place to report findings,
    and a way to run the user code of Layer/Model subclasses (and a Lambda's
    function, when a graph is replayed)."""

    def report(self, code: str, message: str, node: Any, hint: Optional[str] = None) -> None: ...

    def call_instance(
        self, op: Any, inputs: Sequence[Tensor], site: Any, edges: Sequence[Tensor] = ()
    ) -> tuple[Tensor, ...]: ...

    def step(self) -> None:
        """Count one unit of work (a layer or model applied); raises when the
        budget is spent (a model nested in itself 60 times is 2**60 calls)."""

    #: Whether layers are run on data (a data check's replay of fit, predict,
    #: ...) rather than built on symbolic tensors: some weights fix sizes that
    #: only a run checks (LayerSpec.run_axes).
    running: bool


@dataclass(eq=False)
class Layer:
    spec: Optional[LayerSpec]  # None: a Keras layer class shapelint does not know
    config: LayerConfig
    created_at: Any  # the libcst Call that created it
    #: Set when construction failed (Keras would raise): calls give unknown outputs.
    invalid: bool = False
    trainable: Optional[bool] = True
    #: Shapes of the inputs of the first call (Keras builds the layer then).
    built_inputs: Optional[tuple[Shape, ...]] = None
    params: Params = UNKNOWN_PARAMS
    #: The output tensors of the layer's first call (for ``layer.output``).
    first_outputs: tuple[Tensor, ...] = ()
    #: A user subclass of keras.layers.Layer: its Python attributes (an
    #: evaluator InstanceVal) and the layers it tracks.
    instance: Any = None
    sublayers: tuple[Any, ...] = ()
    #: Frozen by ``trainable=False`` in a constructor that does not freeze the
    #: sublayer holding the weights (see LayerSpec.constructor_freezes_weights).
    constructor_frozen: bool = False
    #: The layers and models it was applied to when created (Keras 1's
    #: ``Merge(layers=[...])``, LayerSpec.connects).
    merged: tuple[Any, ...] = ()
    #: A Lambda layer's function (the user's FunctionVal) and its
    #: ``arguments=`` (a dict of keyword arguments), run when it is called.
    function: Any = None
    function_kwargs: Any = None
    #: A lookup layer's vocabulary once ``adapt``/``set_vocabulary`` replaced
    #: the constructor's (UNKNOWN: data not followed); None: as constructed.
    vocabulary: Any = None
    birth: int = 0

    @property
    def class_name(self) -> str:
        return self.config.class_name

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def spec_params_unbuilt(self) -> Params:
        """Parameters when never called (known for input-independent layers)."""
        if self.spec is None or self.invalid:
            return UNKNOWN_PARAMS
        try:
            return self.spec.params(self.config, [None])
        except (ShapeError, VersionSplit, TypeError, ValueError, IndexError, ZeroDivisionError):
            return UNKNOWN_PARAMS


@dataclass(eq=False)
class Node:
    """One application of a layer (or model) to input tensors."""

    operation: Optional[Union[Layer, Model, TensorOp]]  # None for a join node
    inputs: tuple[Tensor, ...]
    site: Any  # the libcst node where the call happens
    outputs: tuple[Tensor, ...] = ()
    is_input: bool = False
    #: A join node: its output is one of its inputs, depending on a condition.
    is_join: bool = False
    #: Every tensor of the call, in Keras' order (positional arguments, then
    #: keywords by name), when the call passed tensors beyond ``inputs`` (an
    #: ``initial_state=``, a ``mask=``, a second positional argument): Keras
    #: makes each of them an edge of the graph (keras/src/ops/node.py), so
    #: their producers belong to the model. Empty: the edges are ``inputs``.
    arguments: tuple[Tensor, ...] = ()
    #: Whether the layer's input argument was a list or tuple (False: one
    #: tensor; None: not known), see call_layer.
    packed: Optional[bool] = None

    @property
    def edges(self) -> tuple[Tensor, ...]:
        """The tensors this node depends on in the graph."""
        return self.arguments or self.inputs


@dataclass(eq=False)
class Tensor:
    shape: Shape
    node: Optional[Node] = None
    index: int = 0
    #: A weight or a constant (``self.add_weight(...)``, a Python number in
    #: ``x * 2``): no producer, yet nothing unknown behind it.
    constant: bool = False
    #: Whether Keras 3 marks the KerasTensor sparse (None: it may): Keras 3
    #: makes ``x * 2.0`` sparse (``Multiply.compute_output_spec``).
    sparse: Optional[bool] = False

    @property
    def ndim(self) -> Optional[int]:
        return None if self.shape is None else len(self.shape)


@dataclass(eq=False)
class Variable(Tensor):
    """A weight (``self.add_weight(...)``, ``keras.Variable(...)``,
    ``tf.Variable(...)``): a tensor in maths, and parameters of the layer or
    model that tracks it (Keras tracks a variable once per owner)."""

    trainable: Optional[bool] = True
    #: Made by tf.Variable: Keras 2 tracks it on a layer, Keras 3 does not.
    tf_variable: bool = False
    #: The layer or model whose weights include it (None: not tracked yet).
    owner: Any = None

    def params(self) -> Params:
        count = shapes.product(self.shape) if self.shape is not None else None
        if not isinstance(count, int) or self.trainable is None:
            return UNKNOWN_PARAMS
        return Params(count, 0) if self.trainable else Params(0, count)


class ModelKind(Enum):
    """How a model is built; the value is how summaries name it."""

    SEQUENTIAL = "sequential"
    FUNCTIONAL = "functional"
    SUBCLASSED = "subclassed"


#: The Keras class of a model that is no user subclass, by kind.
_CLASS_NAMES = {ModelKind.SEQUENTIAL: "Sequential", ModelKind.FUNCTIONAL: "Functional"}


@dataclass(eq=False)
class Model:
    kind: ModelKind
    created_at: Any
    keras_name: str
    var_name: Optional[str] = None
    #: Sequential: the layers added, in order (Layer or Model entries).
    layers: tuple[Any, ...] = ()
    #: Sequential: the chain's input tensor once the input shape is known.
    input: Optional[Tensor] = None
    #: Sequential: one node per layer once the chain has been propagated.
    chain: tuple[Node, ...] = ()
    #: Sequential: the tensor after the last layer (None until propagated).
    last: Optional[Tensor] = None
    #: Sequential of code that may run on Keras 2 or 3: the input shape Keras 2
    #: gave it when created, where Keras 3 waits for data
    #: (LayerSpec.keras2_first_input); its build keeps only the sizes both
    #: agree on. None: no such shape.
    keras2_input: Shape = None
    #: Sequential: built on the shape of the data or tensor it first met (no
    #: input shape declared), which tf-keras relaxes when it meets another.
    input_inferred: bool = False
    #: Functional: the model's input and output tensors. Inputs of a Sequential
    #: that starts with a Keras 1 Merge of other models: theirs (keras1_sources).
    inputs: tuple[Tensor, ...] = ()
    outputs: tuple[Tensor, ...] = ()
    #: Functional: some of the inputs or outputs it was given are values
    #: shapelint cannot follow (``inputs``/``outputs`` hold the known ones):
    #: Keras builds it, but its totals and its inputs and outputs are unknown.
    partial_io: bool = False
    #: True when branches the evaluator could not decide built it differently.
    indeterminate: bool = False
    #: Sequential: ids of the layers added under a condition not known statically.
    conditional: frozenset[int] = frozenset()
    trainable: Optional[bool] = True
    notes: tuple[str, ...] = ()
    #: Sequential: where each entry was added (id(entry) -> syntax node).
    sites: dict[int, Any] = field(default_factory=dict)
    #: A user subclass of keras.Model: its Python attributes (an evaluator
    #: InstanceVal); its tracked layers are ``layers``.
    instance: Any = None
    #: The output tensors of the model's first call as a layer.
    first_outputs: tuple[Tensor, ...] = ()
    #: A keras.applications backbone (catalogue.applications.Backbone): its
    #: layers are not listed; shapes and totals come from the table.
    backbone: Any = None
    #: A backbone built on a tensor it was given (``input_tensor=``): Keras
    #: lists its layers among those of a model built on that tensor.
    backbone_on_input: bool = False
    #: A backbone some of whose layers (which, shapelint cannot tell) had their
    #: ``trainable`` set on their own (evaluator.unlisted): its own flag still
    #: empties its trainable weights when False, but how a model holding it
    #: counts them per weight (Keras 3) is not known.
    unlisted_flags: bool = False
    #: What ``model.compile(...)`` set (domain.training.Compiled), None before.
    compiled: Any = None
    #: A user subclass: the weights the model object holds itself (its
    #: ``add_weight`` and Variable attributes), unknown when it may hold
    #: something shapelint cannot follow (evaluator.tracking).
    own_params: Params = NO_PARAMS
    #: A user subclass whose ``build()`` has not run yet: the weights it makes
    #: are not known.
    pending_build: bool = False
    birth: int = 0

    @property
    def name(self) -> str:
        return self.var_name or self.keras_name

    @property
    def class_name(self) -> str:
        if self.instance is not None:
            return str(self.instance.cls.name)
        return _CLASS_NAMES.get(self.kind, "Model")

    def output(self) -> Optional[Tensor]:
        if self.kind is ModelKind.SEQUENTIAL:
            return self.last
        return self.outputs[0] if len(self.outputs) == 1 else None


@dataclass(eq=False)
class TensorOp:
    """An operation on tensors that is not a layer (``x + y``, ``ops.relu(x)``):
    part of a functional graph, without weights. ``Functional.layers`` never
    lists one; Keras 3's summary prints a row for each (``reshape
    (Reshape)``), shown when ``row_name`` is set (the row is certain)."""

    name: str
    created_at: Any
    #: The output shapes for new input shapes (a replay of the graph): the
    #: operation catalogue's rule, bound to the call's other arguments
    #: (api.keras.ops); an error there gives unknown shapes (it was reported
    #: at the first call).
    recompute: Callable[[Sequence[Shape]], list[Shape]]
    #: The row of Keras 3's summary: the operation's name and class name.
    row_name: Optional[str] = None
    row_class: Optional[str] = None

    @property
    def class_name(self) -> str:
        return self.row_class or self.name

    @property
    def keras_name(self) -> str:
        return self.row_name or self.name


def tensor_op_node(op: TensorOp, inputs: Sequence[Tensor], site: Any, out: Sequence[Shape]) -> Node:
    """The node of an operation applied to ``inputs``, with outputs of ``out``."""
    node = Node(op, tuple(inputs), site)
    node.outputs = tuple(Tensor(s, node, i) for i, s in enumerate(out))
    return node


Operation = Union[Layer, Model]


def input_tensor(shape: Shape, layer: Layer, site: Any) -> Tensor:
    """The tensor ``keras.Input`` returns: produced by an InputLayer node."""
    node = Node(layer, (), site, is_input=True)
    tensor = Tensor(shape, node, 0)
    node.outputs = (tensor,)
    return tensor


def call_layer(
    layer: Layer,
    inputs: Sequence[Tensor],
    site: Any,
    sink: FindingSink,
    mutator: Mutator,
    options: Optional[dict[str, Any]] = None,
    edges: Sequence[Tensor] = (),
    packed: Optional[bool] = None,
) -> tuple[Tensor, ...]:
    """Apply ``layer`` to ``inputs``: check ranks, compute output shapes and, on
    the first call, the parameter counts; report what Keras would raise.
    ``options`` are the call's values of the spec's ``call_options``;
    ``edges`` every tensor of the call when there are more than ``inputs``
    (Node.arguments); ``packed`` whether the inputs came in a list or tuple
    (False: one tensor; None: not known)."""
    sink.step()
    if layer.instance is not None:
        return sink.call_instance(layer, inputs, site, edges)
    config = layer.config.with_args(options) if options else layer.config
    node = Node(layer, tuple(inputs), site, arguments=tuple(edges), packed=packed)
    in_shapes = tuple(t.shape for t in inputs)
    model = _wrapped_model(layer)
    if model is not None:
        applied = _apply_model_wrapper(layer, model, in_shapes, site, sink, mutator)
    else:
        applied = apply_spec(layer, config, in_shapes, site, sink, packed)
    node.outputs = tuple(Tensor(s, node, i) for i, s in enumerate(applied.outputs))
    if applied.builds and layer.built_inputs is None:
        mutator.set(layer, "built_inputs", applied.inputs)
        mutator.set(layer, "params", NO_PARAMS if model else applied.params(layer, config))
        mutator.set(layer, "first_outputs", node.outputs)
        if model is not None:  # its weights are the wrapper's, counted as a sublayer's
            mutator.set(layer, "sublayers", (model,))
    return node.outputs


def _wrapped_model(layer: Layer) -> Optional[Model]:
    """The model a wrapper wraps (``TimeDistributed(model)``, see
    LayerSpec.model_argument), None for anything else."""
    spec = layer.spec
    if spec is None or spec.model_argument is None or layer.invalid:
        return None
    model = layer.config.get(spec.model_argument)
    return model if isinstance(model, Model) else None


def _apply_model_wrapper(
    layer: Layer,
    model: Model,
    in_shapes: tuple[Shape, ...],
    site: Any,
    sink: FindingSink,
    mutator: Mutator,
) -> Applied:
    """A wrapper around a whole model: the model is called, as Keras calls it
    (building a Sequential without an input), on the inputs the wrapper's
    entry gives (one step of TimeDistributed's input), and the entry makes
    the wrapper's outputs of what the model gives."""
    spec = layer.spec
    assert spec is not None
    try:
        spec.check_ranks(layer.config, in_shapes)
    except ShapeError as e:
        sink.report(e.code, e.message, site, e.hint)
        return Applied([None], in_shapes, failed=True)
    steps = spec.step_inputs(layer.config, in_shapes)
    if steps is None:
        return Applied([None], in_shapes)
    outs = call_model(model, [Tensor(s) for s in steps], site, sink, mutator)
    return Applied(
        spec.outputs_from_steps(layer.config, in_shapes, [t.shape for t in outs]), in_shapes
    )


@dataclass(frozen=True)
class Applied:
    """What a layer's catalogue entry makes of one call."""

    #: The output shapes (``[None]`` when unknown).
    outputs: list[Shape]
    #: The input shapes the layer builds on.
    inputs: tuple[Shape, ...]
    #: False when Keras rejects the call before building the layer.
    builds: bool = True
    #: The entry raised: Keras builds nothing.
    failed: bool = False
    #: Some of the Keras versions the code may run on raise, the others build
    #: (shapelint.versions): what it makes is unknown.
    split: bool = False

    def params(self, layer: Layer, config: LayerConfig) -> Params:
        """The weights the layer gets when built by this call."""
        if self.split:
            return UNKNOWN_PARAMS
        return (
            layer.spec_params_unbuilt if self.failed else built_params(layer, config, self.inputs)
        )


def apply_spec(
    layer: Layer,
    config: LayerConfig,
    in_shapes: tuple[Shape, ...],
    site: Any,
    sink: FindingSink,
    packed: Optional[bool] = None,
) -> Applied:
    """The catalogue's reading of ``layer`` called on inputs of ``in_shapes``
    (``packed``: see call_layer): rank checks, a built layer's sizes, output
    shapes; reports what Keras would raise."""
    spec = layer.spec
    if spec is not None and not layer.invalid:
        unpacked = _call_structure(layer, in_shapes, site, sink, packed)
        if unpacked is not None:
            return unpacked
    if (
        spec is not None
        and not spec.takes_list
        and len(spec.call_inputs) == 1
        and len(in_shapes) > 1
        and _has_input_spec(spec)
    ):
        # One tensor argument given several (the list a return_state=True layer
        # returned): Keras' InputSpec check rejects it.
        sink.report(
            NDIM_MISMATCH,
            f"{layer.config.label} expects 1 input, but it received {len(in_shapes)} "
            "tensors: " + ", ".join(shapes.format_shape(s) for s in in_shapes),
            site,
            "unpack the tensors first, e.g. `out, h, c = LSTM(..., return_state=True)(x)`",
        )
        return Applied([None], in_shapes, builds=False)
    if (
        spec is not None
        and not spec.takes_list
        and len(in_shapes) == 1
        and in_shapes[0] is None
        and isinstance(spec.ndim, int)
    ):
        # A layer that accepts one rank only: if it builds at all, its input
        # had that rank, so what follows may rely on its output's rank.
        in_shapes = ((None,) * spec.ndim,)
    if spec is None or layer.invalid:
        return Applied([None], in_shapes)
    try:
        spec.check_ranks(config, in_shapes)
        if layer.built_inputs and in_shapes:
            spec.check_built(config, layer.built_inputs[0], in_shapes[0], sink.running)
        return Applied(spec.output_shapes(config, in_shapes) or [None], in_shapes)
    except ShapeError as e:
        sink.report(e.code, e.message, site, e.hint)
        return Applied([None], in_shapes, failed=True)
    except VersionSplit:  # some of the Keras versions raise, the others build
        return Applied([None], in_shapes, split=True)


def _call_structure(
    layer: Layer, in_shapes: tuple[Shape, ...], site: Any, sink: FindingSink, packed: Optional[bool]
) -> Optional[Applied]:
    """Keras' layers take their input as given, never flattened: a merging or
    attention layer called on one tensor raises (Keras 2 and 3: "should be
    called on a list of inputs"); a one-input layer called on a list of one
    tensor raises in most Keras 3 layers (Dense, LayerNormalization, Flatten:
    "Cannot convert ... to a shape", "'list' object has no attribute 'shape'"),
    builds in some Keras 2 ones (LSTM) and gives a list in others (Activation,
    Dropout); MultiHeadAttention([q, v]) misses its value. Unknown, nothing
    said, but where the InputSpec rejects several tensors. None: the call
    goes on."""
    spec = layer.spec
    assert spec is not None
    if packed is False and spec.needs_list_call:
        sink.report(
            INCOMPATIBLE_MERGE,
            f"{layer.config.label} should be called on a list of tensors, got one tensor "
            f"of shape {shapes.format_shape(in_shapes[0])}",
            site,
            f"pass the tensors in a list: {layer.config.class_name}()([a, b])",
        )
        return Applied([None], in_shapes, builds=False)
    if not packed or spec.takes_list:
        return None
    if len(in_shapes) > 1 and len(spec.call_inputs) == 1 and _has_input_spec(spec):
        return None  # its InputSpec rejects several tensors: apply_spec says so
    return Applied([None], in_shapes, split=True)


def _has_input_spec(spec: LayerSpec) -> bool:
    return spec.ndim is not None or spec.min_ndim is not None


def built_params(layer: Layer, config: LayerConfig, in_shapes: Sequence[Shape]) -> Params:
    """The weights a built-in layer makes when built on inputs of ``in_shapes``."""
    if layer.spec is None or layer.invalid:
        return UNKNOWN_PARAMS
    try:
        return layer.spec.params(config, in_shapes)
    except (ShapeError, VersionSplit):
        return UNKNOWN_PARAMS


def call_model(
    model: Model,
    inputs: Sequence[Tensor],
    site: Any,
    sink: FindingSink,
    mutator: Mutator,
    edges: Sequence[Tensor] = (),
) -> tuple[Tensor, ...]:
    """A model used as a layer: run its layers on the new inputs."""
    sink.step()
    if model.instance is not None:
        return sink.call_instance(model, inputs, site, edges)
    node = Node(model, tuple(inputs), site, arguments=tuple(edges))
    if model.backbone is not None:
        shape = inputs[0].shape if len(inputs) == 1 else None
        node.outputs = (Tensor(model.backbone.output_shape(shape), node, 0),)
        return node.outputs
    outs: list[Optional[Tensor]]
    if model.partial_io:  # neither its inputs nor its outputs are all known
        outs = [None]
    elif model.kind is ModelKind.SEQUENTIAL:
        if len(inputs) != 1 or starts_with_merge(model):
            outs = [None]
        elif model.input is None:
            build_sequential(model, inputs[0], sink, mutator, inferred=True)
            outs = [
                model.last
                if model.input is inputs[0]
                else _run_chain(model, inputs[0], sink, mutator)
            ]
        else:
            outs = [_run_chain(model, inputs[0], sink, mutator)]
    else:
        outs = replay(model, inputs, sink, mutator)
    node.outputs = tuple(
        Tensor(t.shape if t is not None else None, node, i) for i, t in enumerate(outs)
    )
    return node.outputs


def _run_chain(model: Model, start: Tensor, sink: FindingSink, mutator: Mutator) -> Tensor:
    """A built Sequential's layers applied to ``start``: the output of one call."""
    current = start
    for entry in model.layers:
        current = apply_entry(entry, current, site_of(entry), sink, mutator)[1]
    return current


def site_of(entry: Any) -> Any:
    return entry.created_at


def apply_entry(
    entry: Operation, current: Tensor, site: Any, sink: FindingSink, mutator: Mutator
) -> tuple[Node, Tensor]:
    """One step of a Sequential chain: the node and the tensor passed on (of
    unknown shape when the entry yields several tensors)."""
    if isinstance(entry, Model):
        outs = call_model(entry, [current], site, sink, mutator)
    else:
        outs = call_layer(entry, [current], site, sink, mutator)
    node = outs[0].node
    assert node is not None
    return node, (outs[0] if len(outs) == 1 else Tensor(None, node))


def build_sequential(
    model: Model,
    start: Tensor,
    sink: FindingSink,
    mutator: Mutator,
    inferred: bool = False,
) -> None:
    """Propagate a Sequential chain from its input tensor (one of the sizes
    the Keras versions the code may run on build it with: Model.keras2_input)."""
    if model.keras2_input is not None and start.shape is not None:
        joined = shapes.join_shapes(start.shape, model.keras2_input)
        if joined != start.shape:
            node = start.node
            made_by = node.operation if node is not None and node.is_input else None
            start = (
                input_tensor(joined, made_by, made_by.created_at)
                if isinstance(made_by, Layer)
                else Tensor(joined)
            )
    chain: list[Node] = []
    current = start
    for entry in model.layers:
        site = model.sites.get(id(entry), site_of(entry))
        node, current = apply_entry(entry, current, site, sink, mutator)
        chain.append(node)
    mutator.set(model, "input", start)
    mutator.set(model, "input_inferred", inferred)
    mutator.set(model, "chain", tuple(chain))
    mutator.set(model, "last", current)


def replay(
    model: Model,
    inputs: Sequence[Tensor],
    sink: FindingSink,
    mutator: Mutator,
    substitute: Optional[Callable[[Operation], Operation]] = None,
) -> list[Optional[Tensor]]:
    """Run a functional model's graph on new input tensors (``substitute``:
    each layer or model replaced by what it returns, as ``clone_model``
    replaces each layer by a new one)."""
    if len(inputs) != len(model.inputs):
        return [None] * len(model.outputs)
    produced: dict[int, Tensor] = {id(t): new for t, new in zip(model.inputs, inputs)}
    for node in ordered_nodes(model)[0]:
        if node.is_input:
            continue
        args = [produced.get(id(t)) for t in node.inputs]
        edges = [produced.get(id(t)) for t in node.arguments]
        if any(a is None for a in args) or any(e is None for e in edges):
            continue
        new_inputs = [a for a in args if a is not None]
        new_edges = [e for e in edges if e is not None]
        op = node.operation
        if substitute is not None and isinstance(op, (Layer, Model)):
            op = substitute(op)
        if isinstance(op, TensorOp):
            shapes_out = op.recompute([t.shape for t in new_inputs])
            outs: tuple[Tensor, ...] = tensor_op_node(op, new_inputs, node.site, shapes_out).outputs
        elif isinstance(op, Model):
            outs = call_model(op, new_inputs, node.site, sink, mutator, new_edges)
        elif op.function is not None and node.packed is False and not new_edges:
            # a Lambda's function runs again on the new tensor (api.keras.lambdas)
            outs = sink.call_instance(op, new_inputs, node.site)
        else:
            outs = call_layer(op, new_inputs, node.site, sink, mutator, edges=new_edges)
        for old, new in zip(node.outputs, outs):
            produced[id(old)] = new
    return [_replayed(t, produced) for t in model.outputs]


def _replayed(tensor: Tensor, produced: dict[int, Tensor]) -> Optional[Tensor]:
    """The replayed version of a tensor, looking through joins."""
    if id(tensor) in produced:
        return produced[id(tensor)]
    if tensor.node is not None and tensor.node.is_join:
        alternatives = [_replayed(t, produced) for t in tensor.node.inputs]
        if all(a is not None for a in alternatives):
            return join_tensors(*alternatives)  # type: ignore[arg-type]
    return None


def join_tensors(*alternatives: Tensor) -> Tensor:
    """A tensor that is one of several, depending on a condition not known
    statically: the shape known on every path, and a join node that keeps
    the graph behind each alternative."""
    shape = alternatives[0].shape
    for t in alternatives[1:]:
        shape = shapes.join_shapes(shape, t.shape)
    node = Node(None, tuple(alternatives), None, is_join=True)
    tensor = Tensor(shape, node, 0)
    node.outputs = (tensor,)
    return tensor


def ordered_nodes(model: Model) -> tuple[list[Node], dict[int, int]]:
    """Nodes between the model's inputs and outputs, inputs first, and each
    operation's index in traversal order: the depth-first search of
    keras/src/ops/function.py's _build_map. Join nodes are looked through."""
    finished: set[int] = set()
    in_progress: set[int] = set()
    order: list[Node] = []
    op_index: dict[int, int] = {}
    input_ids = {id(t) for t in model.inputs}
    for out in model.outputs:
        stack: list[tuple[Tensor, bool]] = [(out, False)]
        while stack:
            tensor, expanded = stack.pop()
            node = tensor.node
            if node is None:
                continue
            if expanded:
                in_progress.discard(id(node))
                if id(node) not in finished:
                    finished.add(id(node))
                    if not node.is_join:
                        order.append(node)
                continue
            if id(node) in finished or id(node) in in_progress:
                continue
            if not node.is_input and id(tensor) in input_ids:
                finished.add(id(node))
                continue
            if not node.is_join:
                op_index.setdefault(id(node.operation), len(op_index))
            in_progress.add(id(node))
            stack.append((tensor, True))
            if not node.is_input:
                stack.extend((t, False) for t in reversed(node.edges))
    return order, op_index


def _parents(node: Node) -> list[Node]:
    """The nodes producing a node's inputs, looking through joins."""
    out: list[Node] = []
    pending = list(node.edges)
    seen: set[int] = set()
    while pending:
        t = pending.pop()
        parent = t.node
        if parent is None or id(parent) in seen:
            continue
        seen.add(id(parent))
        if parent.is_join:
            pending.extend(parent.inputs)
        else:
            out.append(parent)
    return out


def ordered_operations(model: Model, with_rows: bool = False) -> list[tuple[Any, Node]]:
    """The model's layers in Keras' summary order (by depth, then traversal),
    each with the first of its nodes in this graph; ``with_rows``: with the
    operations that are not layers but have a summary row (TensorOp.row_name)."""
    nodes, op_index = ordered_nodes(model)
    in_graph = {id(n) for n in nodes}
    depth: dict[int, int] = {}
    op_depth: dict[int, int] = {}
    first_node: dict[int, Node] = {}
    ops: dict[int, Operation] = {}
    for node in nodes:
        assert node.operation is not None
        first_node.setdefault(id(node.operation), node)
        ops[id(node.operation)] = node.operation  # type: ignore[assignment]
    for node in reversed(nodes):
        d = max(depth.setdefault(id(node), 0), op_depth.get(id(node.operation), 0))
        op_depth[id(node.operation)] = d
        depth[id(node)] = d
        if node.is_input:
            continue
        for parent in _parents(node):
            if id(parent) in in_graph:
                depth[id(parent)] = max(d + 1, depth.get(id(parent), 0))
    for t in model.inputs:
        node = t.node
        if node is not None and node.is_input and id(node.operation) not in op_depth:
            op = node.operation
            assert op is not None
            op_depth[id(op)] = 0
            op_index[id(op)] = -1
            ops[id(op)] = op
            first_node[id(op)] = node
    order = sorted(ops, key=lambda k: (-op_depth[k], op_index[k]))
    return [
        (ops[k], first_node[k])
        for k in order
        if not isinstance(ops[k], TensorOp) or (with_rows and ops[k].row_name is not None)
    ]


def conditional_operations(model: Model) -> set[int]:
    """ids of the operations that lie on only some of the alternatives
    joined inside the model's graph (layers added under a condition)."""
    if model.kind is ModelKind.SEQUENTIAL:
        return set(model.conditional)
    conditional: set[int] = set()
    joins: list[Node] = []
    seen: set[int] = set()
    pending = [t.node for t in model.outputs if t.node is not None]
    while pending:
        node = pending.pop()
        if id(node) in seen or node.is_input:
            continue
        seen.add(id(node))
        if node.is_join:
            joins.append(node)
        pending.extend(t.node for t in node.edges if t.node is not None)
    for join in joins:
        ancestry = [_ancestor_operations(t, model) for t in join.inputs]
        conditional |= set.union(*ancestry) - set.intersection(*ancestry)
    return conditional


def _ancestor_operations(tensor: Tensor, model: Model) -> set[int]:
    input_ids = {id(t) for t in model.inputs}
    found: set[int] = set()
    seen: set[int] = set()
    pending = [tensor]
    while pending:
        t = pending.pop()
        node = t.node
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if not node.is_join:
            found.add(id(node.operation))
        if node.is_input or id(t) in input_ids:
            continue
        pending.extend(node.edges)
    return found


def graph_is_complete(model: Model) -> bool:
    """Whether every path from the outputs reaches the model's inputs through
    nodes the evaluator knows (no unknown producers)."""
    if model.partial_io:
        return False
    input_ids = {id(t) for t in model.inputs}
    seen: set[int] = set()
    stack = list(model.outputs)
    while stack:
        t = stack.pop()
        if id(t) in input_ids or t.constant:
            continue
        if t.node is None:
            return False
        if id(t.node) in seen or t.node.is_input:
            continue
        seen.add(id(t.node))
        stack.extend(t.node.edges)
    return True


def model_operations(model: Model) -> list[Operation]:
    if model.backbone is not None:
        return []
    if model.kind in (ModelKind.SEQUENTIAL, ModelKind.SUBCLASSED):
        return list(model.layers)
    return [op for op, _node in ordered_operations(model)]


def starts_with_merge(model: Model) -> bool:
    """A Keras 1 Sequential whose first layer merges other models
    (``Merge(layers=[...])``): their inputs are its inputs (``model.inputs``)."""
    first = model.layers[0] if model.kind is ModelKind.SEQUENTIAL and model.layers else None
    return isinstance(first, Layer) and bool(first.merged)


def model_inputs(model: Model) -> Optional[tuple[Tensor, ...]]:
    """A model's input tensors; None when not known (an unbuilt Sequential)."""
    if model.kind is not ModelKind.SEQUENTIAL:
        return model.inputs
    if starts_with_merge(model):
        return model.inputs or None
    return (model.input,) if model.input is not None else None


def keras1_sources(entries: Sequence[Any]) -> Optional[tuple[Tensor, ...]]:
    """The inputs of the models a Keras 1 Merge merges, each once, in the
    order first met (Keras 1's ``get_source_inputs``); None when one is not
    known (a layer, an unbuilt model)."""
    found: list[Tensor] = []
    for entry in entries:
        tensors = model_inputs(entry) if isinstance(entry, Model) else None
        if not tensors:
            return None
        found.extend(t for t in tensors if all(t is not f for f in found))
    return tuple(found)


def keras1_merged_operations(model: Model, depth: int = 0) -> Optional[list[Operation]]:
    """The layers a Keras 1 Sequential holds through the Merge it starts with
    (its ``flattened_layers``: those of the merged models, flattened the same
    way); None when one of those models is not known for certain."""
    if not starts_with_merge(model):
        return []
    if depth > MAX_MERGE_NESTING:
        return None
    out: list[Operation] = []
    for entry in model.layers[0].merged:
        if not isinstance(entry, Model):
            out.append(entry)
            continue
        if entry.indeterminate or conditional_operations(entry):
            return None
        inner = keras1_merged_operations(entry, depth + 1)
        if inner is None:
            return None
        out.extend([*inner, *model_operations(entry)])
    return out


#: Merges of merges a Keras 1 Sequential may hold before its weights are unknown.
MAX_MERGE_NESTING = 16


def tracked_layers(op: Operation) -> list[Operation]:
    """``op`` and every layer and model it tracks, recursively, each once:
    what Keras' ``trainable`` setter reaches (keras/src/layers/layer.py sets
    it on ``self._layers`` recursively; tf-keras on ``_flatten_layers()``).
    A built-in wrapper's layer (``TimeDistributed(Dense(3))``) is tracked
    too."""
    found: list[Operation] = []
    seen: set[int] = set()
    pending: list[Any] = [op]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        found.append(current)
        if isinstance(current, Model):
            pending.extend(reversed(model_operations(current)))
        else:
            pending.extend(reversed(current.sublayers))
            pending.extend(reversed(_layer_arguments(current.config.args.values())))
    return found


def _layer_arguments(values: Any, depth: int = 0) -> list[Operation]:
    """The layers and models among a layer's constructor arguments."""
    out: list[Operation] = []
    for value in values:
        if isinstance(value, (Layer, Model)):
            out.append(value)
        elif isinstance(value, tuple) and depth < 4:
            out.extend(_layer_arguments(value, depth + 1))
    return out


def unique_operations(ops: Sequence[Operation]) -> list[Operation]:
    seen: set[int] = set()
    out = []
    for op in ops:
        if id(op) not in seen:
            seen.add(id(op))
            out.append(op)
    return out
