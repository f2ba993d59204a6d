"""A user's data moving between two reference platforms (PIPL art. 45; IF-UDP-*).

``GET/PUT /users/{did}/profile`` read and set what the platform keeps about a user besides
its holdings: a display name, a locale, avatar references and settings
(schemas/interfaces/user-profile.json). ``GET /users/{did}/export`` answers the user's whole
data as one package (schemas/interfaces/user-data-export.json): the identity, the profile,
and each asset the user holds with its history (the asset export of IF-IOP-002), closed by
an integrity member, the SHA-256 of the package's RFC 8785 form without that member.
``POST /users/import`` takes such a package at another platform: the importing identity's
profile becomes the exported one, and each holding is recorded with its history and holder.
The export's ``activity`` is the platform's record of what the user did (行为数据): each profile
it set and each ledger event it acted in, with the declared purpose it is kept for (IF-UDP-007,
-008). ``DELETE /users/{did}/data`` erases the user's data (PIPL art. 47): its profile, its
activity and the assets it holds, so that its export is empty and the listing names it nowhere
(IF-UDP-009). ``PUT``/``DELETE /users/{did}/consents/{purpose}`` give and withdraw the user's
consent to a purpose whose basis is consent (PIPL art. 13-15; IF-UDP-010): its records are kept
only while the consent is in force, and withdrawing it deletes them (art. 47). A profile set
again is a correction (art. 46; IF-UDP-011): the profile and the export answer it from then on.
``POST /users/{did}/biometrics`` enrols a biometric template (a feature vector, never a raw
image) for face-login, a purpose of consent with a stated retention: refused (403) without the
user's separate consent to that purpose (art. 29), kept for it only, and no longer kept once the
retention has passed on the user's clock (art. 47 (1) 2; GB/T 35273-2020 6.1; IF-BIO-001), nor once the
user withdraws that consent (art. 47 (1) 3). ``GET`` on the same path lists what is kept.
The habit label derived from the user's records and the recommendations built on it are habits.py's (IF-UDP-013).
Each purpose that keeps records of profile changes states how long a record is kept (retention_s): a
record is made at the user's clock and leaves the export once its purpose's retention has passed on
that clock (PIPL art. 17, 19, 47 (1) 2; IF-UDP-012); the profile itself stays, the record of its change goes.
Every route needs the bearer token of the user it names (the export and the profile are refused to anyone
else); the tokens are those ``/test-identities`` handed out.
"""

from __future__ import annotations

import copy
import hmac
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..assets import portability
from ..assets.ledger import Ledger, now
from ..problems import problem
from . import exportsigning, userstatuses
from . import habits as habit_data
from .userpackage import (  # noqa: F401 - MAX_SETTINGS and seal: what the unit tests read here
    DEFAULT_PROFILE,
    INTEGRITY,
    MAX_SETTINGS,
    package_errors,
    profile_errors,
    seal,
)

DEFECTS = {
    "user-import-200": "a user's data import is answered 200, not the 201 annex D gives",
    "user-export-incomplete": "a user's data export leaves out the last asset the user holds",
    "user-export-leaks-other-user": "a user's data export also carries an asset another user holds",
    "user-export-not-refused": "a user's data export is answered to any authenticated identity",
    "user-export-anonymous": "a user's data export is answered to a request without a bearer token",
    "user-export-digest-stale": "a user's data export's digest is computed before exported_at is added",
    "user-export-unavailable": "a user's own data export is answered 503 (Service Unavailable)",
    "user-import-drops-holdings": "importing a user's data keeps the profile and drops the holdings",
    "user-data-limits-undeclared": "the discovery document declares no limits for user data exports",
    "user-activity-incomplete": "a user's data export leaves out the last action the user did",
    "user-activity-undeclared-purpose": "a user's data export records each asset action for advertising, a "
                                        "purpose the discovery document does not declare",
    "user-delete-keeps-activity": "deleting a user's data leaves its activity in its export",
    "user-delete-keeps-holdings": "deleting a user's data empties its export but leaves the assets it holds in "
                                  "the asset listing",
    "user-export-late": "a user's data export is accepted (202) and served only 31 days after the request, on the "
                        "user's clock",
    # not a defect of IF-UDP-010 (whose statement applies to a purpose of consent recording a profile set): its
    # test's not-applicable case
    "user-data-no-consent-purpose": "the discovery document declares no purpose of consent recording a profile set",
    "user-data-recommendations-undeclared": "the discovery document declares no user_data.recommendations path, "
                                            "the recommendations feature claimed",
    "user-data-biometrics-undeclared": "the discovery document declares no user_data.biometrics path, the "
                                       "biometric-data feature claimed",
    "user-consent-ignored": "a user's profile changes are recorded for personalisation, a purpose of consent, before "
                            "the user consents",
    "user-consent-withdrawal-ignored": "a user's profile changes are still recorded for personalisation after the "
                                       "user withdrew its consent",
    "user-consent-withdrawal-keeps-records": "withdrawing the consent to personalisation keeps the records made for it",
    "user-consent-withdrawal-refused": "a user's withdrawal of its consent is answered 405 (Method Not Allowed)",
    "user-consent-withdrawal-locks-profile": "after a consent's withdrawal each profile change is answered 403",
    "user-correction-refused": "a profile set again is answered 409 (Conflict): a profile once set is never corrected",
    "user-correction-ignored": "a profile set again is answered 200 with its first value, the correction dropped",
    "user-profile-set-201": "a profile set (PUT) is answered 201, not the 200 annex D gives for it",
    "user-correction-export-stale": "a user's export carries its profile as first set, not as corrected",
    "biometric-without-consent": "a biometric template is enrolled without the user's consent to its purpose",
    "biometric-kept-past-retention": "a biometric template is kept after its stated retention has passed",
    "biometric-recorded-for-personalisation": "a biometric enrolment is also recorded for personalisation, a purpose "
                                              "that does not list it",
    "biometric-withdrawal-keeps-templates": "a user's biometric templates are still kept after it withdrew its "
                                            "consent to their purpose",
    **habit_data.DEFECTS, **userstatuses.DEFECTS,  # the deletions answered 200 (IF-UDP-009, -010)
    **exportsigning.DEFECTS,  # the export signed, the signature verified at import (IF-TDX-001)
    "activity-kept-past-retention": "a user's profile changes stay in its export after the retention their purpose "
                                    "states has passed on the user's clock",
    "activity-retention-unstated": "the account purpose states no retention for the records of profile changes it "
                                   "keeps",
}
#: user-export-late: how long after the request the late export is served (a day past GB/T 35273-2020 8.7 c)'s 30)
LATE_S = 31 * 86_400
#: What the discovery document declares (user_data): where, how the package is sealed, the limits.
TERMS: dict[str, Any] = {
    "profile": "/users/{did}/profile",
    "export": "/users/{did}/export",
    "import": "/users/import",
    "delete": "/users/{did}/data",
    "consents": "/users/{did}/consents/{purpose}",
    "biometrics": "/users/{did}/biometrics",
    "recommendations": "/users/{did}/recommendations",
    "integrity": INTEGRITY,
    "limits": {"exports_per_day": 20, "response_s": 10},
    # The purposes the platform keeps a user's activity for, each with the actions it records for it
    # (the vocabulary of IF-UDP-007: profile.set and asset.<lifecycle event type>).
    # basis: what makes the processing lawful (PIPL art. 13): consent, or the contract the user is a
    # party to (art. 13 (2)); a purpose of consent is served only while the user's consent is in force.
    # retention_s: how long a record kept for the purpose stays (PIPL art. 17 (1) 2); the periods are the
    # reference's own (IF-UDP-012, IF-BIO-001 observe that they are kept, not what they are).
    "purposes": {
        "account": {"actions": ["profile.set"], "basis": "contract", "retention_s": 180 * 86_400},
        "asset-registry": {"actions": [f"asset.{kind}" for kind in (
            "issue", "transfer", "lock", "unlock", "burn", "order", "settlement", "cancellation", "refund")],
            "basis": "contract"},
        # habit.derive: the habit label derived from the user's records (habits.py; IF-UDP-013)
        "personalisation": {"actions": ["profile.set", habit_data.ACTION], "basis": "consent",
                            "retention_s": 90 * 86_400},
        # sensitive (PIPL art. 28): biometric; retention_s: the period the reference states for it (its own)
        "face-login": {"actions": ["biometric.enrol"], "basis": "consent", "sensitive": True,
                       "retention_s": 30 * 86_400},
    },
}
#: The purpose of each kind of record (what the reference actually keeps).
PURPOSE_OF = {"profile": "account", "asset": "asset-registry"}
#: The purpose of consent a profile change is also recorded for, while the user consents to it.
CONSENTED = "personalisation"
#: The purpose a biometric template is enrolled for, and the most templates one user may enrol.
BIOMETRIC, MAX_BIOMETRICS, MAX_TEMPLATE = "face-login", 20, 8192
#: The most activity records one export carries (the reference keeps no more per user).
MAX_ACTIVITY = 10_000
DAY_S = 86_400


def terms(defects: frozenset[str]) -> dict[str, Any]:
    declared = copy.deepcopy(TERMS)
    if "user-data-limits-undeclared" in defects:
        del declared["limits"]
    if "user-data-no-consent-purpose" in defects:
        for purpose in declared["purposes"].values():
            if purpose.get("basis") == "consent":
                purpose["actions"] = [a for a in purpose["actions"] if a != "profile.set"]
    for path in ("recommendations", "biometrics", "delete"):  # a feature or right claimed, its path left out
        if f"user-data-{path}-undeclared" in defects:
            del declared[path]
    if "activity-retention-unstated" in defects:
        del declared["purposes"][PURPOSE_OF["profile"]]["retention_s"]
    declared["signature_key"] = exportsigning.signature_key()  # the key exports are signed with (IF-TDX-001)
    return declared


def routes(ledger: Ledger, defects: frozenset[str], validate: Callable[[Any], list[str]],
           tokens: dict[str, str], clock_of: Callable[[str], datetime] | None = None) -> list[Route]:
    """``tokens`` (bearer token -> DID) are the registry's, filled by ``/test-identities``;
    ``clock_of(did)`` the platform's clock for a user (its test clock, ``POST /test/clock``)."""
    user_now = clock_of or (lambda did: reference_clock.now())
    pending: dict[str, datetime] = {}  # DID -> when its late export was asked for (user-export-late)
    profiles: dict[str, dict[str, Any]] = {}
    exports: dict[str, list[float]] = {}  # DID -> when its exports were answered (the declared limit)
    settings_log: dict[str, list[dict[str, Any]]] = {}  # DID -> its profile.set records
    erased: dict[str, set[str]] = {}  # DID -> the ledger events its deletion erased from its activity
    consents: dict[str, dict[str, bool]] = {}  # DID -> purpose -> in force (False: withdrawn)
    first_profiles: dict[str, dict[str, Any]] = {}  # DID -> its profile as first set (the correction defects)
    templates: dict[str, list[dict[str, Any]]] = {}  # DID -> its enrolled biometric templates (with "_until")
    enrolled = [0]  # templates enrolled so far: their IDs

    def caller(request: Request) -> str | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return tokens.get(token) if scheme.lower() == "bearer" else None

    def refused(request: Request, did: str | None) -> Response | None:
        """401 without a token of this platform, 403 with another user's; None: the user itself."""
        who, export = caller(request), request.url.path.endswith("/export")
        who = who or (did if "user-export-anonymous" in defects and export else None)  # the defect: no token asked
        if who is None:
            response = problem(401, "Unauthorized", "a bearer token of the user is required", kind="unauthenticated",
                               defects=defects)
            response.headers["WWW-Authenticate"] = 'Bearer realm="user-data"'
            return response
        # Compared as UTF-8 bytes: compare_digest refuses a str that is not ASCII, and a DID in
        # the path is whatever the caller wrote.
        if did is not None and not hmac.compare_digest(who.encode(), did.encode()):
            if "user-export-not-refused" in defects and export:
                return None
            return problem(403, "Forbidden", "only the user may read or change its own data", kind="not-the-user",
                           defects=defects)
        return None

    def profile_of(did: str) -> dict[str, Any]:
        return copy.deepcopy(profiles.get(did, DEFAULT_PROFILE))

    async def profile(request: Request) -> Response:
        did = request.path_params["did"]
        if (denied := refused(request, did)) is not None:
            return denied
        if request.method == "PUT":
            try:
                given = await request.json()
            except ValueError:
                return problem(400, "Bad Request", "the request body is not JSON", kind="bad-request", defects=defects)
            errors = profile_errors(given)
            if errors:
                return problem(422, "Unprocessable Content", "; ".join(errors), kind="invalid-profile", defects=defects)
            kept = {**copy.deepcopy(DEFAULT_PROFILE), **copy.deepcopy(given)}
            withdrawn, again = False in consents.get(did, {}).values(), did in profiles  # again: a correction
            # the statuses' defects (annex D gives 200 alone): every set, a correction, a set after a withdrawal
            status = 201 if any(d in defects for d, when in (("user-profile-set-201", True), ("user-profile-update-201",
                                again), ("user-profile-set-201-withdrawn", withdrawn)) if when) else 200
            if "user-consent-withdrawal-locks-profile" in defects and withdrawn:
                return problem(403, "Forbidden", "the profile is locked without the consent to personalisation",
                               kind="consent-required", defects=defects)
            if "user-correction-refused" in defects and again:
                return problem(409, "Conflict", "the profile is already set", kind="profile-exists", defects=defects)
            first_profiles.setdefault(did, copy.deepcopy(kept))
            if "user-correction-ignored" not in defects or did not in profiles:
                profiles[did] = kept
            log = settings_log.setdefault(did, [])
            for purpose in (PURPOSE_OF["profile"], *([CONSENTED] if consented(did, CONSENTED) else [])):
                if len(log) < MAX_ACTIVITY:
                    log.append({"action": "profile.set", "object": did, "time": now(), "purpose": purpose,
                                "_at": user_now(did)})
            return JSONResponse(profile_of(did), status_code=status)
        return JSONResponse(profile_of(did))

    def consented(did: str, purpose: str) -> bool:
        """Whether the user's records are kept for ``purpose`` now (a purpose of consent: while it is in force)."""
        state = consents.get(did, {}).get(purpose)
        if state is None:
            return "user-consent-ignored" in defects
        return state or "user-consent-withdrawal-ignored" in defects

    habits = habit_data.Habits(ledger, defects, consented)

    async def consent(request: Request) -> Response:
        did, purpose = request.path_params["did"], request.path_params["purpose"]
        if (denied := refused(request, did)) is not None:
            return denied
        if TERMS["purposes"].get(purpose, {}).get("basis") != "consent":
            return problem(404, "Not Found", f"no purpose of consent named {purpose[:80]!r}", kind="no-such-purpose",
                           defects=defects)
        granted = request.method == "PUT"
        if not granted and "user-consent-withdrawal-refused" in defects:
            return problem(405, "Method Not Allowed", "a consent given is not withdrawn here", kind="not-allowed",
                           defects=defects)
        consents.setdefault(did, {})[purpose] = granted
        if not granted and "user-consent-withdrawal-keeps-records" not in defects:  # PIPL art. 47 (1) 3
            settings_log[did] = [r for r in settings_log.get(did, []) if r["purpose"] != purpose]
            if purpose == BIOMETRIC and "biometric-withdrawal-keeps-templates" not in defects:
                templates.pop(did, None)
        return userstatuses.deleted(defects, "user-consent-withdrawal-200" if not granted else "user-consent-given-200")

    def kept_templates(did: str) -> list[dict[str, Any]]:
        """The user's templates still kept on its clock: those past their retention are deleted."""
        at = user_now(did)
        if "biometric-kept-past-retention" not in defects:
            templates[did] = [t for t in templates.get(did, []) if t["_until"] > at]
        return templates.get(did, [])

    async def biometrics(request: Request) -> Response:
        did = request.path_params["did"]
        if (denied := refused(request, did)) is not None:
            return denied
        if request.method == "GET":
            return JSONResponse({"items": [{k: v for k, v in t.items() if not k.startswith("_")}
                                           for t in kept_templates(did)]})
        try:
            given = await request.json()
        except ValueError:
            given = None
        template = given.get("template") if isinstance(given, dict) else None
        if not isinstance(given, dict) or given.get("purpose") != BIOMETRIC or given.get("modality") != "face" \
                or not isinstance(template, str) or not 0 < len(template) <= MAX_TEMPLATE:
            return problem(400, "Bad Request", f'the body must be {{"purpose": "{BIOMETRIC}", "modality": "face", '
                           f'"template": "<base64url, at most {MAX_TEMPLATE} characters>"}}', kind="bad-request",
                           defects=defects)
        if consents.get(did, {}).get(BIOMETRIC) is not True and "biometric-without-consent" not in defects:
            return problem(403, "Forbidden", f"biometric data is collected only on the user's separate consent to "
                           f"{BIOMETRIC}", kind="consent-required", defects=defects)
        kept = kept_templates(did)
        if len(kept) >= MAX_BIOMETRICS:
            return problem(409, "Conflict", "too many templates enrolled", kind="too-many", defects=defects)
        at = user_now(did)
        until = at + timedelta(seconds=TERMS["purposes"][BIOMETRIC]["retention_s"])
        enrolled[0] += 1
        entry = {"biometric_id": f"bio-{enrolled[0]:06d}", "purpose": BIOMETRIC,
                 "modality": "face", "enrolled_at": at.isoformat(), "expires_at": until.isoformat(), "_until": until}
        kept.append(entry)
        templates[did] = kept
        log = settings_log.setdefault(did, [])
        for purpose in (BIOMETRIC, *(["personalisation"] if "biometric-recorded-for-personalisation" in defects
                                     else [])):
            if len(log) < MAX_ACTIVITY:
                log.append({"action": "biometric.enrol", "object": entry["biometric_id"], "time": now(),
                            "purpose": purpose, "_at": at})
        return JSONResponse({k: v for k, v in entry.items() if not k.startswith("_")},
                            status_code=200 if "biometric-enrolled-200" in defects else 201)

    def recorded(did: str) -> list[dict[str, Any]]:
        """The user's records of its own actions still kept on its clock: one whose purpose's retention
        has passed since it was made is deleted (PIPL art. 47 (1) 2)."""
        at = user_now(did)
        if "activity-kept-past-retention" not in defects:
            settings_log[did] = [r for r in settings_log.get(did, []) if not _expired(r, at)]
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in settings_log.get(did, [])]

    def activity_of(did: str) -> list[dict[str, Any]]:
        """What the platform keeps of the user's actions: its profile changes and each ledger event it acted in."""
        gone = erased.get(did, set())
        purpose = "advertising" if "user-activity-undeclared-purpose" in defects else PURPOSE_OF["asset"]
        acted = [{"action": f"asset.{event['type']}", "object": event["asset_id"], "time": event["time"],
                  "purpose": purpose}
                 for asset in ledger.assets.values() for event in asset.events
                 if event.get("actor") == did and event.get("event_id") not in gone]
        records = [*recorded(did), *acted][:MAX_ACTIVITY]
        return records[:-1] if "user-activity-incomplete" in defects else records

    async def delete(request: Request) -> Response:
        did = request.path_params["did"]
        if (denied := refused(request, did)) is not None:
            return denied
        profiles.pop(did, None)
        habits.forget(did)
        consents.pop(did, None)
        first_profiles.pop(did, None)
        templates.pop(did, None)
        if "user-delete-keeps-activity" not in defects:
            settings_log.pop(did, None)
            erased.setdefault(did, set()).update(
                str(event.get("event_id")) for asset in ledger.assets.values() for event in asset.events
                if event.get("actor") == did)
        if "user-delete-keeps-holdings" not in defects:
            for asset in [a for a in ledger.assets.values() if a.owner == did]:
                del ledger.assets[asset.metadata["asset_id"]]
        return userstatuses.deleted(defects, "user-delete-200")

    async def export(request: Request) -> Response:
        did = request.path_params["did"]
        if (denied := refused(request, did)) is not None:
            return denied
        if "user-export-unavailable" in defects:
            return problem(503, "Service Unavailable", "exports are not served", kind="unavailable", defects=defects)
        if "user-export-late" in defects and not _late_ready(pending, did, user_now(did)):
            response = JSONResponse({"status": "pending", "subject": did}, status_code=202)
            response.headers["Location"] = str(request.url.path)
            response.headers["Retry-After"] = str(DAY_S)
            return response
        if _over_limit(exports.setdefault(did, [])):
            response = problem(429, "Too Many Requests", "the daily limit of data exports is reached",
                               kind="too-many-requests", defects=defects)
            response.headers["Retry-After"] = str(DAY_S)
            return response
        held = ledger.owned_by(did)
        if did in erased and "user-delete-keeps-holdings" in defects:
            held = []  # the export reads the erased store; the registry still lists the holdings
        if "user-export-incomplete" in defects:
            held = held[:-1]
        if "user-export-leaks-other-user" in defects:
            others = [a for a in ledger.assets.values() if a.owner not in (did, None, ledger.issuer)]
            held = [*held, *others[-1:]]
        shown = copy.deepcopy(first_profiles[did]) if (
            "user-correction-export-stale" in defects and did in first_profiles) else profile_of(did)
        package = {"type": "UserDataExport", "subject": did, "profile": shown,
                   "holdings": [portability.asset_export(asset) for asset in held], "activity": activity_of(did),
                   "derived": habits.exported(did)}
        if "user-export-digest-stale" in defects:
            sealed = seal(package)
            sealed["exported_at"] = now()
            return JSONResponse(exportsigning.signed(sealed, defects))
        return JSONResponse(exportsigning.signed(seal({**package, "exported_at": now()}), defects))

    async def import_(request: Request) -> Response:
        if (denied := refused(request, None)) is not None:
            return denied
        importer = caller(request) or ""
        try:
            body = await request.json()
        except ValueError:
            return problem(400, "Bad Request", "the request body is not JSON", kind="bad-request", defects=defects)
        package = body.get("export") if isinstance(body, dict) else None
        errors = package_errors(package, validate)
        if not errors:
            assert isinstance(package, dict)  # noqa: S101 - package_errors said so
            errors = exportsigning.signature_errors(package, defects)
        if errors:
            return problem(422, "Unprocessable Content", "; ".join(errors[:5]), kind="invalid-export", defects=defects)
        assert isinstance(package, dict)  # noqa: S101 - _package_errors said so
        taken = [] if "user-import-drops-holdings" in defects else package["holdings"]
        present = [b["metadata"]["asset_id"] for b in taken if b["metadata"]["asset_id"] in ledger.assets]
        if present:
            return problem(409, "Conflict", f"assets already here: {', '.join(present[:5])}", kind="asset-exists",
                           defects=defects)
        for bundle in taken:
            ledger.assets[bundle["metadata"]["asset_id"]] = portability.imported(bundle)
        profiles[importer] = copy.deepcopy(package["profile"])
        held, status = [b["metadata"]["asset_id"] for b in taken], 200 if "user-import-200" in defects else 201
        return JSONResponse({"subject": importer, "profile": profile_of(importer), "holdings": held},
                            status_code=status)

    return [
        Route("/users/import", import_, methods=["POST"]),
        Route("/users/{did}/profile", profile, methods=["GET", "PUT"]), Route("/users/{did}/export", export),
        Route("/users/{did}/data", delete, methods=["DELETE"]),
        Route("/users/{did}/consents/{purpose}", consent, methods=["PUT", "DELETE"]),
        Route("/users/{did}/biometrics", biometrics, methods=["GET", "POST"]),
        *habit_data.routes(habits, refused),
    ]


def _expired(record: dict[str, Any], at: datetime) -> bool:
    """Whether ``record``'s purpose states a retention that has passed at ``at`` since it was made."""
    retention = TERMS["purposes"].get(record["purpose"], {}).get("retention_s")
    return isinstance(retention, int) and record["_at"] + timedelta(seconds=retention) <= at


def _late_ready(pending: dict[str, datetime], did: str, at: datetime) -> bool:
    """user-export-late: whether the export first asked for at ``pending[did]`` is served at ``at``
    (the first request starts the wait; once served, the next request waits again)."""
    asked = pending.setdefault(did, at)
    if (at - asked).total_seconds() < LATE_S:
        return False
    del pending[did]
    return True


def _over_limit(answered: list[float]) -> bool:
    """Whether one more export would break the declared daily limit (keeps the day's times)."""
    moment = reference_clock.seconds()  # a simulated day passes too
    answered[:] = [t for t in answered if moment - t < DAY_S]
    if len(answered) >= TERMS["limits"]["exports_per_day"]:
        return True
    answered.append(moment)
    return False
