"""The per-operation cases shared by test_ops_catalogue.py (shapelint, no
TensorFlow) and test_ops_keras.py (real Keras).

Each case calls one spelling of an operation (``call``: a path of
shapelint.catalogue.ops.SPELLINGS) on tensors of given shapes and says what
Keras makes of it. Every expectation was produced by running the call in
Keras 3.15.1 on TensorFlow 2.21 CPU (and tf-keras 2.21 for the TensorFlow and
backend spellings), never worked out by hand, and test_ops_keras.py
(``pytest -m keras``) re-checks it:

* ``out``: for ``keras.ops``, ``keras.activations``, the tensor methods and
  the operators, what Keras' own rule gives on KerasTensors (functional
  code); for ``tf.*`` and ``K.*``, what TensorFlow gives (inside a layer's
  ``call()`` in Keras 3, and on tf.keras 2's symbolic tensors);
* ``traced``: where it differs, what the same ``keras.ops`` call gives inside a
  layer's ``call()`` on the TensorFlow backend (Keras traces it on TensorFlow
  placeholders: TensorFlow's rule);
* ``keras2``: where it differs from ``out``, what tf.keras 2 gives.

A size written as a string in a shape (``"n"``, ``"n*2"``), or as ``S("n")``
in another argument, is a symbol: the plain test gives shapelint named
symbols, the Keras test substitutes numbers (two sets) and requires Keras'
sizes to be the symbolic ones evaluated. ``ANY`` marks a size shapelint
cannot know (Keras, given numbers, computes one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

Dim = Union[int, None, str]
Shape = tuple[Dim, ...]

#: A size shapelint leaves unknown where Keras, given numbers, knows it.
ANY = "?"
#: A result shapelint leaves unknown where Keras computes one (no error).
ANY_SHAPE = "any shape"


@dataclass(frozen=True)
class T:
    """A tensor argument of this shape (and dtype, for indices and masks)."""

    shape: Shape
    dtype: str = "float32"


@dataclass(frozen=True)
class S:
    """A symbolic size given as a static argument (``S("n")``): in shapes a
    string is one already."""

    expr: str


@dataclass(frozen=True)
class Raises:
    """Keras raises: the shapelint code, the exception's type and the start
    of its message as Keras words it."""

    code: str
    error: str
    message: str


@dataclass(frozen=True)
class Many:
    """Several tensors: a list (split, unstack) or a tuple (top_k, moments)."""

    shapes: tuple[Shape, ...]
    container: type = list


@dataclass(frozen=True)
class SizesOf:
    """A shape query's sizes: a tuple (``ops.shape``) or, ``as_tensor``, a
    1-D tensor holding them (``tf.shape``: only its length is checked where
    a size is unknown)."""

    dims: Shape
    as_tensor: bool = False


@dataclass(frozen=True)
class SizeOf:
    """A single Python size (``K.ndim``)."""

    value: Dim


Expected = Union[Shape, Raises, Many, SizesOf, SizeOf, str, None]
#: ``traced``/``keras2`` not given: the same as ``out``.
SAME: Any = "same"


@dataclass(frozen=True)
class OpCase:
    id: str
    call: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    out: Expected = None
    traced: Any = SAME
    keras2: Any = SAME
    #: The numbers the Keras test gives the symbols, where Keras raises for
    #: some (default: two sets, see test_ops_keras.NUMBERS).
    numbers: tuple[Mapping[str, int], ...] = ()

    def under_tf(self) -> Expected:
        return self.out if self.traced is SAME else self.traced

    def under_keras2(self) -> Expected:
        return self.under_tf() if self.keras2 is SAME else self.keras2


def ops(name: str) -> str:
    return f"keras.ops.{name}"


def tf(name: str) -> str:
    return f"tensorflow.{name}"


def k(name: str) -> str:
    return f"keras.backend.{name}"


X = T((None, 4, 8))  # the workhorse: a batch of 4 x 8 features


def _case(
    id: str,
    call: str,
    args: tuple[Any, ...],
    out: Expected,
    traced: Any = SAME,
    keras2: Any = SAME,
    numbers: tuple[Mapping[str, int], ...] = (),
    **kwargs: Any,
) -> OpCase:
    return OpCase(id, call, args, kwargs, out, traced, keras2, numbers)


C = _case
R = Raises

CASES: list[OpCase] = [
    # --- reshape --------------------------------------------------------------------
    C("reshape_minus_one", ops("reshape"), (X, (-1, 32)), (None, 32)),
    C("reshape_keeps_none_batch", ops("reshape"), (X, (-1, 2, 16)), (None, 2, 16)),
    C("reshape_known", ops("reshape"), (T((2, 4, 8)), (8, -1)), (8, 8)),
    C("reshape_known_exact", ops("reshape"), (T((2, 4, 8)), (4, 16)), (4, 16)),
    C("reshape_int_target", ops("reshape"), (T((2, 4)), 8), (8,)),
    C(
        "reshape_counts_differ",
        ops("reshape"),
        (T((2, 4, 8)), (5, 13)),
        R("SL101", "ValueError", "The total size of the tensor must be unchanged"),
        traced=R("SL101", "ValueError", "Cannot reshape a tensor with 64 elements to shape [5,13]"),
    ),
    C(
        "reshape_minus_one_indivisible",
        ops("reshape"),
        (T((2, 4, 8)), (-1, 5)),
        R("SL101", "ValueError", "The total size of the tensor must be unchanged"),
        traced=R("SL101", "ValueError", "Dimension size must be evenly divisible by 5 but is 64"),
    ),
    C(
        "reshape_two_minus_ones",
        ops("reshape"),
        (X, (-1, -1)),
        R("SL101", "ValueError", "There must be at most one unknown dimension"),
    ),
    C(
        "reshape_negative_size",
        ops("reshape"),
        (X, (-2, 16)),
        R("SL101", "ValueError", "Each dimension in `newshape` must be a non-negative"),
    ),
    C(
        "reshape_unknown_batch_not_checked",
        ops("reshape"),
        (X, (5, 13)),
        (5, 13),
        traced=R("SL101", "ValueError", "Dimension size must be evenly divisible by 32 but is 65"),
    ),
    C("reshape_unknown_batch_fits", ops("reshape"), (X, (4, 16)), (4, 16)),
    C(
        "reshape_two_unknowns_not_checked",
        ops("reshape"),
        (T((None, None, 8)), (5, 13)),
        (5, 13),
    ),
    C("reshape_tf_infers_from_known", tf("reshape"), (T((2, 4, 8)), (-1, 16)), (4, 16)),
    C("reshape_symbolic", ops("reshape"), (T(("n", 4, 8)), (-1, 8)), ("n*4", 8)),
    C("reshape_symbolic_target", ops("reshape"), (T((2, "n", 8)), (2, -1)), (2, "n*8")),
    C("reshape_symbolic_divides", ops("reshape"), (T(("n", 6)), (S("n"), 2, 3)), ("n", 2, 3)),
    C(
        "reshape_symbolic_counts_differ",
        ops("reshape"),
        (T(("n", 6)), (S("n"), 5)),
        R("SL101", "ValueError", "The total size of the tensor must be unchanged"),
        traced=R("SL101", "ValueError", "Cannot reshape a tensor with"),
    ),
    C(
        "reshape_symbolic_undecided",
        ops("reshape"),
        (T(("n", 6)), (-1, 4)),
        (ANY, 4),
        numbers=({"n": 2}, {"n": 6}),
    ),
    C("reshape_tf", tf("reshape"), (X, (-1, 32)), (None, 32)),
    C(
        "reshape_tf_counts_differ",
        tf("reshape"),
        (T((2, 4, 8)), (5, 13)),
        R("SL101", "ValueError", "Cannot reshape a tensor with 64 elements"),
    ),
    C("reshape_tf_two_minus_ones_pass", tf("reshape"), (X, (-1, -1)), (None, None)),
    C(
        "reshape_tf_negative",
        tf("reshape"),
        (X, (-2, 16)),
        R("SL101", "ValueError", "Invalid value in tensor used for shape: -2"),
    ),
    C(
        "reshape_tf_number",
        tf("reshape"),
        (X, 32),
        R("SL202", "ValueError", "Shape must be rank 1 but is rank 0"),
    ),
    C(
        "reshape_tf_unknown_batch_checked",
        tf("reshape"),
        (X, (5, 13)),
        R("SL101", "ValueError", "Dimension size must be evenly divisible by 32 but is 65"),
    ),
    C("reshape_method", "Tensor.reshape", (X, (-1, 32)), (None, 32)),
    C("reshape_backend", k("reshape"), (X, (-1, 8)), (None, 8)),
    C("reshape_flatten_backend", k("flatten"), (T((2, 4, 8)),), (64,)),
    C("batch_flatten_backend", k("batch_flatten"), (X,), (None, None)),
    # --- transpose ------------------------------------------------------------------
    C("transpose_default_reverses", ops("transpose"), (X,), (8, 4, None)),
    C("transpose_axes", ops("transpose"), (X, (0, 2, 1)), (None, 8, 4)),
    C("transpose_negative_axes", ops("transpose"), (X, (0, -1, -2)), (None, 8, 4)),
    C(
        "transpose_too_few_axes",
        ops("transpose"),
        (X, (0, 1)),
        R("SL102", "ValueError", "axis must be a list of the same length as the input shape"),
        traced=R("SL102", "ValueError", "Dimension must be 3 but is 2"),
    ),
    C(
        "transpose_axis_out_of_range",
        ops("transpose"),
        (X, (0, 1, 3)),
        R("SL107", "ValueError", "Each axis in `axes` must be an integer in"),
        traced=R("SL107", "ValueError", "axis 3 is out of bounds for an array with dimension 3"),
    ),
    C(
        "transpose_repeated_axis",
        ops("transpose"),
        (X, (0, 1, 1)),
        R("SL202", "ValueError", "`axes` must be a valid permutation"),
    ),
    C("transpose_tf_perm", tf("transpose"), (X,), (None, 8, 4), perm=(0, 2, 1)),
    C("transpose_tf_repeated_axis_passes", tf("transpose"), (X, (0, 1, 1)), (None, 4, 4)),
    C(
        "transpose_tf_too_few_axes",
        tf("transpose"),
        (X, (0, 1)),
        R("SL102", "ValueError", "Dimension must be 3 but is 2"),
    ),
    C(
        "transpose_tf_axis_out_of_range",
        tf("transpose"),
        (X, (0, 1, 3)),
        R("SL107", "ValueError", "perm dim 3 is out of range of input rank 3"),
    ),
    C("permute_dimensions_backend", k("permute_dimensions"), (X, (0, 2, 1)), (None, 8, 4)),
    C("swapaxes", ops("swapaxes"), (X, 1, 2), (None, 8, 4)),
    C("moveaxis", ops("moveaxis"), (X, 1, -1), (None, 8, 4)),
    C("moveaxis_two", ops("moveaxis"), (T((2, 3, 4, 5)), (0, 1), (2, 3)), (4, 5, 2, 3)),
    # --- expand_dims / squeeze ------------------------------------------------------
    C("expand_dims_last", ops("expand_dims"), (X, -1), (None, 4, 8, 1)),
    C("expand_dims_middle", ops("expand_dims"), (X, 1), (None, 1, 4, 8)),
    C("expand_dims_tuple", ops("expand_dims"), (X, (0, 2)), (1, None, 1, 4, 8)),
    C(
        "expand_dims_out_of_range",
        ops("expand_dims"),
        (X, 5),
        R("SL107", "ValueError", "axis 5 is out of bounds for an array with dimension 4"),
        traced=R("SL107", "ValueError", "axis 5 is out of bounds"),
    ),
    C("expand_dims_tf", tf("expand_dims"), (X, 1), (None, 1, 4, 8)),
    C(
        "expand_dims_tf_out_of_range",
        tf("expand_dims"),
        (X, 5),
        R("SL107", "ValueError", "dim 5 not in the interval [-4, 3]"),
    ),
    C("expand_dims_backend_default", k("expand_dims"), (X,), (None, 4, 8, 1)),
    C("squeeze_all_ones", ops("squeeze"), (T((None, 1, 8, 1)),), (None, 8), traced=None),
    C("squeeze_axis", ops("squeeze"), (T((None, 1, 8)), 1), (None, 8)),
    C("squeeze_known_all", ops("squeeze"), (T((2, 1, 8, 1)),), (2, 8)),
    C(
        "squeeze_not_one",
        ops("squeeze"),
        (X, 1),
        R("SL102", "ValueError", "Cannot squeeze axis 1, because the dimension is not 1"),
        traced=R("SL102", "ValueError", "Cannot squeeze axis=1, because the dimension is not 1"),
    ),
    C(
        "squeeze_unknown_axis",
        ops("squeeze"),
        (X, 0),
        R("SL102", "ValueError", "Cannot squeeze axis 0, because the dimension is not 1"),
        traced=R("SL102", "ValueError", "Cannot squeeze axis=0, because the dimension is not 1"),
    ),
    C("squeeze_tf_unknown_axis", tf("squeeze"), (X, 0), (4, 8)),
    C("squeeze_tf_axis", tf("squeeze"), (T((None, 1, 8)),), (None, 8), axis=1),
    C("squeeze_tf_all", tf("squeeze"), (T((2, 1, 8, 1)),), (2, 8)),
    C("squeeze_tf_unknown_sizes", tf("squeeze"), (T((None, 1, 8)),), None),
    C(
        "squeeze_tf_not_one",
        tf("squeeze"),
        (X,),
        R("SL102", "ValueError", "Can not squeeze dim[1], expected a dimension of 1, got 4"),
        axis=1,
    ),
    C("squeeze_method", "Tensor.squeeze", (T((None, 1, 8)), 1), (None, 8)),
    C("squeeze_symbolic_axis", ops("squeeze"), (T(("n", 8)), 0), (8,), numbers=({"n": 1},)),
    # --- concatenate / stack ----------------------------------------------------------
    C("concatenate_last", ops("concatenate"), ([X, T((None, 4, 3))],), (None, 4, 11), axis=-1),
    C("concatenate_default_axis_0", ops("concatenate"), ([T((2, 3)), T((5, 3))],), (7, 3)),
    C(
        "concatenate_unknown_on_axis",
        ops("concatenate"),
        ([X, X],),
        (None, 4, 8),
    ),
    C(
        "concatenate_mismatch",
        ops("concatenate"),
        ([X, T((None, 5, 3))],),
        R("SL104", "ValueError", "Every value in `xs` must have the same shape except on the"),
        traced=R("SL104", "ValueError", "Dimension 1 in both shapes must be equal"),
        axis=-1,
    ),
    C(
        "concatenate_rank_mismatch",
        ops("concatenate"),
        ([X, T((None, 8))],),
        R("SL104", "ValueError", "Every value in `xs` must have the same shape except on the"),
        traced=R("SL104", "ValueError", "Shape must be rank 3 but is rank 2"),
        axis=-1,
    ),
    C(
        "concatenate_keeps_first_size",
        ops("concatenate"),
        ([T((None, 3)), T((2, 5))],),
        (None, 8),
        traced=(2, 8),
        axis=1,
    ),
    C(
        "concatenate_symbolic",
        ops("concatenate"),
        ([T((None, "n")), T((None, "n"))],),
        (None, "n*2"),
        axis=1,
    ),
    C(
        "concatenate_symbolic_mismatch",
        ops("concatenate"),
        ([T((None, "n", 3)), T((None, "n*2", 3))],),
        R("SL104", "ValueError", "Every value in `xs` must have the same shape except on the"),
        traced=R("SL104", "ValueError", "Dimension 1 in both shapes must be equal"),
        axis=-1,
    ),
    C(
        "matmul_symbolic_mismatch",
        ops("matmul"),
        (T((None, "n")), T(("n*2", 3))),
        R("SL104", "ValueError", "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be"),
        traced=R("SL104", "ValueError", "Dimensions must be equal"),
    ),
    C("concat_tf", tf("concat"), ([X, T((None, 4, 3))], -1), (None, 4, 11)),
    C(
        "concat_tf_mismatch",
        tf("concat"),
        ([X, T((None, 5, 3))], 2),
        R("SL104", "ValueError", "Dimension 1 in both shapes must be equal"),
    ),
    C("concatenate_backend_default_last", k("concatenate"), ([X, X],), (None, 4, 16)),
    C("stack_new_axis", ops("stack"), ([X, X],), (2, None, 4, 8)),
    C("stack_axis_1", ops("stack"), ([X, X, X], 1), (None, 3, 4, 8)),
    C("stack_axis_last", ops("stack"), ([X, X], -1), (None, 4, 8, 2)),
    C(
        "stack_mismatch",
        ops("stack"),
        ([X, T((None, 4, 7))],),
        R("SL104", "ValueError", "Every value in `x` must have the same shape"),
        traced=R("SL104", "ValueError", "Dimension 2 in both shapes must be equal"),
    ),
    C(
        "stack_merges_sizes",
        ops("stack"),
        ([T((None, 3)), T((2, 3))],),
        (2, None, 3),
        traced=(2, 2, 3),
    ),
    C("stack_tf", tf("stack"), ([X, X], 1), (None, 2, 4, 8)),
    C("hstack", ops("hstack"), ([T((2, 3)), T((2, 4))],), (2, 7)),
    C("vstack", ops("vstack"), ([T((2, 3)), T((4, 3))],), (6, 3)),
    # --- split / unstack ------------------------------------------------------------
    C("split_sections", ops("split"), (T((None, 8)), 2, 1), Many(((None, 4), (None, 4)))),
    C(
        "split_indices",
        ops("split"),
        (T((None, 10)), [2, 5], 1),
        Many(((None, 2), (None, 3), (None, 5))),
    ),
    C(
        "split_indivisible",
        ops("split"),
        (T((None, 10)), 3, 1),
        R("SL107", "ValueError", "`x` size on given `axis` must be divisible by"),
        traced=R("SL107", "ValueError", "Dimension size must be evenly divisible by 3 but is 10"),
    ),
    C(
        "split_unknown_axis",
        ops("split"),
        (T((None, 10)), 2),
        Many(((None, 10), (None, 10))),
    ),
    C(
        "split_past_the_end",
        ops("split"),
        (T((None, 10)), [2, 12], 1),
        R("SL107", "ValueError", "Cannot convert"),
        traced=R("SL107", "ValueError", "Split size at index 2 must be >= 0"),
    ),
    C("split_symbolic", ops("split"), (T((None, "n*2")), 2, 1), Many(((None, "n"), (None, "n")))),
    C("split_tf_sizes", tf("split"), (T((None, 10)), [3, 7], 1), Many(((None, 3), (None, 7)))),
    C(
        "split_tf_sizes_minus_one",
        tf("split"),
        (T((None, 10)), [3, -1], 1),
        Many(((None, 3), (None, 7))),
    ),
    C(
        "split_tf_sizes_do_not_add_up",
        tf("split"),
        (T((None, 10)), [3, 4], 1),
        R("SL107", "ValueError", "can't split axis of size 10 into pieces of size [3,4]"),
    ),
    C("split_tf_num", tf("split"), (T((None, 10)), 2, 1), Many(((None, 5), (None, 5)))),
    C("unstack", ops("unstack"), (T((None, 3, 8)),), Many(((None, 8),) * 3), axis=1),
    C(
        "unstack_unknown_count",
        ops("unstack"),
        (X,),
        R("SL107", "ValueError", "Cannot infer argument `num` from shape"),
    ),
    C("unstack_tf", tf("unstack"), (T((2, 3)),), Many(((3,), (3,)))),
    # --- matmul / dot / einsum --------------------------------------------------------
    C("matmul_2d", ops("matmul"), (T((None, 8)), T((8, 3))), (None, 3)),
    C("matmul_batched", ops("matmul"), (X, T((None, 8, 5))), (None, 4, 5)),
    C("matmul_broadcast_batch", ops("matmul"), (X, T((8, 5))), (None, 4, 5)),
    C("matmul_vector", ops("matmul"), (X, T((8,))), (None, 4)),
    C(
        "matmul_inner_mismatch",
        ops("matmul"),
        (X, T((5, 3))),
        R("SL104", "ValueError", "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be"),
        traced=(None, 4, 3),
    ),
    C(
        "matmul_inner_mismatch_known",
        ops("matmul"),
        (T((2, 4, 8)), T((5, 3))),
        R("SL104", "ValueError", "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
    ),
    C(
        "matmul_batched_mismatch",
        ops("matmul"),
        (X, T((None, 5, 3))),
        R("SL104", "ValueError", "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
    ),
    C("matmul_batch_broadcast_merges", ops("matmul"), (X, T((2, 8, 3))), (2, 4, 3)),
    C(
        "matmul_symbolic_inner",
        ops("matmul"),
        (T((None, "n")), T(("n", 3))),
        (None, 3),
    ),
    C("matmul_operator", "operator.matmul", (X, T((8, 3))), (None, 4, 3)),
    C(
        "matmul_operator_vector",
        "operator.matmul",
        (X, T((8,))),
        (None, 4),
        traced=R("SL102", "ValueError", "Shape must be at least rank 2 but is rank 1"),
    ),
    C(
        "matmul_operator_mismatch_batch",
        "operator.matmul",
        (X, T((5, 3))),
        R("SL104", "ValueError", "Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
    ),
    C("matmul_tf", tf("matmul"), (X, T((None, 8, 5))), (None, 4, 5)),
    C("matmul_tf_transpose_b", tf("matmul"), (X, T((None, 5, 8))), (None, 4, 5), transpose_b=True),
    C(
        "matmul_tf_mismatch",
        tf("matmul"),
        (T((None, 8)), T((5, 3))),
        R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
    ),
    C(
        "matmul_tf_vector",
        tf("matmul"),
        (X, T((8,))),
        R("SL102", "ValueError", "Shape must be at least rank 2 but is rank 1"),
    ),
    C("dot_2d", ops("dot"), (T((None, 8)), T((8, 3))), (None, 3)),
    C("dot_nd", ops("dot"), (X, T((2, 8, 3))), (None, 4, 2, 3)),
    C("tensordot_int", ops("tensordot"), (X, T((8, 3))), (None, 4, 3), axes=1),
    C(
        "tensordot_int_mismatch_unchecked",
        ops("tensordot"),
        (T((2, 4, 8)), T((5, 3))),
        (2, 4, 3),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
        axes=1,
    ),
    C(
        "tensordot_pairs_mismatch",
        ops("tensordot"),
        (X, T((5, 3))),
        R("SL104", "ValueError", "Shape mismatch on `x1[axes[0]]` and `x2[axes[1]]`"),
        traced=(None, 4, 3),
        axes=([2], [0]),
    ),
    C(
        "tensordot_pairs",
        ops("tensordot"),
        (T((2, 3, 4)), T((4, 3, 5))),
        (2, 5),
        axes=((1, 2), (1, 0)),
    ),
    C("einsum_batched_matmul", ops("einsum"), ("bij,bjk->bik", X, T((None, 8, 5))), (None, 4, 5)),
    C(
        "einsum_attention",
        ops("einsum"),
        ("bqhd,bkhd->bhqk", T((None, 6, 2, 8)), T((None, 7, 2, 8))),
        (None, 2, 6, 7),
    ),
    C("einsum_implicit", ops("einsum"), ("ij,jk", T((2, 3)), T((3, 5))), (2, 5)),
    C("einsum_ellipsis", ops("einsum"), ("...ij,jk->...ik", X, T((8, 5))), (None, 4, 5)),
    C("einsum_trace_sum", ops("einsum"), ("bij->b", X), (None,)),
    C(
        "einsum_label_sizes_differ",
        ops("einsum"),
        ("ij,jk->ik", T((2, 3)), T((4, 5))),
        (2, 5),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 3 and 4"),
    ),
    C(
        "einsum_rank_mismatch",
        ops("einsum"),
        ("bij,jk->bik", T((4, 8)), T((8, 5))),
        R("SL102", "ValueError", "Number of dimensions in the subscript does not match"),
        traced=ANY_SHAPE,
    ),
    C(
        "einsum_rank_mismatch_not_rewritten",
        ops("einsum"),
        ("bij,bjk->bik", T((4, 8)), T((None, 8, 5))),
        R("SL102", "ValueError", "Number of dimensions in the subscript does not match"),
        traced=R("SL102", "ValueError", "Shape must be rank 3 but is rank 2"),
    ),
    C(
        "einsum_contracted_mismatch_batch",
        ops("einsum"),
        ("bij,jk->bik", X, T((5, 3))),
        (None, 4, 3),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 5"),
    ),
    C(
        "einsum_space",
        ops("einsum"),
        ("ij, jk->ik", T((2, 3)), T((3, 5))),
        R("SL102", "ValueError", "Number of dimensions in the subscript does not match"),
        traced=(2, 5),
    ),
    C("einsum_tf", tf("einsum"), ("bij,bjk->bik", X, T((None, 8, 5))), (None, 4, 5)),
    # --- reductions -----------------------------------------------------------------
    C("sum_all", ops("sum"), (X,), ()),
    C("sum_axis", ops("sum"), (X, 1), (None, 8)),
    C("sum_axes", ops("sum"), (X, (1, 2)), (None,)),
    C("sum_keepdims", ops("sum"), (X, -1, True), (None, 4, 1)),
    C("sum_all_keepdims", ops("sum"), (X,), (1, 1, 1), keepdims=True),
    C(
        "sum_axis_out_of_range",
        ops("sum"),
        (X, 3),
        R("SL107", "ValueError", "axis 3 is out of bounds for an array with dimension 3"),
        traced=R(
            "SL107", "ValueError", "Invalid reduction dimension 3 for input with 3 dimensions"
        ),
    ),
    C("mean_axis", ops("mean"), (X,), (None, 4), axis=-1),
    C("max_axis", ops("max"), (X,), (None, 8), axis=1),
    C("min_keepdims", ops("min"), (X,), (None, 1, 8), axis=1, keepdims=True),
    C("prod_axis", ops("prod"), (X,), (None, 4), axis=2),
    C("any_axis", ops("any"), (X,), (None, 4), axis=2),
    C("all_axis", ops("all"), (X,), (4, 8), axis=0),
    C("argmax_axis", ops("argmax"), (X,), (None, 4), axis=-1),
    C("argmax_flat", ops("argmax"), (X,), ()),
    C("argmin_keepdims", ops("argmin"), (X,), (None, 4, 1), axis=-1, keepdims=True),
    C("std_axis", ops("std"), (X,), (None, 8), axis=1),
    C("var_axes", ops("var"), (X,), (None,), axis=(1, 2)),
    C("logsumexp_axis", ops("logsumexp"), (X,), (None, 4), axis=-1),
    C("median_axis", ops("median"), (X,), (None, 4), traced=(None, None), axis=-1),
    C("count_nonzero_axis", ops("count_nonzero"), (X,), (None, 8), axis=1),
    C("reduce_sum_tf", tf("reduce_sum"), (X,), (None, 4, 1), axis=-1, keepdims=True),
    C("reduce_mean_tf", tf("reduce_mean"), (X, 1), (None, 8)),
    C("reduce_max_tf_all", tf("reduce_max"), (X,), ()),
    C("reduce_std_tf", tf("math.reduce_std"), (X,), (None, 4), axis=-1),
    C("reduce_logsumexp_tf", tf("reduce_logsumexp"), (X,), (None, 8), axis=1),
    C("argmax_tf_default_axis_0", tf("argmax"), (X,), (4, 8)),
    C("argmax_tf_axis", tf("argmax"), (X, -1), (None, 4)),
    C("sum_backend", k("sum"), (X, 1), (None, 8)),
    C("mean_backend_keepdims", k("mean"), (X, -1, True), (None, 4, 1)),
    C("argmax_backend_default_last", k("argmax"), (X,), (None, 4)),
    # --- indexing and slicing -------------------------------------------------------
    C("getitem_int", "operator.getitem", (X, (slice(None), 0)), (None, 8)),
    C("getitem_ellipsis_slice", "operator.getitem", (X, (Ellipsis, slice(None, 3))), (None, 4, 3)),
    C("getitem_newaxis", "operator.getitem", (X, (slice(None), None)), (None, 1, 4, 8)),
    C("getitem_ellipsis_newaxis", "operator.getitem", (X, (Ellipsis, None)), (None, 4, 8, 1)),
    C("getitem_negative_index", "operator.getitem", (X, (slice(None), -1)), (None, 8)),
    C(
        "getitem_strided",
        "operator.getitem",
        (X, (slice(None), slice(None, None, 2))),
        (None, 2, 8),
    ),
    C("getitem_negative_stop", "operator.getitem", (X, (slice(None), slice(1, -1))), (None, 2, 8)),
    C(
        "getitem_reverse",
        "operator.getitem",
        (X, (slice(None), slice(None, None, -1))),
        (None, 4, 8),
    ),
    C("getitem_batch_int", "operator.getitem", (X, 0), (4, 8)),
    C("getitem_batch_slice_tuple", "operator.getitem", (X, (slice(None, 3),)), (None, 4, 8)),
    C(
        "getitem_bare_slice",
        "operator.getitem",
        (X, slice(None, 3)),
        R("SL108", "ValueError", "Unsupported key type for array slice"),
        traced=(None, 4, 8),
    ),
    C(
        "getitem_bare_none",
        "operator.getitem",
        (X, None),
        R("SL108", "ValueError", "Unsupported key type for array slice"),
        traced=(1, None, 4, 8),
    ),
    C(
        "getitem_out_of_bounds",
        "operator.getitem",
        (X, (slice(None), 4)),
        R("SL107", "ValueError", "Array has shape (None, 4, 8) but out-of-bounds index"),
        traced=R("SL107", "ValueError", "slice index 4 of dimension 1 out of bounds"),
    ),
    C(
        "getitem_too_many",
        "operator.getitem",
        (X, (0, 0, 0, 0)),
        R("SL102", "ValueError", "Array has shape (None, 4, 8) but slice has to many indices"),
        traced=R("SL102", "ValueError", "Index out of range using input dim 3"),
    ),
    C(
        "getitem_symbolic",
        "operator.getitem",
        (T((None, "n", 8)), (slice(None), slice(1, None))),
        (None, "n - 1", 8),
    ),
    C(
        "getitem_symbolic_all",
        "operator.getitem",
        (T((None, "n")), (slice(None), slice(None, -1))),
        (None, "n - 1"),
    ),
    C(
        "getitem_symbolic_undecided",
        "operator.getitem",
        (T((None, "n")), (slice(None), slice(2, None))),
        (None, ANY),
    ),
    C("get_item_function", ops("get_item"), (X, (slice(None), 0)), (None, 8)),
    # --- tile / repeat / pad ----------------------------------------------------------
    C("tile", ops("tile"), (T((2, 4, 8)), (1, 2, 3)), (2, 8, 24)),
    C("tile_unknown_axis", ops("tile"), (X, (1, 2, 1)), (None, 8, 8)),
    C("tile_short_repeats", ops("tile"), (T((2, 4, 8)), (2,)), (2, 4, 16)),
    C("tile_long_repeats", ops("tile"), (T((4, 8)), (3, 1, 1)), (3, 4, 8)),
    C("tile_symbolic", ops("tile"), (T(("n", 8)), (2, 1)), ("n*2", 8)),
    C("tile_tf", tf("tile"), (X, (1, 2, 3)), (None, 8, 24)),
    C(
        "tile_tf_short_multiples",
        tf("tile"),
        (X, (2,)),
        R("SL102", "ValueError", "Shape must be rank 3 but is rank 1"),
    ),
    C("repeat_axis", ops("repeat"), (X, 3), (None, 12, 8), axis=1),
    C("repeat_flat", ops("repeat"), (T((2, 3)), 2), (12,)),
    C("repeat_flat_unknown", ops("repeat"), (X, 2), (None,)),
    C("repeat_list", ops("repeat"), (T((2, 3)), [1, 2, 3]), (2, 6), axis=1),
    C(
        "repeat_list_mismatch",
        ops("repeat"),
        (T((2, 3)), [1, 2]),
        R("SL107", "ValueError", "Size of `repeats` and dimensions of `axis 1 of x`"),
        traced=R("SL107", "ValueError", ""),
        axis=1,
    ),
    C("repeat_tf", tf("repeat"), (X, 2), (None, 8, 8), axis=1),
    C("repeat_elements_backend", k("repeat_elements"), (X, 2, 2), (None, 4, 16)),
    C("pad_pairs", ops("pad"), (X, ((0, 0), (1, 2), (3, 3))), (None, 7, 14)),
    C(
        "pad_one_pair",
        ops("pad"),
        (T((2, 4)), (1, 1)),
        (4, 6),
        traced=R("SL102", "ValueError", "Shape must be rank 1 but is rank 2"),
    ),
    C(
        "pad_int",
        ops("pad"),
        (T((2, 4)), 2),
        (6, 8),
        traced=R("SL102", "ValueError", "Shape must be rank 1 but is rank 2"),
    ),
    C("pad_one_pair_vector", ops("pad"), (T((4,)), (1, 2)), (7,)),
    C(
        "pad_wrong_count",
        ops("pad"),
        (X, ((1, 1), (2, 2))),
        R("SL102", "ValueError", "`pad_width` must have the same length as `x.shape`"),
    ),
    C("pad_tf", tf("pad"), (X, ((0, 0), (1, 2), (3, 3))), (None, 7, 14)),
    C(
        "pad_tf_wrong_count",
        tf("pad"),
        (X, ((1, 1), (2, 2))),
        R("SL102", "ValueError", "Shape must be rank 2 but is rank 3"),
    ),
    # --- broadcasting arithmetic ------------------------------------------------------
    C("add_same", ops("add"), (X, X), (None, 4, 8)),
    C("add_bias", ops("add"), (X, T((8,))), (None, 4, 8)),
    C("add_scalar", "operator.add", (X, T(())), (None, 4, 8)),
    C("add_broadcast_ones", ops("add"), (T((None, 1, 8)), T((4, 1))), (None, 4, 8)),
    C("add_unknown_against_known", ops("add"), (T((None, 8)), T((5, 8))), (5, 8)),
    C("add_unknown_against_one", ops("add"), (T((None, 8)), T((1, 8))), (None, 8)),
    C(
        "add_mismatch",
        ops("add"),
        (X, T((4, 7))),
        R("SL104", "ValueError", "Cannot broadcast shape, the failure dim has value 8"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 7"),
    ),
    C(
        "add_operator_mismatch",
        "operator.add",
        (X, T((None, 5, 8))),
        R("SL104", "ValueError", "Cannot broadcast shape, the failure dim has value 4"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 4 and 5"),
    ),
    C("add_symbolic", ops("add"), (T((None, "n")), T(("n",))), (None, "n")),
    C(
        "add_symbolic_against_known",
        ops("add"),
        (T((None, "n")), T((3,))),
        (None, 3),
        numbers=({"n": 1}, {"n": 3}),
    ),
    C("add_symbolic_against_one", ops("add"), (T((None, 1)), T(("n",))), (None, "n")),
    C("subtract_operator", "operator.sub", (X, T((4, 1))), (None, 4, 8)),
    C("multiply_operator", "operator.mul", (T((None, 4, 1)), T((None, 1, 8))), (None, 4, 8)),
    C("divide_operator", "operator.truediv", (X, T(())), (None, 4, 8)),
    C("power_operator", "operator.pow", (X, T(())), (None, 4, 8)),
    C("floordiv_operator", "operator.floordiv", (X, T((8,))), (None, 4, 8)),
    C("neg_operator", "operator.neg", (X,), (None, 4, 8)),
    C("abs_operator", "operator.abs", (X,), (None, 4, 8)),
    C("less_operator", "operator.lt", (X, T((8,))), (None, 4, 8)),
    C("maximum", ops("maximum"), (X, T((None, 4, 1))), (None, 4, 8)),
    C("minimum", ops("minimum"), (X, T(())), (None, 4, 8)),
    C("where_three", ops("where"), (T((None, 4, 1)), X, T(())), (None, 4, 8)),
    C(
        "where_mismatch",
        ops("where"),
        (T((None, 5, 1)), X, X),
        R("SL104", "ValueError", "Cannot broadcast shape, the failure dim has value 5"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 5 and 4"),
    ),
    C("add_tf", tf("add"), (X, T((8,))), (None, 4, 8)),
    C("multiply_tf_math", tf("math.multiply"), (X, T((4, 1))), (None, 4, 8)),
    C(
        "add_tf_mismatch",
        tf("add"),
        (X, T((4, 7))),
        R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 7"),
    ),
    C("where_tf", tf("where"), (T((None, 4, 1), "bool"), X, X), (None, 4, 8)),
    C("maximum_backend", k("maximum"), (X, T((8,))), (None, 4, 8)),
    # --- element-wise and activations ---------------------------------------------------
    C("relu", ops("relu"), (X,), (None, 4, 8)),
    C("gelu", ops("gelu"), (X,), (None, 4, 8)),
    C("softmax_default", ops("softmax"), (X,), (None, 4, 8)),
    C("softmax_axis", ops("softmax"), (X, 1), (None, 4, 8)),
    C(
        "softmax_axis_out_of_range",
        ops("softmax"),
        (X, 3),
        R("SL107", "ValueError", "axis 3 is out of bounds for an array with dimension 3"),
        traced=R("SL107", "InvalidArgumentError", "`dim` must be in the range [-3, 3)"),
    ),
    C("log_softmax", ops("log_softmax"), (X,), (None, 4, 8), axis=-1),
    C("glu_halves", ops("glu"), (X,), (None, 4, 4)),
    C(
        "glu_odd",
        ops("glu"),
        (T((None, 4, 7)),),
        R("SL107", "ValueError", "axis size must be divisible by 2"),
        traced=R("SL107", "ValueError", ""),
    ),
    C("exp", ops("exp"), (X,), (None, 4, 8)),
    C("sqrt", ops("sqrt"), (X,), (None, 4, 8)),
    C("square", ops("square"), (X,), (None, 4, 8)),
    C("clip", ops("clip"), (X, 0.0, 1.0), (None, 4, 8)),
    C("round", ops("round"), (X,), (None, 4, 8)),
    C("cast", ops("cast"), (X, "int32"), (None, 4, 8)),
    C("convert_to_tensor", ops("convert_to_tensor"), (X,), (None, 4, 8)),
    C("stop_gradient", ops("stop_gradient"), (X,), (None, 4, 8)),
    C("zeros_like", ops("zeros_like"), (X,), (None, 4, 8)),
    C("normalize", ops("normalize"), (X,), (None, 4, 8), axis=1),
    C("relu_tf", tf("nn.relu"), (X,), (None, 4, 8)),
    C("softmax_tf_default_last", tf("nn.softmax"), (X,), (None, 4, 8)),
    C(
        "softmax_tf_axis_out_of_range",
        tf("nn.softmax"),
        (X,),
        R("SL107", "InvalidArgumentError", ""),
        axis=3,
    ),
    C("gelu_tf", tf("nn.gelu"), (X,), (None, 4, 8)),
    C("leaky_relu_tf", tf("nn.leaky_relu"), (X,), (None, 4, 8), alpha=0.1),
    C("sigmoid_tf", tf("sigmoid"), (X,), (None, 4, 8)),
    C("exp_tf", tf("math.exp"), (X,), (None, 4, 8)),
    C("cast_tf", tf("cast"), (X, "int32"), (None, 4, 8)),
    C("clip_by_value_tf", tf("clip_by_value"), (X, 0.0, 1.0), (None, 4, 8)),
    C("softmax_activation", "keras.activations.softmax", (X,), (None, 4, 8)),
    C("relu_activation", "keras.activations.relu", (X,), (None, 4, 8)),
    C("square_backend", k("square"), (X,), (None, 4, 8)),
    C("softmax_backend", k("softmax"), (X,), (None, 4, 8)),
    # --- one_hot / top_k ---------------------------------------------------------------
    C("one_hot", ops("one_hot"), (T((None, 4), "int32"), 10), (None, 4, 10)),
    C("one_hot_axis", ops("one_hot"), (T((None, 4), "int32"), 10), (None, 10, 4), axis=1),
    C(
        "one_hot_bad_axis",
        ops("one_hot"),
        (T((None, 4), "int32"), 10),
        R("SL107", "ValueError", "axis must be -1 or between [0, 2)"),
        traced=ANY_SHAPE,
        axis=5,
    ),
    C("one_hot_tf", tf("one_hot"), (T((None, 4), "int32"), 10), (None, 4, 10)),
    C("one_hot_backend", k("one_hot"), (T((None, 4), "int32"), 10), (None, 4, 10)),
    C("top_k", ops("top_k"), (X, 3), Many(((None, 4, 3), (None, 4, 3)), tuple)),
    C(
        "top_k_too_large",
        ops("top_k"),
        (X, 9),
        Many(((None, 4, 9), (None, 4, 9)), tuple),
        traced=R("SL107", "ValueError", "input must have last dimension >= k = 9 but is 8"),
    ),
    C("top_k_tf", tf("math.top_k"), (X,), Many(((None, 4, 2), (None, 4, 2)), tuple), k=2),
    C("moments", ops("moments"), (X, (1,)), Many(((None, 8), (None, 8)), tuple)),
    # --- images -------------------------------------------------------------------------
    C("resize", ops("image.resize"), (T((None, 32, 32, 3)), (64, 48)), (None, 64, 48, 3)),
    C(
        "resize_channels_first",
        ops("image.resize"),
        (T((None, 3, 32, 32)), (16, 16)),
        (None, 3, 16, 16),
        data_format="channels_first",
    ),
    C(
        "resize_rank_2",
        ops("image.resize"),
        (T((None, 32)), (16, 16)),
        R("SL102", "ValueError", "Invalid images rank: expected rank 3"),
    ),
    C("resize_tf", tf("image.resize"), (T((None, 32, 32, 3)), (64, 48)), (None, 64, 48, 3)),
    C(
        "extract_patches",
        ops("image.extract_patches"),
        (T((None, 32, 32, 3)), 8),
        (None, 4, 4, 192),
    ),
    C(
        "extract_patches_strided_same",
        ops("image.extract_patches"),
        (T((None, 30, 30, 3)), (4, 4)),
        (None, 15, 15, 48),
        strides=2,
        padding="same",
    ),
    C(
        "extract_patches_unbatched",
        ops("image.extract_patches"),
        (T((32, 32, 3)), 8),
        (4, 4, 192),
    ),
    C(
        "extract_patches_too_large",
        ops("image.extract_patches"),
        (T((None, 4, 4, 3)), 8),
        R("SL103", "ValueError", "Computed output size would be zero or negative"),
        traced=R("SL103", "ValueError", ""),
    ),
    C(
        "extract_patches_tf",
        tf("image.extract_patches"),
        (T((None, 32, 32, 3)),),
        (None, 4, 4, 192),
        sizes=[1, 8, 8, 1],
        strides=[1, 8, 8, 1],
        rates=[1, 1, 1, 1],
        padding="VALID",
    ),
    C(
        "crop_images",
        ops("image.crop_images"),
        (T((None, 32, 32, 3)),),
        (None, 24, 28, 3),
        top_cropping=4,
        bottom_cropping=4,
        left_cropping=2,
        right_cropping=2,
    ),
    C(
        "crop_images_target",
        ops("image.crop_images"),
        (T((None, 32, 32, 3)),),
        (None, 16, 20, 3),
        top_cropping=4,
        target_height=16,
        left_cropping=0,
        target_width=20,
    ),
    C(
        "crop_images_too_much",
        ops("image.crop_images"),
        (T((None, 8, 8, 3)),),
        R("SL103", "ValueError", "target_height must be >= 0"),
        traced=R("SL103", "ValueError", ""),
        top_cropping=5,
        bottom_cropping=5,
        left_cropping=0,
        right_cropping=0,
    ),
    C(
        "pad_images",
        ops("image.pad_images"),
        (T((None, 28, 28, 1)),),
        (None, 32, 32, 1),
        top_padding=2,
        bottom_padding=2,
        left_padding=2,
        right_padding=2,
    ),
    C(
        "crop_to_bounding_box_tf",
        tf("image.crop_to_bounding_box"),
        (T((None, 32, 32, 3)), 4, 4, 24, 20),
        (None, 24, 20, 3),
    ),
    C(
        "crop_to_bounding_box_tf_too_large",
        tf("image.crop_to_bounding_box"),
        (T((None, 32, 32, 3)), 10, 0, 24, 20),
        R("SL103", "ValueError", "height must be >= target + offset"),
    ),
    C(
        "resize_with_crop_or_pad_tf",
        tf("image.resize_with_crop_or_pad"),
        (T((None, 32, 30, 3)), 28, 36),
        (None, 28, 36, 3),
    ),
    C("rgb_to_grayscale", ops("image.rgb_to_grayscale"), (T((None, 8, 8, 3)),), (None, 8, 8, 1)),
    # --- windows ------------------------------------------------------------------------
    C("max_pool", ops("max_pool"), (T((None, 32, 32, 3)), 2), (None, 16, 16, 3)),
    C(
        "average_pool_same",
        ops("average_pool"),
        (T((None, 31, 31, 3)), 3, 2),
        (None, 16, 16, 3),
        padding="same",
    ),
    C("conv", ops("conv"), (T((None, 32, 32, 3)), T((3, 3, 3, 16))), (None, 30, 30, 16)),
    C(
        "conv_channels_mismatch",
        ops("conv"),
        (T((None, 32, 32, 3)), T((3, 3, 4, 16))),
        R("SL104", "ValueError", "The number of input channels must match the kernel's input"),
        traced=R("SL104", "ValueError", "Depth of input (3) is not a multiple of input depth"),
    ),
    C(
        "conv2d_tf",
        tf("nn.conv2d"),
        (T((None, 32, 32, 3)), T((3, 3, 3, 16)), 1, "SAME"),
        (None, 32, 32, 16),
    ),
    C(
        "max_pool2d_tf",
        tf("nn.max_pool2d"),
        (T((None, 32, 32, 3)), 2, 2, "VALID"),
        (None, 16, 16, 3),
    ),
    C(
        "avg_pool2d_tf_lower_case",
        tf("nn.avg_pool2d"),
        (T((None, 32, 32, 3)), 3, 2, "same"),
        R("SL202", "ValueError", "Attr 'padding' of 'AvgPool' Op passed string 'same'"),
    ),
    C("depth_to_space", ops("depth_to_space"), (T((None, 4, 4, 12)), 2), (None, 8, 8, 3)),
    C("space_to_depth", ops("space_to_depth"), (T((None, 4, 4, 3)), 2), (None, 2, 2, 12)),
    # --- queries, constructors, slices ------------------------------------------------------
    C("shape", ops("shape"), (X,), SizesOf((None, 4, 8))),
    C("shape_tf", tf("shape"), (X,), SizesOf((None, 4, 8), as_tensor=True)),
    C("int_shape_backend", k("int_shape"), (X,), SizesOf((None, 4, 8))),
    C("shape_backend", k("shape"), (X,), SizesOf((None, 4, 8), as_tensor=True)),
    C("ndim_backend", k("ndim"), (X,), SizeOf(3)),
    C("ndim", ops("ndim"), (X,), (3,), traced=SizeOf(3)),
    C("size", ops("size"), (X,), ()),
    C("arange", ops("arange"), (0, 10), (10,)),
    C("arange_step", ops("arange"), (2, 11, 3), (3,)),
    C("arange_symbolic", ops("arange"), (0, S("n")), ("n",)),
    C("range_tf", tf("range"), (10,), (10,)),
    C("zeros", ops("zeros"), ((3, 4),), (3, 4)),
    C("ones_int", ops("ones"), (5,), (5,)),
    C("eye", ops("eye"), (3, 5), (3, 5)),
    C("slice", ops("slice"), (T((4, 8)), (1, 2), (2, -1)), (2, 6)),
    C("broadcast_to", ops("broadcast_to"), (T((1, 8)), (4, 8)), (4, 8)),
    C(
        "broadcast_to_mismatch",
        ops("broadcast_to"),
        (T((3, 8)), (4, 8)),
        R("SL104", "ValueError", "Cannot broadcast shape, the failure dim has value 3"),
        traced=R("SL104", "ValueError", ""),
    ),
    C("take_axis", ops("take"), (X, T((2, 3), "int32")), (None, 2, 3, 8), axis=1),
    C("take_flat", ops("take"), (X, T((5,), "int32")), (5,)),
    C("gather_tf", tf("gather"), (T((10, 8)), T((None, 4), "int32")), (None, 4, 8)),
    C("gather_tf_axis", tf("gather"), (X, T((2,), "int32")), (None, 2, 8), axis=1),
    C("flip", ops("flip"), (X, 1), (None, 4, 8)),
    C("reverse_tf", tf("reverse"), (X, [1]), (None, 4, 8)),
    C(
        "reverse_tf_number",
        tf("reverse"),
        (X, 1),
        R("SL202", "ValueError", "Shape must be rank 1 but is rank 0"),
    ),
    C("roll", ops("roll"), (X, 1), (None, 4, 8), axis=1),
    C("cumsum_flat", ops("cumsum"), (T((2, 4)),), (8,)),
    C("cumsum_axis", ops("cumsum"), (X, 1), (None, 4, 8)),
    C("sort_axis", ops("sort"), (X,), (None, 4, 8)),
    C("ravel", ops("ravel"), (T((2, 4)),), (8,)),
    C("ravel_unknown", ops("ravel"), (X,), (None,)),
    C("outer", ops("outer"), (T((3,)), T((2, 2))), (3, 4)),
    C(
        "extract_patches_symbolic",
        ops("image.extract_patches"),
        (T((None, "n*8", "n*8", 3)), 8),
        (None, "n", "n", 192),
    ),
    C("extract_sequences", ops("extract_sequences"), (T((None, 10)), 4, 2), (None, 4, 4)),
    C(
        "dot_product_attention",
        ops("dot_product_attention"),
        (T((2, 5, 3, 8)), T((2, 6, 3, 8)), T((2, 6, 3, 8))),
        (2, 5, 3, 8),
    ),
    C("gather_backend", k("gather"), (T((10, 8)), T((None, 4), "int32")), (None, 4, 8)),
]


#: Element-wise operations of one tensor: each keeps the shape of (None, 4, 8).
ELEMENTWISE = (
    "abs", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "cbrt", "ceil",
    "conj", "conjugate", "copy", "cos", "cosh", "deg2rad", "exp2", "expm1", "fabs", "floor",
    "imag", "isfinite", "isinf", "isnan", "log", "log10", "log1p", "log2", "logical_not",
    "rad2deg", "real", "reciprocal", "sign", "signbit", "sin", "sinh", "tan", "tanh", "trunc",
    "nan_to_num", "ones_like", "empty_like", "tril", "triu", "relu6", "sigmoid",
    "sparse_sigmoid", "softplus", "softsign", "sparse_plus", "silu", "swish", "log_sigmoid",
    "hard_sigmoid", "hard_silu", "hard_swish", "elu", "selu", "celu", "tanh_shrink",
    "hard_tanh", "soft_shrink", "hard_shrink", "squareplus", "leaky_relu", "sparsemax",
    "rsqrt", "erf", "erfc", "erfinv",
)  # fmt: skip
CASES += [C(f"elementwise_{name}", ops(name), (X,), (None, 4, 8)) for name in ELEMENTWISE]

#: Broadcasting operations of two tensors: (None, 4, 1) against (8,).
BROADCASTING = (
    "divide", "true_divide", "divide_no_nan", "floor_divide", "mod", "power", "equal",
    "not_equal", "greater", "greater_equal", "less", "less_equal", "logical_and",
    "logical_or", "logical_xor", "arctan2", "hypot", "logaddexp", "heaviside",
)  # fmt: skip
CASES += [
    C(f"broadcast_{name}", ops(name), (T((None, 4, 1)), T((8,))), (None, 4, 8))
    for name in BROADCASTING
]
CASES += [
    C(
        f"broadcast_{name}_mismatch",
        ops(name),
        (X, T((3,))),
        R("SL104", "ValueError", "Cannot broadcast shape, the failure dim has value 8"),
        traced=R("SL104", "ValueError", "Dimensions must be equal, but are 8 and 3"),
    )
    for name in ("divide", "power", "equal", "logical_and")
]

#: Reductions over axis 1 of (None, 4, 8), and over every axis.
CASES += [C(f"reduce_{name}", ops(name), (X, 1), (None, 8)) for name in ("amax", "amin")]
CASES += [C(f"reduce_{name}_all", ops(name), (X,), ()) for name in ("amax", "amin", "prod")]

CASES += [
    C("argsort", ops("argsort"), (X,), (None, 4, 8), axis=1),
    C("argsort_flat", ops("argsort"), (T((2, 4)),), (8,), axis=None),
    C("cumprod_flat_unknown", ops("cumprod"), (X,), (None,)),
    C("threshold", ops("threshold"), (X, 0.5, 0.0), (None, 4, 8)),
    C("full_like", ops("full_like"), (X, 3.0), (None, 4, 8)),
    C("full", ops("full"), ((2, 3), 7.0), (2, 3)),
    C("empty", ops("empty"), ((2, 3),), (2, 3)),
    C("identity", ops("identity"), (4,), (4, 4)),
    C("linspace", ops("linspace"), (0.0, 1.0, 7), (7,)),
    C("saturate_cast", ops("saturate_cast"), (X, "int8"), (None, 4, 8)),
    C(
        "in_top_k",
        ops("in_top_k"),
        (T((None,), "int32"), T((None, 10)), 3),
        (None,),
    ),
    C(
        "take_along_axis",
        ops("take_along_axis"),
        (X, T((None, 4, 2), "int32")),
        (None, 4, 2),
        axis=-1,
    ),
    C(
        "take_along_axis_rank_mismatch",
        ops("take_along_axis"),
        (X, T((None, 2), "int32")),
        R("SL102", "ValueError", "`x` and `indices` must have the same number of dimensions"),
        traced=R("SL102", "ValueError", ""),
        axis=-1,
    ),
    C("rgb_to_hsv", ops("image.rgb_to_hsv"), (T((None, 8, 8, 3)),), (None, 8, 8, 3)),
    C("hsv_to_rgb", ops("image.hsv_to_rgb"), (T((None, 8, 8, 3)),), (None, 8, 8, 3)),
    C("rank_tf", tf("rank"), (X,), ()),
    C("size_tf", tf("size"), (X,), ()),
    C(
        "pad_to_bounding_box_tf",
        tf("image.pad_to_bounding_box"),
        (T((None, 28, 28, 1)), 2, 2, 32, 32),
        (None, 32, 32, 1),
    ),
    C(
        "pad_to_bounding_box_tf_too_small",
        tf("image.pad_to_bounding_box"),
        (T((None, 28, 28, 1)), 2, 2, 24, 32),
        R("SL202", "ValueError", "height must be <= target - offset"),
    ),
]


#: keras.random, TensorFlow's constructors and segment sums.
CASES += [
    C("random_normal", "keras.random.normal", ((2, 3),), (2, 3)),
    C("random_uniform", "keras.random.uniform", ((4,),), (4,)),
    C("random_truncated_normal", "keras.random.truncated_normal", ((2, 2),), (2, 2)),
    C("random_randint", "keras.random.randint", ((3, 2), 0, 5), (3, 2)),
    C("random_dropout", "keras.random.dropout", (X, 0.5), (None, 4, 8)),
    C("random_shuffle", "keras.random.shuffle", (X,), (None, 4, 8)),
    C("random_uniform_tf", tf("random.uniform"), ((2, 3),), (2, 3)),
    C("random_normal_tf", tf("random.normal"), ((5,),), (5,)),
    C("random_truncated_normal_tf", tf("random.truncated_normal"), ((1, 2),), (1, 2)),
    C("zeros_tf", tf("zeros"), ((2, 3),), (2, 3)),
    C("ones_tf", tf("ones"), ((4,),), (4,)),
    C("fill_tf", tf("fill"), ((2, 2), 1.0), (2, 2)),
    C("random_normal_backend", k("random_normal"), ((2, 3),), (2, 3)),
    C("dropout_tf", tf("nn.dropout"), (X, 0.5), (None, 4, 8)),
    C(
        "segment_sum",
        ops("segment_sum"),
        (T((None, 8)), T((None,), "int32")),
        (5, 8),
        num_segments=5,
    ),
    C("segment_max_unknown_count", ops("segment_max"), (T((6, 8)), T((6,), "int32")), (None, 8)),
    C("segment_min", ops("segment_min"), (T((6, 8)), T((6,), "int32")), (3, 8), num_segments=3),
    C("segment_prod", ops("segment_prod"), (T((6, 8)), T((6,), "int32")), (3, 8), num_segments=3),
    C(
        "unsorted_segment_sum_tf",
        tf("math.unsorted_segment_sum"),
        (T((None, 4, 8)), T((None, 4), "int32"), 10),
        (10, 8),
    ),
]


def _unique(cases: list[OpCase]) -> list[OpCase]:
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids: {duplicates}"
    return cases


def all_cases() -> list[OpCase]:
    return _unique(CASES)
