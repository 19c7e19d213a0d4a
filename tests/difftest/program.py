"""What the generator produces, and its own small model of Keras shapes.

The generator's shape model only guides its choices (which layer fits next,
how large a kernel may be); it is never the oracle. When it is wrong the
program is simply different from what was intended, and the comparison
between Keras and shapelint is just as valid.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, TypeVar

Shape = tuple[Optional[int], ...]
T = TypeVar("T")

CHANNELS_LAST = "channels_last"
CHANNELS_FIRST = "channels_first"


@dataclass(frozen=True)
class Code:
    """An argument written as source text (a lambda, an expression)."""

    text: str


@dataclass
class Call:
    """One layer constructor call, before it is spelled.

    ``params`` are the constructor arguments in the recipe's signature order
    first (the renderer may pass a leading run of them positionally), then
    keyword-only ones. ``out`` is the generator's prediction of the output
    shape(s), None when the call is meant to fail (``expect`` is then the
    shapelint code aimed for).
    """

    layer: str
    params: dict[str, Any]
    out: Optional[list[Shape]]
    expect: Optional[str] = None
    #: Constructs used, matched by KNOWN_DISAGREEMENTS and counted by the bench.
    tags: tuple[str, ...] = ()
    #: Never pass these parameters positionally (e.g. a legacy reading would differ).
    keyword_only: tuple[str, ...] = ()
    #: The kind of its output: "float", or "int" (lookups in "int" mode).
    out_kind: str = "float"

    @property
    def broken(self) -> bool:
        return self.out is None


@dataclass(frozen=True, eq=False)
class Nested:
    """A layer object written as an argument (a wrapper's layer, an RNN's cell)."""

    call: Call
    aliases: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()


@dataclass
class Ctx:
    """Random choices and the facts of the program being generated."""

    rng: random.Random
    #: The image data format in force (set_image_data_format, else channels_last).
    data_format: str = CHANNELS_LAST
    #: Functional style: layers may return several tensors (return_state).
    functional: bool = False

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Sequence[T]) -> T:
        return seq[self.rng.randrange(len(seq))]

    def randint(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)

    def format_arg(self, params: dict[str, Any]) -> str:
        """Maybe set ``data_format`` explicitly; return the format in effect."""
        if self.chance(0.2):
            fmt = self.pick((CHANNELS_LAST, CHANNELS_FIRST))
            params["data_format"] = fmt
            return fmt
        return self.data_format


@dataclass
class Line:
    """One line of a program body, with what the runner needs to know of it."""

    text: str
    #: The Keras class created or called on this line, if any.
    layer: Optional[str] = None
    #: The shapelint code the generator aims for on this line.
    expect: Optional[str] = None
    tags: tuple[str, ...] = ()


@dataclass
class Program:
    seed: int
    index: int
    style: str  # "sequential-add" | "sequential-list" | "functional"
    spelling: str
    text: str
    #: Line number (1-based) -> Keras class created or called there.
    layer_lines: dict[int, str] = field(default_factory=dict)
    #: (line, code) the generator meant to break, if any.
    intended_error: Optional[tuple[int, str]] = None
    tags: frozenset[str] = frozenset()
    #: Tags per line (for KNOWN_DISAGREEMENTS, which are about one layer).
    line_tags: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"seed={self.seed} index={self.index} ({self.style}, {self.spelling})"

    def numbered(self) -> str:
        return "\n".join(f"{i:3d}  {line}" for i, line in enumerate(self.text.splitlines(), 1))


# -- the generator's shape model ---------------------------------------------------------


def conv_length(n: int, kernel: int, stride: int, dilation: int, padding: str) -> int:
    """Output length along one axis (keras/src/ops/operation_utils.py)."""
    if padding in ("same", "causal"):
        return (n - 1) // stride + 1
    return (n - dilation * (kernel - 1) - 1) // stride + 1


def spatial_axes(shape: Shape, data_format: str) -> list[int]:
    if data_format == CHANNELS_LAST:
        return list(range(1, len(shape) - 1))
    return list(range(2, len(shape)))


def channel_axis(shape: Shape, data_format: str) -> int:
    return len(shape) - 1 if data_format == CHANNELS_LAST else 1


def place(
    shape: Shape, spatial: Sequence[Optional[int]], channels: Optional[int], fmt: str
) -> Shape:
    if fmt == CHANNELS_LAST:
        return (shape[0], *spatial, channels)
    return (shape[0], channels, *spatial)


def size(shape: Shape) -> Optional[int]:
    """Elements per sample (batch axis excluded)."""
    dims = shape[1:]
    if any(d is None for d in dims):
        return None
    return math.prod(d for d in dims if d is not None)


def divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def int_or_tuple(ctx: Ctx, values: Sequence[int]) -> Any:
    """An int when all values are equal (sometimes), else a tuple (or a list)."""
    if len(set(values)) == 1 and ctx.chance(0.6):
        return values[0]
    if ctx.chance(0.15):
        return list(values)
    return tuple(values)
