"""Multi-user sessions (IF-SES-001..006): the statistics of a record, each on a record written
by hand; and the profile run on the reference, clean and with each planted defect, where each
defect fails exactly its requirement. Latency verdicts are left to the known-bad cases: a unit
test holds no timing threshold, so the runs here judge IF-SES-002 only on the clean reference's
record being complete, not on its values."""

from __future__ import annotations

import asyncio
import base64
import json
import importlib.util
import math
import sys
import time
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from conformance.areas._shared.uncertainty import u_percentile
from conformance.areas.interfaces import apparatus, sessions
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT
from tests.quiet import ATTEMPTS, quiet

_spec = importlib.util.spec_from_file_location("suite_sessions", ROOT / "suites/interfaces/test_sessions.py")
suite = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = suite  # its dataclasses look their module up there
_spec.loader.exec_module(suite)

PLAN = sessions.Plan(participants=3, updates=3, interval_s=0.1, settle_s=1.0)


def _record(received: dict[int, list[tuple[int, int, int]]]) -> sessions.Record:
    """Three participants, three updates each, sent at 0, 100 and 200 ms (in ns)."""
    record = sessions.Record(PLAN, ids=["a", "b", "c", "late"])
    for sender in range(3):
        for seq in range(3):
            record.sent[(sender, seq)] = seq * 100_000_000
        record.last_state[sender] = {"seq": 2, **sessions.state_for(sender, 2)}
    record.received = received
    return record


def _everything(delay_ns: int = 5_000_000) -> dict[int, list[tuple[int, int, int]]]:
    return {r: [(s, q, q * 100_000_000 + delay_ns * (1 + s)) for q in range(3) for s in range(3) if s != r]
            for r in range(3)}


def test_latencies_are_each_first_receipt_at_each_recipient():
    received = _everything()
    received[0].append((1, 0, 999_000_000))  # a duplicate: its first receipt counts
    record = _record(received)
    values = sorted(sessions.latencies_ms(record))
    assert len(values) == 18 and values[0] == 5.0 and values[-1] == 15.0
    stats = sessions.latency(values)
    assert stats is not None and stats.count == 18 and stats.max == 15.0 and stats.u_max == 0.0
    assert stats.p50 == 10.0 and math.isclose(stats.p95, 15.0)
    assert stats.u_p95 == u_percentile(values, 95)
    assert sessions.latency([]) is None


def test_a_missing_delivery_is_loss_and_nothing_else():
    received = _everything()
    received[2] = [item for item in received[2] if item[:2] != (0, 1)]
    record = _record(received)
    lost = sessions.loss(record)
    assert (lost.expected, lost.delivered, lost.missing) == (18, 17, [(2, 0, 1)])
    assert math.isclose(lost.ratio, 1 / 18) and lost.u_ratio > 0
    assert sessions.order_violations(record) == []
    assert sessions.loss(_record(_everything())).lost == 0


def test_an_update_after_a_later_one_of_its_sender_breaks_the_order():
    received = _everything()
    mine = received[1]
    first, second = mine.index((0, 1, 100_000_000 + 5_000_000)), mine.index((0, 2, 200_000_000 + 5_000_000))
    mine[first], mine[second] = mine[second], mine[first]
    record = _record(received)
    assert sessions.order_violations(record) == [(1, 0, 1, 2)]
    assert sessions.loss(record).lost == 0
    # other senders interleaving in any order is no violation
    assert sessions.order_violations(_record({0: [(2, 0, 1), (1, 0, 2), (2, 1, 3), (1, 1, 4)]})) == []


def test_a_snapshot_holding_an_earlier_state_diverges():
    record = _record(_everything())
    last = {str(record.ids[i]): record.last_state[i] for i in range(3)}
    for recipient in range(4):
        record.snapshots[recipient] = dict(last)
    assert sessions.divergences(record) == []
    record.snapshots[1] = {**last, "b": {"seq": 0, **sessions.state_for(1, 0)}}
    record.snapshots[3] = {k: v for k, v in last.items() if k != "c"}  # the late joiner is not told of c
    record.snapshots[2] = {**last, "a": {**last["a"], "voice": {"active": not last["a"]["voice"]["active"]}}}
    record.snapshots[0] = None
    assert sessions.divergences(record) == [(0, -1, "unanswered"), (1, 1, "seq 0"), (2, 0, "content"),
                                            (3, 2, "missing")]


def test_voice_frames_are_g711_mu_law_of_each_participants_own_tone():
    # ITU-T G.711's mu-law code words: zero is 0xFF, full scale 0x80 and 0x00, a small value near zero
    assert sessions.mu_law([0, 32767, -32768, 100, -100]) == bytes([0xFF, 0x80, 0x00, 0xF2, 0x72])
    first, again, other = sessions.voice_frame(0, 0), sessions.voice_frame(0, 0), sessions.voice_frame(1, 0)
    assert first == again and first != other and sessions.voice_frame(0, 1) is None  # silent on odd updates
    assert len(base64.b64decode(first)) == sessions.VOICE_SAMPLES
    state = sessions.state_for(2, 4)
    audio = {"codec": "PCMU", "rate": 8000, "data": sessions.voice_frame(2, 4)}
    assert state["voice"] == {"active": True, "audio": audio}
    assert sessions.state_for(2, 3)["voice"] == {"active": False}


def test_the_join_url_keeps_the_targets_origin_and_scheme():
    assert sessions.join_url("https://h:8443/", "/sessions/{space}", "a b") == "wss://h:8443/sessions/a%20b"
    assert sessions.join_url("http://h/base", "/s/{space}", "x") == "ws://h/base/s/x"


def test_an_unreachable_session_is_a_failure_in_the_record_not_an_exception():
    record = sessions.run("http://127.0.0.1:9/", "/sessions/{space}", "x", ["t"] * 4, PLAN, None)
    assert record.failures and record.failures[0][0] == -1 and not record.sent


# The apparatus check (issue 74): IF-SES-002 judged on recorded numbers, the suite's own test run
# with its measurements replaced by records written by hand (no clock is read).

#: the probe's lateness (ms) of a quiet loop and of a busy one: p95 and largest within the
#: allowances of the standard's limits (15 ms, 40 ms) and over them
QUIET, BUSY = [1.0] * 90 + [3.0] * 10, [30.0] * 90 + [60.0] * 10


def _timed(participants: int, latency_ms: float, lateness_ms: list[float]) -> sessions.Record:
    """A held session of ``participants`` whose every delivery took ``latency_ms``, measured while
    the probe saw ``lateness_ms``."""
    record = sessions.Record(sessions.Plan(participants, 2, 0.1, 2.0), ids=[f"p{i}" for i in range(participants + 1)])
    for sender in range(participants):
        for seq in range(2):
            record.sent[(sender, seq)] = seq * 100_000_000
    record.received = {r: [(s, q, q * 100_000_000 + int(latency_ms * 1e6)) for q in range(2)
                           for s in range(participants) if s != r] for r in range(participants)}
    record.lateness_ms = list(lateness_ms)
    return record


class _Evidence:
    def __init__(self):
        self.notes, self.findings, self.measurements = [], [], []

    def note(self, message, **data):
        self.notes.append(data)

    def finding(self, message, **members):
        self.findings.append(members)

    def measurement(self, item):
        self.measurements.append(item)


def _judged(monkeypatch, measured: dict[int, list[sessions.Record]], evidence: _Evidence,
            asked: list[tuple[int, int]], catalog) -> None:
    """The suite's IF-SES-002 test over the records given for each N, attempt by attempt, into
    ``evidence``; each (N, attempt) measured appended to ``asked``."""

    def fake(targets, drive, participants, attempt=0):
        asked.append((participants, attempt))
        return measured[participants][attempt]

    monkeypatch.setattr(suite, "_measured", fake)
    monkeypatch.setattr(suite.sessions, "declaration", lambda api, rule=None: {"join": "/sessions/{space}"})
    monkeypatch.setattr(suite, "_where", lambda api, record: "GET wss://t/sessions/{space}")
    params = SimpleNamespace(identity_path="/test-identities", session_participants=8, session_load_participants=32,
                             session_updates=2, session_interval_ms=100, session_settle_ms=2000,
                             session_latency_p95_ms=150, session_latency_max_ms=400)
    suite.test_each_state_reaches_every_other_participant_within_the_latency_limits({"api": None}, params, evidence,
                                                                                    catalog)


def test_every_message_of_a_run_is_judged_past_20_000(monkeypatch, catalog):
    """Sixty-ninth reading, h133-ocaps2: the record kept the first 20 000 messages (``MAX_KEPT``) and IF-SES-001 R2
    judged those alone; it keeps each distinct text with how often it arrived now, and judges them all."""
    assert not hasattr(sessions, "MAX_KEPT")
    record = sessions.Record(PLAN, ids=["a", "b", "c", "late"])
    state = {"jsonrpc": "2.0", "method": "session.state",
             "params": {"from": "a", "seq": 0, "pose": {"position": [0, 0, 0], "orientation": [0, 0, 0, 1]},
                        "voice": {"active": False}}}
    for seq in range(25_000):
        text = json.dumps({**state, "params": {**state["params"], "seq": seq}})
        record.messages[text] = 1
    record.messages[json.dumps({**state, "params": {**state["params"], "pose": "late"}})] = 3  # the 25 001st: invalid
    monkeypatch.setattr(suite, "_measured", lambda targets, drive, participants, attempt=0: record)
    monkeypatch.setattr(suite.sessions, "declaration", lambda api, rule=None: {"join": "/sessions/{space}"})
    monkeypatch.setattr(suite, "_where", lambda api, record: "GET wss://t/sessions/{space}")
    params = SimpleNamespace(identity_path="/test-identities", session_participants=8, session_load_participants=32,
                             session_updates=2, session_interval_ms=100, session_settle_ms=2000)
    evidence = _Evidence()
    suite.test_a_shared_space_is_joined_and_every_message_follows_the_schema({"api": None}, params, catalog.schemas, evidence)
    assert [f["rule"] for f in evidence.findings] == ["R2", "R2"]  # at N = 8 and at N = 32, the same record


def test_the_probe_decides_only_a_latency_over_its_limit():
    quiet, busy = apparatus.apparatus(QUIET), apparatus.apparatus(BUSY)
    assert (quiet.ticks, quiet.p95, quiet.max) == (100, 3.0, 3.0) and (busy.p95, busy.max) == (60.0, 60.0)
    assert (apparatus.allowed(150), apparatus.allowed(400)) == (15.0, 40.0)
    assert sessions.overrun(_timed(3, 200, QUIET), 150, 400) is None  # over the limit on a quiet loop: a valid fail
    assert sessions.overrun(_timed(3, 200, BUSY), 150, 400) == apparatus.Overrun("p95", 60.0, 15.0)
    assert sessions.overrun(_timed(3, 20, BUSY), 150, 400) is None  # the loop's delay only lengthens: a pass stands
    # 1 s is over the limit by more than a loop 60 ms late at most could add to a send and a receipt
    assert sessions.overrun(_timed(3, 1000, BUSY), 150, 400) is None
    assert sessions.overrun(_timed(3, 200, []), 150, 400).value == math.inf  # never probed: not shown to hold
    # only the statistic over its limit asks for its own condition: here the largest value
    loud = apparatus.Apparatus(100, 10.0, 20.0, 90.0)
    assert apparatus.overrun(loud, [("p95", 20.0, 150), ("max", 450.0, 400)]) == apparatus.Overrun("max", 90.0, 40.0)
    assert apparatus.overrun(loud, [("p95", 200.0, 150), ("max", 390.0, 400)]) is None
    assert apparatus.overrun(loud, [("p95", 20.0, 150), ("max", 581.0, 400)]) is None  # 581 - 2 x 90 > 400


def test_the_probe_weighs_a_stall_as_long_as_it_lasted():
    async def stalled() -> list[float]:
        lateness: list[float] = []
        async with apparatus.probing(lateness):
            await asyncio.sleep(0.012)
            time.sleep(0.05)  # the loop blocked: every tick due meanwhile wakes when it ends
            await asyncio.sleep(0.012)
        return lateness

    lateness = asyncio.run(stalled())
    # the ticks due within the stall (at least 9 of a 50 ms stall, however long it really took)
    # woke together, each as late as the one before less the period: a run of steps of exactly
    # 5 ms, none piled up behind another
    run = longest = 1
    for before, after in zip(lateness, lateness[1:]):
        run = run + 1 if math.isclose(before - after, apparatus.PROBE_PERIOD_S * 1000, abs_tol=1e-6) else 1
        longest = max(longest, run)
    assert longest >= 9, lateness


def test_a_busy_loop_is_measured_again_then_left_inconclusive_never_failed(monkeypatch, catalog):
    evidence, asked = _Evidence(), []
    with pytest.raises(Inconclusive) as raised:
        _judged(monkeypatch, {8: [_timed(8, 20, QUIET)], 32: [_timed(32, 200, BUSY)] * 3}, evidence, asked, catalog)
    assert asked == [(8, 0), (32, 0), (32, 1), (32, 2)]
    text = str(raised.value.args[0])
    assert text.startswith("with 32 participants none of 3 measurements was valid")
    assert text.endswith("scheduling delay's 95th percentile was 60.0 ms, over the 15 ms its apparatus allows; "
                         "re-run on a quieter machine")
    assert not evidence.findings and [m["rule"] for m in evidence.measurements] == ["R1", "R1"]
    assert [(n["attempt"], n["valid"]) for n in evidence.notes if "valid" in n] == [(1, True), (1, False), (2, False),
                                                                                   (3, False)]


def test_the_first_valid_attempt_is_judged_and_a_slow_relay_still_fails(monkeypatch, catalog):
    evidence, asked = _Evidence(), []
    _judged(monkeypatch, {8: [_timed(8, 200, BUSY), _timed(8, 200, QUIET), None], 32: [_timed(32, 20, BUSY)]},
            evidence, asked, catalog)
    assert asked == [(8, 0), (8, 1), (32, 0)]  # 32: within the limits whatever the probe, judged at once
    assert [(f["rule"], f["actual"]) for f in evidence.findings] == [("R1", "200.0 ms")]
    assert [m["outcome"] for m in evidence.measurements] == ["fail", "pass", "pass", "pass"]
    # what the decision rule needs (sixty-third reading, h126-meas): each value with its U (k = 2), its limit and the
    # rule the catalog states; the p50, recorded beside them, with its U too
    assert all({"value", "uncertainty", "k", "limit", "decision_rule"} <= set(m) for m in evidence.measurements)
    assert {m["decision_rule"] for m in evidence.measurements} == {catalog.requirement("IF-SES-002").decision_rule.kind}
    p50 = [n for n in evidence.notes if "p50_ms" in n]
    assert p50 and all(n["k"] == 2 and n["uncertainty_p50_ms"] == pytest.approx(2 * n["u_p50_ms"], abs=1e-3)
                       for n in p50)
    # the planted slow relay (1 s a relay, the known-bad case): failed at the first measurement,
    # with a quiet loop and with a busy one alike
    evidence, asked = _Evidence(), []
    _judged(monkeypatch, {8: [_timed(8, 1000, QUIET)], 32: [_timed(32, 1000, BUSY)]}, evidence, asked, catalog)
    assert asked == [(8, 0), (32, 0)]
    assert [(f["rule"], f["actual"]) for f in evidence.findings] == [("R1", "1000.0 ms"), ("R1", "1000.0 ms"),
                                                                     ("R2", "1000.0 ms"), ("R2", "1000.0 ms")]


#: the profile's session requirements, and those the same run judges: the online community's
#: (IF-COMM-001) and harassment said in a space and reported (IF-CODE-010); no session defect may fail them
REQUIREMENTS = ["IF-SES-001", "IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006", "IF-COMM-001",
                "IF-CODE-010"]
#: each defect, the requirements it fails; the delay defect fails IF-SES-002, a timing verdict
#: the known-bad cases show (tests/e2e/test_known_bad.py). A dropped update that carried a voice frame
#: loses the frame too: IF-SES-006 looks for each frame sent (twenty-second reading of issue 76, row 11)
DEFECTS = {
    "session-pose-as-object": ("IF-SES-001",),
    "session-drops-updates": ("IF-SES-003", "IF-SES-006"),
    "session-reorders-updates": ("IF-SES-004",),
    "session-snapshot-diverges": ("IF-SES-005",),
    "session-voice-silenced": ("IF-SES-006",),
}


def _verdicts(catalog, run_manifest, serve_reference, defects: list[str], only: tuple[str, ...] = ()
              ) -> dict[str, str]:
    """The verdicts of :data:`REQUIREMENTS` (those of ``only`` where given: the run cut to them) on the
    reference with ``defects``."""
    url = serve_reference(defects, tls=True)
    result = run_manifest(manifest_for(catalog, "interfaces-sessions", base_urls={"api": url}), requirements=only)
    found = verdicts(result)
    return {requirement: found.get(requirement) for requirement in only or REQUIREMENTS}


def test_the_reference_holds_a_session_of_8_and_of_32(catalog, run_manifest, serve_reference):
    found = _verdicts(catalog, run_manifest, serve_reference, [])
    # IF-SES-002's values are timings: here only that it was judged (pass or fail), never its limit.
    # Its apparatus check leaves it inconclusive when the harness's own scheduling delay is over the
    # limit, as four test workers on two cores can make it: then it is taken again on a quiet
    # machine (tests/quiet.py), as the week's timed requirements are, and judged the same way.
    for _ in range(ATTEMPTS):
        if found["IF-SES-002"] != "inconclusive":
            break
        with quiet():
            found["IF-SES-002"] = _verdicts(catalog, run_manifest, serve_reference, [], ("IF-SES-002",))["IF-SES-002"]
    assert found.pop("IF-SES-002") in ("pass", "fail")
    assert set(found.values()) == {"pass"}, found


@pytest.mark.slow
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_each_defect_fails_exactly_its_requirement(defect, catalog, run_manifest, serve_reference):
    # IF-SES-002 is timings, not judged in a unit test (the reorder delays one update in ten), so
    # the run leaves it out: on a busy machine its apparatus check measured the 32-participant
    # session again, twice, in a fresh space (7 extra sessions of 32 over the five defects, bench/README.md)
    found = _verdicts(catalog, run_manifest, serve_reference, [defect],
                      tuple(requirement for requirement in REQUIREMENTS if requirement != "IF-SES-002"))
    failed = sorted(requirement for requirement, verdict in found.items() if verdict != "pass")
    assert failed == sorted(DEFECTS[defect]), found
