"""The layer catalogue: one entry per Keras layer class, grouped by family as
Keras groups them (keras/src/layers/<family>/), looked up by class name."""

from __future__ import annotations

from types import ModuleType
from typing import Optional

from shapelint.catalogue import (
    activations,
    attention,
    convolutional,
    core,
    image_preprocessing,
    keras_hub,
    merging,
    normalization,
    pooling,
    preprocessing,
    recurrent,
    regularization,
    reshaping,
    spectrograms,
    text_lookup,
    wrappers,
)
from shapelint.catalogue.base import LayerSpec
from shapelint.catalogue.legacy import canonical_class

#: Family -> the modules of its entries (a family as large as Keras'
#: preprocessing is split in several).
_FAMILIES: dict[str, tuple[ModuleType, ...]] = {
    "core": (core,),
    "convolutional": (convolutional,),
    "pooling": (pooling,),
    "recurrent": (recurrent,),
    "merging": (merging,),
    "normalization": (normalization,),
    "regularization": (regularization,),
    "reshaping": (reshaping,),
    "activations": (activations,),
    "attention": (attention,),
    "preprocessing": (preprocessing, text_lookup, image_preprocessing, spectrograms),
    "wrappers": (wrappers,),
}
#: The family name of KerasHub's entries (kept apart: Keras has no such classes).
KERAS_HUB_FAMILY = "KerasHub (keras_hub.layers, keras_nlp.layers)"


def _build_registry() -> dict[str, LayerSpec]:
    registry: dict[str, LayerSpec] = {}
    for family, modules in _FAMILIES.items():
        for module in modules:
            for spec_class in module.SPECS:
                spec_class.family = family
                registry[spec_class.name] = spec_class()
    return registry


def _keras_hub_registry() -> dict[str, LayerSpec]:
    registry: dict[str, LayerSpec] = {}
    for spec_class in keras_hub.SPECS:
        spec_class.family = KERAS_HUB_FAMILY
        registry[spec_class.name] = spec_class()
    for name in keras_hub.KERAS_CLASSES:
        registry[name] = LAYERS[name]
    return registry


LAYERS: dict[str, LayerSpec] = _build_registry()
#: KerasHub's layers with fixed shape rules (catalogue/keras_hub.py).
KERAS_HUB_LAYERS: dict[str, LayerSpec] = _keras_hub_registry()


def lookup(class_name: str, package: str = "keras") -> Optional[LayerSpec]:
    """The entry for a layer class name of Keras (legacy aliases included),
    or of KerasHub when ``package`` (the first part of the class's path) is
    ``keras_hub``."""
    if package == keras_hub.PACKAGE:
        return KERAS_HUB_LAYERS.get(class_name)
    return LAYERS.get(canonical_class(class_name))


def is_layer_name(class_name: str) -> bool:
    return canonical_class(class_name) in LAYERS
