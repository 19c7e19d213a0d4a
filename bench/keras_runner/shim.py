"""``import keras`` served by tf-keras (Keras 2.21), for a Keras 2 script in a
child process whose parent has imported Keras 3.

``install()`` drops Keras 3 from ``sys.modules`` and puts a finder first on
``sys.meta_path`` that answers ``keras`` and every ``keras.X`` (and
``tensorflow.keras``, which TensorFlow 2.21 would serve from Keras 3) with the
tf-keras module of that name: the module object itself, so that
``keras.layers.Dense is tf_keras.layers.Dense``. Keras 2.x module paths that
tf-keras no longer has (``keras.layers.merge``, ``keras.engine.topology``, ...)
are served by the module that holds their names now (``LEGACY``). A name
neither has is a ``ModuleNotFoundError``, as in Keras 2."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType
from typing import Optional

_LAYER_MODULES = [
    "advanced_activations",
    "convolutional",
    "convolutional_recurrent",
    "core",
    "cudnn_recurrent",
    "embeddings",
    "local",
    "merge",
    "noise",
    "normalization",
    "pooling",
    "recurrent",
    "wrappers",
]

#: Keras 2.x modules that tf-keras has not kept, and where their names are now.
LEGACY: dict[str, str] = {
    **{f"layers.{name}": "tf_keras.layers" for name in _LAYER_MODULES},
    "engine": "tf_keras.layers",
    "engine.topology": "tf_keras.layers",
    "engine.base_layer": "tf_keras.layers",
    "engine.input_layer": "tf_keras.layers",
    "legacy": "tf_keras.layers",
    "utils.np_utils": "tf_keras.utils",
    "utils.data_utils": "tf_keras.utils",
    "utils.generic_utils": "tf_keras.utils",
    "utils.vis_utils": "tf_keras.utils",
}

_PREFIXES = ("keras", "tensorflow.keras")


class _Alias(importlib.abc.Loader):
    def __init__(self, target: ModuleType) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.target

    def exec_module(self, module: ModuleType) -> None:
        pass


class KerasToTfKeras(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        rest = _rest(fullname)
        if rest is None:
            return None
        module = _tf_keras_module(rest)
        if module is None:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return importlib.machinery.ModuleSpec(fullname, _Alias(module))


def _rest(fullname: str) -> Optional[str]:
    """The part after ``keras`` ("" for ``keras`` itself), or None."""
    for prefix in _PREFIXES:
        if fullname == prefix:
            return ""
        if fullname.startswith(prefix + "."):
            return fullname[len(prefix) + 1 :]
    return None


def _tf_keras_module(rest: str) -> Optional[ModuleType]:
    candidates = [LEGACY[rest]] if rest in LEGACY else []
    candidates += [f"tf_keras.{rest}", f"tf_keras.src.{rest}"] if rest else ["tf_keras"]
    for name in candidates:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def install() -> None:
    """From now on, in this process, ``keras`` is tf-keras."""
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    import tf_keras

    for name in [n for n in sys.modules if _rest(n) is not None]:
        del sys.modules[name]
    for rest, target in LEGACY.items():
        # ``from keras.utils import np_utils`` looks for an attribute first
        parent, _, leaf = f"tf_keras.{rest}".rpartition(".")
        try:
            module = importlib.import_module(parent)
        except ImportError:
            continue
        if not hasattr(module, leaf):
            setattr(module, leaf, importlib.import_module(target))
    sys.meta_path.insert(0, KerasToTfKeras())
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None:
        tensorflow.keras = tf_keras  # type: ignore[attr-defined]
