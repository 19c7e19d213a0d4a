"""Keras' default names of layers and operations (keras/src/utils/naming.py)."""

from __future__ import annotations

import re


def snake_case(name: str) -> str:
    """Keras' default name prefix of a class (``Conv2D`` -> ``conv2d``,
    ``GetItem`` -> ``get_item``)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
