"""Merge layers, after keras/src/layers/merging/ (base_merge.py, concatenate.py,
dot.py, subtract.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.base import LayerSpec
from shapelint.codes import INCOMPATIBLE_INPUT, INCOMPATIBLE_MERGE, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import LayerConfig, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int

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
    "merge": "Merge",  # Keras 1
}


def _maybe_unknown_list(inputs: Sequence[Shape]) -> bool:
    """One input of unknown shape may stand for a list the evaluator could not
    see into: its length (what Subtract and Dot check) is then unknown."""
    return len(inputs) == 1 and inputs[0] is None


def _format_all(inputs: Sequence[Shape]) -> str:
    return ", ".join(shapes.format_shape(s) for s in inputs)


class Merge(LayerSpec):
    """Element-wise merges (``Merge.build``/``compute_output_shape``): the
    batch sizes must agree, and the other axes are aligned from the right,
    where each pair must match or one of them be 1 (broadcast)."""

    takes_list = True
    needs_list_call = True

    def check_inputs(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        """What a subclass' ``build`` checks after the shapes."""

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        if len(inputs) < 1:
            raise ShapeError(INCOMPATIBLE_MERGE, f"{cfg.label} needs a list of at least one input")
        batch_sizes = {s[0] for s in inputs if s} - {None}
        if len(batch_sizes) > 1:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label} cannot merge tensors with different batch sizes: "
                f"{_format_all(inputs)}",
            )
        out: Optional[tuple[Dim, ...]] = None if inputs[0] is None else tuple(inputs[0][1:])
        for shape in inputs[1:]:
            out = self._elementwise(cfg, out, None if shape is None else tuple(shape[1:]), inputs)
        self.check_inputs(cfg, inputs)
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
                    INCOMPATIBLE_MERGE,
                    f"{cfg.label} needs inputs of the same shape (or broadcastable: "
                    f"trailing axes equal or 1), got {_format_all(inputs)}",
                    "project the inputs to the same size first (e.g. a Dense or a 1x1 Conv), "
                    "or use Concatenate to stack them",
                )
            else:
                out.append(i if i == j else None)
        return tuple(out)


class Add(Merge):
    name = "Add"


class Subtract(Merge):
    """Exactly two inputs (checked after the shapes, as ``Subtract.build``)."""

    name = "Subtract"

    def check_inputs(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        if len(inputs) != 2 and not _maybe_unknown_list(inputs):
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label} should be called on exactly 2 inputs, got {len(inputs)}: "
                f"{_format_all(inputs)}",
                "Subtract computes inputs[0] - inputs[1]; pass a list of two tensors",
            )


class Multiply(Merge):
    name = "Multiply"


class Average(Merge):
    name = "Average"


class Maximum(Merge):
    name = "Maximum"


class Minimum(Merge):
    name = "Minimum"


class Concatenate(LayerSpec):
    """``Concatenate.build``: after removing the concatenation axis the
    shapes must agree wherever both sizes are known (batch axis included).
    An axis out of range fails with an IndexError unless the shapes already
    differ."""

    name = "Concatenate"
    signature = ("axis",)
    takes_list = True
    needs_list_call = True

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        axis = cfg.int("axis", -1)
        if not inputs:
            raise ShapeError(INCOMPATIBLE_MERGE, f"{cfg.label} needs a list of at least one input")
        if axis is None or any(s is None for s in inputs):
            return [None]
        known: list[tuple[Dim, ...]] = [tuple(s) for s in inputs if s is not None]
        if axis < 0 and any(len(s) < -axis for s in known):
            raise self._out_of_range(cfg, axis, inputs)
        reduced = [_drop_axis(s, axis) for s in known]
        if len({len(s) for s in reduced}) > 1:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label} needs inputs of the same rank, got {_format_all(inputs)}",
            )
        for position in range(len(reduced[0])):
            dims = [s[position] for s in reduced if s[position] is not None]
            if any(shapes.equal(dims[0], d) is False for d in dims[1:]):
                raise ShapeError(
                    INCOMPATIBLE_MERGE,
                    f"{cfg.label} needs inputs that match on every axis except the "
                    f"concatenation axis {axis}, got {_format_all(inputs)}",
                    "resize or pool the inputs to matching sizes, or concatenate along "
                    "another axis",
                )
        rank = len(known[0])
        if not -rank <= axis < rank:
            raise self._out_of_range(cfg, axis, inputs)
        out = list(known[0])
        total: Dim = out[axis]
        for s in known[1:]:
            total = shapes.add(total, s[axis])
        out[axis] = total
        return [tuple(out)]

    def _out_of_range(self, cfg: LayerConfig, axis: int, inputs: Sequence[Shape]) -> ShapeError:
        return ShapeError(
            INCOMPATIBLE_INPUT,
            f"{cfg.label}: axis={axis} is out of range for its inputs {_format_all(inputs)}",
            "concatenate along an axis the inputs have (-1 is the last)",
        )


def _drop_axis(shape: tuple[Dim, ...], axis: int) -> tuple[Dim, ...]:
    """``del shape[axis]`` when ``len(shape) > axis``, as Concatenate.build does."""
    if len(shape) <= axis:
        return shape
    index = axis if axis >= 0 else len(shape) + axis
    return shape[:index] + shape[index + 1 :]


class Dot(LayerSpec):
    """``Dot``: the two sizes along ``axes`` must agree; the output joins what
    is left of both shapes (the second without its batch axis)."""

    name = "Dot"
    signature = ("axes", "normalize")
    takes_list = True
    needs_list_call = True

    def validate(self, cfg: LayerConfig) -> None:
        axes = cfg.get("axes", -1)
        if not isinstance(axes, (tuple, list)):
            return
        if len(axes) != 2:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: axes must be an integer or a pair of integers, got {axes!r}",
            )
        if any(a is not UNKNOWN and not isinstance(a, int) for a in axes):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: the elements of axes must be integers, got {axes!r}",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        if _maybe_unknown_list(inputs):
            return [None]
        if len(inputs) != 2:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label} should be called on a list of 2 inputs, got {len(inputs)}: "
                f"{_format_all(inputs)}",
            )
        shape1, shape2 = inputs
        axes = _dot_axes(cfg.get("axes", -1), shape1, shape2)
        if shape1 is None or shape2 is None or axes is None:
            return [None]
        for shape, axis in ((shape1, axes[0]), (shape2, axes[1])):
            if not -len(shape) <= axis < len(shape):
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label}: axis {axis} is out of range for its input "
                    f"{shapes.format_shape(shape)}",
                )
        a, b = shape1[axes[0]], shape2[axes[1]]
        if shapes.equal(a, b) is False:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label}: incompatible input shapes: axis values {shapes.format_dim(a)} "
                f"(at axis {axes[0]}) != {shapes.format_dim(b)} (at axis {axes[1]}); "
                f"inputs {_format_all(inputs)}",
                "the two axes multiplied together must have the same size",
            )
        first, second = list(shape1), list(shape2)
        first.pop(axes[0])
        second.pop(axes[1])
        if not second:
            return [None]
        second.pop(0)
        out = first + second
        if len(out) == 1:
            out.append(1)
        return [tuple(out)]


def _dot_axes(axes: Any, shape1: Shape, shape2: Shape) -> Optional[tuple[int, int]]:
    if is_int(axes):
        if axes >= 0:
            return axes, axes
        if not shape1 or not shape2:  # unknown, or rank 0 (Input(batch_shape=()))
            return None
        return axes % len(shape1), axes % len(shape2)
    if isinstance(axes, (tuple, list)) and len(axes) == 2 and all(isinstance(a, int) for a in axes):
        return int(axes[0]), int(axes[1])
    return None


class Keras1Merge(LayerSpec):
    """Keras 1's ``Merge(layers, mode=..., concat_axis=-1, dot_axes=-1)`` (a
    layer of keras/engine/topology.py, gone in Keras 2) and its functional form
    ``merge(inputs, mode=...)``: no weights. Created with ``layers=`` it merges
    their outputs at once (the evaluator connects it); a Sequential that starts
    with it has their inputs. Output shapes only where the rule is certain:
    'sum', 'mul', 'ave', 'max' keep the (equal) shape, 'concat' adds the sizes
    along concat_axis, 'dot' with non-negative dot_axes drops the two axes (and
    the second batch axis); 'cos', a callable mode or anything unclear gives an
    unknown shape. Mismatches are not reported (no Keras 1 here to check them)."""

    name = "Merge"
    signature = ("layers", "mode", "concat_axis", "dot_axes")
    takes_list = True
    connects = "layers"
    keras1_only = True

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        mode = cfg.get("mode", "sum")
        if not inputs or any(s is None for s in inputs) or not isinstance(mode, str):
            return [None]
        known = [tuple(s) for s in inputs if s is not None]
        if len({len(s) for s in known}) != 1:
            return [None]
        if mode in ("sum", "mul", "ave", "max"):
            return [_join_all(known)]
        if mode == "concat":
            return [self._concat(cfg, known)]
        if mode == "dot" and len(known) == 2:
            return [self._dot(cfg, known[0], known[1])]
        return [None]

    def _concat(self, cfg: LayerConfig, known: list[tuple[Dim, ...]]) -> Shape:
        axis = cfg.int("concat_axis", -1)
        rank = len(known[0])
        if axis is None or not -rank <= axis < rank:
            return None
        axis %= rank
        rest = _join_all([_drop_axis(s, axis) for s in known])
        if rest is None:
            return None
        total: Dim = 0
        for s in known:
            total = shapes.add(total, s[axis])
        return (*rest[:axis], total, *rest[axis:])

    def _dot(self, cfg: LayerConfig, first: tuple[Dim, ...], second: tuple[Dim, ...]) -> Shape:
        axes = cfg.get("dot_axes", -1)
        if is_int(axes):
            axes = (axes, axes)
        if not isinstance(axes, (tuple, list)) or len(axes) != 2:
            return None
        a, b = axes
        if not all(is_int(x) for x in (a, b)):
            return None
        if not (0 < a < len(first) and 0 < b < len(second)):
            return None
        out = [*first[:a], *first[a + 1 :], *(d for i, d in enumerate(second) if i not in (0, b))]
        return tuple(out) if len(out) > 1 else (*out, 1)


def _join_all(known: Sequence[tuple[Dim, ...]]) -> Shape:
    out: Shape = known[0]
    for s in known[1:]:
        out = shapes.join_shapes(out, s)
    return out


SPECS = (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot, Keras1Merge)
