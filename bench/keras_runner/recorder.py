"""Every Keras model a script creates, and what Keras says about it at the end.

``Recorder.hook(keras.Model)`` wraps the class's ``__new__``, through which
every model is made (``Sequential``, ``Model(inputs, outputs)``, subclasses,
``keras.applications``), and keeps the model with the line of the script that
made it: the innermost frame of the script on the stack (for a model made in a
function, the ``Model(...)`` line in that function, as ``shapelint summary``
reports it). ``describe()`` is called once the script has stopped: a model's
numbers are those of its final state, and a model that was never built has
unknown counts in Keras too (``total`` None).
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from difftest.runner import count_weights, summary_shapes

#: More models than this from one script are not kept (a search over models).
MAX_MODELS = 300


@dataclass
class LayerRecord:
    name: str
    class_name: str
    #: As in shapelint's JSON: one shape as a list, several as a list of lists;
    #: None when Keras has none (a layer never called on a symbolic tensor).
    output_shape: Any
    params: Optional[int]


@dataclass
class ModelRecord:
    line: int
    class_name: str
    kind: str  # sequential | functional | subclassed
    name: str
    built: bool
    total: Optional[int]
    trainable: Optional[int]
    non_trainable: Optional[int]
    layers: list[LayerRecord] = field(default_factory=list)
    #: "load" or "clone": made by ``load_model``, ``clone_model``, ``from_config``...
    made_by: Optional[str] = None
    #: Why a number is missing (Keras raised when asked).
    note: Optional[str] = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Recorder:
    def __init__(self, script: str) -> None:
        #: The script's ``co_filename``.
        self.script = script
        #: (model, line, made_by)
        self.created: list[tuple[Any, int, Optional[str]]] = []
        #: Models made with no frame of the script on the stack.
        self.elsewhere = 0
        self._seen: set[int] = set()
        #: Every model seen, kept alive so that its id is not reused: a
        #: throwaway model (not recorded) freed at once would otherwise give
        #: its id to the next model, which would then be taken as seen.
        self._alive: list[Any] = []
        self._classes: tuple[type, ...] = ()

    def hook(self, model_class: Any) -> None:
        original = model_class.__new__
        recorder = self
        self._classes += (model_class,)

        def __new__(cls: Any, *args: Any, **kwargs: Any) -> Any:
            model = original(cls, *args, **kwargs)
            recorder.saw(model)
            return model

        model_class.__new__ = staticmethod(__new__)

    def saw(self, model: Any) -> None:
        if id(model) in self._seen:  # Model(...) dispatches to Functional(...)
            return
        self._seen.add(id(model))
        self._alive.append(model)
        made_by: set[str] = set()
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename != self.script:
            owner = frame.f_locals.get("self")
            if owner is not model and isinstance(owner, self._classes):
                # made by a method of another model: Keras 3 builds a
                # Sequential through a Functional of its own (again at every
                # ``add``), and a Model subclass called as Model(inputs,
                # outputs) makes a throwaway instance of itself
                return
            made_by.add(_made_by(frame.f_code) or "")
            frame = frame.f_back
        if frame is None:
            self.elsewhere += 1
        elif len(self.created) < MAX_MODELS:
            how = "load" if "load" in made_by else "clone" if "clone" in made_by else None
            self.created.append((model, frame.f_lineno, how))

    def describe(self) -> list[ModelRecord]:
        return [describe(model, line, made_by) for model, line, made_by in self.created]


def _made_by(code: Any) -> Optional[str]:
    """ "load" or "clone" when Keras code that deserialises or clones a model
    is on the stack (a model shapelint cannot read from the source)."""
    path = code.co_filename.replace("\\", "/")
    if "/saving/" in path or code.co_name in ("model_from_json", "model_from_yaml"):
        return "load"
    if path.endswith("/cloning.py") or code.co_name == "from_config":
        return "clone"
    return None


def _kind(model: Any) -> str:
    names = {c.__name__ for c in type(model).__mro__}
    if "Sequential" in names:
        return "sequential"
    if "Functional" in names:
        return "functional"
    return "subclassed"


def _json_shapes(shapes: tuple[Any, ...]) -> Any:
    as_lists = [list(s) for s in shapes]
    return as_lists[0] if len(as_lists) == 1 else as_lists


def _layer(layer: Any) -> LayerRecord:
    try:
        shape = _json_shapes(summary_shapes(layer))
    except Exception:
        shape = None
    try:
        params: Optional[int] = int(layer.count_params())
    except Exception:
        params = None
    return LayerRecord(str(layer.name), type(layer).__name__, shape, params)


def describe(model: Any, line: int, made_by: Optional[str] = None) -> ModelRecord:
    record = ModelRecord(
        line=line,
        made_by=made_by,
        class_name=type(model).__name__,
        kind=_kind(model),
        name=str(getattr(model, "name", "")),
        built=bool(getattr(model, "built", False)),
        total=None,
        trainable=None,
        non_trainable=None,
    )
    try:
        record.total = int(model.count_params())
        record.trainable = count_weights(model.trainable_weights)
        record.non_trainable = count_weights(model.non_trainable_weights)
    except Exception as e:
        record.note = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
    try:
        record.layers = [_layer(layer) for layer in model.layers]
    except Exception as e:
        record.note = record.note or f"layers: {type(e).__name__}"
    return record
