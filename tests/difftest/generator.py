"""The program generator: ``generate(seed, index)`` writes one random Keras
program, reproducibly (``random.Random`` seeded with the pair).

Three styles: a Sequential built with ``.add()``, a ``Sequential([...])``
list (one element per line), and a functional graph with branches, merges,
shared layers and several outputs. About 40% of programs are broken on
purpose in one place (a wrong rank, a kernel or pool larger than its input, a
reshape to the wrong element count, incompatible merges, bad constructor
arguments); what Keras does with them is the oracle's business, not ours.

Each program has a focus: recipe number ``index % len(recipes)`` (sorted by
name) is strongly preferred until written, and the input shape is chosen so
that it fits, so every recipe is written every ``len(recipes)`` programs.
Functional programs also use layer objects twice (same shape, another feature
size, another shape), sub-models as layers (Sequential blocks and functional
sub-models), the functional merge forms (``keras.layers.add([a, b])``), call
keywords (``layer(inputs=x)``) and several inputs and outputs.

Only layers in shapelint's catalogue are generated (a recipe written ahead of
its catalogue entry waits), and never a construct shapelint documents as
unknown: every input shape is fully known, and Lambda layers declare
``output_shape``. Two documented readings are avoided: three positional ints
to Conv2D/Conv3D under a standalone ``keras`` import (read as Keras 1's
nb_row, nb_col), and Keras 1 keywords.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from difftest.program import (
    CHANNELS_FIRST,
    Call,
    Ctx,
    Line,
    Program,
    Shape,
)
from difftest.recipes import Recipe, all_recipes
from difftest.render import SPELLINGS, Writer, value

STYLES = ("sequential-add", "sequential-list", "functional")
#: Merge layers Keras also offers as functions (keras.layers.add([a, b])).
FUNCTIONAL_FORMS = frozenset(
    ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot")
)
BREAK_PROBABILITY = 0.4


def catalogue_layers() -> set[str]:
    from shapelint.catalogue import LAYERS

    return set(LAYERS)


def usable_recipes(names: Optional[set[str]] = None) -> dict[str, Recipe]:
    """The recipes whose layer is in the catalogue."""
    names = catalogue_layers() if names is None else names
    return {k: r for k, r in all_recipes().items() if k in names}


# -- input shapes -------------------------------------------------------------------------


@dataclass
class Start:
    shape: Shape
    dtype: Optional[str] = None

    @property
    def kind(self) -> str:
        return kind_of(self.dtype)


def kind_of(dtype: Optional[str]) -> str:
    if dtype == "string":
        return "string"
    return "int" if dtype in ("int32", "int64") else "float"


START_KINDS = (
    "vector",
    "sequence",
    "sequence",
    "tokens",
    "image",
    "image",
    "volume",
    "video",
)


def random_start(ctx: Ctx, kind: Optional[str] = None) -> Start:
    kind = kind or ctx.pick(START_KINDS)
    batch: Optional[int] = ctx.pick((2, 4, 8)) if ctx.chance(0.08) else None
    channels_first = ctx.data_format == CHANNELS_FIRST
    if kind == "vector":
        return Start((batch, ctx.randint(2, 64)))
    if kind == "sequence":
        return Start((batch, ctx.randint(2, 20), ctx.randint(1, 16)))
    if kind == "tokens":
        return Start((batch, ctx.randint(3, 30)), dtype=ctx.pick(("int32", "int64", None)))
    if kind == "strings":
        shape: Shape = (batch,) if ctx.chance(0.5) else (batch, ctx.pick((1, 1, 3)))
        return Start(shape, dtype="string")
    if kind == "image":
        h = ctx.randint(3, 32)
        w = h if ctx.chance(0.6) else ctx.randint(3, 32)
        c = ctx.pick((1, 2, 3, 4, 8))
        return Start((batch, c, h, w) if channels_first else (batch, h, w, c))
    if kind in ("video", "video3d"):
        t = ctx.randint(2, 6)
        n = 2 if kind == "video" else 3
        dims = [ctx.randint(2, 8) for _ in range(n)]
        c = ctx.pick((1, 2, 3))
        return Start((batch, t, c, *dims) if channels_first else (batch, t, *dims, c))
    d, h, w = (ctx.randint(2, 9) for _ in range(3))
    c = ctx.pick((1, 2, 3))
    return Start((batch, c, d, h, w) if channels_first else (batch, d, h, w, c))


def start_for(ctx: Ctx, focus: Optional[Recipe]) -> Start:
    """A random input shape the focus recipe can take (tried a few times)."""
    if focus is not None and focus.input_kind == "string":
        return random_start(ctx, "strings")
    if focus is not None and focus.input_kind == "int":
        return Start((None, ctx.randint(3, 12)), dtype=ctx.pick(("int32", "int64")))
    for _ in range(40):
        kind = ctx.pick((*START_KINDS, "video3d")) if focus is not None else None
        start = random_start(ctx, kind)
        if focus is None or focus.merge or focus.accepts(start.shape):
            return start
    return random_start(ctx)


#: Shapes of each rank used to get arguments for a layer fed a wrong rank.
_RANK_EXAMPLES: dict[int, Shape] = {
    2: (None, 12),
    3: (None, 6, 4),
    4: (None, 8, 8, 3),
    5: (None, 4, 4, 4, 2),
}


# -- choosing calls ------------------------------------------------------------------------


def _takes(recipe: Recipe, kind: str) -> bool:
    """Whether a recipe may be fed a tensor of this kind (float, int, string)."""
    if kind == "string" or recipe.input_kind == "string":
        return kind == recipe.input_kind
    if recipe.float_only:
        return kind == "float"
    return recipe.input_kind == "float" or kind == recipe.input_kind


@dataclass
class Chooser:
    ctx: Ctx
    recipes: dict[str, Recipe]
    #: The recipe this program is about: strongly preferred until used.
    focus: Optional[Recipe] = None
    unary: list[Recipe] = field(init=False)
    merges: list[Recipe] = field(init=False)

    def __post_init__(self) -> None:
        self.unary = [r for r in self.recipes.values() if not r.merge]
        self.merges = [r for r in self.recipes.values() if r.merge]

    def weight(self, r: Recipe) -> float:
        return r.weight * (40.0 if r is self.focus else 1.0)

    def weighted(self, options: Sequence[Recipe]) -> Recipe:
        total = sum(self.weight(r) for r in options)
        x = self.ctx.rng.random() * total
        for r in options:
            x -= self.weight(r)
            if x <= 0:
                return r
        return options[-1]

    def used(self, r: Recipe) -> None:
        if r is self.focus:
            self.focus = None

    def valid(
        self, shape: Shape, kind: str = "float", exclude: Sequence[str] = ()
    ) -> Optional[tuple[Recipe, Call]]:
        options = [
            r for r in self.unary if r.accepts(shape) and _takes(r, kind) and r.layer not in exclude
        ]
        if self.focus in options:
            for _ in range(4):
                call = self.focus.valid(self.ctx, shape)
                if call is not None:
                    return self.focus, call
        for _ in range(12):
            if not options:
                return None
            r = self.weighted(options)
            call = r.valid(self.ctx, shape)
            if call is not None:
                return r, call
            options = [o for o in options if o is not r]
        return None

    def broken(self, shape: Shape, kind: str = "float") -> Optional[tuple[Recipe, Call]]:
        for _ in range(12):
            if self.ctx.chance(0.3) and kind != "string":
                wrong = [r for r in self.unary if not r.accepts(shape) and _takes(r, kind)]
                if wrong:
                    r = self.weighted(wrong)
                    fakes = [s for s in _RANK_EXAMPLES.values() if r.accepts(s)]
                    call = r.valid(self.ctx, self.ctx.pick(fakes)) if fakes else None
                    if call is not None:
                        call.out = None
                        call.expect = "SL102"
                        call.tags = (*call.tags, "wrong-rank", f"wrong-rank:{len(shape)}")
                        return r, call
            options = [r for r in self.unary if r.accepts(shape) and _takes(r, kind)]
            if not options:
                continue
            r = self.weighted(options)
            call = r.broken(self.ctx, shape)
            if call is not None:
                return r, call
        return None


# -- program assembly ---------------------------------------------------------------------


@dataclass
class Body:
    """Lines of the program body, and the bookkeeping of the layers written."""

    lines: list[Line] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    intended: Optional[tuple[int, str]] = None  # (index in lines, code)

    def add(self, text: str, call: Optional[Call] = None, expect: Optional[str] = None) -> int:
        tags = (*call.tags, f"layer:{call.layer}") if call else ()
        self.tags.update(tags)
        self.lines.append(Line(text, call.layer if call else None, expect, tags))
        if expect and self.intended is None:
            self.intended = (len(self.lines) - 1, expect)
        return len(self.lines) - 1


def _extras(ctx: Ctx, recipe: Recipe, call: Call, names: set[str]) -> None:
    """Arguments every layer takes: a name, trainable=False."""
    if call.broken:
        return
    if ctx.chance(0.08) and not recipe.no_layer_kwargs:
        call.params["trainable"] = False
        call.tags = (*call.tags, "trainable-false")
    if ctx.chance(0.1):
        # never one of Keras' own names (dense, dense_1, ...): a model's
        # layer names must be unique
        name = f"{call.layer.lower()}_n{len(names) + 1}"
        names.add(name)
        call.params["name"] = name


def generate(seed: int, index: int, layers: Optional[set[str]] = None) -> Program:
    """Program ``index`` of the run seeded with ``seed`` (reproducible alone)."""
    rng = random.Random(f"shapelint-difftest:{seed}:{index}")
    recipes = usable_recipes(layers)
    style = rng.choice(STYLES)
    spelling = rng.choice(SPELLINGS)
    names = sorted(recipes)
    focus = recipes[names[index % len(names)]] if names else None
    if focus is not None and focus.merge:
        style = "functional"  # layers taking several tensors need the functional API
    ctx = Ctx(rng, functional=style == "functional")
    writer = Writer(ctx, spelling)
    body = Body()
    if ctx.chance(0.1):
        ctx.data_format = CHANNELS_FIRST
        body.add(f'{spelling.backend}set_image_data_format("channels_first")')
        body.tags.add("global-channels-first")
    chooser = Chooser(ctx, recipes, focus)
    breaking = ctx.chance(BREAK_PROBABILITY)
    if style == "functional":
        Functional(ctx, writer, body, chooser, breaking, focus).build()
    else:
        sequential(ctx, writer, body, chooser, breaking, style == "sequential-list", focus)
    header = writer.header()
    lines = [*header, "", *(line.text for line in body.lines)]
    offset = len(header) + 2  # line number of body line 0
    layer_lines = {i + offset: line.layer for i, line in enumerate(body.lines) if line.layer}
    line_tags = {i + offset: line.tags for i, line in enumerate(body.lines) if line.tags}
    intended = None
    if body.intended is not None:
        intended = (body.intended[0] + offset, body.intended[1])
    tags = set(body.tags) | {f"style:{style}", f"spelling:{spelling.name}"}
    tags |= {f"class:{name}" for name in writer.classes}
    return Program(
        seed=seed,
        index=index,
        style=style,
        spelling=spelling.name,
        text="\n".join(lines) + "\n",
        layer_lines=layer_lines,
        intended_error=intended,
        tags=frozenset(tags),
        line_tags=line_tags,
    )


def _input_call(ctx: Ctx, writer: Writer, start: Start, name: Optional[str] = None) -> str:
    shape = tuple(start.shape[1:])
    args: list[str] = []

    if start.shape[0] is not None and ctx.chance(0.3):
        args.append(f"batch_shape={value(tuple(start.shape))}")
    else:
        args.append(value(shape) if ctx.chance(0.5) else f"shape={value(shape)}")
        if start.shape[0] is not None:
            args.append(f"batch_size={start.shape[0]}")
    if start.dtype:
        args.append(f"dtype={value(start.dtype)}")
    if name:
        args.append(f"name={value(name)}")
    return f"{writer.input()}({', '.join(args)})"


# -- Sequential ---------------------------------------------------------------------------


def sequential(
    ctx: Ctx,
    writer: Writer,
    body: Body,
    chooser: Chooser,
    breaking: bool,
    as_list: bool,
    focus: Optional[Recipe],
) -> None:
    start = start_for(ctx, focus)
    kind = start.kind
    n = ctx.randint(1, 6)
    break_at = ctx.randint(0, n - 1) if breaking else -1
    calls: list[tuple[Recipe, Call]] = []
    shape: Optional[Shape] = start.shape
    names: set[str] = set()
    for i in range(n):
        assert shape is not None
        chosen = chooser.broken(shape, kind) if i == break_at else None
        if chosen is None:
            chosen = chooser.valid(shape, kind)
        if chosen is None:
            break
        r, call = chosen
        if len(call.out or []) > 1:  # a Sequential passes one tensor on
            continue
        _extras(ctx, r, call, names)
        calls.append((r, call))
        chooser.used(r)
        if call.broken:
            break
        shape = call.out[0] if call.out else None
        kind = call.out_kind
    if not calls:
        chosen = chooser.valid(start.shape, start.kind)
        assert chosen is not None, start
        calls.append(chosen)
    if calls[-1][1].broken and ctx.chance(0.3) and "Dense" in chooser.recipes:
        calls.append((chooser.recipes["Dense"], Call("Dense", {"units": 4}, None)))
    # How the input shape is given.
    first = ctx.pick(("Input", "Input", "InputLayer", "input_shape"))
    if first == "input_shape" and (
        start.shape[0] is not None or start.dtype or calls[0][0].no_layer_kwargs
    ):
        first = "Input"
    if first == "input_shape":
        calls[0][1].params["input_shape"] = tuple(start.shape[1:])
        body.tags.add("input_shape-kwarg")
    model_class = writer.model_class("Sequential")
    name_arg = f', name="seq_{ctx.randint(0, 99)}"' if ctx.chance(0.1) else ""
    texts = [(writer.call(call, r.aliases, r.signature), call) for r, call in calls]
    if as_list:
        body.add(f"model = {model_class}([")
        if first == "Input":
            body.add(f"    {_input_call(ctx, writer, start)},")
        elif first == "InputLayer":
            body.add(f"    {_input_layer(ctx, writer, start)},")
        for text, call in texts:
            body.add(f"    {text},", call, call.expect)
        body.add(f"]{name_arg})")
    else:
        body.add(f"model = {model_class}({name_arg.lstrip(', ')})")
        if first == "Input":
            body.add(f"model.add({_input_call(ctx, writer, start)})")
        elif first == "InputLayer":
            body.add(f"model.add({_input_layer(ctx, writer, start)})")
        for text, call in texts:
            if ctx.chance(0.1) and not call.broken:
                var = f"layer_{len(body.lines)}"
                body.add(f"{var} = {text}", call)
                body.add(f"model.add({var})", call)
            else:
                body.add(f"model.add({text})", call, call.expect)


def _input_layer(ctx: Ctx, writer: Writer, start: Start) -> str:

    args = [f"shape={value(tuple(start.shape[1:]))}"]
    if start.shape[0] is not None:
        args.append(f"batch_size={start.shape[0]}")
    if start.dtype:
        args.append(f"dtype={value(start.dtype)}")
    return f"{writer.layer_class('InputLayer')}({', '.join(args)})"


# -- functional ---------------------------------------------------------------------------


@dataclass
class Tensor:
    name: str
    shape: Optional[Shape]
    #: Names of the tensors it was computed from (transitively), itself included.
    ancestry: frozenset[str]
    kind: str = "float"


@dataclass
class SharedLayer:
    var: str
    recipe: Recipe
    call: Call
    input_shape: Shape
    #: Index in the body of the line that creates it.
    created: int = 0


class Functional:
    def __init__(
        self,
        ctx: Ctx,
        writer: Writer,
        body: Body,
        chooser: Chooser,
        breaking: bool,
        focus: Optional[Recipe] = None,
    ) -> None:
        self.focus = focus
        self.ctx = ctx
        self.writer = writer
        self.body = body
        self.chooser = chooser
        self.breaking = breaking
        self.pool: list[Tensor] = []
        self.inputs: list[Tensor] = []
        self.shared: list[SharedLayer] = []
        self.names: set[str] = set()
        self.counter = 0
        self.prefix = ctx.pick(("x", "x", "h", "t", "z"))
        self.broken: Optional[Tensor] = None

    def fresh(self) -> str:
        self.counter += 1
        return f"{self.prefix}{self.counter}"

    def build(self) -> None:
        ctx = self.ctx
        focus_merges = self.focus is not None and self.focus.merge
        n_inputs = 2 if ctx.chance(0.4 if focus_merges else 0.25) else 1
        first = start_for(ctx, self.focus)
        for i in range(n_inputs):
            start = first if i == 0 or ctx.chance(0.6) else random_start(ctx)
            if i > 0 and start is first and first.shape[0] is not None and ctx.chance(0.5):
                start = Start((first.shape[0] * 2, *first.shape[1:]), first.dtype)  # type: ignore[operator]
            if i > 0 and start.kind == "string":
                start = random_start(ctx)
            var = (
                ("inputs" if n_inputs == 1 else f"input_{'ab'[i]}")
                if ctx.chance(0.5)
                else f"inp{i}"
            )
            name = f"in_{i}" if ctx.chance(0.3) else None
            self.body.add(f"{var} = {_input_call(ctx, self.writer, start, name)}")
            t = Tensor(var, start.shape, frozenset({var}), start.kind)
            self.inputs.append(t)
            self.pool.append(t)
        steps = ctx.randint(2, 8)
        break_at = ctx.randint(0, steps - 1) if self.breaking else -1
        for step in range(steps):
            want_break = step == break_at
            done = False
            roll = ctx.rng.random()
            merge_first = focus_merges and self.chooser.focus is not None and step > 0
            if (roll < 0.25 or merge_first) and self.chooser.merges:
                done = self.merge(want_break)
            elif roll < 0.35 and self.shared:
                done = self.reuse(want_break)
            elif roll < 0.42 and not want_break:
                done = self.submodel()
            if not done:
                done = self.unary(want_break)
            if self.broken is not None:
                break
        self.finish()

    # -- steps --

    def live(self) -> list[Tensor]:
        """Tensors a numeric layer may take (strings go to their lookup only)."""
        return [t for t in self.pool if t.shape is not None and t.kind != "string"]

    def pick_tensor(self) -> Tensor:
        strings = [t for t in self.pool if t.kind == "string"]
        if strings and len(self.pool) == len(self.inputs):
            return strings[0]
        live = self.live() or [t for t in self.pool if t.shape is not None]
        if self.ctx.chance(0.6):
            return live[-1]
        return self.ctx.pick(live)

    def emit(
        self, call: Call, recipe: Recipe, args: Sequence[Tensor], merge: bool = False
    ) -> list[Tensor]:
        ctx = self.ctx
        _extras(ctx, recipe, call, self.names)
        text = self.writer.call(call, recipe.aliases, recipe.signature)
        if merge and recipe.call_style == "args":
            if ctx.chance(0.4):
                arg_text = ", ".join(f"{k}={t.name}" for k, t in zip(recipe.call_names, args))
                call.tags = (*call.tags, "tensors-by-keyword")
            else:
                arg_text = ", ".join(t.name for t in args)
        elif merge:
            arg_text = "[" + ", ".join(t.name for t in args) + "]"
            if recipe.layer in FUNCTIONAL_FORMS and ctx.chance(0.2):
                # keras.layers.add([a, b]): the layer created and called at once
                form = self.writer.layer_class(recipe.layer.lower())
                kwargs = "".join(f", {k}={value(v)}" for k, v in call.params.items())
                call.tags = (*call.tags, "functional-form")
                self.emit_line(call, f"{form}({arg_text}{kwargs})", args)
                return self.pool[-1:]
        else:
            arg_text = args[0].name
            if recipe.call_keyword and ctx.chance(0.05):
                arg_text = f"{recipe.call_keyword}={arg_text}"
                call.tags = (*call.tags, f"call-keyword:{recipe.call_keyword}")
        n_out = len(call.out) if call.out else 1
        if n_out == 1 and call.params.get("return_state") is True:
            # (a call meant to fail that Keras may build: its state tuple in one name)
            call.tags = (*call.tags, "state-tuple-one-name")
        outs = [self.fresh() for _ in range(n_out)]
        target = ", ".join(outs)
        ancestry = frozenset().union(*(t.ancestry for t in args))
        as_variable = not merge and ctx.chance(0.15)
        if as_variable:
            # created in one statement, called in the next
            call.tags = (*call.tags, "layer-variable")
            var = f"{call.layer.lower()}_{self.counter}"
            ctor_expect = call.expect if call.expect == "SL202" else None
            created = self.body.add(f"{var} = {text}", call, ctor_expect)
            if call.expect == "SL202":
                # Keras raises when the layer is created: the call is never reached
                self.body.add(f"{target} = {var}({arg_text})", call)
            else:
                self.body.add(f"{target} = {var}({arg_text})", call, call.expect)
            if not call.broken and recipe.accepts(args[0].shape or ()):
                self.shared.append(SharedLayer(var, recipe, call, args[0].shape, created))  # type: ignore[arg-type]
            if not call.broken and ctx.chance(0.2):
                self.body.add(f"{var}.trainable = False")
                self.body.tags.add("trainable-attribute")
        else:
            self.body.add(f"{target} = {text}({arg_text})", call, call.expect)
        tensors = [
            Tensor(name, call.out[i] if call.out else None, ancestry | {name}, call.out_kind)
            for i, name in enumerate(outs)
        ]
        self.chooser.used(recipe)
        self.pool.extend(tensors)
        if call.broken:
            self.broken = tensors[0]
        return tensors

    def emit_line(self, call: Call, expression: str, args: Sequence[Tensor]) -> None:
        """``x = <expression>`` for a call that makes one tensor."""
        out = self.fresh()
        self.body.add(f"{out} = {expression}", call, call.expect)
        ancestry = frozenset().union(*(t.ancestry for t in args)) | {out}
        shape = call.out[0] if call.out else None
        self.pool.append(Tensor(out, shape, ancestry, call.out_kind))
        self.chooser.used(self.chooser.recipes[call.layer])
        if call.broken:
            self.broken = self.pool[-1]

    def unary(self, want_break: bool) -> bool:
        t = self.pick_tensor()
        assert t.shape is not None
        chosen = self.chooser.broken(t.shape, t.kind) if want_break else None
        if chosen is None:
            chosen = self.chooser.valid(t.shape, t.kind)
        if chosen is None:
            return False
        self.emit(chosen[1], chosen[0], [t])
        return True

    def reuse(self, want_break: bool) -> bool:
        """Call a layer object a second time (shared weights)."""
        ctx = self.ctx
        layer = ctx.pick(self.shared)
        same = [t for t in self.live() if t.shape == layer.input_shape]
        if want_break and layer.recipe.fixes_features:
            other = [
                t
                for t in self.live()
                if len(t.shape) == len(layer.input_shape)  # type: ignore[arg-type]
                and t.shape[-1] != layer.input_shape[-1]
            ]
            if other:
                t = ctx.pick(other)
                out = self.fresh()
                self.body.add(
                    f"{out} = {layer.var}({t.name})",
                    Call(layer.call.layer, {}, None, "SL107", tags=("shared-layer-other-size",)),
                    "SL107",
                )
                self.broken = Tensor(out, None, t.ancestry | {out})
                self.pool.append(self.broken)
                return True
        if not want_break and not layer.recipe.fixes_features and ctx.chance(0.4):
            # a weightless layer object applied to a tensor of another shape
            other = [
                t
                for t in self.live()
                if t.shape != layer.input_shape and layer.recipe.accepts(t.shape)  # type: ignore[arg-type]
            ]
            if other:
                t = ctx.pick(other)
                out = self.fresh()
                self.body.add(
                    f"{out} = {layer.var}({t.name})",
                    Call(layer.call.layer, {}, None, tags=("shared-layer-other-shape",)),
                )
                self.pool.append(Tensor(out, None, t.ancestry | {out}))
                self.body.tags.add("shared-layer-other-shape")
                line = self.body.lines[layer.created]  # its summary row is there
                line.tags = (*line.tags, "shared-layer-other-shape")
                return True
        if not same or want_break:
            return False
        t = ctx.pick(same)
        outs = [self.fresh() for _ in layer.call.out or [None]]
        self.body.add(
            f"{', '.join(outs)} = {layer.var}({t.name})",
            Call(layer.call.layer, {}, layer.call.out, tags=("shared-layer",)),
        )
        for i, name in enumerate(outs):
            shape = layer.call.out[i] if layer.call.out else None
            self.pool.append(Tensor(name, shape, t.ancestry | {name}))
        return True

    def submodel(self) -> bool:
        """A small model used as a layer: a Sequential block (built when it is
        first called, or from its own Input) or a functional sub-model."""
        ctx = self.ctx
        live = [t for t in self.live() if t.kind == "float"]
        if not live:
            return False
        t = live[-1] if ctx.chance(0.6) else ctx.pick(live)
        assert t.shape is not None
        shape: Shape = t.shape
        calls: list[tuple[Recipe, Call]] = []
        for _ in range(ctx.randint(1, 3)):
            chosen = self.chooser.valid(shape)
            if chosen is None or chosen[1].out is None or len(chosen[1].out) != 1:
                break
            calls.append(chosen)
            shape = chosen[1].out[0]
        if not calls:
            return False
        var = f"block_{self.counter}"

        texts = [self.writer.call(c, r.aliases, r.signature) for r, c in calls]
        meta = Call("Sequential", {}, [shape], tags=("submodel",))
        if ctx.chance(0.7):
            items = texts
            if ctx.chance(0.4):
                items = [f"{self.writer.input()}({value(tuple(t.shape[1:]))})", *texts]
            elif calls[0][1].layer == "Embedding":
                meta.tags = (*meta.tags, "block-starts-with-embedding")
            model_class = self.writer.model_class("Sequential")
            meta.tags = (*meta.tags, *(t for _, c in calls for t in c.tags))
            self.body.add(f"{var} = {model_class}([{', '.join(items)}])", meta)
        else:
            meta = Call("Functional", {}, [shape], tags=("submodel",))
            sub_in = f"{var}_in"
            self.body.add(f"{sub_in} = {self.writer.input()}({value(tuple(t.shape[1:]))})")
            previous = sub_in
            for i, text in enumerate(texts):
                self.body.add(f"{var}_{i} = {text}({previous})", calls[i][1])
                previous = f"{var}_{i}"
            model_class = self.writer.model_class("Model")
            self.body.add(f"{var} = {model_class}({sub_in}, {previous})", meta)
        out = self.fresh()
        self.body.add(f"{out} = {var}({t.name})", meta)
        self.pool.append(Tensor(out, shape, t.ancestry | {out}))
        self.body.tags.add("submodel")
        return True

    def twin(self, base: Tensor, same: bool) -> Optional[Tensor]:
        """A second branch from ``base``: the same shape, or a different last dim."""
        assert base.shape is not None
        ctx = self.ctx
        if not same and "Dense" in self.chooser.recipes:
            last = base.shape[-1]
            units = ctx.pick([u for u in (2, 3, 4, 6, 8, 16) if u != last])
            call = Call("Dense", {"units": units}, [(*base.shape[:-1], units)])
            return self.emit(call, self.chooser.recipes["Dense"], [base])[0]
        for _ in range(10):
            chosen = self.chooser.valid(base.shape, base.kind)
            if (
                chosen
                and chosen[1].out
                and chosen[1].out[0] == base.shape
                and len(chosen[1].out) == 1
            ):
                return self.emit(chosen[1], chosen[0], [base])[0]
        if "Dense" in self.chooser.recipes and len(base.shape) >= 2:
            call = Call("Dense", {"units": base.shape[-1]}, [base.shape])
            return self.emit(call, self.chooser.recipes["Dense"], [base])[0]
        return None

    def merge(self, want_break: bool) -> bool:
        ctx = self.ctx
        recipe = self.chooser.weighted(self.chooser.merges)
        live = self.live()
        candidates: list[list[Tensor]] = []
        by_shape: dict[Shape, list[Tensor]] = {}
        for t in live:
            by_shape.setdefault(t.shape, []).append(t)  # type: ignore[arg-type]
        for group in by_shape.values():
            if len(group) >= 2:
                k = min(len(group), ctx.pick((2, 2, 3)))
                candidates.append(ctx.rng.sample(group, k))
        for k in (2, 2, 2, 3):
            if len(live) >= k:
                candidates.append(ctx.rng.sample(live, k))
        ctx.rng.shuffle(candidates)
        for group in candidates:
            shapes = [t.shape for t in group]
            call = (
                recipe.broken_merge(ctx, shapes) if want_break else recipe.valid_merge(ctx, shapes)  # type: ignore[arg-type]
            )
            if call is not None:
                self.emit(call, recipe, group, merge=True)
                return True
        if not live:
            return False
        base = live[-1] if ctx.chance(0.6) else ctx.pick(live)
        other = self.twin(base, same=not want_break and ctx.chance(0.7))
        if other is None:
            return False
        group = [base, other] if ctx.chance(0.7) else [other, base]
        shapes = [t.shape for t in group]
        call = recipe.broken_merge(ctx, shapes) if want_break else recipe.valid_merge(ctx, shapes)  # type: ignore[arg-type]
        if call is None:
            return True  # the twin was written; the step is done
        self.emit(call, recipe, group, merge=True)
        return True

    # -- the model --

    def finish(self) -> None:
        ctx = self.ctx

        if self.broken is not None:
            last = self.broken
            if ctx.chance(0.3) and "Dense" in self.chooser.recipes:
                out = self.fresh()
                broken_line = self.body.lines[-1]
                tags = ("after-break",)
                if "state-tuple-one-name" in broken_line.tags:
                    tags = (*tags, "consumes-state-tuple")
                self.body.add(
                    f"{out} = {self.writer.layer_class('Dense')}(4)({last.name})",
                    Call("Dense", {"units": 4}, None, tags=tags),
                )
                last = Tensor(out, None, last.ancestry | {out})
        else:
            last = self.pool[-1]
        outputs = [last]
        for t in self.pool:
            if t not in outputs and t not in self.inputs and ctx.chance(0.12):
                outputs.append(t)
        # (an input no output depends on is legal in Keras)
        inputs = self.inputs
        in_text = (
            inputs[0].name
            if len(inputs) == 1 and ctx.chance(0.7)
            else "[" + ", ".join(t.name for t in inputs) + "]"
        )
        out_text = (
            outputs[0].name
            if len(outputs) == 1 and ctx.chance(0.7)
            else "[" + ", ".join(t.name for t in outputs) + "]"
        )
        model_class = self.writer.model_class("Model")
        name = f", name={value('net')}" if ctx.chance(0.1) else ""
        if ctx.chance(0.5):
            self.body.add(f"model = {model_class}(inputs={in_text}, outputs={out_text}{name})")
        else:
            self.body.add(f"model = {model_class}({in_text}, {out_text}{name})")
