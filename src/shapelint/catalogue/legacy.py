"""Keras 1/2 spellings, in one place: legacy class names, keyword names and
values, Keras 1 positional signatures, and how a call is read when the two
API generations disagree.

Keras 1 wrote ``Convolution2D(nb_filter, nb_row, nb_col, border_mode=...,
subsample=..., dim_ordering=...)``; standalone Keras 2 still accepted three
positional ints as (filters, rows, cols) through its legacy-interface
converters, while tf.keras and Keras 3 read the third positional argument as
``strides``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from shapelint.domain.layer_config import CHANNELS_FIRST, CHANNELS_LAST
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import KERAS1, KERAS3, KerasVersion, Versions

#: Legacy and alias class names -> canonical Keras 3 class name.
CLASS_ALIASES: dict[str, str] = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
    "Conv1d": "Conv1D",
    "Convolution1DTranspose": "Conv1DTranspose",
    "Convolution2DTranspose": "Conv2DTranspose",
    "Convolution3DTranspose": "Conv3DTranspose",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D",
    "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D",
    "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D",
    # Keras 3 exports GroupedQueryAttention under this name only.
    "GroupQueryAttention": "GroupedQueryAttention",
}

#: Keras 1 positional parameter names, where they differ from Keras 3's.
KERAS1_SIGNATURES: dict[str, tuple[str, ...]] = {
    "Conv1D": (
        "nb_filter",
        "filter_length",
        "init",
        "activation",
        "weights",
        "border_mode",
        "subsample_length",
    ),
    "Conv2D": (
        "nb_filter",
        "nb_row",
        "nb_col",
        "init",
        "activation",
        "weights",
        "border_mode",
        "subsample",
        "dim_ordering",
    ),
    "Conv3D": (
        "nb_filter",
        "kernel_dim1",
        "kernel_dim2",
        "kernel_dim3",
        "init",
        "activation",
        "weights",
        "border_mode",
        "subsample",
        "dim_ordering",
    ),
    # Keras 1 Deconvolution2D required the output shape it was meant to produce.
    "Conv2DTranspose": (
        "nb_filter",
        "nb_row",
        "nb_col",
        "output_shape",
        "init",
        "activation",
        "weights",
        "border_mode",
        "subsample",
        "dim_ordering",
    ),
    "SeparableConv2D": (
        "nb_filter",
        "nb_row",
        "nb_col",
        "init",
        "activation",
        "weights",
        "border_mode",
        "subsample",
        "depth_multiplier",
        "dim_ordering",
    ),
    "MaxPooling1D": ("pool_length", "stride", "border_mode"),
    "AveragePooling1D": ("pool_length", "stride", "border_mode"),
    "Dense": ("output_dim", "init", "activation"),
    "SimpleRNN": ("output_dim", "init", "inner_init", "activation"),
    "LSTM": ("output_dim", "init", "inner_init", "forget_bias_init", "activation"),
    "GRU": ("output_dim", "init", "inner_init", "activation"),
    "Dropout": ("p",),
    "Embedding": ("input_dim", "output_dim", "init"),
    "BatchNormalization": ("epsilon", "mode", "axis", "momentum"),
}

#: Keyword names that exist only in Keras 1 (their presence decides the reading).
KERAS1_ONLY_KEYWORDS = frozenset(
    {
        "border_mode",
        "subsample",
        "subsample_length",
        "nb_filter",
        "nb_row",
        "nb_col",
        "filter_length",
        "init",
        "inner_init",
        "dim_ordering",
        "pool_length",
        "atrous_rate",
        "W_regularizer",
        "b_regularizer",
        "W_constraint",
        "b_constraint",
        "consume_less",
        "kernel_dim1",
    }
)

#: Keras 1 keyword -> Keras 3 keyword, for every layer.
_KEYWORD_RENAMES: dict[str, str] = {
    "border_mode": "padding",
    "subsample": "strides",
    "subsample_length": "strides",
    "stride": "strides",
    "nb_filter": "filters",
    "filter_length": "kernel_size",
    "pool_length": "pool_size",
    "init": "kernel_initializer",
    "inner_init": "recurrent_initializer",
    "dim_ordering": "data_format",
    "atrous_rate": "dilation_rate",
    "bias": "use_bias",
    "p": "rate",
}

#: Keyword renames that apply to some layers only.
_LAYER_KEYWORD_RENAMES: dict[str, dict[str, str]] = {
    "Dense": {"output_dim": "units"},
    "SimpleRNN": {"output_dim": "units"},
    "LSTM": {"output_dim": "units"},
    "GRU": {"output_dim": "units"},
    # Keras 1 UpSampling1D(length=2) and GaussianNoise(sigma=...).
    "UpSampling1D": {"length": "size"},
    "GaussianNoise": {"sigma": "stddev"},
}

#: Keras 1 wrote the drop rate of these as ``p``.
_DROPOUT_CLASSES = frozenset(
    {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout"}
)

#: Keras 1 layers whose ``bias=`` is Keras 2+'s ``use_bias=``.
_BIAS_CLASSES = frozenset(
    {"Dense", "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D"}
)

_DIM_ORDERING = {"th": CHANNELS_FIRST, "tf": CHANNELS_LAST}


def canonical_class(name: str) -> str:
    return CLASS_ALIASES.get(name, name)


def uses_keras1_keywords(canonical: str, keywords: dict[str, Any]) -> bool:
    """Keras-1-only keywords (``output_dim`` counts except on Embedding, where
    Keras 3 still has it)."""
    return any(k in KERAS1_ONLY_KEYWORDS for k in keywords) or (
        "output_dim" in keywords and canonical != "Embedding"
    )


def normalize_keywords(canonical: str, keywords: dict[str, Any]) -> dict[str, Any]:
    """Rename Keras 1 keywords (and translate their values) to Keras 3's."""
    renames = _LAYER_KEYWORD_RENAMES.get(canonical, {})
    out: dict[str, Any] = {}
    rows = cols = None
    kernel_dims: dict[str, Any] = {}
    for key, value in keywords.items():
        if key == "nb_row":
            rows = value
            continue
        if key == "nb_col":
            cols = value
            continue
        if key.startswith("kernel_dim"):
            kernel_dims[key] = value
            continue
        new = renames.get(key) or _KEYWORD_RENAMES.get(key, key)
        if key == "dim_ordering":
            value = _DIM_ORDERING.get(value) if isinstance(value, str) else UNKNOWN
            if value is None:  # 'default': the format in force
                continue
        if key == "bias" and canonical not in _BIAS_CLASSES:
            new = key
        if key == "p" and canonical not in _DROPOUT_CLASSES:
            new = key
        out.setdefault(new, value)
    if rows is not None or cols is not None:
        out["kernel_size"] = (
            rows if rows is not None else UNKNOWN,
            cols if cols is not None else UNKNOWN,
        )
    if kernel_dims:
        out["kernel_size"] = tuple(kernel_dims.get(f"kernel_dim{i}", UNKNOWN) for i in (1, 2, 3))
    if canonical in ("Conv1D", "MaxPooling1D", "AveragePooling1D") and "input_dim" in out:
        # Keras 1/2 Conv1D(input_dim=, input_length=) means input (length, dim).
        out.setdefault("input_shape", (out.pop("input_length", None), out.pop("input_dim")))
    return out


@dataclass(frozen=True)
class Reading:
    """How a call is read.

    ``versions`` are the Keras versions the call may run on (version-dependent
    defaults and checks follow them); ``legacy_positional`` picks the Keras 1
    positional signature (for Keras 2 and 3: only the Conv2D/Conv3D
    nb_row/nb_col form that standalone Keras 2's legacy-interface converters
    accepted).
    """

    versions: Versions
    legacy_positional: bool = False
    #: When set, the other generation would read the call differently: says how.
    ambiguity: Optional[str] = None


def positional_names(canonical: str, reading: Reading, modern: tuple[str, ...]) -> tuple[str, ...]:
    if not reading.legacy_positional or canonical not in KERAS1_SIGNATURES:
        return modern
    if reading.versions == KERAS1 or canonical in ("Conv2D", "Conv3D"):
        return KERAS1_SIGNATURES[canonical]
    return modern


def choose_reading(
    written_name: str,
    canonical: str,
    positional: list[Any],
    keywords: dict[str, Any],
    module_root: str,
    file_versions: Versions,
    configured: Optional[KerasVersion],
) -> Reading:
    """Decide between the Keras 1 and the modern positional signature.

    ``module_root`` is where the class was imported from: "keras" (standalone),
    "tensorflow" or "tf_keras". ``file_versions`` are the versions the file
    may run on; ``configured`` is the config's keras-version.
    """
    if configured is KerasVersion.KERAS1:
        return Reading(file_versions, legacy_positional=True)
    if configured is KerasVersion.KERAS2:
        # standalone Keras 2's legacy converters read three positional sizes
        # as (filters, rows, cols); tf.keras 2 has none
        legacy = module_root == "keras" and _conv_positional_is_ambiguous(canonical, positional)
        return Reading(file_versions, legacy_positional=legacy)
    if configured is KerasVersion.KERAS3:
        return Reading(file_versions)
    if file_versions == KERAS1 or uses_keras1_keywords(canonical, keywords):
        return Reading(KERAS1, legacy_positional=True)
    if file_versions == KERAS3 or not _conv_positional_is_ambiguous(canonical, positional):
        return Reading(file_versions)
    if module_root == "keras":
        return Reading(
            file_versions,
            True,
            _explain(written_name, canonical, positional, chosen=KerasVersion.KERAS1),
        )
    if written_name.startswith("Convolution"):
        return Reading(
            file_versions,
            False,
            _explain(written_name, canonical, positional, chosen=KerasVersion.KERAS3),
        )
    return Reading(file_versions)


def _conv_positional_is_ambiguous(canonical: str, positional: list[Any]) -> bool:
    if canonical == "Conv2D":
        extra = positional[2:3]
    elif canonical == "Conv3D":
        extra = positional[2:4]
    else:
        return False
    # Keras 1 read (nb_filter, nb_row, nb_col): only plain sizes qualify.
    sizes = positional[1 : 1 + len(extra) + 1]
    return bool(extra) and all(is_int(v) or v is UNKNOWN for v in sizes)


def _explain(written: str, canonical: str, positional: list[Any], chosen: KerasVersion) -> str:
    n = 2 if canonical == "Conv2D" else 3
    dims = [_show(v) for v in positional[1 : 1 + n]]
    kernel = f"kernel_size=({', '.join(dims)})"
    rest = ", ".join(_show(v) for v in positional[2 : 1 + n])
    strides = f"strides={rest}" if n == 2 else f"strides={_show(positional[2])}, padding={rest}"
    call = f"{written}({', '.join(_show(v) for v in positional[: 1 + n])})"
    if chosen is KerasVersion.KERAS1:
        return (
            f"{call} was read with the Keras 1/2 signature as {kernel} (standalone keras "
            f"import); tf.keras and Keras 3 read it as {strides}: write {kernel} explicitly, "
            "or set keras-version in [tool.shapelint]"
        )
    return (
        f"{call} was read with the tf.keras/Keras 3 signature as {strides}; did you mean "
        f"{kernel}? Write the keyword explicitly, or set keras-version in [tool.shapelint]"
    )


def _show(v: Any) -> str:
    return "?" if v is UNKNOWN else repr(v)


def one_d_data_format(canonical: str, reading: Reading, in_force: Any) -> Any:
    """The image data format a layer is created under: Keras 1 and 2 create
    1-D layers channels_last whatever the format in force, Keras 3 gives them
    that format; unknown where the versions the call may run on differ."""
    if not canonical.endswith("1D"):
        return in_force
    if KerasVersion.KERAS3 not in reading.versions:
        return CHANNELS_LAST
    if reading.versions == KERAS3 or in_force == CHANNELS_LAST:
        return in_force
    return UNKNOWN
