"""IF-DISC-004's check: the risk grade names its scheme (an absolute URI) and a grade."""

import pytest

from conformance.areas.interfaces.discovery import risk_grade_findings


def test_a_named_scheme_and_grade_pass() -> None:
    assert risk_grade_findings({"risk_grade": {"scheme": "https://example.org/grades", "grade": "low"}}) == []
    assert risk_grade_findings({"risk_grade": {"scheme": "urn:example:grades:v1", "grade": "B"}}) == []


@pytest.mark.parametrize(("document", "pointers"), [
    ({}, ["/risk_grade"]),
    ([], ["/risk_grade"]),
    ({"risk_grade": "low"}, ["/risk_grade"]),
    ({"risk_grade": {"grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "grades/v1", "grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "https://example.org/grades#low", "grade": "low"}}, ["/risk_grade/scheme"]),
    ({"risk_grade": {"scheme": "https://example.org/grades", "grade": " "}}, ["/risk_grade/grade"]),
    ({"risk_grade": {"scheme": 7, "grade": 3}}, ["/risk_grade/scheme", "/risk_grade/grade"]),
])
def test_a_missing_or_malformed_grade_is_a_finding(document, pointers) -> None:
    assert [f.pointer for f in risk_grade_findings(document)] == pointers


class _Answer:
    def __init__(self, status: int, body: object) -> None:
        self.status, self.body = status, body

    def json(self) -> object:
        if isinstance(self.body, bytes):
            from conformance import NonConformance

            raise NonConformance("the body is not JSON")
        return self.body


class _Api:
    def __init__(self, answer: _Answer) -> None:
        self.answer = answer

    def get(self, path: str, **_: object) -> _Answer:
        return self.answer


def _if_disc_003(answer: _Answer):
    """Runs IF-DISC-003's test against a discovery answer: (its evidence, the exception it raised)."""
    from conformance import load_catalog
    from conformance._record.evidence import Evidence
    from tests.conftest import load_module
    from tests.paths import ROOT

    module = load_module("suite_interfaces_discovery", ROOT / "suites" / "interfaces" / "test_discovery.py")
    evidence = Evidence()
    try:
        module.test_declared_profiles_have_their_endpoints({"api": _Api(answer)}, load_catalog(), evidence)
    except Exception as exc:  # noqa: BLE001 - the verdict's exception is what is asserted
        return evidence, exc
    return evidence, None


def test_if_disc_003_leaves_a_discovery_document_that_is_not_json_undecided():
    """Not a finding of IF-DISC-003 (issue 59: a precondition, IF-DISC-001's to judge)."""
    from conformance import Inconclusive

    evidence, raised = _if_disc_003(_Answer(200, b"<html>"))
    assert isinstance(raised, Inconclusive) and not evidence.findings_count


def test_if_disc_003_leaves_a_profile_it_does_not_know_unjudged():
    endpoints = {"did_resolution": "https://p.example/1.0/identifiers/"}
    evidence, raised = _if_disc_003(_Answer(200, {"profiles": ["identity-resolver", "vendor-extra"],
                                                  "endpoints": endpoints}))
    assert raised is None and not evidence.findings_count
    assert list(evidence.unjudged_inputs) == ["/.well-known/metaverse-interop#/profiles/1"]
