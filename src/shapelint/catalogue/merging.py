"""Merge layers, after keras/src/layers/merging/ (base_merge.py, concatenate.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from shapelint import shapes
from shapelint.catalogue.base import LayerConfig, LayerSpec, ShapeError
from shapelint.shapes import Dim, Shape

#: The functional forms (``keras.layers.add([a, b])``) and the class each creates.
FUNCTIONAL_FORMS = {
    "add": "Add",
    "subtract": "Subtract",
    "multiply": "Multiply",
    "average": "Average",
    "maximum": "Maximum",
    "minimum": "Minimum",
    "concatenate": "Concatenate",
    "dot": "Dot",
}


def _format_all(inputs: Sequence[Shape]) -> str:
    return ", ".join(shapes.format_shape(s) for s in inputs)


class Merge(LayerSpec):
    """Element-wise merges: trailing axes must match or be 1 (broadcast)."""

    takes_list = True

    def check_inputs(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        if len(inputs) < 1:
            raise ShapeError("SL104", f"{cfg.label} needs a list of at least one input")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        self.check_inputs(cfg, inputs)
        batch_sizes = {s[0] for s in inputs if s} - {None}
        if len(batch_sizes) > 1:
            raise ShapeError(
                "SL104",
                f"{cfg.label} cannot merge tensors with different batch sizes: "
                f"{_format_all(inputs)}",
            )
        out: Optional[tuple[Dim, ...]] = None if inputs[0] is None else tuple(inputs[0][1:])
        for shape in inputs[1:]:
            out = self._elementwise(cfg, out, None if shape is None else tuple(shape[1:]), inputs)
        if out is None:
            return [None]
        batch = batch_sizes.pop() if len(batch_sizes) == 1 else None
        return [(batch, *out)]

    def _elementwise(
        self,
        cfg: LayerConfig,
        a: Optional[tuple[Dim, ...]],
        b: Optional[tuple[Dim, ...]],
        inputs: Sequence[Shape],
    ) -> Optional[tuple[Dim, ...]]:
        if a is None or b is None:
            return None
        if len(a) < len(b):
            a, b = b, a
        if not b:
            return a
        out = list(a[: len(a) - len(b)])
        for i, j in zip(a[len(a) - len(b) :], b):
            if i is None or j is None:
                out.append(None)
            elif i == 1:
                out.append(j)
            elif j == 1:
                out.append(i)
            elif shapes.equal(i, j) is False:
                raise ShapeError(
                    "SL104",
                    f"{cfg.label} needs inputs of the same shape (or broadcastable), "
                    f"got {_format_all(inputs)}",
                    "project the inputs to the same size first (e.g. a Dense or a 1x1 Conv), "
                    "or use Concatenate to stack them",
                )
            else:
                out.append(i if i == j else None)
        return tuple(out)


class Add(Merge):
    name = "Add"


class Concatenate(LayerSpec):
    name = "Concatenate"
    signature = ("axis",)
    takes_list = True

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        axis = cfg.int("axis", -1)
        if not inputs:
            raise ShapeError("SL104", f"{cfg.label} needs a list of at least one input")
        if axis is None or any(s is None for s in inputs):
            return [None]
        known: list[tuple[Dim, ...]] = [tuple(s) for s in inputs if s is not None]
        ranks = {len(s) for s in known}
        if len(ranks) > 1:
            raise ShapeError(
                "SL104",
                f"{cfg.label} needs inputs of the same rank, got {_format_all(inputs)}",
            )
        rank = ranks.pop()
        if not -rank <= axis < rank:
            raise ShapeError(
                "SL104",
                f"{cfg.label}: axis={axis} is out of range for inputs of rank {rank} "
                f"({_format_all(inputs)})",
            )
        concat_axis = axis % rank
        for position in range(rank):
            if position == concat_axis:
                continue
            dims = [s[position] for s in known if s[position] is not None]
            if any(shapes.equal(dims[0], d) is False for d in dims[1:]):
                raise ShapeError(
                    "SL104",
                    f"{cfg.label} needs inputs that match on every axis except the "
                    f"concatenation axis {axis}, got {_format_all(inputs)}",
                    "resize or pool the inputs to matching sizes, or concatenate along "
                    "another axis",
                )
        out = list(known[0])
        total: Dim = out[concat_axis]
        for s in known[1:]:
            total = shapes.add(total, s[concat_axis])
        out[concat_axis] = total
        return [tuple(out)]


SPECS = (Add, Concatenate)
