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
from shapelint.api.registry import Call, Registrations, Registry, Signature
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
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, FunctionVal, ListVal

#: Methods that keep the element and every sample (``repeat``: the batches).
_SAME_SAMPLES = ("shuffle", "prefetch", "cache", "with_options", "assert_cardinality")
#: Methods that keep the element but may drop or repeat samples.
_OTHER_SAMPLES = ("repeat", "take", "skip", "filter", "shard", "ignore_errors")

#: The dataset constructors, by their name under ``tf.data.Dataset``.
CONSTRUCTORS = Registrations()
#: The methods of a dataset, by name (``call.obj`` is the stream).
STREAM_METHODS = Registrations()
_CONSTRUCTORS = Registry(lambda: CONSTRUCTORS)
_METHODS = Registry(lambda: STREAM_METHODS)


def construct(ev: Any, call: Call) -> Any:
    """``tf.data.Dataset.<name>(...)``; NOT_HANDLED for a name not modelled."""
    entry = _CONSTRUCTORS.get(call.name)
    return NOT_HANDLED if entry is None else entry.call(ev, call)


def call_method(ev: Any, call: Call) -> Any:
    """``dataset.<name>(...)`` (``call.obj`` is the stream)."""
    entry = _METHODS.get(call.name)
    return UNKNOWN if entry is None else entry.call(ev, call)


@CONSTRUCTORS.register("zip", signature=Signature.of("*", "datasets"))
def _zip(ev: Any, call: Call) -> Any:
    """``Dataset.zip(*args, datasets=None)``: the tuple of the elements of
    ``zip((a, b))`` or ``zip(datasets=(a, b))``."""
    datasets = call.get("datasets")
    parts = call.args if len(call.args) != 1 else call.args[0]
    parts = datasets if isinstance(datasets, tuple) else parts
    if isinstance(parts, Stream):
        parts = (parts,)
    if not isinstance(parts, tuple) or not all(isinstance(p, Stream) for p in parts):
        return UNKNOWN
    batched = {p.batched for p in parts}
    if len(batched) != 1:
        return UNKNOWN
    source = Source(Family.TF_DATA, "zip", call.site)
    return Stream(tuple(p.element for p in parts), source, batched=batched.pop())


@CONSTRUCTORS.register("from_tensor_slices", "from_tensors", signature=Signature.of("tensors"))
def _from_tensors(ev: Any, call: Call) -> Any:
    value = call.get("tensors", UNKNOWN)
    if isinstance(value, ListVal):
        return UNKNOWN  # a list is converted to one tensor: not modelled
    spec = spec_of_array(value)
    source = Source(Family.TF_DATA, call.name, call.site)
    if call.name == "from_tensors":
        return Stream(spec, source, batched=False)
    found = leaves(spec)
    if found is None or not same_first_dims(found):
        return UNKNOWN  # TensorFlow raises for tensors of different lengths
    element = map_specs(spec, without_first_axis)
    if leaves(element) is None:
        return UNKNOWN
    samples = next((s.shape[0] for s in found if s.shape), None)
    return Stream(element, source, batched=False, samples=samples)


@STREAM_METHODS.register(*_SAME_SAMPLES)
def _same(ev: Any, call: Call) -> Any:
    return call.obj


@STREAM_METHODS.register(*_OTHER_SAMPLES)
def _other_samples(ev: Any, call: Call) -> Any:
    stream = call.obj
    sizes = stream.batch_sizes if call.name == "repeat" else None
    return stream.derive(stream.element, stream.last, samples=None, batch_sizes=sizes)


@STREAM_METHODS.register("batch", signature=Signature.of("batch_size", "drop_remainder"))
def _batch(ev: Any, call: Call) -> Any:
    stream: Stream = call.obj
    size = call.get("batch_size", UNKNOWN)
    drop = call.get("drop_remainder", False)
    if drop is UNKNOWN or stream.batched:
        return UNKNOWN  # (batches of batches: not modelled)
    known = isinstance(size, int) and size > 0
    dim = size if drop is True and known else None
    element = map_specs(stream.element, lambda s: with_batch_axis(s, dim))
    sizes = batch_sizes_of(size, stream.samples)
    if drop is True and sizes is not None:
        sizes = frozenset({size}) if size in sizes else frozenset()
    return stream.derive(element, call.site, batched=True, batch_sizes=sizes or None)


@STREAM_METHODS.register("unbatch")
def _unbatch(ev: Any, call: Call) -> Any:
    stream: Stream = call.obj
    element = map_specs(stream.element, without_first_axis)
    if not leaves(element):
        return UNKNOWN
    return stream.derive(element, call.site, batched=False, samples=None, batch_sizes=None)


@STREAM_METHODS.register("map", signature=Signature.of("map_func"))
def _map_method(ev: Any, call: Call) -> Any:
    stream: Stream = call.obj
    element = _map(ev, call.get("map_func", UNKNOWN), stream.element, call.site)
    return stream.derive(element, call.site)


@STREAM_METHODS.register("concatenate", signature=Signature.of("dataset"))
def _concatenate(ev: Any, call: Call) -> Any:
    stream: Stream = call.obj
    other = call.get("dataset", UNKNOWN)
    return stream if isinstance(other, Stream) and other.element == stream.element else UNKNOWN


#: The names of the methods modelled.
METHODS = frozenset(name for registration in STREAM_METHODS for name in registration.names)


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
