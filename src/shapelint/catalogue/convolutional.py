"""Convolution layers, after keras/src/layers/convolutional/ (base_conv.py,
base_conv_transpose.py, base_separable_conv.py, base_depthwise_conv.py) and
keras/src/ops/operation_utils.py / backend/common/backend_utils.py for the
output lengths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Optional

from shapelint.catalogue.base import (
    SpatialLayerSpec,
    check_data_format,
    check_float_size,
    check_tuple_length,
    feature_axis,
)
from shapelint.catalogue.windows import place_spatial, slide, spatial_axes
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    CHANNELS_LAST,
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
)
from shapelint.domain.shapes import Dim, Shape
from shapelint.versions import EVERY, KERAS1, KERAS2, KERAS3, KerasVersion, Versions


class Conv(SpatialLayerSpec):
    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
    )

    def validate(self, cfg: LayerConfig) -> None:
        check_filters(cfg)
        filters = cfg.int("filters")
        groups = cfg.int("groups", 1)
        if groups is not None and groups < 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: groups must be positive, got {groups}"
            )
        if groups == 0:  # tf-keras 2.21 builds as if groups were 1
            cfg.reject(
                KERAS3,
                ShapeError(INVALID_LAYER_ARGUMENT, f"{cfg.label}: groups must be positive, got 0"),
            )
        if filters is not None and groups and filters % groups:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: filters={filters} is not divisible by groups={groups}",
            )
        check_window_args(cfg, self.rank, ("kernel_size", "strides", "dilation_rate"))
        check_padding(cfg, causal_in=EVERY if self.rank == 1 else frozenset())
        check_data_format(cfg)
        check_strides_dilation(cfg, self.rank)

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        """Keras 1 and 3 take exactly rank + 2 axes; tf.keras 2's InputSpec is a
        minimum (it convolves the last rank + 1 axes of a longer input)."""
        for shape in inputs:
            if shape is None or len(shape) <= self.ndim:
                super().check_ranks(cfg, [shape])
                continue
            try:
                super().check_ranks(cfg, [shape])
            except ShapeError as e:
                cfg.reject(KERAS1 | KERAS3, e)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None or len(shape) != self.ndim:
            return [None]
        self._check_groups(cfg, shape, data_format)
        spatial = slide(
            cfg,
            shape,
            cfg.ints("kernel_size", self.rank),
            cfg.ints("strides", self.rank, 1),
            cfg.ints("dilation_rate", self.rank, 1),
            cfg.str("padding", "valid"),
            data_format,
            "kernel",
        )
        if spatial is None:
            return [None]
        return [place_spatial(shape, spatial, cfg.dim("filters"), data_format)]

    def _check_groups(self, cfg: LayerConfig, shape: Shape, data_format: str) -> None:
        axis = feature_axis(shape, data_format)
        channels = shape[axis] if shape is not None and axis is not None else None
        groups = cfg.int("groups", 1)
        if isinstance(channels, int) and groups and channels % groups:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{cfg.label}: its input {shapes.format_shape(shape)} has {channels} channels, "
                f"not divisible by groups={groups}",
            )

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = feature_axis(shape, cfg.data_format_arg())
        return {} if shape is None or axis is None else {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        axis = feature_axis(shape, cfg.data_format_arg())
        if shape is None or axis is None:
            return UNKNOWN_PARAMS
        kernel = cfg.ints("kernel_size", self.rank)
        groups = cfg.int("groups", 1)
        use_bias = cfg.bool("use_bias", True)
        if kernel is None or None in kernel or groups is None or use_bias is None:
            return UNKNOWN_PARAMS
        channels = shape[axis]
        filters = cfg.dim("filters")
        weights = shapes.mul(shapes.product([*kernel, shapes.floordiv(channels, groups)]), filters)
        total = shapes.add(weights, filters if use_bias else 0)
        return Params(total if isinstance(total, int) else None)

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        return cfg.dim("filters")

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return conv_rank_hint(self, cfg, shape)


def check_filters(cfg: LayerConfig, key: str = "filters", zero_in_keras2: bool = False) -> None:
    """A positive integer; ``zero_in_keras2``: Keras 2 builds with 0 (an empty
    output). A float ``filters`` is truncated by Keras 2, rejected by Keras 3."""
    filters = cfg.int(key)
    if filters is not None and filters <= 0:
        error = ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: {key} must be a strictly positive integer, got {filters}",
        )
        if filters < 0 or not zero_in_keras2:
            raise error
        cfg.reject(KERAS3, error)
    if key == "filters" and isinstance(cfg.get(key), float):
        check_float_size(cfg, key, keras2_least=1)


def check_window_args(
    cfg: LayerConfig, rank: int, keys: Sequence[str], allow_zero: Sequence[str] = ()
) -> None:
    """Keras' ``standardize_tuple``: one entry per spatial axis, each > 0 (>= 0
    for the keys in ``allow_zero``)."""
    for key in keys:
        check_tuple_length(cfg, key, rank)
        values = cfg.ints(key, rank, 1)
        low = 0 if key in allow_zero else 1
        if values and any(v is not None and v < low for v in values):
            need = "non-negative" if low == 0 else "positive"
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: {key} must be {need}, got {cfg.get(key)!r}"
            )


def check_padding(cfg: LayerConfig, causal_in: Versions = frozenset()) -> None:
    """'valid' or 'same', and 'causal' in the Keras versions ``causal_in``."""
    padding = cfg.str("padding", "valid")
    if padding is None or padding in ("valid", "same"):
        return
    allowed = ("valid", "same", "causal") if cfg.versions <= causal_in else ("valid", "same")
    error = ShapeError(
        INVALID_LAYER_ARGUMENT,
        f"{cfg.label}: padding must be one of {', '.join(map(repr, allowed))}, got {padding!r}",
        "padding='causal' exists only for Conv1D" if padding == "causal" else None,
    )
    if padding != "causal":
        raise error
    cfg.reject(EVERY - causal_in, error)


def check_strides_dilation(cfg: LayerConfig, rank: int) -> None:
    strides = cfg.ints("strides", rank, 1)
    dilation = cfg.ints("dilation_rate", rank, 1)
    if (
        strides
        and dilation
        and max((s or 1) for s in strides) > 1
        and max((d or 1) for d in dilation) > 1
    ):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: strides > 1 cannot be combined with dilation_rate > 1 "
            f"(strides={cfg.get('strides')!r}, dilation_rate={cfg.get('dilation_rate')!r})",
        )


def conv_rank_hint(spec: SpatialLayerSpec, cfg: LayerConfig, shape: Shape) -> Optional[str]:
    if shape is not None and len(shape) == spec.rank + 1:
        channel_pos = "last" if cfg.data_format_arg() == CHANNELS_LAST else "first"
        return (
            f"{spec.name} needs a channel axis: give the input shape with the channels "
            f"{channel_pos} (e.g. (28, 28, 1) for grayscale images)"
        )
    if shape is not None and len(shape) == spec.rank + 3:
        return f"to apply {spec.name} to every step of a sequence, wrap it in TimeDistributed"
    return None


def input_channels(cfg: LayerConfig, shape: Shape) -> Dim:
    axis = feature_axis(shape, cfg.data_format_arg())
    return None if shape is None or axis is None else shape[axis]


def conv_spatial(cfg: LayerConfig, rank: int, shape: Shape) -> Optional[list[Dim]]:
    """The spatial output lengths of a (separable, depthwise) convolution over
    ``shape`` (compute_conv_output_shape); SL103 when one becomes <= 0."""
    return slide(
        cfg,
        shape,
        cfg.ints("kernel_size", rank),
        cfg.ints("strides", rank, 1),
        cfg.ints("dilation_rate", rank, 1),
        cfg.str("padding", "valid"),
        cfg.data_format_arg(),
        "kernel",
    )


class Conv1D(Conv):
    name = "Conv1D"
    rank = 1


class Conv2D(Conv):
    name = "Conv2D"
    rank = 2


class Conv3D(Conv):
    name = "Conv3D"
    rank = 3


class ConvTranspose(SpatialLayerSpec):
    """Conv1DTranspose/Conv2DTranspose/Conv3DTranspose. Output lengths after
    backend_utils.compute_conv_transpose_output_shape (never <= 0, so no SL103);
    the kernel is (*kernel_size, filters, channels)."""

    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "output_padding",
        "data_format",
        "dilation_rate",
        "activation",
        "use_bias",
    )

    def validate(self, cfg: LayerConfig) -> None:
        check_window_args(cfg, self.rank, ("kernel_size", "strides", "dilation_rate"))
        check_padding(cfg)
        if cfg.get("output_padding") is not None:
            check_window_args(cfg, self.rank, ("output_padding",), allow_zero=("output_padding",))
        check_data_format(cfg)
        check_filters(cfg)
        output_padding = self._output_padding(cfg)
        strides = cfg.ints("strides", self.rank, 1)
        if output_padding and strides:
            for i, (op, s) in enumerate(zip(output_padding, strides)):
                if op is not None and s is not None and op >= s:
                    raise ShapeError(
                        INVALID_LAYER_ARGUMENT,
                        f"{cfg.label}: output_padding must be strictly less than strides on "
                        f"every axis; on axis {i} output_padding is {op} and strides is {s}",
                        "use an output_padding below the stride, or leave it None",
                    )
        check_strides_dilation(cfg, self.rank)

    def _output_padding(self, cfg: LayerConfig) -> Optional[tuple[Optional[int], ...]]:
        """The output padding per axis: () when None (inferred), None if unknown."""
        v = cfg.get("output_padding")
        if v is None:
            return ()
        return cfg.ints("output_padding", self.rank)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        axes = spatial_axes(shape, data_format)
        output_padding = self._output_padding(cfg)
        if (
            shape is None
            or data_format is None
            or axes is None
            or output_padding is None
            # Keras 1 Deconvolution2D: other arguments
            or KerasVersion.KERAS1 in cfg.versions
        ):
            return [None]
        kernel = cfg.ints("kernel_size", self.rank)
        strides = cfg.ints("strides", self.rank, 1)
        dilation = cfg.ints("dilation_rate", self.rank, 1)
        padding = cfg.str("padding", "valid")
        spatial: list[Dim] = []
        for i, axis in enumerate(axes):
            spatial.append(
                transpose_length(
                    shape[axis],
                    kernel[i] if kernel else None,
                    strides[i] if strides else None,
                    dilation[i] if dilation else None,
                    padding,
                    output_padding[i] if output_padding else None,
                    inferred=not output_padding,
                )
            )
        return [place_spatial(shape, spatial, cfg.dim("filters"), data_format)]

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = feature_axis(shape, cfg.data_format_arg())
        return {} if shape is None or axis is None else {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        channels = input_channels(cfg, shape)
        kernel = cfg.ints("kernel_size", self.rank)
        use_bias = cfg.bool("use_bias", True)
        filters = cfg.int("filters")
        if (
            not isinstance(channels, int)
            or kernel is None
            or None in kernel
            or use_bias is None
            or filters is None
            or KerasVersion.KERAS1 in cfg.versions
        ):
            return UNKNOWN_PARAMS
        total = shapes.add(shapes.product([*kernel, filters, channels]), filters if use_bias else 0)
        return Params(total if isinstance(total, int) else None)

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        """A transposed kernel is (*kernel_size, filters, input channels)."""
        return input_channels(cfg, inputs[0] if inputs else None)

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return conv_rank_hint(self, cfg, shape)


def transpose_length(
    n: Dim,
    kernel: Optional[int],
    stride: Optional[int],
    dilation: Optional[int],
    padding: Optional[str],
    output_padding: Optional[int],
    inferred: bool,
) -> Dim:
    """One output length of a transposed convolution (_get_output_shape_given_tf_padding):

    valid: (n - 1) * stride + k + output_padding, output_padding inferred as max(k, stride) - k
    same:  n * stride when inferred, else (n - 1) * stride + k % 2 + output_padding
    with k the dilated kernel (kernel - 1) * dilation + 1.
    """
    if n is None or kernel is None or stride is None or dilation is None:
        return None
    if not inferred and output_padding is None:
        return None
    k = (kernel - 1) * dilation + 1
    if padding == "valid":
        pad = max(k, stride) - k if inferred else output_padding
        return shapes.add(shapes.mul(shapes.sub(n, 1), stride), k + pad)
    if padding == "same":
        if inferred:
            return shapes.mul(n, stride)
        return shapes.add(shapes.mul(shapes.sub(n, 1), stride), k % 2 + output_padding)
    return None


class Conv1DTranspose(ConvTranspose):
    name = "Conv1DTranspose"
    rank = 1


class Conv2DTranspose(ConvTranspose):
    name = "Conv2DTranspose"
    rank = 2


class Conv3DTranspose(ConvTranspose):
    name = "Conv3DTranspose"
    rank = 3
    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "output_padding",
        "dilation_rate",
        "activation",
        "use_bias",
    )


class DepthwiseLike(SpatialLayerSpec):
    """What separable and depthwise convolutions share: a depthwise kernel
    (*kernel_size, channels, depth_multiplier), strides and dilation together
    allowed, no causal padding."""

    #: The Keras versions that accept padding='causal' (SeparableConv1D in Keras 2).
    causal_in: ClassVar[Versions] = frozenset()
    #: Keras 2 builds it with depth_multiplier=0 (DepthwiseConv, not SeparableConv).
    zero_multiplier_in_keras2: ClassVar[bool] = False

    def validate(self, cfg: LayerConfig) -> None:
        check_window_args(cfg, self.rank, ("kernel_size", "strides", "dilation_rate"))
        check_padding(cfg, self.causal_in)
        check_data_format(cfg)
        check_filters(cfg, "depth_multiplier", self.zero_multiplier_in_keras2)

    def output_channels(self, cfg: LayerConfig, channels: Dim) -> Dim:
        raise NotImplementedError

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        spatial = conv_spatial(cfg, self.rank, shape)
        if spatial is None:
            return [None]
        channels = self.output_channels(cfg, input_channels(cfg, shape))
        return [place_spatial(shape, spatial, channels, data_format)]

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = feature_axis(shape, cfg.data_format_arg())
        return {} if shape is None or axis is None else {axis: shape[axis]}

    def depthwise_size(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Optional[int]:
        """Entries of the depthwise kernel: prod(kernel_size) * channels * depth_multiplier."""
        channels = input_channels(cfg, inputs[0] if inputs else None)
        kernel = cfg.ints("kernel_size", self.rank)
        multiplier = cfg.int("depth_multiplier", 1)
        if not isinstance(channels, int) or kernel is None or None in kernel or multiplier is None:
            return None
        total = shapes.product([*kernel, channels, multiplier])
        return total if isinstance(total, int) else None

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return conv_rank_hint(self, cfg, shape)


class SeparableConv(DepthwiseLike):
    """A depthwise convolution, then a 1x1 pointwise kernel
    (channels * depth_multiplier, filters), then a bias of filters."""

    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "depth_multiplier",
        "activation",
        "use_bias",
    )

    def validate(self, cfg: LayerConfig) -> None:
        super().validate(cfg)
        check_filters(cfg)

    def output_channels(self, cfg: LayerConfig, channels: Dim) -> Dim:
        return cfg.dim("filters")

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        depthwise = self.depthwise_size(cfg, inputs)
        channels = input_channels(cfg, inputs[0] if inputs else None)
        multiplier = cfg.int("depth_multiplier", 1)
        filters = cfg.int("filters")
        use_bias = cfg.bool("use_bias", True)
        if (
            depthwise is None
            or not isinstance(channels, int)
            or multiplier is None
            or filters is None
            or use_bias is None
        ):
            return UNKNOWN_PARAMS
        pointwise = channels * multiplier * filters
        return Params(depthwise + pointwise + (filters if use_bias else 0))


class DepthwiseConv(DepthwiseLike):
    """Output channels channels * depth_multiplier; bias of that size."""

    zero_multiplier_in_keras2 = True

    signature = (
        "kernel_size",
        "strides",
        "padding",
        "depth_multiplier",
        "data_format",
        "dilation_rate",
        "activation",
        "use_bias",
    )

    def output_channels(self, cfg: LayerConfig, channels: Dim) -> Dim:
        return shapes.mul(channels, cfg.dim("depth_multiplier", 1))

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        """The depthwise kernel is (*kernel_size, channels, depth_multiplier)."""
        return cfg.dim("depth_multiplier", 1)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        depthwise = self.depthwise_size(cfg, inputs)
        channels = input_channels(cfg, inputs[0] if inputs else None)
        multiplier = cfg.int("depth_multiplier", 1)
        use_bias = cfg.bool("use_bias", True)
        if depthwise is None or not isinstance(channels, int) or multiplier is None:
            return UNKNOWN_PARAMS
        if use_bias is None:
            return UNKNOWN_PARAMS
        return Params(depthwise + (channels * multiplier if use_bias else 0))


class SeparableConv1D(SeparableConv):
    name = "SeparableConv1D"
    rank = 1
    causal_in = KERAS2


class SeparableConv2D(SeparableConv):
    name = "SeparableConv2D"
    rank = 2


class DepthwiseConv1D(DepthwiseConv):
    name = "DepthwiseConv1D"
    rank = 1


class DepthwiseConv2D(DepthwiseConv):
    name = "DepthwiseConv2D"
    rank = 2


#: Layers whose compute_output_shape raises (``Kernel shape must have the same
#: length as input``) on an input of any other rank than rank + 2, even when
#: InputSpec is bypassed (inside TimeDistributed).
KERNEL_RANK_CHECKED = (Conv, SeparableConv, DepthwiseConv)

SPECS = (
    Conv1D,
    Conv2D,
    Conv3D,
    Conv1DTranspose,
    Conv2DTranspose,
    Conv3DTranspose,
    SeparableConv1D,
    SeparableConv2D,
    DepthwiseConv1D,
    DepthwiseConv2D,
)
