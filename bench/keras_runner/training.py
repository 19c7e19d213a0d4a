"""Training, evaluation and prediction that return at once.

``install(keras)`` replaces the methods of ``keras.Model`` (Keras 3 or
tf-keras) that would train or infer over a data set. A model that is not built
yet is first built as the real call builds it: by the real method itself, run
on the first batch of the data it was given (of the real batch size: Keras
shows that size in the shapes of a model built by ``fit``), one step, no
callbacks, no validation. Keras raises there where the real call would raise.
Then the method returns a value of the right form without touching the rest of
the data:

- ``fit`` (and ``fit_generator``): a ``History`` whose every metric is a list
  of zeros, one per epoch;
- ``evaluate``, ``train_on_batch``, ``test_on_batch`` (and
  ``evaluate_generator``): zero for the loss and each metric named in
  ``compile`` (a float when there is none, a dict with ``return_dict=True``);
- ``predict`` (and ``predict_generator``): the model's output on the first
  batch, its first row repeated for every sample (a read-only view);
  ``predict_on_batch``: the model's output on the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import numpy as np

#: Keras' default batch size.
DEFAULT_BATCH = 32

#: Metric names given to ``compile``, by ``id`` of the model.
_METRICS: dict[int, tuple[str, ...]] = {}


def _is_array(x: Any) -> bool:
    shape = getattr(x, "shape", None)
    return shape is not None and hasattr(x, "__getitem__") and len(shape) >= 1


def _unpack(element: Any) -> Any:
    """The inputs of one element of a data set, as Keras unpacks ``(x, y, w)``."""
    if isinstance(element, list):
        element = tuple(element)
    if isinstance(element, tuple) and 1 <= len(element) <= 3:
        return element[0]
    return element


def _slice(x: Any, size: int) -> Any:
    if isinstance(x, dict):
        return {k: _slice(v, size) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(_is_array(e) for e in x):
        return type(x)(e[:size] for e in x)
    if _is_array(x):
        return x[:size]
    return np.asarray(x)[:size]


def samples(x: Any) -> Optional[int]:
    """How many samples arrays hold (None for a data set or generator)."""
    if isinstance(x, dict):
        x = next(iter(x.values()), None)
    if isinstance(x, (list, tuple)) and x and all(_is_array(e) for e in x):
        x = x[0]
    if _is_array(x):
        return int(x.shape[0])
    if isinstance(x, (list, tuple)):
        return len(x)
    return None


class OneBatch:
    """The first batch of what was given to fit/evaluate/predict, in a form
    the real method takes: arrays cut to one batch, a data set cut to one
    element, a generator that yields its first element once."""

    def __init__(self, x: Any, y: Any, batch_size: Optional[int]) -> None:
        self.x, self.y = x, y
        #: Keyword arguments for the real method: batch_size, or steps.
        self.kwargs: dict[str, Any] = {}
        n = samples(x)
        if x is None:
            return
        if n is not None:
            size = max(1, min(batch_size or DEFAULT_BATCH, n))
            self.x = _slice(x, size)
            self.y = None if y is None else _slice(y, size)
            self.kwargs = {"batch_size": size}
        elif hasattr(x, "take") and hasattr(x, "element_spec"):  # tf.data
            self.x = x.take(1)
        elif hasattr(x, "__next__"):  # a generator: its first element, once
            self._first = next(x)
            self.x = iter([self._first])
            self.kwargs = {"steps": 1}
        else:  # a Sequence / PyDataset
            self.kwargs = {"steps": 1}

    def inputs(self) -> Any:
        """The inputs of the batch, to call the model on."""
        if "batch_size" in self.kwargs:
            return self.x
        if hasattr(self.x, "__next__"):
            return _unpack(self._first)
        if hasattr(self.x, "__getitem__") and hasattr(self.x, "__len__"):
            return _unpack(self.x[0])
        return _unpack(next(iter(self.x)))


def meet_shapes(model: Any, batch: OneBatch) -> None:
    """What the real method does to a tf-keras Sequential whose input shape
    it inferred from data, for every batch it runs: meeting data of another
    shape, it rebuilds the model on the sizes both share, the others None
    (tf_keras/src/engine/sequential.py ``_build_graph_network_for_inferred_shape``;
    ``fit``'s validation data and a later ``evaluate`` on other data do it).
    Keras 3 keeps its first build, and has no such method."""
    see = getattr(model, "_build_graph_network_for_inferred_shape", None)
    if see is None or batch.x is None or not model.built:
        return
    try:
        inputs = batch.inputs()
    except (StopIteration, TypeError, IndexError, KeyError):
        return
    if _is_array(inputs):
        see(tuple(inputs.shape), getattr(inputs, "dtype", None))


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    return args[index] if len(args) > index else kwargs.get(name)


class ZeroHistory(dict):  # type: ignore[type-arg]
    """``History.history`` of a fit that did not run: zeros for any metric."""

    def __init__(self, epochs: int, names: tuple[str, ...]) -> None:
        super().__init__()
        self.epochs = epochs
        for name in ("loss", *names):
            self[name] = [0.0] * epochs
            self[f"val_{name}"] = [0.0] * epochs

    def __missing__(self, key: str) -> list[float]:
        return [0.0] * self.epochs


def _metric_name(metric: Any) -> str:
    if isinstance(metric, str):
        return metric
    return str(getattr(metric, "name", None) or getattr(metric, "__name__", "metric"))


def _metric_names(metrics: Any) -> tuple[str, ...]:
    if metrics is None:
        return ()
    if isinstance(metrics, dict):
        return tuple(n for v in metrics.values() for n in _metric_names(v))
    if isinstance(metrics, (list, tuple)):
        return tuple(n for m in metrics for n in _metric_names(m))
    return (_metric_name(metrics),)


def _scores(model: Any, return_dict: bool) -> Any:
    names = _METRICS.get(id(model), ())
    if return_dict:
        return {"loss": 0.0, **dict.fromkeys(names, 0.0)}
    return [0.0] * (1 + len(names)) if names else 0.0


def _repeat_first_row(outputs: Any, n: Optional[int]) -> Any:
    import tensorflow as tf

    def one(t: Any) -> Any:
        array = np.asarray(t)
        if n is None or array.ndim == 0:
            return array
        return np.broadcast_to(array[:1], (n, *array.shape[1:]))

    return tf.nest.map_structure(one, outputs)


def install(keras: Any) -> None:
    """Replace the training methods of ``keras.Model`` for this process."""
    model_class = keras.Model
    real = {
        name: getattr(model_class, name)
        for name in ("compile", "fit", "evaluate", "predict", "train_on_batch", "test_on_batch")
    }

    def compile(self: Any, *args: Any, **kwargs: Any) -> Any:
        metrics = _arg(args, kwargs, 3, "metrics")
        weighted = kwargs.get("weighted_metrics")
        _METRICS[id(self)] = _metric_names(metrics) + _metric_names(weighted)
        return real["compile"](self, *args, **kwargs)

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        x, y = _arg(args, kwargs, 0, "x"), _arg(args, kwargs, 1, "y")
        batch = OneBatch(x, y, _arg(args, kwargs, 2, "batch_size"))
        return _fit(self, batch, _arg(args, kwargs, 3, "epochs"), kwargs)

    def fit_generator(self: Any, *args: Any, **kwargs: Any) -> Any:
        batch = OneBatch(_arg(args, kwargs, 0, "generator"), None, None)
        return _fit(self, batch, _arg(args, kwargs, 2, "epochs"), kwargs)

    def _fit(self: Any, batch: OneBatch, epochs: Any, kwargs: dict[str, Any]) -> Any:
        if not self.built and batch.x is not None:
            steps = {"steps_per_epoch": 1} if "steps" in batch.kwargs else batch.kwargs
            real["fit"](
                self,
                batch.x,
                batch.y,
                epochs=1,
                verbose=0,
                shuffle=False,
                class_weight=kwargs.get("class_weight"),
                **steps,
            )
        else:
            meet_shapes(self, batch)
        validation = kwargs.get("validation_data")
        if isinstance(validation, (tuple, list)) and 2 <= len(validation) <= 3:
            meet_shapes(self, OneBatch(validation[0], None, kwargs.get("batch_size")))
        epochs = max(0, int(epochs or 1) - int(kwargs.get("initial_epoch") or 0))
        history = keras.callbacks.History()
        history.history = ZeroHistory(epochs, _METRICS.get(id(self), ()))
        history.epoch = list(range(epochs))
        history.params = {"epochs": epochs, "verbose": 0}
        for owner, name, value in ((history, "model", self), (self, "history", history)):
            try:
                setattr(owner, name, value)
            except (AttributeError, TypeError):
                pass
        return history

    def evaluate(self: Any, *args: Any, **kwargs: Any) -> Any:
        x, y = _arg(args, kwargs, 0, "x"), _arg(args, kwargs, 1, "y")
        batch = OneBatch(x, y, _arg(args, kwargs, 2, "batch_size"))
        return _evaluate(self, batch, bool(kwargs.get("return_dict")))

    def evaluate_generator(self: Any, *args: Any, **kwargs: Any) -> Any:
        return _evaluate(self, OneBatch(_arg(args, kwargs, 0, "generator"), None, None), False)

    def _evaluate(self: Any, batch: OneBatch, return_dict: bool) -> Any:
        if not self.built and batch.x is not None:
            real["evaluate"](self, batch.x, batch.y, verbose=0, **batch.kwargs)
        else:
            meet_shapes(self, batch)
        return _scores(self, return_dict)

    def on_batch(name: str) -> Callable[..., Any]:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            if not self.built:
                real[name](self, *args, **kwargs)
            else:
                meet_shapes(self, OneBatch(_arg(args, kwargs, 0, "x"), None, None))
            return _scores(self, bool(kwargs.get("return_dict")))

        return method

    def predict(self: Any, *args: Any, **kwargs: Any) -> Any:
        x = _arg(args, kwargs, 0, "x")
        return _predict(self, x, OneBatch(x, None, _arg(args, kwargs, 1, "batch_size")))

    def predict_generator(self: Any, *args: Any, **kwargs: Any) -> Any:
        x = _arg(args, kwargs, 0, "generator")
        return _predict(self, x, OneBatch(x, None, None))

    def _predict(self: Any, x: Any, batch: OneBatch) -> Any:
        if batch.x is None:
            return None
        if self.built:
            outputs = self(batch.inputs())
        else:
            outputs = real["predict"](self, batch.x, verbose=0, **batch.kwargs)
        return _repeat_first_row(outputs, samples(x))

    def predict_on_batch(self: Any, *args: Any, **kwargs: Any) -> Any:
        x = _arg(args, kwargs, 0, "x")
        if self.built:
            return _repeat_first_row(self(x), None)
        return real["predict"](self, x, verbose=0, batch_size=samples(x))

    replacements: dict[str, Callable[..., Any]] = {
        "compile": compile,
        "fit": fit,
        "evaluate": evaluate,
        "predict": predict,
        "train_on_batch": on_batch("train_on_batch"),
        "test_on_batch": on_batch("test_on_batch"),
        "predict_on_batch": predict_on_batch,
    }
    if hasattr(model_class, "fit_generator"):  # Keras 2
        replacements |= {
            "fit_generator": fit_generator,
            "evaluate_generator": evaluate_generator,
            "predict_generator": predict_generator,
        }
    for name, method in replacements.items():
        setattr(model_class, name, method)
