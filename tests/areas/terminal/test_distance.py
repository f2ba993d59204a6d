"""Distance attenuation measured (TD-AUD-007): the Web Audio distance models' gains and clamps, the
ears' level, which distances a source is judged on, and the verdicts on the generated rig and its
known-bad renderings (each failing its own rule only)."""

from __future__ import annotations

import io
import math

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.distance import (
    DistanceModel,
    compare,
    declared_model,
    ears_dbfs,
    heard_signals,
)
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.suite import HEADER_SCHEMA
from tests.conftest import manifest_for

INVERSE = DistanceModel("inverse", 2.0, 10.0, 1.0)
EXPONENTIAL = DistanceModel("exponential", 2.0, 10.0, 1.5)


@pytest.mark.parametrize(("model", "distance", "gain"), [
    (INVERSE, 4.0, 0.5), (INVERSE, 8.0, 0.25), (INVERSE, 1.0, 1.0), (INVERSE, 20.0, 0.1),  # max unused
    (DistanceModel("inverse", 1.0, 100.0, 2.0), 3.0, 0.2),  # 1 / (1 + 2 (3 - 1))
    (EXPONENTIAL, 8.0, 0.125), (EXPONENTIAL, 1.0, 1.0),
    (DistanceModel("linear", 2.0, 10.0, 1.0), 4.0, 0.75), (DistanceModel("linear", 2.0, 10.0, 1.0), 1.0, 1.0),
    (DistanceModel("linear", 2.0, 10.0, 0.5), 30.0, 0.5),  # held beyond max
    (DistanceModel("linear", 2.0, 10.0, 3.0), 10.0, 0.0),  # the rolloff clamped to 1
    (DistanceModel("linear", 5.0, 5.0, 0.4), 7.0, 0.6),  # ref = max: 1 - f
])
def test_each_model_gives_web_audio_s_distance_gain(model, distance, gain):
    assert model.gain(distance) == pytest.approx(gain)


def test_where_each_model_holds_its_gain():
    linear = DistanceModel("linear", 2.0, 10.0, 1.0)
    assert [INVERSE.held(d) for d in (1.0, 2.0, 4.0, 50.0)] == ["ref", None, None, None]
    assert [linear.held(d) for d in (1.0, 2.0, 10.0, 12.0)] == ["ref", None, None, "max"]
    assert INVERSE.level_db(8.0, 2.0) == pytest.approx(-20 * math.log10(4))


def test_the_ears_level_is_their_energy_together():
    assert ears_dbfs(-20.0, -20.0) == pytest.approx(-20.0)
    assert ears_dbfs(-20.0, -math.inf) == pytest.approx(-20.0 - 10 * math.log10(2))
    assert ears_dbfs(-math.inf, -math.inf) == -math.inf


@pytest.mark.parametrize("declared", [
    None, {"model": "cubic", "ref_distance_m": 1, "max_distance_m": 10, "rolloff_factor": 1},
    {"model": "inverse", "ref_distance_m": 0, "max_distance_m": 10, "rolloff_factor": 1},
    {"model": "inverse", "ref_distance_m": 1, "max_distance_m": 10, "rolloff_factor": -1},
    {"model": "linear", "ref_distance_m": True, "max_distance_m": 10, "rolloff_factor": 1},
])
def test_an_unusable_model_is_none(declared):
    assert declared_model({"binaural": {"distance_model": declared}}) is None


def _analysed(faults=()):
    buffer = io.BytesIO()
    generate(buffer, "distance_rig", 2.6, list(faults))
    buffer.seek(0)
    (stats,) = analyse(buffer).streams_of("binaural")
    return stats


def test_the_rig_follows_its_model_and_too_few_distances_are_not_judged():
    stats = _analysed()
    model = declared_model(stats.spec)
    groups = heard_signals(stats.spec, stats.binaural.measured)
    assert sorted(groups) == ["a", "b"] and [h.distance_m for h in groups["a"]] == pytest.approx([1, 2, 4, 8])
    for heard in groups.values():
        results = compare(model, heard, 3.0)
        assert [(c.rule, c.held) for c in results] == [("R2", "ref"), ("R1", None), ("R1", None)]
        assert max(c.error_db for c in results) < 0.05
        assert compare(model, heard[:2], 3.0) is None  # 1 m is held, 2 m the only distance within the range
        assert compare(model, heard, 13.0) is None  # 2 to 8 m: 12 dB of the model, fewer than asked
    one = _analysed(["distance-one-distance"])
    assert all(compare(model, heard, 3.0) is None
               for heard in heard_signals(one.spec, one.binaural.measured).values())


def test_the_rig_header_and_frames_are_valid(catalog):
    buffer = io.BytesIO()
    generate(buffer, "distance_rig", 0.05)
    header, frame = buffer.getvalue().split(b"\n")[:2]
    assert catalog.schemas.findings(orjson.loads(header), HEADER_SCHEMA) == []
    assert catalog.schemas.findings(orjson.loads(frame), HEADER_SCHEMA.replace("capture-header", "frame")) == []
    bad = orjson.loads(header)
    bad["streams"][0]["binaural"]["distance_model"]["model"] = "cubic"
    assert catalog.schemas.findings(bad, HEADER_SCHEMA) != []


@pytest.mark.parametrize(("fixture", "verdict", "rules", "words"), [
    (None, "pass", set(), "test source b at 8.00 m is -12.0 dB from its level at 2.00 m"),
    ("aud-rules/distance-one-distance.ndjson.gz", "inconclusive", set(), "fewer than 2 distances within the model"),
    ("aud-rules/distance-ignored.ndjson.gz", "fail", {"R1"}, "at 8.00 m is +0.0 dB"),
    ("aud-rules/distance-wrong-model.ndjson.gz", "fail", {"R1"}, "-2.5 dB from its level at 2.00 m"),
    ("aud-rules/distance-unclamped.ndjson.gz", "fail", {"R2"}, "at 1.00 m, nearer than the reference distance"),
])
def test_each_rendering_gets_its_verdict_and_only_its_rule(catalog, run_manifest, fixture, verdict, rules, words):
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["distance-attenuation"], files=files)
    result = run_manifest(manifest, requirements=["TD-AUD-007"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-AUD-007"]
    assert record.verdict.value == verdict
    assert {item.get("rule") for item in record.evidence if item.get("kind") == "finding"} == rules
    assert words in " ".join(str(item) for item in record.evidence)
