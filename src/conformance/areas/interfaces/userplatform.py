"""A user at each platform of a pair, as the user-data checks make one (IF-UDP-*, IF-BIO-001:
suites/interfaces/test_user_data.py and test_user_rights.py): two identities on the platform,
the subject and another user, each with a profile carrying marks of its own and two assets, where
a case reads the other user (:func:`platform`); the subject alone where it does not
(:func:`subject_platform`, :func:`enrolling_platform`); and what the platform's API says of them
(the subject's export, its holdings, an asset's history).

Answers are read as a target sent them: a body that is not what it should be is None here, for
the check to judge (a finding) or to leave unjudged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from conformance import Inconclusive, msg

from .._shared.dependent import served_body, unread
from .._shared.ownread import UNPARSED, own_json_or_finding
from .._shared.registry import Identity, Session
from . import userdata
from .pagination import MAX_LISTING_PAGES
from .requestbodies import profile_request

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget, Targets
    from conformance.area import JsonObject, JsonValue, Response

#: Annex D's statuses for the set-ups' own requests (table D.3): ``PUT /users/{did}/profile`` 200 and
#: ``PUT /users/{did}/consents/{purpose}`` 204. A set-up answered otherwise leaves its case inconclusive
#: (IF-UDP-011 judges the profile set's status: it catches :class:`ProfileNotSet`), never judged on a status
#: the contract does not give.
PROFILE_SET = 200
CONSENT_GIVEN = 204
#: The ``user_data`` paths a platform's set-up calls (:func:`platform`, :func:`subject_platform`: the profile it
#: sets, the export it reads), and those of a platform enrolling biometrics (:func:`enrolling_platform`: its export alone). A case
#: is inconclusive only for a path it calls: its inconclusive line names these (tests/drafting hold it).
USER_PATHS = ("profile", "export")
ENROLLING_PATHS = ("export",)


class ProfileNotSet(Inconclusive):
    """A set-up's profile set answered other than annex D's 200: inconclusive for every case but IF-UDP-011,
    whose R1 judges that answer (fifty-fifth reading, b1: no other case judges it)."""

    def __init__(self, answer: Response, path: str) -> None:
        super().__init__(msg("interfaces.udp-profile-not-set", path=path, status=answer.status))
        self.answer = answer


@dataclass
class User:
    identity: Identity
    profile: JsonObject
    assets: list[str]


@dataclass
class Platform:
    api: HttpTarget
    declared: JsonObject
    subject: User
    other: User

    def export(self, who: Identity | None, of: Identity | None = None) -> Response:
        """The export of ``of`` (the subject by default) as ``who`` asks for it (None: no one)."""
        path = userdata.user_path(str(self.declared["export"]), (of or self.subject.identity).did)
        return self.api.request("GET", path, headers=as_user(who) if who else {}, auth=None)


def as_user(who: Identity) -> dict[str, str]:
    """The headers of a request the user ``who`` sends itself."""
    return {"Authorization": f"Bearer {who.token}"}


def set_profile(api: HttpTarget, path: str, profile: JsonObject, who: Identity) -> Response:
    """``who`` sets its profile at ``path`` (set-up: an answer other than annex D's 200 leaves the check
    inconclusive)."""
    answer = api.request("PUT", path, json=profile, headers=as_user(who), auth=None)
    if answer.status != PROFILE_SET:
        raise ProfileNotSet(answer, path)
    return answer


def give_consent(api: HttpTarget, path: str, who: Identity, purpose: str) -> Response:
    """``who`` consents to ``purpose`` at ``path`` (set-up: an answer other than annex D's 204 leaves the
    check inconclusive)."""
    answer = api.request("PUT", path, headers=as_user(who), auth=None)
    if answer.status != CONSENT_GIVEN:
        raise Inconclusive(msg("interfaces.udp-consent-not-given", path=path, purpose=purpose,
                               status=answer.status))
    return answer


def make_user(api: HttpTarget, session: Session, who: Identity, declared: JsonObject, evidence: Evidence,
          label: str) -> User:
    """``who`` made a user of the platform: its profile set with marks of ``label`` and two assets
    issued (set-up: either refused leaves the check inconclusive)."""
    profile = profile_request(f"conformance-{session.nonce}-{label}")
    path = userdata.user_path(str(declared["profile"]), who.did)
    set_profile(api, path, profile, who)
    assets = [session.issue(evidence, who, label) for _ in range(2)]
    if None in assets:
        raise Inconclusive(msg("interfaces.udp-not-issued"))
    return User(who, profile, [a for a in assets if a])


def platform(targets: Targets, role: str, identity_path: str, evidence: Evidence) -> Platform:
    """The platform serving ``role`` with its subject and other user made (set-up: a profile not
    set or an asset not issued leaves the check inconclusive)."""
    api = targets.http(role)
    declared = userdata.declaration(api, USER_PATHS)
    session = Session({"api": api}, identity_path, count=2)
    subject, other = session.ids[:2]
    return Platform(api, declared, make_user(api, session, subject, declared, evidence, "subject"),
                    make_user(api, session, other, declared, evidence, "other"))


def subject_platform(targets: Targets, role: str, identity_path: str, evidence: Evidence) -> Platform:
    """The platform serving ``role`` with its subject made and no one else (set-up: a profile not set or an asset not
    issued leaves the check inconclusive): what a case reading the subject alone needs (IF-UDP-006 to -011, whose
    step 1 provisions one test identity; seventy-fourth reading, b1: they opened a second identity they never read,
    whose refusal left them inconclusive). The other user is the subject itself, which those cases never read."""
    api = targets.http(role)
    declared = userdata.declaration(api, USER_PATHS)
    session = Session({"api": api}, identity_path, count=1)
    subject = make_user(api, session, session.ids[0], declared, evidence, "subject")
    return Platform(api, declared, subject, subject)


def enrolling_platform(targets: Targets, role: str, identity_path: str) -> Platform:
    """The platform serving ``role`` with one identity and nothing set or issued: what IF-BIO-001 needs (its own
    templates, consents and export); the other user is the subject itself, which that case never reads."""
    api = targets.http(role)
    who = Session({"api": api}, identity_path, count=1).ids[0]
    user = User(who, {}, [])
    return Platform(api, userdata.declaration(api, ENROLLING_PATHS), user, user)


def exported(place: Platform, evidence: Evidence) -> JsonObject | None:
    """The subject's own export, or None with a finding; None, unjudged, when the export is deferred (annex D's 202:
    served later at its Location, within the limit IF-UDP-006 judges; fifty-sixth reading, b2)."""
    answer = place.export(place.subject.identity)
    if answer.status == 202:
        unread(evidence, answer.requested, msg("interfaces.udp-export-deferred"), 202, "IF-UDP-006")
        return None
    body = own_json_or_finding(answer, None, evidence) if answer.status == 200 else None  # IF-UDP-001's (no rules)
    if body is UNPARSED:
        return None
    if not isinstance(body, dict):
        evidence.finding(msg("interfaces.udp-export-answered", status=answer.status), file=f"GET {answer.url}",
                         expected=200, actual=answer.status)
        return None
    return body


def judged_export(place: Platform, role: str, evidence: Evidence) -> JsonObject | None:
    """The subject's own export, for a requirement about what an export holds (IF-UDP-002, -003):
    None, unjudged, when there is none to read (whether it is served is IF-UDP-001's to judge)."""
    answer = place.export(place.subject.identity)
    body, state = served_body(answer)  # a body that does not parse is IF-UDP-001's finding
    if not isinstance(body, dict):
        evidence.unjudged(f"user data export at {role}", msg("interfaces.udp-export-unjudged", platform=role,
                                                              status=state))
        return None
    return body


def held_by(api: HttpTarget, did: str) -> list[str] | None:
    """The asset IDs the platform's listing gives ``did`` (every page), or None: also when it still links a next
    page after 5.1's reading bound 「跟随的列表页数」 (IF-PAGE-001's, the cases citing it; fifty-fifth reading, bx2:
    a hidden 50 pages before), never the pages read before it (sixty-eighth reading, b1: the partial list came
    back, and IF-UDP-003 failed a holding on a page past the bound)."""
    url: str | None = f"/assets?owner={quote(did, safe=':')}"
    ids: list[str] = []
    for _ in range(MAX_LISTING_PAGES):
        if url is None:
            return ids
        body, _ = served_body(api.get(url))  # how listings are served is AS-REG-001's to judge
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            return None
        ids += [str(item["asset_id"]) for item in body["items"] if isinstance(item, dict) and "asset_id" in item]
        after = body.get("next")
        url = after if isinstance(after, str) else None
    return ids if url is None else None


def history_events(answer: Response) -> tuple[list[JsonValue] | None, object]:
    """The events of an asset's history answer (a read AS-REG-001 judges), and the state to name
    when there are none: its status, a body that does not parse, or 200 without ``events``."""
    body, state = served_body(answer)
    events = body.get("events") if isinstance(body, dict) else None
    if isinstance(events, list):
        return events, state
    return None, msg("shared.answered-without", member="events") if body is not None else state
