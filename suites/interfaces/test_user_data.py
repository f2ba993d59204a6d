"""A user's data moving between platforms (profile data-portability, IF-UDP-001..006).

At each platform of the pair the harness makes two users: the subject and another user, each
with a profile carrying marks of its own (display name, avatar reference, a setting) and two
assets (conformance.areas.interfaces.userplatform); IF-UDP-006, which reads the subject alone,
makes the subject only. The subject asks for its data export (the
discovery document's user_data.export):

- IF-UDP-001: the export is a UserDataExport and says what the platform's own API says of
  the subject: the same profile, every asset the listing says it holds, each with its history;
- IF-UDP-002: its integrity member seals it as the discovery document declares;
- IF-UDP-003: nothing in it is the other user's (its DID, its marks, its assets), and it
  names no holding the listing does not give the subject;
- IF-UDP-004: the export is refused to the other user (403 or 404) and to no one (401);
- IF-UDP-005: imported at the other platform, the importing identity has the same profile and
  every holding is there with the same history and holder (both directions: the A x B matrix);
- IF-UDP-006: the export is provided within 30 days of the request (GB/T 35273-2020 8.7 c)) on the
  user's test clock: at once, or accepted (202) and served by then.

What the user may ask of its data beyond moving it (IF-UDP-007..011, IF-BIO-001):
test_user_rights.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urljoin

import pytest

from conformance import Evidence, Inconclusive, InteropMatrix, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Identity, Session
from conformance.areas.interfaces import userdata
from conformance.areas.interfaces.requestbodies import user_import_request
from conformance.areas.interfaces.userplatform import (
    Platform,
    as_user,
    exported,
    held_by,
    history_events,
    judged_export,
    platform,
    subject_platform,
)

ROLES = ("api", "api_b")


@pytest.mark.requirement("IF-UDP-001")
def test_a_users_export_is_complete(targets: Targets, params: Parameters, schemas: SchemaRegistry, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        package = exported(place, evidence)
        path = userdata.user_path(place.declared["export"], place.subject.identity.did)
        where = f"{place.api.requested('GET', path)} at {role}"
        if package is None or evidence.findings_from(schemas.findings(package, userdata.EXPORT_SCHEMA), file=where):
            continue
        did = place.subject.identity.did
        read = place.api.request("GET", userdata.user_path(place.declared["profile"], did),
                                 headers=as_user(place.subject.identity), auth=None)
        held = held_by(place.api, did)
        profile, _ = served_body(read)  # a set-up: a profile not served leaves the export uncompared
        if profile is None or held is None:
            raise Inconclusive(msg("interfaces.udp-not-reported", platform=role))
        histories = {}
        for asset in held:
            answer = place.api.get(f"/assets/{quote(asset, safe='')}/history")
            events, state = history_events(answer)
            if events is None:  # a history not served is AS-REG-001's: this holding's events are not compared
                unread(evidence, answer.requested, msg("interfaces.udp-history-of", asset=asset), state,
                       "AS-REG-001")
            else:
                histories[asset] = events
        for pointer, problem in userdata.completeness(package, did, profile, held, histories):
            evidence.finding(problem, file=where, pointer=pointer)
        evidence.note(msg("interfaces.udp-export-read", platform=role, did=did, holdings=len(held)))


@pytest.mark.requirement("IF-UDP-002")
def test_a_users_export_is_sealed_as_declared(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        scheme = place.declared.get("integrity")
        if scheme not in userdata.INTEGRITY_SCHEMES:
            raise Inconclusive(msg("interfaces.udp-scheme-unknown", scheme=repr(scheme)))
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        problem = userdata.integrity_problem(package, scheme)
        if problem is not None:
            evidence.finding(problem, file=f"user data export at {role}", pointer="/integrity")
        else:
            evidence.note(msg("interfaces.udp-sealed", platform=role, scheme=scheme))


@pytest.mark.requirement("IF-UDP-003")
def test_a_users_export_carries_nothing_of_another_user(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        other = place.other
        needles = {other.identity.did: "DID", other.profile["display_name"]: "profile",
                   **{asset: "asset" for asset in other.assets}}
        where = f"user data export of {place.subject.identity.did} at {role}"
        for pointer, label in userdata.mentions(package, needles):
            evidence.finding(msg("interfaces.udp-other-user", what=label, did=other.identity.did), file=where,
                             pointer=pointer)
        held = held_by(place.api, place.subject.identity.did)
        if held is None:  # the listing is what a holding is compared with: without it, unjudged
            evidence.unjudged(where, msg("interfaces.udp-not-reported", platform=role))
            continue
        foreign = [a for a in userdata.holding_ids(package) if a not in held]
        if foreign:
            evidence.finding(msg("interfaces.udp-not-held", assets=", ".join(map(str, foreign[:5]))), file=where,
                             pointer="/holdings")
        evidence.note(msg("interfaces.udp-other-checked", platform=role, did=other.identity.did))


@pytest.mark.requirement("IF-UDP-004")
def test_a_users_export_is_refused_to_anyone_else(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                  evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        for who, allowed in ((place.other.identity, {403, 404}), (None, {401})):
            answer = place.export(who)
            if answer.status not in allowed:
                asker = who.did if who else msg("interfaces.udp-anonymous")
                evidence.finding(msg("interfaces.udp-export-not-refused", asker=asker, status=answer.status),
                                 file=f"GET {answer.url}", expected=sorted(allowed), actual=answer.status)
            else:
                check_problem(answer, schemas, evidence)
        evidence.note(msg("interfaces.udp-refusals", platform=role))


@pytest.mark.requirement("IF-UDP-005")
def test_a_users_data_moves_to_the_other_platform(targets: Targets, params: Parameters, evidence: Evidence,
                                                  interop: InteropMatrix):
    for source, target in ((ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])):
        place = platform(targets, source, params.identity_path, evidence)
        package = judged_export(place, source, evidence)  # an export not served is IF-UDP-001's: no cell
        if package is None:
            continue
        there = userdata.declaration(targets[target], ("profile", "import"))  # the importer's own profile read back
        # The importer must not be the subject's namesake there: holdings keep their holder.
        importer = next(i for i in Session({"api": targets[target]}, params.identity_path, count=2).ids
                        if i.did != place.subject.identity.did)
        answer = targets[target].request("POST", there["import"], json=user_import_request(package),
                                         headers=as_user(importer), auth=None)
        if answer.status != 201:  # annex D's contract gives 201 alone
            interop.record(source, target, "user-data", False,
                           msg("interfaces.iop-import-answered", platform=target, status=answer.status))
            continue
        problems, unjudged = _differences(targets[target], target, there, importer, package, place, evidence)
        if unjudged and not problems:  # a holding read AS-REG-001 judges failed: this cell stays empty
            continue
        detail = _joined(problems) or msg(
            "interfaces.udp-moved", did=place.subject.identity.did, importer=importer.did,
            holdings=len(userdata.holding_ids(package)))
        interop.record(source, target, "user-data", not problems, detail)


def _differences(api: Any, role: str, declared: dict[str, Any], importer: Identity, package: dict[str, Any],
                 place: Platform, evidence: Any) -> tuple[list[str], bool]:
    """What the import at ``api`` did not take over, and whether a holding was left unjudged: a
    state or history answered with a server error there, or a history not served at the source,
    is AS-REG-001's to judge (unread, naming it), not a holding that did not move."""
    problems, unjudged = [], False
    read = api.request("GET", userdata.user_path(declared["profile"], importer.did), headers=as_user(importer),
                       auth=None)
    profile, state = served_body(read)  # the state names a 200 whose body does not parse
    if profile is None or profile != package.get("profile"):
        problems.append(msg("interfaces.udp-imported-profile-differs", status=state))
    for asset in place.subject.assets:
        state = api.get(f"/assets/{quote(asset, safe='')}/state")
        moved = api.get(f"/assets/{quote(asset, safe='')}/history")
        kept = place.api.get(f"/assets/{quote(asset, safe='')}/history")
        (now, now_state), (events, events_state) = served_body(state), history_events(moved)
        kept_events, kept_state = history_events(kept)
        # a server error, or a 200 whose body does not parse, is how AS-REG-001's reads are served: unjudged
        unserved = [(answer, key, named) for answer, key, named in
                    ((state, "interfaces.udp-imported-state-of", now_state),
                     (moved, "interfaces.udp-imported-history-of", events_state))
                    if answer.status >= 500 or (answer.status == 200 and isinstance(named, str))]
        if kept_events is None:
            unserved.append((kept, "interfaces.udp-history-of", kept_state))
        for answer, key, named in unserved:
            unread(evidence, answer.requested, msg(key, asset=asset, platform=role), named, "AS-REG-001")
        if unserved:
            unjudged = True
            continue
        owner = now.get("owner") if isinstance(now, dict) else None
        if owner != place.subject.identity.did or events != kept_events:
            problems.append(msg("interfaces.udp-holding-not-moved", asset=asset, owner=repr(owner)))
    return problems, unjudged


@pytest.mark.requirement("IF-UDP-006")
def test_the_export_is_provided_within_the_time_limit(targets: Targets, params: Parameters, evidence: Evidence):
    """The export a user asks for is provided within export_response_s (30 days, GB/T 35273-2020
    8.7 c)) on the user's test clock: answered 200 at once, or 202 Accepted with a Location that
    answers 200 with the export once the user's test clock stands the limit after the request."""
    limit = int(params.export_response_s)
    for role in ROLES:
        place = subject_platform(targets, role, params.identity_path, evidence)
        who = place.subject.identity
        asked = datetime.now(timezone.utc).replace(microsecond=0)
        try:  # set-up, needed only when the export is not answered at once
            set_clock(place.api, params.clock_path, who, asked)
            clocked = True
        except NonConformance:
            clocked = False
        answer = place.export(who)
        if answer.status == 200:
            evidence.note(msg("interfaces.udp-export-at-once", platform=role, limit=limit))
            continue
        if answer.status != 202:  # whether the export is served at all is IF-UDP-001's
            unread(evidence, answer.requested, msg("interfaces.udp-export-of", platform=role), answer.status,
                   "IF-UDP-001")
            continue
        location = answer.headers.get("location") or ""
        if not clocked:
            raise Inconclusive(msg("interfaces.udp-export-clock-not-set", platform=role, path=params.clock_path))
        try:
            set_clock(place.api, params.clock_path, who, asked + timedelta(seconds=limit))
        except NonConformance as exc:
            raise Inconclusive(msg("interfaces.udp-export-clock-not-set", platform=role,
                                   path=params.clock_path)) from exc
        later = place.api.request("GET", urljoin(str(answer.url), location) if location else str(answer.url),
                                  headers=as_user(who), auth=None)
        body = own_json(later, None) if later.status == 200 else None  # IF-UDP-006 states no rules
        if not (isinstance(body, dict) and body.get("type") == "UserDataExport"):
            evidence.finding(msg("interfaces.udp-export-late", platform=role, limit=limit), file=later.requested,
                             expected=msg("interfaces.expect-export-within", limit=limit), actual=later.status)
            continue
        evidence.note(msg("interfaces.udp-export-within", platform=role, limit=limit), location=location)


def _joined(problems: list[str]) -> str:
    """The problems of one cell as one detail ("first; second"), each still in its template."""
    joined = problems[0] if problems else ""
    for problem in problems[1:]:
        joined = msg("interfaces.iop-and", first=joined, then=problem)
    return joined
