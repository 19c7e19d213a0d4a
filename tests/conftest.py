"""Shared test helpers.

Tests marked ``keras`` build models with real Keras (TensorFlow 2.21 CPU,
Keras 3, and tf-keras 2.21 for Keras 2): they are deselected by default
(``addopts = -m "not keras"``) and run with ``pytest -m keras`` in an
environment that has TensorFlow; there a missing TensorFlow is an error,
never a skip.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from shapelint.analysis import Options, analyse_source
from shapelint.codes import resolve_selection
from shapelint.results import FileResult, ModelSummary
from shapelint.sources import SourceUnit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def analyse(code: str, path: str = "t.py", select: str = "ALL", **options: Any) -> FileResult:
    """Analyse a snippet (dedented) with every code enabled."""
    unit = SourceUnit(path, textwrap.dedent(code))
    result = analyse_source(unit, Options(enabled=resolve_selection([select], None), **options))
    assert result.error is None, result.error
    return result


def codes(code: str, **options: Any) -> list[tuple[str, int]]:
    """(code, line) of every finding in a snippet, SL301 (unknown layer) excluded."""
    return [
        (d.code, d.span.line) for d in analyse(code, **options).diagnostics if d.code != "SL301"
    ]


def only_model(code: str, **options: Any) -> ModelSummary:
    result = analyse(code, **options)
    assert len(result.models) == 1, [m.name for m in result.models]
    return result.models[0]


def rows(model: ModelSummary) -> list[tuple[str, Any, Any]]:
    """(class, output shape(s), params) per layer."""
    out = []
    for row in model.layers:
        shapes = row.output_shapes[0] if len(row.output_shapes) == 1 else list(row.output_shapes)
        out.append((row.class_name, shapes, row.params))
    return out


@pytest.fixture(scope="session")
def keras_module() -> Any:
    """Real Keras 3 on the TensorFlow CPU backend (only in `pytest -m keras`)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras  # an ImportError here is a failure: CI installs tensorflow-cpu

    return keras


@pytest.fixture(scope="session")
def tf_keras_module() -> Any:
    """Real Keras 2: tf-keras 2.21 on the TensorFlow CPU backend (only in
    `pytest -m keras`; the `keras` extra installs it)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tf_keras  # an ImportError here is a failure, as for keras_module

    return tf_keras


def as_tf_keras(program: str) -> str:
    """A program written against ``keras`` (``import keras``, ``from keras
    import layers``, ``from tensorflow import keras``, ``tf.keras.X``, ...),
    run on tf-keras; its lines stay where they are."""
    rules = (
        (r"^(\s*)import keras$", r"\1import tf_keras as keras"),
        (r"^(\s*)from tensorflow import keras$", r"\1import tf_keras as keras"),
        (r"^(\s*)from (?:tensorflow\.)?keras((?:\.\w+)*) import", r"\1from tf_keras\2 import"),
        (r"^(\s*)import tensorflow as tf$", r"\1import tensorflow as tf; import tf_keras"),
        (r"\btf\.keras\.", "tf_keras."),
    )
    for pattern, replacement in rules:
        program = re.sub(pattern, replacement, program, flags=re.M)
    return program


def pytest_configure(config: pytest.Config) -> None:
    # No test reads results stored by an earlier one (a test that makes the
    # analysis fail would find the file's result stored instead), nor leaves a
    # .shapelint_cache behind; tests/test_cache.py turns the cache on.
    os.environ["SHAPELINT_NO_CACHE"] = "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("difftest", "differential test against real Keras")
    group.addoption(
        "--difftest-count",
        type=int,
        default=None,
        help="programs tests/test_differential.py runs "
        "(default 1000, or $SHAPELINT_DIFFTEST_COUNT)",
    )
    group.addoption(
        "--difftest-seed",
        type=int,
        default=None,
        help="its generator seed (default 0, or $SHAPELINT_DIFFTEST_SEED)",
    )
