"""Agreement of the caption rule (TD-CAPT-001) with a hand judgement of real WebVTT caption
tracks (tests/corpora/terminal/webvtt/, the caption tracks video.js ships with its examples).

Each WebVTT file is turned into a capture without cleaning: one ``caption`` stream whose
language is the ``srclang`` the example's HTML gives the track, one cue per WebVTT cue (its
timings on the capture clock from 0, its text lines joined, its cue settings kept in an x-
member, a ``<v Name>`` voice span as the cue's source), annotating a ``voice`` stream of
50 Hz blocks that stands in for the film's soundtrack, from 0 to a second after the last cue
(the soundtrack is not in the corpus: R6, cues within the sound, is not measured here, and
TD-CAPT-002 needs the device's voice-activity events, which a film's captions do not carry).

What is judged, by hand, once for the corpus (reading each file): in the five Elephants Dream
tracks every cue ends after it starts and carries text, cues follow each other without overlap
and each srclang is a valid BCP 47 tag: expected pass. In example-captions.en.vtt the 12th cue
("EEEEEEOOOOOOOOOOWHALENOISE", from 00:37.861) starts 39 ms before the 11th ("Shark: CHOMP!!!")
ends (00:37.900); the file names speakers in the text, not with voice spans, so under R4 the
two are one source: expected fail. (A first reading had missed that overlap and expected a
pass; the harness found it, and a second reading confirmed it. WebVTT itself allows
overlapping cues: R4 is this catalog's rule, not WebVTT's.)
A second corpus plants, in each file, the defects TD-CAPT-001 names (the 4th cue ending
where it starts, the 7th cue starting 0.5 s before the 6th ends, the track's language as
its label, e.g. "English"): expected fail for each, with each planted rule found.

    python bench/fidelity.py --area terminal_captions
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import orjson

from conformance.areas.terminal import analyse

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "terminal" / "webvtt"
#: file -> the hand judgement of TD-CAPT-001 (see above)
EXPECTED = {"example-captions.en.vtt": "fail"}
#: file -> (srclang, label) as the example pages' <track> elements declare them
TRACKS = {"elephantsdream-captions.ar.vtt": ("ar", "Arabic"), "elephantsdream-captions.en.vtt": ("en", "English"),
          "elephantsdream-captions.ja.vtt": ("ja", "Japanese"), "elephantsdream-captions.ru.vtt": ("ru", "Russian"),
          "elephantsdream-captions.sv.vtt": ("sv", "Swedish"), "example-captions.en.vtt": ("en", "English")}
_TIMING = re.compile(r"^((?:\d+:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{2}:\d{2}\.\d{3})(.*)$")
_VOICE = re.compile(r"^<v(?:\.[^\s>]+)*\s+([^>]+)>")


def _ns(stamp: str) -> int:
    parts = stamp.split(":")
    seconds = float(parts[-1]) + 60 * int(parts[-2]) + (3600 * int(parts[0]) if len(parts) == 3 else 0)
    return round(seconds * 1e9)


def cues(text: str) -> list[dict[str, Any]]:
    """The cues of a WebVTT file (WebVTT 4.1): a timings line, then text lines to a blank line."""
    found: list[dict[str, Any]] = []
    lines = text.replace("\r\n", "\n").split("\n")
    k = 0
    while k < len(lines):
        timing = _TIMING.match(lines[k].strip())
        k += 1
        if not timing:
            continue
        body = []
        while k < len(lines) and lines[k].strip():
            body.append(lines[k].strip())
            k += 1
        cue: dict[str, Any] = {"t": _ns(timing[1]), "end": _ns(timing[2]), "text": "\n".join(body)}
        if timing[3].strip():
            cue["x-settings"] = timing[3].strip()
        voice = _VOICE.match(cue["text"])
        if voice:
            cue["source"] = voice[1].strip()
        found.append(cue)
    return found


def capture(name: str, found: list[dict[str, Any]], language: str) -> bytes:
    end = max(c["end"] for c in found) + 1_000_000_000
    header = {"format": "mvx-capture", "version": "1.0", "subject": "pn-webvtt-corpus",
              "device": {"class": "other", "vendor": "video.js examples", "model": name, "firmware": "n/a",
                         "offers": [{"type": "voice"}, {"type": "caption"}]},
              "streams": [{"id": "soundtrack", "type": "voice", "rate_hz": 50,
                           "audio": {"format": "pcm", "sample_rate_hz": 48000, "bit_depth": 16, "channels": 2,
                                     "layout": "stereo"}},
                          {"id": "captions", "type": "caption", "annotates": "soundtrack", "language": language}]}
    frames = [{"stream": "soundtrack", "t": t, "samples": 960} for t in range(0, end, 20_000_000)]
    frames += [{"stream": "captions", **cue} for cue in found]
    frames.sort(key=lambda f: f["t"])
    return b"\n".join(orjson.dumps(f) for f in [header, *frames]) + b"\n"


def _planted(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    edited = [dict(c) for c in found]
    edited[3]["end"] = edited[3]["t"]  # R3
    edited[6]["t"] = edited[5]["end"] - 500_000_000  # R4
    return edited


def _verdict(data: bytes) -> tuple[str, set[str]]:
    log = analyse(io.BytesIO(data)).log("caption_cues")
    keys = {str(getattr(f.message, "key", f.message)).removeprefix("terminal.") for f in log.detailed}
    return ("fail" if log.total else "pass"), keys


def measure() -> list[dict[str, Any]]:
    plain: dict[str, Any] = {"corpus": "video.js WebVTT caption tracks TD-CAPT-001", "total": 0, "agree": 0,
                             "disagreements": []}
    planted: dict[str, Any] = {"corpus": "video.js WebVTT caption tracks, defects planted, TD-CAPT-001",
                               "total": 0, "agree": 0, "disagreements": []}
    for name, (srclang, label) in TRACKS.items():
        found = cues((CORPUS / name).read_text(encoding="utf-8"))
        verdict, keys = _verdict(capture(name, found, srclang))
        plain["total"] += 1
        expected = EXPECTED.get(name, "pass")
        if verdict == expected:
            plain["agree"] += 1
        else:
            plain["disagreements"].append({"item": name, "expected": expected, "actual": verdict,
                                           "reason": ", ".join(sorted(keys)) or "no finding"})
        verdict, keys = _verdict(capture(name, _planted(found), label))
        planted["total"] += 1
        wanted = {"caption-backwards", "caption-overlap", "caption-language"}
        if verdict == "fail" and wanted <= keys:
            planted["agree"] += 1
        else:
            planted["disagreements"].append({"item": name, "expected": "fail: " + ", ".join(sorted(wanted)),
                                             "actual": f"{verdict}: {', '.join(sorted(keys))}",
                                             "reason": "a planted defect not found"})
    return [plain, planted]
