"""A file's result as JSON and back, exactly, for the result cache.

Every field that any output format prints is kept, with its type (a tuple
stays a tuple, a symbolic dimension stays a ``Sym``), so that a result read
back prints the same bytes. The paths are not stored: a result is stored
under its display path and read back for it. Reading is strict: the cache
directory may hold anything (a truncated file, another version's entry, a
file someone wrote by hand), and any value of the wrong form raises
``ValueError``, never a result that would fail later in a formatter.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from shapelint.codes import CODES
from shapelint.diagnostics import Diagnostic, Related, Span
from shapelint.domain.shapes import Sym
from shapelint.results import FileResult, LayerRow, ModelSummary

# -- writing -------------------------------------------------------------------------------------


def encode(result: FileResult) -> Optional[dict[str, Any]]:
    """The JSON value of ``result``; None if it cannot be stored (an internal
    error, or a path other than its own inside it)."""
    if result.error is not None:
        return None
    if any(d.path != result.path for d in result.diagnostics):
        return None
    if any(not _own_paths(m, result.path) for m in result.models):
        return None
    return {
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
        "models": [_model(m) for m in result.models],
        "skipped": result.skipped,
    }


def _own_paths(model: ModelSummary, path: str) -> bool:
    return model.path == path and all(
        row.submodel is None or _own_paths(row.submodel, path) for row in model.layers
    )


def _span(span: Optional[Span]) -> Optional[list[Any]]:
    if span is None:
        return None
    return [span.line, span.column, span.end_line, span.end_column, span.cell]


def _diagnostic(d: Diagnostic) -> list[Any]:
    related = [[_span(r.span), r.message] for r in d.related]
    return [d.code, d.message, _span(d.span), d.hint, related]


def _model(m: ModelSummary) -> list[Any]:
    return [
        m.name,
        m.kind,
        m.line,
        m.cell,
        [_row(r) for r in m.layers],
        m.total_params,
        m.trainable_params,
        m.non_trainable_params,
        list(m.notes),
        m.keras_name,
        _span(m.span),
    ]


def _row(r: LayerRow) -> list[Any]:
    return [
        r.name,
        r.class_name,
        r.line,
        r.cell,
        [_shape(s) for s in r.output_shapes],
        r.params,
        r.trainable_params,
        r.conditional,
        _span(r.span),
        list(r.inbound),
        _model(r.submodel) if r.submodel is not None else None,
    ]


def _shape(shape: Any) -> Any:
    if shape is None:
        return None
    return [_dim(d) for d in shape]


def _dim(dim: Any) -> Any:
    if isinstance(dim, Sym):  # {"sym": [[[[name, power], ...], coefficient], ...]}
        return {"sym": [[[list(p) for p in mono], coef] for mono, coef in dim.terms.items()]}
    return dim  # an int or None


# -- reading -------------------------------------------------------------------------------------


def decode(value: Any, path: str) -> FileResult:
    """The result stored as ``value`` (by ``encode``), for ``path``; ValueError
    if it is not of that form."""
    if not isinstance(value, dict):
        raise ValueError("not an object")
    diagnostics = [_read_diagnostic(d, path) for d in _list(value.get("diagnostics"))]
    models = [_read_model(m, path) for m in _list(value.get("models"))]
    return FileResult(path, diagnostics, models, skipped=_bool(value.get("skipped")))


def _fields(value: Any, count: int) -> list[Any]:
    if not isinstance(value, list) or len(value) != count:
        raise ValueError(f"expected a list of {count}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("expected an integer")
    return value


def read_str(value: Any) -> str:
    """A string read back (ValueError for anything else: the entry is stale)."""
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _optional(read: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else read(value)


def _read_span(value: Any) -> Span:
    line, column, end_line, end_column, cell = _fields(value, 5)
    return Span(_int(line), _int(column), _int(end_line), _int(end_column), _optional(_int, cell))


def _read_diagnostic(value: Any, path: str) -> Diagnostic:
    code, message, span, hint, related = _fields(value, 5)
    if code not in CODES:  # the severity is looked up by code
        raise ValueError(f"unknown code {code!r}")
    return Diagnostic(
        path,
        code,
        read_str(message),
        _read_span(span),
        _optional(read_str, hint),
        tuple(Related(_read_span(s), read_str(m)) for s, m in map(_pair, _list(related))),
    )


def _pair(value: Any) -> list[Any]:
    return _fields(value, 2)


def _read_model(value: Any, path: str) -> ModelSummary:
    name, kind, line, cell, layers, total, trainable, non_trainable, notes, keras_name, span = (
        _fields(value, 11)
    )
    return ModelSummary(
        read_str(name),
        read_str(kind),
        path,
        _int(line),
        _optional(_int, cell),
        tuple(_read_row(r, path) for r in _list(layers)),
        _optional(_int, total),
        _optional(_int, trainable),
        _optional(_int, non_trainable),
        tuple(read_str(n) for n in _list(notes)),
        read_str(keras_name),
        _optional(_read_span, span),
    )


def _read_row(value: Any, path: str) -> LayerRow:
    name, class_name, line, cell, shapes, params, trainable, conditional, span, inbound, sub = (
        _fields(value, 11)
    )
    return LayerRow(
        read_str(name),
        read_str(class_name),
        _int(line),
        _optional(_int, cell),
        tuple(_read_shape(s) for s in _list(shapes)),
        _optional(_int, params),
        _optional(_int, trainable),
        _bool(conditional),
        _optional(_read_span, span),
        tuple(_int(i) for i in _list(inbound)),
        None if sub is None else _read_model(sub, path),
    )


def _read_shape(value: Any) -> Any:
    if value is None:
        return None
    return tuple(_read_dim(d) for d in _list(value))


def _read_dim(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    if isinstance(value, dict) and set(value) == {"sym"}:
        terms = {}
        for mono, coef in map(_pair, _list(value["sym"])):
            powers = tuple((read_str(n), _int(p)) for n, p in map(_pair, _list(mono)))
            terms[powers] = _int(coef)
        return Sym(terms)
    raise ValueError("expected a dimension")
