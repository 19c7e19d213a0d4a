"""Differential testing of shapelint against real Keras.

A seeded generator writes random Keras programs as source text (Sequential
with ``.add()``, ``Sequential([...])`` and functional graphs with branches and
merges; valid and deliberately broken; spelled in varied ways). The runner
executes each program in real Keras and analyses the same text with
shapelint, and compares every layer's output shape(s) and parameter counts,
the model totals, and whether (and where) building fails.

Modules:

- ``program``: the data the generator produces (``Call``, ``Program``) and
  the generator's own small shape model (``conv_length``, ...).
- ``recipes/``: one module per layer family; each ``Recipe`` knows how to
  write valid and broken calls of one Keras layer class. Adding a layer to
  the catalogue means adding a recipe (``test_difftest_recipes.py`` says
  which are missing).
- ``render``: spellings (imports, prefixes, keyword or positional arguments).
- ``generator``: ``generate(seed, index)`` -> ``Program``, in three styles.
- ``runner``: runs a program in Keras (imported lazily) and in shapelint, and
  ``compare`` lists the disagreements.
- ``known``: ``KNOWN_DISAGREEMENTS``, constructs shapelint is known to get
  wrong, each with the reason.
- ``session``: ``run_many(seed, count)`` and the agreement table by family.

The oracle for a layer's output shape is what ``model.summary()`` prints (the
shape of the layer's last call), for every model the program names: ``model``
and the sub-models it uses as layers.

Nothing here imports Keras at import time: only ``runner.run_keras`` does.
"""
