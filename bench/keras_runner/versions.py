"""Which Keras a script is written for: 3 (run in Keras 3), 2 or 1 (run in
tf-keras, Keras 2; Keras 1 code mostly fails there, and where it runs some
arguments mean other things, e.g. ``Convolution2D(32, 3, 3)`` has strides 3).

Decided, in this order, by:

1. a folder named after a Keras release on the script's path (``keras-2.3.1-
   examples/``): the provenance of the corpus says which Keras the code is for;
2. Keras-1-only, then Keras-2-only API in a script that imports ``keras``
   standalone (``MARKERS``);
3. else Keras 3 (``tf.keras`` code included: TensorFlow 2.21 serves Keras 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_RELEASE_FOLDER = re.compile(r"^keras-(\d+)\.\d+")
_STANDALONE = re.compile(r"^[ \t]*(?:from|import)[ \t]+keras\b", re.M)


@dataclass(frozen=True)
class Marker:
    version: int
    pattern: re.Pattern[str]
    what: str


MARKERS: tuple[Marker, ...] = tuple(
    Marker(version, re.compile(pattern, re.M), what)
    for version, pattern, what in (
        (1, r"\bnb_epoch\s*=", "nb_epoch="),
        (1, r"\bborder_mode\s*=", "border_mode="),
        (1, r"\bsubsample\s*=", "subsample="),
        (1, r"\bMerge\(", "Merge(...)"),
        (1, r"\bConvolution[123]D\(\s*\w+\s*,\s*\w+\s*,\s*\w+", "Convolution2D(n, rows, cols)"),
        (1, r"\bkeras\.initializations\b", "keras.initializations"),
        (1, r"image_dim_ordering", "image_dim_ordering"),
        (
            2,
            r"^[ \t]*from[ \t]+keras\.layers\.(?:merge|core|convolutional|recurrent|embeddings"
            r"|normalization|pooling|advanced_activations|wrappers|noise|local"
            r"|convolutional_recurrent|cudnn_recurrent)\b",
            "keras.layers.<module> imports",
        ),
        (2, r"\bkeras\.(?:engine|legacy|wrappers)\b", "keras.engine/legacy/wrappers"),
        (
            2,
            r"\bkeras\.utils\.(?:np_utils|data_utils|generic_utils|vis_utils|conv_utils)\b",
            "keras.utils.<module>",
        ),
        (2, r"\.(?:fit|evaluate|predict)_generator\(", "fit_generator and kin"),
        (
            2,
            r"\b(?:SGD|Adam|RMSprop|Adagrad|Adadelta|Adamax|Nadam)\([^()]*\blr\s*=",
            "optimizer(lr=...)",
        ),
        (2, r"\bK\.(?:get_session|placeholder|set_session)\b", "K.get_session and kin"),
    )
)


@dataclass(frozen=True)
class Decision:
    version: int
    why: str


def keras_version(path: Path, text: str) -> Decision:
    for part in path.parts:
        match = _RELEASE_FOLDER.match(part)
        if match:
            return Decision(int(match.group(1)), f"folder {part}")
    if _STANDALONE.search(text):
        for version in (1, 2):
            for marker in MARKERS:
                if marker.version == version and marker.pattern.search(text):
                    return Decision(version, marker.what)
    return Decision(3, "default")
