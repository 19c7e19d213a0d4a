"""The command line: ``shapelint check`` and ``shapelint summary``.

Imports stay inside the functions that need them so that ``--version`` and
usage errors start instantly (LibCST costs ~0.2 s to import).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional, TextIO

from shapelint import __version__

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shapelint",
        description="Static shape checker for Keras models: finds shape errors and prints "
        "model summaries without running TensorFlow.",
    )
    parser.add_argument("--version", action="version", version=f"shapelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)"
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        help="read [tool.shapelint] from this file instead of the nearest pyproject.toml",
    )
    common.add_argument(
        "--data-format",
        choices=("channels_last", "channels_first"),
        help="image data format when a file does not set one",
    )
    common.add_argument(
        "--keras-version",
        metavar="auto|1|2|3",
        help="how legacy positional signatures are read (default: auto)",
    )

    check = sub.add_parser("check", parents=[common], help="report shape errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
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
    summary.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in ("check", "summary", "-h", "--help", "--version"):
        args.insert(0, "check")  # `shapelint file.py` means `shapelint check file.py`
    parser = build_parser()
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return run(ns, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from shapelint.codes import unknown_selectors
    from shapelint.config import ConfigError, load_config, parse_keras_version
    from shapelint.discovery import PathError, collect_targets

    try:
        config = load_config(Path(ns.config) if ns.config else None, _config_start(ns.paths))
        if ns.keras_version is not None:
            config.keras_version = parse_keras_version(ns.keras_version, "--keras-version")
    except ConfigError as e:
        err.write(f"shapelint: error: {e}\n")
        return EXIT_ERROR
    if ns.data_format:
        config.data_format = ns.data_format
    for flag in ("select", "extend_select", "ignore"):
        codes = getattr(ns, flag, None)
        if codes is None:
            continue
        bad = unknown_selectors(codes)
        if bad:
            err.write(f"shapelint: error: --{flag.replace('_', '-')}: unknown code {bad[0]!r}\n")
            return EXIT_ERROR
        if flag == "select":
            config.select = codes
        elif flag == "extend_select":
            config.extend_select = [*config.extend_select, *codes]
        else:
            config.ignore = [*config.ignore, *codes]

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

    results = _analyse_all(targets, config)
    for r in results:
        if r.error:
            failed = True
            if ns.format == "text":
                err.write(f"{r.path}: error: {r.error}\n")

    if ns.command == "summary":
        from shapelint.report import json_out, summary_table, text

        (json_out if ns.format == "json" else summary_table).write_summaries(results, out)
        for d in (d for r in results for d in r.diagnostics if d.code == "SL001"):
            err.write(f"{text.format_diagnostic(d)}\n")  # why a file has no summary
        return EXIT_ERROR if failed else EXIT_OK

    from shapelint.report import json_out, text

    (json_out if ns.format == "json" else text).write_check(results, out)
    if failed:
        return EXIT_ERROR
    has_findings = any(r.diagnostics for r in results)
    return EXIT_FINDINGS if has_findings and not ns.exit_zero else EXIT_OK


def _config_start(paths: Sequence[str]) -> Optional[Path]:
    """Where to look for pyproject.toml: the common base of the paths (as black
    does), so ``shapelint /elsewhere/proj/model.py`` uses that project's config."""
    import os
    from pathlib import Path

    if not paths:
        return None  # the current directory
    try:
        return Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    except ValueError:  # paths on different drives
        return None


def _analyse_all(targets: list, config: object) -> list:  # type: ignore[type-arg]
    from shapelint.analysis import Options, analyse_path

    results = []
    for target in targets:
        options = Options(
            enabled=config.enabled_codes(target.display),  # type: ignore[attr-defined]
            data_format=config.data_format,  # type: ignore[attr-defined]
            keras_version=config.keras_version,  # type: ignore[attr-defined]
        )
        results.append(analyse_path(target.path, target.display, options))
    return results
