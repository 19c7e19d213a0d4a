"""What a data pipeline gives ``fit``: a stream of elements of a known
structure, the way a ``tf.data.Dataset``'s ``element_spec`` describes it.

An element is a :class:`Spec` (one tensor: its shape, the batch axis first
when the stream is batched, and dtype), a tuple of elements, a
:class:`DictSpec`, or UNKNOWN. A :class:`Stream` is what the data utilities
(Keras' image iterators, ``image_dataset_from_directory``, ``tf.data``,
``keras.utils.Sequence`` subclasses, Python generators) make: its element,
the call that made it, and the options of that call that decide the shapes
(for the fix a finding suggests).

The API models that make and read them are in api/pipelines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Optional

from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import (
    UNKNOWN,
    ClassVal,
    DictVal,
    FunctionVal,
    InstanceVal,
    known_items,
)


@dataclass(frozen=True)
class Spec:
    """One tensor of an element: ``shape`` (None when even the rank is not
    known) and ``dtype`` (None when not known)."""

    shape: Shape
    dtype: Optional[str] = None


@dataclass(frozen=True)
class DictSpec:
    """A dict element (inputs or targets by name), keys in order."""

    items: tuple[tuple[str, Any], ...]


class Family(Enum):
    """Which data utility made a stream (its options are what a fix names)."""

    IMAGE_ITERATOR = "image iterator"  # ImageDataGenerator().flow*
    KERAS_DATASET = "Keras dataset utility"  # keras.utils.*_dataset_from_*
    TF_DATA = "tf.data"
    SEQUENCE = "keras.utils.Sequence"
    GENERATOR = "generator"


@dataclass(frozen=True)
class Source:
    """The call that made a stream: its name as Keras spells it
    (``flow_from_directory``), its syntax node, and the options that decide
    the element's shapes, as given or defaulted (``color_mode``, ...)."""

    family: Family
    name: str
    node: Any = field(compare=False, hash=False)
    options: tuple[tuple[str, Any], ...] = ()

    def option(self, key: str, default: Any = None) -> Any:
        return dict(self.options).get(key, default)


@dataclass(frozen=True)
class Stream:
    """A data pipeline: ``element`` is one item it yields (a batch when
    ``batched``); ``samples`` the number of samples it holds in all when
    known (``predict`` gives one row each), else None."""

    element: Any
    source: Source
    batched: bool = True
    samples: Dim = None
    #: The sizes of the batches Keras sees, when known (a last one smaller).
    batch_sizes: Optional[frozenset[int]] = None
    #: The call that last changed the element (a ``.map``, ``.batch``; None:
    #: the source), for the message.
    last: Any = field(default=None, compare=False, hash=False)

    def derive(self, element: Any, site: Any, **changes: Any) -> Stream:
        """The same pipeline with another element, made by the call ``site``
        (a ``.map``, ``.batch``, ...)."""
        values = {
            "batched": self.batched,
            "samples": self.samples,
            "batch_sizes": self.batch_sizes,
            **changes,
        }
        return Stream(
            element,
            self.source,
            values["batched"],
            values["samples"],
            values["batch_sizes"],
            site,
        )

    @property
    def origin_node(self) -> Any:
        """Where the element got its shapes."""
        return self.last if self.last is not None else self.source.node


def spec_of_array(value: Any) -> Any:
    """The element spec of a value given to a pipeline (an array, a tuple or
    dict of arrays): UNKNOWN where it is not known."""
    if isinstance(value, ArrayVal):
        if value.ragged is not None:
            return Spec(None, value.dtype)
        return Spec(value.shape, value.dtype)
    items = known_items(value)
    if items is not None:
        return tuple(spec_of_array(v) for v in items)
    if isinstance(value, DictVal) and isinstance(value.items, dict):
        if all(isinstance(k, str) for k in value.items):
            return DictSpec(tuple((k, spec_of_array(v)) for k, v in value.items.items()))
    return UNKNOWN


def map_specs(element: Any, fn: Any) -> Any:
    """``fn`` applied to every Spec of an element (UNKNOWN stays UNKNOWN)."""
    if isinstance(element, Spec):
        return fn(element)
    if isinstance(element, tuple):
        return tuple(map_specs(e, fn) for e in element)
    if isinstance(element, DictSpec):
        return DictSpec(tuple((k, map_specs(v, fn)) for k, v in element.items))
    return UNKNOWN


def leaves(element: Any) -> Optional[list[Spec]]:
    """Every Spec of an element, or None if part of it is unknown."""
    if isinstance(element, Spec):
        return [element]
    parts = element if isinstance(element, tuple) else None
    if isinstance(element, DictSpec):
        parts = tuple(v for _, v in element.items)
    if parts is None:
        return None
    out: list[Spec] = []
    for part in parts:
        found = leaves(part)
        if found is None:
            return None
        out.extend(found)
    return out


def join_elements(a: Any, b: Any) -> Any:
    """What two elements have in common (dims that differ become unknown)."""
    if isinstance(a, Spec) and isinstance(b, Spec):
        dtype = a.dtype if a.dtype == b.dtype else None
        if a.shape is None or b.shape is None or len(a.shape) != len(b.shape):
            return Spec(None, dtype)
        return Spec(shapes.join_shapes(a.shape, b.shape), dtype)
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return tuple(join_elements(x, y) for x, y in zip(a, b))
    if isinstance(a, DictSpec) and isinstance(b, DictSpec):
        if [k for k, _ in a.items] == [k for k, _ in b.items]:
            return DictSpec(
                tuple((k, join_elements(v, w)) for (k, v), (_, w) in zip(a.items, b.items))
            )
    return UNKNOWN


def batch_sizes_of(size: Any, count: Dim) -> Optional[frozenset[int]]:
    """The sizes of the batches of ``size`` that ``count`` samples make (the
    last one holds the rest), when both are known."""
    if not isinstance(size, int) or not isinstance(count, int) or size <= 0 or count <= 0:
        return None
    sizes = {min(size, count)}
    if count > size and count % size:
        sizes.add(count % size)
    return frozenset(sizes)


def with_batch_axis(spec: Spec, size: Dim) -> Spec:
    """``.batch(size)`` on one tensor."""
    return Spec(None if spec.shape is None else (size, *spec.shape), spec.dtype)


def without_first_axis(spec: Spec) -> Any:
    """``from_tensor_slices``/``unbatch`` on one tensor: UNKNOWN for a scalar
    (TensorFlow raises)."""
    if spec.shape is None:
        return spec
    if not spec.shape:
        return UNKNOWN
    return Spec(spec.shape[1:], spec.dtype)


def same_first_dims(specs: list[Spec]) -> bool:
    """Whether every tensor sliced together has one length (TensorFlow raises
    otherwise); True when a length is unknown."""
    firsts = [s.shape[0] for s in specs if s.shape]
    return all(not shapes.certainly_differ(a, b) for a in firsts for b in firsts)


class SequenceInstance(InstanceVal):
    """An instance of a user subclass of ``keras.utils.Sequence``, with the
    ``__getitem__`` its class defines (None if it defines none)."""

    __slots__ = ("getitem",)

    def __init__(self, cls: ClassVal, getitem: Optional[FunctionVal], birth: int = 0):
        super().__init__(cls, birth)
        self.getitem = getitem


@dataclass(frozen=True)
class GeneratorCall:
    """A call of a generator function, not run yet: ``fit`` runs it."""

    function: FunctionVal = field(compare=False)
    args: tuple[Any, ...] = field(compare=False)
    kwargs: tuple[tuple[str, Any], ...] = field(compare=False)
    site: Any = field(compare=False)
