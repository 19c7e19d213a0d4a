"""Convolution layers: Conv{1,2,3}D, Conv{1,2,3}DTranspose,
DepthwiseConv{1,2}D, SeparableConv{1,2}D."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from difftest.program import (
    Call,
    Ctx,
    Shape,
    channel_axis,
    conv_length,
    divisors,
    int_or_tuple,
    place,
    spatial_axes,
)
from difftest.recipes import Recipe
from difftest.recipes.core import maybe_activation

CONV_SIGNATURE = (
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


def transpose_length(
    n: int, kernel: int, stride: int, dilation: int, padding: str, output_padding: Optional[int]
) -> int:
    """keras/src/backend/common/backend_utils.py _get_output_shape_given_tf_padding."""
    kernel = (kernel - 1) * dilation + 1
    if padding == "valid":
        extra = max(kernel, stride) - kernel if output_padding is None else output_padding
        return (n - 1) * stride + kernel + extra
    if output_padding is None:
        return n * stride
    return (n - 1) * stride + kernel % 2 + output_padding


class Conv(Recipe):
    family = "convolutional"
    signature = CONV_SIGNATURE
    rank: ClassVar[int] = 2
    #: "conv" | "transpose" | "depthwise" | "separable"
    kind: ClassVar[str] = "conv"
    fixes_features = True
    weight = 1.5

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def _keyword_only(self) -> tuple[str, ...]:
        # `Conv2D(8, 3, 2)` under a standalone `keras` import is read by
        # shapelint with the Keras 1/2 signature (kernel (3, 2)), as its
        # README documents; strides are written as a keyword instead.
        return ("strides",) if self.rank > 1 and self.kind == "conv" else ()

    def _spatial(self, ctx: Ctx, shape: Shape, params: dict) -> tuple[str, list[int], int]:
        fmt = ctx.format_arg(params)
        dims = [shape[a] for a in spatial_axes(shape, fmt)]
        channels = shape[channel_axis(shape, fmt)]
        assert all(isinstance(d, int) for d in dims) and isinstance(channels, int)
        return fmt, dims, channels  # type: ignore[return-value]

    def _head(self, ctx: Ctx, params: dict[str, Any], filters: int) -> None:
        """The leading arguments: filters (not for depthwise)."""
        if self.kind != "depthwise":
            params["filters"] = filters

    def _paddings(self) -> list[str]:
        return ["valid", "same"] + (["causal"] if self.rank == 1 and self.kind == "conv" else [])

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        filters = ctx.pick((1, 2, 4, 6, 8, 12, 16))
        self._head(ctx, params, filters)
        fmt, dims, channels = self._spatial(ctx, shape, params)
        padding = ctx.pick(self._paddings()) if ctx.chance(0.6) else "valid"
        dilated = ctx.chance(0.15)
        strides = [1] * self.rank
        dilation = [1] * self.rank
        kernel = []
        for i, n in enumerate(dims):
            d = ctx.pick((2, 3)) if dilated else 1
            most = n if padding == "valid" and self.kind != "transpose" else 5
            k_max = max(1, min(5, (most - 1) // d + 1))
            kernel.append(ctx.randint(1, k_max))
            dilation[i] = d
        both = self.kind == "depthwise" and dilated and ctx.chance(0.3)
        if (not dilated or both) and ctx.chance(0.35):
            strides = [ctx.pick((1, 2, 2, 3)) for _ in dims]
            if ctx.chance(0.6):
                strides = [strides[0]] * self.rank
        output_padding = None
        if self.kind == "transpose" and max(strides) > 1 and ctx.chance(0.3):
            output_padding = [ctx.randint(0, s - 1) for s in strides]
        if self.kind == "transpose":
            out_dims = [
                transpose_length(n, k, s, d, padding, None if output_padding is None else p)
                for n, k, s, d, p in zip(dims, kernel, strides, dilation, output_padding or dims)
            ]
        else:
            out_dims = [
                conv_length(n, k, s, d, padding)
                for n, k, s, d in zip(dims, kernel, strides, dilation)
            ]
        if any(o <= 0 for o in out_dims):
            return None
        params["kernel_size"] = int_or_tuple(ctx, kernel)
        if strides != [1] * self.rank or ctx.chance(0.1):
            params["strides"] = int_or_tuple(ctx, strides)
        if padding != "valid" or ctx.chance(0.2):
            params["padding"] = padding.upper() if ctx.chance(0.1) else padding
        if output_padding is not None:
            params["output_padding"] = int_or_tuple(ctx, output_padding)
        if dilated:
            params["dilation_rate"] = int_or_tuple(ctx, dilation)
        out_channels = filters
        if self.kind in ("depthwise", "separable"):
            multiplier = ctx.pick((1, 1, 2, 3))
            if multiplier != 1 or ctx.chance(0.2):
                params["depth_multiplier"] = multiplier
            if self.kind == "depthwise":
                out_channels = channels * multiplier
        if self.kind == "conv" and ctx.chance(0.15):
            common = [g for g in divisors(channels) if filters % g == 0 and g > 1]
            if common:
                params["groups"] = ctx.pick(common)
        maybe_activation(ctx, params, 0.3)
        if ctx.chance(0.15):
            params["use_bias"] = False
        tags = ("depthwise-strides-and-dilation",) if both and max(strides) > 1 else ()
        return Call(
            self.layer,
            _ordered(params, self.signature),
            [place(shape, out_dims, out_channels, fmt)],
            tags=tags,
            keyword_only=self._keyword_only(),
        )

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        self._head(ctx, params, ctx.pick((4, 8)))
        _, dims, channels = self._spatial(ctx, shape, params)
        kernel = [min(2, n) for n in dims]
        kinds = ["padding", "tuple-length", "zero"]
        if self.kind != "transpose":
            kinds += ["kernel-too-large", "kernel-too-large", "kernel-too-large"]
        if self.kind != "depthwise":
            kinds += ["strides-and-dilation", "filters"]
        else:
            kinds += ["depth-multiplier"]
        if self.kind == "conv":
            kinds += ["groups-filters", "groups-channels"]
        if self.kind == "transpose":
            kinds += ["output-padding"]
        kind = ctx.pick(kinds)
        expect = "SL202"
        params["kernel_size"] = int_or_tuple(ctx, kernel)
        if kind == "kernel-too-large":
            axis = ctx.randint(0, self.rank - 1)
            kernel[axis] = dims[axis] + ctx.randint(1, 3)
            params["kernel_size"] = int_or_tuple(ctx, kernel)
            if ctx.chance(0.3):
                params["padding"] = "valid"
            expect = "SL103"
        elif kind == "padding":
            causal_ok = self.rank == 1 and self.kind == "conv"
            params["padding"] = ctx.pick(("full", "Valid!") if causal_ok else ("causal", "full"))
        elif kind == "tuple-length":
            length = self.rank + 1 if self.rank == 1 else self.rank + ctx.pick((-1, 1))
            params["kernel_size"] = (3,) * length
        elif kind == "strides-and-dilation":
            params["strides"] = 2
            params["dilation_rate"] = 2
        elif kind == "filters":
            params["filters"] = ctx.pick((0, -4))
        elif kind == "depth-multiplier":
            params["depth_multiplier"] = ctx.pick((0, -1))
        elif kind == "groups-filters":
            params["filters"] = 5
            params["groups"] = ctx.pick((2, 3))
        elif kind == "groups-channels":
            bad = [g for g in range(2, 9) if channels % g]
            if not bad:
                return None
            groups = ctx.pick(bad)
            params["filters"] = groups * ctx.pick((1, 2))
            params["groups"] = groups
            expect = "SL107"
        elif kind == "output-padding":
            stride = ctx.pick((1, 2))
            params["strides"] = stride
            params["output_padding"] = stride + ctx.pick((0, 1))
        else:
            key = ctx.pick(("kernel_size", "strides"))
            params[key] = 0 if ctx.chance(0.5) else tuple([0] * self.rank)
        return Call(
            self.layer,
            _ordered(params, self.signature),
            None,
            expect,
            tags=(f"conv-{kind}",),
            keyword_only=self._keyword_only(),
        )


def _ordered(params: dict[str, Any], signature: tuple[str, ...]) -> dict[str, Any]:
    out = {k: params[k] for k in signature if k in params}
    out.update({k: v for k, v in params.items() if k not in out})
    return out


TRANSPOSE_SIGNATURE = (
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


def _conv(name: str, rank: int, kind: str, signature: tuple[str, ...], **extra: Any) -> type[Conv]:
    return type(
        name, (Conv,), {"layer": name, "rank": rank, "kind": kind, "signature": signature, **extra}
    )


RECIPES = (
    _conv("Conv1D", 1, "conv", CONV_SIGNATURE, aliases=("Convolution1D",), weight=2.0),
    _conv("Conv2D", 2, "conv", CONV_SIGNATURE, aliases=("Convolution2D",), weight=2.0),
    _conv("Conv3D", 3, "conv", CONV_SIGNATURE, aliases=("Convolution3D",)),
    _conv(
        "Conv1DTranspose", 1, "transpose", TRANSPOSE_SIGNATURE, aliases=("Convolution1DTranspose",)
    ),
    _conv(
        "Conv2DTranspose", 2, "transpose", TRANSPOSE_SIGNATURE, aliases=("Convolution2DTranspose",)
    ),
    _conv(
        "Conv3DTranspose",
        3,
        "transpose",
        (
            "filters",
            "kernel_size",
            "strides",
            "padding",
            "data_format",
            "output_padding",
            "dilation_rate",
            "activation",
            "use_bias",
        ),
        aliases=("Convolution3DTranspose",),
    ),
    _conv(
        "DepthwiseConv1D",
        1,
        "depthwise",
        (
            "kernel_size",
            "strides",
            "padding",
            "depth_multiplier",
            "data_format",
            "dilation_rate",
            "activation",
            "use_bias",
        ),
    ),
    _conv(
        "DepthwiseConv2D",
        2,
        "depthwise",
        (
            "kernel_size",
            "strides",
            "padding",
            "depth_multiplier",
            "data_format",
            "dilation_rate",
            "activation",
            "use_bias",
        ),
    ),
    *(
        _conv(
            f"SeparableConv{r}D",
            r,
            "separable",
            (
                "filters",
                "kernel_size",
                "strides",
                "padding",
                "data_format",
                "dilation_rate",
                "depth_multiplier",
                "activation",
                "use_bias",
            ),
            aliases=(f"SeparableConvolution{r}D",),
        )
        for r in (1, 2)
    ),
)
