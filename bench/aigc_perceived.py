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

* ``prompts`` also runs each positive and negative through MP3, AAC (m4a) and Opus (Ogg) at
  32 kbit/s with PyAV, as a service would ship it, and reads it back through the decoder.
* ``manifests`` (``--dash DIR``, default ``$AIGC_DASH_CORPUS``: public MPDs kept outside the
  project, e.g. the test manifests of google/ExoPlayer, shaka-project/shaka-player and
  Dash-Industry-Forum/dash.js): each MPD parsed by dash.parse and by the ``mpegdash`` package
  (PyPI, MIT; installed for the bench only), compared on the type and the numbers of Periods,
  Representations, EventStreams, Events, SupplementalProperties and InbandEventStreams; then
  AS-AIGC-010's DASH judgement on each accepted MPD as a one-snapshot recording of unlabelled
  content: every Representation must come out "no label" and nothing else may be reported
  but what the MPD itself says (segments over MPD@maxSegmentDuration, unlistable windows).
* ``audio`` (``--audio DIR``, default ``$AIGC_AUDIO_CORPUS``: public MP3/Opus/Vorbis/AAC/MKV
  test files, e.g. google/ExoPlayer's testdata): each decoded by prompt.decode, its length
  compared with mutagen's (an independent header reader) and searched for the voice prompt
  over its whole length (none carries it: any score at the threshold is a false alarm).

    python bench/aigc_perceived.py [--count N] [--hls DIR] [--dash DIR] [--audio DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from xml.parsers.expat import ExpatError

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "suites" / "assets" / "fixtures"))

import generate_perceived as make  # noqa: E402

from conformance.areas.assets import dash, live, prompt, render  # noqa: E402

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
    forms = {"wav": _as_recorded, **{kind: (lambda s, k=kind: make.encoded(s, k)) for kind in ("mp3", "m4a", "ogg")}}
    scores: dict[str, tuple[list[float], list[float], list[float]]] = {k: ([], [], []) for k in forms}
    other = _other_voice()
    for n in range(count):
        clip = make.voice_clip() if n % 2 else make.rhythm_clip()
        audio = make.programme(4.0, 20_000 + n)
        at = float(rng.uniform(0, 4.0 - len(clip) / make.RATE))
        gain = float(rng.uniform(0.3, 1.0))
        for form, write in forms.items():
            positive, empty, similar = scores[form]
            for target, mixed in ((positive, make.mix(audio, clip, at, gain)), (empty, audio),
                                  (similar, make.mix(audio, other[:len(clip)], at, gain))):
                read = prompt.decode(write(mixed))
                found = prompt.find(clip, read, at - 0.25, at + 0.25)
                target.append(found.score if found else 0.0)
    for form, (positive, empty, similar) in scores.items():
        _report(f"prompts in {form} (spectrogram correlation)", positive,
                {"no prompt": empty, "another voice": similar}, CORRELATION)


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


def _reference_counts(path: Path) -> tuple[object, ...]:
    from mpegdash.parser import MPEGDASHParser  # the reference parser; `pip install mpegdash` for the bench only

    mpd = MPEGDASHParser.parse(str(path))  # a local path: read from the file, never fetched
    periods = mpd.periods or []
    sets = [a for p in periods for a in (p.adaptation_sets or [])]
    reps = [r for a in sets for r in (a.representations or [])]
    streams = [e for p in periods for e in (p.event_streams or [])]
    return (mpd.type or "static", len(periods), len(reps), len(streams),
            sum(len(e.event or []) for e in streams),
            sum(len(getattr(x, "supplemental_properties", None) or []) for x in [*periods, *sets, *reps]),
            sum(len(x.inband_event_streams or []) for x in [*sets, *reps]))


def _our_counts(manifest: dash.Manifest, data: bytes) -> tuple[object, ...]:
    root = dash.SafeET.fromstring(data, forbid_dtd=True)
    count = {name: sum(1 for e in root.iter() if dash._tag(e) == name)
             for name in ("Period", "EventStream", "SupplementalProperty", "InbandEventStream")}
    return ("dynamic" if manifest.dynamic else "static", count["Period"], len(manifest.representations),
            count["EventStream"], sum(len(v) for v in manifest.events.values()), count["SupplementalProperty"],
            count["InbandEventStream"])


def manifests(folder: Path) -> None:
    files = sorted(folder.rglob("*.mpd"))
    accepted, agree, compared, rows = 0, 0, 0, []
    unlabelled_ok, other_findings = 0, []
    for path in files:
        data = path.read_bytes()
        try:
            expected: tuple[object, ...] | None = _reference_counts(path)
        except ExpatError:  # not well-formed XML: a refusal to agree or disagree with
            expected = ("refused",)
        except Exception as exc:  # noqa: BLE001 - the reference parser failing on XML it read
            rows.append(f"  {path.relative_to(folder)}: mpegdash fails on it ({type(exc).__name__}); not compared")
            expected = None
        try:
            ours = dash.parse(data)
        except dash.NotManifest as exc:
            compared += expected is not None
            agree += expected == ("refused",)
            rows.append(f"  {path.relative_to(folder)}: refused ({exc}); mpegdash {expected and expected[0]}")
            continue
        accepted += 1
        if expected is not None:
            compared += 1
            actual = _our_counts(ours, data)
            agree += actual == expected
            if actual != expected:
                rows.append(f"  {path.relative_to(folder)}: mpegdash {expected}, harness {actual}")
        # AS-AIGC-010 on unlabelled content: every Representation "no label", nothing invented
        scheme = "urn:bench:no-such-label"
        labels = [dash.label_texts(ours, r, scheme) for r in ours.representations]
        unlabelled_ok += all(not texts for texts in labels)
        for _, why in dash.continuity([ours]):
            other_findings.append(f"  {path.relative_to(folder)}: {why}")
        for representation in ours.representations:
            if representation.unlisted:
                other_findings.append(f"  {path.relative_to(folder)}: {representation.ident}: "
                                      f"{representation.unlisted}")
    print(f"manifests: {accepted}/{len(files)} MPDs accepted; {agree}/{compared} agree with the mpegdash package on "
          "(refused, or type, Periods, Representations, EventStreams, Events, SupplementalProperties, "
          "InbandEventStreams)")
    print(f"  unlabelled content: {unlabelled_ok}/{accepted} MPDs judged 'no label' in every Representation; "
          f"{len(other_findings)} other findings (what the MPD itself says):")
    print("\n".join(rows + other_findings[:40]))


def audio(folder: Path) -> None:
    import mutagen

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    decoded, agree, compared, alarms, rows = 0, 0, 0, 0, []
    voice = make.voice_clip()
    worst = 0.0
    for path in files:
        data = path.read_bytes()
        try:
            samples = prompt.decode(data)
        except prompt.Undecodable as exc:
            rows.append(f"  {path.relative_to(folder)}: refused ({exc})")
            continue
        decoded += 1
        length = len(samples) / prompt.RATE
        found = prompt.find(voice, samples, 0.0, length)
        score = found.score if found else 0.0
        worst = max(worst, score)
        alarms += score >= CORRELATION
        try:
            reference = mutagen.File(io.BytesIO(data))
        except mutagen.MutagenError as exc:
            rows.append(f"  {path.relative_to(folder)}: {length:.3f} s; mutagen refuses it ({exc})")
            continue
        if reference is None or not getattr(reference.info, "length", None):
            rows.append(f"  {path.relative_to(folder)}: {length:.3f} s; mutagen gives no length")
            continue
        compared += 1
        same = abs(reference.info.length - length) <= max(0.1, 0.02 * reference.info.length)
        agree += same
        if not same:
            rows.append(f"  {path.relative_to(folder)}: decoded {length:.3f} s, mutagen {reference.info.length:.3f} s")
    print(f"audio: {decoded}/{len(files)} files decoded; length within max(0.1 s, 2 %) of mutagen's for "
          f"{agree}/{compared}; voice prompt false alarms {alarms}/{decoded} (max score {worst:.3f}, "
          f"threshold {CORRELATION})")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--hls", type=Path, help="a folder of public .m3u8 playlists")
    parser.add_argument("--dash", type=Path, default=os.environ.get("AIGC_DASH_CORPUS"),
                        help="a folder of public .mpd manifests (default $AIGC_DASH_CORPUS)")
    parser.add_argument("--audio", type=Path, default=os.environ.get("AIGC_AUDIO_CORPUS"),
                        help="a folder of public compressed audio files (default $AIGC_AUDIO_CORPUS)")
    parser.add_argument("--only", choices=["frames", "prompts", "hls", "dash", "audio"], action="append")
    args = parser.parse_args()
    run = set(args.only or ["frames", "prompts", "hls", "dash", "audio"])
    if "frames" in run:
        frames(args.count)
    if "prompts" in run:
        prompts(args.count)
    if args.hls and "hls" in run:
        playlists(args.hls)
    if args.dash and "dash" in run:
        manifests(Path(args.dash))
    if args.audio and "audio" in run:
        audio(Path(args.audio))


if __name__ == "__main__":
    main()
