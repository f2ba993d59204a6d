"""The ambisonic sound field measured (TD-AUD-006): the direction of arrival and first-order energy
of plane waves in each convention, and the verdicts on the generated rig and its known-bad exports."""

from __future__ import annotations

import io
import math

import numpy as np
import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.soundfield import PLANE_WAVE_DB, angle_between, field_unjudged, measure_field
from conformance.areas.terminal.suite import HEADER_SCHEMA
from tests.conftest import manifest_for, verdict_and_evidence


def _plane_wave(azimuth_deg: float, elevation_deg: float, convention: str = "SN3D", n: int = 800) -> np.ndarray:
    """(4, n) channels of white noise arriving from that direction: ACN order (W, Y, Z, X) in SN3D or N3D,
    FuMa's order (W, X, Y, Z) with W at 1 / sqrt 2."""
    s = np.random.default_rng(5).normal(0.0, 0.1, n)
    a, e = math.radians(azimuth_deg), math.radians(elevation_deg)
    x, y, z = math.cos(a) * math.cos(e), math.sin(a) * math.cos(e), math.sin(e)
    if convention == "FuMa":
        return np.outer((1 / math.sqrt(2), x, y, z), s)
    scale = math.sqrt(3) if convention == "N3D" else 1.0
    return np.outer((1.0, scale * y, scale * z, scale * x), s)


@pytest.mark.parametrize(("azimuth", "elevation"), [(0, 0), (30, 0), (-60, 20), (120, -15), (-150, 40), (90, 80)])
def test_the_pseudo_intensity_vector_points_where_a_plane_wave_comes_from(azimuth, elevation):
    level, (got_azimuth, got_elevation), _, ratio = measure_field(_plane_wave(azimuth, elevation))
    assert angle_between(got_azimuth, azimuth) < 1e-6 and got_elevation == pytest.approx(elevation)
    assert ratio == pytest.approx(0.0, abs=1e-9) and level == pytest.approx(-20.0, abs=0.5)


@pytest.mark.parametrize("convention", ["SN3D", "N3D", "FuMa"])
def test_the_first_order_energy_names_the_normalisation(convention):
    block = _plane_wave(-60, 20, convention)
    _, acn, fuma, ratio = measure_field(block)
    assert ratio == pytest.approx(PLANE_WAVE_DB[convention], abs=1e-9)
    if convention == "FuMa":  # read in ACN order the direction is wrong, in FuMa's right
        assert angle_between(acn[0], -60) > 30 and fuma == pytest.approx((-60, 20))
    else:
        assert acn == pytest.approx((-60, 20))


def test_angles_between_azimuths_wrap():
    assert angle_between(170, -170) == pytest.approx(20) and angle_between(-90, 90) == 180


def _analysed(faults=(), edit=None):
    buffer = io.BytesIO()
    generate(buffer, "ambisonic_rig", 2.0, list(faults))
    data = buffer.getvalue()
    if edit is not None:
        first, rest = data.split(b"\n", 1)
        header = orjson.loads(first)
        edit(header["streams"][0]["audio"])
        data = orjson.dumps(header) + b"\n" + rest
    (stats,) = analyse(io.BytesIO(data)).streams_of("audio")
    return stats


def test_too_few_sources_or_none_elevated_are_not_judged():
    stats = _analysed()
    assert field_unjudged(stats, stats.sound_field, 4, 15.0) is None and len(stats.sound_field.heard) == 6
    assert "6 test sources measured, fewer than 7" in str(field_unjudged(stats, stats.sound_field, 7, 15.0))
    assert "none 45 degrees" in str(field_unjudged(stats, stats.sound_field, 4, 45.0))  # the highest is 40

    def level(audio):  # every source on the horizontal plane: an elevation's sign untested
        for source in audio["test_sources"]:
            source["position"]["y"] = 1.6
    flat = _analysed(edit=level)
    assert "fewer than 4 or none 15 degrees" in str(field_unjudged(flat, flat.sound_field, 4, 15.0))
    unsourced = _analysed(["field-unsourced"])
    assert "declares no listener pose or no usable test source" in str(
        field_unjudged(unsourced, unsourced.sound_field, 4, 15.0))


def test_the_rig_header_and_frames_are_valid(catalog):
    buffer = io.BytesIO()
    generate(buffer, "ambisonic_rig", 0.05)
    header, frame = buffer.getvalue().split(b"\n")[:2]
    assert catalog.schemas.findings(orjson.loads(header), HEADER_SCHEMA) == []
    assert catalog.schemas.findings(orjson.loads(frame), HEADER_SCHEMA.replace("capture-header", "frame")) == []
    assert catalog.schemas.findings({"t": 1, "samples": 2, "field": "loud"}, HEADER_SCHEMA.replace(
        "capture-header", "frame")) != []


def _verdict(catalog, run_manifest, fixture: str | None) -> tuple[str, str]:
    files = {"captures": [fixture]} if fixture else None
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["ambisonic-sound-field"], files=files)
    return verdict_and_evidence(run_manifest(manifest, requirements=["TD-AUD-006"]), "TD-AUD-006")


@pytest.mark.parametrize(("fixture", "verdict", "words"), [
    (None, "pass", "test source 3 (azimuth -150.0 deg, elevation 40.0 deg) arrives from azimuth -150.0 deg"),
    ("aud-rules/field-unsourced.ndjson.gz", "inconclusive", "declares no listener pose or no usable test source"),
    ("aud-rules/field-fuma.ndjson.gz", "fail", "read in FuMa's order W, X, Y, Z, the channels give the declared"),
])
def test_each_export_gets_its_verdict(catalog, run_manifest, fixture, verdict, words):
    got, evidence = _verdict(catalog, run_manifest, fixture)
    assert got == verdict and words in evidence
