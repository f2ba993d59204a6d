"""Spatial audio streams (TD-AUD-*): what the pass gathers, however the capture is chunked."""

from __future__ import annotations

import io

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from tests.conftest import manifest_for, verdict_and_evidence


def _audio(faults: list[str], chunk_lines: int):
    buffer = io.BytesIO()
    generate(buffer, "spatial_audio_headset", 3.0, faults)
    buffer.seek(0)
    return {s.id: s for s in analyse(buffer, chunk_lines=chunk_lines).streams_of("audio")}


@pytest.mark.parametrize("fault", ["audio-object-outside", "audio-clock-drift"])
def test_chunk_boundaries_change_nothing(fault):
    whole, pieces = _audio([fault], 100_000), _audio([fault], 9)
    for sid, stats in whole.items():
        other = pieces[sid].audio
        assert (stats.audio.samples, stats.audio.last_samples, stats.audio.blocks) == \
            (other.samples, other.last_samples, other.blocks)
        assert stats.audio.outside.value == other.outside.value
        assert stats.audio.outside.where == other.outside.where


def test_a_clean_scene_keeps_its_clock_and_its_source_stays_inside():
    streams = _audio([], 1000)
    scene, source = streams["scene"], streams["source"]
    assert scene.audio.samples == 150 * 960 and scene.audio.blocks == 150
    span_s = (scene.last_t - scene.first_t) / 1e9
    assert span_s == pytest.approx((scene.audio.samples - scene.audio.last_samples) / 48_000, rel=1e-3)
    assert source.audio.outside.value == 0 and source.audio.outside.count == 150


def test_a_source_outside_is_measured_from_the_volume():
    source = _audio(["audio-object-outside"], 1000)["source"]
    # the source circles at 1.5 m; moved 10 m along x it is 1.5 * cos + 10 - 2 m beyond x = 2 m
    assert 9.4 < source.audio.outside.value < 9.6
    assert source.audio.outside.where["pointer"] == "/position"


def _td_aud_002(catalog, run_manifest, paths):
    manifest = manifest_for(catalog, "terminal-spatial-audio")
    manifest["targets"]["captures"]["paths"] = [str(p) for p in paths]
    result = run_manifest(manifest, requirements=["TD-AUD-002"])
    return verdict_and_evidence(result, "TD-AUD-002")


def test_a_capture_whose_audio_clock_cannot_be_measured_leaves_the_set_unjudged(catalog, run_manifest, tmp_path):
    """A set passes only when every member does: one audio stream of a single block (no clock to
    measure) beside a good capture makes TD-AUD-002 inconclusive, naming it, not a pass."""
    from conformance.areas.terminal.generate.capture import write

    good, short = tmp_path / "good.ndjson", tmp_path / "short.ndjson"
    write(good, "spatial_audio_headset", 3.0)
    write(short, "spatial_audio_headset", 0.015)  # one 20 ms block per stream
    assert _td_aud_002(catalog, run_manifest, [good])[0] == "pass"
    verdict, evidence = _td_aud_002(catalog, run_manifest, [good, short])
    assert verdict == "inconclusive" and "its clock cannot be measured (1 block(s)" in evidence
    write(good, "spatial_audio_headset", 3.0, ["audio-clock-drift"])  # a member that fails still fails the set
    assert _td_aud_002(catalog, run_manifest, [good, short])[0] == "fail"
