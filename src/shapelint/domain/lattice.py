"""Joining two abstract values: what is known to hold on both of two paths."""

from __future__ import annotations

from typing import Any

from shapelint.domain import arrays
from shapelint.domain.choices import choose, same_choice
from shapelint.domain.graph import Layer, Model, Mutator, Tensor, Variable, join_tensors
from shapelint.domain.layer_config import UNKNOWN_PARAMS, Params
from shapelint.domain.shapes import Sym
from shapelint.domain.shapes import join_shapes as join_shape
from shapelint.domain.training import Compiled, Loss, Metric
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers
from shapelint.domain.values import MISSING, UNKNOWN, ModuleRef, Opaque

_SCALARS = (int, float, str, bytes, bool, type(None), complex)


def join(a: Any, b: Any) -> Any:
    if a is b:
        return a
    # A name bound on one path only: using it on the other path would raise,
    # so wherever it is used it has the bound value.
    if a is MISSING:
        return b
    if b is MISSING:
        return a
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if isinstance(a, _SCALARS + (Sym,)) and isinstance(b, _SCALARS + (Sym,)):
        return a if type(a) is type(b) and a == b else UNKNOWN
    if isinstance(a, Opaque) and isinstance(b, Opaque):
        return a if a == b else UNKNOWN
    if isinstance(a, (UnlistedLayer, UnlistedLayers)) and type(a) is type(b):
        return a if a == b else UNKNOWN  # the same model's
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            return UNKNOWN
        return tuple(join(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        # the attributes of an instance, the items of a DictVal
        return {k: join(a.get(k, MISSING), b.get(k, MISSING)) for k in {**a, **b}}
    if isinstance(a, ModuleRef) and isinstance(b, ModuleRef):
        if a.path == b.path:
            # e.g. `try: from tensorflow import keras / except: import keras`
            return a if a.root == b.root else ModuleRef(a.path, "keras")
        return UNKNOWN
    if isinstance(a, Layer) and isinstance(b, Layer):
        choice = choose(a, b)  # `A() if c else B()`: one of two layer objects
        return UNKNOWN if choice is None else choice
    if isinstance(a, Variable) or isinstance(b, Variable):
        return UNKNOWN  # one of two weights: which one is counted is not known
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return join_tensors(a, b)
    if isinstance(a, Params) or isinstance(b, Params):  # a layer's or model's weights
        return a if a == b else UNKNOWN_PARAMS
    if isinstance(a, arrays.ArrayVal) and isinstance(b, arrays.ArrayVal):
        return arrays.join(a, b)
    if _is_data_config(a) and type(a) is type(b):
        return a if a == b else UNKNOWN
    return UNKNOWN


def _is_data_config(value: Any) -> bool:
    """A compiled model's loss (domain.training): immutable, compared by value."""
    return isinstance(value, (Loss, Metric, Compiled))


def join_sequence(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    """Two versions of an ordered collection (a Sequential's layers): their
    common prefix, then the rest of each, in order."""
    n = 0
    while n < min(len(a), len(b)) and a[n] is b[n]:
        n += 1
    tail = list(a[n:])
    tail.extend(x for x in b[n:] if all(x is not y for y in tail))
    return (*a[:n], *tail)


#: A model's flags that hold after two paths when they hold after either
#: (graph.Model: its layers' flags unknown, an input shape Keras 2 relaxes).
_EITHER_PATH_FLAGS = frozenset({"unlisted_flags", "input_inferred"})

#: What a Keras object's bookkeeping holds when two paths disagree on it.
_UNKNOWN_STATE = {
    "first_outputs": (),
    "built_inputs": None,
    "inputs": (),
    "outputs": (),
    "input": None,
    "last": None,
}


def join_place(obj: Any, key: str, a: Any, b: Any) -> Any:
    """Join two values of one place. A Sequential's (or a subclass's) layer
    list keeps both versions' layers (the model is then marked indeterminate
    by the caller); the bookkeeping of layers and models keeps its type."""
    if isinstance(obj, (Model, Layer)):
        if (
            key in ("layers", "chain", "sublayers")
            and isinstance(a, tuple)
            and isinstance(b, tuple)
        ):
            return join_sequence(a, b)
        if key == "conditional" and isinstance(a, frozenset) and isinstance(b, frozenset):
            return a | b  # the layers added on some paths only, on either side
        if key in _EITHER_PATH_FLAGS:
            return a is True or b is True
        if key == "keras2_input":  # the sizes both paths' Keras 2 shapes share
            return b if a is None else a if b is None else join_shape(a, b)
        joined = join(a, b)
        if joined is UNKNOWN and key in _UNKNOWN_STATE:
            return Tensor(None) if key == "last" else _UNKNOWN_STATE[key]
        return joined
    if isinstance(obj, arrays.ArrayVal):
        return arrays.join_place(key, a, b)
    return join(a, b)


class Joiner:
    """``join_place`` for one join of the outcomes of alternatives, which
    notes the models whose layers differ between them: ``finish`` marks them
    indeterminate, with the layers added on some paths only conditional."""

    def __init__(self) -> None:
        self._models: list[Model] = []
        self._conditional: dict[int, set[int]] = {}

    def join_place(self, obj: Any, key: str, a: Any, b: Any) -> Any:
        if isinstance(obj, Model) and key == "layers" and a is not b:
            self._models.append(obj)
            ids_a = {id(x) for x in a} if isinstance(a, tuple) else set()
            ids_b = {id(x) for x in b} if isinstance(b, tuple) else set()
            self._conditional.setdefault(id(obj), set()).update(ids_a ^ ids_b)
        return join_place(obj, key, a, b)

    def finish(self, mutator: Mutator) -> None:
        for model in self._models:
            mutator.set(model, "indeterminate", True)
            extra = self._conditional.get(id(model), set())
            mutator.set(model, "conditional", model.conditional | frozenset(extra))


def same(a: Any, b: Any) -> bool:
    """Whether two values carry the same information (for loop fixpoints)."""
    if a is b:
        return True
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return a.shape == b.shape
    if isinstance(a, arrays.ArrayVal) and isinstance(b, arrays.ArrayVal):
        return arrays.same(a, b)
    if same_choice(a, b):
        return True
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, _SCALARS + (Sym, ModuleRef, Opaque)) and isinstance(
        b, _SCALARS + (Sym, ModuleRef, Opaque)
    ):
        return type(a) is type(b) and a == b
    return False


def havoc(mutator: Mutator, obj: Any, key: str, current: Any) -> None:
    """A place a loop changed an unknown number of times: what it holds after
    (a model changed so is indeterminate)."""
    mutator.set(obj, key, havoc_value(obj, key, current))
    if isinstance(obj, Model):
        mutator.set(obj, "indeterminate", True)


def havoc_value(obj: Any, key: str, current: Any) -> Any:
    """What a place holds after a loop changed it an unknown number of times."""
    if isinstance(obj, Model):
        if key == "last":
            return Tensor(None)
        if key == "own_params":
            return UNKNOWN_PARAMS
        return current  # layers/chain keep every version seen; the model is indeterminate
    if isinstance(current, dict):  # an instance's attributes
        return {k: UNKNOWN for k in current}
    if isinstance(obj, arrays.ArrayVal):
        return arrays.havoc(key)
    if isinstance(obj, Layer):
        return UNKNOWN_PARAMS if key == "params" else (None if key == "trainable" else current)
    return UNKNOWN
