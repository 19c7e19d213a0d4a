"""How tf-keras 2.21 (Keras 2) builds the programs of tests/layer_cases*.py
where it differs from the Keras 3 table.

Produced by running every case in tf-keras 2.21 on TensorFlow 2.21 CPU (the
programs' ``import keras`` / ``from keras import layers`` read as
``tf_keras``); re-checked by tests/test_keras_parity.py (``pytest -m keras``).
A case missing from both tables builds in Keras 2 exactly as the Keras 3 table
says (or raises, where the table has an error).
"""

from __future__ import annotations

from dataclasses import dataclass

from layer_cases import Row


@dataclass(frozen=True)
class Keras2Build:
    """``model.layers`` rows and (total, trainable, non-trainable) in Keras 2."""

    layers: tuple[Row, ...]
    totals: tuple[int, int, int]


#: Cases Keras 3 builds and Keras 2 does not (arguments or layers it does
#: not have, other checks).
KERAS2_RAISES = frozenset(
    {
        "sequential_inputlayer",
        "conv3d_transpose_positional_channels_first",
        "separable_conv2d_strides_with_dilation",
        "depthwise_conv2d_strides_with_dilation",
        "rnn_on_rank4",
        "rnn_on_rank2_with_batch_size",
        "attention_scores",
        "attention_feature_sizes_differ",
        "mha_on_vectors",
        "mha_query_and_value_ranks_differ",
        "mha_gate",
        "einsum_dense_implicit_elision",
        "einsum_dense_lora",
        "dense_lora",
        "dense_lora_no_bias",
        "embedding_lora",
        "lambda_output_shape_batch_size",
        "dot_functional_default_axes",
        "dot_axes_zero",
        "dot_batch_sizes_not_checked",
        "layernorm_rms_scaling",
        "layernorm_called_on_other_size",
        "rmsnorm_default",
        "rmsnorm_axis_list",
        "zeropadding1d_channels_first",
        "zeropadding2d_negative_int_shrinks",
        "resizing_channels_first",
        "center_crop_channels_first",
        "random_crop_channels_first",
        "color_augmentation_pipeline",
        "string_lookup_one_hot",
        "text_vectorization_one_hot_no_split",
    }
) | frozenset(
    # Layers tf-keras 2.21 does not have (it has no attribute of that name),
    # its SpectralNormalization (which fails on every layer: it checks an
    # InputSpec of the wrong class), and encodings of rank 3 it rejects
    # ("maximum supported output rank is 2").
    {
        "adaptive_average_pooling1d",
        "adaptive_max_pooling2d_tuple_unknown_size",
        "adaptive_average_pooling3d_channels_first",
        "adaptive_pooling2d_on_rank3_no_inputspec",
        "adaptive_pooling1d_on_rank4_no_inputspec",
        "adaptive_pooling2d_in_sequential",
        "adaptive_pooling2d_output_size_zero",
        "adaptive_pooling2d_larger_than_input",
        "adaptive_pooling2d_channels_last_rank_1_input",
        "gqa_cross",
        "gqa_self_attention",
        "gqa_constructor_trainable_false",
        "gqa_separate_key",
        "gqa_gate_no_bias_one_kv_head",
        "gqa_gate",
        "gqa_attention_scores",
        "gqa_rank4_projections",
        "gqa_unknown_lengths",
        "gqa_keyword_tensors",
        "reversible_embedding",
        "reversible_embedding_untied",
        "reversible_embedding_untied_by_none",
        "reversible_embedding_reverse_call",
        "reversible_embedding_reverse_untied",
        "reversible_embedding_reverse_unchecked",
        "reversible_embedding_lora",
        "reversible_embedding_sequential",
        "spectral_norm_dense",
        "spectral_norm_conv2d",
        "spectral_norm_conv2d_transpose",
        "spectral_norm_embedding",
        "spectral_norm_depthwise",
        "spectral_norm_einsum_dense",
        "spectral_norm_frozen_layer",
        "spectral_norm_sequential",
        "mel_spectrogram_default",
        "mel_spectrogram_arguments",
        "mel_spectrogram_unknown_length",
        "mel_spectrogram_unbatched",
        "mel_spectrogram_rank3_reads_axis1",
        "stft_default",
        "stft_magnitude_stereo",
        "stft_same_padding",
        "stft_expand_dims",
        "stft_mode_stft",
        "stft_mode_real",
        "stft_mode_imag",
        "stft_channels_first",
        "stft_channels_first_expand_dims",
        "stft_frozen",
        "stft_unknown_length",
        "time_distributed_adaptive_pooling",
        "time_distributed_spectral_norm",
        "time_distributed_reversible_embedding",
        "time_distributed_stft",
        "category_encoding_one_hot_adds_axis",
        "category_encoding_count_rank3",
        "discretization_one_hot_adds_axis",
        "discretization_multi_hot_rank3",
        "hashing_one_hot_replaces_axis",
        "hashed_crossing_one_hot_adds_axis",
        "pipeline_augmentations",
        "pipeline_with_weights",
        "pipeline_in_sequential",
        "pipeline_equalization",
        "aug_mix",
        "aug_mix_any_rank",
        "rand_augment",
        "rand_augment_any_rank",
        "cut_mix",
        "cut_mix_any_rank",
        "mix_up",
        "mix_up_any_rank",
        "equalization_sequential",
        "clahe",
        "clahe_any_rank",
        "max_num_bounding_boxes_on_images",
        "random_color_degeneration",
        "random_color_degeneration_negative_factor",
        "random_color_degeneration_channels_first",
        "random_color_jitter",
        "random_color_jitter_default",
        "random_color_jitter_any_rank",
        "random_color_jitter_rank5",
        "random_posterization",
        "random_posterization_range",
        "random_elastic_transform",
        "random_elastic_transform_wrap",
        "random_erasing",
        "random_gaussian_blur",
        "random_gaussian_blur_kernel_pair",
        "random_perspective",
        "random_shear",
        "random_shear_default",
        "random_shear_wrap",
        "random_shear_any_rank",
        "random_shear_rank5",
        "random_shear_erasing_sequential",
    }
)
#: Cases Keras 2 builds where Keras 3 raises, or builds with other numbers.
KERAS2_BUILDS = {
    "reshape_negative_dim": Keras2Build(
        (("InputLayer", (None, 12), 0, 0), ("Reshape", (None, 2, 6), 0, 0)),
        (0, 0, 0),
    ),
    "conv2d_on_5d_input": Keras2Build(
        (("InputLayer", (None, 4, 5, 6, 7), 0, 0), ("Conv2D", (None, 4, 3, 4, 3), 192, 192)),
        (192, 192, 0),
    ),
    "dense_zero_units": Keras2Build(
        (("InputLayer", (None, 8), 0, 0), ("Dense", (None, 0), 0, 0)),
        (0, 0, 0),
    ),
    "concatenate_unknown_other_axis": Keras2Build(
        (
            ("InputLayer", (None, None, 4), 0, 0),
            ("InputLayer", (None, 3, 5), 0, 0),
            ("Concatenate", (None, 3, 9), 0, 0),
        ),
        (0, 0, 0),
    ),
    "separable_conv1d_causal": Keras2Build(
        (("InputLayer", (None, 8, 3), 0, 0), ("SeparableConv1D", (None, 8, 4), 25, 25)),
        (25, 25, 0),
    ),
    "depthwise_conv2d_zero_depth_multiplier": Keras2Build(
        (("InputLayer", (None, 8, 8, 3), 0, 0), ("DepthwiseConv2D", (None, 6, 6, 0), 0, 0)),
        (0, 0, 0),
    ),
    "bidirectional_backward_layer_other_units": Keras2Build(
        (("InputLayer", (None, 5, 8), 0, 0), ("Bidirectional", (None, 10), 568, 568)),
        (568, 568, 0),
    ),
    "bidirectional_reversed_layers": Keras2Build(
        (("InputLayer", (None, 5, 8), 0, 0), ("Bidirectional", (None, 7), 352, 352)),
        (352, 352, 0),
    ),
    "bidirectional_layer_goes_backwards": Keras2Build(
        (("InputLayer", (None, 5, 8), 0, 0), ("Bidirectional", (None, 8), 416, 416)),
        (416, 416, 0),
    ),
    "mha_scores_output_shape_int": Keras2Build(
        (
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("MultiHeadAttention", [(None, 5, 8), (None, 2, 5, 7)], 416, 416),
        ),
        (416, 416, 0),
    ),
    "mha_rank4_attention_axes_scores": Keras2Build(
        (
            ("InputLayer", (None, 3, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 12), 0, 0),
            ("MultiHeadAttention", [(None, 3, 5, 16), (None, 2, 3, 5, 3, 7)], 488, 488),
        ),
        (488, 488, 0),
    ),
    "mha_zero_heads": Keras2Build(
        (("InputLayer", (None, 5, 16), 0, 0), ("MultiHeadAttention", (None, 5, 16), 16, 16)),
        (16, 16, 0),
    ),
    "mha_zero_value_dim": Keras2Build(
        (("InputLayer", (None, 5, 16), 0, 0), ("MultiHeadAttention", (None, 5, 16), 552, 552)),
        (552, 552, 0),
    ),
    "einsum_dense_bias_last": Keras2Build(
        (("InputLayer", (None, 4, 5), 0, 0), ("EinsumDense", (None, 4, 7), 42, 42)),
        (42, 42, 0),
    ),
    "einsum_dense_left_ellipsis_rank4": Keras2Build(
        (("InputLayer", (None, 3, 4, 5), 0, 0), ("EinsumDense", (None, 3, 4, 7), 42, 42)),
        (42, 42, 0),
    ),
    "einsum_dense_two_output_axes": Keras2Build(
        (("InputLayer", (None, 4, 5), 0, 0), ("EinsumDense", (None, 4, 3, 2), 36, 36)),
        (36, 36, 0),
    ),
    "einsum_dense_attention_projection": Keras2Build(
        (("InputLayer", (None, 10, 16), 0, 0), ("EinsumDense", (None, 10, 4, 8), 544, 544)),
        (544, 544, 0),
    ),
    "add_unknown_length": Keras2Build(
        (
            ("InputLayer", (None, None, 5), 0, 0),
            ("InputLayer", (None, 7, 5), 0, 0),
            ("Add", (None, 7, 5), 0, 0),
        ),
        (0, 0, 0),
    ),
    "gaussian_noise_stddev_above_one": Keras2Build(
        (("InputLayer", (None, 6), 0, 0), ("GaussianNoise", (None, 6), 0, 0)),
        (0, 0, 0),
    ),
    "gaussian_dropout_negative_rate": Keras2Build(
        (("InputLayer", (None, 6), 0, 0), ("GaussianDropout", (None, 6), 0, 0)),
        (0, 0, 0),
    ),
    "alpha_dropout_rate_above_one": Keras2Build(
        (("InputLayer", (None, 6), 0, 0), ("AlphaDropout", (None, 6), 0, 0)),
        (0, 0, 0),
    ),
    "dropout_noise_shape_zero": Keras2Build(
        (("InputLayer", (None, 5, 8), 0, 0), ("Dropout", (None, 5, 8), 0, 0)),
        (0, 0, 0),
    ),
    "repeat_vector_n_zero": Keras2Build(
        (("InputLayer", (None, 8), 0, 0), ("RepeatVector", (None, 0, 8), 0, 0)),
        (0, 0, 0),
    ),
    "cropping2d_negative_int": Keras2Build(
        (("InputLayer", (None, 10, 12, 3), 0, 0), ("Cropping2D", (None, 0, 0, 3), 0, 0)),
        (0, 0, 0),
    ),
    "cropping3d_too_much": Keras2Build(
        (("InputLayer", (None, 6, 2, 8, 2), 0, 0), ("Cropping3D", (None, 4, 0, 6, 2), 0, 0)),
        (0, 0, 0),
    ),
    "upsampling3d_on_image": Keras2Build(
        (("InputLayer", (None, 8, 8, 3), 0, 0), ("UpSampling3D", (None, 16, 16, 6), 0, 0)),
        (0, 0, 0),
    ),
    "random_rotation_factor_too_large": Keras2Build(
        (("InputLayer", (None, 16, 16, 3), 0, 0), ("RandomRotation", (None, 16, 16, 3), 0, 0)),
        (0, 0, 0),
    ),
    "random_zoom_factor_minus_one": Keras2Build(
        (("InputLayer", (None, 16, 16, 3), 0, 0), ("RandomZoom", (None, 16, 16, 3), 0, 0)),
        (0, 0, 0),
    ),
    "text_vectorization_multi_hot_padded": Keras2Build(
        (("InputLayer", (None, 1), 0, 0), ("TextVectorization", (None, 100), 0, 0)),
        (0, 0, 0),
    ),
    "text_vectorization_count_vocabulary": Keras2Build(
        (("InputLayer", (None, 1), 0, 0), ("TextVectorization", (None, 3), 0, 0)),
        (0, 0, 0),
    ),
    "text_vectorization_tf_idf": Keras2Build(
        (("InputLayer", (None, 1), 0, 0), ("TextVectorization", (None, 4), 0, 0)),
        (0, 0, 0),
    ),
    "discretization_without_bins": Keras2Build(
        (("InputLayer", (None, 4), 0, 0), ("Discretization", (None, 4), 0, 0)),
        (0, 0, 0),
    ),
    "hashing_int_mode_float_dtype": Keras2Build(
        (("InputLayer", (None, 3), 0, 0), ("Hashing", (None, 3), 0, 0)),
        (0, 0, 0),
    ),
    "hashed_crossing_three_inputs": Keras2Build(
        (
            ("InputLayer", (None, 1), 0, 0),
            ("InputLayer", (None, 1), 0, 0),
            ("InputLayer", (None, 1), 0, 0),
            ("HashedCrossing", (None, 1), 0, 0),
        ),
        (0, 0, 0),
    ),
    "text_vectorization_vocabulary_with_oov": Keras2Build(
        (("InputLayer", (None, 1), 0, 0), ("TextVectorization", (None, 3), 0, 0)),
        (0, 0, 0),
    ),
}
