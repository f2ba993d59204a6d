"""Answers to a user's deletions other than the 204 annex D's contract gives (IF-UDP-009, IF-UDP-010).

Table D.3 gives ``DELETE /users/{did}/data`` and ``DELETE /users/{did}/consents/{purpose}`` 204 alone;
these defects answer 200 instead, which the checks of IF-UDP-009 R1 and IF-UDP-010 R2 fail (userdata.py
is at the core modules' line cap, so they live here).
"""

from __future__ import annotations

from starlette.responses import Response

DEFECTS = {
    "user-delete-200": "a user's deletion of its data (DELETE) is answered 200, not the 204 annex D gives",
    "user-consent-withdrawal-200": "a user's withdrawal of its consent (DELETE) is answered 200, not the 204 annex D "
                                   "gives",
}


def deleted(defects: frozenset[str], defect: str) -> Response:
    """The empty answer to a deletion: annex D's 204, or 200 where ``defect`` is among ``defects``."""
    return Response(status_code=200 if defect in defects else 204)
