"""Per-layer cases (see tests/layer_cases.py) for the preprocessing layers
Keras 3.15 added to those of tests/layer_cases_core_merge_norm_reshape.py:
categorical encoding (CategoryEncoding, Discretization, Hashing,
HashedCrossing), Pipeline, and the newer image augmentation layers.

Every number and error line below was produced by running the program in
Keras 3.15.1 on TensorFlow 2.21 CPU; an error case's comment is the start of
what Keras raised. tf-keras 2.21 has the categorical layers only, and builds
them as tests/keras2_outcomes.py records.
"""

from __future__ import annotations

from layer_cases import LayerCase

CASES: list[LayerCase] = [
    # --- CategoryEncoding ---------------------------------------------------
    LayerCase(
        "category_encoding_multi_hot",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding(num_tokens=10)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("CategoryEncoding", (None, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "category_encoding_one_hot_column",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="int32")
            out = layers.CategoryEncoding(10, output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("CategoryEncoding", (None, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "category_encoding_one_hot_adds_axis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding(10, output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("CategoryEncoding", (None, 4, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "category_encoding_count_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4), dtype="int32")
            out = layers.CategoryEncoding(6, output_mode="count")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("CategoryEncoding", (None, 3, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "category_encoding_binary_positional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding(6, "binary")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("CategoryEncoding", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "category_encoding_without_num_tokens",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "category_encoding_zero_tokens",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding(0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "category_encoding_int_mode",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,), dtype="int32")
            out = layers.CategoryEncoding(5, output_mode="int")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- Discretization -----------------------------------------------------
    LayerCase(
        "discretization_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("Discretization", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "discretization_one_hot_column",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,))
            out = layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0], output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("Discretization", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "discretization_one_hot_adds_axis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(num_bins=5, output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("Discretization", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "discretization_multi_hot_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.Discretization(num_bins=5, output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Discretization", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "discretization_count",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(bin_boundaries=[1.0, 2.0], output_mode="count")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("Discretization", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "discretization_bins_and_boundaries",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(bin_boundaries=[1.0], num_bins=3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "discretization_without_bins",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "discretization_negative_bins",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(num_bins=-1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "discretization_sparse_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(num_bins=3, sparse=True)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "discretization_tf_idf",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Discretization(num_bins=3, output_mode="tf_idf")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- Hashing ------------------------------------------------------------
    LayerCase(
        "hashing_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(num_bins=8)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("Hashing", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashing_one_hot_column",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            out = layers.Hashing(num_bins=8, output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("Hashing", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashing_multi_hot",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(8, output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("Hashing", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashing_one_hot_replaces_axis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(8, output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("Hashing", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashing_zero_bins",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "hashing_tf_idf",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(4, output_mode="tf_idf")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "hashing_sparse_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(4, sparse=True)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "hashing_salt_of_three",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(4, salt=(1, 2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "hashing_int_mode_float_dtype",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.Hashing(4, dtype="float32")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- HashedCrossing -----------------------------------------------------
    LayerCase(
        "hashed_crossing_int",
        """\
            import keras
            from keras import layers
            a = keras.Input((1,), dtype="string")
            b = keras.Input((1,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5)((a, b))
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("InputLayer", (None, 1), 0, 0),
            ("HashedCrossing", (None, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashed_crossing_one_hot_columns",
        """\
            import keras
            from keras import layers
            a = keras.Input((1,), dtype="string")
            b = keras.Input((1,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5, output_mode="one_hot")([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("InputLayer", (None, 1), 0, 0),
            ("HashedCrossing", (None, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashed_crossing_one_hot_adds_axis",
        """\
            import keras
            from keras import layers
            a = keras.Input((3,), dtype="string")
            b = keras.Input((3,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5, output_mode="one_hot")([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("InputLayer", (None, 3), 0, 0),
            ("HashedCrossing", (None, 3, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "hashed_crossing_shapes_differ",
        """\
            import keras
            from keras import layers
            a = keras.Input((3,), dtype="string")
            b = keras.Input((2,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "hashed_crossing_multi_hot",
        """\
            import keras
            from keras import layers
            a = keras.Input((1,), dtype="string")
            b = keras.Input((1,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5, output_mode="multi_hot")([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "hashed_crossing_three_inputs",
        """\
            import keras
            from keras import layers
            a = keras.Input((1,), dtype="string")
            b = keras.Input((1,), dtype="int64")
            c = keras.Input((1,), dtype="int64")
            out = layers.HashedCrossing(num_bins=5)([a, b, c])
            model = keras.Model([a, b, c], out)
            """,
        error="SL104",
        error_line=6,
    ),
    # --- Pipeline -----------------------------------------------------------
    LayerCase(
        "pipeline_augmentations",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            augment = layers.Pipeline(
                [layers.RandomFlip(), layers.RandomShear(0.1), layers.Rescaling(1 / 255)]
            )
            out = augment(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("Pipeline", (None, 32, 32, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "pipeline_with_weights",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            out = layers.Pipeline([layers.Conv2D(4, 3), layers.Dense(5)])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("Pipeline", (None, 30, 30, 5), 137, 137),
        ),
        totals=(137, 137, 0),
    ),
    LayerCase(
        "pipeline_in_sequential",
        """\
            import keras
            from keras import layers
            aug = layers.Pipeline([layers.RandomFlip(), layers.RandomRotation(0.1)])
            model = keras.Sequential([keras.Input((32, 32, 3)), aug, layers.Conv2D(4, 3)])
            """,
        layers=(
            ("Pipeline", (None, 32, 32, 3), 0, 0),
            ("Conv2D", (None, 30, 30, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "pipeline_equalization",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.Pipeline([layers.RandomFlip(), layers.Equalization()])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("Pipeline", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "pipeline_layer_rejects_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32,))
            out = layers.Pipeline([layers.Conv2D(4, 3)])(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    # Keras traces a Pipeline's call, so Resizing's call rejects the interpolation
    # ("Invalid value for argument `interpolation`"), which in a Sequential of its
    # own it never runs.
    LayerCase(
        "pipeline_resizing_interpolation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Pipeline([layers.Resizing(4, 4, "cubic!")])(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- image preprocessing: AugMix, RandAugment, CutMix, MixUp, Equalization, CLAHE,
    # MaxNumBoundingBoxes ------------------------------------------------------
    LayerCase(
        "aug_mix",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.AugMix()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("AugMix", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "aug_mix_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 16, 16, 3))
            out = layers.AugMix()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 16, 16, 3), 0, 0),
            ("AugMix", (None, 4, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "aug_mix_factor_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.AugMix(factor=1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "rand_augment",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandAugment()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandAugment", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "rand_augment_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.RandAugment()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("RandAugment", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "rand_augment_factor_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandAugment(factor=2.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cut_mix",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.CutMix()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("CutMix", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cut_mix_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.CutMix()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("CutMix", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cut_mix_negative_factor",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.CutMix(factor=-0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mix_up",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.MixUp()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("MixUp", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "mix_up_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.MixUp(alpha=0.5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("MixUp", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "equalization_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [keras.Input((16, 16, 3)), layers.Equalization(), layers.Conv2D(4, 3)]
            )
            """,
        layers=(
            ("Equalization", (None, 16, 16, 3), 0, 0),
            ("Conv2D", (None, 14, 14, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "clahe",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.ContrastLimitedAdaptiveHistogramEqualization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("ContrastLimitedAdaptiveHistogramEqualization", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "clahe_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.ContrastLimitedAdaptiveHistogramEqualization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("ContrastLimitedAdaptiveHistogramEqualization", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "clahe_bad_data_format",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.ContrastLimitedAdaptiveHistogramEqualization(data_format='nchw')(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "max_num_bounding_boxes_on_images",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.MaxNumBoundingBoxes(max_number=5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("MaxNumBoundingBoxes", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    # --- image preprocessing: the random colour layers ----------------------
    LayerCase(
        "random_color_degeneration",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorDegeneration(0.5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomColorDegeneration", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_degeneration_negative_factor",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorDegeneration(-0.5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomColorDegeneration", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_degeneration_factor_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorDegeneration(1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_color_degeneration_on_vectors",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.RandomColorDegeneration(0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "random_color_degeneration_on_rank5",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 16, 16, 3))
            out = layers.RandomColorDegeneration(0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    # Keras: ValueError: Input images must have 3 channels, but received images
    # with 1 channels (compute_output_shape reads axis -1, or -3 channels_first)
    LayerCase(
        "random_color_degeneration_on_one_channel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 1))
            out = layers.RandomColorDegeneration(0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "random_color_degeneration_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 16, 8))
            out = layers.RandomColorDegeneration(0.5, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 16, 8), 0, 0),
            ("RandomColorDegeneration", (None, 3, 16, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_degeneration_channels_first_on_last_axis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 8, 3))
            out = layers.RandomColorDegeneration(0.5, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "random_color_degeneration_value_range_number",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorDegeneration(0.5, value_range=255)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_color_jitter",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            jitter = layers.RandomColorJitter(
                brightness_factor=0.2, contrast_factor=0.3, saturation_factor=0.5, hue_factor=0.1
            )
            out = jitter(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomColorJitter", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_jitter_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorJitter()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomColorJitter", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_jitter_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.RandomColorJitter(brightness_factor=0.2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("RandomColorJitter", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_jitter_rank5",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 16, 16, 3))
            out = layers.RandomColorJitter(brightness_factor=0.2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 16, 16, 3), 0, 0),
            ("RandomColorJitter", (None, 4, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_color_jitter_brightness_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomColorJitter(brightness_factor=2.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_posterization",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPosterization(4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomPosterization", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_posterization_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPosterization((2, 6))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomPosterization", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_posterization_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPosterization(0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_posterization_nine",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPosterization(9)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- image preprocessing: the random geometric layers -------------------
    LayerCase(
        "random_elastic_transform",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomElasticTransform()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomElasticTransform", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_elastic_transform_wrap",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomElasticTransform(fill_mode='wrap')(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomElasticTransform", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_elastic_transform_scale_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomElasticTransform(scale=2.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_elastic_transform_cubic",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomElasticTransform(interpolation='cubic')(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_erasing",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomErasing()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomErasing", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_erasing_factor_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomErasing(factor=1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_erasing_scale_of_three",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomErasing(scale=(0.1, 0.2, 0.3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_gaussian_blur",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomGaussianBlur()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomGaussianBlur", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_gaussian_blur_kernel_pair",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomGaussianBlur(kernel_size=(3, 5))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomGaussianBlur", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_gaussian_blur_even_kernel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomGaussianBlur(kernel_size=4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_gaussian_blur_even_kernel_pair",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomGaussianBlur(kernel_size=(3, 4))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_gaussian_blur_sigma_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomGaussianBlur(sigma=2.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_perspective",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPerspective()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomPerspective", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_perspective_scale_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPerspective(scale=1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_perspective_area",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomPerspective(interpolation='area')(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_shear",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear(0.2, 0.3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomShear", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_shear_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomShear", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_shear_wrap",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear(0.2, fill_mode='wrap')(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomShear", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_shear_any_rank",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16,))
            out = layers.RandomShear(0.2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("RandomShear", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_shear_rank5",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 16, 16, 3))
            out = layers.RandomShear(0.2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 16, 16, 3), 0, 0),
            ("RandomShear", (None, 4, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_shear_erasing_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((32, 32, 3)),
                    layers.RandomShear(0.1),
                    layers.RandomErasing(),
                    layers.Conv2D(4, 3),
                ]
            )
            """,
        layers=(
            ("RandomShear", (None, 32, 32, 3), 0, 0),
            ("RandomErasing", (None, 32, 32, 3), 0, 0),
            ("Conv2D", (None, 30, 30, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "random_shear_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear(x_factor=1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_shear_negative",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear(x_factor=-0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_shear_negative_in_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomShear(x_factor=(-0.2, 0.3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
]
