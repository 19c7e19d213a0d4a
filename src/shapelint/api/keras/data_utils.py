"""Keras' data side: ``keras.datasets.<name>.load_data`` (the shapes and
dtypes of keras/src/datasets), ``to_categorical`` and ``pad_sequences``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.numpy.arrays import (
    as_array,
    dtype_of,
    fresh_size,
    guarded,
    new_array,
    origin_at,
    size_of,
)
from shapelint.api.registry import NO_SIGNATURE, Call, Registrations, Signature
from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN, known_items
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


#: Keras' data utilities registered here (a source of Keras' registry,
#: api/keras/by_path.py).
KERAS = Registrations()


@guarded
def to_categorical(ev: Context, labels: Any, classes: Any, site: Any, keras1: bool) -> Any:
    """``to_categorical(y, num_classes)``: Keras 2/3 add a class axis (a
    trailing axis of 1 is dropped first: keras/src/utils/numerical_utils.py);
    Keras 1's np_utils flattens the labels first (``.ravel()``)."""
    y = as_array(labels)
    origin = origin_at(site)
    c = size_of(classes) if classes is not None else None
    if c is False or c == 0:
        return UNKNOWN
    if y is None or y.shape is None:
        return new_array(ev, None, None, origin)
    if keras1:
        return new_array(ev, (shapes.product(y.shape), c), "float64", origin)
    shape = y.shape
    if len(shape) > 1:
        last = shape[-1]
        if last == 1:
            shape = shape[:-1]
        elif not is_int(last):
            return new_array(ev, None, None, origin)  # a trailing 1 would be dropped
    return new_array(ev, (*shape, c), None, origin)


@KERAS.register("pad_sequences", signature=Signature.of("sequences", "maxlen", "dtype"))
@guarded
def pad_sequences(ev: Context, call: Call) -> Any:
    """``pad_sequences(seqs, maxlen=...)``: (number of sequences, maxlen) plus
    the shape of one item (keras/src/utils/sequence_utils.py)."""
    seqs = call.get("sequences", UNKNOWN)
    maxlen = call.get("maxlen")
    dtype_arg = call.get("dtype", "int32")
    origin = origin_at(call.site)
    m = size_of(maxlen) if maxlen is not None else None
    if m is False:
        return UNKNOWN
    dtype = dtype_of(dtype_arg)
    count: Dim = None
    item: Shape = None
    if isinstance(seqs, ArrayVal) and seqs.shape:
        count = seqs.shape[0]
        if seqs.ragged is not None:
            item = seqs.ragged
        elif len(seqs.shape) >= 2:
            item = tuple(seqs.shape[2:])
    else:
        items = known_items(seqs)
        if items is not None:
            count = len(items)
            rows = [as_array(i) for i in items]
            if rows and all(r is not None and r.shape is not None for r in rows):
                inner = {r.shape[1:] for r in rows if r.shape}  # type: ignore[union-attr,index]
                if len(inner) == 1 and all(r.shape for r in rows):  # type: ignore[union-attr]
                    item = inner.pop()
    if item is None:
        return new_array(ev, None, dtype, origin)
    return new_array(ev, (count, m, *item), dtype, origin)


#: keras.datasets: (train count, test count, x item shape, x dtype, y item shape, y dtype).
#: Counts and shapes as keras/src/datasets/*.py state and assert them (Keras 3.15.1).
_IMAGES = {
    "mnist": (60000, 10000, (28, 28), "uint8", (), "uint8"),
    "fashion_mnist": (60000, 10000, (28, 28), "uint8", (), "uint8"),
}


#: The parameters of ``keras.datasets.<name>.load_data`` that shapelint
#: reads, by dataset (keras/src/datasets/<name>.py).
_LOAD_DATA = {
    "cifar100": Signature.of("label_mode"),
    "imdb": Signature.of("path", "num_words", "skip_top", "maxlen"),
    "reuters": Signature.of("path", "num_words", "skip_top", "maxlen", "test_split"),
    "boston_housing": Signature.of("path", "test_split"),
}


@KERAS.register("load_data", under="datasets")
@guarded
def load_data(ev: Context, call: Call) -> Any:
    """``keras.datasets.<name>.load_data(...)``: ((x_train, y_train), (x_test,
    y_test)) with the shapes and dtypes of keras/src/datasets/<name>.py."""
    name = call.path.split(".")[-2]
    bound = _LOAD_DATA.get(name, NO_SIGNATURE).bind(call.args, call.kwargs)
    origin = origin_at(call.site)

    def pair(n: Dim, x: Shape, xd: Optional[str], y: Shape, yd: Optional[str], ragged: Shape):
        return (
            new_array(ev, (n, *x), xd, origin, ragged),  # type: ignore[misc]
            new_array(ev, (n, *y), yd, origin),  # type: ignore[misc]
        )

    if name in _IMAGES:
        n_train, n_test, x, xd, y, yd = _IMAGES[name]
        return (pair(n_train, x, xd, y, yd, None), pair(n_test, x, xd, y, yd, None))
    if name in ("cifar10", "cifar100"):
        # cifar10.py/cifar100.py: (N, 3, 32, 32) transposed to (N, 32, 32, 3)
        # under channels_last; labels reshaped to (N, 1). CIFAR-10 labels are
        # uint8 (np.empty(..., dtype="uint8")); CIFAR-100 labels come from a
        # Python list (np.reshape gives int64).
        if name == "cifar100":
            mode = bound.get("label_mode", "fine")
            if mode not in ("fine", "coarse"):
                return UNKNOWN
        fmt = ev.state.data_format
        image: Shape
        if fmt == "channels_first":
            image = (3, 32, 32)
        elif fmt == "channels_last":
            image = (32, 32, 3)
        else:
            image = (None, 32, None)
        yd = "uint8" if name == "cifar10" else "int64"
        return (
            pair(50000, image, "uint8", (1,), yd, None),
            pair(10000, image, "uint8", (1,), yd, None),
        )
    if name in ("imdb", "reuters"):
        return _sequences(name, bound, pair)
    if name == "boston_housing":
        # 506 records (StatLib's Boston data; keras.io's example prints (404, 13)
        # and (102, 13)); boston_housing.py splits at int(len(x) * (1 - test_split)).
        train = _split_at(506, bound.get("test_split", 0.2))
        if train is None:
            return (pair(None, (13,), "float64", (), "float64", None),) * 2
        return (
            pair(train, (13,), "float64", (), "float64", None),
            pair(506 - train, (13,), "float64", (), "float64", None),
        )
    return UNKNOWN


def _split_at(total: int, split: Any) -> Optional[int]:
    if not isinstance(split, (int, float)) or isinstance(split, bool) or not 0 <= split < 1:
        return None
    return int(total * (1 - split))


def _sequences(name: str, bound: dict[str, Any], pair: Any) -> Any:
    """imdb: 25,000 training and 25,000 test reviews (the dataset's
    description; imdb.py keeps the npz's split); reuters: 11,228 newswires
    (reuters.py's docstring) split at int(len(xs) * (1 - test_split)). Each
    x is an object array of lists of ints; y holds int64 labels. ``maxlen``
    drops the longer sequences (python_utils.remove_long_seq): counts unknown."""
    maxlen = bound.get("maxlen")
    if maxlen is not None:
        if maxlen is UNKNOWN or isinstance(maxlen, (int, Sym)):
            train: Any = fresh_size("n_train")
            test: Any = fresh_size("n_test")
        else:
            return UNKNOWN
    elif name == "imdb":
        train, test = 25000, 25000
    else:
        cut = _split_at(11228, bound.get("test_split", 0.2))
        train, test = (cut, 11228 - cut) if cut is not None else (None, None)
    return (
        pair(train, (), "object", (), "int64", ()),
        pair(test, (), "object", (), "int64", ()),
    )
