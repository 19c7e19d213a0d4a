"""The command line: ``shapelint check``, ``summary``, ``diff`` and ``lsp``.

Imports stay inside the functions that need them so that ``--version`` and
usage errors start instantly (LibCST costs ~0.2 s to import).
"""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional, TextIO

from shapelint import __version__

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _jobs(value: str) -> int:
    """``--jobs``: a positive number, or "auto" (0)."""
    if value == "auto":
        return 0
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number or 'auto', got {value!r}")
    return jobs


COMMANDS = ("check", "summary", "diff", "lsp", "rule")
CHECK_FORMATS = {
    "text": "one line per finding, path:line:col: CODE message (the default)",
    "json": "the findings as JSON (schemas/check.schema.json)",
    "sarif": "SARIF 2.1.0, for GitHub code scanning",
    "github": "GitHub Actions workflow commands (annotations)",
}
SUMMARY_FORMATS = {
    "text": "a table per model, as Keras' model.summary() prints it (the default)",
    "json": "the models as JSON (schemas/summary.schema.json)",
    "markdown": "a Markdown table per model",
    "mermaid": "each model as a Mermaid flowchart (renders in GitHub Markdown)",
    "dot": "each model as a Graphviz DOT graph (dot -Tsvg)",
}
DIAGRAM_FORMATS = ("mermaid", "dot")
RULE_FORMATS = {
    "text": "Markdown, as in docs/rules.md (the default)",
    "json": "an object per code (a list with --all)",
}
DIFF_FORMATS = {
    "text": "one line per changed model and layer (the default)",
    "json": "the changes as JSON (schemas/diff.schema.json)",
    "markdown": "Markdown tables, for a pull-request comment or a job summary",
}


class ColorChoice(str, enum.Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def _add_format(parser: argparse.ArgumentParser, formats: dict[str, str]) -> None:
    """``--format`` (alias ``--output-format``, as ruff spells it), each choice described."""
    described = "; ".join(f"{name}: {what}" for name, what in formats.items())
    parser.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=tuple(formats),
        default="text",
        metavar="FORMAT",
        help=f"output format: {described}",
    )


def _add_flag_pair(parser: argparse.ArgumentParser, name: str, on: str, off: str) -> None:
    """``--NAME`` / ``--no-NAME``, None when neither is given (the config decides)."""
    dest = name.replace("-", "_")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(f"--{name}", dest=dest, action="store_true", default=None, help=on)
    group.add_argument(f"--no-{name}", dest=dest, action="store_false", help=off)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shapelint",
        description="Static shape checker for Keras models: finds shape errors and prints "
        "model summaries without running TensorFlow.",
    )
    parser.add_argument("--version", action="version", version=f"shapelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    options, common = _shared_options()
    _add_check(sub, common)
    _add_summary(sub, common)
    _add_diff(sub, options)
    _add_rule(sub)
    _add_lsp(sub)
    return parser


def _shared_options() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The options of every command that reads code (``options``) and of the
    commands that analyse files (``common``: paths, workers, cache, excludes)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--config",
        metavar="PATH",
        help="read [tool.shapelint] from this file instead of the nearest pyproject.toml",
    )
    options.add_argument(
        "--data-format",
        choices=("channels_last", "channels_first"),
        help="image data format when a file does not set one",
    )
    options.add_argument(
        "--keras-version",
        metavar="auto|1|2|3",
        help="how legacy positional signatures are read (default: auto)",
    )
    options.add_argument(
        "--max-params",
        metavar="N",
        help="parameter budget: report a model with more parameters (SL203); e.g. 2000000 or 2M",
    )
    common = argparse.ArgumentParser(add_help=False, parents=[options])
    common.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories to check (default: .); - reads the source from stdin",
    )
    common.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes (default: auto, one per CPU for runs of many files; "
        "never more than the CPUs; 1: analyse in this process)",
    )
    common.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="read the source from stdin and report it as PATH (its configuration, excludes "
        "and, by its suffix, whether it is a notebook)",
    )
    _add_flag_pair(
        common,
        "force-exclude",
        "apply the excludes to files named on the command line too (as pre-commit names them)",
        "check files named on the command line even if the excludes match them (the default)",
    )
    _add_flag_pair(
        common,
        "respect-gitignore",
        "skip the files git ignores when walking directories (the default)",
        "walk directories without asking git what it ignores",
    )

    common.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse every file, without reading or writing the result cache "
        "(also: SHAPELINT_NO_CACHE=1)",
    )
    common.add_argument(
        "--cache-dir",
        metavar="PATH",
        help="keep the result cache there (default: cache-dir from the configuration, "
        "else .shapelint_cache beside the pyproject.toml)",
    )
    return options, common


def _add_check(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    check = sub.add_parser("check", parents=[common], help="report shape errors")
    _add_format(check, CHECK_FORMATS)
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to report (e.g. SL1,SL201)",
    )
    check.add_argument(
        "--extend-select",
        type=_codes,
        metavar="CODES",
        help="codes to report in addition to the selection",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes not to report",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit with 0 even when there are findings"
    )
    check.add_argument(
        "--color",
        type=ColorChoice,
        choices=tuple(ColorChoice),
        default=ColorChoice.AUTO,
        metavar="auto|always|never",
        help="colour the text output (default: auto, on a terminal unless NO_COLOR is set; "
        "FORCE_COLOR colours elsewhere)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings only, without the total"
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per code instead of the findings",
    )
    check.add_argument(
        "--show-source",
        action="store_true",
        help="show each finding's source line with a caret under it (text format)",
    )


def _add_summary(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    summary = sub.add_parser(
        "summary", parents=[common], help="print each model's layers, output shapes and parameters"
    )
    _add_format(summary, SUMMARY_FORMATS)
    summary.add_argument(
        "--show-params",
        action="store_true",
        help="add each layer's parameter count to the diagrams (mermaid, dot)",
    )


def _add_diff(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], options: argparse.ArgumentParser
) -> None:
    diff = sub.add_parser(
        "diff",
        parents=[options],
        help="compare the models of two git revisions (parameters, layers, shapes)",
        description="Compare the models of two git revisions: added and removed models, "
        "parameter totals and changed layer shapes. HEAD defaults to the working tree "
        "(tracked and untracked, not ignored files).",
    )
    diff.add_argument("base", metavar="BASE", help="the git revision to compare from")
    diff.add_argument(
        "head",
        metavar="HEAD",
        nargs="?",
        help="the git revision to compare to (default: the working tree)",
    )
    _add_format(diff, DIFF_FORMATS)
    diff.add_argument(
        "--diagrams",
        action="store_true",
        help="markdown: add a Mermaid diagram of each changed model, its changed layers marked",
    )


def _add_rule(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rule = sub.add_parser(
        "rule",
        help="explain a code: what it means, why Keras fails, a wrong and a fixed example",
        description="Explain a diagnostic code: what it means, why Keras fails on it, a "
        "program it is reported on with the error Keras raises, and the program fixed.",
    )
    rule.add_argument("code", nargs="?", metavar="CODE", help="a code, e.g. SL102")
    rule.add_argument("--all", action="store_true", help="every code")
    _add_format(rule, RULE_FORMATS)


def _add_lsp(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    lsp = sub.add_parser(
        "lsp",
        help="run the language server (stdio); needs the lsp extra: pip install 'shapelint[lsp]'",
    )
    lsp.add_argument("--stdio", action="store_true", help="use stdio (the default and only mode)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    import gc

    # Start-up (LibCST's import makes ~100,000 objects) and a run of one file
    # free what they allocate by reference counting: collecting cycles only
    # costs time. _analyse_all turns the collector back on for many files.
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()


def console() -> None:
    """The ``shapelint`` command and ``python -m shapelint``: ``main``, then
    the output flushed and the process ended at once. Tearing down the
    interpreter (freeing LibCST's ~100,000 start-up objects one by one) takes
    about 40 ms, a tenth of a one-file run, and does nothing for the user;
    by then the worker pool is shut down and every file closed."""
    import os

    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # reported by _finish already
            pass
    os._exit(code)


class _Output:
    """A standard stream as the commands write to it. The first error writing
    or flushing (a full disk, a pipe closed by ``head``) is kept, and what
    follows is dropped instead of raising in the middle of the output; the
    stream's file is then pointed at /dev/null, so that no later flush fails
    again. ``None`` (a stream closed when the process started) drops all."""

    def __init__(self, stream: Optional[TextIO]):
        self.stream = stream
        self.error: Optional[OSError] = None

    def write(self, text: str) -> int:
        if self.stream is not None and self.error is None:
            try:
                self.stream.write(text)
            except OSError as e:
                self._failed(e)
        return len(text)

    def flush(self) -> None:
        if self.stream is not None and self.error is None:
            try:
                self.stream.flush()
            except OSError as e:
                self._failed(e)

    def isatty(self) -> bool:
        try:
            return self.stream is not None and self.stream.isatty()
        except (AttributeError, OSError, ValueError):
            return False

    def _failed(self, error: OSError) -> None:
        import os

        self.error = error
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self.stream.fileno())  # type: ignore[union-attr]
            finally:
                os.close(null)
        except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
            pass


def _finish(out: _Output, err: _Output, code: int) -> int:
    """The exit code once the output is flushed: ``code``, or 2 when the output
    could not be written (one line on stderr). A pipe closed by its reader
    (``shapelint check . | head -1``) keeps ``code``: what was found does not
    change because the reader stopped reading, and a gate such as ``set -o
    pipefail`` must still fail on findings."""
    out.flush()
    error = out.error
    if error is None or isinstance(error, BrokenPipeError):
        return code
    _error(err, f"cannot write the output: {error.strerror or error}")
    return EXIT_ERROR


def _error(err: Any, message: str) -> None:
    """One line on stderr: ``shapelint: error: MESSAGE`` (control characters escaped)."""
    from shapelint.report.controls import printable

    err.write(f"shapelint: error: {printable(message)}\n")


def _main(argv: Optional[Sequence[str]]) -> int:
    out, err = _Output(sys.stdout), _Output(sys.stderr)
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        _error(err, "cannot write the output: the standard output is closed")
        return EXIT_ERROR
    _never_fail_to_print(sys.stdout)
    try:
        code = _command(argv, out, err)
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM/SIGHUP while workers run
        code = 128 + getattr(e, "signum", 2)
    except SystemExit as e:  # argparse: --help, --version and usage errors
        code = e.code if isinstance(e.code, int) else (EXIT_OK if e.code is None else EXIT_ERROR)
    return _finish(out, err, code)


def _command(argv: Optional[Sequence[str]], out: Any, err: Any) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in (*COMMANDS, "-h", "--help", "--version"):
        unknown = _unknown_command(args[0])
        if unknown:
            _error(err, unknown)
            return EXIT_ERROR
        args.insert(0, "check")  # `shapelint file.py` means `shapelint check file.py`
    parser = build_parser()
    saved, sys.stdout = sys.stdout, out  # argparse prints --help and --version there
    try:
        ns = parser.parse_args(args)
        if ns.command is None:
            parser.print_help()
            return EXIT_ERROR
    finally:
        sys.stdout = saved
    if ns.command == "lsp":
        return run_lsp(err)
    if ns.command == "rule":
        return run_rule(ns, out, err)
    if ns.command == "diff":
        return run_diff(ns, out, err)
    return run(ns, out, err)


def _unknown_command(word: str) -> Optional[str]:
    """Why ``word``, first on the command line, is neither a command nor a path
    to check (None if it may be a path: an option, ``-``, an existing path, or
    a name with a path's ``/`` or ``.``). ``shapelint summry x.py`` is a typo
    of a command, not a request to check a file named ``summry``."""
    import os

    if word.startswith("-") or os.path.lexists(word) or any(c in word for c in "./\\"):
        return None
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f" (commands: {', '.join(COMMANDS)})"
    return f"unknown command {word!r}, and no file or directory of that name{hint}"


def _never_fail_to_print(stream: TextIO) -> None:
    """Text the stream's encoding cannot hold (a file name that is not UTF-8, a
    lone surrogate escaped in a layer name) is printed as a backslash escape
    instead of raising UnicodeEncodeError (stderr already does this)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def run_lsp(err: TextIO) -> int:
    import gc

    gc.enable()  # a long-running process
    try:
        import pygls  # noqa: F401
    except ImportError:
        err.write(
            "shapelint: error: the language server needs pygls: "
            "pip install 'shapelint[lsp]' (or pip install 'pygls>=2,<3')\n"
        )
        return EXIT_ERROR
    from shapelint.lsp import serve

    return serve()


def run_rule(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from shapelint.codes import CODES
    from shapelint.report import rule_doc

    if ns.all == (ns.code is not None):
        _error(err, "rule: name one code (e.g. SL102), or --all")
        return EXIT_ERROR
    if ns.all:
        rule_doc.write_rules(CODES.values(), out, ns.format, one=False)
        return EXIT_OK
    code = CODES.get(ns.code.strip().upper())
    if code is None:
        _error(err, f"unknown code {ns.code!r}; known: {', '.join(CODES)}")
        return EXIT_ERROR
    rule_doc.write_rules([code], out, ns.format)
    return EXIT_OK


def _load_config(ns: argparse.Namespace, start: Optional[Path], err: TextIO) -> Optional[Any]:
    """The configuration with the command line's options applied (they win), or
    None after reporting an invalid one."""
    from pathlib import Path

    from shapelint.codes import unknown_selectors
    from shapelint.config import ConfigError, load_config, parse_keras_version, parse_max_params

    try:
        config = load_config(Path(ns.config) if ns.config else None, start)
        if ns.keras_version is not None:
            config.keras_version = parse_keras_version(ns.keras_version, "--keras-version")
        if ns.max_params is not None:
            config.max_params = parse_max_params(ns.max_params, "--max-params")
    except ConfigError as e:
        _error(err, str(e))
        return None
    if ns.data_format:
        config.data_format = ns.data_format
    for flag in ("force_exclude", "respect_gitignore"):
        value = getattr(ns, flag, None)
        if value is not None:
            setattr(config, flag, value)
    for flag in ("select", "extend_select", "ignore"):
        codes = getattr(ns, flag, None)
        if codes is None:
            continue
        bad = unknown_selectors(codes)
        if bad:
            _error(err, f"--{flag.replace('_', '-')}: unknown code {bad[0]!r}")
            return None
        if flag == "select":
            config.select = codes
        elif flag == "extend_select":
            config.extend_select = [*config.extend_select, *codes]
        else:
            config.ignore = [*config.ignore, *codes]
    return config


def run(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``check`` and ``summary``: find the files, analyse them, print."""
    try:
        stdin = _stdin_name(ns)
    except _UsageError as e:
        _error(err, str(e))
        return EXIT_ERROR
    config = _load_config(ns, _config_start([ns.stdin_filename or "."] if stdin else ns.paths), err)
    if config is None:
        return EXIT_ERROR

    summaries = ns.command != "check"
    graphs = summaries and ns.format in DIAGRAM_FORMATS
    sources = _Sources()
    if stdin:
        results, unchecked = _analyse_stdin(stdin, config, summaries, graphs, sources), 0
    else:
        targets, unchecked = _collect(ns.paths or ["."], config, err)
        sources.paths.update((t.display, t.path) for t in targets)
        cache = None if ns.no_cache else _result_cache(config, ns.cache_dir)
        results = _analyse_all(
            targets, config, ns.jobs, err, summaries=summaries, graphs=graphs, cache=cache
        )
    failed = unchecked > 0
    for r in results:
        if r.error:
            failed = True
            if ns.format in ("text", "sarif"):
                from shapelint.report.controls import printable

                err.write(printable(f"{r.path}: error: {r.error}") + "\n")

    if ns.command == "summary":
        unanalysed = _write_summary(ns, results, out, err)
        if failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if unanalysed else EXIT_OK
    _write_check(ns, results, out, unchecked, sources)
    if failed:
        return EXIT_ERROR
    has_findings = any(r.diagnostics for r in results)
    return EXIT_FINDINGS if has_findings and not ns.exit_zero else EXIT_OK


class _UsageError(Exception):
    """A combination of arguments argparse cannot refuse by itself (exit 2)."""


def _stdin_name(ns: argparse.Namespace) -> Optional[str]:
    """The name the source on stdin is reported under (``--stdin-filename``,
    else "-"), or None when the paths name files."""
    if ns.stdin_filename is None and "-" not in ns.paths:
        return None
    if ns.paths not in ([], ["-"]):
        what = "--stdin-filename" if ns.stdin_filename is not None else "-"
        raise _UsageError(f"{what} reads the source from stdin: name no other path")
    return ns.stdin_filename if ns.stdin_filename is not None else "-"


def _collect(paths: Sequence[str], config: Any, err: TextIO) -> tuple[list[Any], int]:
    """The files to check, and how many of ``paths`` could not be read (each
    reported on ``err``; the files found before the failure are kept)."""
    from shapelint.discovery import PathError, collect_targets

    targets = []
    unchecked = 0
    seen: set[str] = set()
    for raw in paths:
        try:
            for target in collect_targets([raw], config, seen):
                targets.append(target)  # kept even if a later directory is unreadable
        except PathError as e:
            _error(err, str(e))
            unchecked += 1
    return targets, unchecked


class _Sources:
    """The source lines of the checked files, for ``--show-source``: read
    again from disk (only for the files with findings), or stdin's text."""

    def __init__(self) -> None:
        self.paths: dict[str, Path] = {}  # display path -> file
        self.units: dict[str, Any] = {}  # display path -> SourceUnit (or None: unreadable)
        self._lines: dict[str, dict[tuple[Optional[int], int], str]] = {}

    def line(self, display: str, cell: Optional[int], line: int) -> Optional[str]:
        if display not in self._lines:
            self._lines[display] = self._index(display)
        return self._lines[display].get((cell, line))

    def _index(self, display: str) -> dict[tuple[Optional[int], int], str]:
        from shapelint.sources import SourceError, python_lines, read_source

        unit = self.units.get(display)
        if unit is None and display in self.paths:
            try:
                unit = read_source(self.paths[display], display)
            except (OSError, SourceError):
                return {}
        if unit is None:
            return {}
        lines = python_lines(unit.text)
        return {unit.map_line(i): text for i, text in enumerate(lines, start=1)}


def _analyse_stdin(
    display: str, config: Any, summaries: bool, graphs: bool, sources: _Sources
) -> list[Any]:
    """The result of the source on stdin, reported as ``display`` (none if the
    excludes match it under ``force-exclude``)."""
    from dataclasses import replace
    from pathlib import Path

    from shapelint.analysis import analyse_bytes, analyse_source, options_for
    from shapelint.discovery import is_excluded_path
    from shapelint.sources import MAX_SOURCE_BYTES, SourceError, unit_from_bytes

    named = display != "-"
    if named and config.force_exclude and is_excluded_path(Path(display), config):
        sys.stdin.buffer.read()  # drain it, as a formatter chain expects
        return []
    data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    options = options_for(config, display, summaries, graphs)
    notebook = display.endswith(".ipynb")
    try:
        unit = unit_from_bytes(data, display, notebook)
    except SourceError:
        return [analyse_bytes(data, display, options)]  # reports the SL001
    if named:  # its project's other modules are read from beside it
        unit = replace(unit, origin=Path(display))
    sources.units[display] = unit
    return [analyse_source(unit, options)]


def _write_check(
    ns: argparse.Namespace, results: list[Any], out: TextIO, unchecked: int, sources: _Sources
) -> None:
    if ns.format == "json":
        from shapelint.report import json_out

        if ns.statistics:
            json_out.write_statistics(results, out)
        else:
            json_out.write_check(results, out)
    elif ns.format == "sarif" and not ns.statistics:
        import os

        from shapelint.report import sarif

        sarif.write_check(results, out, base=os.getcwd())
    elif ns.format == "github" and not ns.statistics:
        from shapelint.report import github

        github.write_check(results, out)
    else:  # text (and --statistics of the formats without their own)
        from shapelint.report import text

        style = text.Style()
        if use_color(ns.color, out):
            from shapelint.report.ansi import AnsiStyle

            style = AnsiStyle()
        options = text.TextOptions(style, ns.quiet, ns.show_source, ns.statistics)
        text.write_check(results, out, options, unchecked=unchecked, source=sources.line)


def _write_summary(
    ns: argparse.Namespace, results: list[Any], out: TextIO, err: TextIO
) -> list[Any]:
    """Writes the summaries; returns the findings of the files (or cells) that
    could not be analysed, which json and markdown carry in the document and
    the other formats write to ``err``."""
    from shapelint.report import text

    if ns.format in DIAGRAM_FORMATS:
        from shapelint.report import diagram

        diagram.write_summaries(results, out, ns.format, ns.show_params)
    elif ns.format == "json":
        from shapelint.report import json_out

        json_out.write_summaries(results, out)
    elif ns.format == "markdown":
        from shapelint.report import markdown

        markdown.write_summaries(results, out)
    else:
        from shapelint.report import summary_table

        summary_table.write_summaries(results, out)
    unanalysed = [d for r in results for d in r.unanalysed()]
    if ns.format not in ("json", "markdown"):
        for d in unanalysed:
            err.write(f"{text.format_diagnostic(d)}\n")  # why a file has no summary
    return unanalysed


def use_color(choice: ColorChoice, stream: TextIO, environ: Optional[Any] = None) -> bool:
    """Whether to colour ``stream``: ``--color always|never`` wins; else not if
    ``NO_COLOR`` is set (non-empty), yes if ``FORCE_COLOR`` is, not on a dumb
    terminal, and otherwise only on a terminal (NO_COLOR before FORCE_COLOR, as
    CPython 3.13 decides its own colour)."""
    import os

    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):  # not a file, or closed
        return False


def run_diff(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import gc

    from shapelint.diff import GitError, diff_revisions
    from shapelint.parallel import tune_gc

    tune_gc()
    gc.enable()

    config = _load_config(ns, None, err)
    if config is None:
        return EXIT_ERROR
    try:
        diff = diff_revisions(ns.base, ns.head, config, graphs=ns.diagrams)
    except GitError as e:
        _error(err, str(e))
        return EXIT_ERROR
    from shapelint.report import diff_out

    diff_out.write_diff(diff, out, ns.format, ns.diagrams)
    return EXIT_OK


def _config_start(paths: Sequence[str]) -> Optional[Path]:
    """Where to look for pyproject.toml: the common base of the paths (as black
    does), so ``shapelint /elsewhere/proj/model.py`` uses that project's config."""
    import os
    from pathlib import Path

    if not paths:
        return None  # the current directory
    try:
        return Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    except (ValueError, OSError):  # paths on different drives; a deleted current directory
        return None


def _result_cache(config: Any, override: Optional[str]) -> Optional[Any]:
    """The result cache of this run; None if it is turned off
    (``SHAPELINT_NO_CACHE``) or its directory cannot be made."""
    from pathlib import Path

    from shapelint.cache import ResultCache, cache_directory, disabled_by_environment

    if disabled_by_environment():
        return None
    cache = ResultCache(cache_directory(config, Path(override) if override else None))
    return cache if cache.prepare() else None


def _analyse_all(
    targets: list,  # type: ignore[type-arg]
    config: object,
    jobs: int = 1,
    err: Optional[TextIO] = None,
    summaries: bool = True,
    graphs: bool = False,
    cache: Optional[Any] = None,
) -> list:  # type: ignore[type-arg]
    """The results of ``targets``, in their order, with ``jobs`` worker
    processes (0: auto); a progress line on ``err`` if it is a terminal.
    ``summaries``: whether the results carry the models' summaries (and
    ``graphs``, their graphs, for diagrams). ``cache``: a ``ResultCache``
    that answers for the files it holds; the others are analysed and stored."""
    from shapelint import parallel
    from shapelint.analysis import options_for

    tasks = [
        (t.path, t.display, options_for(config, t.display, summaries, graphs)) for t in targets
    ]
    progress = parallel.Progress(len(tasks), err) if err is not None else None
    results = [cache.lookup(*task) for task in tasks] if cache is not None else [None] * len(tasks)
    missing = [i for i, r in enumerate(results) if r is None]
    if progress is not None:
        progress.advance(len(tasks) - len(missing))
    if len(missing) > 1:
        import gc

        parallel.tune_gc()
        gc.enable()
    analyse = cache.analyse if cache is not None else None
    jobs = parallel.capped_jobs(jobs, err) if jobs else parallel.auto_jobs(len(missing))
    try:
        analysed = parallel.analyse_all([tasks[i] for i in missing], jobs, analyse, progress)
    finally:
        if progress is not None:
            progress.close()
    for index, result in zip(missing, analysed):
        results[index] = result
    if cache is not None:
        cache.prune()
    return results
