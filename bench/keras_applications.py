"""Reads the model builders in the installed Keras package's own source
(keras/src/applications/*.py) with shapelint, without importing them, and
compares each builder's parameter totals with what real Keras reports for
the same builder (called with weights=None, which builds the same network).

Run where TensorFlow/Keras is installed:  python bench/keras_applications.py
Prints one line per builder: exact, differs (with both numbers), or unknown.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
from pathlib import Path
from typing import Any


def shapelint_models(path: Path) -> dict[str, Any]:
    from shapelint.analysis import Options, analyse_path

    result = analyse_path(path, path.name, Options())
    if result.error:
        raise RuntimeError(result.error)
    return {m.keras_name: m for m in result.models}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="builder names (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras

    sys.setrecursionlimit(6000)
    folder = Path(keras.__file__).parent / "src" / "applications"
    builders = {
        name: fn
        for name, fn in inspect.getmembers(keras.applications, inspect.isfunction)
        if name[0].isupper()
    }
    exact = differs = unknown = 0
    for name, fn in sorted(builders.items()):
        if args.only and name not in args.only:
            continue
        module_file = Path(inspect.getsourcefile(fn) or "")
        if module_file.parent != folder:
            continue
        started = time.perf_counter()
        theirs = fn(weights=None)
        keras_name = theirs.name
        ours = shapelint_models(module_file).get(keras_name)
        elapsed = time.perf_counter() - started
        import numpy as np

        trainable = sum(int(np.prod(w.shape)) for w in theirs.trainable_weights)
        expected = (theirs.count_params(), trainable, theirs.count_params() - trainable)
        got = (
            None
            if ours is None
            else (ours.total_params, ours.trainable_params, ours.non_trainable_params)
        )
        if got == expected:
            exact += 1
            verdict = "exact"
        elif got is None or None in got:
            unknown += 1
            verdict = f"unknown (shapelint: {got}; notes: {getattr(ours, 'notes', '')})"
        else:
            differs += 1
            verdict = f"DIFFERS: shapelint {got} vs keras {expected}"
        print(f"{name:24} {module_file.name:24} {expected[0]:>12,}  {verdict}  [{elapsed:.1f}s]")
        keras.backend.clear_session()
    print(f"\n{exact} exact, {differs} differ, {unknown} unknown")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
