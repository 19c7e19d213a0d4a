"""Differential test against real Keras, at scale.

    python bench/difftest.py [--count 5000] [--seed 0] [--show 5]
    python bench/difftest.py --seed 0 --only 123     # one program, in full

Generates ``--count`` random Keras programs (tests/difftest/), runs each in
real Keras (TensorFlow CPU) and in shapelint, and prints agreement by layer
family (output shapes and parameter counts per layer of the models Keras
builds; whether each layer's line fails), the totals, the known
disagreements, and the first ``--show`` unexplained disagreements in full.
Exits 1 on any disagreement (known ones included), 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="programs to run (5000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument("--start", type=int, default=0, help="first program index (0)")
    parser.add_argument("--only", type=int, help="run only this program index, and print it")
    parser.add_argument("--show", type=int, default=5, help="disagreements printed in full (5)")
    args = parser.parse_args(argv)

    from difftest.generator import catalogue_layers, generate
    from difftest.recipes import missing_recipes
    from difftest.runner import keras_module, run
    from difftest.session import run_many

    keras_module()
    if args.only is not None:
        cmp = run(generate(args.seed, args.only))
        if cmp.agrees:
            print(f"agree: {cmp.program.label}")
            print(cmp.program.numbered())
            return 0
        print(cmp.report())
        return 1

    def progress(index: int, summary: object) -> None:
        done = index - args.start + 1
        if done % 500 == 0:
            print(f"  ... {done}/{args.count}", file=sys.stderr, flush=True)

    summary = run_many(args.seed, args.count, args.start, progress)
    print(summary.headline())
    print()
    print("Agreement by layer family (shapes, params: layers of the models Keras builds;")
    print("errors: layer lines compared for failing or not):")
    print()
    print(summary.format_table())
    missing = missing_recipes(sorted(catalogue_layers()))
    never = sorted(catalogue_layers() - set(summary.classes) - {"InputLayer"} - set(missing))
    print()
    print(f"Layer classes written: {len(summary.classes)}")
    if missing:
        print(f"Catalogue layers without a recipe: {', '.join(missing)}")
    if never:
        print(f"Catalogue layers with a recipe but never written in this run: {', '.join(never)}")
    if summary.known:
        print()
        print("Known disagreements (tests/difftest/known.py):")
        for name, n in summary.known.most_common():
            print(f"  {n:5d}  {name}")
    if summary.stale:
        print()
        print("Stale known disagreements (compared and agreed: remove them):")
        for name, (_entry, cmp) in summary.stale.items():
            print(f"  {name}: {cmp.program.label}")
    if summary.unexplained and args.show:
        print()
        print(f"First {min(args.show, len(summary.unexplained))} unexplained disagreements:")
        for cmp in summary.unexplained[: args.show]:
            print()
            print(cmp.report())
    return 1 if summary.disagreeing or summary.stale else 0


if __name__ == "__main__":
    sys.exit(main())
