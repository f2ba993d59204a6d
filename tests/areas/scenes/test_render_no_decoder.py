"""SC-RENDER-001/-002/-004 (issue 76, thirty-sixth reading's c12): a harness without PyAV is never a
finding of the platform; since the forty-first reading (c5) it is no verdict either: the case is not run
(an error of the run, 未执行 in 6.1), naming the extra to install. A stream PyAV has but cannot decode
stays a finding."""

from __future__ import annotations

import importlib.util
import sys
from types import SimpleNamespace

import pytest

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
    with pytest.raises(RuntimeError, match=r"no video decoder.*\.\[media\]"):
        _run(evidence)
    assert evidence.findings == []
    with pytest.raises(RuntimeError, match="no video decoder"):
        rendering._decode_some(b"not a video", (0,))


def test_a_stream_pyav_cannot_decode_stays_a_finding():
    pytest.importorskip("av")
    evidence = Evidence()
    _run(evidence)
    assert len(evidence.findings) == 1 and "does not decode" in evidence.findings[0]
