"""The API's registry (api/registry.py): signatures bind as Python binds, a
name is registered once, ``under`` limits a name to a module, every model
named by a string resolves, and the prefilter's creator names are the
registrations marked ``creates``."""

from __future__ import annotations

from typing import Any

import pytest

from shapelint import catalogue, prefilter
from shapelint.api import tensorflow
from shapelint.api.keras import by_path, creators, objects
from shapelint.api.numpy import functions as numpy_functions
from shapelint.api.numpy import ndarray
from shapelint.api.pipelines import tensor_functions
from shapelint.api.registry import (
    DECLINED,
    Call,
    Registrations,
    Registry,
    Signature,
)
from shapelint.catalogue import applications
from shapelint.catalogue.legacy import CLASS_ALIASES
from shapelint.catalogue.merging import FUNCTIONAL_FORMS
from shapelint.domain import graph
from shapelint.domain.values import UNKNOWN, BoundMethod


def test_positional_then_keyword() -> None:
    sig = Signature.of("shape", "dtype")
    assert sig.bind([(2, 3)], {"dtype": "int32"}) == {"shape": (2, 3), "dtype": "int32"}
    # given both ways (Python's TypeError): the position wins
    assert sig.bind([(2,), "float32"], {"dtype": "int32"}) == {"shape": (2,), "dtype": "float32"}
    assert sig.bind([], {"other": 1}) == {}


def test_positional_only_and_keyword_only() -> None:
    sig = Signature.of("a", "/", "axis", "*", "keepdims")
    assert sig.bind([1, 2, 3], {}) == {"a": 1, "axis": 2}  # keepdims is keyword-only
    assert sig.bind([], {"a": 1, "keepdims": True}) == {"keepdims": True}  # a is positional-only


def test_any_keyword() -> None:
    sig = Signature.of("x", "y", "**")
    assert sig.bind([1], {"y": 2, "batch_size": 3}) == {"x": 1, "y": 2, "batch_size": 3}


def test_renamed_keywords() -> None:
    # to_categorical(y, num_classes): Keras 1 names them nb_classes, Keras 3 x
    sig = Signature.of("y", "num_classes", renames={"x": "y", "nb_classes": "num_classes"})
    assert sig.bind([], {"x": 1, "nb_classes": 3}) == {"y": 1, "num_classes": 3}
    assert sig.bind([1], {"x": 2}) == {"y": 1}  # given both ways: the position wins


def _registry(*registrations: Registrations) -> Registry:
    return Registry(*(lambda r=r: r for r in registrations))


def test_a_name_registered_twice_is_an_error() -> None:
    first, second = Registrations(), Registrations()
    first.add(["x.f"], lambda ev, call: 1)
    second.add(["x.f"], lambda ev, call: 2)
    with pytest.raises(ValueError, match="registered twice"):
        _registry(first, second).get("x.f")


def test_the_registry_is_built_on_the_first_lookup() -> None:
    built: list[str] = []

    def source() -> Registrations:
        built.append("once")
        found = Registrations()
        found.add(["x.f"], lambda ev, call: call.get("n"), Signature.of("n"))
        return found

    registry = Registry(source)
    assert built == []
    entry = registry.get("x.f")
    assert entry is not None and registry.get("x.g") is None
    assert entry.call(None, Call("x.f", [], {"n": 4}, None)) == 4  # type: ignore[arg-type]
    assert built == ["once"]


def test_under_limits_a_name_to_a_module() -> None:
    found = Registrations()

    @found.register("add", under="layers")
    def model(ev: Any, call: Call) -> Any:
        return call.path

    entry = _registry(found).get("add")
    assert entry is not None
    call = Call("keras.layers.add", [], {}, None)
    assert entry.call(None, call) == "keras.layers.add"  # type: ignore[arg-type]
    assert entry.call(None, Call("keras.ops.add", [], {}, None)) is DECLINED  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "registry",
    [
        numpy_functions.FUNCTIONS,
        ndarray.METHODS,
        tensorflow.FUNCTIONS,
        tensor_functions.FUNCTIONS,
        by_path.FUNCTIONS,
        by_path.CLASSES,
        objects.METHODS,
        objects.ATTRIBUTES,
    ],
)
def test_every_registration_resolves(registry: Registry) -> None:
    for registration in registry.registrations():
        assert callable(registration.resolve()), registration.names
    assert registry.get("no such name") is None


def test_the_prefilter_creators_are_the_registrations_that_create() -> None:
    made, forms = creators.creator_names()
    expected = {*catalogue.LAYERS, *CLASS_ALIASES, *applications.table()}
    assert made == expected | {"Sequential", "Model", "Functional", "Input"}
    assert forms == set(FUNCTIONAL_FORMS)
    names, bases, merge_forms = prefilter._creators()
    assert (names, merge_forms) == (made, forms)
    assert bases == made | {"Layer"}


def test_bound_methods_are_the_registered_methods() -> None:
    """An attribute read gives a bound method exactly for the registered
    (class, method) pairs: a Variable is a Tensor."""
    for tensor in (graph.Tensor(None), graph.Variable((2,))):
        method = objects.keras_attribute(None, tensor, "get_shape")  # type: ignore[arg-type]
        assert isinstance(method, BoundMethod) and method.obj is tensor
        assert objects.keras_attribute(None, tensor, "fit") is UNKNOWN  # type: ignore[arg-type]
    keys = {name for r in objects.METHODS.registrations() for name in r.names}
    assert (graph.Model, "fit") in keys and (graph.Layer, "fit") not in keys


def test_methods_and_attributes_are_apart() -> None:
    """No (class, name) is both a method and an attribute: a method's bound
    method would hide the attribute's getter."""
    methods = {name for r in objects.METHODS.registrations() for name in r.names}
    attributes = {name for r in objects.ATTRIBUTES.registrations() for name in r.names}
    assert not methods & attributes


def test_a_keras_star_import_brings_in_the_model_and_layer_classes() -> None:
    """``from keras.layers import *``: every layer class (Keras 1/2 names too),
    the model classes and the merge forms; the applications are not followed."""
    expected = {*catalogue.LAYERS, *CLASS_ALIASES, *FUNCTIONAL_FORMS}
    expected |= {"Sequential", "Model", "Functional", "Input"}
    assert creators.star_imported_names() == expected
