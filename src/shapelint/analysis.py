"""The one analysis entry point every front door calls: source text in,
diagnostics and model summaries out.

read -> prefilter -> parse -> evaluate -> locate -> suppress/select -> results
"""

from __future__ import annotations

import os
import re
import sys
import traceback
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from shapelint.codes import CODES, MODEL_TOO_LARGE, UNKNOWN_LAYER, UNPARSABLE_FILE
from shapelint.diagnostics import Diagnostic, Finding, Related, Span
from shapelint.results import FileResult, ModelSummary
from shapelint.sources import SourceError, SourceUnit, read_source, unit_from_bytes
from shapelint.suppressions import find_suppressions, is_suppressed


@dataclass(frozen=True)
class Options:
    """What decides the analysis of one file (resolved from config and flags)."""

    enabled: frozenset[str] = field(
        default_factory=lambda: frozenset(c for c, v in CODES.items() if v.enabled_by_default)
    )
    data_format: str = "channels_last"
    keras_version: Optional[str] = None  # None: auto
    #: The parameter budget: a model with more parameters is reported (SL203).
    max_params: Optional[int] = None
    #: Whether results carry the models' summaries (``summary``, ``diff``, the
    #: editor); ``check`` prints findings only and skips locating every layer.
    summaries: bool = True
    #: Whether the summaries carry their graphs (edges, nested models' rows),
    #: which diagrams draw.
    graphs: bool = False


def options_for(
    config: Any, display_path: Optional[str] = None, summaries: bool = True, graphs: bool = False
) -> Options:
    """The options for one file from a ``config.Config`` (per-file ignores applied)."""
    return Options(
        enabled=config.enabled_codes(display_path),
        data_format=config.data_format,
        keras_version=config.keras_version,
        max_params=config.max_params,
        summaries=summaries,
        graphs=graphs,
    )


def could_build_models(text: str) -> bool:
    """The cheap test run before parsing: code that never names Keras cannot
    build a Keras model."""
    return "keras" in text


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import|import[ \t]+([\w.]+))", re.M)


def _imports_keras_code(unit: SourceUnit) -> bool:
    """Whether a file that never names Keras imports a module of its project
    that does (a helper that builds models)."""
    if unit.origin is None or "import" not in unit.text:
        return False
    from shapelint.interp import modules

    roots, package = modules.project_roots(unit.origin)
    for match in _IMPORT.finditer(unit.text):
        name = match.group(1) or match.group(2)
        dots = len(name) - len(name.lstrip("."))
        if dots:
            from shapelint.interp.imports import resolve_relative

            name = resolve_relative(package, dots, name[dots:] or None) or ""
        path = modules.find_module(roots, name) if name else None
        if path is not None and modules.mentions_keras(path):
            return True
    return False


def analyse_path(
    path: Path, display_path: str, options: Options, data: Optional[bytes] = None
) -> FileResult:
    """Read and analyse one file (``data``: what ``sources.read_file`` read of
    it); never raises."""
    try:
        unit = read_source(path, display_path, data)
    except SourceError as e:
        return _unparsable(display_path, e.message, e.line, e.column, options)
    except OSError as e:
        return FileResult(display_path, error=f"cannot read the file: {e.strerror or e}")
    return analyse_source(unit, options)


def analyse_bytes(data: bytes, display_path: str, options: Options) -> FileResult:
    """Analyse a file's content (e.g. read from a git revision); never raises.
    ``display_path`` ending in ``.ipynb`` means a notebook."""
    try:
        unit = unit_from_bytes(data, display_path, display_path.endswith(".ipynb"))
    except SourceError as e:
        return _unparsable(display_path, e.message, e.line, e.column, options)
    return analyse_source(unit, options)


#: The evaluator recurses once or twice per syntax level (up to parse.MAX_AST_DEPTH).
_RECURSION_LIMIT = 6000

#: Wall-clock seconds the analysis of one file may take. The step budgets of
#: the evaluator and the parse limits keep real files far below this (see the
#: sweep in bench/); this is the last resort that turns anything they miss (a
#: combinatorial case, a huge file on a slow machine) into an error for that
#: file instead of a hang. Applies where a SIGALRM timer can be used: in the
#: main thread of a POSIX process that has no timer of its own running.
TIME_LIMIT: Optional[float] = 20.0


class _OutOfTime(BaseException):
    """Raised by the SIGALRM handler; a BaseException so that no ``except
    Exception`` on the way swallows it."""


def analyse_source(
    unit: SourceUnit, options: Options, *, prefilter: bool = True, cache: Any = None
) -> FileResult:
    """Analyse source text; never raises (an internal error is reported in the result).
    ``prefilter=False`` hands every file that names Keras to LibCST and the
    evaluator, even one whose code cannot make a Keras object (for tests).
    ``cache`` is an ``incremental.DocumentCache`` kept between the analyses of
    one editor document: only the statements an edit changed are parsed again."""
    if sys.getrecursionlimit() < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    alarm = _Alarm(TIME_LIMIT)
    try:
        try:
            alarm.start()
            with warnings.catch_warnings():  # CPython's SyntaxWarnings (`1if x`, "\d")
                warnings.simplefilter("ignore")  # are not shapelint's to print
                if prefilter and cache is None:
                    return _analyse(unit, options)
                return _analyse(unit, options, prefilter=prefilter, cache=cache)
        finally:
            alarm.stop()
    except _OutOfTime:
        while alarm.armed:  # another signal may come before stop() disarms it
            try:
                alarm.stop()
            except _OutOfTime:
                pass
        return FileResult(
            unit.path,
            error=f"analysis stopped after {TIME_LIMIT:g} s (time limit): the file is too large "
            "or too complex to analyse in time; exclude it if it is generated code",
        )
    except MemoryError:  # the address-space limit of a worker (processes.limit_memory)
        return FileResult(
            unit.path,
            error="analysis stopped: out of memory (the file is too large or too complex to "
            "analyse within the memory limit); exclude it if it is generated code",
        )
    except Exception as e:
        frames = traceback.extract_tb(e.__traceback__)
        where = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
        what = " ".join(str(e).split())  # one line
        what = what if len(what) <= 300 else what[:300] + "..."
        return FileResult(unit.path, error=f"internal error: {type(e).__name__}: {what}{where}")


class _Alarm:
    """A SIGALRM that raises _OutOfTime after ``seconds``, where one can be used.

    CPython "ignores" an exception raised while it runs a finalizer (a
    ``__del__`` or a gc callback of anything, which runs on top of whatever
    code allocated): raised there, the analysis would go on without a limit.
    So the exception is raised only in a frame of shapelint's or LibCST's own
    code, never a generator's (a generator dropped half-way is closed by a
    finalizer too). When the signal comes elsewhere, a profile hook raises it
    at the next call or return in such a frame; and the signal comes again
    every ``_REPEAT`` seconds until the analysis has stopped."""

    _REPEAT = 0.1

    def __init__(self, seconds: Optional[float]):
        self.seconds = seconds
        self.previous: Any = None
        self.armed = False
        self.hooked = False

    def start(self) -> None:
        import signal
        import threading

        _find_our_dirs()  # now, not in the handler
        if (
            not self.seconds
            or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # someone else's timer
        ):
            return
        self.previous = signal.getsignal(signal.SIGALRM)
        signal.signal(signal.SIGALRM, self._fire)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds, self._REPEAT)

    def _fire(self, _signum: int, frame: Any) -> None:
        if not self.armed:  # a late signal after stop() began does nothing
            return
        if frame is not None and frame.f_code not in _HANDLER_CODES and _ours(frame.f_code):
            raise _OutOfTime()  # (not in the profile hook: it may run inside a gc callback)
        if sys.getprofile() is None:  # (never over a profiler of the host)
            self.hooked = True
            sys.setprofile(self._profile)

    def _profile(self, frame: Any, _event: str, _arg: Any) -> None:
        code = frame.f_code
        if self.armed and code not in _HANDLER_CODES and _ours(code):
            raise _OutOfTime()  # (CPython removes a profile hook that raises)

    def stop(self) -> None:
        if not self.armed:
            return
        self.armed = False
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        if self.hooked:
            self.hooked = False
            if sys.getprofile() == self._profile:
                sys.setprofile(None)
        previous = self.previous if self.previous is not None else signal.SIG_DFL
        signal.signal(signal.SIGALRM, previous)


def _ours(code: Any) -> bool:
    """Code of shapelint or LibCST that no finalizer runs: not a generator's
    (or a coroutine's), whose frames are resumed to close them. Called from
    the signal handler, so it calls nothing of ours or LibCST's."""
    if code.co_flags & _GENERATOR_FLAGS:
        return False
    return bool(code.co_filename.startswith(_OUR_DIRS))


def _find_our_dirs() -> tuple[str, ...]:
    """The folders of shapelint and LibCST, found once before the timer starts
    (without importing LibCST: an import run from the signal handler, inside a
    gc callback, was interrupted there and its exception "ignored")."""
    global _OUR_DIRS
    if not _OUR_DIRS:
        import importlib.util

        dirs = [os.path.dirname(os.path.abspath(__file__)) + os.sep]
        spec = importlib.util.find_spec("libcst")
        if spec is not None and spec.origin:
            dirs.append(os.path.dirname(os.path.abspath(spec.origin)) + os.sep)
        _OUR_DIRS = tuple(dirs)
    return _OUR_DIRS


#: inspect.CO_GENERATOR | CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR
_GENERATOR_FLAGS = 0x20 | 0x80 | 0x100 | 0x200
#: The handler's and the profile hook's own code, which neither interrupts.
_HANDLER_CODES = frozenset((_Alarm._fire.__code__, _Alarm._profile.__code__, _ours.__code__))
_OUR_DIRS: tuple[str, ...] = ()


def source_error_result(
    path: str, error: SourceError, options: Options, cell: Optional[int] = None
) -> FileResult:
    """The result of a file that cannot be turned into Python text (too large,
    undecodable): its SL001, in ``cell`` for a notebook."""
    result = FileResult(path)
    if UNPARSABLE_FILE in options.enabled:
        span = Span(error.line, error.column, error.line, error.column, cell)
        result.diagnostics.append(Diagnostic(path, UNPARSABLE_FILE, error.message, span))
    return result


def _unparsable(
    path: str,
    message: str,
    line: int,
    column: int,
    options: Options,
    unit: Optional[SourceUnit] = None,
) -> FileResult:
    result = FileResult(path)
    if UNPARSABLE_FILE in options.enabled:
        result.diagnostics.append(_syntax_diagnostic(path, message, line, column, unit))
    return result


def _syntax_diagnostic(
    path: str,
    message: str,
    line: int,
    column: int,
    unit: Optional[SourceUnit] = None,
    hint: Optional[str] = None,
) -> Diagnostic:
    cell = None
    if unit is not None:
        column = unit.map_column(line, column)
        cell, line = unit.map_line(line)
    return Diagnostic(path, UNPARSABLE_FILE, message, Span(line, column, line, column, cell), hint)


def gate(
    unit: SourceUnit,
    options: Options,
    prefilter: bool = True,
    cache: Any = None,
    cells_checked: bool = False,
) -> Any:
    """The tests before LibCST: CPython's tree of a file that may build a
    model (an ``ast.Module``), or the ``FileResult`` of a file skipped or
    unparsable (for a notebook whose cells parse but for some: the result of
    its other cells). ``prefilter=False`` lets every file that names Keras
    through; ``cache`` (an editor's ``incremental.DocumentCache``) parses and
    scans again only the statements an edit changed. ``cells_checked``: the
    notebook's cells that do not parse on their own are already blank."""
    if not could_build_models(unit.text) and not _imports_keras_code(unit):
        return FileResult(unit.path, skipped=True)
    from shapelint import parse
    from shapelint import prefilter as pf

    if cache is not None:
        checked = cache.syntax(unit.text, unit.origin)
    else:
        checked = parse.check_syntax(unit.text)
    if isinstance(checked, parse.ParseFailure):
        if unit.cell_lines is not None and not cells_checked:
            result = _analyse_runnable_cells(unit, options, prefilter, cache)
            if result is not None:
                return result
        return _unparsable(unit.path, checked.message, checked.line, checked.column, options, unit)
    if cache is not None:
        tree, facts = checked
    else:
        tree = checked
    if unit.cell_lines is not None and not cells_checked and _statement_across_cells(tree, unit):
        result = _analyse_runnable_cells(unit, options, prefilter, cache)
        if result is not None:
            return result
    if cache is None:
        with parse.no_gc():
            facts = pf.scan(tree, unit.origin)  # one walk: the depth, and what the code uses
    failure = parse.depth_failure(tree, facts.depth)
    if failure is not None:
        return _unparsable(unit.path, failure.message, failure.line, failure.column, options, unit)
    unknown_layers = UNKNOWN_LAYER in options.enabled
    project = pf.PROJECT_FACTS.view(unknown_layers)
    if prefilter and not pf.can_build(facts, project, unknown_layers):
        return FileResult(unit.path, skipped=True)  # never handed to LibCST
    return tree


def _analyse_runnable_cells(
    unit: SourceUnit, options: Options, prefilter: bool, cache: Any
) -> Optional[FileResult]:
    """A notebook that does not parse as one text, or only with a statement
    across cells, analysed without the cells that do not parse on their own
    (IPython compiles and runs each cell by itself: a cell with a syntax error
    runs nothing, the others run), each such cell an SL001; None if every cell
    parses on its own."""
    from shapelint import parse

    lines = unit.text.split("\n")
    broken: list[tuple[int, int]] = []
    diagnostics: list[Diagnostic] = []
    for _cell, first, last in unit.cell_spans():
        checked = parse.check_syntax("\n".join(lines[first - 1 : last]) + "\n")
        if not isinstance(checked, parse.ParseFailure):
            continue
        broken.append((first, last))
        line = first + checked.line - 1
        message = f"{checked.message} (this cell is not analysed; the notebook's other cells are)"
        hint = _automagic_hint(lines[line - 1] if line <= len(lines) else "", last > first)
        diagnostics.append(_syntax_diagnostic(unit.path, message, line, checked.column, unit, hint))
    if not broken:
        return None
    result = _analyse(unit.without_lines(broken), options, prefilter, cache, cells_checked=True)
    if UNPARSABLE_FILE in options.enabled:
        result.diagnostics[:0] = diagnostics
    return result


def _statement_across_cells(tree: Any, unit: SourceUnit) -> bool:
    """Whether a statement of a notebook's text begins in one cell and ends in
    another (``x = [`` then ``1]``): IPython compiles each cell alone, and
    neither of those parses."""
    cells = unit.cell_lines or ()
    last = len(cells)
    for statement in tree.body:
        first = min(
            [statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))]
        )
        end = statement.end_lineno or first
        if 1 <= first <= last and 1 <= end <= last and cells[first - 1][0] != cells[end - 1][0]:
            return True
    return False


def _automagic_hint(line: str, several_lines: bool) -> Optional[str]:
    """For ``pip install x`` in a cell of several lines (IPython runs a magic
    without its ``%`` only in a cell of one line)."""
    from shapelint.ipython_input import AUTOMAGIC_NAMES

    words = line.split(maxsplit=1)
    if not several_lines or not words or words[0] not in AUTOMAGIC_NAMES:
        return None
    name = words[0]
    return (
        f"IPython runs `{name} ...` as the magic `%{name}` only in a cell of one line: "
        f"write `%{name} ...`"
    )


def _analyse(
    unit: SourceUnit,
    options: Options,
    prefilter: bool = True,
    cache: Any = None,
    cells_checked: bool = False,
) -> FileResult:
    tree = gate(unit, options, prefilter, cache, cells_checked)
    if isinstance(tree, FileResult):
        return tree
    from shapelint import parse

    parsed = parse.parse_checked(unit.text, tree, cache)
    if isinstance(parsed, parse.ParseFailure):
        return _unparsable(unit.path, parsed.message, parsed.line, parsed.column, options, unit)

    from shapelint.api.dispatch import Dispatch
    from shapelint.interp.context import Settings
    from shapelint.interp.evaluator import Evaluator
    from shapelint.positions import FunctionSources
    from shapelint.versions import KerasVersion, file_versions

    configured = options.keras_version
    evaluator = Evaluator(
        Settings(
            data_format=options.data_format,
            keras_version=None if configured is None else KerasVersion(configured),
            versions=file_versions(unit.text, configured),
            custom_activations=any(
                word in unit.text
                for word in ("custom_objects", "register_keras_serializable", "CustomObjectScope")
            ),
            origin=unit.origin,
            sources=FunctionSources(parsed.module, parsed.text, parsed.tree),
        ),
        Dispatch(),
    )
    evaluator.run_module(parsed.module)
    return _report(unit, parsed.module, evaluator, options, cache)


def _report(
    unit: SourceUnit, module: Any, evaluator: Any, options: Options, cache: Any = None
) -> FileResult:
    from shapelint.domain import param_counts
    from shapelint.positions import locate
    from shapelint.summary import summarize

    findings = [f for f in evaluator.findings if f.code in options.enabled]
    wanted: list[Any] = [f.node for f in findings]
    wanted.extend(node for f in findings for node, _ in f.related)
    # SL203 needs the totals, and models told apart by their lines as summaries are
    models = evaluator.models if options.summaries or _budget_applies(options) else []
    for model in models:
        wanted.append(model.created_at)
        wanted.extend(op.created_at for op in _operations(model))
    tables = cache.tables if cache is not None else None
    positions = locate(module, wanted, tables, evaluator.unpruned_parts())

    def span_of(node: Any) -> Span:
        line, col, end_line, end_col = positions.get(id(node), (1, 0, 1, 0))
        cell, cell_line = unit.map_line(line)
        _, cell_end_line = unit.map_line(end_line)
        column, end_column = unit.map_column(line, col + 1), unit.map_column(end_line, end_col + 1)
        return Span(cell_line, column, cell_end_line, end_column, cell)

    reading = param_counts.Reading.of(evaluator.settings.versions)
    with param_counts.remembered():  # (the models do not change any more)
        summaries = [(summarize(m, unit.path, span_of, options.graphs, reading), m) for m in models]
    if evaluator.truncated:
        note = "the analysis budget ran out before the end of the file"
        summaries = [(_with_note(s, note), m) for s, m in summaries]
    summaries = _unique(summaries)
    findings.extend(_budget_findings(summaries, options))

    suppressions = find_suppressions(unit.text)
    result = FileResult(unit.path)
    for f in findings:
        raw_line = positions.get(id(f.node), (1, 0, 1, 0))[0]
        if is_suppressed(suppressions, raw_line, f.code):
            continue
        related = tuple(Related(span_of(node), msg) for node, msg in f.related)
        result.diagnostics.append(
            Diagnostic(unit.path, f.code, f.message, span_of(f.node), f.hint, related)
        )
    result.diagnostics.sort(key=Diagnostic.sort_key)
    if options.summaries:
        result.models = [s for s, _ in summaries]
    return result


def _budget_applies(options: Options) -> bool:
    return options.max_params is not None and MODEL_TOO_LARGE in options.enabled


def _budget_findings(
    summaries: Iterable[tuple[ModelSummary, Any]], options: Options
) -> list[Finding]:
    """SL203 for each model whose known total exceeds ``max-params``."""
    budget = options.max_params
    if budget is None or MODEL_TOO_LARGE not in options.enabled:
        return []
    return [
        Finding(
            MODEL_TOO_LARGE,
            f"model '{s.name}' has {s.total_params:,} parameters, more than the budget of "
            f"{budget:,} (max-params)",
            model.created_at,
            hint="make the model smaller, or raise max-params in [tool.shapelint]",
        )
        for s, model in summaries
        if s.total_params is not None and s.total_params > budget
    ]


def _operations(model: Any) -> Iterable[Any]:
    from shapelint.domain import graph

    return graph.model_operations(model)


def _unique(models: Iterable[tuple[ModelSummary, Any]]) -> list[tuple[ModelSummary, Any]]:
    seen: set[Any] = set()
    out = []
    for m, model in models:
        key = (m.line, m.cell, m.name, m.layers, m.total_params, m.trainable_params)
        if key not in seen:
            seen.add(key)
            out.append((m, model))
    return out


def _with_note(model: ModelSummary, note: str) -> ModelSummary:
    from dataclasses import replace

    return replace(
        model,
        notes=(*model.notes, note),
        total_params=None,
        trainable_params=None,
        non_trainable_params=None,
    )
