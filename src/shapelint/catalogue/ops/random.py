"""The random tensors of keras/src/random/random.py (``keras.random``): a
tensor of the ``shape`` asked for, or of its input's shape (``dropout``,
``shuffle``)."""

from __future__ import annotations

from shapelint.catalogue.ops.base import Engine, OpCall, OpModule, OpResult, Registrar, sig
from shapelint.catalogue.ops.operation_utils import of_shape

op = Registrar(OpModule.RANDOM)
SPECS = op.specs


_SEED = ("seed", None)
op.add(
    "random.uniform",
    sig("=shape", ("minval", 0.0), ("maxval", 1.0), ("dtype", None), _SEED),
    of_shape,
)
op.add(
    "random.normal", sig("=shape", ("mean", 0.0), ("stddev", 1.0), ("dtype", None), _SEED), of_shape
)
op.add(
    "random.truncated_normal",
    sig("=shape", ("mean", 0.0), ("stddev", 1.0), ("dtype", None), _SEED),
    of_shape,
)
op.add("random.randint", sig("=shape", "=minval", "=maxval", ("dtype", "int32"), _SEED), of_shape)


@op("random.dropout", sig("inputs", "=rate", ("noise_shape", None), _SEED))
def dropout(call: OpCall, engine: Engine) -> OpResult:
    return call.shape("inputs")


@op("random.shuffle", sig("x", ("axis", 0), _SEED))
def shuffle(call: OpCall, engine: Engine) -> OpResult:
    return call.shape("x")
