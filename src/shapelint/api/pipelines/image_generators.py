"""``ImageDataGenerator`` and the iterators its ``flow`` methods make.

Shapes are those of keras/src/legacy/preprocessing/image.py (Keras 3.15,
``tensorflow.keras.preprocessing.image``) and tf_keras/src/preprocessing/
image.py (tf-keras 2.21), which agree; checked in both (tests/
test_data_pipelines.py):

- ``flow(x, y=None, batch_size=32, ..., sample_weight=None)``: ``x`` must be
  4-D; batches ``(b, *x.shape[1:])`` float32, then ``(b, *y.shape[1:])``
  when ``y`` is given and the sample weights when given;
- ``flow_from_directory(directory, target_size=(256, 256), color_mode='rgb',
  classes=None, class_mode='categorical', batch_size=32, ...)``: images
  ``(b, *target_size, channels)`` (``(b, channels, *target_size)`` for
  channels_first), 3 channels for 'rgb', 1 for 'grayscale', 4 for 'rgba';
  labels ``(b, classes)`` for 'categorical', ``(b,)`` for 'binary' and
  'sparse', the images again for 'input', none for None. The number of
  classes is ``len(classes)`` when given, else the number of
  subdirectories: unknown;
- ``flow_from_dataframe(dataframe, directory=None, x_col='filename',
  y_col='class', weight_col=None, target_size=(256, 256), color_mode='rgb',
  classes=None, class_mode='categorical', batch_size=32, ...)``: the same
  images; 'raw' labels are ``(b,)`` for one column and ``(b, columns)`` for
  a list, 'multi_output' a list of ``(b,)`` per column.

The batch axis is left unknown: the last batch is smaller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from shapelint.api.registry import Signature
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.layer_config import CHANNELS_FIRST, CHANNELS_LAST
from shapelint.domain.pipelines import Family, Source, Spec, Stream, batch_sizes_of
from shapelint.domain.shapes import Dim, Sym
from shapelint.domain.values import UNKNOWN, ListVal
from shapelint.pyvalues import is_int

#: color_mode -> channels (keras/src/legacy/preprocessing/image.py DirectoryIterator).
CHANNELS = {"rgb": 3, "rgba": 4, "grayscale": 1}
#: channels -> the color_mode that gives them.
COLOR_MODE_FOR = {n: mode for mode, n in CHANNELS.items()}

_DIRECTORY_MODES = frozenset({"categorical", "binary", "sparse", "input", None})
_DATAFRAME_MODES = _DIRECTORY_MODES | {"raw", "multi_output"}

_DIRECTORY = Signature.of(
    "directory", "target_size", "color_mode", "classes", "class_mode", "batch_size", "**"
)
_DATAFRAME = Signature.of(
    *("dataframe", "directory", "x_col", "y_col", "weight_col", "target_size"),
    *("color_mode", "classes", "class_mode", "batch_size", "**"),
)
_FLOW = Signature.of("x", "y", "batch_size", "shuffle", "sample_weight", "**")


@dataclass(frozen=True)
class ImageGenerator:
    """An ``ImageDataGenerator``: only its data format decides shapes
    (None when not known)."""

    data_format: Optional[str]

    METHODS = frozenset({"flow", "flow_from_directory", "flow_from_dataframe", "fit"})


def make_generator(ev: Any, args: list[Any], kwargs: dict[str, Any]) -> ImageGenerator:
    """``ImageDataGenerator(..., data_format=None)``: the format configured
    (``image_data_format()``) unless given; Keras 1's ``dim_ordering``."""
    fmt = kwargs.get("data_format")
    ordering = kwargs.get("dim_ordering")
    if ordering in ("th", "tf"):
        fmt = CHANNELS_FIRST if ordering == "th" else CHANNELS_LAST
    if fmt is None:
        fmt = ev.state.data_format
    if fmt not in (CHANNELS_FIRST, CHANNELS_LAST):
        fmt = None
    return ImageGenerator(fmt)


def call_method(
    ev: Any, gen: ImageGenerator, name: str, args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    if name == "fit":
        return None
    if name == "flow":
        return _flow(_FLOW.bind(args, kwargs), site)
    if name == "flow_from_directory":
        bound = _DIRECTORY.bind(args, kwargs)
        return _from_files(gen, "flow_from_directory", bound, _DIRECTORY_MODES, site)
    if name == "flow_from_dataframe":
        bound = _DATAFRAME.bind(args, kwargs)
        return _from_files(gen, "flow_from_dataframe", bound, _DATAFRAME_MODES, site)
    return UNKNOWN


def _flow(bound: dict[str, Any], site: Any) -> Any:
    x, y = bound.get("x", UNKNOWN), bound.get("y")
    if not isinstance(x, ArrayVal) or x.shape is None or len(x.shape) != 4:
        return UNKNOWN  # Keras raises for other ranks; a tuple (x, misc) is not modelled
    source = Source(Family.IMAGE_ITERATOR, "flow", site)
    images = Spec((None, *x.shape[1:]), "float32")
    parts: list[Any] = [images]
    if y is not None:
        if not isinstance(y, ArrayVal) or y.shape is None or not y.shape:
            return UNKNOWN
        parts.append(Spec((None, *y.shape[1:]), y.dtype))
        if bound.get("sample_weight") is not None:
            parts.append(Spec((None,), None))
    element = parts[0] if len(parts) == 1 else tuple(parts)
    sizes = batch_sizes_of(bound.get("batch_size", 32), x.shape[0])
    return Stream(element, source, samples=x.shape[0], batch_sizes=sizes)


def _from_files(
    gen: ImageGenerator,
    name: str,
    bound: dict[str, Any],
    modes: frozenset[Optional[str]],
    site: Any,
) -> Any:
    target_size = _size_pair(bound.get("target_size", (256, 256)))
    color_mode = bound.get("color_mode", "rgb")
    class_mode = bound.get("class_mode", "categorical")
    if target_size is None or color_mode not in CHANNELS or class_mode not in modes:
        return UNKNOWN  # unknown, or an option Keras rejects
    if gen.data_format is None:
        return UNKNOWN
    channels = CHANNELS[color_mode]
    if gen.data_format == CHANNELS_LAST:
        image_shape: tuple[Any, ...] = (*target_size, channels)
    else:
        image_shape = (channels, *target_size)
    options = (
        ("target_size", target_size),
        ("target_size given", "target_size" in bound),
        ("color_mode", color_mode),
        ("class_mode", class_mode),
        ("data_format", gen.data_format),
    )
    source = Source(Family.IMAGE_ITERATOR, name, site, options)
    images = Spec((None, *image_shape), "float32")
    labels = _labels(class_mode, images, _class_count(bound.get("classes")), bound)
    if labels is UNKNOWN:
        return UNKNOWN
    element: Any = images if labels is None else (images, labels)
    if labels is not None and name == "flow_from_dataframe" and bound.get("weight_col"):
        element = (images, labels, Spec((None,), None))
    return Stream(element, source)


def _labels(class_mode: Optional[str], images: Spec, classes: Any, bound: dict[str, Any]) -> Any:
    """The labels a batch carries for ``class_mode`` (None for no labels)."""
    if class_mode is None:
        return None
    if class_mode == "input":
        return images
    if class_mode == "categorical":
        return Spec((None, classes), "float32")
    if class_mode in ("binary", "sparse"):
        return Spec((None,), "float32")
    columns = bound.get("y_col", "class")
    if isinstance(columns, ListVal):
        columns = columns.items
    if class_mode == "raw":
        if isinstance(columns, str):
            return Spec((None,), None)
        return Spec((None, len(columns)), None) if isinstance(columns, tuple) else UNKNOWN
    if class_mode == "multi_output" and isinstance(columns, tuple):
        return tuple(Spec((None,), None) for _ in columns)
    return UNKNOWN


def _class_count(classes: Any) -> Any:
    """``len(classes)`` when the list is known, else None (the number of
    subdirectories or of distinct labels: unknown)."""
    if isinstance(classes, ListVal):
        classes = classes.items
    if isinstance(classes, tuple) and classes:
        return len(classes)
    return None


def _size_pair(value: Any) -> Optional[tuple[Any, Any]]:
    if isinstance(value, ListVal):
        value = value.items
    if isinstance(value, tuple) and len(value) == 2:
        return (positive_dim(value[0]), positive_dim(value[1]))
    return None


def positive_dim(value: Any) -> Dim:
    """A size given as an option: a positive int or a symbol, else unknown."""
    if isinstance(value, Sym) or is_int(value):
        return value if isinstance(value, Sym) or value > 0 else None
    return None
