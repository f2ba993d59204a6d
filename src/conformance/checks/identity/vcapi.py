"""The one rule for what ``POST /credentials/verify`` answers, from the VC API (W3C VCALM,
"Verifying" and "Error Handling"), used by ID-VCAPI-002 and IF-IOP-003 alike.

The VC API answers a verification with 200 and a verification result, or 400 for invalid
input. In the result, ``verified`` MUST be false when an error is included and true when
none is; the specification recommends reporting failed checks as ProblemDetails in the
result rather than as an HTTP error. So:

* **verified**: 200 with ``verified: true`` and no errors (a result without ``verified``,
  the shape of earlier VC API drafts, counts when its ``errors`` list is empty);
* **refused**: 200 with ``verified: false``, or 200 without ``verified`` listing errors
  (earlier drafts), or 400 (the input was refused);
* anything else is not a conforming answer: ``verified: true`` beside errors, a body that
  is no verification result, another status (401/403 say nothing about the credential,
  5xx is no answer).
"""

from __future__ import annotations

from typing import Any

VERIFIED, REFUSED, UNFIT = "verified", "refused", "not a conforming answer"


def _errors(body: dict[str, Any]) -> list[Any] | None:
    for name in ("errors", "problemDetails"):
        value = body.get(name)
        if isinstance(value, list) and value:
            return value
    return None


def verification_outcome(status: int, body: Any) -> tuple[str, str]:
    """(VERIFIED | REFUSED | UNFIT, why) for one answer of POST /credentials/verify."""
    if status == 400:
        return REFUSED, "400: the verifier refused the input"
    if status != 200:
        return UNFIT, f"{status}: the VC API answers a verification with 200 (a result) or 400 (invalid input)"
    if not isinstance(body, dict):
        return UNFIT, "200 without a verification result object"
    errors = _errors(body)
    verified = body.get("verified")
    if verified is True:
        if errors:
            return UNFIT, "verified is true while errors are listed (the VC API: false when an error is included)"
        return VERIFIED, "200 with verified true"
    if verified is False:
        return REFUSED, "200 with verified false"
    if verified is not None:
        return UNFIT, f"verified is {verified!r}, not a boolean"
    if errors:
        return REFUSED, "200 listing errors (a result without verified, as in earlier VC API drafts)"
    if isinstance(body.get("errors"), list):
        return VERIFIED, "200 with an empty errors list (a result without verified, as in earlier VC API drafts)"
    return UNFIT, "200 without verified or errors: the answer says nothing about the credential"
