"""Batches built by user code: ``keras.utils.Sequence`` (Keras 3:
``PyDataset``) subclasses and Python generators.

A Sequence's batch is what its ``__getitem__`` returns for an index not
known; a generator's is the join of every value its body ``yield``s, the
body run once (loops as the evaluator runs them) with the arguments of the
call. Both run on a branch of the trail, so nothing they change stays.
Keras reads the batch as it reads a dataset's element (stream.unpack).
"""

from __future__ import annotations

from typing import Any

from shapelint.domain.pipelines import (
    Family,
    GeneratorCall,
    SequenceInstance,
    Source,
    Stream,
    join_elements,
    spec_of_array,
)
from shapelint.domain.values import (
    UNKNOWN,
    ClassVal,
    FunctionVal,
    ListVal,
    ModuleRef,
)

#: Keras' base classes for batch providers (keras.utils.Sequence is
#: PyDataset in Keras 3).
SEQUENCE_BASES = frozenset({"Sequence", "PyDataset"})


def is_sequence_base(base: ModuleRef) -> bool:
    return base.last in SEQUENCE_BASES and "utils" in base.path.split(".")


def make_sequence(
    ev: Any,
    cls: ClassVal,
    methods: dict[str, Any],
    args: list[Any],
    kwargs: dict[str, Any],
    site: Any,
    open_args: bool,
) -> SequenceInstance:
    """An instance of a Sequence subclass whose methods (``__init__``,
    ``__getitem__``, as the class and its bases define them) are given: a
    plain instance whose ``__init__`` runs (Keras' own sets nothing shapes
    need)."""
    getitem = methods.get("__getitem__")
    instance = SequenceInstance(
        cls, getitem if isinstance(getitem, FunctionVal) else None, birth=ev.born()
    )
    init = methods.get("__init__")
    if isinstance(init, FunctionVal):
        ev.call_function(init, [instance, *args], kwargs, site, open_args)
    return instance


def sequence_stream(ev: Any, instance: SequenceInstance, site: Any) -> Stream:
    """The stream of a Sequence subclass instance: its ``__getitem__``'s batch."""
    if instance.getitem is None:
        return Stream(UNKNOWN, Source(Family.SEQUENCE, instance.cls.name, None))
    with ev.trail.branch():
        element = _element(ev.call_function(instance.getitem, [instance, UNKNOWN], {}, site))
    return Stream(element, Source(Family.SEQUENCE, f"{instance.cls.name}.__getitem__", None))


def generator_stream(ev: Any, call: GeneratorCall) -> Stream:
    """The stream of a generator call: the join of the batches it yields."""
    with ev.trail.branch():
        yielded = ev.collect_yields(call.function, list(call.args), dict(call.kwargs), call.site)
        elements = [_element(value) for value in yielded]
    source = Source(Family.GENERATOR, call.function.qualname, call.site)
    if not elements:
        return Stream(UNKNOWN, source)
    element = elements[0]
    for other in elements[1:]:
        element = join_elements(element, other)
    return Stream(element, source)


def _element(batch: Any) -> Any:
    """A batch as Keras reads it: a list is a tuple (``unpack_x_y_sample_weight``)."""
    if isinstance(batch, ListVal) and isinstance(batch.items, tuple):
        batch = batch.items
    return spec_of_array(batch)
