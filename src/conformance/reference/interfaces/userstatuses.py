"""Answers to a user's requests other than the statuses annex D's contract gives (IF-UDP-009, IF-UDP-010,
IF-UDP-011, the user-data set-ups, IF-BIO-001's enrolment).

Table D.3 gives ``DELETE /users/{did}/data``, ``PUT`` and ``DELETE /users/{did}/consents/{purpose}`` 204
alone and ``PUT /users/{did}/profile`` 200 alone; these defects answer otherwise, which the checks of
IF-UDP-009 R1, IF-UDP-010 R2 and R5 and IF-UDP-011 R1 fail, and which leaves a case whose set-up takes the
request inconclusive (userdata.py is at the core modules' line cap, so they live here).
"""

from __future__ import annotations

from starlette.responses import Response

DEFECTS = {
    "user-data-delete-undeclared": "the discovery document declares no user_data.delete path: a user cannot ask for "
                                   "its data to be deleted",
    "user-delete-200": "a user's deletion of its data (DELETE) is answered 200, not the 204 annex D gives",
    "user-consent-withdrawal-200": "a user's withdrawal of its consent (DELETE) is answered 200, not the 204 annex D "
                                   "gives",
    "user-consent-given-200": "a user's consent (PUT) is answered 200, not the 204 annex D gives",
    "user-profile-update-201": "a profile set again (a correction) is answered 201, not annex D's 200",
    "user-profile-set-201-withdrawn": "a profile set after a consent's withdrawal is answered 201, not annex D's 200",
    "biometric-enrolled-200": "a biometric template enrolled (POST) is answered 200, not the 201 annex D gives",
}


def deleted(defects: frozenset[str], defect: str) -> Response:
    """The empty answer to a deletion or a consent: annex D's 204, or 200 where ``defect`` is among ``defects``."""
    return Response(status_code=200 if defect in defects else 204)
