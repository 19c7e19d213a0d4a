"""The ``Operation`` class Keras 3 makes for an operation applied to a
KerasTensor (keras/src/ops/*.py: ``reshape`` returns ``Reshape(...)
.symbolic_call(x)``): it names the operation's row in ``model.summary()``
(``reshape (Reshape)``), and its snake-cased name takes the next number of
the counter Keras' layer names share (keras/src/utils/naming.py).

Read from keras/src/ops/ (tests/test_ops_keras.py checks every entry
against the class Keras 3.15.1 makes): the class is the operation's name in
CamelCase, except as listed.
"""

from __future__ import annotations

from typing import Optional

_EXCEPTIONS: dict[str, str] = {
    "abs": "Absolute",
    "conj": "Conjugate",
    "image.rgb_to_grayscale": "RGBToGrayscale",
    "image.rgb_to_hsv": "RGBToHSV",
    "image.hsv_to_rgb": "HSVToRGB",
}

#: Spellings that make an Operation of their own: ``keras.activations.relu``
#: applies keras/src/activations/activations.py's ``ReLU`` (named ``re_lu``).
_SPELLING_CLASSES: dict[str, str] = {"keras.activations.relu": "ReLU"}

#: Operations that make no Operation: they build a tensor of their own
#: (``zeros``, ``eye``) or read the static shape (``shape``).
_NONE = frozenset({"zeros", "ones", "empty", "eye", "identity", "shape"})


def operation_class(op: str, path: str = "") -> Optional[str]:
    """The class name of the Operation Keras 3 makes for ``op`` (a key of
    OPS under keras.ops) called as ``path``, None when it makes none."""
    if path in _SPELLING_CLASSES:
        return _SPELLING_CLASSES[path]
    if op in _NONE or op.startswith("random."):
        return None
    if op in _EXCEPTIONS:
        return _EXCEPTIONS[op]
    return "".join(part.capitalize() for part in op.rsplit(".", 1)[-1].split("_"))
