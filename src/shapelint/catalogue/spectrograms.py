"""Audio preprocessing layers, after keras/src/layers/preprocessing/
(mel_spectrogram.py, stft_spectrogram.py): both Keras 3 only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Optional

from shapelint.catalogue.base import LayerSpec, check_data_format
from shapelint.catalogue.windows import slide
from shapelint.codes import INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    CHANNELS_LAST,
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
)
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import int_or_none


class MelSpectrogram(LayerSpec):
    """(batch, samples) -> (batch, num_mel_bins, frames), frames =
    (samples + sequence_stride + 1) // sequence_stride, as its
    compute_output_shape says (a rank-1 input is one unbatched signal; any
    other rank reads axis 1 as the samples). No weights."""

    name = "MelSpectrogram"
    signature = (
        "fft_length",
        "sequence_stride",
        "sequence_length",
        "window",
        "sampling_rate",
        "num_mel_bins",
        "min_freq",
        "max_freq",
        "power_to_db",
        "top_db",
        "mag_exp",
        "min_power",
        "ref_power",
    )

    def validate(self, cfg: LayerConfig) -> None:
        fft = int_or_none(cfg.get("fft_length", 2048))
        length = cfg.get("sequence_length")
        length = fft if length is None or length == 0 else int_or_none(length)
        if fft is not None and length is not None and fft < length:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: fft_length ({fft}) must be at least sequence_length ({length})",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        bins = cfg.dim("num_mel_bins", 128)
        stride = int_or_none(cfg.get("sequence_stride", 512))
        if not shape or stride is None or stride <= 0:
            return [None]
        samples = shape[0] if len(shape) == 1 else shape[1]
        frames = shapes.floordiv(shapes.add(samples, stride + 1), stride)
        if len(shape) == 1:
            return [(bins, frames)]
        return [(shape[0], bins, frames)]


STFT_MODES = ("log", "magnitude", "psd", "real", "imag", "angle", "stft")


class STFTSpectrogram(LayerSpec):
    """A convolution of (batch, samples, channels) with fixed-window Fourier
    kernels of ``frame_length`` taps and ``fft_length // 2 + 1`` frequencies
    (twice that in "stft" mode), strided by ``frame_step``: (batch, frames,
    frequencies * channels), or (batch, frames, frequencies, channels) with
    ``expand_dims``. Weights: a real and an imaginary kernel (one of them in
    the "real" and "imag" modes), each (frame_length, 1, frequencies),
    trainable."""

    name = "STFTSpectrogram"
    ndim = 3
    signature = (
        "mode",
        "frame_length",
        "frame_step",
        "fft_length",
        "window",
        "periodic",
        "scaling",
        "padding",
        "expand_dims",
        "data_format",
    )

    def validate(self, cfg: LayerConfig) -> None:
        length = int_or_none(cfg.get("frame_length", 256))
        step = cfg.get("frame_step")
        if int_or_none(step) is not None and length is not None and (step > length or step < 1):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: frame_step should be a positive integer not greater than "
                f"frame_length ({length}), got {step}",
            )
        fft = cfg.get("fft_length")
        if int_or_none(fft) is not None and length is not None and fft < length:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: fft_length ({fft}) should not be less than frame_length ({length})",
            )
        for key, default, allowed in (
            ("mode", "log", STFT_MODES),
            ("scaling", "density", ("density", "spectrum", None)),
            ("padding", "valid", ("valid", "same")),
        ):
            value = cfg.get(key, default)
            if value is not UNKNOWN and not isinstance(value, shapes.Sym) and value not in allowed:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key} must be one of "
                    f"{', '.join(repr(a) for a in allowed)}, got {value!r}",
                )
        check_data_format(cfg)

    def _sizes(self, cfg: LayerConfig) -> Optional[tuple[int, int, int]]:
        """(frame_length, frame_step, frequencies per kernel), or None."""
        length = int_or_none(cfg.get("frame_length", 256))
        if length is None or length <= 0:
            return None
        step = cfg.get("frame_step")
        step = length // 2 if step is None or step == 0 else int_or_none(step)
        fft = cfg.get("fft_length")
        fft = 2 ** math.ceil(math.log2(length)) if fft is None or fft == 0 else int_or_none(fft)
        if step is None or fft is None:
            return None
        return length, step, fft // 2 + 1

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        sizes = self._sizes(cfg)
        mode = cfg.get("mode", "log")
        data_format = cfg.data_format_arg()
        expand = cfg.bool("expand_dims", False)
        padding = cfg.str("padding", "valid")
        if shape is None or sizes is None or mode not in STFT_MODES:
            return [None]
        if data_format is None or expand is None:
            return [None]
        length, step, freqs = sizes
        if mode == "stft":
            freqs *= 2
        spatial = slide(cfg, shape, (length,), (step,), (1,), padding, data_format, "frame")
        if spatial is None:
            return [None]
        (frames,) = spatial
        last = data_format == CHANNELS_LAST
        channels = shape[-1] if last else shape[1]
        if expand:
            return [
                (shape[0], frames, freqs, channels) if last else (shape[0], channels, frames, freqs)
            ]
        features: Dim = shapes.mul(freqs, channels)
        return [(shape[0], frames, features) if last else (shape[0], features, frames)]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        sizes = self._sizes(cfg)
        mode = cfg.get("mode", "log")
        if sizes is None or mode not in STFT_MODES:
            return UNKNOWN_PARAMS
        length, _, freqs = sizes
        kernels = 1 if mode in ("real", "imag") else 2
        return Params(kernels * length * freqs)


SPECS: tuple[type[LayerSpec], ...] = (MelSpectrogram, STFTSpectrogram)
