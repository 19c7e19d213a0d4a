"""``tf.data.Dataset`` pipelines, by their ``element_spec`` (TensorFlow 2.21,
printed in tests/test_data_pipelines.py):

- ``from_tensor_slices(t)``: each tensor of ``t`` (an array, a tuple or a
  dict of arrays) without its first axis (the arrays must agree on it);
  ``from_tensors(t)``: ``t`` as it is; ``Dataset.zip((a, b))`` (or
  ``zip(a, b)``): the tuple of the elements;
- ``.batch(n)``: a batch axis in front, ``n`` with ``drop_remainder=True``
  else unknown; ``.unbatch()``: the first axis removed;
- ``.map(fn)``: ``fn`` run on the element's tensors (a tuple spread over its
  arguments), as arrays of the element's shapes;
- ``shuffle``, ``prefetch``, ``repeat``, ``cache``, ``take``, ``skip``,
  ``filter``, ``shard``, ``with_options``, ``ignore_errors``,
  ``assert_cardinality``: the same element.

Anything else (``padded_batch``, ``from_generator``, ``interleave``,
``window``, ...) is unknown.
"""

from __future__ import annotations

from typing import Any

from shapelint.api.pipelines.batches import to_values
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.pipelines import (
    Family,
    Source,
    Spec,
    Stream,
    batch_sizes_of,
    leaves,
    map_specs,
    same_first_dims,
    spec_of_array,
    with_batch_axis,
    without_first_axis,
)
from shapelint.domain.values import UNKNOWN, FunctionVal, ListVal

#: Methods that keep the element and every sample (``repeat``: the batches).
_SAME_SAMPLES = frozenset({"shuffle", "prefetch", "cache", "with_options", "assert_cardinality"})
#: Methods that keep the element but may drop or repeat samples.
_OTHER_SAMPLES = frozenset({"repeat", "take", "skip", "filter", "shard", "ignore_errors"})
_SAME_ELEMENT = _SAME_SAMPLES | _OTHER_SAMPLES
METHODS = _SAME_ELEMENT | {"batch", "unbatch", "map", "concatenate"}

#: The dataset constructors, by their name under ``tf.data.Dataset``.
CONSTRUCTORS = frozenset({"from_tensor_slices", "from_tensors", "zip"})


def construct(ev: Any, name: str, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """``tf.data.Dataset.<name>(...)``."""
    if name == "zip":
        parts = args if len(args) != 1 else args[0]
        parts = parts if not isinstance(kwargs.get("datasets"), tuple) else kwargs["datasets"]
        return _zip(parts, site)
    value = args[0] if args else kwargs.get("tensors", UNKNOWN)
    if isinstance(value, ListVal):
        return UNKNOWN  # a list is converted to one tensor: not modelled
    spec = spec_of_array(value)
    source = Source(Family.TF_DATA, name, site)
    if name == "from_tensors":
        return Stream(spec, source, batched=False)
    found = leaves(spec)
    if found is None or not same_first_dims(found):
        return UNKNOWN  # TensorFlow raises for tensors of different lengths
    element = map_specs(spec, without_first_axis)
    if leaves(element) is None:
        return UNKNOWN
    samples = next((s.shape[0] for s in found if s.shape), None)
    return Stream(element, source, batched=False, samples=samples)


def _zip(parts: Any, site: Any) -> Any:
    if isinstance(parts, Stream):
        parts = (parts,)
    if not isinstance(parts, tuple) or not all(isinstance(p, Stream) for p in parts):
        return UNKNOWN
    batched = {p.batched for p in parts}
    if len(batched) != 1:
        return UNKNOWN
    source = Source(Family.TF_DATA, "zip", site)
    return Stream(tuple(p.element for p in parts), source, batched=batched.pop())


def call_method(
    ev: Any, stream: Stream, name: str, args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    if name in _SAME_SAMPLES:
        return stream
    if name in _OTHER_SAMPLES:
        sizes = stream.batch_sizes if name == "repeat" else None
        return stream.derive(stream.element, stream.last, samples=None, batch_sizes=sizes)
    if name == "batch":
        size = args[0] if args else kwargs.get("batch_size", UNKNOWN)
        drop = args[1] if len(args) > 1 else kwargs.get("drop_remainder", False)
        if drop is UNKNOWN or stream.batched:
            return UNKNOWN  # (batches of batches: not modelled)
        known = isinstance(size, int) and size > 0
        dim = size if drop is True and known else None
        element = map_specs(stream.element, lambda s: with_batch_axis(s, dim))
        sizes = batch_sizes_of(size, stream.samples)
        if drop is True and sizes is not None:
            sizes = frozenset({size}) if size in sizes else frozenset()
        return stream.derive(element, site, batched=True, batch_sizes=sizes or None)
    if name == "unbatch":
        element = map_specs(stream.element, without_first_axis)
        if not leaves(element):
            return UNKNOWN
        return stream.derive(element, site, batched=False, samples=None, batch_sizes=None)
    if name == "map":
        fn = args[0] if args else kwargs.get("map_func", UNKNOWN)
        return stream.derive(_map(ev, fn, stream.element, site), site)
    if name == "concatenate":
        other = args[0] if args else kwargs.get("dataset", UNKNOWN)
        return stream if isinstance(other, Stream) and other.element == stream.element else UNKNOWN
    return UNKNOWN


def _map(ev: Any, fn: Any, element: Any, site: Any) -> Any:
    """What ``fn`` returns for the element's tensors (tf.data spreads a tuple
    over the function's arguments)."""
    if element is UNKNOWN or not isinstance(fn, FunctionVal):
        return UNKNOWN  # (a layer or a TensorFlow function: not modelled)

    def array(spec: Spec) -> Any:
        return ArrayVal(spec.shape, spec.dtype, None, ev.born())

    values = to_values(ev, element, array)
    args = list(values) if isinstance(element, tuple) else [values]
    result = ev.call_function(fn, args, {}, site)
    return spec_of_array(result)
