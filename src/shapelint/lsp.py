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
- Analyses run in worker processes (``lsp_workers``), never on the request
  loop: a request on one document is answered while another is analysed.
  One analysis per document at a time; an edit that comes meanwhile is
  analysed next, and the result of the older text is dropped (newest text
  wins). A document larger than the CLI's size cap is SL001 at once.
- Only documents the editor opened are read: a request for any other URI
  gets an empty answer (pygls would read the file from disk, whatever it is).
- JSON-RPC framing and the lifecycle's errors: ``lsp_transport``.

This module imports pygls; ``cli`` imports it only for ``shapelint lsp``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from shapelint import __version__
from shapelint.analysis import Options, options_for, source_error_result
from shapelint.config import Config, ConfigError, find_pyproject, load_config, resolved
from shapelint.diagnostics import Diagnostic, Span
from shapelint.domain.shapes import format_shapes
from shapelint.lsp_transport import ShapelintProtocol
from shapelint.lsp_workers import Analysers, Stored
from shapelint.report.summary_table import format_count
from shapelint.results import FileResult, LayerRow, ModelSummary
from shapelint.sources import (
    MAX_SOURCE_BYTES,
    SourceError,
    SourceUnit,
    notebook_unit,
    python_lines,
    too_large,
)

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


#: The longest debounce an editor may ask for, in seconds.
MAX_DEBOUNCE = 10.0


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
            if debounce == debounce:  # not NaN (JSON as Python reads it may hold one)
                self.debounce = min(MAX_DEBOUNCE, max(0.0, float(debounce) / 1000))


#: Per cell number (1-based; None for a plain file): (uri, lines of its text).
Documents = dict[Optional[int], tuple[str, list[str]]]


@dataclass
class Analysis:
    """The last analysis of a text document or a notebook."""

    version: Any
    result: FileResult
    documents: Documents = field(default_factory=dict)


@dataclass
class Job:
    """What one analysis of a document needs, taken from its text now: a
    source for a worker, or a result already decided (too large)."""

    version: Any
    documents: Documents
    work: Union[tuple[SourceUnit, Options, Optional[Stored]], FileResult]


class ShapelintServer(LanguageServer):
    protocol: ShapelintProtocol

    def __init__(self, close_fds: tuple[int, ...] = ()) -> None:
        super().__init__(
            "shapelint",
            __version__,
            protocol_cls=ShapelintProtocol,
            notebook_document_sync=NOTEBOOK_SYNC,
        )
        self.settings = Settings()
        self.analyses: dict[str, Analysis] = {}  # by text document or notebook uri
        #: the worker processes (each open document's parse cache is in one of them)
        self.analysers = Analysers(close_fds)
        #: edits waiting for their debounce, by document
        self.pending: dict[str, asyncio.TimerHandle] = {}
        #: the analysis running for a document (one at a time; it goes on with the newest text)
        self.running: dict[str, asyncio.Task[Optional[Analysis]]] = {}
        self.reported_config_errors: set[str] = set()
        #: pyproject.toml -> ((mtime, size, inode), its configuration or error)
        self.configs: dict[Path, tuple[Any, Union[Config, ConfigError]]] = {}

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
            config = self.load_config(start)
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

    def load_config(self, start: Optional[Path]) -> Config:
        """``config.load_config``, read again only when the pyproject.toml has
        changed (one of a megabyte takes a while to parse). The configuration
        returned is shared: read it, do not change it."""
        found = find_pyproject(start) if start is not None else None
        if found is None:
            return load_config(None, start)
        try:
            info = os.stat(found)
            stamp: Any = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamp = None
        cached = self.configs.get(found)
        if stamp is None or cached is None or cached[0] != stamp:
            try:
                value: Union[Config, ConfigError] = load_config(None, start)
            except ConfigError as e:
                value = e
            cached = self.configs[found] = (stamp, value)
        if isinstance(cached[1], ConfigError):
            raise cached[1]
        return cached[1]

    # ----------------------------------------------------------------- analysis

    def open_text(self, uri: str) -> Any:
        """The open text document at ``uri`` (None if the editor did not open it:
        pygls would read the file from disk)."""
        return self.workspace.text_documents.get(unquote(uri))

    def key_of(self, uri: str) -> Optional[str]:
        """The document analysed for ``uri``: itself, or the notebook of a cell;
        None if nothing is open there."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        if notebook is not None:
            return str(notebook.uri)
        if self.workspace.get_notebook_document(notebook_uri=uri) is not None:
            return uri
        return uri if self.open_text(uri) is not None else None

    def version_of(self, key: str) -> Any:
        notebook = self.workspace.get_notebook_document(notebook_uri=key)
        if notebook is not None:
            return notebook.version
        document = self.open_text(key)
        return None if document is None else document.version

    def job(self, key: str) -> Optional[Job]:
        """The next analysis of a document, from its text now (None if it is
        closed or not Python)."""
        if self.workspace.get_notebook_document(notebook_uri=key) is not None:
            return self.notebook_job(key)
        document = self.open_text(key)
        if document is None or self.workspace.get_notebook_document(cell_uri=key) is not None:
            return None  # closed; or a notebook cell, analysed with its notebook
        config, display = self.config_for(key)
        if not display.endswith((".py", ".pyi")) and document.language_id not in (
            None,
            "python",
        ):
            return None
        text = document.source
        documents: Documents = {None: (key, python_lines(text))}
        options = options_for(config, display)
        size = _utf8_size(text)
        if size > MAX_SOURCE_BYTES:
            error = too_large(size, MAX_SOURCE_BYTES)
            return Job(document.version, documents, source_error_result(display, error, options))
        stored = (config, _fs_path(key))  # its result may be stored from an earlier session
        return Job(document.version, documents, (SourceUnit(display, text), options, stored))

    def notebook_job(self, notebook_uri: str) -> Optional[Job]:
        notebook = self.workspace.get_notebook_document(notebook_uri=notebook_uri)
        if notebook is None:
            return None
        config, display = self.config_for(notebook_uri)
        options = options_for(config, display)
        cells = []
        documents: Documents = {}
        for number, cell in enumerate(notebook.cells, start=1):
            document = self.open_text(cell.document)
            text = document.source if document is not None else ""
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
            first = next((n for n, c in enumerate(cells, start=1) if c["cell_type"] == "code"), 1)
            result = source_error_result(display, e, options, cell=first)
            return Job(notebook.version, documents, result)
        return Job(notebook.version, documents, (unit, options, None))

    def analyse_soon(self, key: str) -> None:
        """Analyse a document now (its debounce cancelled), unless an analysis
        of it is running: that one goes on with the newest text."""
        handle = self.pending.pop(key, None)
        if handle is not None:
            handle.cancel()
        if key not in self.running:
            self.running[key] = asyncio.ensure_future(self._analyse(key))

    async def _analyse(self, key: str) -> Optional[Analysis]:
        """Analyses a document until the result is of its newest text, then
        keeps and publishes it; the result of a text edited meanwhile is dropped."""
        try:
            while True:
                job = self.job(key)
                if job is None:
                    return None
                if isinstance(job.work, FileResult):
                    result = job.work
                else:
                    result = await self.analysers.analyse(key, *job.work)
                if self.version_of(key) != job.version or key in self.pending:
                    if self.version_of(key) is None:
                        return None  # closed meanwhile
                    self.pending.pop(key, None)  # (its debounce is moot: it runs now)
                    continue
                analysis = Analysis(job.version, result, job.documents)
                self.analyses[key] = analysis
                self.report(analysis)
                return analysis
        finally:
            self.running.pop(key, None)

    def report(self, analysis: Analysis) -> None:
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
            document = self.open_text(uri)
            if document is None:
                continue  # closed meanwhile
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics, version=document.version
                )
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

    def schedule(self, key: str) -> None:
        """An edit: analyse after the debounce (at once without one)."""
        handle = self.pending.pop(key, None)
        if handle is not None:
            handle.cancel()
        if self.settings.debounce <= 0:
            self.analyse_soon(key)
            return
        loop = asyncio.get_running_loop()
        self.pending[key] = loop.call_later(self.settings.debounce, self.analyse_soon, key)

    def close(self, key: str) -> None:
        handle = self.pending.pop(key, None)
        if handle is not None:
            handle.cancel()
        self.analyses.pop(key, None)
        self.analysers.forget(key)

    async def current(self, uri: str) -> Optional[tuple[Analysis, Optional[int]]]:
        """The up-to-date analysis for an open text document or notebook
        cell, and the cell number (waiting for it if an edit is not analysed
        yet); None for a URI the editor has not opened."""
        key = self.key_of(uri)
        if key is None:
            return None
        analysis = self.analyses.get(key)
        if analysis is None or analysis.version != self.version_of(key) or key in self.pending:
            self.analyse_soon(key)
            task = self.running.get(key)
            analysis = await asyncio.shield(task) if task is not None else None
            if analysis is None:
                return None
        cell = next((c for c, (u, _) in analysis.documents.items() if u == uri), None)
        if cell is None and analysis.documents and None not in analysis.documents:
            return None  # a cell the notebook no longer has
        return analysis, cell

    def refresh_inlay_hints(self) -> None:
        """Editor settings change only the hints (diagnostics come from the
        pyproject.toml, read at every analysis): ask the client to refresh them."""
        workspace = self.client_capabilities.workspace
        hints = workspace.inlay_hint if workspace is not None else None
        if hints is not None and hints.refresh_support:
            self.workspace_inlay_hint_refresh(None)

    # -------------------------------------------------------------------- hover

    async def hover(self, uri: str, position: types.Position) -> Optional[types.Hover]:
        found = await self.current(uri)
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

    async def inlay_hints(self, uri: str, visible: types.Range) -> list[types.InlayHint]:
        if not self.settings.inlay_hints:
            return []
        found = await self.current(uri)
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


def create_server(close_fds: tuple[int, ...] = ()) -> ShapelintServer:
    """The server with its features; ``close_fds``: descriptors its worker
    processes close (the client's ends)."""
    server = ShapelintServer(close_fds)

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
        key = ls.key_of(params.text_document.uri)
        if key is not None:
            ls.analyse_soon(key)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ShapelintServer, params: types.DidChangeTextDocumentParams) -> None:
        key = ls.key_of(params.text_document.uri)
        if key is not None:
            ls.schedule(key)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ShapelintServer, params: types.DidSaveTextDocumentParams) -> None:
        key = ls.key_of(params.text_document.uri)
        if key is not None:  # (a save of a file the editor did not open is not read)
            ls.analyse_soon(key)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ShapelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.close(uri)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(ls: ShapelintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.analyse_soon(params.notebook_document.uri)

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
        if ls.workspace.get_notebook_document(notebook_uri=params.notebook_document.uri):
            ls.analyse_soon(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(ls: ShapelintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.close(params.notebook_document.uri)
        for cell in params.cell_text_documents:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=cell.uri, diagnostics=[])
            )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ShapelintServer, params: types.HoverParams) -> Optional[types.Hover]:
        return await ls.hover(params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    async def inlay_hint(
        ls: ShapelintServer, params: types.InlayHintParams
    ) -> list[types.InlayHint]:
        return await ls.inlay_hints(params.text_document.uri, params.range)

    return server


def serve() -> int:
    """Run the server on stdin/stdout until the client says exit; the exit code
    is 0 after a shutdown request, else 1 (as LSP specifies)."""
    import sys

    from shapelint import lsp_transport
    from shapelint.parallel import tune_gc

    tune_gc()
    # The messages go to a copy of stdout; stdout itself becomes stderr, so
    # that nothing printed by accident (a warning, a library) reaches the client.
    client = os.dup(1)
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr either: stray output goes nowhere
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    sys.stdout = sys.stderr
    server = create_server(close_fds=(0, client))
    server.analysers.start()  # forked now, before any thread of the server exists
    try:
        return lsp_transport.serve(server.protocol, 0, client, on_stop=server.analysers.close)
    finally:
        server.analysers.close()


def _utf8_size(text: str) -> int:
    """The size of ``text`` in UTF-8 (counted only when it may matter)."""
    if len(text) * 4 <= MAX_SOURCE_BYTES:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
