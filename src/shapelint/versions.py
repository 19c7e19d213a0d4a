"""Which major version of Keras the checked code runs on.

Keras 1, Keras 2 (tf.keras in TensorFlow 2.0 to 2.15, the ``keras`` package 2.4 to
2.15 and ``tf_keras``; the reference is tf-keras 2.21) and Keras 3 (TensorFlow >= 2.16,
``keras`` >= 3) disagree on some arguments and shapes: Keras 2 truncates
``Dense(31.25)`` to 31 units where Keras 3 raises. Code says which one it targets
through the configuration's ``keras-version`` or API that exists in one version only;
code that does not (``tensorflow.keras``, or ``keras`` without such API) may run on
Keras 2 or 3. The rule, applied by the catalogue through ``LayerConfig.reject`` and
``LayerConfig.agreed``: a finding is reported only when every version the code may run
on raises; a value the versions compute differently is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Optional


class KerasVersion(Enum):
    KERAS1 = "1"
    KERAS2 = "2"
    KERAS3 = "3"


#: The versions some code may run on.
Versions = frozenset[KerasVersion]

KERAS1: Versions = frozenset({KerasVersion.KERAS1})
KERAS2: Versions = frozenset({KerasVersion.KERAS2})
KERAS3: Versions = frozenset({KerasVersion.KERAS3})
#: Code that does not say which version it targets.
KERAS2_OR_3: Versions = KERAS2 | KERAS3
EVERY: Versions = frozenset(KerasVersion)

#: ``keras-version`` in the configuration -> the versions it allows.
CONFIGURED: dict[str, Versions] = {"1": KERAS1, "2": KERAS2, "3": KERAS3}


class VersionSplit(Exception):
    """Some of the versions the code may run on raise here and the others do
    not: nothing is reported, and what the layer makes is unknown."""


def reject_where_raised(versions: Versions, raised_by: Versions, error: Exception) -> None:
    """The rule: Keras ``raised_by`` raise ``error`` here. Raise it when every
    version the code may run on (``versions``) does, VersionSplit when only
    some do; return when none does."""
    if versions <= raised_by:
        raise error
    if versions & raised_by:
        raise VersionSplit(str(error))


@dataclass(frozen=True)
class Evidence:
    """Text that shows a version: ``pattern``, searched only when one of
    ``hints`` (substrings every match contains) is in the text: substring
    tests are far cheaper than the expressions, which would otherwise run on
    every file at every analysis. A pattern searched often starts with a
    literal (a leading ``\\b`` makes Python's re try every position: a
    lookbehind after the literal checks the word boundary instead)."""

    hints: tuple[str, ...]
    pattern: re.Pattern[str]

    def found_in(self, text: str) -> bool:
        return any(hint in text for hint in self.hints) and self.pattern.search(text) is not None


#: Text that only Keras 1 code contains: keywords and backend calls of that
#: era, and module paths that only standalone Keras 1/2 had.
KERAS1_EVIDENCE = (
    Evidence(
        (
            "border_mode",
            "subsample",
            "nb_",
            "dim_ordering",
            "filter_length",
            "pool_length",
            "W_regularizer",
            "keras.layers.",
            "keras.engine",
        ),
        re.compile(
            r"\b(?:border_mode|subsample|subsample_length|nb_filter|nb_row|nb_col|dim_ordering"
            r"|filter_length|pool_length|W_regularizer|nb_epoch)\s*="
            r"|\bset_image_dim_ordering\s*\(|\bimage_dim_ordering\s*\("
            r"|\bkeras\.layers\.(?:convolutional|core|recurrent|pooling|normalization"
            r"|embeddings|merge|advanced_activations|wrappers|noise|local)\b|\bkeras\.engine\b"
        ),
    ),
)

#: API of Keras 3 that Keras 2 does not have (tf-keras 2.21 checked): its
#: modules and top-level classes, layers new in Keras 3, another backend.
KERAS3_EVIDENCE = (
    Evidence(
        ("keras.",),
        re.compile(
            r"keras(?<!\wkeras)\.(?:ops|config|random|tree|distribution|dtype_policies"
            r"|quantizers|Variable|KerasTensor|Operation|StatelessScope|Layer|Loss|Metric"
            r"|Optimizer|Initializer|Regularizer|InputSpec)\b"
        ),
    ),
    Evidence(("ops",), re.compile(r"from(?<!\wfrom)\s+keras\s+import\s+[^\n]*\bops\b")),
    Evidence(
        (
            "RMSNormalization",
            "TorchModuleWrapper",
            "JaxLayer",
            "FlaxLayer",
            "MelSpectrogram",
            "STFTSpectrogram",
            "RandomGrayscale",
            "GroupQueryAttention",
        ),
        re.compile(
            r"\b(?:RMSNormalization|TorchModuleWrapper|JaxLayer|FlaxLayer|MelSpectrogram"
            r"|STFTSpectrogram|RandomGrayscale|GroupQueryAttention)\b"
        ),
    ),
    Evidence(
        ("KERAS_BACKEND",),
        re.compile(r"KERAS_BACKEND\b[^\n]*[\"'](?:jax|torch|numpy|openvino)[\"']"),
    ),
    # KerasHub needs Keras 3 (keras-hub 0.17's layers import keras.ops as they
    # load; 0.32 requires keras>=3.15); KerasNLP, its former name, also ran on
    # Keras 2 and shows nothing.
    Evidence(("keras_hub",), re.compile(r"^\s*(?:import|from)\s+keras_hub\b", re.M)),
)

_KERAS2_BACKEND = (
    "int_shape|placeholder|get_session|set_session|function|variable|get_value|set_value"
    "|batch_get_value|batch_set_value|learning_phase|set_learning_phase|batch_dot"
    "|batch_flatten|ctc_batch_cost|ctc_decode"
)

#: Keras 2 API that Keras 3 removed (tf-keras 2.21 and Keras 3.15 checked):
#: tf_keras itself, the *_generator and predict_classes methods,
#: layers.experimental, optimizers' ``lr=`` (not torch.optim's), and the
#: backend functions of Keras 2 (``K.int_shape``, ...).
KERAS2_EVIDENCE = (
    Evidence(("tf_keras",), re.compile(r"\btf_keras\b")),
    Evidence(
        ("_generator", "predict_classes"),
        re.compile(r"\.(?:fit|evaluate|predict)_generator\s*\(|\.predict_classes\s*\("),
    ),
    Evidence(("layers.experimental",), re.compile(r"\blayers\.experimental\b")),
    Evidence(
        ("(lr",),
        re.compile(r"(?<!optim\.)\b(?:Adam|SGD|RMSprop|Adagrad|Adadelta|Adamax|Nadam)\s*\(lr\s*="),
    ),
    Evidence(("K.",), re.compile(rf"K\.(?<!\wK\.)(?:{_KERAS2_BACKEND})\s*\(")),
    Evidence(("backend.",), re.compile(rf"backend\.(?<!\wbackend\.)(?:{_KERAS2_BACKEND})\s*\(")),
)


def shows(text: str, evidence: tuple[Evidence, ...]) -> bool:
    return any(e.found_in(text) for e in evidence)


def file_versions(text: str, configured: Optional[str]) -> Versions:
    """The versions a file may run on: the configuration's ``keras-version``,
    else what its text shows (Keras 1 keywords and modules; API of one of
    Keras 2 and 3 only, not of both), else Keras 2 or 3."""
    if configured in CONFIGURED:
        return CONFIGURED[configured]
    if shows(text, KERAS1_EVIDENCE):
        return KERAS1
    keras3 = shows(text, KERAS3_EVIDENCE)
    keras2 = shows(text, KERAS2_EVIDENCE)
    if keras3 and not keras2:
        return KERAS3
    if keras2 and not keras3:
        return KERAS2
    return KERAS2_OR_3


def describe(versions: Versions) -> str:
    """ "Keras 3", "Keras 2 or 3", ... for messages."""
    numbers = sorted(v.value for v in versions)
    return "Keras " + " or ".join(numbers)
