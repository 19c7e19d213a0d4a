"""Attention layers, after keras/src/layers/attention/ (attention.py,
additive_attention.py, multi_head_attention.py). Their symbolic outputs come
from compute_output_spec, which checks little: Keras builds them on feature
sizes that could never be multiplied, so only what it rejects is reported."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.base import LayerSpec, as_dims
from shapelint.catalogue.core import EinsumDense
from shapelint.codes import INCOMPATIBLE_INPUT, INCOMPATIBLE_MERGE, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
    add_params,
)
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import KERAS3, KerasVersion


class Attention(LayerSpec):
    """Dot-product attention, called on [query, value] or [query, value, key]:
    output (*query[:-1], value[-1]); with return_attention_scores=True also
    the scores (*query[:-1], key[-2]). Weights: a scalar scale (use_scale) and
    a scalar concat_score_weight (score_mode='concat')."""

    name = "Attention"
    signature = ("use_scale", "score_mode", "dropout", "seed")
    takes_list = True
    needs_list_call = True
    call_options = ("return_attention_scores",)
    default_scale = False

    def validate(self, cfg: LayerConfig) -> None:
        mode = cfg.get("score_mode", "dot")
        if isinstance(mode, str) and mode not in ("dot", "concat"):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: score_mode must be 'dot' or 'concat', got {mode!r}",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        scores = cfg.bool("return_attention_scores", False)
        if scores is None or len(inputs) not in (2, 3):
            # Not [query, value(, key)]: Keras raises, but shapelint cannot
            # tell a list of one tensor from the tensor itself.
            return [None]
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) == 3 else value
        output = None if query is None or value is None or not value else (*query[:-1], value[-1])
        if not scores:
            return [output]
        if query is None or key is None or len(key) < 2:
            return [output, None]
        return [output, (*query[:-1], key[-2])]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        use_scale = cfg.bool("use_scale", self.default_scale)
        mode = cfg.get("score_mode", "dot")
        if use_scale is None or mode not in ("dot", "concat"):
            return UNKNOWN_PARAMS
        return Params(int(use_scale) + int(mode == "concat"))


class AdditiveAttention(Attention):
    """Additive attention: with use_scale (the default) a scale vector of the
    query's feature size."""

    name = "AdditiveAttention"
    signature = ("use_scale", "dropout")
    default_scale = True

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        use_scale = cfg.bool("use_scale", True)
        query = inputs[0] if inputs else None
        if use_scale is None:
            return UNKNOWN_PARAMS
        if not use_scale:
            return Params(0)
        dim = query[-1] if query else None
        return Params(dim if isinstance(dim, int) else None)


class MultiHeadAttention(LayerSpec):
    """``mha(query, value, key=None)``: the output has the query's shape (its
    last axis replaced by output_shape); with return_attention_scores=True
    also the scores, which Keras' compute_output_spec gives as (batch,
    num_heads, query[1], query[1]). Weights: query, key and value projections
    (features, num_heads, key_dim|value_dim) with biases (num_heads, dim), an
    optional gate like the value projection but on the query, and the output
    projection (num_heads, value_dim, *output_shape) with a bias of
    output_shape (the query's feature size by default)."""

    name = "MultiHeadAttention"
    constructor_freezes_weights = False
    signature = (
        "num_heads",
        "key_dim",
        "value_dim",
        "dropout",
        "use_bias",
        "output_shape",
        "attention_axes",
        "sliding_window",
        "flash_attention",
    )
    call_inputs = ("query", "value", "key")
    call_options = ("return_attention_scores",)

    def validate(self, cfg: LayerConfig) -> None:
        for key, optional in (("num_heads", False), ("key_dim", False), ("value_dim", True)):
            v = cfg.get(key)
            if v is UNKNOWN or isinstance(v, Sym) or (optional and v is None):
                continue
            if not isinstance(v, int) or v <= 0:
                error = ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key} must be a positive integer"
                    f"{' or None' if optional else ''}, got {v!r}",
                )
                if not isinstance(v, int) or v < 0 or key == "key_dim":
                    raise error  # Keras 2 fails too (it divides by key_dim)
                # Keras 2 builds with 0 heads, and reads value_dim=0 as None
                cfg.reject(KERAS3, error)
        axes = cfg.get("attention_axes")
        if axes is not UNKNOWN and axes and not isinstance(axes, (int, tuple, list, Sym)):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: attention_axes must be an int, list or tuple, got {axes!r}",
            )
        window = cfg.get("sliding_window")
        if window is not None and window is not UNKNOWN and not isinstance(window, Sym):
            if not isinstance(window, int) or window <= 0:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: sliding_window must be None or a positive integer, "
                    f"got {window!r}",
                )

    def _output_shape(self, cfg: LayerConfig) -> Optional[tuple[Dim, ...]]:
        """output_shape as a tuple of dims; () when not given; None if unknown."""
        v = cfg.get("output_shape")
        if v is UNKNOWN:
            return None
        if not v:  # None, 0, (): the query's feature size
            return ()
        if isinstance(v, Sym):
            return None
        dims = as_dims(v) if isinstance(v, (tuple, list)) else as_dims((v,))
        return dims

    def _inputs(self, inputs: Sequence[Shape]) -> Optional[tuple[Shape, Shape, Shape]]:
        if len(inputs) not in (2, 3):
            return None  # Keras needs query and value
        value = inputs[1]
        return inputs[0], value, inputs[2] if len(inputs) == 3 else value

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        found = self._inputs(inputs)
        scores = cfg.bool("return_attention_scores", False)
        if found is None or scores is None:
            return [None]
        query, value, key = found
        self._check_value_key(cfg, value, key)
        self._check_axes(cfg, value)
        out_shape = self._output_shape(cfg)
        if query is None or out_shape is None:
            output: Shape = None
        else:
            output = (*query[:-1], *out_shape) if out_shape else query
        if not scores:
            return [output]
        return cfg.per_version(lambda version: [output, self._scores(cfg, query, key, version)])

    def _scores(self, cfg: LayerConfig, query: Shape, key: Shape, version: KerasVersion) -> Shape:
        """The attention scores' shape: Keras 3's compute_output_shape says
        (batch, heads, query[1], query[1]); Keras 2's is the real one, the
        einsum's (query's other axes with the heads, then the attended axes
        of query and key)."""
        heads = cfg.dim("num_heads")
        if query is None or len(query) < 2:
            return None
        if version is KerasVersion.KERAS3:
            return (query[0], heads, query[1], query[1])
        if key is None or len(key) != len(query):
            return None
        rank = len(query) + 1  # the projections' (batch, ..., heads, dim)
        axes: Any = cfg.get("attention_axes")
        if axes is None:
            axes = tuple(range(1, rank - 2))
        elif is_int(axes):
            axes = (axes,)
        if not isinstance(axes, (tuple, list)) or not all(
            is_int(a) and 0 < a < rank - 2 for a in axes
        ):
            return None
        projected = (*query[:-1], heads)
        others = [projected[i] for i in range(rank - 1) if i not in axes]
        return (*others, *(query[a] for a in axes), *(key[a] for a in axes))

    def _check_value_key(self, cfg: LayerConfig, value: Shape, key: Shape) -> None:
        """Keras compares value_shape[1:-1] with key_shape[1:-1] exactly."""
        if value is None or key is None:
            return
        differ = len(value) != len(key) or any(
            shapes.equal(a, b) is False for a, b in zip(value[1:-1], key[1:-1])
        )
        if differ:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label}: value {shapes.format_shape(value)} and key "
                f"{shapes.format_shape(key)} must have equal dimensions except the last one",
                "the key is read along the value: give both the same batch and sequence axes",
            )

    def _check_axes(self, cfg: LayerConfig, value: Shape) -> None:
        """attention_axes index the projected value (rank len(value) + 1); an
        axis outside it makes Keras' build fail (numpy IndexError)."""
        axes: Any = cfg.get("attention_axes")
        if value is None or axes is UNKNOWN or not axes:
            return
        if is_int(axes):
            axes = (axes,)
        if not isinstance(axes, (tuple, list)):
            return
        rank = len(value) + 1
        for axis in axes:
            if not isinstance(axis, int) or isinstance(axis, bool):
                continue
            index = axis if axis >= 0 else rank - 1 + axis
            if not -rank <= index < rank:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label}: attention_axes={cfg.get('attention_axes')!r} is out of range: "
                    f"the projected value (value {shapes.format_shape(value)} with a heads "
                    f"axis) has {rank} axes",
                    "attention_axes count the input's axes, batch first; the default attends "
                    "over every axis between the batch and the features",
                )

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        found = self._inputs(inputs)
        heads = cfg.int("num_heads")
        key_dim = cfg.int("key_dim")
        value_dim = key_dim if cfg.get("value_dim") in (None, 0) else cfg.int("value_dim")
        use_bias = cfg.bool("use_bias", True)
        use_gate = cfg.bool("use_gate", False)
        out_shape = self._output_shape(cfg)
        if (
            found is None
            or None in found
            or heads is None
            or key_dim is None
            or value_dim is None
            or use_bias is None
            or use_gate is None
            or out_shape is None
            or not all(found)  # a rank-0 input (Input(batch_shape=())) has no features
        ):
            return UNKNOWN_PARAMS
        query, value, key = found
        assert query is not None and value is not None and key is not None
        q, v, k = query[-1], value[-1], key[-1]
        out = shapes.product(out_shape) if out_shape else q
        if not all(isinstance(d, int) for d in (q, v, k, out)):
            return UNKNOWN_PARAMS
        assert isinstance(q, int) and isinstance(v, int) and isinstance(k, int)
        assert isinstance(out, int)
        bias = 1 if use_bias else 0
        total = (q + bias) * heads * key_dim  # query projection
        total += (k + bias) * heads * key_dim  # key projection
        total += (v + bias) * heads * value_dim  # value projection
        if use_gate:
            total += (q + bias) * heads * value_dim
        total += heads * value_dim * out + bias * out  # output projection
        return Params(total)


class GroupedQueryAttention(LayerSpec):
    """keras/src/layers/attention/grouped_query_attention.py (exported as
    ``keras.layers.GroupQueryAttention``): ``gqa(query, value, key=None)``
    gives the query's shape (its compute_output_shape needs the query's and
    the value's feature sizes equal, and the value and key equal but for
    their last axis); with return_attention_scores=True also the scores
    (batch, num_query_heads, query[1], key[1]). Weights: EinsumDense
    projections, built as its ``build`` builds them: query "bqm,muh->bquh"
    (and the gate, use_gate=True), key and value "bkm,mvh->bkvh", output
    "bquh,uhm->bqm"."""

    name = "GroupedQueryAttention"
    # Its weights live in the EinsumDense sublayers its build makes, which
    # trainable=False given to the constructor does not freeze.
    constructor_freezes_weights = False
    signature = (
        "head_dim",
        "num_query_heads",
        "num_key_value_heads",
        "dropout",
        "use_bias",
        "sliding_window",
        "flash_attention",
    )
    call_inputs = ("query", "value", "key")
    call_options = ("return_attention_scores",)

    def validate(self, cfg: LayerConfig) -> None:
        queries, key_values = cfg.int("num_query_heads"), cfg.int("num_key_value_heads")
        if queries is not None and key_values and queries % key_values:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: num_query_heads ({queries}) must be divisible by "
                f"num_key_value_heads ({key_values})",
            )
        window = cfg.get("sliding_window")
        if window is not None and window is not UNKNOWN and not isinstance(window, Sym):
            if not isinstance(window, int) or isinstance(window, bool) or window <= 0:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: sliding_window must be None or a positive integer, "
                    f"got {window!r}",
                )
        dropout = cfg.get("dropout", 0.0)
        if cfg.get("flash_attention") is True and isinstance(dropout, (int, float)) and dropout > 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: dropout ({dropout}) is not supported with flash_attention=True",
                "set dropout=0.0 to use flash attention",
            )

    def _inputs(self, inputs: Sequence[Shape]) -> Optional[tuple[Shape, Shape, Shape]]:
        if len(inputs) not in (2, 3):
            return None
        value = inputs[1]
        return inputs[0], value, inputs[2] if len(inputs) == 3 else value

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        found = self._inputs(inputs)
        scores = cfg.bool("return_attention_scores", False)
        if found is None or scores is None:
            return [None]
        query, value, key = found
        self._projections(cfg, found)  # what build raises comes first
        if query is not None and value is not None and query and value:
            if shapes.equal(query[-1], value[-1]) is False:
                raise ShapeError(
                    INCOMPATIBLE_MERGE,
                    f"{cfg.label}: the query {shapes.format_shape(query)} and the value "
                    f"{shapes.format_shape(value)} must have the same last dimension",
                    "project the value (or the query) to the same feature size first",
                )
        if value is not None and key is not None:
            differ = len(value) != len(key) or any(
                shapes.equal(a, b) is False for a, b in zip(value[1:-1], key[1:-1])
            )
            if differ:
                raise ShapeError(
                    INCOMPATIBLE_MERGE,
                    f"{cfg.label}: value {shapes.format_shape(value)} and key "
                    f"{shapes.format_shape(key)} must have equal dimensions except the last one",
                    "the key is read along the value: give both the same batch and sequence axes",
                )
        if not scores:
            return [query]
        if query is None or key is None or len(query) < 2 or len(key) < 2:
            return [query, None]
        return [query, (query[0], cfg.dim("num_query_heads"), query[1], key[1])]

    def _projections(
        self, cfg: LayerConfig, found: tuple[Shape, Shape, Shape]
    ) -> list[tuple[str, str, Any, Shape]]:
        """(equation, bias axes, output_shape, input shape) of each EinsumDense
        its build makes; raises what building them raises."""
        query, value, key = found
        heads, kv_heads = cfg.dim("num_query_heads"), cfg.dim("num_key_value_heads")
        head_dim = cfg.dim("head_dim")
        use_bias = cfg.bool("use_bias", True)
        use_gate = cfg.bool("use_gate", False)
        feature = query[-1] if query else None
        made = [
            ("bqm,muh->bquh", "uh", (None, heads, head_dim), query),
            ("bkm,mvh->bkvh", "vh", (None, kv_heads, head_dim), key),
        ]
        if use_gate:
            made.append(("bqm,muh->bquh", "uh", (None, heads, head_dim), query))
        made.append(("bkm,mvh->bkvh", "vh", (None, kv_heads, head_dim), value))
        made.append(("bquh,uhm->bqm", "m", (None, feature), (None, None, heads, head_dim)))
        projections = []
        for equation, bias_axes, output_shape, shape in made:
            bias = (bias_axes if use_bias else None) if use_bias is not None else UNKNOWN
            projections.append((equation, bias, output_shape, shape))
            if shape is not None:
                self._einsum(cfg, equation, bias, output_shape).output_shapes(shape)
        if use_gate is None:
            return []
        return projections

    def _einsum(self, cfg: LayerConfig, equation: str, bias: Any, output_shape: Any) -> _Projection:
        return _Projection(cfg, equation, bias, output_shape)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        found = self._inputs(inputs)
        if found is None:
            return UNKNOWN_PARAMS
        try:
            projections = self._projections(cfg, found)
        except ShapeError:
            return UNKNOWN_PARAMS
        if not projections:
            return UNKNOWN_PARAMS
        return add_params(
            [
                self._einsum(cfg, equation, bias, output_shape).params(shape)
                for equation, bias, output_shape, shape in projections
            ]
        )


class _Projection:
    """One EinsumDense a layer's ``build`` makes (named after the layer)."""

    def __init__(self, cfg: LayerConfig, equation: str, bias: Any, output_shape: Any):
        self.config = LayerConfig(
            "EinsumDense",
            {"equation": equation, "bias_axes": bias, "output_shape": output_shape},
            name=cfg.name,
            versions=cfg.versions,
        )

    def output_shapes(self, shape: Shape) -> list[Shape]:
        return EinsumDense().output_shapes(self.config, [shape])

    def params(self, shape: Shape) -> Params:
        return EinsumDense().params(self.config, [shape])


SPECS: tuple[type[LayerSpec], ...] = (
    Attention,
    AdditiveAttention,
    MultiHeadAttention,
    GroupedQueryAttention,
)
