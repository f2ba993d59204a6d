"""Agreement of the measured-flicker rule (TD-DISP-005) with the readings a public flicker
tool made of its own photodiode traces (tests/corpora/terminal/flicker/: oscilloscope
captures of eight lamps from yeutterg/beautiful-flicker, MIT licence).

Each CSV (time in seconds, photodiode volts, 2 us apart) becomes a capture without cleaning:
one luminance stream at the sample rate its time axis shows, in blocks of 1 000 samples, the
instrument declared as the source describes it (a photodiode read by an oscilloscope). The
harness reads it like any capture (:func:`conformance.areas.terminal.analyse`), closes the
trace (a 28 ms capture is one window, its spectrum zero-padded to 1 s) and judges the windows
(:func:`conformance.areas.terminal.flicker.judge`).

What the source read, and how (tests/corpora/terminal/flicker/README.md): the frequency
(zero crossings of a Savitzky-Golay-smoothed trace) and a "percent flicker" of
100 (max - min) / max on the smoothed trace, classed by IEEE 1789-2015 8.1.1 as No, Low or
High Risk. Compared here:

1. the verdict: the source's High Risk against a TD-DISP-005 failure, its Low or No Risk
   against a pass (the source also calls a trace above 1250 Hz High Risk when it exceeds the
   no-observable-effect level; IEEE 1789's low-risk region sets no limit there);
2. the dominant frequency: within 2 Hz of the source's reading.

The modulation figures differ by formula (IEEE 1789's Mod % is 100 (max - min) / (max + min),
the source's percent flicker (max - min) / max, so Mod % = PF / (200 - PF) x 100) and by the
source's smoothing (the harness takes samples as recorded: the 8-bit oscilloscope's steps and
noise add to max - min); both are listed per lamp.

    python bench/fidelity.py --area terminal_flicker
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from conformance.areas.terminal import analyse

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "terminal" / "flicker"
#: file -> (frequency Hz, percent flicker %, IEEE 1789 class) as the source shows them
#: (tests/corpora/terminal/flicker/README.md says where each was read)
READINGS: dict[str, tuple[float | None, float | None, str]] = {
    "Bedtime_Bulb.csv.gz": (120.0, 6.8, "Low Risk"),
    "Soraa_Healthy.csv.gz": (120.0, 53.4, "High Risk"),
    "Feit_60W.csv.gz": (120.0, 7.8, "Low Risk"),
    "Sylvania_60W.csv.gz": (120.0, 9.5, "Low Risk"),
    "Ecosmart_Candelabra_LED.csv.gz": (120.0, 44.4, "High Risk"),
    "Example_Waveform.csv.gz": (120.0, 53.7, "High Risk"),
    "LSG_Goodnight.csv.gz": (None, None, "High Risk"),  # a point on the source's comparison chart
    "Hue_Color_Normal.csv.gz": (1339.0, 49.7, "High Risk"),
}
BLOCK = 1000
T0 = 1_000_000_000_000


def capture(text: str) -> bytes:
    """The capture of one oscilloscope CSV (time s, volts): a luminance stream in blocks."""
    data = np.loadtxt(io.StringIO(text), delimiter=",", ndmin=2)
    seconds, volts = data[:, 0] - data[0, 0], data[:, 1]
    rate = float(round(1.0 / float(np.median(np.diff(seconds)))))
    stream = {"id": "photodiode", "type": "luminance",
              "luminance": {"sample_rate_hz": rate, "instrument": {
                  "kind": "photodiode", "model": "photodiode read by an oscilloscope (beautiful-flicker CSVs)",
                  # the source gives no anti-alias filter; declared at the Nyquist frequency (250 kHz at 2 us), so
                  # the bench measures the rule's readings: a lamp's light has nothing near it to fold into 1250 Hz
                  "bandwidth_hz": rate / 2}}}
    header = {"format": "mvx-capture", "version": "1.0", "recorded_at": "2019-03-20T00:00:00-04:00",
              "device": {"class": "other", "vendor": "lamp", "model": "lamp under test", "firmware": "n/a",
                         "offers": [{"id": "photodiode", "type": "luminance"}]},
              "streams": [stream]}
    lines = [orjson.dumps(header)]
    for start in range(0, len(volts), BLOCK):
        lines.append(orjson.dumps({"stream": "photodiode", "t": T0 + round(float(seconds[start]) * 1e9),
                                   "luminance": [float(v) for v in volts[start:start + BLOCK]]}))
    return b"\n".join(lines) + b"\n"


def judged(name: str) -> dict[str, Any]:
    """The harness's reading of one corpus file: its verdict (pass, fail, or not judged with
    why), and the figures of its most modulated window."""
    result = analyse(io.BytesIO(capture(gzip.decompress((CORPUS / name).read_bytes()).decode())))
    (stats,) = result.streams_of("luminance")
    bad = [str(f.message) for f in result.log("luminance_trace").detailed]
    state = stats.flicker
    if state is not None:
        state.finish()
    outcome = None if state is None else state.tally.judged()
    if outcome is None:
        return {"verdict": "not judged", "why": "; ".join(bad) or "no run of 20 ms", "frequency": None,
                "modulation": None, "findings": len(bad)}
    frequency, modulation = outcome.top
    return {"verdict": "fail" if outcome.over or bad else "pass", "frequency": frequency, "modulation": modulation,
            "findings": len(bad), "why": "; ".join(bad)}


def measure() -> list[dict[str, Any]]:
    verdicts: dict[str, Any] = {"corpus": "beautiful-flicker lamp traces, TD-DISP-005 against the source's "
                                "IEEE 1789 class", "total": 0, "agree": 0, "disagreements": []}
    frequencies: dict[str, Any] = {"corpus": "beautiful-flicker lamp traces, dominant frequency within 2 Hz",
                                   "total": 0, "agree": 0, "disagreements": []}
    for name, (frequency, _, risk) in READINGS.items():
        mine = judged(name)
        expected = "fail" if risk == "High Risk" else "pass"
        verdicts["total"] += 1
        if mine["verdict"] == expected:
            verdicts["agree"] += 1
        else:
            verdicts["disagreements"].append({"item": name, "expected": f"{expected} ({risk})",
                                              "actual": mine["verdict"], "reason": mine["why"]})
        if frequency is None:
            continue
        frequencies["total"] += 1
        if mine["frequency"] is not None and abs(mine["frequency"] - frequency) <= 2:
            frequencies["agree"] += 1
        else:
            frequencies["disagreements"].append({"item": name, "expected": f"{frequency:g} Hz",
                                                 "actual": "not judged" if mine["frequency"] is None
                                                 else f"{mine['frequency']:g} Hz", "reason": mine["why"]})
    return [verdicts, frequencies]


def table() -> list[dict[str, Any]]:
    """Per lamp: the source's reading beside the harness's (for the corpus README)."""
    rows = []
    for name, (frequency, percent, risk) in READINGS.items():
        mine = judged(name)
        rows.append({"file": name, "source_hz": frequency, "source_pf": percent,
                     "source_mod": None if percent is None else round(percent / (200 - percent) * 100, 1),
                     "source_class": risk, "hz": mine["frequency"],
                     "mod": None if mine["modulation"] is None else round(mine["modulation"], 1),
                     "verdict": mine["verdict"]})
    return rows


if __name__ == "__main__":
    for row in table():
        print(row)
