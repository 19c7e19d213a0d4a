"""The Keras names whose call makes a Keras object: model classes, layer
classes (every entry of the catalogue, under its Keras 1/2 names too), the
functional merge forms under ``layers`` and the ``keras.applications``
builders. Declared here with their models named, not imported: the
prefilter reads the names (``Registration.creates``) before LibCST is loaded;
the models are in :mod:`shapelint.api.keras.by_path` and
:mod:`shapelint.api.keras.construction`.

A new kind of Keras object made by a call is one registration here (a new
layer is one entry of the catalogue: nothing here changes)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from shapelint.api.registry import ANY_KEYWORD, Registration, Registrations, Signature

_MODELS = "api.keras.by_path"
_CONSTRUCTION = "api.keras.construction"

#: ``Model(inputs, outputs, ...)`` (Keras 1's keywords ``input=``/``output=`` too).
FUNCTIONAL_MODEL = Signature.of(
    "inputs", "outputs", ANY_KEYWORD, renames={"input": "inputs", "output": "outputs"}
)
#: ``Sequential(layers, *, name)``.
SEQUENTIAL = Signature.of("layers", "*", "name")
#: ``Input(shape, ...)``: the shape is the one positional parameter every
#: Keras version shares.
INPUT = Signature.of("shape", ANY_KEYWORD)

#: Capitalised names under ``layers`` that are no layer class.
_NON_LAYER_CLASSES = frozenset({"Layer", "InputSpec", "Wrapper"})


def unlisted_layer_class(name: str) -> bool:
    """Whether a name under ``layers`` that the catalogue does not list is
    taken for a layer class (one shapelint does not know: SL301)."""
    return name[:1].isupper() and not name.isupper() and name not in _NON_LAYER_CLASSES


def model_classes() -> Registrations:
    """What a Keras call makes whatever its module (looked up first)."""
    found = Registrations()
    found.add(("Sequential",), f"{_MODELS}:sequential", SEQUENTIAL, creates=True)
    found.add(
        ("Model", "Functional"), f"{_CONSTRUCTION}:make_functional", FUNCTIONAL_MODEL, creates=True
    )
    found.add(("Input",), f"{_CONSTRUCTION}:make_input", INPUT, creates=True)
    return found


def layer_classes() -> Registrations:
    """What a Keras call makes by its name under a module (looked up after the
    functions of ``by_path`` and the losses and metrics)."""
    from shapelint import catalogue
    from shapelint.catalogue import applications
    from shapelint.catalogue.legacy import CLASS_ALIASES
    from shapelint.catalogue.merging import FUNCTIONAL_FORMS

    found = Registrations()
    merge = Signature.of("inputs")  # the other arguments are the layer's (make_layer)
    found.add(FUNCTIONAL_FORMS, f"{_MODELS}:merge_form", merge, creates=True, under="layers")
    found.add(
        (
            *catalogue.LAYERS,
            *(alias for alias, name in CLASS_ALIASES.items() if name in catalogue.LAYERS),
        ),
        f"{_MODELS}:layer",
        creates=True,
    )
    for signature, builders in application_signatures(applications.table()).items():
        model = f"{_CONSTRUCTION}:make_application"
        found.add(builders, model, signature, creates=True, under="applications")
    return found


def application_signatures(table: Mapping[str, Mapping[str, Any]]) -> dict[Signature, list[str]]:
    """The ``keras.applications`` builders by signature: the one the table
    records (tools/make_applications_table.py), else the positional order
    the builders share."""
    from shapelint.catalogue.applications import POSITIONAL

    found: dict[Signature, list[str]] = {}
    for builder, entry in table.items():
        names = entry.get("signature", POSITIONAL)
        found.setdefault(Signature.of(*names, ANY_KEYWORD), []).append(builder)
    return found


@functools.lru_cache(maxsize=1)
def star_imported_names() -> frozenset[str]:
    """The names a ``from keras.<module> import *`` is taken to bring in: the
    model and layer classes and the merge forms (not the applications)."""
    registrations = [*model_classes(), *layer_classes()]
    return frozenset(n for r in registrations if r.under != "applications" for n in r.names)


def creator_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names whose call makes a Keras object, those that make one only under
    ``layers``: the merge forms)."""
    registrations: list[Registration] = [*model_classes(), *layer_classes()]
    anywhere = {n for r in registrations if r.creates and r.under != "layers" for n in r.names}
    under_layers = {n for r in registrations if r.creates and r.under == "layers" for n in r.names}
    return frozenset(anywhere), frozenset(under_layers)
