"""Time `shapelint check` on every fixture file, and what start-up costs.

Run it with the Python of an environment where shapelint is installed:

    python bench/bench_check.py [--repeat N] [--fixtures DIR]

It prints plain-text numbers in milliseconds (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".py", ".ipynb")


def find_fixtures(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES and p.name[0] != "."
    )


def shapelint_command() -> list[str]:
    """The `shapelint` console script beside this Python, else `python -m shapelint`."""
    bindir = Path(sys.executable).parent
    for name in ("shapelint", "shapelint.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "shapelint"]


def time_process(argv: Sequence[str], repeat: int) -> tuple[list[float], set[int]]:
    """Wall-clock milliseconds of `repeat` runs, and the exit codes seen."""
    times, codes = [], set()
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(
            list(argv),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append((time.perf_counter() - start) * 1000)
        codes.add(proc.returncode)
    return times, codes


def ms(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.1f}"


def median_max(values: Sequence[float]) -> str:
    if not values:
        return "median - ms, max - ms (no files)"
    return f"median {ms(statistics.median(values))} ms, max {ms(max(values))} ms"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default: 5)")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=ROOT / "fixtures",
        help="folder searched recursively for .py and .ipynb files (default: fixtures/)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    repeat: int = args.repeat

    try:
        import shapelint
    except ImportError:
        print(f"error: shapelint is not importable from {sys.executable}", file=sys.stderr)
        return 2
    cli = shapelint_command()
    files = find_fixtures(args.fixtures)

    print(f"shapelint {shapelint.__version__} from {Path(shapelint.__file__).parent}")
    print(f"python    {sys.version.split()[0]} ({sys.executable})")
    print(f"command   {' '.join(cli)} check FILE")
    print(f"fixtures  {args.fixtures}: {len(files)} file(s); {repeat} run(s) per measurement")
    print()

    # Start-up: what every `shapelint check` process pays before it reads a file.
    print("CLI start-up (median of runs, ms)")
    startup = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import libcst'", [sys.executable, "-c", "import libcst"]),
        ("shapelint --version", [*cli, "--version"]),
    ]
    for label, command in startup:
        times, codes = time_process(command, repeat)
        note = "" if codes == {0} else f"  (exit codes {sorted(codes)})"
        print(f"  {label:<28} {ms(statistics.median(times)):>8}{note}")
    print()

    # In process: shapelint.analysis imported once, analyse_path per file.
    start = time.perf_counter()
    from shapelint.analysis import Options, analyse_path

    import_ms = (time.perf_counter() - start) * 1000
    options = Options()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))  # as the CLI does

    first_ms = None
    if files:  # the first call pays for lazy imports (the parser): reported apart
        t0 = time.perf_counter()
        analyse_path(files[0], files[0].name, options)
        first_ms = (time.perf_counter() - t0) * 1000

    rows = []
    for path in files:
        display = path.relative_to(args.fixtures).as_posix()
        cli_times, codes = time_process([*cli, "check", str(path)], repeat)
        in_times, errors = [], set()
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = analyse_path(path, display, options)
            in_times.append((time.perf_counter() - t0) * 1000)
            if result.error:
                errors.add(result.error)
        rows.append(
            (
                display,
                ",".join(str(c) for c in sorted(codes)),
                statistics.median(cli_times),
                max(cli_times),
                statistics.median(in_times),
                "; ".join(sorted(errors)),
            )
        )

    if rows:
        width = max(len("file"), *(len(r[0]) for r in rows))
        heads = f"{'exit':>4}  {'cli median':>10}  {'cli max':>8}  {'in-process median':>17}"
        print(f"{'file':<{width}}  {heads}")
        for name, exits, cli_med, cli_max, in_med, error in rows:
            cells = f"{exits:>4}  {ms(cli_med):>10}  {ms(cli_max):>8}  {ms(in_med):>17}"
            print(f"{name:<{width}}  {cells}" + (f"  error: {error}" if error else ""))
        print()
    else:
        where = "under" if args.fixtures.is_dir() else "(folder missing):"
        print(f"no .py or .ipynb files {where} {args.fixtures}: nothing to time per file")
        print()

    cli_medians = [r[2] for r in rows]
    in_medians = [r[4] for r in rows]
    print(f"shapelint check FILE, per process (ms per file):   {median_max(cli_medians)}")
    print(f"analyse_path in process (ms per file):              {median_max(in_medians)}")
    print(f"import shapelint.analysis once:                     {ms(import_ms)} ms")
    print(f"first analyse_path call (lazy imports included):    {ms(first_ms)} ms")
    failed = [r[0] for r in rows if "2" in r[1].split(",") or r[5]]
    if failed:
        print(f"files with errors (exit 2 or an analysis error): {len(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
