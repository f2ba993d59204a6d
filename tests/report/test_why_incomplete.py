"""Issue 61: a report's banner says in one line why a run is incomplete (what stopped it, a
target it could not reach, or the first requirement a profile needed that was left undecided),
and says nothing of the kind for a run that is conformant or not conformant."""

from __future__ import annotations

import copy
import json

from conformance import Report
from conformance.report.html import render_html
from conformance.report.stopped import why_incomplete
from tests.paths import ROOT

SAMPLE = json.loads((ROOT / "reports" / "sample" / "report.json").read_text(encoding="utf-8"))


def _undecided() -> dict:
    """The sample, its failing requirement left undecided instead (as a validator not installed leaves it)."""
    report = copy.deepcopy(SAMPLE)
    result = next(r for r in report["requirements"] if r["requirement"] == "ID-DOC-001")
    result.update(verdict="inconclusive", message="the validator is not installed\nsecond line", text=None,
                  evidence=[])
    report["profiles"][0].update(outcome="incomplete", blocking=["ID-DOC-001"])
    return report


def test_an_incomplete_run_says_why_in_one_line_in_either_language():
    report = _undecided()
    # the line a programme's console and site give for the profile (programme/causes.py)
    assert why_incomplete(report) == ("identity-document incomplete: ID-DOC-001 inconclusive "
                                      "(the validator is not installed second line)")
    assert why_incomplete(report, "zh").startswith("identity-document 未完成：ID-DOC-001 不确定（")
    page = render_html(Report.model_validate(report)).decode()
    assert '<p id="why-incomplete">identity-document incomplete: ID-DOC-001 inconclusive' in page
    assert why_incomplete(Report.model_validate(report)) == why_incomplete(report)  # the model reads as its JSON


def test_a_decided_run_has_no_such_sentence():
    assert why_incomplete(SAMPLE) is None  # not conformant: its first failure is linked instead
    assert 'id="why-incomplete"' not in render_html(Report.model_validate(SAMPLE)).decode()
    conformant = copy.deepcopy(SAMPLE)
    conformant["profiles"][0].update(outcome="conformant", blocking=[])
    assert why_incomplete(conformant) is None


def test_what_stopped_a_run_comes_first():
    report = _undecided()
    report["complete"] = False
    report["note_texts"] = [{"key": "engine.interrupted-by", "args": {"signal": "SIGINT"}}]
    assert why_incomplete(report).startswith("interrupted by SIGINT")
