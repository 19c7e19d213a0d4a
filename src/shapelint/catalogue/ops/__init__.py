"""The operation catalogue: one entry per tensor operation, mirroring
keras/src/ops/{numpy,nn,image,core,math}.py and ``keras.random``, plus the
TensorFlow functions
whose semantics differ from their ``keras.ops`` twin (``tensorflow.py``), and
the spellings that reach them (``spellings.py``: ``keras.ops.*``, ``tf.*``,
``K.*``, tensor methods, operators).

Not imported at start-up: only code that evaluates operations imports it.

    spec = OPS["reshape"]
    call = OpCall(spec_args, label="tf.reshape")
    spec.output(call)          # a Shape, Tensors, Sizes or a size; ShapeError
"""

from __future__ import annotations

from typing import Optional

from shapelint.catalogue.ops import (
    core,
    einsum,
    image,
    indexing,
    math,
    nn,
    numpy,
    random,
    tensorflow,
)
from shapelint.catalogue.ops.base import OpSpec
from shapelint.catalogue.ops.spellings import SPELLINGS, Spelling

_MODULES = (numpy, einsum, indexing, nn, image, core, math, random, tensorflow)


def _build_registry() -> dict[str, OpSpec]:
    registry: dict[str, OpSpec] = {}
    for module in _MODULES:
        for spec in module.SPECS:
            if spec.name in registry:
                raise RuntimeError(f"operation {spec.name!r} is defined twice")
            registry[spec.name] = spec
    return registry


OPS: dict[str, OpSpec] = _build_registry()


def spelling(path: str) -> Optional[Spelling]:
    """The spelling of a dotted path (``keras.ops.reshape``,
    ``tensorflow.reduce_sum``, ``keras.backend.sum``), None if not one."""
    return SPELLINGS.get(path)


__all__ = ["OPS", "SPELLINGS", "OpSpec", "Spelling", "spelling"]
