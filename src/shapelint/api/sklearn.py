"""scikit-learn's ``train_test_split``: each array's train and test parts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapelint.api.numpy.arrays import as_array, fresh_size, guarded, new_array, origin_at
from shapelint.domain.values import (
    UNKNOWN,
    ListVal,
)

if TYPE_CHECKING:
    from shapelint.interp.context import Context
from typing import TYPE_CHECKING

#: scikit-learn's splitter, under its current and its pre-0.18 module.
TRAIN_TEST_SPLIT = {
    "sklearn.model_selection.train_test_split",
    "sklearn.cross_validation.train_test_split",
}


@guarded
def train_test_split(ev: Context, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """scikit-learn's ``train_test_split(*arrays)``: each array's train and
    test parts, whose first dims are unknown but the same across arrays."""
    if not args:
        return UNKNOWN
    n_train, n_test = fresh_size("n_train"), fresh_size("n_test")
    origin = origin_at(site)
    out: list[Any] = []
    for value in args:
        arr = as_array(value)
        if arr is None or arr.shape is None or not arr.shape:
            out.extend((UNKNOWN, UNKNOWN))
            continue
        rest = tuple(arr.shape[1:])
        out.append(new_array(ev, (n_train, *rest), arr.dtype, origin))
        out.append(new_array(ev, (n_test, *rest), arr.dtype, origin))
    return ListVal(tuple(out), birth=ev.born())
