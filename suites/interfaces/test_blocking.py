"""Blocking another user in a shared space (IF-CODE-009, social conduct between users).

One test user (A) blocks another (B) through annex D's ``POST /blocks``; then A, B, a third user
(C, the control: it must still be given what B publishes) share a space over
the session binding (conformance.areas.interfaces.sessions), and A's record is judged: none of
B's states, no announcement of B's arrival, and no place for B in A's snapshot.
"""

from __future__ import annotations

import os

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.registry import Registry, provisioned
from conformance.areas.interfaces import sessions
from conformance.areas.interfaces.requestbodies import block_request

#: The space the harness drives (the procedure's numbers, not the platform's): A, B and C join
#: in that order, each publishes 10 updates 100 ms apart (the session profile's rate), and the
#: record waits 2 s after the last for updates still on their way, IF-SES-001's `session_settle_ms`
#: default: the same wait for the same states, fixed here (no IXIT setting lengthens a wait R2 rests on).
#: No late joiner: nothing of one is judged.
BLOCKER, BLOCKED, CONTROL = 0, 1, 2
PLAN = sessions.Plan(participants=3, updates=10, interval_s=0.1, settle_s=2.0, late=False)


@pytest.mark.requirement("IF-CODE-009")
def test_a_blocked_user_no_longer_reaches_the_user_who_blocked_it(targets: Targets, evidence: Evidence,
                                                                   params: Parameters) -> None:
    api = targets["api"]
    # no join path: a failure under no rule, as IF-SES-004's (no session is there to withhold B from, so none of
    # the four rules is broken; the profile's sessions are missing)
    declared = sessions.declaration(api)
    people = provisioned(api, params.identity_path, PLAN.participants)
    blocker, blocked = people[BLOCKER], people[BLOCKED]
    answer = Registry(api).call("POST", "/blocks", blocker, block_request(blocked.did))
    if answer.status != 201:  # the one status annex D's contract gives blockUser
        evidence.finding(msg("interfaces.block-refused", status=answer.status, blocked=blocked.did),
                         file=answer.requested, expected=201, actual=answer.status, rule="R1")
        return
    plan = PLAN  # its answers are waited for the fixed 10 s (Plan's default), never the IXIT's timeout_s
    record = sessions.run(str(api.base_url), declared["join"], f"conformance-block-{os.urandom(6).hex()}",
                          [person.token for person in people], plan, api.tls_context())
    where = f"GET {sessions.join_url(str(api.base_url), declared['join'], '{space}')}"
    if record.over_bound:  # a message past 5.1's bound 「会话消息的大小」: the run is not judged
        raise Inconclusive(msg("interfaces.ses-message-over-bound", participants=PLAN.participants,
                               where=record.over_bound))
    if record.failures:  # the space itself: IF-SES-001's to judge
        raise Inconclusive(msg("interfaces.ses-not-joined", participants=PLAN.participants,
                               detail=record.failures[0][1]))
    control = sum(1 for sender, _, _ in record.received.get(CONTROL, []) if sender == BLOCKED)
    if not control:  # nothing of B reached anyone: the relay (IF-SES-003's), not the block
        raise Inconclusive(msg("interfaces.block-no-control", updates=PLAN.updates))
    blocked_id = record.ids[BLOCKED]
    states = sum(1 for sender, _, _ in record.received.get(BLOCKER, []) if sender == BLOCKED)
    if states:
        evidence.finding(msg("interfaces.block-states-relayed", count=states, updates=PLAN.updates),
                         file=where, expected=0, actual=states, rule="R2")
    if blocked_id in record.joined.get(BLOCKER, []):
        evidence.finding(msg("interfaces.block-arrival-announced"), file=where, rule="R3")
    snapshot = record.snapshots.get(BLOCKER)
    if not isinstance(snapshot, dict):  # an error or no answer: R4 has no snapshot to read (3.23: not judged)
        evidence.unjudged(f"the snapshot of the user who blocked at {where}", msg("interfaces.block-snapshot-unjudged"),
                          rule="R4")
    elif blocked_id in snapshot:
        evidence.finding(msg("interfaces.block-snapshot-shows"), file=where, rule="R4")
    evidence.note(msg("interfaces.block-checked", blocked=blocked.did, control=control, updates=PLAN.updates))
