"""A stream's batch as the data check reads it.

Keras reads one element of a stream as ``(x,)``, ``(x, y)`` or
``(x, y, sample_weight)`` (a list is read as a tuple, anything else is
``x``: keras/src/trainers/data_adapters/data_adapter_utils.py
``unpack_x_y_sample_weight``; tf_keras/src/engine/data_adapter.py is the
same), and then treats the batch as arrays given to ``train_on_batch``: so
the data check sees a stream as arrays of its element's shapes
(:func:`batch_arrays`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from shapelint.domain.arrays import ArrayVal, Origin
from shapelint.domain.pipelines import DictSpec, Family, Spec, Stream, leaves
from shapelint.domain.values import UNKNOWN, DictVal


@dataclass
class BatchData:
    """A stream as the data check reads it: ``x`` and ``y`` (None when the
    stream yields no targets) as arrays, ListVals or DictVals of arrays of
    one batch's shapes, or UNKNOWN."""

    x: Any
    y: Any
    stream: Stream
    #: The sizes of the batches Keras sees, when known.
    sizes: Optional[frozenset[int]]
    #: Whether every array's first dim is a known size (then the model and the
    #: loss see each array's own, as for ``train_on_batch``).
    concrete: bool
    #: Numbers of samples of the inputs and the targets that differ.
    mismatch: Optional[tuple[int, int]] = None


def unpack(element: Any) -> tuple[Any, Any]:
    """Keras' ``unpack_x_y_sample_weight`` on an element: (x, y); y None when
    there is none, UNKNOWN when it cannot be told; x UNKNOWN for an element
    Keras rejects (more than three parts)."""
    if isinstance(element, tuple):
        if len(element) == 1:
            return element[0], None
        if len(element) in (2, 3):
            return element[0], element[1]
        return UNKNOWN, UNKNOWN
    if element is UNKNOWN:
        return UNKNOWN, UNKNOWN
    return element, None


def batch_arrays(ev: Any, stream: Stream, origin: Optional[Origin]) -> BatchData:
    """One batch of ``stream`` as arrays for the data check, of the element's
    shapes (the first axis is what the model takes for the batch, also for a
    stream not batched)."""
    x, y = unpack(stream.element)
    python = stream.source.family in _PYTHON_FAMILIES

    def array(spec: Spec) -> ArrayVal:
        shape = spec.shape
        if python and shape:
            shape = (None, *shape[1:])
        return ArrayVal(shape, spec.dtype, origin, ev.born())

    sizes = stream.batch_sizes
    specs = leaves(stream.element) or []
    firsts = {s.shape[0] if s.shape else None for s in specs}
    known = bool(specs) and all(isinstance(d, int) for d in firsts)
    if sizes is None and known and len(firsts) == 1:  # a generator's batch
        sizes = frozenset(firsts)
    mismatch = _sample_mismatch(x, y) if python else None
    values = to_values(ev, x, array), to_values(ev, y, array)
    return BatchData(*values, stream, sizes, known and not python, mismatch)


#: The families Keras reads through Python code: it makes their spec from the
#: first batches with the batch axis None (keras/src/trainers/data_adapters/
#: data_adapter_utils.py get_tensor_spec), so the shape checks never see the
#: batch sizes; tf.data's element_spec is static.
_PYTHON_FAMILIES = frozenset({Family.IMAGE_ITERATOR, Family.SEQUENCE, Family.GENERATOR})


def _sample_mismatch(x: Any, y: Any) -> Optional[tuple[int, int]]:
    """Known numbers of samples of a batch's inputs and targets that differ
    (the loss meets them at run time)."""
    if y is None or y is UNKNOWN:
        return None
    for a in leaves(x) or ():
        for b in leaves(y) or ():
            n, m = (a.shape[0] if a.shape else None), (b.shape[0] if b.shape else None)
            if isinstance(n, int) and isinstance(m, int) and n != m:
                return n, m
    return None


def to_values(ev: Any, element: Any, array: Any) -> Any:
    if element is None:
        return None
    if isinstance(element, Spec):
        return array(element)
    if isinstance(element, tuple):
        return tuple(to_values(ev, e, array) for e in element)
    if isinstance(element, DictSpec):
        return DictVal({k: to_values(ev, v, array) for k, v in element.items}, birth=ev.born())
    return UNKNOWN
