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
