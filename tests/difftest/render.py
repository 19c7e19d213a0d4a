"""Spelling programs: imports, how Keras names are reached, and arguments
passed by keyword or by position."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from difftest.program import Call, Code, Ctx, Nested

#: Classes keras.layers exports under another name only (Keras 3.15 exports
#: GroupedQueryAttention as keras.layers.GroupQueryAttention).
EXPORTED_AS = {"GroupedQueryAttention": "GroupQueryAttention"}


@dataclass(frozen=True)
class Spelling:
    name: str
    #: Import lines; ``{layers}`` / ``{api}`` are filled with the bare names used.
    header: tuple[str, ...]
    #: Prefix of layer classes ("layers.", "keras.layers.", "" for bare names).
    layer: str
    #: Prefixes of Input, and of Sequential/Model (several: one is picked per use).
    input: tuple[str, ...]
    models: tuple[str, ...]
    #: Prefix of set_image_data_format.
    backend: str
    #: "keras" (standalone) or "tensorflow" (tf.keras).
    root: str


SPELLINGS: tuple[Spelling, ...] = (
    Spelling(
        "from keras import layers",
        ("import keras", "from keras import layers"),
        "layers.",
        ("keras.", "layers."),
        ("keras.", "keras.models."),
        "keras.config.",
        "keras",
    ),
    Spelling(
        "import keras",
        ("import keras",),
        "keras.layers.",
        ("keras.", "keras.layers."),
        ("keras.", "keras.models."),
        "keras.backend.",
        "keras",
    ),
    Spelling(
        "layers as L",
        ("import keras", "from keras import layers as L"),
        "L.",
        ("keras.", "L."),
        ("keras.",),
        "keras.config.",
        "keras",
    ),
    Spelling(
        "from keras.layers import names",
        ("import keras", "from keras.layers import {layers}", "from keras.models import {api}"),
        "",
        ("",),
        ("",),
        "keras.backend.",
        "keras",
    ),
    Spelling(
        "from keras.layers import *",
        ("import keras", "from keras.layers import *", "from keras.models import {api}"),
        "",
        ("",),
        ("",),
        "keras.config.",
        "keras",
    ),
    Spelling(
        "tf.keras",
        ("import tensorflow as tf",),
        "tf.keras.layers.",
        ("tf.keras.", "tf.keras.layers."),
        ("tf.keras.", "tf.keras.models."),
        "tf.keras.backend.",
        "tensorflow",
    ),
    Spelling(
        "from tensorflow import keras",
        ("from tensorflow import keras", "from tensorflow.keras import layers"),
        "layers.",
        ("keras.",),
        ("keras.",),
        "keras.config.",
        "tensorflow",
    ),
)


def value(v: Any) -> str:
    """A Python value as source text."""
    if isinstance(v, Code):
        return v.text
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, tuple):
        if len(v) == 1:
            return f"({value(v[0])},)"
        return "(" + ", ".join(value(x) for x in v) + ")"
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    return repr(v)


@dataclass
class Writer:
    """Spells names for one program and remembers the bare names to import."""

    ctx: Ctx
    spelling: Spelling
    layer_names: set[str] = field(default_factory=set)
    api_names: set[str] = field(default_factory=set)
    #: Catalogue names of the layer classes written (nested ones included).
    classes: set[str] = field(default_factory=set)

    def layer_class(self, name: str) -> str:
        if not self.spelling.layer:
            self.layer_names.add(name)
        return self.spelling.layer + name

    def input(self) -> str:
        prefix = self.ctx.pick(self.spelling.input)
        if not prefix:
            self.layer_names.add("Input")
        return prefix + "Input"

    def model_class(self, name: str) -> str:
        prefix = self.ctx.pick(self.spelling.models)
        if not prefix:
            self.api_names.add(name)
        return prefix + name

    def header(self) -> list[str]:
        lines = []
        for line in self.spelling.header:
            if "{layers}" in line:
                if not self.layer_names:
                    continue
                line = line.format(layers=", ".join(sorted(self.layer_names)))
            if "{api}" in line:
                if not self.api_names:
                    continue
                line = line.format(api=", ".join(sorted(self.api_names)))
            lines.append(line)
        return lines

    def value(self, v: Any) -> str:
        if isinstance(v, Nested):
            return self.call(v.call, v.aliases, v.signature)
        if isinstance(v, list) and any(isinstance(x, Nested) for x in v):
            return "[" + ", ".join(self.value(x) for x in v) + "]"
        return value(v)

    def call(self, call: Call, aliases: tuple[str, ...], signature: tuple[str, ...]) -> str:
        """``Conv2D(8, 3, padding="same")``: the constructor call, spelled.

        Tags the call ``root:keras`` or ``root:tensorflow`` (the import it is
        spelled with) and ``pos:Layer.param`` for each parameter after the
        first that is passed positionally."""
        name = EXPORTED_AS.get(call.layer, call.layer)
        self.classes.add(call.layer)
        if aliases and self.ctx.chance(0.2):
            name = self.ctx.pick(aliases)
        keyword_only = call.keyword_only if self.spelling.root == "keras" else ()
        run = 0
        for param in signature:
            if param not in call.params or param in keyword_only:
                break
            run += 1
        positional = min(run, self.ctx.pick((0, 1, 1, 2, 2, 3, run)))
        positional_names = signature[:positional]
        call.tags = (
            *call.tags,
            f"root:{self.spelling.root}",
            *(f"pos:{call.layer}.{p}" for p in positional_names[1:]),
        )
        args = [self.value(call.params[p]) for p in positional_names]
        args += [
            f"{k}={self.value(v)}" for k, v in call.params.items() if k not in positional_names
        ]
        for v in call.params.values():  # a nested layer's tags are the line's too
            for nested in v if isinstance(v, list) else [v]:
                if isinstance(nested, Nested):
                    extra = [t for t in nested.call.tags if t not in call.tags]
                    call.tags = (*call.tags, *extra)
        return f"{self.layer_class(name)}({', '.join(args)})"
