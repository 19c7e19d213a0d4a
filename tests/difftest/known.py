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
        "activation-name",
        ("unknown-activation-name",),
        "An unknown activation name: Keras raises 'Could not interpret activation function "
        "identifier' in the constructor; shapelint says nothing. "
        "`keras.Sequential([keras.Input((4,)), keras.layers.Activation('relux')])`",
        "core.py (Activation, and every layer's activation=)",
    ),
    _missed(
        "dense-float-units",
        ("dense-float-units",),
        "Keras 3 rejects a units that is not an int (`Dense(32 / 2)`: 'Received an invalid "
        "value for `units`, expected a positive integer. Received: units=16.0'); shapelint "
        "only checks ints <= 0 and makes the shape unknown.",
        "core.py (Dense.validate)",
    ),
    _missed(
        "reshape-int-target",
        ("reshape-int-target",),
        "`Reshape(12)`: Keras runs tuple(12) (TypeError: 'int' object is not iterable); "
        "shapelint reads an int target as (12,) (base.as_dims).",
        "reshaping.py (Reshape.validate)",
    ),
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
    _missed(
        "upsampling1d-size-tuple",
        ("bad-arg:size=(2,)", "layer:UpSampling1D"),
        "`UpSampling1D((2,))`: Keras wants an int ('Expected an integer value for `size`'); "
        "shapelint accepts the tuple.",
        "reshaping.py (UpSampling1D)",
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
    Known(
        "model-outputs-nested",
        ("state-tuple-one-name",),
        ("layers",),
        "A layer's several outputs bound to one name and passed as one entry of the "
        "outputs list: Keras flattens nested outputs; shapelint finds no model "
        "(keras_calls._tensors_of wants a flat list of tensors). `z = keras.layers.LSTM(4, "
        "return_state=True)(inp); model = keras.Model(inp, [z])`",
        "src/shapelint/evaluator/keras_calls.py (_tensors_of: flatten nested lists)",
    ),
    Known(
        "several-tensors-into-one-input-layer",
        ("consumes-state-tuple",),
        MISSED,
        "A layer given the list of tensors another layer returned (return_state=True bound "
        'to one name): Keras raises \'Layer "dense" expects 1 input(s), but it received 2 '
        "input tensors'; shapelint does not count a layer's inputs. `z = "
        "keras.layers.LSTM(4, return_state=True)(inp); y = keras.layers.Dense(4)(z)`",
        "src/shapelint/graph.py (call_layer) or the catalogue",
    ),
    Known(
        "zero-padding-negative",
        ("padding-negative",),
        MISSED,
        "ZeroPadding2D/3D accept a negative int padding; when a dimension becomes negative "
        "Keras raises ('Negative dimensions are not allowed'); shapelint computes the negative "
        "dimension and says nothing. `keras.Sequential([keras.Input((1, 4, 4, 3)), "
        "keras.layers.ZeroPadding3D(-1)])`: shapelint's row is (None, -1, 2, 2, 3).",
        CATALOGUE + "reshaping.py (ZeroPadding: SL103 when a dim becomes <= 0)",
        always=False,
    ),
    # -- checked at a different time than Keras -------------------------------------------
    *(
        Known(
            f"pooling-{what}-checked-at-construction",
            (tag, "layer-variable"),
            ("false-error", "missed-error"),
            f"Keras 3 creates a pooling layer with {what} and raises only when it is called "
            "(strides use allow_zero; padding is checked in compute_output_shape); shapelint "
            "reports SL202 where the layer is created, so the error is on the wrong line "
            "when creation and call are separate statements: `pool = "
            "keras.layers.MaxPooling2D(2, strides=0)` (shapelint: SL202 here) then `out = "
            "pool(inp)` (Keras: ZeroDivisionError here).",
            CATALOGUE + "pooling.py (Pooling.validate)",
        )
        for what, tag in (("strides=0", "pool-zero"), ("padding='causal'", "pool-padding"))
    ),
    # -- models Keras builds ---------------------------------------------------------------
    Known(
        "simple-rnn-positional-use-bias",
        ("pos:SimpleRNN.use_bias",),
        ("params", "totals"),
        "`SimpleRNN(4, 'relu', False)`: Keras' third positional parameter is use_bias; "
        "shapelint's SimpleRNN signature stops at activation, so the bias is counted "
        "(32 params instead of 28 on a (5, 3) input).",
        CATALOGUE + "recurrent.py (SimpleRNN.signature)",
    ),
    *(
        Known(
            f"shared-{layer}-other-feature-size",
            ("shared-layer-other-size", f"layer:{layer}"),
            BUILT,
            f"A {layer} called again on another feature size: Keras 3's RNN layers keep "
            "InputSpec(ndim=3) only (rnn.py sets no axes), so the model builds (it would fail "
            "when run); shapelint reports SL107. `rnn = keras.layers.GRU(4, "
            "return_sequences=True); a = rnn(inp); b = rnn(a)` with inp (None, 5, 8).",
            CATALOGUE + "recurrent.py (built_axes)",
        )
        for layer in ("SimpleRNN", "LSTM", "GRU")
    ),
    *(
        Known(
            f"call-keyword-{keyword}",
            (f"call-keyword:{keyword}",),
            (*BUILT, "layers", "missed-error"),
            f"The input passed by its keyword, `{keyword}=`, as Keras names it in {layers}.call: "
            "shapelint's catalogue entry names the call argument `inputs` (call_inputs), so "
            "the tensor is not seen: shapes and params unknown, the graph cut. `x = "
            f"keras.layers.LSTM(4)(sequences=inputs)` (Keras (None, 4), 128 params; shapelint "
            "(None, 4) but params None).",
            CATALOGUE + f"{owner} (call_inputs)",
        )
        for keyword, layers, owner in (
            ("sequences", "the RNN layers', Bidirectional's and ConvLSTM's", "recurrent.py"),
            ("x", "RMSNormalization's", "normalization.py"),
        )
    ),
    Known(
        "embedding-input-dim-read-as-input-shape",
        ("block-starts-with-embedding",),
        BUILT,
        "A Sequential whose first layer is Embedding(input_dim, ...) and that has no Input: "
        "shapelint takes Embedding's input_dim (the vocabulary size) for the Keras 1 "
        "first-layer input_dim= argument and builds the model on (None, input_dim) "
        "(base.declared_input_shape via Embedding.input_shape_from_args); Keras leaves it "
        "unbuilt until called. `keras.Sequential([keras.layers.Embedding(100, 16), "
        "keras.layers.Conv2D(4, 3)])`: shapelint reports SL102 (Conv2D on (None, 100, 16)); "
        "Keras builds it fine when called on a (2, 12, 8) tensor.",
        CATALOGUE + "core.py (Embedding.input_shape_from_args)",
        always=False,
    ),
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
        "src/shapelint/evaluator/keras_calls.py (call_operation: the order of the tensors)",
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
    Known(
        "alpha-dropout-tf-keras-legacy",
        ("rate-range:AlphaDropout", "root:tensorflow"),
        BUILT,
        "Under tensorflow.keras (TF 2.21), layers.AlphaDropout is "
        "keras.src.legacy.layers.AlphaDropout, which does not check the rate: "
        "`from tensorflow import keras; keras.Sequential([keras.Input((4,)), "
        "keras.layers.AlphaDropout(1.5)])` builds; shapelint reports SL202 (right for "
        "`import keras`).",
        CATALOGUE + "regularization.py (AlphaDropout: needs the import root)",
    ),
    *(
        Known(
            f"frozen-{layer}-totals",
            ("trainable-false", f"layer:{layer}"),
            ("totals",),
            f"`{layer}(..., trainable=False)`: Keras 3 freezes the layer but not the "
            "sublayer it holds (cell, wrapped layer), and model.trainable_weights walks the "
            "sublayers: model.summary() counts its weights as trainable (layer.trainable_weights "
            "is empty). shapelint counts them non-trainable. `keras.Sequential([keras.Input("
            "(3, 6, 2)), keras.layers.ConvLSTM1D(2, 3, trainable=False)])`: Keras (104, 104, 0), "
            "shapelint (104, 0, 104). (A Keras quirk; LSTM/GRU/SimpleRNN pass trainable on to "
            "their cell.)",
            "src/shapelint/graph.py (model_params), if shapelint is to print what Keras prints",
            always=False,  # no disagreement when what it holds has no weights
        )
        for layer in (
            "ConvLSTM1D",
            "ConvLSTM2D",
            "ConvLSTM3D",
            "RNN",
            "TimeDistributed",
            "Bidirectional",
            "MultiHeadAttention",
        )
    ),
)
