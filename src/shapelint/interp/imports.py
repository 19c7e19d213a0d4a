"""Which module an imported name refers to, and whether it is Keras.

Every spelling of Keras is brought to one path that starts with ``keras``:
``tensorflow.keras.layers.Conv2D``, ``tf.keras.layers.Conv2D`` (after
``import tensorflow as tf``), ``tensorflow.python.keras...``,
``tf_keras.layers.Conv2D`` and ``keras.layers.convolutional.Convolution2D``
all become ``ModuleRef(path="keras.layers...", root=...)`` where ``root``
remembers which package it came through (it decides how legacy positional
signatures are read). The KerasHub layers the catalogue lists
(``keras_hub.layers.TransformerEncoder``, or ``keras_nlp.layers.`` its former
name) become ``keras_hub.layers.TransformerEncoder`` reached as Keras; the
rest of KerasHub is not followed.
"""

from __future__ import annotations

from typing import Optional

from shapelint.domain.values import ModuleRef

_KERAS_PREFIXES = (
    ("tensorflow.python.keras", "tensorflow"),
    ("tensorflow.contrib.keras", "tensorflow"),
    ("tensorflow.keras", "tensorflow"),
    ("tf_keras", "tf_keras"),
    ("keras", "keras"),
)


def module_ref(dotted: str) -> ModuleRef:
    """The reference for an absolute dotted module path."""
    for prefix, root in _KERAS_PREFIXES:
        if dotted == prefix or dotted.startswith(prefix + "."):
            return ModuleRef("keras" + dotted[len(prefix) :], root)
    if dotted.startswith(("keras_hub.", "keras_nlp.")):
        from shapelint.catalogue.keras_hub import layer_path  # only where KerasHub is named

        path = layer_path(dotted)
        if path is not None:
            return ModuleRef(path, "keras")
    return ModuleRef(dotted, "")


def attribute_ref(base: ModuleRef, name: str) -> ModuleRef:
    """``base.name``: ``tensorflow`` + ``keras`` enters Keras."""
    if not base.is_keras:
        return module_ref(f"{base.path}.{name}")
    return base.attr(name)


def import_binding(module: str, alias: Optional[str]) -> tuple[str, ModuleRef]:
    """``import a.b.c [as x]`` binds x to a.b.c, or a to the package a."""
    if alias:
        return alias, module_ref(module)
    top = module.split(".", 1)[0]
    return top, module_ref(top)


def from_import_binding(module: str, name: str) -> ModuleRef:
    return attribute_ref(module_ref(module), name)


def resolve_relative(package: Optional[str], level: int, module: Optional[str]) -> Optional[str]:
    """Absolute name of a relative import, or None when it cannot be known."""
    if level == 0:
        return module
    if package is None:
        return None
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    if module:
        base.append(module)
    return ".".join(base) if base else None
