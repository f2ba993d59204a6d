"""Error rates of the perceived-label checks (AS-AIGC-008, -009) and agreement of the HLS
reader (AS-AIGC-010) with an independent parser on public playlists.

* ``frames``: seeded synthetic renders (the fixture generator's scene) with the label raster
  drawn at a random place and height (5 % to 30 % of the short side), then degraded as a
  renderer and an encoder would: a Gaussian blur of up to 1 px, noise, JPEG compression
  (quality 60 to 90), 0.85 to 1 opacity, a width stretched by up to 3 %. Negatives: the same
  frames without a label, and with a look-alike label (the same plate and size, other glyphs).
  Prints each score distribution's extremes and the detection and false-alarm rates at the
  profile's default threshold.
* ``prompts``: seeded programme audio with the voice or rhythm prompt mixed in at a random
  place and gain (0.3 to 1), recorded at 44.1 kHz and read back as the harness reads it.
  Negatives: the audio without the clip, and with another voice-like clip (other pitch and
  vowels). Same report.
* ``playlists`` (``--hls DIR``: public playlists kept outside the project, e.g. the sample
  playlists of grafov/m3u8 and the fixtures of sethdeckard/m3u8): each file parsed by
  live.parse and by the ``m3u8`` package (PyPI, MIT; installed for the bench only, not a
  dependency), compared on the kind (media or multivariant), the number of segments, the
  media sequence number, the number of date ranges and of segments with a program date-time.

    python bench/aigc_perceived.py [--count N] [--hls DIR]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "suites" / "assets" / "fixtures"))

import generate_perceived as make  # noqa: E402

from conformance.areas.assets import live, prompt, render  # noqa: E402

NCC, HEIGHT_RATIO, CORRELATION = 0.8, 0.05, 0.5


def _degrade(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    frame = render.blur(frame, float(rng.uniform(0.3, 1.0)))
    frame = np.clip(frame + rng.normal(0, 0.01, frame.shape), 0, 1)
    out = io.BytesIO()
    Image.fromarray(np.round(frame * 255).astype(np.uint8)).save(out, "JPEG", quality=int(rng.integers(60, 91)))
    return np.asarray(Image.open(io.BytesIO(out.getvalue())).convert("L"), dtype=float) / 255.0


def _look_alike() -> np.ndarray:
    """The same plate with its glyph pairs swapped: "生成AI" for "AI生成"."""
    label = make.label_raster()
    other = label.copy()
    other[:, 6:39], other[:, 42:75] = label[:, 42:75], label[:, 6:39]
    return other


def frames(count: int) -> None:
    rng = np.random.default_rng(2025)
    raster, alike = make.label_raster(), _look_alike()
    positive, empty, similar = [], [], []
    for n in range(count):
        frame = make.scene(320, 180, 10_000 + n)
        height = int(rng.integers(9, 55))
        stretch = float(rng.uniform(0.97, 1.03))
        drawn = make.label_raster() if stretch == 1 else np.asarray(
            Image.fromarray(np.round(raster * 255).astype(np.uint8)).resize(
                (round(raster.shape[1] * stretch), raster.shape[0]), Image.Resampling.BILINEAR), dtype=float) / 255
        width = round(drawn.shape[1] * height / drawn.shape[0])
        x, y = int(rng.integers(0, 320 - width)), int(rng.integers(0, 180 - height))
        opacity = float(rng.uniform(0.85, 1.0))
        with_label = _degrade(make.paste(frame, drawn, x, y, height, opacity), rng)
        found = render.locate(with_label, raster)
        placed = found is not None and abs(found.box[0] - x) <= 3 and abs(found.box[1] - y) <= 3
        positive.append(found.score if placed and found else 0.0)
        none = render.locate(_degrade(frame, rng), raster)
        empty.append(none.score if none else 0.0)
        other = render.locate(_degrade(make.paste(frame, alike, x, y, height, opacity), rng), raster)
        similar.append(other.score if other else 0.0)
    _report("frames (NCC)", positive, {"no label": empty, "look-alike label": similar}, NCC)


def _other_voice(seconds: float = 0.6) -> np.ndarray:
    t = np.arange(int(make.RATE * seconds)) / make.RATE
    pitch = 120 + 30 * np.cos(2 * np.pi * 2.3 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / make.RATE
    which = np.minimum((t / seconds * 3).astype(int), 2)
    formants = np.array([500, 1800, 900])[which]
    signal = sum(np.sin(k * phase) * np.exp(-(((k * pitch) - formants) / 500.0) ** 2) for k in range(1, 20))
    return 0.5 * signal / np.max(np.abs(signal))


def _as_recorded(samples: np.ndarray) -> bytes:
    """At 44.1 kHz 16-bit, as a mixing desk would write it (linear interpolation up)."""
    times = np.arange(0, len(samples) / make.RATE, 1 / 44100)
    up = np.interp(times, np.arange(len(samples)) / make.RATE, samples)
    out = io.BytesIO()
    import wave

    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(44100)
        writer.writeframes((np.clip(up, -1, 1) * 32767).astype("<i2").tobytes())
    return out.getvalue()


def prompts(count: int) -> None:
    rng = np.random.default_rng(2026)
    positive, empty, similar = [], [], []
    other = _other_voice()
    for n in range(count):
        clip = make.voice_clip() if n % 2 else make.rhythm_clip()
        audio = make.programme(4.0, 20_000 + n)
        at = float(rng.uniform(0, 4.0 - len(clip) / make.RATE))
        gain = float(rng.uniform(0.3, 1.0))
        for target, mixed in ((positive, make.mix(audio, clip, at, gain)), (empty, audio),
                              (similar, make.mix(audio, other[:len(clip)], at, gain))):
            read = prompt.pcm_wav(_as_recorded(mixed))
            found = prompt.find(clip, read, at - 0.25, at + 0.25)
            target.append(found.score if found else 0.0)
    _report("prompts (spectrogram correlation)", positive, {"no prompt": empty, "another voice": similar},
            CORRELATION)


def _report(name: str, positive: list[float], negatives: dict[str, list[float]], threshold: float) -> None:
    hits = sum(s >= threshold for s in positive)
    print(f"{name}: {len(positive)} positives, min score {min(positive):.3f}, median {np.median(positive):.3f}; "
          f"found {hits}/{len(positive)} at >= {threshold}")
    for label, scores in negatives.items():
        alarms = sum(s >= threshold for s in scores)
        print(f"  {label}: max score {max(scores):.3f}, median {np.median(scores):.3f}; "
              f"false alarms {alarms}/{len(scores)}")


def playlists(folder: Path) -> None:
    import m3u8  # the reference parser; `pip install m3u8` for the bench only

    files = sorted(folder.rglob("*.m3u8"))
    agree, rows = 0, []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            reference = m3u8.loads(text)
        except Exception as exc:  # noqa: BLE001 - the reference parser's own refusal
            expected: tuple[object, ...] = ("refused by m3u8", type(exc).__name__)
            rows.append(f"  {path.relative_to(folder)}: the m3u8 package refuses it ({exc}); not counted")
            continue
        expected = ("multivariant",) if reference.is_variant else (
            "media", len(reference.segments), int(reference.media_sequence or 0),
            sum(len(s.dateranges) for s in reference.segments),
            sum(1 for s in reference.segments if s.current_program_date_time is not None))
        try:
            ours = live.parse(text)
            actual: tuple[object, ...] = ("media", len(ours.segments), ours.media_sequence, len(ours.dateranges),
                                          sum(1 for s in ours.segments if s.start is not None))
        except live.NotPlaylist as exc:
            actual = ("multivariant",) if "multivariant" in str(exc) else ("refused", str(exc))
        same = actual == expected
        agree += same
        if not same:
            rows.append(f"  {path.relative_to(folder)}: m3u8 {expected}, harness {actual}")
    print(f"playlists: {agree}/{len(files) - sum('not counted' in r for r in rows)} agree with the m3u8 package"
          f" ({len(files)} files)")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--hls", type=Path, help="a folder of public .m3u8 playlists")
    args = parser.parse_args()
    frames(args.count)
    prompts(args.count)
    if args.hls:
        playlists(args.hls)


if __name__ == "__main__":
    main()
