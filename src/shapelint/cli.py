"""The command line: ``shapelint check``, ``summary``, ``diff`` and ``lsp``.

Imports stay inside the functions that need them so that ``--version`` and
usage errors start instantly (LibCST costs ~0.2 s to import).
"""

from __future__ import annotations

import argparse
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


COMMANDS = ("check", "summary", "diff", "lsp")
CHECK_FORMATS = ("text", "json", "sarif", "github")
SUMMARY_FORMATS = ("text", "json", "markdown")
DIFF_FORMATS = ("text", "json", "markdown")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shapelint",
        description="Static shape checker for Keras models: finds shape errors and prints "
        "model summaries without running TensorFlow.",
    )
    parser.add_argument("--version", action="version", version=f"shapelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
        "paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)"
    )
    common.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes (default: auto, one per CPU for runs of many files; "
        "1: analyse in this process)",
    )

    check = sub.add_parser("check", parents=[common], help="report shape errors")
    check.add_argument("--format", choices=CHECK_FORMATS, default="text")
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

    summary = sub.add_parser(
        "summary", parents=[common], help="print each model's layers, output shapes and parameters"
    )
    summary.add_argument("--format", choices=SUMMARY_FORMATS, default="text")

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
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text")

    lsp = sub.add_parser(
        "lsp",
        help="run the language server (stdio); needs the lsp extra: pip install 'shapelint[lsp]'",
    )
    lsp.add_argument("--stdio", action="store_true", help="use stdio (the default and only mode)")
    return parser


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
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)


def _main(argv: Optional[Sequence[str]]) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in (*COMMANDS, "-h", "--help", "--version"):
        args.insert(0, "check")  # `shapelint file.py` means `shapelint check file.py`
    parser = build_parser()
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if ns.command == "lsp":
            return run_lsp(sys.stderr)
        _never_fail_to_print(sys.stdout)
        if ns.command == "diff":
            return run_diff(ns, sys.stdout, sys.stderr)
        return run(ns, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


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
        err.write(f"shapelint: error: {e}\n")
        return None
    if ns.data_format:
        config.data_format = ns.data_format
    for flag in ("select", "extend_select", "ignore"):
        codes = getattr(ns, flag, None)
        if codes is None:
            continue
        bad = unknown_selectors(codes)
        if bad:
            err.write(f"shapelint: error: --{flag.replace('_', '-')}: unknown code {bad[0]!r}\n")
            return None
        if flag == "select":
            config.select = codes
        elif flag == "extend_select":
            config.extend_select = [*config.extend_select, *codes]
        else:
            config.ignore = [*config.ignore, *codes]
    return config


def run(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from shapelint.discovery import PathError, collect_targets

    config = _load_config(ns, _config_start(ns.paths), err)
    if config is None:
        return EXIT_ERROR

    failed = False
    targets = []
    seen: set[str] = set()
    for raw in ns.paths or ["."]:
        try:
            for target in collect_targets([raw], config, seen):
                targets.append(target)  # kept even if a later directory is unreadable
        except PathError as e:
            err.write(f"shapelint: error: {e}\n")
            failed = True

    results = _analyse_all(targets, config, ns.jobs, err, summaries=ns.command != "check")
    for r in results:
        if r.error:
            failed = True
            if ns.format in ("text", "sarif"):
                err.write(f"{r.path}: error: {r.error}\n")

    if ns.command == "summary":
        from shapelint.report import text

        if ns.format == "json":
            from shapelint.report import json_out as summary_writer
        elif ns.format == "markdown":
            from shapelint.report import markdown as summary_writer
        else:
            from shapelint.report import summary_table as summary_writer
        summary_writer.write_summaries(results, out)
        unanalysed = [d for r in results for d in r.unanalysed()]
        if ns.format == "text":  # (json and markdown carry them in the document)
            for d in unanalysed:
                err.write(f"{text.format_diagnostic(d)}\n")  # why a file has no summary
        if failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if unanalysed else EXIT_OK

    if ns.format == "json":
        from shapelint.report import json_out

        json_out.write_check(results, out)
    elif ns.format == "sarif":
        import os

        from shapelint.report import sarif

        sarif.write_check(results, out, base=os.getcwd())
    elif ns.format == "github":
        from shapelint.report import github

        github.write_check(results, out)
    else:
        from shapelint.report import text

        text.write_check(results, out)
    if failed:
        return EXIT_ERROR
    has_findings = any(r.diagnostics for r in results)
    return EXIT_FINDINGS if has_findings and not ns.exit_zero else EXIT_OK


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
        diff = diff_revisions(ns.base, ns.head, config)
    except GitError as e:
        err.write(f"shapelint: error: {e}\n")
        return EXIT_ERROR
    from shapelint.report import diff_out

    diff_out.write_diff(diff, out, ns.format)
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


def _analyse_all(
    targets: list,  # type: ignore[type-arg]
    config: object,
    jobs: int = 1,
    err: Optional[TextIO] = None,
    summaries: bool = True,
) -> list:  # type: ignore[type-arg]
    """The results of ``targets``, in their order, with ``jobs`` worker
    processes (0: auto); a progress line on ``err`` if it is a terminal.
    ``summaries``: whether the results carry the models' summaries."""
    from shapelint import parallel
    from shapelint.analysis import options_for

    tasks = [(t.path, t.display, options_for(config, t.display, summaries)) for t in targets]
    if len(tasks) > 1:
        import gc

        parallel.tune_gc()
        gc.enable()
    progress = parallel.Progress(len(tasks), err) if err is not None else None
    try:
        return parallel.analyse_all(tasks, jobs or parallel.auto_jobs(len(tasks)), None, progress)
    finally:
        if progress is not None:
            progress.close()
