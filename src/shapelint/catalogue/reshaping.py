"""Reshaping layers, after keras/src/layers/reshaping/ and
``compute_reshape_output_shape`` in keras/src/ops/operation_utils.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from shapelint import shapes
from shapelint.catalogue.base import LayerConfig, LayerSpec, ShapeError, as_dims
from shapelint.shapes import Dim, Shape


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
        target = as_dims(cfg.get("target_shape"))
        if target is None:
            return
        if sum(1 for d in target if d == -1) > 1:
            raise ShapeError(
                "SL101",
                f"{cfg.label}: target shape {_fmt(target)} has more than one -1; "
                "only one dimension can be inferred",
                "give every dimension but one explicitly",
            )
        bad = [d for d in target if isinstance(d, int) and d < -1]
        if bad:
            raise ShapeError(
                "SL101",
                f"{cfg.label}: target shape {_fmt(target)} has a negative dimension {bad[0]}",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        target = as_dims(cfg.get("target_shape"))
        if target is None:
            return [None]
        if shape is None:
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
                "SL101",
                f"{cfg.label}: target shape {_fmt(target)} holds "
                f"{shapes.format_dim(shapes.product(target))} elements but its input "
                f"{shapes.format_shape(shape)} holds {shapes.format_dim(size)}",
                _fit_hint(size, shape),
            )
        return target
    known = shapes.product(d for d in target if d != -1)
    if known == 0 or (isinstance(known, int) and isinstance(size, int) and size % known):
        raise ShapeError(
            "SL101",
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


SPECS = (Flatten, Reshape)
