"""The vocabulary every layer entry is written in.

A :class:`LayerSpec` mirrors a Keras layer class: how its constructor binds
arguments, which input ranks it accepts (Keras' ``InputSpec``), its output
shape(s) (``compute_output_shape``) and its parameter counts. Entries receive
a :class:`LayerConfig` of plain Python values, where anything the evaluator
could not work out is :data:`UNKNOWN`; an entry must then answer ``None``
(unknown) instead of guessing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar, Optional, Protocol, TypeVar

from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    CHANNELS_FIRST,
    CHANNELS_LAST,
    NO_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
)
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import (
    KERAS2_OR_3,
    KERAS3,
)

T = TypeVar("T")


class InnerLayer(Protocol):
    """What wrappers (TimeDistributed, Bidirectional) need of the layer they wrap."""

    spec: LayerSpec
    config: LayerConfig


class LayerSpec:
    """One Keras layer class. Subclasses override what differs from the defaults."""

    #: Canonical Keras 3 class name.
    name: ClassVar[str] = ""
    #: Positional parameter names, in Keras 3 order.
    signature: ClassVar[tuple[str, ...]] = ()
    #: InputSpec: exact rank, or bounds on the rank, of each input (incl. batch).
    ndim: ClassVar[Optional[int]] = None
    min_ndim: ClassVar[Optional[int]] = None
    max_ndim: ClassVar[Optional[int]] = None
    #: Merge layers take a list of tensors.
    takes_list: ClassVar[bool] = False
    #: Keras (2 and 3) raises when the layer is called on one tensor rather
    #: than a list of them (Merge.build: "should be called on a list of inputs").
    needs_list_call: ClassVar[bool] = False
    #: Whether ``trainable=False`` given to the constructor freezes all the
    #: layer's weights in Keras' accounting. Layers holding their weights in a
    #: sublayer (a cell, a wrapped layer) freeze only themselves there, so
    #: model.summary() still counts those weights as trainable.
    constructor_freezes_weights: ClassVar[bool] = True
    #: The input shape Keras 1 and 2 give a Sequential that starts with this
    #: layer when it declares none (a Keras 2 Embedding says
    #: ``input_shape=(input_length,)``, ``(None,)`` by default): built there,
    #: where Keras 3 waits for data. None: no such shape.
    keras2_first_input: ClassVar[Shape] = None
    #: The call arguments that carry tensors, in order (``layer(query, value)``
    #: for attention); their tensors, flattened, are the ``inputs`` entries see.
    call_inputs: ClassVar[tuple[str, ...]] = ("inputs",)
    #: The constructor argument naming layers or models the new layer is at
    #: once applied to, merging their outputs (Keras 1's ``Merge(layers=...)``).
    connects: ClassVar[Optional[str]] = None
    #: A Keras 1 layer that Keras 2 and 3 no longer have (Merge).
    keras1_only: ClassVar[bool] = False
    #: Non-tensor call arguments that change the outputs (MultiHeadAttention's
    #: ``return_attention_scores``); a call's values reach the entry's methods
    #: through the config (unknown when the call passes ``**kwargs``).
    call_options: ClassVar[tuple[str, ...]] = ()
    #: The family (module) the entry lives in; set by the registry.
    family: ClassVar[str] = ""
    #: The keywords Keras 3's constructor takes when it takes no base-layer
    #: ``**kwargs`` (Discretization, Pipeline, SpatialDropout: no
    #: ``trainable=``, ``input_shape=``, ...); None: it passes them on.
    keras3_keywords: ClassVar[Optional[frozenset[str]]] = None

    # -- construction ------------------------------------------------------
    def validate(self, cfg: LayerConfig) -> None:
        """Raise ShapeError for arguments Keras rejects at construction."""

    def check_keywords(self, cfg: LayerConfig) -> None:
        """A keyword outside ``keras3_keywords`` is Keras 3's TypeError
        ("__init__() got an unexpected keyword argument")."""
        if self.keras3_keywords is None:
            return
        extra = [key for key in cfg.args if key not in self.keras3_keywords]
        if not extra:
            return
        hint = {
            "input_shape": "start the model with keras.Input(shape=...) instead",
            "trainable": f"set .trainable = False on the {self.name} once created",
        }.get(extra[0])
        cfg.reject(
            KERAS3,
            ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: Keras 3's {self.name} takes no keyword {extra[0]}= (only "
                f"{', '.join(sorted(self.keras3_keywords))})",
                hint,
            ),
        )

    # -- call --------------------------------------------------------------
    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        for shape in inputs:
            if shape is None:
                continue
            self._check_rank(cfg, len(shape), shape)

    def _check_rank(self, cfg: LayerConfig, ndim: int, shape: Shape) -> None:
        expected = None
        if self.ndim is not None and ndim != self.ndim:
            expected = f"ndim={self.ndim}"
        elif self.min_ndim is not None and ndim < self.min_ndim:
            expected = f"min_ndim={self.min_ndim}"
        elif self.max_ndim is not None and ndim > self.max_ndim:
            expected = f"max_ndim={self.max_ndim}"
        if expected:
            raise ShapeError(
                NDIM_MISMATCH,
                f"{cfg.label} expected {expected}, found ndim={ndim}: "
                f"its input has shape {shapes.format_shape(shape)}",
                self.rank_hint(cfg, shape),
            )

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return None

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        """Axes whose size the layer's weights fix once it is built on ``shape``
        (Keras' ``InputSpec(axes=...)`` after ``build``)."""
        return {}

    def run_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        """Axes whose size the weights fix when the layer is run on data (by
        default those its InputSpec pins once built)."""
        return self.built_axes(cfg, shape)

    def check_built(
        self, cfg: LayerConfig, built: Shape, shape: Shape, running: bool = False
    ) -> None:
        """A built layer called again must get the same size on those axes
        (``running``: on data, where the weights meet the input)."""
        if built is None or shape is None or len(built) != len(shape):
            return
        axes = self.run_axes(cfg, built) if running else self.built_axes(cfg, built)
        for axis, size in axes.items():
            if not -len(shape) <= axis < len(shape):
                continue
            if shapes.equal(size, shape[axis]) is False:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label} was built for inputs whose axis {axis} has size "
                    f"{shapes.format_dim(size)} (first input {shapes.format_shape(built)}), "
                    f"but is called here on {shapes.format_shape(shape)}",
                    "a layer object holds one set of weights: create a new layer for "
                    "inputs of another size",
                )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        """The output shape(s); called only with inputs that passed check_ranks."""
        return [inputs[0] if inputs else None]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return NO_PARAMS

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        """The model input shape this layer declares (input_shape=, input_dim=,
        batch_input_shape=, ...), when it is the first layer of a Sequential."""
        return declared_input_shape(cfg)

    #: Whether Keras can ask the layer for its output shape without tracing
    #: its call (``compute_output_shape``): cells and Pipeline cannot, so
    #: TimeDistributed fails on them.
    has_compute_output_shape: ClassVar[bool] = True

    #: A wrapper that may wrap a whole model (TimeDistributed): the constructor
    #: argument holding it. The evaluator runs that model on ``step_inputs``
    #: and hands what it gives to ``outputs_from_steps``; the model's weights
    #: are the wrapper's (its own are none).
    model_argument: ClassVar[Optional[str]] = None

    def step_inputs(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Optional[list[Shape]]:
        """The inputs the wrapped model is called on (None: unknown)."""
        return None

    def outputs_from_steps(
        self, cfg: LayerConfig, inputs: Sequence[Shape], step_outputs: Sequence[Shape]
    ) -> list[Shape]:
        """The wrapper's outputs from the wrapped model's."""
        return [None]

    def traced_output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        """The output shapes of the layer's ``call`` where Keras traces it
        (inside a Pipeline); where that differs from ``compute_output_shape``
        (``output_shapes``), an entry says so here."""
        return self.output_shapes(cfg, inputs)

    def check_traced_call(self, cfg: LayerConfig) -> None:
        """What the layer's ``call`` raises on its arguments. Keras runs it only
        where a call is traced (inside a Pipeline): a model builds the layer
        on ``compute_output_shape`` alone."""

    #: Whether the layer holds a ``kernel`` (or ``embeddings``) weight, the one
    #: SpectralNormalization normalizes (it raises on a layer without one).
    has_kernel: ClassVar[bool] = False

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        """The size of the last axis of that weight built on ``inputs``."""
        return None


class SpatialLayerSpec(LayerSpec):
    """A layer over ``rank`` spatial axes: input (batch, *spatial, channels),
    or (batch, channels, *spatial) with channels_first."""

    rank: ClassVar[int] = 2

    @property
    def ndim(self) -> int:  # type: ignore[override]
        return self.rank + 2


#: The activation names Keras 3 resolves (keras/src/activations: ALL_OBJECTS,
#: plus the aliases swish and hard_swish). Keras does not lower-case them.
ACTIVATION_NAMES = frozenset(
    {
        "relu",
        "leaky_relu",
        "relu6",
        "softmax",
        "celu",
        "elu",
        "selu",
        "softplus",
        "softsign",
        "squareplus",
        "soft_shrink",
        "sparse_plus",
        "silu",
        "gelu",
        "glu",
        "tanh",
        "tanh_shrink",
        "threshold",
        "sigmoid",
        "sparse_sigmoid",
        "exponential",
        "hard_sigmoid",
        "hard_silu",
        "hard_tanh",
        "hard_shrink",
        "linear",
        "mish",
        "log_softmax",
        "log_sigmoid",
        "sparsemax",
        "swish",
        "hard_swish",
    }
)


def check_activation_names(cfg: LayerConfig) -> None:
    """An activation given by a name Keras cannot resolve fails in the
    constructor (Keras 2's names are a subset of Keras 3's; Keras 1's are not
    checked)."""
    for key in ("activation", "recurrent_activation"):
        value = cfg.args.get(key)
        if isinstance(value, str) and value not in ACTIVATION_NAMES:
            cfg.reject(
                KERAS2_OR_3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key}={value!r} is not an activation Keras knows",
                    "use one of keras.activations' names (e.g. 'relu', 'softmax', "
                    "'sigmoid'); Keras does not change their case",
                ),
            )


def declared_input_shape(cfg: LayerConfig) -> Shape:
    batch = cfg.get("batch_input_shape", cfg.get("batch_shape"))
    if isinstance(batch, (tuple, list)):
        return tuple(_as_dim(d) for d in batch)
    shape = cfg.get("input_shape")
    if shape is None:
        dim = cfg.get("input_dim")
        if dim is not None and dim is not UNKNOWN:
            shape = (dim,)
    # A bare number is not a shape (Keras rejects it), and a function parameter
    # bound to a symbol may be a tuple at run time: either way, unknown.
    if not isinstance(shape, (tuple, list)):
        return None
    batch_size = cfg.get("batch_size")
    lead: Dim = batch_size if is_int(batch_size) else None
    if batch_size is not None and lead is None:
        # A batch size given but not known is not Keras' None (any batch):
        # a symbol keeps checks that depend on a None batch quiet.
        lead = batch_size if isinstance(batch_size, Sym) else Sym.named("batch_size")
    return (lead, *(_as_dim(d) for d in shape))


def _as_dim(v: Any) -> Dim:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Sym)):
        return v
    return None


def feature_axis(shape: Shape, data_format: Optional[str]) -> Optional[int]:
    """Index of the channel axis of an image-like tensor, or None if unknown."""
    if shape is None or data_format is None:
        return None
    return len(shape) - 1 if data_format == CHANNELS_LAST else 1


def keras2_int(value: float) -> Optional[int]:
    """``int(value)``: how Keras 2 reads a float Dense ``units`` or Conv
    ``filters``; None where int() raises (inf, NaN)."""
    return int(value) if math.isfinite(value) else None


def check_float_size(cfg: LayerConfig, key: str, keras2_least: int) -> None:
    """A float size (Dense ``units``, Conv ``filters``): Keras 3 rejects it,
    Keras 2 builds with ``int(value)`` when that is at least ``keras2_least``."""
    value = cfg.get(key)
    truncated = keras2_int(value)
    keras2_builds = truncated is not None and truncated >= keras2_least
    hint = None
    if value.is_integer() and truncated is not None and truncated > 0:
        hint = f"write {cfg.class_name}({truncated}) or use // for integer division"
    cfg.reject(
        KERAS3 if keras2_builds else KERAS2_OR_3,
        ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: {key} must be an int, got {value!r} (Keras 3 rejects a float"
            + (f"; Keras 2 truncates it to {truncated})" if keras2_builds else ")"),
            hint,
        ),
    )


def check_tuple_length(cfg: LayerConfig, key: str, n: int) -> None:
    """Keras' ``standardize_tuple``: an int-or-tuple argument (kernel_size,
    strides, pool_size, ...) given as a tuple or list needs one entry per
    spatial axis, else the constructor raises."""
    v = cfg.get(key)
    if isinstance(v, (tuple, list)) and len(v) != n:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: {key} must be an integer or a tuple of {n} integers, got {v!r}",
        )


def as_dims(v: Any) -> Optional[tuple[Dim, ...]]:
    """A tuple argument of sizes (e.g. Reshape's target_shape) as dims; None
    for anything else (a bare number is not a shape; a symbol may be a tuple)."""
    if not isinstance(v, (tuple, list)):
        return None
    return tuple(_as_dim(d) for d in v)


def check_data_format(cfg: LayerConfig) -> None:
    """Keras' ``standardize_data_format``: a ``data_format`` other than
    channels_first/channels_last (any case) is rejected by the constructor."""
    v = cfg.get("data_format")
    if isinstance(v, str) and v.lower() not in (CHANNELS_LAST, CHANNELS_FIRST):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: data_format must be 'channels_last' or 'channels_first', got {v!r}",
        )
