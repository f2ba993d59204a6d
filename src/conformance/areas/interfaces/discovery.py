"""What a discovery document (``/.well-known/metaverse-interop``) declares about the platform."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rfc3986_validator import validate_rfc3986

from conformance import Finding, msg

from .._shared.discovery import DISCOVERY

if TYPE_CHECKING:
    from conformance.area import JsonValue


def risk_grade_findings(document: JsonValue, requested: str = f"GET {DISCOVERY}") -> list[Finding]:
    """IF-DISC-004: ``risk_grade`` names the grading scheme (an absolute URI, RFC 3986 4.3) and
    the grade in it (a non-empty string). Findings name ``requested``, the request that read
    ``document`` ("METHOD URL", where the target's ``paths`` moved it)."""
    where = {"file": requested, "expected": msg("interfaces.expect-risk-grade")}
    grade = document.get("risk_grade") if isinstance(document, dict) else None
    if not isinstance(grade, dict):
        return [Finding.of(msg("interfaces.no-risk-grade"), pointer="/risk_grade", actual=grade, **where)]
    found = []
    scheme = grade.get("scheme")
    # absolute-URI (RFC 3986 4.3): a URI with its scheme, without a fragment
    if not (isinstance(scheme, str) and validate_rfc3986(scheme, rule="URI") and "#" not in scheme):
        found.append(Finding.of(msg("interfaces.risk-grade-scheme"), pointer="/risk_grade/scheme", actual=scheme,
                                **where))
    value = grade.get("grade")
    if not (isinstance(value, str) and value.strip()):
        found.append(Finding.of(msg("interfaces.risk-grade-grade"), pointer="/risk_grade/grade", actual=value,
                                **where))
    return found
