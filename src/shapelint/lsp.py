"""``shapelint lsp``: a Language Server (stdio, pygls 2) for editors.

- Diagnostics on open and save (at once) and on change (debounced), for Python
  files and the code cells of notebooks, from ``analysis.analyse_source`` with
  the editor's text: the same analysis as ``shapelint check``.
- Hover on a layer's constructor shows its output shape(s) and parameters; on a
  model's constructor (``Sequential(...)``, ``Model(...)``) its totals.
- Inlay hints: each layer's output shape after it (at the end of the line when
  it is the only layer there).
- Configuration: ``[tool.shapelint]`` of the ``pyproject.toml`` nearest each
  file (``config.load_config``), read again at every analysis; editor settings
  (``initializationOptions`` or the ``shapelint`` section of the workspace
  configuration): ``{"inlayHints": {"enable": true, "params": false},
  "debounce": 300}``.
- Positions: shapelint counts columns in code points (1-based); LSP counts in
  the negotiated encoding (UTF-16 unless the client offers another), so every
  position is converted with the line's text.

This module imports pygls; ``cli`` imports it only for ``shapelint lsp``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from shapelint import __version__
from shapelint.analysis import analyse_source, options_for
from shapelint.cache import analyse_stored
from shapelint.config import Config, ConfigError, load_config, resolved
from shapelint.diagnostics import Diagnostic, Span
from shapelint.incremental import DocumentCache
from shapelint.report.summary_table import format_count
from shapelint.results import FileResult, LayerRow, ModelSummary
from shapelint.shapes import format_shapes
from shapelint.sources import SourceError, SourceUnit, notebook_unit, python_lines

log = logging.getLogger("shapelint.lsp")

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
CODE_HELP = "https://github.com/shapelint/shapelint#what-it-checks"
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook="jupyter-notebook",
            cells=[types.NotebookCellLanguage(language="python")],
        )
    ],
    save=True,
)


@dataclass
class Settings:
    inlay_hints: bool = True
    inlay_params: bool = False
    debounce: float = 0.3  # seconds

    def update(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        raw = raw.get("shapelint", raw) if isinstance(raw.get("shapelint"), dict) else raw
        hints = raw.get("inlayHints")
        if isinstance(hints, bool):
            self.inlay_hints = hints
        elif isinstance(hints, dict):
            if isinstance(hints.get("enable"), bool):
                self.inlay_hints = hints["enable"]
            if isinstance(hints.get("params"), bool):
                self.inlay_params = hints["params"]
        debounce = raw.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool):
            self.debounce = max(0.0, float(debounce) / 1000)


@dataclass
class Analysis:
    """The last analysis of a text document or a notebook."""

    version: Any
    result: FileResult
    #: Per cell number (1-based; None for a plain file): (uri, lines of its text).
    documents: dict[Optional[int], tuple[str, list[str]]] = field(default_factory=dict)


class ShapelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("shapelint", __version__, notebook_document_sync=NOTEBOOK_SYNC)
        self.settings = Settings()
        self.analyses: dict[str, Analysis] = {}  # by text document or notebook uri
        #: per open document: its last parse, so an edit re-parses only what changed
        self.caches: dict[str, DocumentCache] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported_config_errors: set[str] = set()

    # ---------------------------------------------------------------- positions

    @property
    def encoding(self) -> Any:
        """The negotiated position encoding (a PositionEncodingKind or its string)."""
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def units(self, text: str) -> int:
        """The length of ``text`` in the client's position units."""
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def to_position(self, lines: list[str], line: int, column: int) -> types.Position:
        """A shapelint 1-based (line, code point column) as an LSP position."""
        index = max(line - 1, 0)
        text = lines[index] if index < len(lines) else ""
        return types.Position(index, self.units(text[: max(column - 1, 0)]))

    def to_range(self, lines: list[str], span: Span) -> types.Range:
        start = self.to_position(lines, span.line, span.column)
        end = self.to_position(lines, span.end_line, span.end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start, end)

    def from_position(self, lines: list[str], position: types.Position) -> tuple[int, int]:
        """An LSP position as shapelint's 1-based (line, code point column)."""
        text = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return position.line + 1, index + 1
            units += self.units(char)
        return position.line + 1, len(text) + 1

    # ------------------------------------------------------------------- config

    def config_for(self, uri: str) -> tuple[Config, str]:
        """The configuration for a document, and its path as the CLI would show it
        (relative to the configuration's directory)."""
        path = _fs_path(uri)
        start = path.parent if path else _fs_path(self.workspace.root_uri or "")
        try:
            config = load_config(None, start)
        except ConfigError as e:
            message = f"shapelint: {e} (using the defaults)"
            if message not in self.reported_config_errors:
                self.reported_config_errors.add(message)
                self.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=message)
                )
            config = Config()
        if path is None:
            return config, urlparse(uri).path.rsplit("/", 1)[-1] or "untitled.py"
        try:
            display = resolved(path).relative_to(resolved(config.root)).as_posix()
        except ValueError:
            display = path.as_posix()
        return config, display

    # ----------------------------------------------------------------- analysis

    def analyse_text_document(self, uri: str) -> Optional[Analysis]:
        document = self.workspace.get_text_document(uri)
        if self.workspace.get_notebook_document(cell_uri=uri) is not None:
            return None  # notebook cells are analysed with their notebook
        config, display = self.config_for(uri)
        if not display.endswith((".py", ".pyi")) and document.language_id not in (
            None,
            "python",
        ):
            return None
        text = document.source
        unit = SourceUnit(display, text)
        options = options_for(config, display)
        cache = self.caches.get(uri)
        if cache is None:  # just opened: its result may be stored from an earlier session
            cache = self.caches[uri] = DocumentCache()
            result = analyse_stored(
                config,
                _fs_path(uri),
                unit,
                options,
                lambda: analyse_source(unit, options, cache=cache),
            )
        else:
            result = analyse_source(unit, options, cache=cache)
        analysis = Analysis(document.version, result, {None: (uri, python_lines(text))})
        self.analyses[uri] = analysis
        return analysis

    def analyse_notebook(self, notebook_uri: str) -> Optional[Analysis]:
        notebook = self.workspace.get_notebook_document(notebook_uri=notebook_uri)
        if notebook is None:
            return None
        config, display = self.config_for(notebook_uri)
        cells = []
        documents: dict[Optional[int], tuple[str, list[str]]] = {}
        for number, cell in enumerate(notebook.cells, start=1):
            text = self.workspace.get_text_document(cell.document).source
            documents[number] = (cell.document, python_lines(text))
            order = cell.execution_summary.execution_order if cell.execution_summary else None
            cells.append(
                {
                    "cell_type": "code" if cell.kind == types.NotebookCellKind.Code else "markdown",
                    "source": text,
                    "execution_count": order,
                }
            )
        data = json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}).encode()
        try:
            unit = notebook_unit(data, display)
        except SourceError as e:  # the code of its cells is too large to analyse
            log.warning("notebook %s: %s", notebook_uri, e)
            return None
        cache = self.caches.setdefault(notebook_uri, DocumentCache())
        result = analyse_source(unit, options_for(config, display), cache=cache)
        analysis = Analysis(notebook.version, result, documents)
        self.analyses[notebook_uri] = analysis
        return analysis

    def analyse_and_publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if self.workspace.get_notebook_document(notebook_uri=uri) is not None:
            analysis = self.analyse_notebook(uri)
        else:
            analysis = self.analyse_text_document(uri)
        if analysis is None:
            return
        if analysis.result.error:
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error,
                    message=f"shapelint: {analysis.result.path}: {analysis.result.error}",
                )
            )
        self.publish(analysis)

    def publish(self, analysis: Analysis) -> None:
        by_cell: dict[Optional[int], list[types.Diagnostic]] = {c: [] for c in analysis.documents}
        for d in analysis.result.diagnostics:
            if d.span.cell in analysis.documents:
                by_cell[d.span.cell].append(self.lsp_diagnostic(d, analysis))
        for cell, diagnostics in by_cell.items():
            uri, _ = analysis.documents[cell]
            version = self.workspace.get_text_document(uri).version
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )

    def lsp_diagnostic(self, d: Diagnostic, analysis: Analysis) -> types.Diagnostic:
        _, lines = analysis.documents[d.span.cell]
        related = []
        for r in d.related:
            if r.span.cell in analysis.documents:
                other_uri, other_lines = analysis.documents[r.span.cell]
                related.append(
                    types.DiagnosticRelatedInformation(
                        location=types.Location(other_uri, self.to_range(other_lines, r.span)),
                        message=r.message,
                    )
                )
        return types.Diagnostic(
            range=self.to_range(lines, d.span),
            message=d.full_message(),
            severity=SEVERITIES[d.severity],
            code=d.code,
            code_description=types.CodeDescription(href=CODE_HELP),
            source="shapelint",
            related_information=related or None,
        )

    def schedule(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        if self.settings.debounce <= 0:
            self.analyse_and_publish(uri)
            return
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.settings.debounce, self.analyse_and_publish, uri)

    def current(self, uri: str) -> Optional[tuple[Analysis, Optional[int]]]:
        """The up-to-date analysis for a text document or notebook cell, and the
        cell number (analysing now if an edit is still waiting for its debounce)."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        key = notebook.uri if notebook is not None else uri
        analysis = self.analyses.get(key)
        version = notebook.version if notebook else self.workspace.get_text_document(uri).version
        if analysis is None or analysis.version != version or key in self.pending:
            handle = self.pending.pop(key, None)
            if handle is not None:
                handle.cancel()
            if notebook is not None:
                analysis = self.analyse_notebook(key)
            else:
                analysis = self.analyse_text_document(key)
            if analysis is None:
                return None
            self.publish(analysis)
        cell = next((c for c, (u, _) in analysis.documents.items() if u == uri), None)
        return analysis, cell

    def refresh_inlay_hints(self) -> None:
        """Editor settings change only the hints (diagnostics come from the
        pyproject.toml, read at every analysis): ask the client to refresh them."""
        workspace = self.client_capabilities.workspace
        hints = workspace.inlay_hint if workspace is not None else None
        if hints is not None and hints.refresh_support:
            self.workspace_inlay_hint_refresh(None)

    # -------------------------------------------------------------------- hover

    def hover(self, uri: str, position: types.Position) -> Optional[types.Hover]:
        found = self.current(uri)
        if found is None:
            return None
        analysis, cell = found
        _, lines = analysis.documents[cell]
        at = self.from_position(lines, position)
        layers = [
            (row, model)
            for model in analysis.result.models
            for row in model.layers
            if _contains(row.span, cell, at)
        ]
        models = [m for m in analysis.result.models if _contains(m.span, cell, at)]
        candidates: list[tuple[Span, str]] = []
        if layers:
            span = min((row.span for row, _ in layers), key=_size)  # type: ignore[arg-type]
            rows = [(row, model) for row, model in layers if row.span == span]
            candidates.append((span, layer_hover(rows)))
        for model in models:
            candidates.append((model.span, model_hover(model)))  # type: ignore[arg-type]
        if not candidates:
            return None
        span, text = min(candidates, key=lambda c: _size(c[0]))
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=self.to_range(lines, span),
        )

    # -------------------------------------------------------------- inlay hints

    def inlay_hints(self, uri: str, visible: types.Range) -> list[types.InlayHint]:
        if not self.settings.inlay_hints:
            return []
        found = self.current(uri)
        if found is None:
            return []
        analysis, cell = found
        _, lines = analysis.documents[cell]
        rows: dict[Span, LayerRow] = {}
        for model in analysis.result.models:
            for row in model.layers:
                if row.span is not None and row.span.cell == cell and row.span not in rows:
                    rows[row.span] = row
        per_line: dict[int, int] = {}
        for span in rows:
            per_line[span.end_line] = per_line.get(span.end_line, 0) + 1
        hints = []
        for span, row in sorted(rows.items(), key=lambda item: item[0].sort_key()):
            if all(shape is None for shape in row.output_shapes):
                continue  # nothing known to show
            if not visible.start.line + 1 <= span.end_line <= visible.end.line + 1:
                continue
            end_line_text = lines[span.end_line - 1] if span.end_line <= len(lines) else ""
            if per_line[span.end_line] == 1:  # alone on its line: at the end of the line
                column = len(end_line_text.rstrip()) + 1
                comment = end_line_text.find("#")
                if comment >= 0 and "#" not in end_line_text[: span.end_column - 1]:
                    column = len(end_line_text[:comment].rstrip()) + 1
            else:
                column = span.end_column
            label = format_shapes(list(row.output_shapes))
            if self.settings.inlay_params and row.params is not None:
                label += f" · {format_count(row.params)} params"
            if row.conditional:
                label += " (if)"
            hints.append(
                types.InlayHint(
                    position=self.to_position(lines, span.end_line, column),
                    label=f"→ {label}",
                    kind=types.InlayHintKind.Type,
                    padding_left=True,
                    tooltip=f"{row.name} ({row.class_name}): output shape {label}",
                )
            )
        return hints


def _fs_path(uri: str) -> Optional[Path]:
    if not uri or urlparse(uri).scheme not in ("file", ""):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _contains(span: Optional[Span], cell: Optional[int], at: tuple[int, int]) -> bool:
    if span is None or span.cell != cell:
        return False
    return (span.line, span.column) <= at <= (span.end_line, span.end_column)


def _size(span: Span) -> tuple[int, int]:
    return (span.end_line - span.line, span.end_column - span.column)


def layer_hover(rows: list[tuple[LayerRow, ModelSummary]]) -> str:
    row = rows[0][0]
    lines = [f"**{row.name}** ({row.class_name})", ""]
    seen = set()
    for r, model in rows:
        key = (r.output_shapes, r.params, r.trainable_params, r.conditional)
        if key in seen:
            continue
        seen.add(key)
        params = format_count(r.params)
        if r.params is not None and r.trainable_params is not None:
            if r.trainable_params != r.params:
                params += f" ({format_count(r.trainable_params)} trainable)"
        where = f" in model `{model.name}`" if len(rows) > 1 else ""
        conditional = " (on some paths only)" if r.conditional else ""
        lines.append(
            f"- output shape{'s' if len(r.output_shapes) > 1 else ''}{where}: "
            f"`{format_shapes(list(r.output_shapes))}`{conditional}"
        )
        lines.append(f"- params: {params}")
    if len(rows) == 1:
        lines.append(f"- model: `{rows[0][1].name}`")
    return "\n".join(lines)


def model_hover(model: ModelSummary) -> str:
    lines = [
        f"**{model.name}** ({model.kind} model, {len(model.layers)} layers)",
        "",
        f"- total params: {format_count(model.total_params)}",
        f"- trainable params: {format_count(model.trainable_params)}",
        f"- non-trainable params: {format_count(model.non_trainable_params)}",
    ]
    if model.layers:
        last = model.layers[-1]
        lines.append(f"- output shape: `{format_shapes(list(last.output_shapes))}`")
    lines += [f"- note: {note}" for note in model.notes]
    return "\n".join(lines)


def create_server() -> ShapelintServer:
    server = ShapelintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ShapelintServer, params: types.InitializeParams) -> None:
        ls.settings.update(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ShapelintServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        if capabilities is None or not capabilities.configuration:
            return
        try:
            values = await ls.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="shapelint")])
            )
        except Exception as e:  # a client that fails the request keeps the defaults
            log.warning("workspace/configuration failed: %s", e)
            return
        if values:
            ls.settings.update(values[0])
            ls.refresh_inlay_hints()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: ShapelintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        ls.settings.update(params.settings)
        ls.refresh_inlay_hints()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ShapelintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.analyse_and_publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ShapelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ShapelintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.analyse_and_publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ShapelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.analyses.pop(uri, None)
        ls.caches.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(ls: ShapelintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.analyse_and_publish(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_change(ls: ShapelintServer, params: types.DidChangeNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        structure = params.change.cells.structure if params.change.cells else None
        for closed in (structure.did_close or []) if structure else []:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=closed.uri, diagnostics=[])
            )
        ls.schedule(uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_save(ls: ShapelintServer, params: types.DidSaveNotebookDocumentParams) -> None:
        ls.analyse_and_publish(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(ls: ShapelintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.analyses.pop(uri, None)
        ls.caches.pop(uri, None)
        for cell in params.cell_text_documents:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=cell.uri, diagnostics=[])
            )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ShapelintServer, params: types.HoverParams) -> Optional[types.Hover]:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    def inlay_hint(ls: ShapelintServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        return ls.inlay_hints(params.text_document.uri, params.range)

    return server


def serve() -> int:
    """Run the server on stdin/stdout until the client says exit; the exit code
    is 0 after a shutdown request, else 1 (as LSP specifies)."""
    from shapelint.parallel import tune_gc

    tune_gc()
    server = create_server()
    server.start_io()
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
