"""Golden outputs for behaviour-preserving refactors.

    python bench/golden.py save DIR      # write the outputs of this checkout to DIR
    python bench/golden.py compare DIR   # compare this checkout's outputs with DIR's

Runs ``check --format json`` and ``summary --format json`` (with every code
selected) over the fixtures, tests/data, the programs written in the tests'
string literals, generated difftest and data-differential programs, and the
shared corpus when it is there (../shared/corpus), with the Keras version
read from the code and forced to 2 and 3. The programs are written to
DIR/programs by ``save`` (kept if already there), so ``compare`` reads the
very same files. The result cache is off. The ``version`` field is left
out of the comparison, and the paths of the checkout and of the corpus are
written as ``<root>`` and ``<corpus>`` (a checkout elsewhere compares with
one saved here); every other byte counts.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent.parent / "shared" / "corpus"
DIFFTEST_SEEDS = (0, 1, 2)
DIFFTEST_COUNT = 120
DATA_CASES = 200


def _write_test_programs(out: Path) -> int:
    """Every string literal of tests/*.py that parses and names Keras."""
    count = 0
    for test in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(test.read_text(encoding="utf-8"))
        seen: set[str] = set()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = textwrap.dedent(node.value)
            if "keras" not in text or "\n" not in text or text in seen:
                continue
            try:
                ast.parse(text)
            except SyntaxError:
                continue
            seen.add(text)
            count += 1
            (out / f"{test.stem}_{len(seen):04d}.py").write_text(text, encoding="utf-8")
    return count


def _write_generated_programs(out: Path) -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from difftest.generator import generate
    from test_data_differential import generate as generate_data

    count = 0
    for seed in DIFFTEST_SEEDS:
        for index in range(DIFFTEST_COUNT):
            (out / f"difftest_{seed}_{index:04d}.py").write_text(generate(seed, index).text)
            count += 1
    for index, case in enumerate(generate_data(DATA_CASES, 0)):
        (out / f"data_{index:04d}.py").write_text(case.text)
        count += 1
    return count


def _targets(programs: Path) -> dict[str, list[str]]:
    targets = {
        "fixtures": [str(ROOT / "fixtures")],
        "tests-data": [str(ROOT / "tests" / "data")],
        "test-programs": [str(programs / "tests")],
        "generated": [str(programs / "generated")],
    }
    if CORPUS.is_dir():
        targets["corpus"] = [str(CORPUS)]
    return targets


def _run(args: list[str], src: Path) -> str:
    # no result cache: every run analyses (and a cache write cannot fail the run)
    env = dict(os.environ, PYTHONPATH=str(src), SHAPELINT_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "shapelint", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"shapelint {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    data = json.loads(proc.stdout)
    data.pop("version", None)
    text = json.dumps(data, indent=1, sort_keys=True)
    # the checkout and the corpus as placeholders: two checkouts compare
    return text.replace(str(CORPUS), "<corpus>").replace(str(ROOT), "<root>")


def _outputs(programs: Path, jobs: str, src: Path) -> dict[str, str]:
    outputs = {}
    common = ["-j", jobs, "--no-respect-gitignore"]
    for name, paths in _targets(programs).items():
        versions = ["auto"] if name == "corpus" else ["auto", "2", "3"]
        for version in versions:
            vargs = ["--keras-version", version]
            check = ["check", "--format", "json", "--select", "ALL", "--exit-zero"]
            outputs[f"{name}.check.{version}.json"] = _run(check + vargs + common + paths, src)
            summary = ["summary", "--format", "json"]
            outputs[f"{name}.summary.{version}.json"] = _run(summary + vargs + common + paths, src)
            print(f"  {name} ({version})", file=sys.stderr, flush=True)
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("-j", "--jobs", default="2")
    parser.add_argument(
        "--src",
        type=Path,
        default=ROOT / "src",
        help="the shapelint sources to run (a copy lets you edit meanwhile)",
    )
    args = parser.parse_args(argv)
    programs = args.dir / "programs"
    if args.action == "save":
        if programs.is_dir():
            print(f"reusing the programs in {programs}", file=sys.stderr)
        else:
            for sub in ("tests", "generated"):
                (programs / sub).mkdir(parents=True)
            n = _write_test_programs(programs / "tests")
            m = _write_generated_programs(programs / "generated")
            print(f"{n} test programs, {m} generated programs", file=sys.stderr)
        for name, text in _outputs(programs, args.jobs, args.src).items():
            (args.dir / name).write_text(text)
        return 0
    differ = 0
    for name, text in _outputs(programs, args.jobs, args.src).items():
        saved = (args.dir / name).read_text()
        if saved != text:
            differ += 1
            print(f"DIFFERS: {name}")
            diff = difflib.unified_diff(saved.splitlines(), text.splitlines(), lineterm="", n=2)
            print("\n".join(list(diff)[:60]))
    print("identical" if not differ else f"{differ} outputs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
