"""SC-RENDER-001/-002/-004 (issue 76, thirty-sixth reading's c12): a harness without PyAV is never a
finding of the platform; since the forty-first reading (c5) it is no verdict either: the case is not run
(an error of the run, 未执行 in 6.1), naming the extra to install. A stream PyAV has but cannot decode
stays a finding."""

from __future__ import annotations

import importlib.util
import sys
from types import SimpleNamespace

import pytest

from conformance import NotRun
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_cloud_rendering", ROOT / "suites/scenes/test_cloud_rendering.py")
rendering = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rendering)


class Api:
    def post(self, path, json=None):
        return SimpleNamespace(status=200, content=b"not a video", elapsed_s=0.01, requested=f"POST http://t{path}")


class Evidence:
    def __init__(self):
        self.findings: list[str] = []

    def finding(self, message, **data):
        self.findings.append(message)

    def note(self, message, **data):
        pass


def _run(evidence):
    rendering.test_rendered_frames_match_the_test_scene({"api": Api()}, evidence,
                                                        SimpleNamespace(render_path="/render"))


def test_a_harness_without_pyav_does_not_run_the_case(monkeypatch):
    monkeypatch.setitem(sys.modules, "av", None)  # import av raises ImportError
    evidence = Evidence()
    with pytest.raises(NotRun, match=r"no video decoder.*\.\[media\]"):
        _run(evidence)
    assert evidence.findings == []
    with pytest.raises(NotRun, match="no video decoder"):
        rendering._decode_some(b"not a video", (0,))


def test_a_stream_pyav_cannot_decode_stays_a_finding():
    pytest.importorskip("av")
    evidence = Evidence()
    _run(evidence)
    assert len(evidence.findings) == 1 and "does not decode" in evidence.findings[0]


@pytest.mark.parametrize(("defect", "found"), [
    ("render-mpeg4-part2", "is mpeg4 (MPEG-4 part 2) video, its file format MP4 (major brand 'iso5')"),
    ("render-matroska", "is h264 (H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10) video, its file format matroska,webm"),
])
def test_a_stream_other_than_h264_in_mp4_is_a_finding_naming_what_it_is(defect, found):
    """Forty-third reading (h95-video): annex D names ITU-T H.264 video in an MP4 file; a stream PyAV
    opens as another codec or file is judged (a finding naming both), not decoded and compared."""
    pytest.importorskip("av")
    from conformance.areas.scenes import cloudrender
    from conformance.reference import cloudrender as served

    data = served.stream(160, 96, 10, 10, frozenset({defect}))
    with pytest.raises(cloudrender.OtherFormat):
        cloudrender.decode(data)
    with pytest.raises(cloudrender.OtherFormat):
        cloudrender.decode_some(data, (0,))

    class Serving(Api):
        def post(self, path, json=None):
            return SimpleNamespace(status=200, content=data, elapsed_s=0.01, requested=f"POST http://t{path}")

    evidence = Evidence()
    rendering.test_rendered_frames_match_the_test_scene({"api": Serving()}, evidence,
                                                        SimpleNamespace(render_path="/render"))
    assert len(evidence.findings) == 1 and found in evidence.findings[0]
    assert "not the ITU-T H.264 video in an MP4 file" in evidence.findings[0]
    assert len(cloudrender.decode(served.stream(160, 96, 10, 10, frozenset())).frames) == 10  # the reference's own
