"""Attention layers: Attention and AdditiveAttention (called on
``[query, value]`` or ``[query, value, key]``) and MultiHeadAttention
(called as ``mha(query, value)``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from difftest.program import Call, Ctx, Shape
from difftest.recipes import Recipe


class Attention(Recipe):
    layer = "Attention"
    family = "attention"
    signature = ("use_scale", "score_mode", "dropout")
    merge = True

    def _fits(self, shapes: Sequence[Shape]) -> bool:
        return 2 <= len(shapes) <= 3 and all(len(s) == 3 for s in shapes)

    def _params(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.4):
            params["use_scale"] = ctx.chance(0.6)
        if ctx.chance(0.3):
            params["score_mode"] = ctx.pick(("dot", "concat"))
        if ctx.chance(0.1):
            params["dropout"] = 0.1
        return params

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if not self._fits(shapes):
            return None
        query, value = shapes[0], shapes[1]
        return Call(self.layer, self._params(ctx), [(*query[:-1], value[-1])])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if ctx.chance(0.5):
            return Call(
                self.layer,
                {"score_mode": ctx.pick(("add", "Dot"))},
                None,
                "SL202",
                tags=("attention-score-mode",),
            )
        return None


class AdditiveAttention(Attention):
    layer = "AdditiveAttention"
    signature = ("use_scale", "dropout")

    def _params(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.3):
            params["use_scale"] = ctx.chance(0.5)
        return params

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        return None


class MultiHeadAttention(Recipe):
    layer = "MultiHeadAttention"
    family = "attention"
    signature = ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape")
    merge = True
    #: Called as ``mha(query, value[, key])``, not on a list.
    call_style = "args"
    call_names = ("query", "value", "key")

    def _fits(self, shapes: Sequence[Shape]) -> bool:
        return 2 <= len(shapes) <= 3 and all(len(s) == 3 for s in shapes)

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if not self._fits(shapes):
            return None
        if len(shapes) == 3 and shapes[1][1:-1] != shapes[2][1:-1]:
            return None
        params: dict[str, Any] = {
            "num_heads": ctx.pick((1, 2, 4)),
            "key_dim": ctx.pick((2, 4, 8)),
        }
        if ctx.chance(0.2):
            params["value_dim"] = ctx.pick((2, 3, 8))
        if ctx.chance(0.15):
            params["use_bias"] = False
        out = shapes[0]
        if ctx.chance(0.15):
            units = ctx.pick((3, 5, 8))
            params["output_shape"] = units if ctx.chance(0.5) else (units,)
            out = (*out[:-1], units)
        return Call(self.layer, params, [out])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len(shapes) == 3 and self._fits(shapes) and shapes[1][1:-1] != shapes[2][1:-1]:
            return Call(
                self.layer,
                {"num_heads": 2, "key_dim": 4},
                None,
                "SL104",
                tags=("mha-key-value-length",),
            )
        return None


class GroupedQueryAttention(Recipe):
    """``gqa(query, value[, key])``: the query's shape; the query's and the
    value's feature sizes must be equal, the value and the key equal but for
    their last axis; num_query_heads a multiple of num_key_value_heads."""

    layer = "GroupedQueryAttention"
    writes = "GroupQueryAttention"
    family = "attention"
    signature = (
        "head_dim",
        "num_query_heads",
        "num_key_value_heads",
        "dropout",
        "use_bias",
        "sliding_window",
        "flash_attention",
    )
    merge = True
    call_style = "args"
    call_names = ("query", "value", "key")

    def _fits(self, shapes: Sequence[Shape]) -> bool:
        return 2 <= len(shapes) <= 3 and all(len(s) == 3 for s in shapes)

    def _params(self, ctx: Ctx) -> dict[str, Any]:
        kv_heads = ctx.pick((1, 2))
        params: dict[str, Any] = {
            "head_dim": ctx.pick((2, 4, 8)),
            "num_query_heads": kv_heads * ctx.pick((1, 2)),
            "num_key_value_heads": kv_heads,
        }
        if ctx.chance(0.15):
            params["use_bias"] = False
        return params

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if not self._fits(shapes) or shapes[0][-1] != shapes[1][-1]:
            return None
        if len(shapes) == 3 and shapes[1][:-1] != shapes[2][:-1]:
            return None
        return Call(self.layer, self._params(ctx), [shapes[0]])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if self._fits(shapes) and shapes[0][-1] != shapes[1][-1] and ctx.chance(0.5):
            return Call(self.layer, self._params(ctx), None, "SL104", tags=("gqa-feature-sizes",))
        params = {"head_dim": 4, "num_query_heads": 3, "num_key_value_heads": 2}
        return Call(self.layer, params, None, "SL202", tags=("gqa-heads-not-divisible",))


RECIPES = (Attention, AdditiveAttention, MultiHeadAttention, GroupedQueryAttention)
