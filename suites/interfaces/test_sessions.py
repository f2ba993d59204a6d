"""Multi-user sessions in a shared space (profile interfaces-sessions, IF-SES-001..006).

The harness drives the standard's N participants (rule R1: 8; rule R2, under load: 32) in a
space of the platform's session binding (annex D: a WebSocket with JSON-RPC 2.0 messages), then
a late joiner, and judges the record (conformance.areas.interfaces.sessions). One measurement
per N serves every requirement of the run: it is made once per target and plan.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
import pytest

from conformance import Inconclusive, msg
from conformance.area import compiled
from conformance.areas._shared.registry import provisioned
from conformance.areas._shared.uncertainty import DecisionRule, Measurement, expanded, rule_of
from conformance.areas.interfaces import apparatus, sessions

#: target adapter -> plan -> record: the run's measurements (an adapter lives for one run)
_MEASURED: weakref.WeakKeyDictionary[Any, dict[sessions.Plan, sessions.Record]] = weakref.WeakKeyDictionary()
#: target adapter -> the join path its discovery document declared when its sessions were last measured
_JOINED: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
#: IF-SES-003's loss ratio is judged at its limit of 0 (simple acceptance, ILAC-G8 4.2.1); IF-SES-002's values by the
#: rule its catalog entry states (rule_of)
SIMPLE = DecisionRule("simple")


@dataclass(frozen=True)
class _Drive:
    """How the harness drives the space: the profile's parameters, each read by the test itself
    (params.NAME), so the lint ties every read to the test's requirement."""

    identity_path: str
    participants: int
    load_participants: int
    updates: int
    interval_ms: float
    settle_ms: float

    def rules(self) -> list[tuple[str, int]]:
        return [("R1", self.participants), ("R2", self.load_participants)]


def _measured(targets: Any, drive: _Drive, participants: int, attempt: int = 0) -> sessions.Record:
    """The run's measurement with ``participants`` (made once, every requirement judges it); a
    later ``attempt`` (IF-SES-002's, when the first was not valid) is a new one in a fresh space."""
    api = targets["api"]
    # the answers are waited for the 10 s the statement's cases fix (Plan's default), never the IXIT's timeout_s
    plan = sessions.Plan(participants, drive.updates, drive.interval_ms / 1000, drive.settle_ms / 1000)
    kept = _MEASURED.setdefault(api, {})
    if plan not in kept or attempt:  # the declaration read for a measurement; a kept one was joined where it said
        join = _JOINED[api] = sessions.declaration(api)["join"]
        identities = provisioned(api, drive.identity_path, participants + 1)  # the last: the late joiner
        record = sessions.run(str(api.base_url), join, f"conformance-{os.urandom(6).hex()}",
                              [identity.token for identity in identities], plan, api.tls_context())
        if attempt:
            return record
        kept[plan] = record
    return kept[plan]


def _held(record: sessions.Record) -> sessions.Record:
    """The record, when the session was held; inconclusive otherwise (IF-SES-001 judges that)."""
    if record.over_bound:  # a message past 5.1's bound 「会话消息的大小」: the run is not judged
        raise Inconclusive(_over_bound(record))
    if record.failures:
        raise Inconclusive(msg("interfaces.ses-not-joined", participants=record.plan.participants,
                               detail=record.failures[0][1]))
    return record


def _over_bound(record: sessions.Record) -> str:
    return msg("interfaces.ses-message-over-bound", participants=record.plan.participants, where=record.over_bound)


def _where(api: Any, record: sessions.Record) -> str:
    """Where the run's sessions were joined (the path declared when they were measured: not read again)."""
    return f"GET {sessions.join_url(str(api.base_url), _JOINED[api], '{space}')}"


def _held_records(targets: Any, drive: _Drive) -> Iterator[tuple[str, int, sessions.Record, str]]:
    """(rule, participants, the held session's record, where it was joined) for each N the rules drive."""
    for rule, participants in drive.rules():
        record = _held(_measured(targets, drive, participants))
        yield rule, participants, record, _where(targets["api"], record)


@pytest.mark.requirement("IF-SES-001")
def test_a_shared_space_is_joined_and_every_message_follows_the_schema(targets, params, schemas, evidence):
    api = targets["api"]
    sessions.declaration(api, "R1")  # no join path: no participant can join (R1)
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    # IF-SES-001's rules are not per N (as IF-SES-002's are): R1 is joining at either N, R2 the messages
    for _, participants in drive.rules():
        record = _measured(targets, drive, participants)
        where = _where(api, record)
        if record.over_bound:  # closed for a message past 5.1's bound: R1 is not judged, the messages read whole are
            evidence.unjudged(where, _over_bound(record), rule="R1")
        elif record.failures:  # a connection refused or broken is a participant not let join (the statement)
            evidence.finding(msg("interfaces.ses-join-failed", participants=participants, detail=record.failures[0][1]),
                             file=where, rule="R1")
            continue
        # a relayed state reaches every other participant as the same text: each text is judged once
        invalid = [text for text in record.messages if not _valid(text, schemas)]
        if invalid:
            pointer, detail = _explained(min(invalid, key=lambda text: _plain(text, record)), schemas)
            count = sum(record.messages[text] for text in invalid)
            evidence.finding(msg("interfaces.ses-message-invalid", participants=participants, count=count,
                                 detail=detail), file=where, pointer=pointer, rule="R2")


def _valid(text: str, schemas: Any) -> bool:
    """Whether one message is JSON valid against the schema: the compiled validator decides;
    python-jsonschema is asked only where it cannot (explaining thousands alike costs seconds)."""
    try:
        message = orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    decided = compiled(schemas).decide(message, sessions.MESSAGE_SCHEMA)
    return decided if decided is not None else not schemas.findings(message, sessions.MESSAGE_SCHEMA)


def _plain(text: str, record: sessions.Record) -> str:
    """A message with the platform's participant IDs as the harness's indices: which invalid
    message is explained does not depend on the IDs a run was given, nor on arrival order."""
    for index, pid in enumerate(record.ids):
        if pid:
            text = text.replace(pid, f"participant-{index}")
    return text


#: the schema's form for each method, so that a rejected message is explained against its own form
_FORMS = {"session.state": "stateNotification", "session.joined": "presenceNotification",
          "session.left": "presenceNotification"}


def _explained(text: str, schemas: Any) -> tuple[str | None, str]:
    """(pointer, what is wrong) of one rejected message."""
    try:
        message = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None, f"not JSON: {text[:80]!r}"
    method = message.get("method") if isinstance(message, dict) else None
    form = _FORMS.get(method) if isinstance(method, str) else None
    if form is None and isinstance(message, dict):
        form = "error" if "error" in message else "answer" if "result" in message else None
    schema = f"{sessions.MESSAGE_SCHEMA}#/$defs/{form}" if form else sessions.MESSAGE_SCHEMA
    found = schemas.findings(message, schema) or schemas.findings(message, sessions.MESSAGE_SCHEMA)
    first = found[0] if found else None
    return (first.pointer if first else None), f"{method or form or 'message'}: {first.message if first else '?'}"


@pytest.mark.requirement("IF-SES-002")
def test_each_state_reaches_every_other_participant_within_the_latency_limits(targets, params, evidence, catalog):
    api = targets["api"]
    rule_stated = rule_of(catalog, "IF-SES-002")  # simple acceptance, as its catalog entry states (type_b: clock)
    sessions.declaration(api, "R1")  # no join path: the profile's sessions are missing (the first rule)
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    limits = {"p95": float(params.session_latency_p95_ms), "max": float(params.session_latency_max_ms)}
    unmeasured: list[Any] = []
    for rule, participants in drive.rules():
        attempts = apparatus.until_valid(lambda attempt, n=participants: _measured(targets, drive, n, attempt),
                                         lambda record: sessions.overrun(record, limits["p95"], limits["max"]))
        record = _held(attempts[-1].record)
        where = _where(api, record)
        for number, attempt in enumerate(attempts, 1):
            _noted(evidence, attempt, number, limits)
        overrun = attempts[-1].overrun
        if overrun is not None:
            unmeasured.append(_not_valid(participants, len(attempts), overrun))
            continue
        stats = sessions.latency(sessions.latencies_ms(record))
        if stats is None:
            raise Inconclusive(msg("interfaces.ses-no-deliveries", participants=participants))
        # the quantities' keys are named whole, so the messages test sees them used
        for key, quantity, value, u_a in (
                ("p95", msg("interfaces.ses-quantity-p95"), stats.p95, stats.u_p95),
                ("max", msg("interfaces.ses-quantity-max"), stats.max, stats.u_max)):
            limit = limits[key]
            measured = Measurement("IF-SES-002", rule, f"latency {key}", f"{participants} participants", value, "ms",
                                   u_a, 0.0, False, limit, "max", rule_stated, quantity.text())
            evidence.measurement({**measured.item(), "file": where})
            if measured.outcome != "pass":
                evidence.finding(msg("interfaces.ses-latency-over", participants=participants, quantity=quantity,
                                     value=value, limit=limit), file=where, rule=rule,
                                 expected=f"<= {limit:g} ms", actual=f"{value:.1f} ms")
    if unmeasured:  # a rule judged and failed stays failed: a finding outranks this
        raise Inconclusive(unmeasured[0])


def _noted(evidence: Any, attempt: apparatus.Attempt[sessions.Record], number: int, limits: dict[str, float]) -> None:
    """One attempt's latencies and the apparatus probe's lateness beside them, valid or not."""
    record = attempt.record
    stats = sessions.latency(sessions.latencies_ms(record))
    probe = apparatus.apparatus(record.lateness_ms)
    allowed_p95, allowed_max = apparatus.allowed(limits["p95"]), apparatus.allowed(limits["max"])
    if stats is not None:
        evidence.note(msg("interfaces.ses-measured", participants=record.plan.participants,
                          updates=record.plan.updates, deliveries=stats.count, seconds=record.elapsed_s,
                          p50=stats.p50, p95=stats.p95, max=stats.max),
                      attempt=number, p50_ms=round(stats.p50, 3), u_p50_ms=round(stats.u_p50, 3),
                      # the p50's expanded uncertainty (k = 2), as the verdict criteria give it with p95 and the largest
                      uncertainty_p50_ms=round(expanded(stats.u_p50), 3), k=2)
    evidence.note(msg("interfaces.ses-apparatus", participants=record.plan.participants, attempt=number,
                      period=apparatus.PROBE_PERIOD_S * 1000, ticks=probe.ticks, p95=probe.p95, max=probe.max,
                      allowed_p95=allowed_p95, allowed_max=allowed_max,
                      verdict=msg("interfaces.ses-apparatus-valid" if attempt.valid
                                  else "interfaces.ses-apparatus-invalid")),
                  attempt=number, valid=attempt.valid, probe_ticks=probe.ticks,
                  probe_p95_ms=round(probe.p95, 3), probe_max_ms=round(probe.max, 3),
                  allowed_p95_ms=allowed_p95, allowed_max_ms=allowed_max)


def _not_valid(participants: int, attempts: int, overrun: apparatus.Overrun) -> Any:
    """Why no measurement with ``participants`` could be judged (each attempt's probe over its allowance)."""
    quantity = msg("interfaces.ses-quantity-p95" if overrun.quantity == "p95" else "interfaces.ses-quantity-max")
    return msg("interfaces.ses-apparatus-busy", participants=participants, attempts=attempts, quantity=quantity,
               value=overrun.value, allowed=overrun.allowed)


@pytest.mark.requirement("IF-SES-003")
def test_no_state_update_is_lost(targets, params, evidence):
    sessions.declaration(targets["api"], "R1")  # no join path: the profile's sessions are missing (the first rule)
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    for rule, participants, record, where in _held_records(targets, drive):
        lost = sessions.loss(record)
        measured = Measurement("IF-SES-003", rule, "loss ratio", f"{participants} participants", lost.ratio, "1",
                               lost.u_ratio, 0.0, False, 0.0, "max", SIMPLE)
        evidence.measurement({**measured.item(), "file": where})
        if lost.missing:
            recipient, sender, seq = lost.missing[0]
            evidence.finding(msg("interfaces.ses-lost", participants=participants, lost=lost.lost,
                                 expected=lost.expected, sender=sender, seq=seq, recipient=recipient),
                             file=where, rule=rule, expected=lost.expected, actual=lost.delivered)
        else:
            evidence.note(msg("interfaces.ses-delivered", participants=participants, expected=lost.expected))


@pytest.mark.requirement("IF-SES-004")
def test_each_senders_updates_arrive_in_order(targets, params, evidence):
    sessions.declaration(targets["api"])  # no join path: the profile's sessions are missing
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    for _rule, participants, record, where in _held_records(targets, drive):
        broken = sessions.order_violations(record)
        if broken:
            recipient, sender, seq, after = broken[0]
            # named by N, not by a rule: the case states none (unlike IF-SES-002 and -003)
            evidence.finding(msg("interfaces.ses-reordered", participants=participants, count=len(broken),
                                 sender=sender, seq=seq, after=after, recipient=recipient),
                             file=where)
        else:
            evidence.note(msg("interfaces.ses-in-order", participants=participants))


@pytest.mark.requirement("IF-SES-005")
def test_every_participant_and_a_late_joiner_converge_to_the_same_state(targets, params, evidence):
    sessions.declaration(targets["api"])  # no join path: the profile's sessions are missing
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    for _rule, participants, record, where in _held_records(targets, drive):
        differing = sessions.divergences(record)
        if differing:
            recipient, participant, what = differing[0]
            whose = (msg("interfaces.ses-late-joiner") if recipient == participants
                     else msg("interfaces.ses-snapshot-of", recipient=recipient))
            evidence.finding(msg("interfaces.ses-diverged", participants=participants, count=len(differing),
                                 participant=participant, whose=whose, what=what),
                             file=where)  # named by N, not by a rule: the case states none
        else:
            evidence.note(msg("interfaces.ses-converged", participants=participants))
        if record.late_failure is not None:  # step 3: no join answer to compare (the case's 不确定)
            evidence.unjudged(f"{where}: the late joiner", msg("interfaces.ses-late-not-joined",
                                                               participants=participants,
                                                               detail=record.late_failure))


@pytest.mark.requirement("IF-SES-006")
def test_each_voice_frame_reaches_every_other_participant_as_sent(targets, params, evidence):
    sessions.declaration(targets["api"], "R1")  # no join path: the profile's sessions are missing (the first rule)
    drive = _Drive(identity_path=params.identity_path, participants=params.session_participants,
                   load_participants=params.session_load_participants, updates=params.session_updates,
                   interval_ms=params.session_interval_ms, settle_ms=params.session_settle_ms)
    for rule, participants, record, where in _held_records(targets, drive):
        owed, faults = sessions.voice_faults(record)
        if faults:
            recipient, sender, seq = faults[0]
            evidence.finding(msg("interfaces.ses-voice-altered", participants=participants,
                                 count=len(faults), frames=owed, sender=sender, seq=seq,
                                 recipient=recipient), file=where, rule=rule,
                             expected=owed, actual=owed - len(faults))
        else:
            evidence.note(msg("interfaces.ses-voice-intact", participants=participants, frames=owed))
