"""Text and lookup preprocessing layers (StringLookup, IntegerLookup,
TextVectorization), after keras/src/layers/preprocessing/index_lookup.py and
text_vectorization.py: their output shapes, and their vocabulary when it is
given as a literal list (what ``vocabulary_size()`` and ``get_vocabulary()``
return, api/keras/lookups.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from shapelint.catalogue.base import LayerSpec
from shapelint.codes import INVALID_LAYER_ARGUMENT
from shapelint.domain.layer_config import LayerConfig, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import KerasVersion

_OUTPUT_MODES = {"binary": "multi_hot", "tf-idf": "tf_idf"}


def _output_mode(cfg: LayerConfig) -> Optional[str]:
    mode = cfg.get("output_mode", "int")
    if not isinstance(mode, str):
        return None
    mode = _OUTPUT_MODES.get(mode, mode)
    return mode if mode in ("int", "one_hot", "multi_hot", "count", "tf_idf") else None


def given_vocabulary(
    cfg: LayerConfig,
    mode: str,
    num_oov: Any,
    mask_token: Any,
    oov_token: Any,
) -> Optional[tuple[Any, ...]]:
    """``IndexLookup.get_vocabulary()`` for a vocabulary given as a literal
    list: the mask token (in "int" mode), the OOV tokens, then the given
    tokens, special tokens counted once (keras/src/layers/preprocessing/
    index_lookup.py, set_vocabulary); None when not known or Keras raises."""
    vocabulary = cfg.get("vocabulary")
    if not isinstance(vocabulary, (tuple, list)) or not vocabulary:
        return None
    if not is_int(num_oov) or num_oov < 0 or UNKNOWN in (mask_token, oov_token):
        return None
    items = list(vocabulary)
    if not all(isinstance(t, (str, int)) and not isinstance(t, bool) for t in items):
        return None
    oov_start = 1 if mask_token is not None and mode == "int" else 0
    start = oov_start + num_oov
    special = [mask_token] * oov_start + [oov_token] * num_oov
    tokens = items[start:] if items[:start] == special else items
    if len(set(tokens)) != len(tokens) or oov_token in tokens:
        return None  # Keras raises (repeated or misplaced special tokens)
    if mask_token is not None and mask_token in tokens:
        return None
    return (*special, *tokens)


def _vocabulary_size(
    cfg: LayerConfig,
    mode: str,
    num_oov: Any,
    mask_token: Any,
    oov_token: Any,
) -> Optional[int]:
    """``IndexLookup.vocabulary_size()`` for a vocabulary given as a literal list, or None."""
    vocabulary = given_vocabulary(cfg, mode, num_oov, mask_token, oov_token)
    return None if vocabulary is None else len(vocabulary)


def _lookup_depth(
    cfg: LayerConfig, mode: str, num_oov: Any, mask_token: Any, oov_token: Any
) -> Dim:
    """The size of the encoded axis: max_tokens when padded, else the
    vocabulary's size when the vocabulary is given (else unknown: Keras
    itself reports None until ``adapt``)."""
    max_tokens = cfg.get("max_tokens")
    pad = cfg.bool("pad_to_max_tokens", False)
    if pad is None or max_tokens is UNKNOWN:
        return None
    if pad:
        return max_tokens if is_int(max_tokens) else None
    size = _vocabulary_size(cfg, mode, num_oov, mask_token, oov_token)
    if size is not None and is_int(max_tokens) and size > max_tokens:
        return None
    return size


def _encode(shape: tuple[Dim, ...], mode: str, depth: Dim, last_is_none: bool) -> Shape:
    """``IndexLookup.compute_output_shape`` for the non-int modes."""
    if mode == "one_hot":
        last = shape[-1] if shape else None
        if len(shape) > 1 and last is None and not last_is_none:
            return None  # whether the last axis is 1 decides the rank
        if len(shape) > 1 and last == 1:
            return (*shape[:-1], depth)
        return (*shape, depth)
    return (*shape[:-1], depth)


class _Lookup(LayerSpec):
    """StringLookup and IntegerLookup: the input's shape in "int" mode, else
    the encoded axis (one per vocabulary entry) replaces or extends the last."""

    default_oov: ClassVar[Any] = "[UNK]"

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        mode = _output_mode(cfg)
        if mode == "int":
            return [shape]
        if shape is None or mode is None or cfg.bool("invert", False) is not False:
            return [None]
        depth = _lookup_depth(cfg, mode, *self.special_tokens(cfg))
        return [_encode(shape, mode, depth, last_is_none=False)]

    def adapt_tokens(self, cfg: LayerConfig, data: tuple[Any, ...]) -> Optional[list[Any]]:
        """The tokens ``adapt`` counts in a flat list of strings (StringLookup)
        or integers (IntegerLookup): the items themselves."""
        kind = int if self.name == "IntegerLookup" else str
        if not all(type(item) is kind for item in data):
            return None
        return list(data)

    def special_tokens(self, cfg: LayerConfig) -> tuple[Any, Any, Any]:
        """(num_oov_indices, mask_token, oov_token) as constructed."""
        return (
            cfg.get("num_oov_indices", 1),
            cfg.get("mask_token"),
            cfg.get("oov_token", self.default_oov),
        )


class StringLookup(_Lookup):
    name = "StringLookup"
    signature = (
        "max_tokens",
        "num_oov_indices",
        "mask_token",
        "oov_token",
        "vocabulary",
        "idf_weights",
        "invert",
        "output_mode",
        "pad_to_max_tokens",
    )


class IntegerLookup(_Lookup):
    name = "IntegerLookup"
    signature = (
        "max_tokens",
        "num_oov_indices",
        "mask_token",
        "oov_token",
        "vocabulary",
        "vocabulary_dtype",
        "idf_weights",
        "invert",
        "output_mode",
        "sparse",
        "pad_to_max_tokens",
    )
    default_oov = -1


class TextVectorization(LayerSpec):
    """ "int" mode: (batch, output_sequence_length); other modes split each
    string into tokens (a new axis of unknown length, unless ``split=None``)
    and encode them as a StringLookup with mask token "" and one OOV index."""

    name = "TextVectorization"
    signature = (
        "max_tokens",
        "standardize",
        "split",
        "ngrams",
        "output_mode",
        "output_sequence_length",
        "pad_to_max_tokens",
        "vocabulary",
    )

    def validate(self, cfg: LayerConfig) -> None:
        mode = _output_mode(cfg)
        length = cfg.get("output_sequence_length")
        if mode not in (None, "int") and length is not None and length is not UNKNOWN:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: output_sequence_length must not be set if output_mode is "
                f"not 'int' (output_mode={cfg.get('output_mode')!r})",
                "pad or truncate to a fixed length only in 'int' mode",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        mode = _output_mode(cfg)
        split = cfg.get("split", "whitespace")
        if not shape or mode is None:  # unknown, or rank 0 (model.build(()))
            return [None]
        depth = _lookup_depth(cfg, mode, *self.special_tokens(cfg))
        return cfg.per_version(
            lambda version: [
                _keras3_vectorized(cfg, shape, mode, split, depth)
                if version is KerasVersion.KERAS3
                else _keras2_vectorized(cfg, shape, mode, split, depth)
            ]
        )

    def special_tokens(self, cfg: LayerConfig) -> tuple[Any, Any, Any]:
        """Its StringLookup's (num_oov_indices, mask_token, oov_token)."""
        return (1, "", "[UNK]")

    def adapt_tokens(self, cfg: LayerConfig, data: tuple[Any, ...]) -> Optional[list[Any]]:
        """The tokens ``adapt`` counts in a flat list of ASCII strings:
        standardized, split and joined into n-grams as ``_preprocess`` does
        (tf.strings.lower lowers ASCII only; tf.strings.split splits on
        " \t\n\r\v\f"); None for other data or a callable step."""
        standardize = cfg.get("standardize", "lower_and_strip_punctuation")
        split = cfg.get("split", "whitespace")
        widths = _ngram_widths(cfg.get("ngrams"))
        if standardize not in _STANDARDIZE or split not in (None, "whitespace", "character"):
            return None
        if widths is None or not all(isinstance(text, str) and text.isascii() for text in data):
            return None
        tokens: list[str] = []
        for text in data:
            if standardize in ("lower", "lower_and_strip_punctuation"):
                text = text.lower()
            if standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
                text = text.translate(_STRIP_PUNCTUATION)
            words = [text] if split is None else _split(text, split)
            for width in widths:
                tokens.extend(" ".join(words[i : i + width]) for i in range(len(words) - width + 1))
        return tokens


#: The standardizations modelled (a callable one is not).
_STANDARDIZE = (None, "lower", "strip_punctuation", "lower_and_strip_punctuation")
#: What TextVectorization's punctuation regex removes (string.punctuation).
_STRIP_PUNCTUATION = str.maketrans("", "", "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'")
#: The whitespace tf.strings.split splits on (absl's ASCII whitespace).
_WHITESPACE = re.compile("[ \t\n\r\v\f]+")


def _split(text: str, split: str) -> list[str]:
    if split == "character":
        return list(text)
    return [word for word in _WHITESPACE.split(text) if word]


def _ngram_widths(ngrams: Any) -> Optional[tuple[int, ...]]:
    """TextVectorization's ``ngrams``: None is (1,), n is (1, ..., n)."""
    if ngrams is None:
        return (1,)
    if is_int(ngrams) and ngrams >= 1:
        return tuple(range(1, ngrams + 1))
    if isinstance(ngrams, tuple) and ngrams and all(is_int(n) and n >= 1 for n in ngrams):
        return ngrams
    return None


def layer_vocabulary(spec: LayerSpec, cfg: LayerConfig) -> Optional[tuple[Any, ...]]:
    """``get_vocabulary()`` of a StringLookup, IntegerLookup or
    TextVectorization built with a literal vocabulary (before any ``adapt`` or
    ``set_vocabulary``), or None."""
    if not isinstance(spec, (_Lookup, TextVectorization)):
        return None
    mode = _output_mode(cfg)
    if mode is None:
        return None
    return given_vocabulary(cfg, mode, *spec.special_tokens(cfg))


def adapted_vocabulary(spec: LayerSpec, cfg: LayerConfig, data: Any) -> Optional[tuple[Any, ...]]:
    """``get_vocabulary()`` after ``adapt(data)`` on a layer built without a
    vocabulary, for data given as a flat list of constants: the special
    tokens, then one item (its order not followed: UNKNOWN) per distinct token
    that is not a special one, at most ``max_tokens`` in all (index_lookup.py's
    finalize_state); None when not known."""
    if not isinstance(spec, (_Lookup, TextVectorization)):
        return None
    if not isinstance(data, tuple) or not data or cfg.get("vocabulary") is not None:
        return None
    mode = _output_mode(cfg)
    num_oov, mask_token, oov_token = spec.special_tokens(cfg)
    max_tokens = cfg.get("max_tokens")
    if mode is None or not is_int(num_oov) or UNKNOWN in (mask_token, oov_token):
        return None
    tokens = spec.adapt_tokens(cfg, data)
    if tokens is None or (max_tokens is not None and not is_int(max_tokens)):
        return None
    learnt = set(tokens) - {mask_token, oov_token}
    start = (1 if mask_token is not None and mode == "int" else 0) + num_oov
    if max_tokens:
        if max_tokens < start:
            return None
        kept = min(len(learnt), max_tokens - start)
    else:
        kept = len(learnt)
    special = [mask_token] * (start - num_oov) + [oov_token] * num_oov
    return (*special, *(UNKNOWN,) * kept)


def special_token_count(spec: LayerSpec, cfg: LayerConfig) -> Optional[int]:
    """How many special tokens (mask, then OOV) a lookup layer's vocabulary
    starts with (IndexLookup._token_start_index), or None."""
    if not isinstance(spec, (_Lookup, TextVectorization)):
        return None
    mode = _output_mode(cfg)
    num_oov, mask_token, _oov_token = spec.special_tokens(cfg)
    if mode is None or not is_int(num_oov) or mask_token is UNKNOWN:
        return None
    return (1 if mask_token is not None and mode == "int" else 0) + num_oov


def _keras3_vectorized(
    cfg: LayerConfig, shape: tuple[Dim, ...], mode: str, split: Any, depth: Dim
) -> Shape:
    if mode == "int":
        length = cfg.get("output_sequence_length")
        return (shape[0], length if is_int(length) else None)
    if split is UNKNOWN:
        return None
    last_is_none = False
    if split is None:
        if len(shape) <= 1:
            shape = (*shape, 1)
    else:
        shape = (*shape, None)
        last_is_none = True
    return _encode(shape, mode, depth, last_is_none)


def _keras2_vectorized(
    cfg: LayerConfig, shape: tuple[Dim, ...], mode: str, split: Any, depth: Dim
) -> Shape:
    """What tf-keras 2.21 builds (it squeezes a (batch, 1) input before
    splitting); unknown for the inputs where it was not seen to build."""
    if split is UNKNOWN:
        return None
    if mode == "int":
        length = cfg.get("output_sequence_length")
        if split is None:
            return shape if length is None else None
        if len(shape) == 1 or (len(shape) == 2 and shape[1] == 1):
            return (shape[0], length if is_int(length) else None)
        return None
    if len(shape) == 2 and (split is None or shape[1] == 1):
        return (shape[0], depth)
    if len(shape) == 1 and split is not None:
        return (shape[0], depth)
    return None


SPECS = (StringLookup, IntegerLookup, TextVectorization)
