"""IF-CODE-004: each timed sanction the code of conduct declares (mute, suspension) refuses what
it names, leaves the rest allowed and lapses at its end; IF-CODE-005: it is enforced on the
user's linked identities too; IF-CODE-006: a ban refuses everything on every linked identity,
never lapses and bars new linked identities (docs/interfaces.md, "Sanctions enforced").

Each requirement passes only when every one of its rules was judged and held (issue 59): a rule
the harness could not check (no test moderation clock, a refusal answered after the period)
leaves a requirement that otherwise passes inconclusive, naming the rule and the fix."""

from __future__ import annotations

import time
from typing import Any

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.dependent import served_body, unread
from conformance.areas._shared.registry import Identity, Registry, metadata, provision_linked, provisioned, run_nonce
from conformance.areas.interfaces.reporting import CONDUCT_SCHEMA, declaration
from conformance.areas.interfaces.sanctions import (
    ALLOWED,
    BAN,
    BANNED,
    LAPSE_MARGIN_S,
    REFUSED,
    SERVED_BY,
    Actor,
    action_name,
    actor,
    advance,
    declared_sanctions,
    impose,
    linked_identity,
    longest_period,
    names_sanction,
    period_for,
)
from conformance.areas.interfaces.screening import marked
from conformance.areas.interfaces.unchecked import rule_unchecked


def all_sanctions(api: Any, schemas: Any) -> dict[str, dict[str, Any]]:
    """The code of conduct's declared sanctions by ID; inconclusive when it cannot be read
    (IF-CODE-001's to judge)."""
    code_path = declaration(api).get("conduct_rules")
    shown = api.get(code_path) if isinstance(code_path, str) and code_path.startswith("/") else None
    code, _ = served_body(shown) if shown is not None else (None, None)  # a body not JSON: IF-CODE-001's
    if not isinstance(code, dict) or schemas.findings(code, CONDUCT_SCHEMA):
        raise Inconclusive(msg("interfaces.sanction-no-code"))
    return declared_sanctions(code)


def timed_sanctions(api: Any, schemas: Any) -> dict[str, dict[str, Any]]:
    """The declared sanctions the harness knows (mute, suspension), by ID; inconclusive when the
    code of conduct cannot be read or declares neither."""
    declared = all_sanctions(api, schemas)
    known = {s: declared[s] for s in REFUSED if s in declared}
    if not known:  # the requirements apply to the sanctions declared: none declared, none apply
        raise NotApplicable(msg("interfaces.sanction-none-declared", known=", ".join(REFUSED)))
    return known


def imposed(api: Any, path: str, who: Identity, sanction: str, period: int | None) -> float:
    """Imposes ``sanction`` on ``who``: the monotonic time it was asked at (inconclusive when the
    test moderation endpoint does not impose it). A set-up: the 201 is taken and its body is not
    judged (a test-environment endpoint, table D.3, that no rule of these requirements states)."""
    response, sent = impose(api, path, who, sanction, period)
    if response.status != 201:
        raise Inconclusive(msg("interfaces.sanction-not-imposed", sanction=repr(sanction), period=period or "-",
                               path=path, status=response.status))
    return sent


def refused_check(subject: Actor, action: str, sanction: str, period: int | None, sent: float, schemas: Any,
                  evidence: Any, rule: str) -> bool:
    """``action`` by ``subject`` is refused with a 403 problem naming ``sanction``; when the answer
    came after the period (None: none) ended, ``rule`` is left unchecked (the sanction may rightly
    have lapsed). Whether it was judged."""
    response = subject.do(action)
    where = f"{response.method} {response.url}"
    elapsed = time.monotonic() - sent
    if response.status != 403 and period is not None and elapsed >= period:
        rule_unchecked(evidence, rule, msg("interfaces.sanction-too-late", action=action_name(action),
                                           sanction=repr(sanction), elapsed=round(elapsed, 1), period=period),
                       msg("interfaces.fix-moderation-clock"))
        return False
    if response.status != 403:
        evidence.finding(msg("interfaces.sanction-not-refused", action=action_name(action), did=subject.who.did,
                             sanction=repr(sanction), status=response.status), file=where, expected=403,
                         actual=response.status, rule=rule)
        return True
    check_problem(response, schemas, evidence, rule=rule)  # the rule states the 403 problem: its findings are its
    if not names_sanction(response.json(), sanction):
        evidence.finding(msg("interfaces.sanction-not-named", action=action_name(action), sanction=repr(sanction)),
                         file=where, pointer="/sanction", expected=sanction, actual=response.json(), rule=rule)
    return True


#: IF-CODE-004's rules by sanction and what is judged (the report's Rule column prints the text's R-number)
CODE_004_RULES = {("mute", "refused"): "R1", ("mute", "allowed"): "R2", ("mute", "lapses"): "R3",
                  ("suspension", "refused"): "R4", ("suspension", "allowed"): "R5", ("suspension", "lapses"): "R6"}
#: IF-CODE-005's rule by sanction: the linked identity refused
CODE_005_RULES = {"mute": "R1", "suspension": "R2"}


@pytest.mark.requirement("IF-CODE-004")
def test_each_declared_sanction_is_enforced_and_lapses(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                       params: Parameters):
    api = targets["api"]
    for sanction, spec in timed_sanctions(api, schemas).items():
        (who,) = provisioned(api, params.identity_path, 1)
        clock = advance(api, params.moderation_clock_path, who, 0)  # is there a test clock to pass the period?
        period, waits = period_for(spec, params.sanction_period_s, clock)
        subject = actor(api, who, sanction)
        if not isinstance(subject, Actor):
            raise Inconclusive(subject)
        sent = imposed(api, params.moderation_path, who, sanction, period)
        answered = time.monotonic()
        judged = [a for a in REFUSED[sanction]
                  if refused_check(subject, a, sanction, period, sent, schemas, evidence,
                                  CODE_004_RULES[sanction, "refused"])]
        for action in ALLOWED[sanction]:
            response = subject.do(action)
            if response.status >= 500:  # no refusal, no answer either: the registry's requirement judges it
                unread(evidence, f"{response.method} {response.url}",
                       msg("interfaces.sanction-allowed-answer", action=action_name(action), sanction=repr(sanction)),
                       response.status, SERVED_BY[action])
            elif response.status >= 400:
                evidence.finding(msg("interfaces.sanction-overbroad", action=action_name(action), did=who.did,
                                     sanction=repr(sanction), status=response.status),
                                 file=f"{response.method} {response.url}", expected="2xx", actual=response.status,
                                 rule=CODE_004_RULES[sanction, "allowed"])
        advanced = waits and clock and advance(api, params.moderation_clock_path, who, period + LAPSE_MARGIN_S)
        if waits and clock and not advanced:  # the clock answered the probe, not this: never wait an hour
            waits = False
            seconds = period + LAPSE_MARGIN_S
            rule_unchecked(evidence, CODE_004_RULES[sanction, "lapses"],
                           msg("interfaces.sanction-clock-refused", path=params.moderation_clock_path,
                               seconds=seconds, sanction=repr(sanction)),
                           msg("interfaces.fix-clock-advance", path=params.moderation_clock_path, seconds=seconds))
        elif not waits:
            rule_unchecked(evidence, CODE_004_RULES[sanction, "lapses"],
                           msg("interfaces.sanction-lapse-unchecked", sanction=repr(sanction),
                               low=spec.get("min_period_s"), limit=params.sanction_period_s),
                           msg("interfaces.fix-moderation-clock"))
        if waits:
            if not advanced:
                time.sleep(max(0.0, answered + period + LAPSE_MARGIN_S - time.monotonic()))
            response = subject.do("publish")
            if response.status != 201:
                evidence.finding(msg("interfaces.sanction-not-lapsed", action=action_name("publish"), did=who.did,
                                     sanction=repr(sanction), period=period, status=response.status),
                                 file=f"{response.method} {response.url}", expected=201, actual=response.status,
                                 rule=CODE_004_RULES[sanction, "lapses"])
        evidence.note(msg("interfaces.sanction-checked", sanction=repr(sanction), period=period,
                          refused=", ".join(judged) or "-", allowed=", ".join(ALLOWED[sanction]), lapse=waits))


@pytest.mark.requirement("IF-CODE-005")
def test_each_declared_sanction_is_enforced_on_linked_identities(targets: Targets, schemas: SchemaRegistry,
                                                                 evidence: Evidence, params: Parameters):
    api = targets["api"]
    for sanction, spec in timed_sanctions(api, schemas).items():
        (first,) = provisioned(api, params.identity_path, 1)
        period, _ = period_for(spec, params.sanction_period_s, advance(api, params.moderation_clock_path, first, 0))
        second = linked_identity(api, params.identity_path, first, evidence, CODE_005_RULES[sanction])
        if second is None:
            continue
        linked = actor(api, second, f"{sanction}-linked")
        if not isinstance(linked, Actor):
            raise Inconclusive(linked)
        sent = imposed(api, params.moderation_path, first, sanction, period)
        if refused_check(linked, "publish", sanction, period, sent, schemas, evidence, CODE_005_RULES[sanction]):
            evidence.note(msg("interfaces.sanction-linked-checked", sanction=repr(sanction), sanctioned=first.did,
                              linked=second.did))


@pytest.mark.requirement("IF-CODE-006")
def test_a_ban_refuses_everything_on_linked_identities_and_never_lapses(targets: Targets, schemas: SchemaRegistry,
                                                                        evidence: Evidence, params: Parameters):
    api = targets["api"]
    declared = all_sanctions(api, schemas)
    if BAN not in declared:  # IF-CODE-006 applies to a declared ban
        raise NotApplicable(msg("interfaces.sanction-none-declared", known=BAN))
    (first,) = provisioned(api, params.identity_path, 1)
    second = linked_identity(api, params.identity_path, first, evidence, "R2")
    if second is None:
        return
    subject, linked = actor(api, first, BAN), actor(api, second, f"{BAN}-linked")
    if not isinstance(subject, Actor) or not isinstance(linked, Actor):
        raise Inconclusive(subject if not isinstance(subject, Actor) else linked)
    sent = imposed(api, params.moderation_path, first, BAN, None)
    # the rules of the text (the report's Rule column prints them): R1 the banned identity, R2 the linked one,
    # R3 after the longest timed period, R4 a new linked registration
    for who, rule in ((subject, "R1"), (linked, "R2")):
        for action in BANNED:
            refused_check(who, action, BAN, None, sent, schemas, evidence, rule)
    longest = longest_period(declared)
    if longest is None:  # no timed period declared: R3 has no period to outlast, so it is not judged (3.23)
        rule_unchecked(evidence, "R3",
                       msg("interfaces.ban-permanence-unchecked", reason=msg("interfaces.ban-no-timed-period")),
                       msg("interfaces.fix-declare-max-period"))
    elif not advance(api, params.moderation_clock_path, first, longest + LAPSE_MARGIN_S):
        rule_unchecked(evidence, "R3",
                       msg("interfaces.ban-permanence-unchecked",
                           reason=msg("interfaces.ban-no-clock", path=params.moderation_clock_path)),
                       msg("interfaces.fix-moderation-clock"))
    else:
        for action in BANNED:
            refused_check(subject, action, BAN, None, sent, schemas, evidence, "R3")
    if declared[BAN].get("bars_registration") is True:
        # the test-only provisioning operation, which annex D exempts from every sanction: only the ban's
        # bars_registration refuses it, so its answer decides R4 (fifty-seventh reading, bx1: a request R1 alone
        # refuses would tell nothing of bars_registration)
        again = provision_linked(api, params.identity_path, first)
        if isinstance(again, Identity):
            evidence.finding(msg("interfaces.ban-registration-open", did=first.did, new=again.did),
                             file=api.requested("POST", params.identity_path), expected=403, actual=again.did,
                             rule="R4")
    evidence.note(msg("interfaces.ban-enforced-checked", sanctioned=first.did, linked=second.did,
                      longest=longest if longest is not None else "-"))


#: How many violating submissions a user's identities make before the harness looks for the
#: platform's own sanction (IF-CODE-008): the catalog's own number, spread over two identities.
REPEATS = 3


@pytest.mark.requirement("IF-CODE-008")
def test_repeated_violating_conduct_is_sanctioned_on_the_user(targets: Targets, schemas: SchemaRegistry,
                                                              evidence: Evidence, params: Parameters) -> None:
    api = targets["api"]
    first = provisioned(api, params.identity_path, 1)[0]
    second = linked_identity(api, params.identity_path, first, evidence, "R2")
    if second is None:
        return
    registry = Registry(api)
    nonce = run_nonce()
    before = registry.issue(second, metadata(f"conformance-conduct-{nonce}-before", second.did))
    if before.status != 201:  # set-up: the user could publish before its conduct (IF-MOD-001 R2's to judge)
        raise Inconclusive(msg("interfaces.conduct-not-published-before", status=before.status))
    order = [first, second, first][:REPEATS]
    answers = []
    for index, who in enumerate(order):  # the conduct: violating test content, the user's two identities in turn
        planted = metadata(f"conformance-conduct-{nonce}-planted-{index}", who.did)
        planted["name"] = marked(planted["name"])
        answers.append(registry.issue(who, planted).status)
    evidence.note(msg("interfaces.conduct-planted", count=REPEATS, statuses=", ".join(map(str, answers))))
    for rule, who in (("R1", first), ("R2", second)):  # the platform's own sanction, on each identity
        after = registry.issue(who, metadata(f"conformance-conduct-{nonce}-after-{rule}", who.did))
        if after.status != 403:
            evidence.finding(msg("interfaces.conduct-not-sanctioned", who=who.did, count=REPEATS, status=after.status),
                             file=after.requested, expected=403, actual=after.status, rule=rule)
        else:
            check_problem(after, schemas, evidence, expected_status=403, rule=rule)  # the rule states the 403 problem
    evidence.note(msg("interfaces.conduct-sanction-checked", first=first.did, second=second.did, count=REPEATS))
