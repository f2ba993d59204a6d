"""The online community beyond one shared space (IF-COMM-001; docs/interfaces.md, "The online
community").

Four test users: A follows B, and B's followers are looked at from B's side; A sends B a direct
message, and B's inbox and those of C and D (the controls) are looked at; B blocks D, and D's
message to B must be refused and never reach B. No shared space is joined: the community is what
members do with one another outside one.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg
from conformance.areas._shared.dependent import unparsed
from conformance.areas._shared.registry import Identity, Registry, provisioned
from conformance.areas.interfaces.requestbodies import block_request, follow_request, message_request
from conformance.areas.interfaces.unchecked import rule_unchecked

FOLLOWER, FOLLOWED, CONTROL, BLOCKED = 0, 1, 2, 3


class _Unread(Exception):
    """A listing answered 200 with a body that does not parse: R5's finding, recorded; the rule that
    reads the listing is then not judged (it would otherwise pass on a list never read)."""


def _listed(evidence: Evidence, registry: Registry, path: str, who: Identity, field: str) -> list[object] | None:
    """``field`` of what GET ``path`` answers ``who``, None when it is no list; raises _Unread (after
    recording R5's finding) when the 200 answer's body does not parse, as annex D's contract says it does."""
    answer = registry.call("GET", path, who)
    if answer.status != 200:
        return None
    try:
        body = answer.json()
    except NonConformance as exc:
        evidence.finding(msg("interfaces.comm-listing-unparsed", path=path, member=who.did, state=unparsed(exc)),
                         file=answer.requested, expected="application/json", actual=unparsed(exc), rule="R5")
        raise _Unread(path) from exc
    value = body.get(field) if isinstance(body, dict) else None
    return value if isinstance(value, list) else None


def _unread(evidence: Evidence, rule: str, path: str) -> None:
    """``rule`` not judged: the listing it reads at GET ``path`` did not parse (R5's finding)."""
    rule_unchecked(evidence, rule, msg("interfaces.comm-listing-unread", path=path),
                   msg("interfaces.fix-comm-listing", path=path))


def _carrying(inbox: list[object] | None, text: str) -> list[dict[str, object]]:
    return [m for m in inbox or [] if isinstance(m, dict) and m.get("text") == text]


@pytest.mark.requirement("IF-COMM-001")
def test_members_follow_and_message_one_another(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    registry = Registry(api)
    people = provisioned(api, params.identity_path, 4)
    a, b, c, d = (people[i] for i in (FOLLOWER, FOLLOWED, CONTROL, BLOCKED))
    nonce = os.urandom(6).hex()

    # R1: a follow accepted, and the followed member sees its follower
    followed = registry.call("POST", "/follows", a, follow_request(b.did))
    if followed.status != 201:  # annex D's contract gives followMember 201 alone
        evidence.finding(msg("interfaces.comm-follow-refused", status=followed.status, followed=b.did),
                         file=followed.requested, expected=201, actual=followed.status, rule="R1")
    else:
        try:
            followers = _listed(evidence, registry, "/follows", b, "followers")
            following = _listed(evidence, registry, "/follows", a, "following")
        except _Unread:
            _unread(evidence, "R1", "/follows")
        else:
            _follows_listed(evidence, api, a, b, followers, following)

    # R2, R3: a direct message reaches its addressee once, and nobody else
    text = f"conformance-dm-{nonce}: a direct message from the harness; no answer needed"
    sent = registry.call("POST", "/messages", a, message_request(b.did, text))
    inbox = api.requested("GET", "/messages")
    if sent.status != 201:  # and sendDirectMessage
        evidence.finding(msg("interfaces.comm-message-refused", status=sent.status, to=b.did),
                         file=sent.requested, expected=201, actual=sent.status, rule="R2")
        rule_unchecked(evidence, "R3", msg("interfaces.comm-no-message"), msg("interfaces.fix-comm-message"))
    else:
        try:
            got = _carrying(_listed(evidence, registry, "/messages", b, "messages"), text)
        except _Unread:
            _unread(evidence, "R2", "/messages")
        else:
            if len(got) != 1 or got[0].get("from") != a.did:
                evidence.finding(msg("interfaces.comm-message-undelivered", count=len(got), to=b.did,
                                     sender=a.did), file=inbox, expected=1, actual=len(got), rule="R2")
        try:
            inboxes = {p.name: _carrying(_listed(evidence, registry, "/messages", p, "messages"), text)
                       for p in (c, d)}
        except _Unread:
            _unread(evidence, "R3", "/messages")
        else:
            leaked = {name: len(found) for name, found in inboxes.items() if found}
            if leaked:
                evidence.finding(msg("interfaces.comm-message-leaked", members=", ".join(sorted(leaked)),
                                     to=b.did), file=inbox, expected={}, actual=leaked, rule="R3")

    # R4: a member the addressee blocked cannot message it
    block = registry.call("POST", "/blocks", b, block_request(d.did))
    if block.status != 201:  # the block itself: IF-CODE-009's to judge (201, as there)
        raise Inconclusive(msg("interfaces.comm-block-refused", status=block.status))
    unwanted = f"conformance-dm-{nonce}-blocked: a direct message from a blocked member; no answer needed"
    refused = registry.call("POST", "/messages", d, message_request(b.did, unwanted))
    try:
        delivered = len(_carrying(_listed(evidence, registry, "/messages", b, "messages"), unwanted))
    except _Unread:
        delivered = None  # R4's refusal still judged; its delivery half not
        _unread(evidence, "R4", "/messages")
    if not 400 <= refused.status < 500 or delivered:
        evidence.finding(msg("interfaces.comm-blocked-delivered", status=refused.status, count=delivered or 0),
                         file=refused.requested, expected="4xx, not delivered",
                         actual={"status": refused.status, "delivered": delivered}, rule="R4")
    evidence.note(msg("interfaces.comm-checked", follower=a.did, followed=b.did, blocked=d.did))


def _follows_listed(evidence: Evidence, api: Any, a: Identity, b: Identity, followers: list[object] | None,
                    following: list[object] | None) -> None:
    """R1's listing half: the follower among B's followers, B in A's following."""
    if followers is None or a.did not in followers or following is None or b.did not in following:
        evidence.finding(msg("interfaces.comm-follow-unlisted", follower=a.did, followed=b.did),
                         file=api.requested("GET", "/follows"), expected={"followers of B": [a.did],
                                                                           "following of A": [b.did]},
                         actual={"followers of B": followers, "following of A": following}, rule="R1")
