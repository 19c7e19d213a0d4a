"""The fix a finding on a pipeline's data suggests: the option of the call
that made the data (``color_mode='grayscale'``, ``target_size=(150, 150)``,
``class_mode='categorical'``, ``label_mode='int'``, ``.batch(32)``), or
None when no option fixes it."""

from __future__ import annotations

from typing import Any, Optional

from shapelint.api.pipelines.image_generators import COLOR_MODE_FOR
from shapelint.domain.layer_config import CHANNELS_LAST
from shapelint.domain.pipelines import Family, Stream
from shapelint.domain.shapes import Dim, format_shape
from shapelint.domain.training import CROSSENTROPY_NAMES, LossKind

#: The option that sets the labels, per family, and its value for each loss
#: kind (domain.training.Loss.kind) with an output of several units.
_LABEL_OPTION = {
    Family.IMAGE_ITERATOR: (
        "class_mode",
        {LossKind.CATEGORICAL: "categorical", LossKind.SPARSE_CATEGORICAL: "sparse"},
    ),
    Family.KERAS_DATASET: (
        "label_mode",
        {LossKind.CATEGORICAL: "categorical", LossKind.SPARSE_CATEGORICAL: "int"},
    ),
}
#: The option that sets the image size, per call.
_SIZE_OPTION = {
    "flow_from_directory": "target_size",
    "flow_from_dataframe": "target_size",
    "image_dataset_from_directory": "image_size",
}


def input_hint(stream: Stream, data: tuple[Dim, ...], ref: tuple[Dim, ...]) -> Optional[str]:
    """The options that give batches the model's input shape."""
    source = stream.source
    if not stream.batched and len(data) == len(ref) - 1:
        return f"batch the data before fit, e.g. `.batch(32)` after {source.name}(...)"
    size_key = _SIZE_OPTION.get(source.name)
    if size_key is None or len(data) != 4 or len(ref) != 4:
        return None
    channels_last = source.option("data_format") == CHANNELS_LAST
    axis = 3 if channels_last else 1
    spatial = (1, 2) if channels_last else (2, 3)
    fixes = []
    want = ref[axis]
    if isinstance(want, int) and want in COLOR_MODE_FOR and data[axis] != want:
        fixes.append(f"color_mode={COLOR_MODE_FOR[want]!r}")
    size = tuple(ref[i] for i in spatial)
    if all(isinstance(d, int) for d in size) and size != tuple(data[i] for i in spatial):
        fixes.append(f"{size_key}={size}")
    if not fixes:
        return None
    given = source.option("color_mode")
    return (
        f"pass {' and '.join(fixes)} to {source.name} (with color_mode={given!r} and "
        f"{size_key}={source.option(size_key)} it gives batches of {format_shape(data)})"
    )


def target_hint(
    stream: Stream, data: tuple[Dim, ...], out: tuple[Dim, ...], loss_kind: LossKind
) -> Optional[str]:
    """The label option that gives targets the loss can take."""
    source = stream.source
    option = _LABEL_OPTION.get(source.family)
    classes = out[-1] if out else None
    if option is None:
        if source.family is Family.TF_DATA and loss_kind is LossKind.CATEGORICAL and len(data) == 1:
            return (
                "use loss='sparse_categorical_crossentropy', or one-hot encode the labels "
                f"in the pipeline: .map(lambda x, y: (x, tf.one_hot(y, {classes})))"
            )
        return None
    key, by_loss = option
    current = source.option(key)
    want: Optional[str] = by_loss.get(loss_kind)
    if loss_kind is LossKind.BINARY and classes == 1:
        want = "binary"
    if want is None:
        return None
    if want == current or (want == "sparse" and current == "binary"):
        if isinstance(classes, int) and len(data) == 2 and isinstance(data[-1], int):
            return (
                f"{source.name} gives {data[-1]} classes but the output has {classes} units: "
                "give the last layer one unit per class"
            )
        return None
    loss = CROSSENTROPY_NAMES.get(loss_kind, loss_kind.value)
    other = _other_loss(current, classes)
    alternative = f", or loss={other!r}" if other else ""
    return (
        f"pass {key}={want!r} to {source.name} ({key}={current!r} gives targets of shape "
        f"{format_shape(data)}, and {loss} needs {_needs(loss_kind, out)}){alternative}"
    )


def _needs(loss_kind: LossKind, out: tuple[Dim, ...]) -> str:
    if loss_kind is LossKind.SPARSE_CATEGORICAL:
        return f"class indices of shape {format_shape(out[:-1])}"
    return f"targets of the output's shape {format_shape(out)}"


def _other_loss(current: Any, classes: Dim) -> Optional[str]:
    """The loss that takes the labels the call already gives."""
    if current in ("sparse", "int") and isinstance(classes, int) and classes > 1:
        return "sparse_categorical_crossentropy"
    if current == "categorical":
        return "categorical_crossentropy"
    return None


def targets_hint(stream: Stream) -> str:
    """How to have a pipeline yield targets too."""
    source = stream.source
    if source.family is Family.IMAGE_ITERATOR and source.name != "flow":
        return (
            f"pass class_mode='categorical' (or 'binary', 'sparse') to {source.name}: "
            "class_mode=None yields the images only, for predict"
        )
    if source.family is Family.IMAGE_ITERATOR:
        return "pass the labels: flow(x, y)"
    if source.family is Family.KERAS_DATASET and source.option("label_mode", "int") is None:
        return f"pass label_mode='int' (or 'categorical', 'binary') to {source.name}"
    if source.family is Family.KERAS_DATASET:
        return f"let {source.name} infer the labels (labels='inferred'), or pass them"
    if source.family is Family.TF_DATA:
        return "make each element an (inputs, targets) pair, e.g. from_tensor_slices((x, y))"
    return "yield (inputs, targets) pairs"
