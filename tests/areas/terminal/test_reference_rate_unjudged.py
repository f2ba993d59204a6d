"""TD-BODY-003 R5 and TD-FACE-004 R4 (issue 76, thirty-sixth reading's c11): a stream that declares rate_hz but
whose rate on the reference clock cannot be measured (no latency on a third of its frames) is a declared rule
never judged, so the stream is unjudged and an otherwise passing run inconclusive; only a stream with no declared
rate_hz stays out of the rule, noted. The check's helper is driven directly, as the suite calls it."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Evidence
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_payloads", ROOT / "suites/terminal/test_payloads.py")
payloads = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(payloads)


class _Judge:
    """Stands in for measured.Judge: the rate rule must not be judged when no rate was measured."""

    file = "cap.ndjson"

    def __call__(self, *args, **kwargs):
        raise AssertionError("no rate was measured, nothing to judge")


def _rate(spec: dict, rate_hz: float | None) -> Evidence:
    evidence = Evidence()
    tracked = SimpleNamespace(id="face", spec=spec)
    payloads._judge_rate(evidence, _Judge(), "R4", tracked, rate_hz, 0.0, 0.05)
    return evidence


@pytest.mark.parametrize("rule", ["TD-BODY-003 R5", "TD-FACE-004 R4"])
def test_a_declared_rate_that_cannot_be_measured_leaves_the_stream_unjudged(rule):
    evidence = _rate({"rate_hz": 60}, None)
    assert list(evidence.unjudged_inputs) == ["cap.ndjson"], rule
    assert "rate_hz" in str(evidence.unjudged_inputs["cap.ndjson"])


def test_no_declared_rate_is_only_noted():
    evidence = _rate({}, None)
    assert not evidence.unjudged_inputs
    assert any("rate_hz" in str(item.get("message", "")) for item in evidence.export())
