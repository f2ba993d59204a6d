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
    Heard,
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


LINEAR = DistanceModel("linear", 2.0, 8.0, 1.0)


@pytest.mark.parametrize(("model", "distance", "silent"), [
    (LINEAR, 8.0, True), (LINEAR, 12.0, True), (LINEAR, 7.9999998, True),  # max read from rounded coordinates
    (LINEAR, 7.995, True), (LINEAR, 7.98, False), (LINEAR, 4.0, False), (LINEAR, 1.0, False),
    (DistanceModel("linear", 2.0, 8.0, 3.0), 8.0, True),  # the rolloff clamped to 1
    (DistanceModel("linear", 2.0, 8.0, 0.99), 50.0, False),  # 1 - f' > 0: held, not silent
    (DistanceModel("linear", 5.0, 5.0, 1.0), 7.0, True),  # ref = max: 1 - f = 0 everywhere
    (DistanceModel("inverse", 1.0, 8.0, 50.0), 1e6, False), (DistanceModel("exponential", 1.0, 8.0, 50.0), 1e6, False),
])
def test_only_the_linear_model_with_a_full_rolloff_is_silent_from_its_maximum_distance(model, distance, silent):
    """Seventy-fourth reading, c1: a gain of 0 (-inf dB) is the linear model's alone, at max (to 0.01 m) and beyond
    with a rolloff factor of 1 or more; the inverse and exponential models stay finite, however steep."""
    assert model.silent(distance) is silent
    assert (model.gain_db(distance) == -math.inf) is silent
    if not silent:
        assert math.isfinite(model.gain_db(distance))


def test_a_steep_exponential_model_s_level_does_not_underflow():
    steep = DistanceModel("exponential", 1.0, 8.0, 2000.0)
    assert steep.gain(2.0) == 0.0  # the gain itself underflows
    assert steep.level_db(2.0, 1.0) == pytest.approx(-20 * 2000 * math.log10(2))
    assert DistanceModel("inverse", 2.0, 10.0, 1.0).gain_db(8.0) == pytest.approx(20 * math.log10(0.25))


def _heard(source: str, distance: float, level: float) -> Heard:
    return Heard(source, distance, level, None)  # type: ignore[arg-type]


def test_a_silent_distance_is_compared_by_no_error_in_db():
    """A correct renderer, silent at 8 and 12 m (-inf at a digital output, the room's noise acoustically): each is
    marked silent, R1 at max and R2 beyond, and no dB error is taken of it (it was inf, a fail)."""
    for quiet in (-math.inf, -70.0):
        heard = [_heard("a", 2.0, -20.0), _heard("a", 4.0, -20.0 + LINEAR.level_db(4.0, 2.0)),
                 _heard("a", 8.0, quiet), _heard("a", 12.0, quiet)]
        got = compare(LINEAR, heard, 3.0)
        assert [(c.rule, c.held, c.silent) for c in got] == [("R1", None, False), ("R1", None, True), ("R2", "max", True)]
        assert got[0].error_db == pytest.approx(0.0)
        with pytest.raises(ValueError):
            got[1].error_db  # noqa: B018
        assert [c.measured_db for c in got[1:]] == [quiet + 20.0] * 2


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


def _linear_capture(monkeypatch, path, faults=()):
    """The rig's scene under the linear model, rolloff factor 1, silent from 8 m (each 1 m signal at 12 m)."""
    import copy

    from conformance.areas.terminal.generate import device
    from conformance.areas.terminal.generate.capture import write
    from conformance.areas.terminal.generate.distance import DISTANCE_ID, linear_scene

    spec = copy.deepcopy(device._STREAMS[DISTANCE_ID])
    linear_scene(spec)
    monkeypatch.setitem(device._STREAMS, DISTANCE_ID, spec)
    write(path, "distance_rig", 2.6, list(faults))
    return path


@pytest.mark.parametrize(("rendering", "verdict", "rules", "words"), [
    # a correct renderer: silent at 8 m (R1) and 12 m (R2), -inf dB at its digital output (it failed both, inf dB off)
    (None, "pass", set(), "at 12.00 m, beyond the maximum distance of 8 m, is -inf dB from its level at 2.00 m, "
                          "where the declared linear model's gain is 0 (silent): 20 dB or more below it"),
    # the renderer ignoring distance: 0 dB at 4 m (R1, 3.5 dB off), at 8 m (R1, silent) and at 12 m (R2, silent)
    ("none", "fail", {"R1", "R2"}, "at 8.00 m, at the maximum distance of 8 m, is +0.0 dB from its level at 2.00 m"),
])
def test_the_linear_scene_silent_from_its_maximum_distance(catalog, run_manifest, monkeypatch, tmp_path, rendering,
                                                           verdict, rules, words):
    """Seventy-fourth reading, c1: the known-good linear scene passes, a renderer ignoring distance still fails."""
    if rendering is not None:
        from conformance.areas.terminal.generate import device
        from conformance.areas.terminal.generate.distance import DISTANCE_ID
        monkeypatch.setitem(device._STREAMS, DISTANCE_ID, {**device._STREAMS[DISTANCE_ID],
                                                           "x-distance-rendering": rendering})
    path = _linear_capture(monkeypatch, tmp_path / "linear.ndjson.gz")
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["distance-attenuation"])
    manifest["targets"]["captures"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=["TD-AUD-007"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-AUD-007"]
    assert record.verdict.value == verdict, record.evidence
    assert {item.get("rule") for item in record.evidence if item.get("kind") == "finding"} == rules
    assert words in " ".join(str(item) for item in record.evidence)


@pytest.mark.parametrize(("fixture", "verdict", "rules", "words"), [
    (None, "pass", set(), "test source b at 8.00 m is -12.0 dB from its level at 2.00 m"),
    ("aud-rules/distance-one-distance.ndjson.gz", "inconclusive", set(), "fewer than 2 distances within the model"),
    ("aud-rules/distance-ignored.ndjson.gz", "fail", {"R1"}, "at 8.00 m is +0.0 dB"),
    ("aud-rules/distance-wrong-model.ndjson.gz", "fail", {"R1"}, "-2.5 dB from its level at 2.00 m"),
    ("aud-rules/distance-unclamped.ndjson.gz", "fail", {"R2"}, "at 1.00 m, nearer than the reference distance"),
    ("aud-rules/distance-linear-unclamped.ndjson.gz", "fail", {"R2"},
     "at 12.00 m, beyond the maximum distance of 8 m, is -3.5 dB from its level at 2.00 m"),
])
def test_each_rendering_gets_its_verdict_and_only_its_rule(catalog, run_manifest, fixture, verdict, rules, words):
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["distance-attenuation"], files=files)
    result = run_manifest(manifest, requirements=["TD-AUD-007"])
    (record,) = [r for r in result.report.requirements if r.requirement == "TD-AUD-007"]
    assert record.verdict.value == verdict
    assert {item.get("rule") for item in record.evidence if item.get("kind") == "finding"} == rules
    assert words in " ".join(str(item) for item in record.evidence)
