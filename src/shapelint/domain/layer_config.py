"""What a layer object is, as plain values: its bound constructor arguments
(:class:`LayerConfig`), its weights (:class:`Params`) and what Keras raises
when it builds or calls it (:class:`ShapeError`, with a diagnostic code).

Anything the evaluator could not work out is :data:`~shapelint.domain.values.UNKNOWN`;
an argument not given explicitly under ``*args``/``**kwargs`` of unknown
content is UNKNOWN too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, TypeVar

from shapelint.codes import CodeId
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import (
    KERAS2_OR_3,
    KerasVersion,
    Versions,
    VersionSplit,
    reject_where_raised,
)

T = TypeVar("T")


CHANNELS_LAST = "channels_last"
CHANNELS_FIRST = "channels_first"


class ShapeError(Exception):
    """Keras would raise when building or calling the layer."""

    def __init__(self, code: CodeId, message: str, hint: Optional[str] = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


@dataclass
class LayerConfig:
    """The bound constructor arguments of one layer object, as plain values."""

    class_name: str
    args: dict[str, Any]
    name: str = ""
    #: The image data format in force where the layer was created.
    data_format: str = CHANNELS_LAST
    #: The Keras versions the code may run on (see shapelint.versions).
    versions: Versions = KERAS2_OR_3
    #: The package the class was imported through: "keras", "tensorflow" or
    #: "tf_keras" (a few classes differ under tensorflow.keras).
    module_root: str = "keras"
    #: Set when ``*args``/``**kwargs`` of unknown content were passed: an
    #: argument not given explicitly may then have any value.
    open: bool = False

    @property
    def label(self) -> str:
        return f"{self.class_name} '{self.name}'" if self.name else self.class_name

    def has(self, key: str) -> bool:
        return key in self.args

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.args:
            return self.args[key]
        return UNKNOWN if self.open else default

    def int(self, key: str, default: Any = None) -> Optional[int]:
        """An integer argument, or None when unknown or not an integer."""
        v = self.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int):
            return None
        return v

    def dim(self, key: str, default: Any = None) -> Dim:
        """An integer-or-symbol argument (a size), or None when unknown."""
        v = self.get(key, default)
        if isinstance(v, Sym):
            return v
        return self.int(key, default)

    def bool(self, key: str, default: Optional[bool]) -> Optional[bool]:
        v = self.get(key, default)
        if v is None:
            return default
        return bool(v) if isinstance(v, int) else None

    def str(self, key: str, default: Optional[str]) -> Optional[str]:
        v = self.get(key, default)
        if v is None:
            return default
        return v.lower() if isinstance(v, str) else None

    def ints(self, key: str, n: int, default: Any = None) -> Optional[tuple[Optional[int], ...]]:
        """An int-or-tuple argument normalised to n ints (None entries unknown);
        None when the whole argument is unknown or malformed."""
        v = self.get(key, default)
        if v is None:
            v = default
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            return (v,) * n
        if isinstance(v, (tuple, list)) and len(v) == n:
            return tuple(x if is_int(x) else None for x in v)
        return None

    def reject(self, raised_by: Versions, error: ShapeError) -> None:
        """Keras ``raised_by`` reject the layer with ``error``: raise it when
        every version the code may run on does, VersionSplit (nothing
        reported, the layer's values unknown) when only some do; return when
        none does, and the entry goes on as those versions do."""
        reject_where_raised(self.versions, raised_by, error)

    def agreed(self, by_version: Mapping[KerasVersion, T]) -> Optional[T]:
        """The value every version the code may run on gives (a version
        missing from ``by_version`` gives an unknown one); None when they differ."""
        values = [by_version.get(v) for v in self.versions]
        first = values[0]
        return first if all(v == first for v in values[1:]) else None

    def per_version(self, compute: Callable[[KerasVersion], list[Shape]]) -> list[Shape]:
        """Output shapes that the Keras versions compute differently: each
        version the code may run on computes its own; an axis where they
        differ is unknown, and where only some of them raise, VersionSplit."""
        results: list[list[Shape]] = []
        errors: list[ShapeError] = []
        for version in sorted(self.versions, key=lambda v: v.value):
            try:
                results.append(compute(version))
            except ShapeError as e:
                errors.append(e)
        if errors and not results:
            raise errors[0]
        if errors:
            raise VersionSplit(errors[0].message)
        joined = results[0]
        for other in results[1:]:
            if len(other) != len(joined):
                return [None] * len(joined)
            joined = [shapes.join_shapes(a, b) for a, b in zip(joined, other)]
        return joined

    def with_args(self, extra: dict[str, Any]) -> LayerConfig:
        """This config with more bound values (a call's options, e.g.
        ``return_attention_scores``); the layer's own config is unchanged."""
        return replace(self, args={**self.args, **extra})

    def data_format_arg(self) -> Optional[str]:
        """The layer's data_format: its own argument, else the format in force."""
        v = self.get("data_format")
        if v is None:
            return self.data_format
        if isinstance(v, str) and v.lower() in (CHANNELS_LAST, CHANNELS_FIRST):
            return v.lower()
        return None


@dataclass(frozen=True)
class Params:
    trainable: Optional[int]
    non_trainable: Optional[int] = 0

    @property
    def total(self) -> Optional[int]:
        if self.trainable is None or self.non_trainable is None:
            return None
        return self.trainable + self.non_trainable


NO_PARAMS = Params(0, 0)
UNKNOWN_PARAMS = Params(None, None)


def add_params(parts: Sequence[Params]) -> Params:
    """The sum of weight counts (unknown where one part's is)."""
    trainable: Optional[int] = 0
    frozen: Optional[int] = 0
    for p in parts:
        trainable = None if trainable is None or p.trainable is None else trainable + p.trainable
        frozen = None if frozen is None or p.non_trainable is None else frozen + p.non_trainable
    return Params(trainable, frozen)
