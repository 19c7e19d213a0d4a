"""Constructs the generator writes on which shapelint is known to disagree
with Keras 3.15.1 (TensorFlow 2.21), each with the reason, a minimal
program, and who owns the fix.

A program whose disagreements are all explained by entries whose construct
it contains (on a line Keras ran) is counted as known instead of failing
the differential test. The test fails when such a construct is compared
where its disagreement would show, and agrees: the entry is then stale and
must be removed, so the list cannot outlive the bug.
"""

from __future__ import annotations

from dataclasses import dataclass

CATALOGUE = "src/shapelint/catalogue/"
#: How often a run must see a value-dependent construct agree, and never
#: disagree, before its entry counts as stale.
MIN_OBSERVATIONS = 5


@dataclass(frozen=True)
class Known:
    #: Short name, used in reports.
    id: str
    #: The generator tags (``Call.tags``, plus ``layer:Class`` and
    #: ``layer-variable``) marking the construct, all on one line.
    tags: tuple[str, ...]
    #: The kinds of disagreement it causes (runner.Disagreement.kind).
    kinds: tuple[str, ...]
    #: What goes wrong, with a minimal program.
    reason: str
    #: Where the fix belongs.
    owner: str
    #: Whether the construct always disagrees where it shows. When False (it
    #: depends on the values around it), the entry is stale when a run
    #: compares it MIN_OBSERVATIONS times or more and never sees it disagree.
    always: bool = True
    #: For those: how many agreeing observations (with none disagreeing) make
    #: the entry stale in one run.
    min_observations: int = MIN_OBSERVATIONS


MISSED = ("missed-error",)
BUILT = ("false-error", "shape", "params", "totals")


def _missed(id: str, tags: tuple[str, ...], reason: str, owner: str) -> Known:
    return Known(id, tags, MISSED, reason, CATALOGUE + owner)


KNOWN_DISAGREEMENTS: tuple[Known, ...] = (
    # -- arguments Keras rejects when the layer is created, shapelint accepts ----------
    _missed(
        "batchnorm-axis-0",
        ("bn-axis-batch",),
        "`BatchNormalization(axis=0)` on an input with an unknown batch size: Keras cannot "
        "create (None,)-shaped weights ('Shapes used to initialize variables must be "
        "fully-defined'); shapelint accepts axis 0.",
        "normalization.py (BatchNormalization)",
    ),
    _missed(
        "pooling-padding-case",
        ("pool-padding-uppercase",),
        "`MaxPooling2D(padding='SAME')`: Keras' pooling layers do not lower-case padding and "
        "raise when called ('Argument `padding` must be either 'valid' or 'same''); "
        "shapelint lower-cases it (conv layers do lower-case it).",
        "pooling.py (Pooling.validate)",
    ),
    *(
        _missed(
            f"lookup-output-mode-{layer}",
            ("lookup-output-mode", f"layer:{layer}"),
            f"`{layer}(output_mode='one-hot')` (an unknown mode): Keras raises 'Unknown value "
            "for `output_mode`'; shapelint says nothing.",
            "preprocessing.py",
        )
        for layer in ("StringLookup", "IntegerLookup", "TextVectorization")
    ),
    *(
        _missed(
            f"{layer}-{arg}",
            (f"bad-arg:{arg}", f"layer:{layer}"),
            f"`{layer}({arg})`: Keras rejects the argument when the layer is created; "
            "shapelint says nothing.",
            "preprocessing.py",
        )
        for layer, arg in (
            ("RandomRotation", "fill_mode='mirror'"),
            ("RandomRotation", "interpolation='cubic!'"),
            ("RandomGrayscale", "factor=1.5"),
            ("RandomGrayscale", "factor=-0.1"),
            ("RandomSharpness", "value_range=(0, 1, 2)"),
            ("RandomSaturation", "value_range=(0, 1, 2)"),
            ("RandomBrightness", "value_range=(0, 1, 2)"),
            ("Solarization", "threshold_factor=-2.0"),
            ("Solarization", "addition_factor=1.5"),
        )
    ),
    Known(
        "rnn-rank-1",
        ("wrong-rank:1", "layer:RNN"),
        MISSED,
        "An RNN fed a rank-1 tensor (batch axis only): Keras fails in RNN.call (IndexError: "
        "tuple index out of range); shapelint checks ranks 2 and above only. `inputs = "
        "keras.Input(batch_shape=(5,)); keras.layers.RNN(keras.layers.LSTMCell(4))(inputs)`",
        CATALOGUE + "recurrent.py (RNN rank check)",
    ),
    Known(
        "resizing-channels-first-rank-2",
        ("wrong-rank:2", "layer:Resizing"),
        MISSED,
        "Resizing with data_format='channels_first' on a rank-2 tensor: Keras writes the "
        "height at index 2 of the shape (IndexError: list assignment index out of range); "
        "shapelint says nothing (with channels_last Keras builds it, as shapelint says). "
        "`keras.Sequential([keras.Input((6,)), keras.layers.Resizing(4, 8, "
        "data_format='channels_first')])`",
        CATALOGUE + "preprocessing.py (Resizing)",
        always=False,
    ),
    # -- checked at a different time than Keras -------------------------------------------
    # -- models Keras builds ---------------------------------------------------------------
    Known(
        "layer-order-keyword-tensors",
        ("tensors-by-keyword",),
        ("layers",),
        "Tensors passed by keyword (`mha(query=q, value=v, key=k)`): Keras' node lists them "
        "as tree.flatten orders the call's keywords, alphabetically (key, query, value), and "
        "model.layers follows that order among layers of equal depth; shapelint takes them in "
        "the signature's order. `q = Dense(8)(inp); k = LayerNormalization()(inp); "
        "MultiHeadAttention(2, 4)(query=q, value=inp, key=k)`: Keras lists LayerNormalization "
        "before Dense, shapelint Dense first.",
        "src/shapelint/api/keras/construction.py (call_operation: the order of the tensors)",
        always=False,
        # it needs the producers of two of the tensors at equal depth: about one
        # program in 5000 shows it
        min_observations=500,
    ),
    Known(
        "shared-layer-rows-first-call",
        ("shared-layer-other-shape",),
        ("shape",),
        "A layer object called on tensors of different shapes: model.summary() prints the "
        "output shape of its last call (summary_utils.format_layer_shape walks all "
        "_inbound_nodes, even calls outside the model), shapelint the shape of its first call "
        "in the model. `f = keras.layers.Flatten(); a = f(x); b = f(y)`: the Flatten row "
        "shows b's shape in Keras, a's in shapelint. (layer.output, used by "
        "tests/test_keras_parity.py, is the first call's; the difftest follows summary().)",
        "src/shapelint/summary.py (_rows: which node's shapes a row shows)",
        always=False,
    ),
)
