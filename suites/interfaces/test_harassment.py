"""Harassment in a shared space, reported by the user it targets, and the sanction that follows
(IF-CODE-010, social conduct between users).

Three test users share a space (conformance.areas.interfaces.harassment): the harasser (H) says
to the target (T) a chat message carrying annex D's marker of harassment, and a
bystander (C) says to T a harmless one. T reports each to the reporting endpoint, naming the
message (space, sender, seq); H's report must be upheld with a sanction on H, C's must not
sanction C, and while a sanction that silences (mute, suspension, ban) is in force, H's next
chat message must reach nobody in the space.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conformance import Evidence, Inconclusive, Message, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.registry import Identity, Registry, provisioned
from conformance.areas.interfaces import harassment, sessions
from conformance.areas.interfaces.harassment import BYSTANDER, HARASSER, TARGET, Heard
from conformance.areas.interfaces.reporting import REPORT_SCHEMA, answer_due, declaration, when
from conformance.areas.interfaces.requestbodies import harassment_report
from conformance.areas.interfaces.unchecked import rule_unchecked

#: The sanctions under which a user says nothing to others (the code of conduct's words: a mute
#: silences messages and chat, a suspension and a ban every action).
SILENCING = ("mute", "suspension", "ban")


#: What T's report of one message came to: its outcome (None: none shown), where it was read, and
#: why a missing outcome decides nothing, with what would let it (None: the report was filed and
#: the test clock moved where it was asked to): a filing annex D's contract does not acknowledge
#: (201 alone, as IF-MOD-002 takes it; the acknowledgement is IF-REPORT-001's to judge), or a
#: test clock that refused to pass the time limit; and the instant by which it was to be decided (its
#: received_at and the time limit; None: no acknowledgement read), against which R1 reads its decided_at.
Outcome = tuple[dict[str, Any] | None, str, tuple[Message, Message] | None, datetime | None]


def _read_back(registry: Registry, shown: str, reporter: Identity) -> tuple[Any, tuple[Message, Message] | None]:
    """The report as its reporter reads it, and the reason the rule reading its outcome stays unchecked
    when the read (IF-REPORT-001's operation) is not answered 200 with a body that parses."""
    read = registry.call("GET", shown, reporter)
    report, state = served_body(read)
    if report is None:
        return None, (msg("shared.unread", what=msg("interfaces.report-read-back"), request=f"GET {shown}",
                          status=state, requirement="IF-REPORT-001"), msg("interfaces.fix-report-acknowledged"))
    return report, None


def _outcome(api: Any, registry: Registry, path: str, reporter: Identity, body: dict[str, Any],
             response_s: int, clock_path: str, schemas: SchemaRegistry) -> Outcome:
    """The outcome of ``body`` filed by ``reporter`` as it reads it, the test clock passed beyond
    the time limit when it is not there yet."""
    filed = registry.call("POST", path, reporter, body)
    # the acknowledgement and the read-back are IF-REPORT-001's operations, set-ups here: a body that does not
    # parse leaves the rule reading the outcome unchecked, as one not acknowledged, never a fail under no rule
    ack, state = served_body(filed, ok=201)
    if ack is None or schemas.findings(ack, REPORT_SCHEMA):
        return None, f"{filed.requested} -> {filed.status}", (
            msg("interfaces.harassment-report-refused", at=filed.requested, status=state),
            msg("interfaces.fix-report-acknowledged")), None
    shown = f"{path.rstrip('/')}/{quote(ack['report_id'], safe='')}"  # type: ignore[index]
    report, unread_reason = _read_back(registry, shown, reporter)
    if unread_reason:
        return None, shown, unread_reason, None
    due = answer_due(report, response_s) if isinstance(report, dict) else None
    if isinstance(report, dict) and report.get("outcome") is None and due is not None:
        try:
            set_clock(api, clock_path, reporter, due + timedelta(seconds=1))
        except NonConformance:
            return None, shown, (
                msg("interfaces.report-clock-not-set", path=clock_path, at=(due + timedelta(seconds=1)).isoformat()),
                msg("interfaces.fix-report-clock", path=clock_path)), due
        report, unread_reason = _read_back(registry, shown, reporter)
        if unread_reason:
            return None, shown, unread_reason, due
    outcome = report.get("outcome") if isinstance(report, dict) else None
    return (outcome if isinstance(outcome, dict) else None), shown, None, due


@pytest.mark.requirement("IF-CODE-010")
def test_harassment_its_target_reports_is_sanctioned(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                    params: Parameters) -> None:
    api = targets["api"]
    join = sessions.declaration(api, "R1")["join"]  # no join path: the profile's sessions are missing (the first rule)
    endpoint = declaration(api, "R1")["endpoint"]  # none declared: the profile's reporting is missing (R1)
    path = urlsplit(endpoint).path or endpoint
    people = provisioned(api, params.identity_path, 3)
    registry = Registry(api)
    space = f"conformance-harassment-{os.urandom(6).hex()}"
    outcomes: dict[int, Outcome] = {}

    def report_both(heard: Heard) -> None:
        """Between the rounds: T reports H's and C's first messages, as it was told them."""
        for sender in (HARASSER, BYSTANDER):
            if heard.chat(TARGET, sender, 0) is not None:
                body = harassment_report(people[sender].did, space, str(heard.ids[sender]), 0)
                outcomes[sender] = _outcome(api, registry, path, people[TARGET], body, params.report_response_s,
                                            params.clock_path, schemas)

    heard = harassment.run(sessions.join_url(str(api.base_url), join, space), [p.token for p in people],
                           report_both, api.tls_context())
    where = f"GET {sessions.join_url(str(api.base_url), join, '{space}')}"
    if heard.over_bound:  # a message past 5.1's bound 「会话消息的大小」: the scene is not judged
        raise Inconclusive(msg("interfaces.ses-message-over-bound", participants=3, where=heard.failures[0]))
    if heard.failures:  # the space itself: IF-SES-001's to judge
        raise Inconclusive(msg("interfaces.ses-not-joined", participants=3, detail=heard.failures[0]))
    if HARASSER not in outcomes or BYSTANDER not in outcomes:  # a chat never relayed: IF-SES-003's
        raise Inconclusive(msg("interfaces.harassment-not-relayed"))
    upheld, upheld_at, unjudged, due = outcomes[HARASSER]
    sanction = upheld.get("sanction") if upheld is not None and upheld.get("decision") == "sanction" else None
    if upheld is None and unjudged:  # not acknowledged, or undecided and the limit could not be passed
        rule_unchecked(evidence, "R1", *unjudged)
    elif not isinstance(sanction, str) or not sanction:
        evidence.finding(msg("interfaces.harassment-not-upheld", limit=params.report_response_s), file=upheld_at,
                         pointer="/outcome", expected=msg("interfaces.expect-sanction"), actual=upheld, rule="R1")
    elif due is not None and (decided := when(upheld.get("decided_at") if upheld else None)) is not None \
            and decided > due:  # upheld, but only after the time limit had passed (seventieth reading)
        evidence.finding(msg("interfaces.report-outcome-late", limit=params.report_response_s), file=upheld_at,
                         pointer="/outcome/decided_at", expected=f"<= {due.isoformat()}", actual=str(decided),
                         rule="R1")
    control, control_at, unjudged, _ = outcomes[BYSTANDER]
    if control is None:
        rule_unchecked(evidence, "R2", *(unjudged or (msg("interfaces.harassment-control-undecided", at=control_at),
                                                      msg("interfaces.fix-report-clock", path=params.clock_path))))
    elif control.get("decision") == "sanction" or control.get("sanction"):
        evidence.finding(msg("interfaces.harassment-harmless-sanctioned"), file=control_at, pointer="/outcome",
                         expected=msg("interfaces.expect-no-sanction"), actual=control, rule="R2")
    if sanction in SILENCING:
        if not heard.reached(TARGET, BYSTANDER, 1):  # the space no longer relays at all: not the sanction
            rule_unchecked(evidence, "R3", msg("interfaces.harassment-no-control"),
                           msg("interfaces.fix-session-relay"))
        else:
            told = [who for who in (TARGET, BYSTANDER) if heard.chat(who, HARASSER, 1) is not None]
            if told:
                evidence.finding(msg("interfaces.harassment-still-heard", sanction=sanction, count=len(told)),
                                 file=where, pointer="/params/chat", expected=None,
                                 actual=heard.chat(told[0], HARASSER, 1), rule="R3")
    evidence.note(msg("interfaces.harassment-checked", sanction=sanction or "-", space=space))
