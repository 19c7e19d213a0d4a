"""The registry of diagnostic codes: the one table behind text output, JSON,
SARIF rules, ``--select``/``--ignore`` and the README's code table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    name: str  # kebab-case rule name, as in SARIF and docs
    severity: str  # "error" | "warning" | "info"
    summary: str  # one line: what the code means
    example: str  # a line of code that triggers it
    enabled_by_default: bool = True


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "SL001",
            "unparsable-file",
            "error",
            "the file cannot be parsed (syntax error, bad encoding, bad notebook JSON, "
            "or too large or too deeply nested to analyse safely)",
            "model.add(Dense(10)",
        ),
        Code(
            "SL101",
            "incompatible-reshape",
            "error",
            "incompatible reshape: element counts differ, more than one `-1`, "
            "or a `-1` that cannot divide",
            "Reshape((784,)) after a (None, 32, 26, 5) tensor",
        ),
        Code(
            "SL102",
            "ndim-mismatch",
            "error",
            "ndim mismatch: a layer receives a tensor of a rank it does not accept",
            "LSTM(5) after a Conv2D: expected ndim=3, found ndim=4",
        ),
        Code(
            "SL103",
            "non-positive-dimension",
            "error",
            "a dimension becomes zero or negative (kernel, pool or crop larger than its input)",
            "Conv2D(32, 3) on a (None, 1, 56, 14) channels_last input",
        ),
        Code(
            "SL104",
            "incompatible-merge",
            "error",
            "incompatible inputs to a merge layer (Add, Concatenate, Multiply, Dot, ...)",
            "Add()([a, b]) with a (None, 32) and b (None, 64)",
        ),
        Code(
            "SL105",
            "input-data-mismatch",
            "error",
            "data given to fit/evaluate/predict (or *_on_batch, validation_data) that Keras "
            "cannot feed to the model's input(s): wrong rank, sizes, or number of arrays",
            "model.fit(x_train, y_train) with x_train (60000, 28, 28) for an Input((784,))",
        ),
        Code(
            "SL106",
            "target-data-mismatch",
            "error",
            "targets that do not fit the model's output and loss or accuracy metric (e.g. "
            "class indices with categorical_crossentropy, one-hot labels with "
            "sparse_categorical_crossentropy), or a different number of samples than the inputs",
            "y_train (60000,) for a (None, 10) output with loss='categorical_crossentropy'",
        ),
        Code(
            "SL107",
            "incompatible-input",
            "error",
            "an input dimension the layer cannot accept (channels not divisible by groups, "
            "a built layer called on a different feature size, an axis out of range)",
            "Dense layer built on (None, 64) called again on (None, 32)",
        ),
        Code(
            "SL201",
            "ambiguous-legacy-signature",
            "warning",
            "a positional signature that Keras 1 and Keras 2+/tf.keras read differently; "
            "says which reading was used",
            "Convolution2D(32, 3, 3) under tf.keras: strides=3, not kernel_size=(3, 3)",
        ),
        Code(
            "SL202",
            "invalid-layer-argument",
            "error",
            "an argument Keras rejects when the layer is created (e.g. padding='causal' "
            "on a Conv2D, a negative number of units)",
            "Dense(0)",
        ),
        Code(
            "SL203",
            "model-too-large",
            "warning",
            "a model has more parameters than the budget `max-params` set in the configuration "
            "(only checked when `max-params` is set)",
            "Dense(4096) on a (None, 25088) input with max-params = 1000000",
        ),
        Code(
            "SL204",
            "target-broadcast",
            "warning",
            "targets Keras accepts but that train something else: broadcast against an "
            "output of another shape by an element-wise loss, or categorical crossentropy "
            "over a single unit",
            "y (N, 1) for a (None, 10) output with loss='mse'",
        ),
        Code(
            "SL301",
            "unknown-layer",
            "info",
            "a Keras layer shapelint does not know; shapes after it are not checked",
            "keras.layers.SomeNewLayer(8)",
            enabled_by_default=False,
        ),
        Code(
            "SL302",
            "error-on-some-paths",
            "warning",
            "a shape error Keras raises on some paths only: under a condition shapelint "
            "cannot decide, where another path avoids it (the message names the error's code)",
            "if unknown_flag: Add()([a, b]) with a (None, 32) and b (None, 64)",
            enabled_by_default=False,
        ),
    )
}


def resolve_selection(select: list[str] | None, ignore: list[str] | None) -> frozenset[str]:
    """The set of enabled codes. Entries are codes or prefixes (``SL1``, ``ALL``)."""

    def expand(prefixes: list[str]) -> set[str]:
        out: set[str] = set()
        for p in prefixes:
            p = p.strip().upper()
            if not p:
                continue
            if p == "ALL":
                out.update(CODES)
            else:
                out.update(c for c in CODES if c.startswith(p))
        return out

    enabled = expand(select) if select else {c for c, v in CODES.items() if v.enabled_by_default}
    if ignore:
        enabled -= expand(ignore)
    return frozenset(enabled)


def unknown_selectors(selectors: list[str]) -> list[str]:
    """Selectors that match no code (reported as a usage error)."""
    bad = []
    for p in selectors:
        p = p.strip().upper()
        if p and p != "ALL" and not any(c.startswith(p) for c in CODES):
            bad.append(p)
    return bad
