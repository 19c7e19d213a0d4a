"""The vocabulary of Keras' lookup layers (StringLookup, IntegerLookup,
TextVectorization): ``vocabulary_size()`` and ``get_vocabulary()`` when the
vocabulary is given as a literal list or learnt by ``adapt`` from one, and
``adapt``/``set_vocabulary``/``load_assets``, which replace it (with data
shapelint does not follow, the vocabulary is then unknown). A size read so
(``Embedding(lookup.vocabulary_size(), 16)``) is Keras' number or unknown."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.keras.construction import to_plain
from shapelint.api.registry import DECLINED, Call, Registrations, Signature
from shapelint.catalogue.text_lookup import (
    adapted_vocabulary,
    layer_vocabulary,
    special_token_count,
)
from shapelint.domain import graph
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.values import UNKNOWN, ListVal

if TYPE_CHECKING:
    from shapelint.interp.context import Context


LOOKUP_METHODS = Registrations()
register = LOOKUP_METHODS.register


def _is_lookup(layer: Any) -> bool:
    return (
        isinstance(layer, graph.Layer)
        and layer.spec is not None
        and layer.spec.name in ("StringLookup", "IntegerLookup", "TextVectorization")
    )


def _vocabulary(layer: graph.Layer) -> Optional[tuple[Any, ...]]:
    """The layer's whole vocabulary (mask and OOV tokens first), or None."""
    if layer.invalid or layer.spec is None or layer.vocabulary is UNKNOWN:
        return None
    if layer.vocabulary is not None:
        return layer.vocabulary  # type: ignore[no-any-return]
    return layer_vocabulary(layer.spec, layer.config)


@register((graph.Layer, "vocabulary_size"))
def vocabulary_size(ev: Context, call: Call) -> Any:
    """``IndexLookup.vocabulary_size()``: the lookup table's size plus the mask
    and OOV indices (keras/src/layers/preprocessing/index_lookup.py)."""
    if not _is_lookup(call.obj):
        return DECLINED
    vocabulary = _vocabulary(call.obj)
    return UNKNOWN if vocabulary is None else len(vocabulary)


@register((graph.Layer, "get_vocabulary"), signature=Signature.of("include_special_tokens"))
def get_vocabulary(ev: Context, call: Call) -> Any:
    """``get_vocabulary(include_special_tokens=True)``: a list of the tokens;
    without the special tokens, those after the mask and OOV ones."""
    if not _is_lookup(call.obj):
        return DECLINED
    vocabulary = _vocabulary(call.obj)
    special = call.get("include_special_tokens", True)
    if vocabulary is None or not isinstance(special, bool):
        return ListVal(UNKNOWN)
    if not special:
        start = special_token_count(call.obj.spec, call.obj.config)
        if start is None:
            return ListVal(UNKNOWN)
        vocabulary = vocabulary[start:]
    return ListVal(vocabulary, birth=ev.born())


@register((graph.Layer, "set_vocabulary"), signature=Signature.of("vocabulary", "idf_weights"))
def set_vocabulary(ev: Context, call: Call) -> Any:
    """The vocabulary replaced: known when given as a literal list."""
    layer = call.obj
    if not _is_lookup(layer):
        return DECLINED
    given = to_plain(call.get("vocabulary", UNKNOWN))
    cfg = dataclasses.replace(layer.config, args={**layer.config.args, "vocabulary": given})
    vocabulary = layer_vocabulary(layer.spec, cfg) if not layer.invalid else None
    ev.trail.set(layer, "vocabulary", UNKNOWN if vocabulary is None else vocabulary)
    return None


@register((graph.Layer, "adapt"), signature=Signature.of("data", "*", "batch_size", "steps"))
def adapt(ev: Context, call: Call) -> Any:
    """A vocabulary learnt from data: known for a flat list of constants
    (catalogue.text_lookup.adapted_vocabulary) adapted by a layer built
    without a vocabulary (with one, Keras raises), else unknown from now on."""
    layer = call.obj
    if not _is_lookup(layer):
        return DECLINED
    learnt = None
    fresh = layer.vocabulary is None and not layer.invalid
    if fresh and call.get("batch_size") is None and call.get("steps") is None:
        learnt = adapted_vocabulary(layer.spec, layer.config, _items(call.get("data", UNKNOWN)))
    ev.trail.set(layer, "vocabulary", UNKNOWN if learnt is None else learnt)
    return None


def _items(data: Any) -> Any:
    """Data given as a literal list, or a tensor made from one, as a tuple."""
    if isinstance(data, ArrayVal):
        return data.literal if data.literal is not None else UNKNOWN
    return to_plain(data)


@register((graph.Layer, "load_assets"))
def load_assets(ev: Context, call: Call) -> Any:
    """A vocabulary read from files: unknown from now on."""
    if not _is_lookup(call.obj):
        return DECLINED
    ev.trail.set(call.obj, "vocabulary", UNKNOWN)
    return None
