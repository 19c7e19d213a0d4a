"""Every spelling that reaches an operation of the catalogue, as data:
``keras.ops`` (and its ``numpy``/``nn``/``image`` submodules), ``keras.random``,
TensorFlow
(``tf.*``, ``tf.math.*``, ``tf.nn.*``, ``tf.image.*``, ``tf.linalg.*``),
the Keras 2 backend (``K.*``), ``keras.activations``, the two methods a
KerasTensor has, and Python's operators.

Paths are written as the evaluator resolves names: ``tensorflow.reduce_sum``
for ``tf.reduce_sum``, ``keras.backend.sum`` for ``K.sum`` whatever package
it came through (``tf.keras.backend``, ``tf_keras.backend``, ``keras.backend``),
``Tensor.reshape`` for the method (its receiver is the first argument),
``operator.add`` for ``a + b`` (reflected operators swap their operands).

A spelling whose parameters differ from the operation's declares its own
signature and how its parameters map onto the operation's (``renames``);
parameters it lacks take the operation's defaults; ``replaces`` gives the
meaning of a value the spelling reads differently (``tf.argmax``'s
``axis=None`` is axis 0), ``sets`` the operation's parameters the spelling
fixes (``K.flatten`` is ``reshape(x, (-1,))``).

Where each namespace runs (``Namespace``): ``keras.ops``, the tensor methods
and ``keras.activations`` (in Keras 3) apply Keras' rule to the KerasTensors
of functional code; TensorFlow functions raise there in Keras 3 ("A
KerasTensor cannot be used as input to a TensorFlow function") and work in
tf.keras 2 (wrapped in a TFOpLambda layer, TensorFlow's rule); the backend
functions ``K.sum`` ... exist in Keras 2 (``keras.backend``, TensorFlow's
rule) and, in Keras 3, only as ``tf.keras.backend`` (TensorFlow functions:
they raise on a KerasTensor). Inside a layer's ``call()`` every spelling
gets TensorFlow tensors on the TensorFlow backend (TensorFlow's rule).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional

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
from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    Kind,
    OpModule,
    Param,
    Signature,
    sig,
)
from shapelint.versions import KerasVersion


class Namespace(Enum):
    KERAS_OPS = "keras.ops"
    KERAS_RANDOM = "keras.random"
    ACTIVATIONS = "keras.activations"
    TENSORFLOW = "tensorflow"
    BACKEND = "keras.backend"
    METHOD = "method"
    OPERATOR = "operator"


#: Under which engine a spelling runs on a KerasTensor of functional code,
#: per Keras version; missing: it raises there, or does not exist.
_ON_KERAS_TENSOR: dict[Namespace, dict[KerasVersion, Engine]] = {
    Namespace.KERAS_OPS: {KerasVersion.KERAS3: Engine.KERAS},
    # keras.random computes with the backend: a KerasTensor input raises
    Namespace.KERAS_RANDOM: {},
    Namespace.ACTIVATIONS: {KerasVersion.KERAS3: Engine.KERAS, KerasVersion.KERAS2: Engine.TF},
    Namespace.TENSORFLOW: {KerasVersion.KERAS2: Engine.TF},
    Namespace.BACKEND: {KerasVersion.KERAS2: Engine.TF},
    Namespace.METHOD: {KerasVersion.KERAS3: Engine.KERAS},
    Namespace.OPERATOR: {KerasVersion.KERAS3: Engine.KERAS, KerasVersion.KERAS2: Engine.TF},
}

#: Spellings that do otherwise on a Keras 3 KerasTensor than their namespace:
#: ``tf.keras.backend.int_shape`` reads its shape; ``keras.activations``'
#: hard_silu converts its input to a TensorFlow tensor first, and raises.
_KERAS3_EXCEPTIONS: dict[str, Optional[Engine]] = {
    "keras.backend.int_shape": Engine.KERAS,
    "keras.activations.hard_silu": None,
    "keras.activations.hard_swish": None,
}


@dataclass(frozen=True)
class Spelling:
    path: str
    #: The catalogue entry (a key of OPS).
    op: str
    namespace: Namespace
    #: The spelling's own parameters, when they differ from the operation's.
    signature: Optional[Signature] = None
    #: Its parameter -> the operation's.
    renames: tuple[tuple[str, str], ...] = ()
    #: (the operation's parameter, a value as the spelling reads it, what
    #: the operation calls it).
    replaces: tuple[tuple[str, Any, Any], ...] = ()
    #: Operation parameters the spelling fixes.
    sets: tuple[tuple[str, Any], ...] = ()
    #: The spelling a TensorFlow tensor dispatches to, when it is another
    #: (``a @ b`` is ``tf.matmul`` on TensorFlow tensors, ``keras.ops.matmul``
    #: on KerasTensors); its signature binds the same positional arguments.
    on_tf: Optional[str] = None

    def on_keras_tensor(self, version: KerasVersion) -> Optional[Engine]:
        """The engine a call on a KerasTensor of functional code runs under
        in ``version``; None where it raises or does not exist."""
        if version is KerasVersion.KERAS3 and self.path in _KERAS3_EXCEPTIONS:
            return _KERAS3_EXCEPTIONS[self.path]
        return _ON_KERAS_TENSOR[self.namespace].get(version)

    def inside_call(self) -> Optional[Engine]:
        """The engine a call inside a layer's ``call()`` runs under (Keras 3
        on the TensorFlow backend, or tf.keras 2); None where the spelling
        does not exist there (TensorFlow tensors have no ``reshape`` method)."""
        return None if self.namespace is Namespace.METHOD else Engine.TF

    @functools.cached_property
    def _renamed(self) -> dict[str, str]:
        return dict(self.renames)

    def bind(
        self,
        operation: Signature,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        open_call: bool = False,
    ) -> dict[str, Any]:
        """The call's arguments bound to the operation's parameters
        (BindError where Python raises TypeError)."""
        own = (self.signature or operation).bind(args, kwargs, open_call)
        renames = self._renamed
        names = operation.kinds
        out = {renames.get(k, k): v for k, v in own.items() if renames.get(k, k) in names}
        out.update(self.sets)
        for param in operation.params:
            out.setdefault(param.name, param.default)
        for name, spelled, meaning in self.replaces:
            value = out.get(name)
            if value is spelled or (value is not UNKNOWN and value == spelled):
                out[name] = meaning
        return out


def _renames(**pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple(pairs.items())


SPELLINGS: dict[str, Spelling] = {}


def _add(spelling: Spelling) -> None:
    if spelling.path in SPELLINGS:
        raise RuntimeError(f"spelling {spelling.path!r} is listed twice")
    SPELLINGS[spelling.path] = spelling


# -- keras.ops ---------------------------------------------------------------------


#: Other names Keras exports an operation's function under.
KERAS_OPS_ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}


def add_keras_ops(names_by_module: Mapping[OpModule, Sequence[str]]) -> None:
    """``keras.ops.<name>`` for every operation (and alias), plus the
    submodule Keras also exports it from (``keras.ops.numpy``,
    ``keras.ops.nn``); image operations only as ``keras.ops.image.<name>``."""
    aliases: dict[str, list[str]] = {}
    for alias, name in KERAS_OPS_ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    for module, names in names_by_module.items():
        for name in names:
            for spelled in (name, *aliases.get(name, ())):
                _add(Spelling(f"keras.ops.{spelled}", name, Namespace.KERAS_OPS))
                if module in (OpModule.NUMPY, OpModule.NN):
                    path = f"keras.ops.{module.value}.{spelled}"
                    _add(Spelling(path, name, Namespace.KERAS_OPS))


# -- TensorFlow ----------------------------------------------------------------------

_X = sig("x", ("name", None))
_XY = sig("x", "y", ("name", None))
_FEATURES = sig("features", ("name", None))
_REDUCE = sig("input_tensor", ("axis", None), ("keepdims", False), ("name", None))
_ARG_REDUCE = sig("input", ("axis", None), ("output_type", "int64"), ("name", None))
_SOFTMAX = sig("logits", ("axis", None), ("name", None))
_NHWC = (
    ("data_format", "NHWC", "channels_last"),
    ("data_format", "NCHW", "channels_first"),
)


def _tf(path: str, op: str, signature: Optional[Signature] = None, **options: Any) -> None:
    _add(Spelling(f"tensorflow.{path}", op, Namespace.TENSORFLOW, signature, **options))


def _tf_in(paths: Sequence[str], op: str, signature: Signature, **options: Any) -> None:
    for path in paths:
        _tf(path, op, signature, **options)


#: Element-wise TensorFlow functions ``f(x, name=None)`` -> operation.
_TF_UNARY = {
    ("exp", "math.exp"): "exp",
    ("sqrt", "math.sqrt"): "sqrt",
    ("abs", "math.abs"): "absolute",
    ("square", "math.square"): "square",
    ("math.log",): "log",
    ("math.log1p",): "log1p",
    ("math.expm1",): "expm1",
    ("math.rsqrt",): "rsqrt",
    ("math.reciprocal",): "reciprocal",
    ("negative", "math.negative"): "negative",
    ("sign", "math.sign"): "sign",
    ("floor", "math.floor"): "floor",
    ("math.ceil",): "ceil",
    ("round", "math.round"): "round",
    ("math.erf",): "erf",
    ("cos", "math.cos"): "cos",
    ("sin", "math.sin"): "sin",
    ("tan", "math.tan"): "tan",
    ("math.is_nan",): "isnan",
    ("math.is_inf",): "isinf",
    ("math.is_finite",): "isfinite",
    ("logical_not", "math.logical_not"): "logical_not",
    ("sigmoid", "math.sigmoid", "nn.sigmoid"): "sigmoid",
    ("tanh", "math.tanh", "nn.tanh"): "tanh",
    ("math.log_sigmoid",): "log_sigmoid",
}
for _paths, _op in _TF_UNARY.items():
    _tf_in(_paths, _op, _X)

#: TensorFlow activations ``f(features, name=None)`` -> operation.
_TF_FEATURES = {
    ("nn.relu",): "relu",
    ("nn.relu6",): "relu6",
    ("nn.elu",): "elu",
    ("nn.selu",): "selu",
    ("nn.softplus", "math.softplus"): "softplus",
    ("nn.softsign", "math.softsign"): "softsign",
}
for _paths, _op in _TF_FEATURES.items():
    _tf_in(_paths, _op, _FEATURES, renames=_renames(features="x"))
_tf_in(
    ("nn.silu", "nn.swish"), "silu", sig("features", ("beta", 1.0)), renames=_renames(features="x")
)
_tf(
    "nn.leaky_relu",
    "leaky_relu",
    sig("features", ("alpha", 0.2), ("name", None)),
    renames=_renames(features="x", alpha="negative_slope"),
)
_tf(
    "nn.gelu",
    "gelu",
    sig("features", ("approximate", False), ("name", None)),
    renames=_renames(features="x"),
)
for _path in ("nn.softmax", "math.softmax"):
    _tf(_path, "softmax", _SOFTMAX, renames=_renames(logits="x"), replaces=(("axis", None, -1),))
for _path in ("nn.log_softmax", "math.log_softmax"):
    _tf(
        _path,
        "log_softmax",
        _SOFTMAX,
        renames=_renames(logits="x"),
        replaces=(("axis", None, -1),),
    )
_tf_in(
    ("nn.l2_normalize", "math.l2_normalize"),
    "normalize",
    sig("x", ("axis", None), ("epsilon", 1e-12), ("name", None), ("dim", None)),
)

#: Broadcasting TensorFlow functions ``f(x, y, name=None)`` -> operation.
_TF_BINARY = {
    ("add", "math.add"): "add",
    ("subtract", "math.subtract"): "subtract",
    ("multiply", "math.multiply"): "multiply",
    ("divide", "math.divide", "truediv", "math.truediv"): "divide",
    ("math.divide_no_nan",): "divide_no_nan",
    ("math.floordiv",): "floor_divide",
    ("math.floormod", "math.mod"): "mod",
    ("pow", "math.pow"): "power",
    ("maximum", "math.maximum"): "maximum",
    ("minimum", "math.minimum"): "minimum",
    ("equal", "math.equal"): "equal",
    ("not_equal", "math.not_equal"): "not_equal",
    ("greater", "math.greater"): "greater",
    ("greater_equal", "math.greater_equal"): "greater_equal",
    ("less", "math.less"): "less",
    ("less_equal", "math.less_equal"): "less_equal",
    ("logical_and", "math.logical_and"): "logical_and",
    ("logical_or", "math.logical_or"): "logical_or",
}
for _paths, _op in _TF_BINARY.items():
    _tf_in(_paths, _op, _XY, renames=_renames(x="x1", y="x2"))
_tf(
    "math.logical_xor",
    "logical_xor",
    sig("x", "y", ("name", "LogicalXor")),
    renames=_renames(x="x1", y="x2"),
)
_tf_in(
    ("math.atan2", "atan2"),
    "arctan2",
    sig("y", "x", ("name", None)),
    renames=_renames(y="x1", x="x2"),
)
_tf(
    "where",
    "where",
    sig("condition", Param("x", None, Kind.TENSOR), Param("y", None, Kind.TENSOR), ("name", None)),
    renames=_renames(x="x1", y="x2"),
)

#: TensorFlow reductions ``f(input_tensor, axis=None, keepdims=False)``.
_TF_REDUCE = {
    ("reduce_sum", "math.reduce_sum"): "sum",
    ("reduce_mean", "math.reduce_mean"): "mean",
    ("reduce_max", "math.reduce_max"): "max",
    ("reduce_min", "math.reduce_min"): "min",
    ("reduce_prod", "math.reduce_prod"): "prod",
    ("reduce_any", "math.reduce_any"): "any",
    ("reduce_all", "math.reduce_all"): "all",
    ("math.reduce_std",): "std",
    ("math.reduce_variance",): "var",
    ("reduce_logsumexp", "math.reduce_logsumexp"): "logsumexp",
}
for _paths, _op in _TF_REDUCE.items():
    _tf_in(_paths, _op, _REDUCE, renames=_renames(input_tensor="x"))
for _paths, _op in ((("argmax", "math.argmax"), "argmax"), (("argmin", "math.argmin"), "argmin")):
    _tf_in(_paths, _op, _ARG_REDUCE, renames=_renames(input="x"), replaces=(("axis", None, 0),))

_tf(
    "concat",
    "concatenate",
    sig("*values", "=axis", ("name", "concat")),
    renames=_renames(values="xs"),
)
_tf("stack", "stack", sig("*values", ("axis", 0), ("name", "stack")), renames=_renames(values="x"))
_tf(
    "unstack",
    "unstack",
    sig("value", ("num", None), ("axis", 0), ("name", "unstack")),
    renames=_renames(value="x"),
)
_tf(
    "repeat",
    "repeat",
    sig("input", "=repeats", ("axis", None), ("name", None)),
    renames=_renames(input="x"),
)
_tf(
    "broadcast_to",
    "broadcast_to",
    sig("input", "=shape", ("name", None)),
    renames=_renames(input="x"),
)
_tf("roll", "roll", sig("input", "=shift", "=axis", ("name", None)), renames=_renames(input="x"))
_tf_in(
    ("cumsum", "math.cumsum"),
    "cumsum",
    sig("x", ("axis", 0), ("exclusive", False), ("reverse", False), ("name", None)),
)
_tf(
    "clip_by_value",
    "clip",
    sig("t", "=clip_value_min", "=clip_value_max", ("name", None)),
    renames=_renames(t="x", clip_value_min="x_min", clip_value_max="x_max"),
)
_tf("cast", "cast", sig("x", "=dtype", ("name", None)))
_tf(
    "convert_to_tensor",
    "convert_to_tensor",
    sig("value", ("dtype", None), ("dtype_hint", None), ("name", None)),
    renames=_renames(value="x"),
)
_tf(
    "stop_gradient",
    "stop_gradient",
    sig("input", ("name", None)),
    renames=_renames(input="variable"),
)
_tf("identity", "copy", sig("input", ("name", None)), renames=_renames(input="x"))
for _name in ("zeros_like", "ones_like"):
    _tf(
        _name,
        _name,
        sig("input", ("dtype", None), ("name", None), ("layout", None)),
        renames=_renames(input="x"),
    )
_tf_in(
    ("einsum", "linalg.einsum"),
    "einsum",
    Signature(
        (
            Param("equation"),
            Param("inputs", kind=Kind.VAR_TENSORS),
            Param("kwargs", kind=Kind.VAR_KEYWORD),
        )
    ),
    renames=_renames(equation="subscripts", inputs="operands"),
)
_tf(
    "one_hot",
    "one_hot",
    sig(
        "indices",
        "=depth",
        ("on_value", None),
        ("off_value", None),
        ("axis", None),
        ("dtype", None),
        ("name", None),
    ),
    renames=_renames(indices="x", depth="num_classes"),
    replaces=(("axis", None, -1),),
)
_tf_in(
    ("math.top_k", "nn.top_k"),
    "top_k",
    sig("input", ("k", 1), ("sorted", True), ("index_type", "int32"), ("name", None)),
    renames=_renames(input="x"),
)
_tf("math.in_top_k", "in_top_k", sig("targets", "predictions", "=k", ("name", None)))
_tf(
    "nn.moments", "moments", sig("x", "=axes", ("shift", None), ("keepdims", False), ("name", None))
)
_tf("image.rgb_to_grayscale", "image.rgb_to_grayscale", sig("images", ("name", None)))
for _name in ("nn.depth_to_space", "nn.space_to_depth"):
    _tf(
        _name,
        _name[3:],
        sig("input", "=block_size", ("data_format", "NHWC"), ("name", None)),
        renames=_renames(input="x"),
        replaces=_NHWC,
    )

#: TensorFlow functions with an entry of their own (tensorflow.py).
for _spec in tensorflow.SPECS:
    if _spec.name.startswith("tensorflow."):
        _add(Spelling(_spec.name, _spec.name, Namespace.TENSORFLOW))
_tf("linalg.matmul", "tensorflow.matmul")
_tf(
    "nn.dropout",
    "random.dropout",
    sig("x", "=rate", ("noise_shape", None), ("seed", None), ("name", None)),
    renames=_renames(x="inputs"),
)


# -- the Keras 2 backend, K.* ----------------------------------------------------------


def _k(name: str, op: str, signature: Optional[Signature] = None, **options: Any) -> None:
    _add(Spelling(f"keras.backend.{name}", op, Namespace.BACKEND, signature, **options))


_K_REDUCE = sig("x", ("axis", None), ("keepdims", False))
for _name in ("sum", "mean", "max", "min", "prod", "any", "all", "std", "var"):
    _k(_name, _name, _K_REDUCE)
for _name in ("argmax", "argmin"):
    _k(_name, _name, sig("x", ("axis", -1)), replaces=(("axis", None, 0),))
for _name in (
    "square",
    "sqrt",
    "exp",
    "log",
    "abs",
    "sign",
    "round",
    "sigmoid",
    "tanh",
    "softplus",
    "softsign",
    "cos",
    "sin",
):
    _k(_name, "absolute" if _name == "abs" else _name, sig("x"))
_k("relu", "relu", sig("x", ("alpha", 0.0), ("max_value", None), ("threshold", 0.0)))
_k("elu", "elu", sig("x", ("alpha", 1.0)))
_k("softmax", "softmax", sig("x", ("axis", -1)))
_k("reshape", "tensorflow.reshape", sig("x", "=shape"), renames=_renames(x="tensor"))
_k(
    "permute_dimensions",
    "tensorflow.transpose",
    sig("x", "=pattern"),
    renames=_renames(x="a", pattern="perm"),
)
_k("transpose", "tensorflow.transpose", sig("x"), renames=_renames(x="a"))
_k("expand_dims", "tensorflow.expand_dims", sig("x", ("axis", -1)), renames=_renames(x="input"))
_k("squeeze", "tensorflow.squeeze", sig("x", "=axis"), renames=_renames(x="input"))
_k("concatenate", "concatenate", sig("*tensors", ("axis", -1)), renames=_renames(tensors="xs"))
_k("stack", "stack", sig("*x", ("axis", 0)))
_k("tile", "tensorflow.tile", sig("x", "=n"), renames=_renames(x="input", n="multiples"))
_k("repeat_elements", "repeat", sig("x", "=rep", "=axis"), renames=_renames(rep="repeats"))
_k("one_hot", "one_hot", sig("indices", "=num_classes"), renames=_renames(indices="x"))
_k("cast", "cast", sig("x", "=dtype"))
_k("int_shape", "shape", sig("x"))
_k("shape", "tensorflow.shape", sig("x"), renames=_renames(x="input"))
_k("ndim", "keras.backend.ndim")
_k(
    "flatten",
    "tensorflow.reshape",
    sig("x"),
    renames=_renames(x="tensor"),
    sets=(("shape", (-1,)),),
)
_k("batch_flatten", "keras.backend.batch_flatten")
_k("l2_normalize", "normalize", sig("x", ("axis", None)))
_k("maximum", "maximum", sig("x", "y"), renames=_renames(x="x1", y="x2"))
_k("minimum", "minimum", sig("x", "y"), renames=_renames(x="x1", y="x2"))
_k("equal", "equal", sig("x", "y"), renames=_renames(x="x1", y="x2"))
_k("pow", "power", sig("x", "=a"), renames=_renames(x="x1", a="x2"))
_k(
    "clip",
    "clip",
    sig("x", "=min_value", "=max_value"),
    renames=_renames(min_value="x_min", max_value="x_max"),
)
_k("gather", "tensorflow.gather", sig("reference", "indices"), renames=_renames(reference="params"))
_k("cumsum", "cumsum", sig("x", ("axis", 0)))
_k("zeros_like", "zeros_like", sig("x", ("dtype", None), ("name", None)))
_k("ones_like", "ones_like", sig("x", ("dtype", None), ("name", None)))
_k("stop_gradient", "stop_gradient", sig("variables"), renames=_renames(variables="variable"))
_k("random_normal", "random.normal")
_k("random_uniform", "random.uniform")


# -- keras.activations (Keras 3's signatures) ---------------------------------------------


def _activation(name: str, op: str, signature: Signature) -> None:
    _add(Spelling(f"keras.activations.{name}", op, Namespace.ACTIVATIONS, signature))


_activation(
    "relu", "relu", sig("x", ("negative_slope", 0.0), ("max_value", None), ("threshold", 0.0))
)
_activation("softmax", "softmax", sig("x", ("axis", -1)))
_activation("log_softmax", "log_softmax", sig("x", ("axis", -1)))
_activation("gelu", "gelu", sig("x", ("approximate", False)))
_activation("leaky_relu", "leaky_relu", sig("x", ("negative_slope", 0.2)))
_activation("elu", "elu", sig("x", ("alpha", 1.0)))
_activation("exponential", "exp", sig("x"))
for _name in (
    "sigmoid",
    "tanh",
    "relu6",
    "selu",
    "softplus",
    "softsign",
    "silu",
    "hard_sigmoid",
    "hard_silu",
    "log_sigmoid",
):
    _activation(_name, _name, sig("x"))
_activation("swish", "silu", sig("x"))
_activation("hard_swish", "hard_silu", sig("x"))


# -- methods and operators ------------------------------------------------------------------

_add(Spelling("Tensor.reshape", "reshape", Namespace.METHOD))
_add(Spelling("Tensor.squeeze", "squeeze", Namespace.METHOD))

#: Python operators on a KerasTensor (keras/src/backend/common/keras_tensor.py)
#: -> operation; ``==`` is not one (a KerasTensor compares by identity).
OPERATORS = {
    "add": "add",
    "sub": "subtract",
    "mul": "multiply",
    "truediv": "true_divide",
    "floordiv": "floor_divide",
    "mod": "mod",
    "pow": "power",
    "matmul": "matmul",
    "lt": "less",
    "le": "less_equal",
    "gt": "greater",
    "ge": "greater_equal",
    "ne": "not_equal",
    "and_": "logical_and",
    "or_": "logical_or",
    "xor": "logical_xor",
    "neg": "negative",
    "abs": "absolute",
    "invert": "logical_not",
    "getitem": "get_item",
}
#: Operators whose TensorFlow tensor method is another operation.
_TF_OPERATORS = {"matmul": "tensorflow.matmul"}
for _name, _op in OPERATORS.items():
    _add(Spelling(f"operator.{_name}", _op, Namespace.OPERATOR, on_tf=_TF_OPERATORS.get(_name)))


def for_engine(spelling: Spelling, engine: Engine) -> Spelling:
    """The spelling a call runs as under ``engine`` (an operator on
    TensorFlow tensors is TensorFlow's)."""
    if engine is Engine.TF and spelling.on_tf is not None:
        return SPELLINGS[spelling.on_tf]
    return spelling


for _spec in random.SPECS:
    _add(Spelling(f"keras.{_spec.name}", _spec.name, Namespace.KERAS_RANDOM))

add_keras_ops(
    {
        OpModule.NUMPY: [s.name for m in (numpy, einsum, indexing) for s in m.SPECS],
        OpModule.NN: [s.name for s in nn.SPECS],
        OpModule.IMAGE: [s.name for s in image.SPECS],
        OpModule.CORE: [s.name for s in core.SPECS],
        OpModule.MATH: [s.name for s in math.SPECS],
    }
)
