"""Tracking over a session and at the volume's faces (TD-PERF-005): the clean rig passes, its returns and faces
measured on the reference tracker; a reference that never leaves the marked pose reaches no face (inconclusive)."""

from __future__ import annotations

import numpy as np

from conformance import Message
from conformance.areas.terminal.generate.session import SECONDS, reference_spec
from conformance.areas.terminal.model import CaptureAnalysis, StreamStats
from conformance.areas.terminal.motion_programme import PoseTrack
from conformance.areas.terminal.session_tracking import measure
from tests.conftest import captures_verdict
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "tracking-session.ndjson.gz"
T0 = 1_000_000_000_000


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-005", [SAMPLE],
                                         features=["session-drift"])
    assert verdict == "pass", evidence
    assert "6 returns over 600 s" in evidence


def test_a_reference_that_reaches_no_face_is_inconclusive():
    t = T0 + np.round(np.arange(0, SECONDS, 1 / 60) * 1e9).astype(np.int64)
    still = np.tile([0.0, 1.2, -0.5], (len(t), 1))
    streams = {}
    for sid, spec in (("tracked", {}), ("reference", reference_spec())):
        stats = StreamStats(id=sid, type="pose", rate_hz=60, spec=spec)
        stats.pose_track = PoseTrack(t=[t], q=[np.tile([0.0, 0.0, 0.0, 1.0], (len(t), 1))], p=[still], kept=len(t))
        streams[sid] = stats
    analysis = CaptureAnalysis()
    analysis.volume = (np.array([-2.0, 0.0, -2.0]), np.array([2.0, 2.5, 2.0]))
    got = measure(analysis, streams["tracked"], streams["reference"])
    assert isinstance(got, Message) and "-x, +x, -y, +y, -z, +z" in got
