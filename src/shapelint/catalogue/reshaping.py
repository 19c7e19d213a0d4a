"""Reshaping layers, after keras/src/layers/reshaping/ and
``compute_reshape_output_shape`` in keras/src/ops/operation_utils.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from shapelint.catalogue.base import LayerSpec, as_dims, check_data_format
from shapelint.catalogue.windows import spatial_axes
from shapelint.codes import (
    INCOMPATIBLE_RESHAPE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
    NON_POSITIVE_DIMENSION,
)
from shapelint.domain import shapes
from shapelint.domain.layer_config import CHANNELS_LAST, LayerConfig, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import EVERY, KERAS2_OR_3, KERAS3, Versions


class Flatten(LayerSpec):
    name = "Flatten"
    signature = ("data_format",)
    min_ndim = 1

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        return [(shape[0], shapes.product(shape[1:]))]


class Reshape(LayerSpec):
    name = "Reshape"
    signature = ("target_shape",)

    def validate(self, cfg: LayerConfig) -> None:
        raw = cfg.get("target_shape")
        if is_int(raw):  # Keras runs tuple(target_shape)
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: target_shape must be a tuple, got {raw!r} ('int' object is not "
                "iterable)",
                f"write Reshape(({raw},))",
            )
        target = as_dims(raw)
        if target is None:
            return
        if sum(1 for d in target if d == -1) > 1:
            raise ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{cfg.label}: target shape {_fmt(target)} has more than one -1; "
                "only one dimension can be inferred",
                "give every dimension but one explicitly",
            )
        bad = [d for d in target if isinstance(d, int) and d < -1]
        if bad:
            error = ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{cfg.label}: target shape {_fmt(target)} has a negative dimension {bad[0]}",
            )
            if -1 in target or len(bad) > 1:
                raise error  # Keras 2 too: it infers one negative dimension
            cfg.reject(KERAS3, error)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        target = as_dims(cfg.get("target_shape"))
        if target is None:
            return [None]
        # Keras 2 infers any negative dimension (Keras 3 took only -1 this far).
        target = tuple(-1 if isinstance(d, int) and d < 0 else d for d in target)
        if not shape:  # unknown, or rank 0 (model.build(())): no batch axis to keep
            return [(None, *(None if d == -1 else d for d in target))]
        resolved = _resolve(cfg, shape, target)
        return [(shape[0], *resolved)]


def _resolve(cfg: LayerConfig, shape: tuple[Dim, ...], target: tuple[Dim, ...]) -> tuple[Dim, ...]:
    unknown_out = tuple(None if d == -1 else d for d in target)
    size = shapes.product(shape[1:])
    if size is None or None in target:
        return unknown_out
    if -1 not in target:
        if shapes.equal(size, shapes.product(target)) is False:
            raise ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{cfg.label}: target shape {_fmt(target)} holds "
                f"{shapes.format_dim(shapes.product(target))} elements but its input "
                f"{shapes.format_shape(shape)} holds {shapes.format_dim(size)}",
                _fit_hint(size, shape),
            )
        return target
    known = shapes.product(d for d in target if d != -1)
    if known == 0 or (isinstance(known, int) and isinstance(size, int) and size % known):
        raise ShapeError(
            INCOMPATIBLE_RESHAPE,
            f"{cfg.label}: target shape {_fmt(target)} cannot hold its input "
            f"{shapes.format_shape(shape)}: {shapes.format_dim(size)} elements are not "
            f"divisible by {shapes.format_dim(known)}, so the -1 cannot be inferred",
            _fit_hint(size, shape),
        )
    inferred = shapes.floordiv(size, known)
    return tuple(inferred if d == -1 else d for d in target)


def _fit_hint(size: Dim, shape: Shape) -> Optional[str]:
    if size is None or shape is None:
        return None
    factors = " * ".join(shapes.format_dim(d) for d in shape[1:])
    return (
        f"use a target whose sizes multiply to {shapes.format_dim(size)} "
        f"({factors}), or write -1 for one of them"
    )


def _fmt(target: tuple[Dim, ...]) -> str:
    return shapes.format_shape(target)


class Permute(LayerSpec):
    """``dims`` is a permutation of 1..n (the batch axis stays); the input
    must then have rank n + 1."""

    name = "Permute"
    signature = ("dims",)

    def validate(self, cfg: LayerConfig) -> None:
        dims = cfg.get("dims")
        if not isinstance(dims, (tuple, list)) or not all(is_int(d) for d in dims):
            return
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: dims={tuple(dims)!r} is not a permutation of "
                f"{tuple(range(1, len(dims) + 1))!r}; the indices must be consecutive and "
                "start from 1 (the batch axis 0 is not permuted)",
            )

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        dims = cfg.get("dims")
        if not isinstance(dims, (tuple, list)):
            return
        for shape in inputs:
            if shape is not None and len(shape) != len(dims) + 1:
                raise ShapeError(
                    NDIM_MISMATCH,
                    f"{cfg.label} expected ndim={len(dims) + 1}, found ndim={len(shape)}: "
                    f"its input has shape {shapes.format_shape(shape)}",
                    f"dims={tuple(dims)!r} permutes {len(dims)} axes; give one index per "
                    "non-batch axis of the input",
                )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        dims = cfg.get("dims")
        if shape is None or not isinstance(dims, (tuple, list)):
            return [None]
        return [(shape[0], *(shape[d] if is_int(d) else None for d in dims))]


class RepeatVector(LayerSpec):
    name = "RepeatVector"
    signature = ("n",)
    ndim = 2

    def validate(self, cfg: LayerConfig) -> None:
        n = cfg.int("n")
        if n is not None and n <= 0:  # tf-keras 2.21 builds with n=0 or n=-1
            cfg.reject(
                KERAS3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT, f"{cfg.label}: n must be a positive integer, got {n}"
                ),
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        n = cfg.dim("n")
        return [(shape[0], None if isinstance(n, int) and n < 0 else n, shape[1])]

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return "RepeatVector repeats a 2-D (batch, features) input; Flatten it first"


def standardize_tuple(
    cfg: LayerConfig, value: Any, n: int, name: str, allow_zero: bool
) -> Optional[tuple[int, ...]]:
    """Keras' ``argument_validation.standardize_tuple``: an int or ``n`` ints,
    each >= 0 (``allow_zero``) or > 0; raises SL202 where Keras raises, None
    when a value is not known."""
    error = f"{cfg.label}: the `{name}` argument must be a tuple of {n} integers"
    if value is UNKNOWN:
        return None
    if is_int(value):
        values: tuple[Any, ...] = (value,) * n
    elif isinstance(value, (tuple, list)):
        if len(value) != n:
            raise ShapeError(INVALID_LAYER_ARGUMENT, f"{error}, got {value!r}")
        if any(v is None for v in value):
            raise ShapeError(INVALID_LAYER_ARGUMENT, f"{error}, got {tuple(value)!r}")
        values = tuple(value)
    elif isinstance(value, (float, bool)) or value is None:
        raise ShapeError(INVALID_LAYER_ARGUMENT, f"{error}, got {value!r}")
    else:
        return None
    low = 0 if allow_zero else 1
    bad = [v for v in values if is_int(v) and v < low]
    if bad:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT, f"{error} {'>= 0' if allow_zero else '> 0'}, got {value!r}"
        )
    if not all(is_int(v) for v in values):
        return None
    return values


def _pairs(
    cfg: LayerConfig, key: str, rank: int, default: Any, check_int: bool
) -> Optional[tuple[tuple[int, int], ...]]:
    """Cropping2D/3D and ZeroPadding2D/3D: an int, ``rank`` ints or ``rank``
    pairs. Cropping rejects a negative int (``check_int``); padding does not."""
    value = cfg.get(key, default)
    if value is None:
        value = default
    if value is UNKNOWN:
        return None
    if is_int(value):
        if check_int and value < 0:  # tf-keras 2.21 builds
            error = ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: `{key}` cannot be negative, got {value}"
            )
            cfg.reject(KERAS3, error)
            return None
        return ((value, value),) * rank
    if not isinstance(value, (tuple, list)):
        return None
    if len(value) != rank:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: `{key}` should have {rank} elements (one per spatial axis), "
            f"got {value!r}",
        )
    ordinals = ("1st", "2nd", "3rd")
    out = []
    for i, entry in enumerate(value):
        pair = standardize_tuple(cfg, entry, 2, f"{ordinals[i]} entry of {key}", True)
        if pair is None:
            return None
        out.append((pair[0], pair[1]))
    return tuple(out)


class _SpatialResize(LayerSpec):
    """Cropping, ZeroPadding and UpSampling over ``rank`` spatial axes."""

    rank: ClassVar[int] = 1

    @property
    def ndim(self) -> int:  # type: ignore[override]
        return self.rank + 2

    #: Cropping1D and UpSampling1D have no data_format: always (batch, steps, channels).
    uses_data_format: ClassVar[bool] = True

    def validate(self, cfg: LayerConfig) -> None:
        if self.uses_data_format:
            check_data_format(cfg)
        self.amounts(cfg)

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        """Per spatial axis: (before, after) for crops and pads, (size, 0) for upsampling."""
        raise NotImplementedError

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg() if self.uses_data_format else CHANNELS_LAST
        amounts = self.amounts(cfg)
        axes = spatial_axes(shape, data_format)
        if shape is None or axes is None or len(shape) != self.ndim:
            return [None]
        out = list(shape)
        if amounts is None:
            for axis in axes:
                out[axis] = None
            return [tuple(out)]
        for axis, amount in zip(axes, amounts):
            out[axis] = self.resize(cfg, shape, axis, amount)
        return [tuple(out)]

    def resize(self, cfg: LayerConfig, shape: tuple[Dim, ...], axis: int, amount: Any) -> Dim:
        raise NotImplementedError


class _Cropping(_SpatialResize):
    #: The Keras versions that raise when a crop leaves nothing of an axis
    #: (tf-keras 2.21's Cropping3D builds a 0 or clamped axis).
    too_much_raised_by: ClassVar[Versions] = EVERY

    def resize(self, cfg: LayerConfig, shape: tuple[Dim, ...], axis: int, amount: Any) -> Dim:
        size = shape[axis]
        if size is None:
            return None
        left = shapes.sub(size, amount[0] + amount[1])
        if isinstance(left, int) and left <= 0:
            cfg.reject(self.too_much_raised_by, self._too_much(cfg, shape, axis, amount, left))
            return None
        return left

    def _too_much(
        self, cfg: LayerConfig, shape: tuple[Dim, ...], axis: int, amount: Any, left: int
    ) -> ShapeError:
        return ShapeError(
            NON_POSITIVE_DIMENSION,
            f"{cfg.label}: cropping {amount[0] + amount[1]} "
            f"({amount[0]} + {amount[1]}) from axis {axis} of size "
            f"{shapes.format_dim(shape[axis])} leaves {left}: its input has shape "
            f"{shapes.format_shape(shape)}",
            "crop less than the input size along each axis",
        )

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return _rank_hint(self.name, self.rank)


class _ZeroPadding(_SpatialResize):
    def resize(self, cfg: LayerConfig, shape: tuple[Dim, ...], axis: int, amount: Any) -> Dim:
        size = shapes.add(shape[axis], amount[0] + amount[1])
        if isinstance(size, int) and size < 0:  # Keras accepts negative padding down to 0
            raise ShapeError(
                NON_POSITIVE_DIMENSION,
                f"{cfg.label}: padding {amount[0]} + {amount[1]} on axis {axis} of size "
                f"{shapes.format_dim(shape[axis])} leaves {size}: its input has shape "
                f"{shapes.format_shape(shape)}",
                "a negative padding crops: use Cropping, or a smaller negative padding",
            )
        return size

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return _rank_hint(self.name, self.rank)


class _UpSampling(_SpatialResize):
    def resize(self, cfg: LayerConfig, shape: tuple[Dim, ...], axis: int, amount: Any) -> Dim:
        return shapes.mul(shape[axis], amount[0])

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return _rank_hint(self.name, self.rank)


def _rank_hint(name: str, rank: int) -> str:
    layouts = {
        1: "(batch, steps, channels)",
        2: "(batch, rows, cols, channels)",
        3: "(batch, dim1, dim2, dim3, channels)",
    }
    return f"{name} takes a {rank + 2}-D input {layouts[rank]} (or channels first)"


class Cropping1D(_Cropping):
    name = "Cropping1D"
    signature = ("cropping",)
    rank = 1
    uses_data_format = False

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        crop = standardize_tuple(cfg, _arg(cfg, "cropping", (1, 1)), 2, "cropping", True)
        return None if crop is None else ((crop[0], crop[1]),)


class Cropping2D(_Cropping):
    name = "Cropping2D"
    signature = ("cropping", "data_format")
    rank = 2

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        return _pairs(cfg, "cropping", 2, ((0, 0), (0, 0)), check_int=True)


class Cropping3D(_Cropping):
    name = "Cropping3D"
    signature = ("cropping", "data_format")
    rank = 3
    too_much_raised_by = KERAS3

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        return _pairs(cfg, "cropping", 3, ((1, 1), (1, 1), (1, 1)), check_int=True)


class ZeroPadding1D(_ZeroPadding):
    name = "ZeroPadding1D"
    signature = ("padding", "data_format")
    rank = 1

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        pad = standardize_tuple(cfg, _arg(cfg, "padding", 1), 2, "padding", True)
        return None if pad is None else ((pad[0], pad[1]),)


class ZeroPadding2D(_ZeroPadding):
    name = "ZeroPadding2D"
    signature = ("padding", "data_format")
    rank = 2

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        return _pairs(cfg, "padding", 2, (1, 1), check_int=False)


class ZeroPadding3D(_ZeroPadding):
    name = "ZeroPadding3D"
    signature = ("padding", "data_format")
    rank = 3

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        return _pairs(cfg, "padding", 3, ((1, 1), (1, 1), (1, 1)), check_int=False)


class UpSampling1D(_UpSampling):
    name = "UpSampling1D"
    signature = ("size",)
    rank = 1
    uses_data_format = False

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        size = _arg(cfg, "size", 2)
        if isinstance(size, tuple):  # Keras 2: int(size) fails
            cfg.reject(
                KERAS2_OR_3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: size must be an int, got {size!r}",
                    "write UpSampling1D(2)",
                ),
            )
        if not is_int(size):
            return None
        if size <= 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: size must be a positive integer, got {size}"
            )
        return ((size, 0),)


class UpSampling2D(_UpSampling):
    name = "UpSampling2D"
    signature = ("size", "data_format", "interpolation")
    rank = 2

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        size = standardize_tuple(cfg, _arg(cfg, "size", (2, 2)), 2, "size", False)
        return None if size is None else tuple((s, 0) for s in size)


class UpSampling3D(_UpSampling):
    """tf-keras 2.21 has no InputSpec here: it builds on inputs of rank 4 or 6
    too (with shapes of its own); Keras 3 takes rank 5 only."""

    name = "UpSampling3D"
    signature = ("size", "data_format")
    rank = 3

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        try:
            super().check_ranks(cfg, inputs)
        except ShapeError as e:
            if any(shape is not None and len(shape) < 4 for shape in inputs):
                raise
            cfg.reject(KERAS3, e)

    def amounts(self, cfg: LayerConfig) -> Optional[tuple[tuple[int, int], ...]]:
        size = standardize_tuple(cfg, _arg(cfg, "size", (2, 2, 2)), 3, "size", False)
        return None if size is None else tuple((s, 0) for s in size)


def _arg(cfg: LayerConfig, key: str, default: Any) -> Any:
    value = cfg.get(key, default)
    return default if value is None else value


SPECS = (
    Flatten,
    Reshape,
    Permute,
    RepeatVector,
    Cropping1D,
    Cropping2D,
    Cropping3D,
    ZeroPadding1D,
    ZeroPadding2D,
    ZeroPadding3D,
    UpSampling1D,
    UpSampling2D,
    UpSampling3D,
)
