"""What an analysis produces, as plain data for the formatters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from shapelint.codes import UNPARSABLE_FILE
from shapelint.diagnostics import Diagnostic, Span
from shapelint.domain.shapes import Shape


@dataclass(frozen=True)
class LayerRow:
    name: str
    class_name: str
    line: int
    cell: Optional[int]
    #: One shape per output tensor; a single-output layer has one.
    output_shapes: tuple[Shape, ...]
    params: Optional[int]
    trainable_params: Optional[int]
    conditional: bool = False
    #: Where the layer object is created (the constructor call), for editors.
    span: Optional[Span] = None
    #: For diagrams (``Options.graphs``): the rows whose outputs this layer
    #: takes (indices into the model's ``layers``), over all its calls there.
    inbound: tuple[int, ...] = ()
    #: For diagrams: a model used as a layer, summarised with its own rows.
    submodel: Optional[ModelSummary] = None


@dataclass(frozen=True)
class ModelSummary:
    name: str
    kind: str
    path: str
    line: int
    cell: Optional[int]
    layers: tuple[LayerRow, ...]
    total_params: Optional[int]
    trainable_params: Optional[int]
    non_trainable_params: Optional[int]
    notes: tuple[str, ...] = ()
    #: The name Keras gives the model (``name=`` or its default, "sequential").
    keras_name: str = ""
    #: Where the model is created (``Sequential(...)``, ``Model(...)``), for editors.
    span: Optional[Span] = None


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    models: list[ModelSummary] = field(default_factory=list)
    #: An internal error (a bug in shapelint) while analysing this file.
    error: Optional[str] = None
    #: True when the file was not parsed because it cannot build a Keras model.
    skipped: bool = False

    def unanalysed(self) -> list[Diagnostic]:
        """The SL001s: why the file (or a notebook cell) was not analysed."""
        return [d for d in self.diagnostics if d.code == UNPARSABLE_FILE]
