"""Keras' dataset utilities: ``image_dataset_from_directory``,
``text_dataset_from_directory`` and ``timeseries_dataset_from_array``, as
the ``tf.data.Dataset`` they return (their ``element_spec``, printed by
Keras 3.15.1 and tf-keras 2.21 alike; tests/test_data_pipelines.py):

- images ``(None, *image_size, channels)`` float32 (Keras 3's
  ``data_format='channels_first'``: ``(None, channels, *image_size)``),
  3 channels for 'rgb', 1 for 'grayscale', 4 for 'rgba'; texts ``(None,)``
  strings;
- labels by ``label_mode``: 'int' ``(None,)`` int32, 'categorical'
  ``(None, classes)`` float32, 'binary' ``(None, 1)`` float32; none for
  ``label_mode=None`` or ``labels=None``. The number of classes is
  ``len(class_names)`` when given, else unknown;
- ``batch_size=None``: the same without the batch axis; ``subset='both'``:
  a tuple of two such datasets;
- timeseries: inputs ``(None, None, *data.shape[1:])`` (the sequence axis is
  unknown to TensorFlow whatever ``sequence_length`` is), targets
  ``(None, *targets.shape[1:])``, none for ``targets=None``.
"""

from __future__ import annotations

from typing import Any, Optional

from shapelint.api.pipelines.image_generators import CHANNELS, positive_dim
from shapelint.api.registry import Call, Registrations, Signature
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.layer_config import CHANNELS_FIRST, CHANNELS_LAST
from shapelint.domain.pipelines import Family, Source, Spec, Stream, map_specs
from shapelint.domain.values import UNKNOWN, ListVal
from shapelint.versions import KerasVersion

_IMAGES = Signature.of(
    *("directory", "labels", "label_mode", "class_names", "color_mode", "batch_size"),
    *("image_size", "shuffle", "seed", "validation_split", "subset", "**"),
)
_TEXTS = Signature.of(
    *("directory", "labels", "label_mode", "class_names", "batch_size", "max_length"),
    *("shuffle", "seed", "validation_split", "subset", "**"),
)
_SERIES = Signature.of(
    *("data", "targets", "sequence_length", "sequence_stride", "sampling_rate", "batch_size"),
    "**",
)

_LABEL_MODES = frozenset({"int", "categorical", "binary", None})

#: Keras' dataset utilities, registered under their names (api/keras/by_path.py).
KERAS = Registrations()


def _grain(call: Call) -> bool:
    """Keras 3's ``format='grain'``: not modelled."""
    return call.kwargs.get("format", "tf") != "tf"


@KERAS.register("image_dataset_from_directory", signature=_IMAGES)
@KERAS.register("text_dataset_from_directory", signature=_TEXTS)
def dataset_from_directory(ev: Any, call: Call) -> Any:
    return UNKNOWN if _grain(call) else _from_directory(ev, call.name, call.bound, call.site)


@KERAS.register("timeseries_dataset_from_array", signature=_SERIES)
def timeseries_dataset_from_array(ev: Any, call: Call) -> Any:
    return UNKNOWN if _grain(call) else _timeseries(call.bound, call.site)


def _from_directory(ev: Any, name: str, bound: dict[str, Any], site: Any) -> Any:
    label_mode = bound.get("label_mode", "int")
    labels = bound.get("labels", "inferred")
    if label_mode not in _LABEL_MODES or labels is UNKNOWN:
        return UNKNOWN
    if name == "image_dataset_from_directory":
        data = _images(ev, bound)
        if data is None:
            return UNKNOWN
        spec, options = data
    else:
        spec, options = Spec((None,), "string"), ()
    options += (("label_mode", label_mode),)
    source = Source(Family.KERAS_DATASET, name, site, options)
    classes = _count(bound.get("class_names"))
    if isinstance(labels, (ListVal, tuple)):
        classes = None  # the number of distinct labels given: not counted here
    if labels is None or label_mode is None:
        element: Any = spec
    else:
        label = {
            "int": Spec((None,), "int32"),
            "categorical": Spec((None, classes), "float32"),
            "binary": Spec((None, 1), "float32"),
        }[label_mode]
        element = (spec, label)
    batch_size = bound.get("batch_size", 32)
    if batch_size is None:
        element = map_specs(element, lambda s: Spec(s.shape[1:], s.dtype))
    elif not isinstance(batch_size, int):
        return UNKNOWN
    stream = Stream(element, source, batched=batch_size is not None)
    if bound.get("subset") == "both":
        return (stream, stream)
    return stream


def _images(ev: Any, bound: dict[str, Any]) -> Optional[tuple[Spec, tuple[tuple[str, Any], ...]]]:
    """The images' spec and the options that decide it, or None if unknown."""
    size = bound.get("image_size", (256, 256))
    if isinstance(size, ListVal):
        size = size.items
    color_mode = bound.get("color_mode", "rgb")
    if not isinstance(size, tuple) or len(size) != 2 or color_mode not in CHANNELS:
        return None
    fmt = bound.get("data_format")  # Keras 3 only (tf-keras has no such argument)
    if fmt is None:
        fmt = ev.state.data_format
        if fmt == CHANNELS_FIRST and KerasVersion.KERAS2 in ev.settings.versions:
            return None  # tf-keras always gives channels_last
    if fmt not in (CHANNELS_FIRST, CHANNELS_LAST):
        return None
    hw = (positive_dim(size[0]), positive_dim(size[1]))
    channels = CHANNELS[color_mode]
    shape = (None, *hw, channels) if fmt == CHANNELS_LAST else (None, channels, *hw)
    options = (
        ("image_size", hw),
        ("image_size given", "image_size" in bound),
        ("color_mode", color_mode),
        ("data_format", fmt),
    )
    return Spec(shape, "float32"), options


def _count(names: Any) -> Any:
    if isinstance(names, ListVal):
        names = names.items
    return len(names) if isinstance(names, tuple) and names else None


def _timeseries(bound: dict[str, Any], site: Any) -> Any:
    data, targets = bound.get("data", UNKNOWN), bound.get("targets", UNKNOWN)
    batch_size = bound.get("batch_size", 128)
    if not isinstance(data, ArrayVal) or data.shape is None or not data.shape:
        return UNKNOWN
    if not isinstance(batch_size, int) or isinstance(batch_size, bool):
        return UNKNOWN  # batch_size=None (unbatched) is not modelled
    source = Source(Family.KERAS_DATASET, "timeseries_dataset_from_array", site)
    inputs = Spec((None, None, *data.shape[1:]), data.dtype)
    if targets is None:
        return Stream(inputs, source)
    if not isinstance(targets, ArrayVal) or targets.shape is None or not targets.shape:
        return UNKNOWN
    return Stream((inputs, Spec((None, *targets.shape[1:]), targets.dtype)), source)
