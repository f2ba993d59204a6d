"""Tracking over a session and at the volume's faces (TD-PERF-005): the clean rig passes, its returns and faces
measured on the reference tracker; a reference that never leaves the marked pose reaches no face (inconclusive)."""

from __future__ import annotations

import numpy as np

from conformance import Message
from conformance.areas.terminal.generate.session import WINDOW_OF, reference_spec
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
    assert "6 returns over 601 s" in evidence


def test_a_reference_that_reaches_no_face_is_inconclusive():
    """Every window, the faces' too, recorded at the marked pose: the returns count, no face is reached."""
    analysis = CaptureAnalysis()
    analysis.volume = (np.array([-2.0, 0.0, -2.0]), np.array([2.0, 2.5, 2.0]))
    windows = []
    for sid, (_, _, at) in WINDOW_OF.items():
        if not sid.startswith("session_tracker_"):
            continue
        t = T0 + np.round((at + np.arange(60) / 60) * 1e9).astype(np.int64)
        pair = []
        for name, spec in ((sid, reference_spec(sid)), (sid.replace("tracker", "tracked"), {})):
            stats = StreamStats(id=name, type="pose", rate_hz=60, spec=spec, first_t=int(t[0]),
                                last_t=int(t[-1]))
            stats.pose_track = PoseTrack(t=[t], q=[np.tile([0.0, 0.0, 0.0, 1.0], (60, 1))],
                                         p=[np.tile([0.0, 1.2, -0.5], (60, 1))], kept=60)
            pair.append(stats)
        windows.append(tuple(pair))
    got = measure(analysis, "s", windows)
    assert isinstance(got, Message) and "-x, +x, -y, +y, -z, +z" in got
