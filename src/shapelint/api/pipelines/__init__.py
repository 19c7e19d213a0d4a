"""Data pipelines meet the model: what Keras' data utilities, ``tf.data``,
``keras.utils.Sequence`` subclasses and Python generators give ``fit``,
``evaluate`` and ``predict``, one batch at a time.

- batches.py: how the data check reads a batch (the values, a Stream and
  the spec of its element, are domain/pipelines.py's);
- image_generators.py: ``ImageDataGenerator`` and its ``flow`` methods;
- dataset_utilities.py: ``image_dataset_from_directory``,
  ``text_dataset_from_directory``, ``timeseries_dataset_from_array``;
- tf_data.py: ``tf.data.Dataset`` constructors and methods;
- sequences.py: Sequence subclasses and generator functions;
- tensor_functions.py: the TensorFlow functions a ``map`` applies;
- advice.py: the option a finding suggests.

The entry points below are what the evaluator calls.
"""

from __future__ import annotations

from typing import Any, Optional

from shapelint.api.pipelines import (
    advice,
    image_generators,
    sequences,
    tensor_functions,
    tf_data,
)
from shapelint.api.pipelines.batches import batch_arrays
from shapelint.api.pipelines.image_generators import ImageGenerator
from shapelint.api.registry import Call
from shapelint.domain.pipelines import (
    Family,
    GeneratorCall,
    SequenceInstance,
    Stream,
    batch_sizes_of,
)
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, BoundMethod

#: Stream methods by the family of the stream.
_STREAM_METHODS = {Family.TF_DATA: tf_data.METHODS, Family.KERAS_DATASET: tf_data.METHODS}


def is_pipeline(value: Any) -> bool:
    return isinstance(value, (Stream, ImageGenerator, GeneratorCall))


def attribute(value: Any, name: str) -> Any:
    """``datagen.flow_from_directory``, ``dataset.batch``, ...: a bound
    method when modelled, else UNKNOWN."""
    if isinstance(value, ImageGenerator) and name in ImageGenerator.METHODS:
        return BoundMethod(value, name)
    if isinstance(value, Stream) and name in _STREAM_METHODS.get(value.source.family, ()):
        return BoundMethod(value, name)
    return UNKNOWN


def call_method(
    ev: Any, obj: Any, name: str, args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    if isinstance(obj, ImageGenerator):
        return image_generators.call_method(ev, obj, name, args, kwargs, site)
    if isinstance(obj, Stream):
        return tf_data.call_method(ev, Call(name, args, kwargs, site, obj=obj))
    return UNKNOWN


def call_tensorflow(ev: Any, call: Call) -> Any:
    """``tf.data.Dataset.from_tensor_slices(...)`` and the other
    constructors; NOT_HANDLED for other TensorFlow names."""
    if call.path.rpartition(".")[0] == "tensorflow.data.Dataset":
        result = tf_data.construct(ev, call)
        if result is not NOT_HANDLED:
            return result
    result = tensor_functions.call(ev, call)
    return NOT_HANDLED if result is None else result


def stream_of(ev: Any, value: Any, site: Any) -> Optional[Stream]:
    """The stream ``fit`` reads from ``value`` (None for arrays and other
    values)."""
    if isinstance(value, Stream):
        return value
    if isinstance(value, SequenceInstance):
        return sequences.sequence_stream(ev, value, site)
    if isinstance(value, GeneratorCall):
        return sequences.generator_stream(ev, value)
    return None


__all__ = [
    "NOT_HANDLED",
    "Stream",
    "advice",
    "batch_arrays",
    "batch_sizes_of",
    "is_pipeline",
    "stream_of",
]
