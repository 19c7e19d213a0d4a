"""Audio preprocessing layers (Keras 3): MelSpectrogram on (batch, samples)
and STFTSpectrogram on (batch, samples, channels)."""

from __future__ import annotations

from typing import Any, Optional

from difftest.program import CHANNELS_LAST, Call, Ctx, Shape, conv_length
from difftest.recipes import Recipe


class MelSpectrogram(Recipe):
    """(batch, samples) -> (batch, num_mel_bins, (samples + stride + 1) // stride)."""

    layer = "MelSpectrogram"
    family = "preprocessing"
    signature = (
        "fft_length",
        "sequence_stride",
        "sequence_length",
        "window",
        "sampling_rate",
        "num_mel_bins",
    )
    ranks = frozenset({2})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        samples = shape[1]
        assert samples is not None
        fft = ctx.pick((16, 32, 64))
        stride = ctx.pick((2, 4, 8))
        bins = ctx.pick((8, 16, 32))
        params: dict[str, Any] = {"fft_length": fft, "sequence_stride": stride}
        if ctx.chance(0.3):
            params["sequence_length"] = ctx.pick((8, fft))
        params["num_mel_bins"] = bins
        return Call(self.layer, params, [(shape[0], bins, (samples + stride + 1) // stride)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"fft_length": 16, "sequence_stride": 4, "sequence_length": 32}
        return Call(self.layer, params, None, "SL202", tags=("mel-fft-shorter",))


class STFTSpectrogram(Recipe):
    """A strided convolution with fixed Fourier kernels of frame_length taps:
    (batch, frames, (fft_length // 2 + 1) * channels), twice the frequencies
    in "stft" mode; expand_dims keeps frequencies and channels apart."""

    layer = "STFTSpectrogram"
    family = "preprocessing"
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
    ranks = frozenset({3})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params)
        samples, channels = (shape[1], shape[2]) if fmt == CHANNELS_LAST else (shape[2], shape[1])
        assert samples is not None and channels is not None
        padding = ctx.pick(("valid", "same")) if ctx.chance(0.4) else "valid"
        length = ctx.randint(2, 8)
        if padding == "valid" and length > samples:
            length = samples
        if length < 2:
            return None
        step = ctx.randint(1, length)
        fft = ctx.pick((length, 8, 16)) if ctx.chance(0.5) else None
        if fft is not None and fft < length:
            fft = length
        mode = ctx.pick(("log", "magnitude", "psd", "real", "imag", "angle", "stft"))
        freqs = (fft if fft is not None else 1 << (length - 1).bit_length()) // 2 + 1
        if mode == "stft":
            freqs *= 2
        frames = conv_length(samples, length, step, 1, padding)
        params = {"mode": mode, "frame_length": length, "frame_step": step, **params}
        if fft is not None:
            params["fft_length"] = fft
        if padding != "valid":
            params["padding"] = padding
        expand = ctx.chance(0.3)
        if expand:
            params["expand_dims"] = True
            out: Shape = (
                (shape[0], frames, freqs, channels)
                if fmt == CHANNELS_LAST
                else (shape[0], channels, frames, freqs)
            )
        else:
            features = freqs * channels
            out = (
                (shape[0], frames, features)
                if fmt == CHANNELS_LAST
                else (shape[0], features, frames)
            )
        params = {k: params[k] for k in self.signature if k in params} | params
        return Call(self.layer, params, [out])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        kind = ctx.pick(("step", "fft", "mode", "padding"))
        params: dict[str, Any] = {
            "step": {"frame_length": 4, "frame_step": 6},
            "fft": {"frame_length": 8, "fft_length": 4},
            "mode": {"mode": "power", "frame_length": 4},
            "padding": {"frame_length": 4, "padding": "causal"},
        }[kind]
        return Call(self.layer, params, None, "SL202", tags=(f"stft-{kind}",))


RECIPES = (MelSpectrogram, STFTSpectrogram)
