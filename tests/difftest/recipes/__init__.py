"""Layer recipes: how to write valid and broken calls of each Keras layer.

One module per layer family (mirroring ``src/shapelint/catalogue/``); each
module lists its recipes in ``RECIPES``. Every module of this package is
discovered, so adding a family is adding a module. To add a layer:

1. subclass :class:`Recipe` (or a family base in the module) with ``layer``
   (the catalogue name), ``signature`` (Keras 3's positional parameter names,
   in order; checked against Keras by ``tests/test_differential.py``),
   ``ranks`` (input ranks, batch axis included, that it accepts);
2. implement :meth:`Recipe.valid` (a call Keras accepts on ``shape``, with
   the predicted output shape) and, where Keras rejects some arguments or
   inputs, :meth:`Recipe.broken`;
3. add it to the module's ``RECIPES``.

Merge layers (a list of tensors in) implement ``valid_merge``/``broken_merge``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar, Optional

from difftest.program import Call, Ctx, Shape


class Recipe:
    #: Catalogue (Keras 3) class name.
    layer: ClassVar[str] = ""
    #: The class its calls construct, when not ``layer`` (a cell's recipe
    #: writes ``RNN(cell)``); ``signature`` is that class's.
    writes: ClassVar[str] = ""
    #: Family, as the catalogue groups layers (bench table rows).
    family: ClassVar[str] = ""
    #: Keras 3's positional parameters, in order (a prefix of ``__init__``'s).
    signature: ClassVar[tuple[str, ...]] = ()
    #: Other names Keras exports for the same class (MaxPool2D, ...).
    aliases: ClassVar[tuple[str, ...]] = ()
    #: Input ranks (batch axis included) the layer accepts; None: any from 2.
    ranks: ClassVar[Optional[frozenset[int]]] = None
    #: Takes several tensors: ``layer([a, b])`` (call_style "list") or
    #: ``layer(a, b)`` / ``layer(query=a, value=b)`` ("args", with call_names).
    merge: ClassVar[bool] = False
    #: The name of the tensor parameter of the layer's ``call`` (``layer(inputs=x)``).
    call_keyword: ClassVar[str] = "inputs"
    call_style: ClassVar[str] = "list"
    call_names: ClassVar[tuple[str, ...]] = ()
    #: Its weights fix the input's feature size: calling the built layer on
    #: another feature size fails (Keras' InputSpec axes).
    fixes_features: ClassVar[bool] = False
    #: Relative weight when choosing among the recipes that fit.
    weight: ClassVar[float] = 1.0
    #: The kind of input it takes: "float" (numbers), "int" (integer
    #: inputs only), "string".
    input_kind: ClassVar[str] = "float"
    #: Takes float tensors only, not the integer ones a "float" layer may also
    #: take (Pipeline: Keras 3.15 fails on Pipeline([Activation("swish")])
    #: fed Hashing's int64 output, "DataType int64 not in list of allowed values").
    float_only: ClassVar[bool] = False
    #: The constructor takes no base-layer keywords (``trainable=``), as
    #: Keras' SpatialDropout layers.
    no_layer_kwargs: ClassVar[bool] = False

    def accepts(self, shape: Shape) -> bool:
        return len(shape) >= 2 if self.ranks is None else len(shape) in self.ranks

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        """A call Keras accepts on an input of ``shape`` (or None)."""
        return None

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        """A call Keras rejects (construction or on ``shape``), or None."""
        return None

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        return None

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        return None


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@lru_cache(maxsize=1)
def all_recipes() -> dict[str, Recipe]:
    """Every recipe, by layer name (each family module's ``RECIPES``)."""
    out: dict[str, Recipe] = {}
    for name in _modules():
        module = importlib.import_module(f"{__name__}.{name}")
        for cls in module.RECIPES:
            recipe = cls()
            assert recipe.layer not in out, f"two recipes for {recipe.layer}"
            out[recipe.layer] = recipe
    return out


#: Catalogue entries that are not layers a program creates by name.
NOT_GENERATED = {
    "InputLayer": "comes from keras.Input / the first-layer input shape",
    "Merge": "Keras 1's Merge: no Keras 1 to run the programs in",
    # Keras 3.15 builds no model holding it: its compute_output_spec returns its
    # input tensor itself, so a functional model (or a Sequential ending in it)
    # fails with "... is part of a cycle" and a Sequential with it inside has no
    # output; there is nothing to compare (tests/layer_cases_preprocessing.py
    # checks its entry).
    "Equalization": "Keras 3.15 cannot build a model holding it (a cycle)",
}


def missing_recipes(catalogue_names: Sequence[str]) -> list[str]:
    """Catalogue layers the generator cannot produce."""
    have = all_recipes()
    return sorted(n for n in catalogue_names if n not in have and n not in NOT_GENERATED)
