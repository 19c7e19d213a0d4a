"""Recurrent layers: SimpleRNN, LSTM, GRU, ConvLSTM{1,2,3}D, and the
generic RNN with its cells (SimpleRNNCell, LSTMCell, GRUCell,
StackedRNNCells)."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from difftest.program import (
    Call,
    Ctx,
    Nested,
    Shape,
    conv_length,
    int_or_tuple,
    place,
    spatial_axes,
)
from difftest.recipes import Recipe


class Recurrent(Recipe):
    family = "recurrent"
    call_keyword = "sequences"
    ranks = frozenset({3})
    fixes_features = True
    weight = 1.5
    #: State tensors returned with return_state=True.
    states: ClassVar[int] = 1

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        units = ctx.pick((1, 2, 4, 8, 16, 32))
        params: dict[str, Any] = {"units": units}
        if ctx.chance(0.2):
            params["activation"] = ctx.pick(("tanh", "relu", "sigmoid"))
        if ctx.chance(0.15):
            params["use_bias"] = False
            if ctx.chance(0.6):
                params["activation"] = ctx.pick(("tanh", "relu", "sigmoid"))
        self.extra(ctx, params)
        sequences = ctx.chance(0.45)
        if sequences:
            params["return_sequences"] = True
        elif ctx.chance(0.1):
            params["return_sequences"] = False
        out: Shape = (shape[0], shape[1], units) if sequences else (shape[0], units)
        if ctx.functional and ctx.chance(0.2):
            params["return_state"] = True
            return Call(self.layer, params, [out] + [(shape[0], units)] * self.states)
        if ctx.chance(0.1):
            params["go_backwards"] = True
            return Call(self.layer, params, [out], tags=("rnn-go-backwards",))
        return Call(self.layer, params, [out])

    def extra(self, ctx: Ctx, params: dict[str, Any]) -> None:
        pass

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call(
            self.layer, {"units": ctx.pick((0, -4))}, None, "SL202", tags=("units-not-positive",)
        )


class SimpleRNN(Recurrent):
    layer = "SimpleRNN"
    signature = ("units", "activation", "use_bias")


class LSTM(Recurrent):
    layer = "LSTM"
    signature = ("units", "activation", "recurrent_activation", "use_bias")
    states = 2

    def extra(self, ctx: Ctx, params: dict[str, Any]) -> None:
        if ctx.chance(0.1):
            params["unit_forget_bias"] = False


class GRU(Recurrent):
    layer = "GRU"
    signature = ("units", "activation", "recurrent_activation", "use_bias")

    def extra(self, ctx: Ctx, params: dict[str, Any]) -> None:
        if ctx.chance(0.25):
            params["reset_after"] = ctx.chance(0.3)


class ConvLSTM(Recipe):
    """ConvLSTM{rank}D: input (batch, time, *spatial, channels)."""

    family = "recurrent"
    call_keyword = "sequences"
    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "activation",
        "recurrent_activation",
        "use_bias",
    )
    rank: ClassVar[int] = 2
    fixes_features = True

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 3

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {"filters": ctx.pick((1, 2, 4, 8))}
        frame = (shape[0], *shape[2:])
        fmt = ctx.format_arg(params)
        dims = [frame[a] for a in spatial_axes(frame, fmt)]
        padding = ctx.pick(("valid", "same")) if ctx.chance(0.5) else "valid"
        kernel = [ctx.randint(1, min(3, n) if padding == "valid" else 3) for n in dims]  # type: ignore[type-var]
        strides = [1] * self.rank
        if ctx.chance(0.2):
            strides = [ctx.randint(1, 2)] * self.rank
        out = [conv_length(n, k, s, 1, padding) for n, k, s in zip(dims, kernel, strides)]  # type: ignore[arg-type]
        if any(o <= 0 for o in out):
            return None
        params["kernel_size"] = int_or_tuple(ctx, kernel)
        if strides != [1] * self.rank:
            params["strides"] = int_or_tuple(ctx, strides)
        if padding != "valid" or ctx.chance(0.2):
            params["padding"] = padding
        if ctx.chance(0.15):
            params["use_bias"] = False
        params = {k: params[k] for k in self.signature if k in params} | params
        step = place(frame, out, params["filters"], fmt)
        sequences = ctx.chance(0.4)
        if sequences:
            params["return_sequences"] = True
            result: Shape = (shape[0], shape[1], *step[1:])
        else:
            result = step
        if ctx.functional and ctx.chance(0.15):
            params["return_state"] = True
            return Call(self.layer, params, [result, step, step])
        return Call(self.layer, params, [result])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        frame = (shape[0], *shape[2:])
        dims = [frame[a] for a in spatial_axes(frame, ctx.data_format)]
        if ctx.chance(0.5):
            kernel = [n + 1 for n in dims]  # type: ignore[operator]
            params = {"filters": 4, "kernel_size": int_or_tuple(ctx, kernel)}
            return Call(self.layer, params, None, "SL103", tags=("conv-kernel-too-large",))
        return Call(
            self.layer, {"filters": 0, "kernel_size": 1}, None, "SL202", tags=("conv-filters",)
        )


class ConvLSTM1D(ConvLSTM):
    layer = "ConvLSTM1D"
    rank = 1


class ConvLSTM2D(ConvLSTM):
    layer = "ConvLSTM2D"
    rank = 2


class ConvLSTM3D(ConvLSTM):
    layer = "ConvLSTM3D"
    rank = 3


#: Cell class -> (recipe name of the matching layer, states per cell).
CELLS = {"SimpleRNNCell": 1, "LSTMCell": 2, "GRUCell": 1}


def cell_call(ctx: Ctx, cell: str, units: int) -> Nested:
    params: dict[str, Any] = {"units": units}
    if ctx.chance(0.15):
        params["use_bias"] = False
    if cell == "GRUCell" and ctx.chance(0.2):
        params["reset_after"] = False
    return Nested(Call(cell, params, None), (), ("units",))


class RNN(Recipe):
    """``RNN(cell)``; the cell recipes below write the same layer with their cell."""

    layer = "RNN"
    writes = "RNN"
    family = "recurrent"
    call_keyword = "sequences"
    signature = ("cell", "return_sequences", "return_state")
    ranks = frozenset({3})
    fixes_features = True
    cells: ClassVar[tuple[str, ...]] = ("SimpleRNNCell", "LSTMCell", "GRUCell")
    #: Stack several cells: "" (one cell), "list" or "StackedRNNCells".
    stack: ClassVar[str] = ""

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        stack = self.stack or ("" if ctx.chance(0.7) else "list")
        n = ctx.randint(2, 3) if stack else 1
        names = [ctx.pick(self.cells) for _ in range(n)]
        units = [ctx.pick((2, 4, 8)) for _ in range(n)]
        cells = [cell_call(ctx, c, u) for c, u in zip(names, units)]
        cell: Any
        if stack == "StackedRNNCells":
            cell = Nested(Call("StackedRNNCells", {"cells": cells}, None), (), ("cells",))
        elif stack == "list":
            cell = cells
        else:
            cell = cells[0]
        params: dict[str, Any] = {"cell": cell}
        sequences = ctx.chance(0.4)
        if sequences:
            params["return_sequences"] = True
        out: Shape = (shape[0], shape[1], units[-1]) if sequences else (shape[0], units[-1])
        if ctx.functional and not stack and ctx.chance(0.15):
            # (stacked cells return their states nested: not unpacked here)
            params["return_state"] = True
            states = [(shape[0], u) for c, u in zip(names, units) for _ in range(CELLS[c])]
            return Call("RNN", params, [out, *states], tags=(f"rnn-{self.layer}",))
        return Call("RNN", params, [out], tags=(f"rnn-{self.layer}",))

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        cell = ctx.pick(self.cells)
        nested = Nested(Call(cell, {"units": ctx.pick((0, -2))}, None), (), ("units",))
        cells: Any = nested
        if self.stack == "StackedRNNCells":
            cells = Nested(Call("StackedRNNCells", {"cells": [nested]}, None), (), ("cells",))
        return Call("RNN", {"cell": cells}, None, "SL202", tags=("units-not-positive",))


class SimpleRNNCell(RNN):
    layer = "SimpleRNNCell"
    cells = ("SimpleRNNCell",)
    weight = 0.5


class LSTMCell(RNN):
    layer = "LSTMCell"
    cells = ("LSTMCell",)
    weight = 0.5


class GRUCell(RNN):
    layer = "GRUCell"
    cells = ("GRUCell",)
    weight = 0.5


class StackedRNNCells(RNN):
    layer = "StackedRNNCells"
    stack = "StackedRNNCells"
    weight = 0.5


RECIPES = (
    SimpleRNN,
    LSTM,
    GRU,
    ConvLSTM1D,
    ConvLSTM2D,
    ConvLSTM3D,
    RNN,
    SimpleRNNCell,
    LSTMCell,
    GRUCell,
    StackedRNNCells,
)
