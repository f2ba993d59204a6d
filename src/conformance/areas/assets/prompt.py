"""The voice prompt of generated audio: the declared prompt clip is present where declared
(AS-AIGC-009).

The CAC labelling measures (art. 4 (2)) ask for a voice or rhythm prompt at the start, the end
or an appropriate point in the middle of generated audio; GB 45438-2025 5.3 says what it is
(spoken words with the AI and generation elements, or the rhythm "short long short short").
A generation service that labels its audio inserts the same prompt clip each time, so the
harness checks *presence of the declared clip*, not speech: the service declares the clip
(reference audio) and where it is; the harness finds the clip's log-magnitude spectrogram in
the file's around the declared time by normalised cross-correlation over time lags. A
spectrogram, not the waveform, is correlated so that a phase shift, a resampling or a gain
change the mixing applied does not hide the clip; the log compresses the loudness range.
What the words say is not recognised; the declared text is looked for in the file's caption
track (WebVTT) when the asset declares one.

PCM WAV (RIFF, integer samples) is read with the standard library; compressed audio (MP3, AAC,
Opus, Vorbis, FLAC) and the audio track of a video (MP4, WebM, Matroska) are decoded with PyAV
by :mod:`encoded_audio`, and both reach the same resampling and the same search.
"""

from __future__ import annotations

import io
import re
import wave
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import encoded_audio

#: analysis rate: speech and rhythm prompts live below 4 kHz
RATE = 8000
FRAME = 256  # 32 ms
HOP = 80  # 10 ms
#: the longest audio decoded, seconds (a bound, not a limit the measures set)
MAX_SECONDS = 1800

Signal = NDArray[np.float64]


class Undecodable(ValueError):
    """Not audio this module decodes, or over a bound."""


class NoDecoder(Undecodable):
    """Compressed audio, and PyAV (the `media` extra) is not installed to decode it."""


class OverBound(Undecodable):
    """Audio longer than :data:`MAX_SECONDS`, or a compressed file over ``encoded_audio.MAX_BYTES``: past a reading
    bound, so not judged (AS-AIGC-015: 5.1's 「生成音频的解码量」), rather than audio that does not decode."""


@dataclass(frozen=True)
class Found:
    """Where the clip correlates best in the searched span: the score and the time (s)."""

    score: float
    at_s: float


def decode(data: bytes) -> Signal:
    """Any audio the harness reads, at :data:`RATE`: PCM WAV, else a compressed file or a
    video's audio track (the first one)."""
    if data[:4] == b"RIFF":
        return pcm_wav(data)
    try:
        samples, rate = encoded_audio.decode(data, MAX_SECONDS)
    except encoded_audio.NoDecoder as exc:
        raise NoDecoder(str(exc)) from None
    except encoded_audio.OverBound as exc:
        raise OverBound(str(exc)) from None
    except encoded_audio.Undecodable as exc:
        raise Undecodable(str(exc)) from None
    return resample(samples, rate)


def pcm_wav(data: bytes) -> Signal:
    """A PCM WAV file's samples, channels averaged, resampled to :data:`RATE`, in [-1, 1]."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise Undecodable("not a RIFF WAVE file")
    try:
        with wave.open(io.BytesIO(data)) as reader:
            channels, width, rate, count = (reader.getnchannels(), reader.getsampwidth(), reader.getframerate(),
                                            reader.getnframes())
            if rate <= 0:
                raise Undecodable(f"a sample rate of {rate} Hz")
            if count > rate * MAX_SECONDS:
                raise OverBound(f"{count} frames at {rate} Hz: over the {MAX_SECONDS} s decoded")
            raw = reader.readframes(count)
    except (wave.Error, EOFError) as exc:  # wave.Error: a WAVE that is not integer PCM, among others
        raise Undecodable(str(exc)) from exc
    if width not in (1, 2, 3, 4) or channels < 1:
        raise Undecodable(f"{width}-byte samples are not read")
    usable = len(raw) - len(raw) % (width * channels)
    raw = raw[:usable]
    if width == 1:
        samples = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128.0) / 128.0
    elif width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        ints = bytes3[:, 0] | (bytes3[:, 1] << 8) | (bytes3[:, 2] << 16)
        samples = np.where(ints >= 1 << 23, ints - (1 << 24), ints).astype(np.float64) / float(1 << 23)
    else:
        kind = np.int16 if width == 2 else np.int32
        samples = np.frombuffer(raw, np.dtype(kind).newbyteorder("<")).astype(np.float64) / float(1 << (8 * width - 1))
    mono = samples.reshape(-1, channels).mean(axis=1)
    return resample(mono, rate)


def resample(samples: Signal, rate: int) -> Signal:
    """To :data:`RATE`: box-averaged down to the nearest integer factor first (so that what
    lies above 4 kHz does not fold into the band), then linearly interpolated."""
    factor = rate // RATE
    if factor > 1:
        usable = len(samples) - len(samples) % factor
        samples = samples[:usable].reshape(-1, factor).mean(axis=1)
        rate = rate / factor  # type: ignore[assignment]
    if rate == RATE or len(samples) == 0:
        return samples
    times = np.arange(0, len(samples) / rate, 1.0 / RATE)
    return np.interp(times, np.arange(len(samples)) / rate, samples)


def spectrogram(samples: Signal) -> Signal:
    """Log-magnitude short-time spectrum (bins x frames): Hann window, 32 ms frames, 10 ms hop."""
    if len(samples) < FRAME:
        samples = np.pad(samples, (0, FRAME - len(samples)))
    count = 1 + (len(samples) - FRAME) // HOP
    index = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    frames = samples[index] * np.hanning(FRAME)[None, :]
    return np.log1p(100.0 * np.abs(np.fft.rfft(frames, axis=1))).T


def find(clip: Signal, audio: Signal, start_s: float, end_s: float) -> Found | None:
    """The best normalised cross-correlation of the clip's spectrogram against the audio's,
    the clip starting anywhere in [start_s, end_s]; None when the clip is silent or the span
    holds no whole clip. Each frequency bin is centred on its mean over the clip's length
    first: what every harmonic sound shares (the spectral tilt of voices) then adds nothing,
    and what is compared is how the clip's spectrum moves in time (bench/aigc_perceived.py:
    another voice-like clip scored up to 0.67 with one global mean, 0.39 with per-bin means)."""
    ref = spectrogram(clip)
    ref = ref - ref.mean(axis=1, keepdims=True)
    ref_norm = float(np.sqrt((ref * ref).sum()))
    if ref_norm < 1e-9:
        return None
    spec = spectrogram(audio)
    length = ref.shape[1]
    first = max(0, int(round(start_s * RATE / HOP)))
    last = min(spec.shape[1] - length, int(round(end_s * RATE / HOP)))
    best: Found | None = None
    for lag in range(first, last + 1):
        window = spec[:, lag:lag + length]
        window = window - window.mean(axis=1, keepdims=True)
        norm = float(np.sqrt((window * window).sum()))
        score = float((window * ref).sum()) / (norm * ref_norm) if norm > 1e-9 else 0.0
        if best is None or score > best.score:
            best = Found(score, lag * HOP / RATE)
    return best


_TIMING = re.compile(r"^\s*((?:\d+:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}\.\d{3})")


def webvtt_cues(text: str) -> list[tuple[float, float, str]] | None:
    """(start, end, text) of each cue of a WebVTT file (W3C WebVTT, 4.1); None when the file
    does not begin with the WEBVTT signature."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        return None
    cues: list[tuple[float, float, str]] = []
    at = 1
    while at < len(lines):
        timing = _TIMING.match(lines[at])
        at += 1
        if not timing:
            continue
        body: list[str] = []
        while at < len(lines) and lines[at].strip():
            body.append(lines[at])
            at += 1
        cues.append((_seconds(timing.group(1)), _seconds(timing.group(2)), "\n".join(body)))
    return cues


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    return sum(value * 60 ** power for power, value in enumerate(reversed(parts)))


def spoken_text(text: str) -> str:
    """The words of a prompt without markup (WebVTT tags) and spacing, for comparing."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]*>", "", text))
