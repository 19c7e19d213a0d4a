"""Differential test: random Keras programs (tests/difftest/), each run in
real Keras and analysed by shapelint, must agree on every layer's output
shape(s) and parameter counts, the model totals, and on whether and where
building fails (``pytest -m keras``).

1000 programs from seed 0 by default; ``--difftest-count N`` /
``--difftest-seed S`` (or ``SHAPELINT_DIFFTEST_COUNT`` /
``SHAPELINT_DIFFTEST_SEED``) run others. ``python bench/difftest.py`` runs
thousands and prints agreement by layer family.
"""

from __future__ import annotations

import inspect
import os
from typing import Any

import pytest
from difftest.generator import catalogue_layers, usable_recipes
from difftest.known import KNOWN_DISAGREEMENTS
from difftest.session import run_many

pytestmark = pytest.mark.keras

DEFAULT_COUNT = 1000


def _option(config: Any, name: str, env: str, default: int) -> int:
    value = config.getoption(name)
    if value is None:
        value = int(os.environ.get(env, default))
    return value


def test_generated_programs_agree_with_keras(request: Any, keras_module: Any) -> None:
    count = _option(request.config, "--difftest-count", "SHAPELINT_DIFFTEST_COUNT", DEFAULT_COUNT)
    seed = _option(request.config, "--difftest-seed", "SHAPELINT_DIFFTEST_SEED", 0)
    summary = run_many(seed, count)
    print(summary.headline())
    print(summary.format_table())
    problems = []
    if summary.unexplained:
        shown = "\n\n".join(c.report() for c in summary.unexplained[:5])
        problems.append(
            f"{len(summary.unexplained)} of {count} programs disagree with Keras "
            f"(first {min(5, len(summary.unexplained))}):\n\n{shown}"
        )
    for entry, cmp in summary.stale.values():
        problems.append(
            f"KNOWN_DISAGREEMENTS entry {entry.id!r} is stale: its construct was compared "
            f"and agreed in {cmp.program.label}; remove it from tests/difftest/known.py"
        )
    assert not problems, "\n\n".join(problems)


def test_every_known_disagreement_is_generated(request: Any, keras_module: Any) -> None:
    """Each entry's tags must be producible: else it could never be checked."""
    from difftest.generator import generate

    seen: set[str] = set()
    for index in range(8000):
        program = generate(0, index)
        for tags in program.line_tags.values():
            seen.update(tags)
    never = [k.id for k in KNOWN_DISAGREEMENTS if not set(k.tags) <= seen]
    assert not never, f"known disagreements whose construct is never generated: {never}"


def test_recipe_signatures_are_keras_positional_parameters(keras_module: Any) -> None:
    """A recipe's signature must be a prefix of the Keras constructor's
    parameters (the renderer passes a leading run of them positionally),
    and its aliases must exist."""
    wrong = []
    for name, recipe in usable_recipes().items():
        cls = getattr(keras_module.layers, recipe.writes or name)
        params = [
            p.name
            for p in inspect.signature(cls.__init__).parameters.values()
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name != "self"
        ]
        if tuple(params[: len(recipe.signature)]) != recipe.signature:
            wrong.append(f"{name}: recipe {recipe.signature}, Keras {tuple(params)}")
        call = [p for p in inspect.signature(cls.call).parameters if p != "self"]
        if recipe.merge and recipe.call_style == "args":
            if tuple(call[: len(recipe.call_names)]) != recipe.call_names:
                wrong.append(f"{name}: recipe call_names {recipe.call_names}, Keras call{call}")
        elif not recipe.merge and recipe.call_keyword and call[:1] != [recipe.call_keyword]:
            wrong.append(f"{name}: recipe call_keyword {recipe.call_keyword!r}, Keras call{call}")
        for alias in recipe.aliases:
            if getattr(keras_module.layers, alias, None) is not cls:
                wrong.append(f"{name}: keras.layers.{alias} is not the same class")
    assert not wrong, "\n".join(wrong)


def test_catalogue_layers_exist_in_keras(keras_module: Any) -> None:
    """Each entry is a class of keras.layers, by its name or by an alias
    whose class has that name (GroupQueryAttention's class is named
    GroupedQueryAttention, which keras.layers does not export)."""
    from shapelint.catalogue import LAYERS
    from shapelint.catalogue.legacy import CLASS_ALIASES

    exported = {
        n: n for n in dir(keras_module.layers) if isinstance(getattr(keras_module.layers, n), type)
    }
    for alias, name in CLASS_ALIASES.items():
        cls = getattr(keras_module.layers, alias, None)
        if isinstance(cls, type) and cls.__name__ == name:
            exported.setdefault(name, alias)
    modern = [n for n in sorted(catalogue_layers()) if not LAYERS[n].keras1_only]
    missing = [n for n in modern if n not in exported]
    assert not missing, missing
