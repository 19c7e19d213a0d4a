"""``keras.applications`` backbones (ResNet50, MobileNetV2, ...) used in user
models: output shapes and parameter counts from a table generated from real
Keras (applications_table.py, by tools/make_applications_table.py).

What the table cannot tell (another ``alpha``, input channels other than 3,
channels_first, an input size outside the table) is unknown, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapelint.codes import INVALID_LAYER_ARGUMENT
from shapelint.domain.layer_config import UNKNOWN_PARAMS, Params, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import int_or_none

#: Arguments whose non-default values change the network beyond the table.
_WIDTH_ARGUMENTS = ("alpha", "depth_multiplier", "minimalistic", "include_preprocessing")
_DEFAULTS: dict[str, Any] = {
    "alpha": 1.0,
    "depth_multiplier": 1,
    "minimalistic": False,
    "include_preprocessing": True,
}


def table() -> dict[str, dict[str, Any]]:
    from shapelint.catalogue.applications_table import APPLICATIONS

    return APPLICATIONS


def is_application(name: str) -> bool:
    return name in table()


@dataclass(frozen=True)
class Backbone:
    """One call of a keras.applications builder, with the arguments that matter."""

    builder: str
    include_top: Any  # bool, or UNKNOWN
    pooling: Any  # None, "avg", "max", or UNKNOWN
    classes: Any  # int, or UNKNOWN
    weights: Any
    #: The arguments that widen or narrow the network keep their defaults.
    default_width: bool
    alpha: Any = 1.0
    explicit_name: Any = None

    @property
    def entry(self) -> dict[str, Any]:
        return table()[self.builder]

    def model_name(self, input_shape: Shape) -> str:
        """The name Keras gives the model (MobileNets name it after alpha and size)."""
        if isinstance(self.explicit_name, str):
            return self.explicit_name
        if self.builder in ("MobileNet", "MobileNetV2") and isinstance(self.alpha, (int, float)):
            rows = input_shape[1] if input_shape and len(input_shape) == 4 else None
            cols = input_shape[2] if input_shape and len(input_shape) == 4 else None
            if not isinstance(rows, int) or (
                self.weights == "imagenet"
                and (rows != cols or rows not in (96, 128, 160, 192, 224))
            ):
                rows = 224
            prefix = "mobilenetv2" if self.builder == "MobileNetV2" else "mobilenet"
            return f"{prefix}_{self.alpha:0.2f}_{rows}"
        key = "name" if self.include_top is True else "notop_name"
        return str(self.entry[key])

    def default_input(self) -> Shape:
        """The input the builder makes when given neither input_shape nor input_tensor."""
        size = self.entry["default_size"]
        if self.include_top is True:
            return (None, size, size, 3)
        return (None, None, None, 3)

    def validate(self, input_shape: Shape) -> None:
        """What Keras' builders reject with certainty."""
        if self.weights == "imagenet" and self.include_top is True:
            if isinstance(self.classes, int) and self.classes != 1000:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{self.builder}(weights='imagenet', include_top=True) needs classes=1000, "
                    f"got classes={self.classes}",
                    "pass weights=None to train a new classifier, or include_top=False and "
                    "add your own head",
                )

    def output_shape(self, input_shape: Shape) -> Shape:
        if self.include_top is UNKNOWN or self.pooling is UNKNOWN:
            return None
        if self.include_top is True:
            return (input_shape[0] if input_shape else None, int_or_none(self.classes))
        channels: Dim = self.entry["channels"] if self.default_width else None
        batch = input_shape[0] if input_shape else None
        if self.pooling in ("avg", "max"):
            return (batch, channels)
        if input_shape is None or len(input_shape) != 4:
            return None
        return (batch, self._spatial(input_shape[1]), self._spatial(input_shape[2]), channels)

    def _spatial(self, n: Dim) -> Dim:
        if not isinstance(n, int):
            return None
        runs = self.entry["spatial"]
        if n < runs[0][0] or n > 1024:
            return None
        value = None
        for start, out in runs:
            if start > n:
                break
            value = out
        return value if isinstance(value, int) and value > 0 else None

    def params(self, input_shape: Shape) -> Params:
        if not self.default_width or self.include_top is UNKNOWN:
            return UNKNOWN_PARAMS
        if input_shape is not None and len(input_shape) == 4 and input_shape[-1] != 3:
            return UNKNOWN_PARAMS  # the first convolution depends on the channels
        entry = self.entry
        if self.include_top is not True:
            total, trainable = entry["params"]
            return Params(trainable, total - trainable)
        if not isinstance(self.classes, int):
            return UNKNOWN_PARAMS
        if entry["top_flatten"] and input_shape is not None:
            size = entry["default_size"]
            if tuple(input_shape[1:3]) != (size, size):
                return UNKNOWN_PARAMS  # the first Dense reads a flattened map
        total, trainable = entry["top_params"]
        extra = (self.classes - 1000) * (entry["top_features"] + 1)
        return Params(trainable + extra, total - trainable)


def backbone(builder: str, kwargs: dict[str, Any]) -> Backbone:
    """A Backbone from a builder's keyword arguments (positional ones mapped by
    the caller), defaults as Keras' builders have them."""
    default_width = all(
        kwargs.get(arg, _DEFAULTS[arg]) == _DEFAULTS[arg]
        for arg in _WIDTH_ARGUMENTS
        if arg in kwargs
    )
    return Backbone(
        builder=builder,
        include_top=kwargs.get("include_top", True),
        pooling=kwargs.get("pooling"),
        classes=kwargs.get("classes", 1000),
        weights=kwargs.get("weights", "imagenet"),
        default_width=default_width,
        alpha=kwargs.get("alpha", 1.0),
        explicit_name=kwargs.get("name"),
    )


#: The positional order shared by the builders (keras/src/applications/*.py).
POSITIONAL = ("include_top", "weights", "input_tensor", "input_shape", "pooling", "classes")
