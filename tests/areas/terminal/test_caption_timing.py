"""Captions against the reference corpus played (TD-CAPT-004): a late cue kept with the phrase it carries, the
reference bench passing. Each planted fault fails its rule in tests/e2e/test_known_bad.py."""

from __future__ import annotations

from conformance.areas.terminal import caption_timing
from conformance.areas.terminal.model import StreamStats
from conformance.areas.terminal.recognition import Output
from conformance.reference import SAMPLES
from tests.conftest import captures_verdict

T0 = 10**12


def _stimulated(cues: list[tuple[int, int, str]]) -> StreamStats:
    """A voice stream the corpus was played to (each Chinese phrase 3 s apart, in quiet then in noise)."""
    phrases = [f"zh-0{k}" for k in range(1, 7)]
    presentations = [{"t": T0 + round((3 * k) * 1e9), "end": T0 + round((3 * k + 1.5) * 1e9), "phrase": p,
                      "condition": c} for k, (p, c) in enumerate([(p, "quiet") for p in phrases]
                                                                  + [(p, "noise") for p in phrases])]
    stats = StreamStats("mic", "voice", 50.0, {"speech_stimulus": {
        "corpus": "mvx-voice-1", "language": "zh", "presentations": presentations,
        "instrument": {"model": "mouth", "calibration": "yes"}}})
    stats.recognition = Output(cues=cues)
    return stats


def test_a_late_cue_is_kept_with_the_phrase_it_carries():
    # the first phrase's cue 4 s late, inside the second phrase (3 s later): its text decides
    got = caption_timing.measure(_stimulated([(T0 + 4_000_000_000, T0 + 5_000_000_000, "打开设置菜单"),
                                              (T0 + 4_100_000_000, T0 + 5_500_000_000, "把音量调到百分之五十")]))
    first, second = got.phrases[:2]
    assert (first.phrase, round(first.onset_ms), first.completeness) == ("zh-01", 4000, 1.0)
    assert (second.phrase, round(second.onset_ms), second.completeness) == ("zh-02", 1100, 1.0)
    assert got.phrases[2].onset_ms is None  # uncaptioned


def test_the_reference_bench_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-captions", "TD-CAPT-004",
                                         [SAMPLES / "captures" / "captioned-bench.ndjson.gz"],
                                         features=["captions-measured"])
    assert verdict == "pass", evidence
    assert "the captions of 12 phrases measured, appearing 900 to 900 ms after their onsets" in evidence
