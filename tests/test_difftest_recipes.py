"""The differential test's generator, without Keras: every catalogue layer
has a recipe, programs are reproducible from their seed, and every recipe
is written."""

from __future__ import annotations

from difftest.generator import catalogue_layers, generate, usable_recipes
from difftest.recipes import all_recipes, missing_recipes


def test_every_catalogue_layer_has_a_recipe() -> None:
    missing = missing_recipes(sorted(catalogue_layers()))
    assert not missing, (
        f"{len(missing)} catalogue layers have no recipe in tests/difftest/recipes/ (the "
        f"differential test against Keras cannot generate them): {', '.join(missing)}. "
        "Add a Recipe to the family's module (see tests/difftest/recipes/__init__.py)."
    )


def test_programs_are_reproducible_from_their_seed() -> None:
    for index in range(40):
        assert generate(5, index).text == generate(5, index).text
    assert generate(5, 1).text != generate(6, 1).text


def test_programs_compile() -> None:
    for seed in range(3):
        for index in range(1000):
            program = generate(seed, index)
            compile(program.text, program.label, "exec")


def test_every_recipe_is_written() -> None:
    """Each program focuses on one recipe in turn (index modulo their number)."""
    recipes = usable_recipes()
    written: set[str] = set()
    for index in range(2 * len(recipes)):
        written.update(t[6:] for t in generate(0, index).tags if t.startswith("class:"))
    assert not set(recipes) - written, sorted(set(recipes) - written)


def test_recipes_name_their_family_and_layer() -> None:
    for name, recipe in all_recipes().items():
        assert recipe.layer == name and recipe.family, name
