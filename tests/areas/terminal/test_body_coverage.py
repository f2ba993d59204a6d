"""Body tracking under occlusion and at the tracking volume's faces (TD-BODY-005): the clean edge rig passes with
its hidden bones predicted within the limit and enough frames at the faces, and fails neither TD-BODY-003 nor this;
the R1 fault passes TD-BODY-003 (its 10 cm error, over a fifth of a second, averages under 40 mm over the capture)
while this requirement finds it; a reference declaring no occlusion, walking on the spot, is not this test's subject (inconclusive, named)."""

from __future__ import annotations

import gzip
import io

from conformance.areas.terminal import analyse
from conformance.areas.terminal.body_accuracy import Measured, measure, pairs
from conformance.areas.terminal.body_coverage import MIN_FACE_FRAMES, measure_coverage
from conformance.areas.terminal.generate.bodyedge import OCCLUDED_BONES
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"


def _coverage(path):
    result = analyse(io.BytesIO(gzip.decompress(path.read_bytes())))
    ((reference, tracked),) = pairs(result)
    found = measure(tracked, reference, 100)
    assert isinstance(found, Measured)
    return found, measure_coverage(tracked, reference, found.latency_ms, result.volume)


def test_the_clean_rig_is_measured_hidden_and_at_the_faces():
    found, got = _coverage(SAMPLES / "body-edge.ndjson.gz")
    assert set(got.hidden_mm) == set(OCCLUDED_BONES) and not got.untracked
    assert all(10 < value < 25 for value, _ in got.hidden_mm.values())  # the 15 mm prediction, and the noise
    assert got.face_frames >= MIN_FACE_FRAMES and max(v for v, _ in got.face_mm.values()) < 20
    assert max(found.per_bone_mm.values()) < 40  # TD-BODY-003 passes it too


def test_a_hidden_bone_reported_wrong_passes_body_003_but_not_this():
    found, got = _coverage(fixture_path("terminal", "body-edge-rules/body-occluded-wrong.ndjson.gz"))
    assert max(found.per_bone_mm.values()) < 40
    assert min(value for value, _ in got.hidden_mm.values()) > 90


def test_the_sample_passes_and_a_reference_without_occlusion_or_faces_is_not_judged(catalog, run_manifest):
    verdict, _ = captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-005",
                                  [SAMPLES / "body-edge.ndjson.gz"], features=["body-coverage"])
    assert verdict == "pass"
    verdict, said = captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-005",
                                     [SAMPLES / "body-reference.ndjson.gz"], features=["body-coverage"])
    assert verdict == "inconclusive" and "under a declared occlusion or at the faces" in said


def test_the_sample_s_header_declares_its_occlusion_as_the_capture_schema_allows(catalog, run_manifest):
    verdict, said = captures_verdict(catalog, run_manifest, "terminal-body", "TD-CAP-001",
                                     [SAMPLES / "body-edge.ndjson.gz"])
    assert verdict == "pass", said
