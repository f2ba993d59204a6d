"""Asset lifecycle histories replayed by the Ledger: each rule, and where it is reported."""

from __future__ import annotations

from typing import Any

from conformance.areas.assets.hashchain import Ledger
from conformance.codecs.jcs import sha256_hex

ISSUER, ALICE, BOB, CAROL = "did:web:issuer.example", "did:web:a.example", "did:web:b.example", "did:web:c.example"


def ev(kind: str, frm: str | None, to: str | None, time: str, asset: str = "a-1", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "asset_id": asset, "from": frm, "to": to, "time": time,
            "actor": frm or ISSUER, "prev_hash": None, **extra}


def linked(*events: dict[str, Any]) -> dict[str, Any]:
    last: dict[str, str] = {}
    for item in events:
        item["prev_hash"] = last.get(item["asset_id"])
        last[item["asset_id"]] = sha256_hex(item)
    return {"events": list(events)}


def replay(*documents: dict[str, Any]) -> list[tuple[str, str]]:
    ledger = Ledger()
    found = []
    for n, doc in enumerate(documents):
        found += [(f.pointer, f.message) for f in ledger.replay(f"h{n}.json", doc)]
    return found


def test_a_complete_valid_life_has_no_findings():
    history = linked(
        ev("issue", None, ALICE, "2024-01-01T10:00:00+08:00"),
        ev("issue", None, BOB, "2024-01-01T10:00:00+08:00", asset="b-2"),
        ev("transfer", ALICE, BOB, "2024-01-01T03:00:00Z"),  # the same instant, written in UTC
        ev("lock", BOB, None, "2024-01-02T00:00:00Z"),
        ev("unlock", BOB, None, "2024-01-03T00:00:00Z"),
        ev("transfer", BOB, CAROL, "2024-01-04T00:00:00Z"),
        ev("burn", CAROL, None, "2024-01-05T00:00:00Z"),
    )
    ledger = Ledger()
    assert ledger.replay("h.json", history) == []
    assert ledger.events_seen == 7 and set(ledger.assets) == {"a-1", "b-2"}


def test_a_history_must_start_with_issue():
    assert replay(linked(ev("transfer", ALICE, BOB, "2024-01-01T00:00:00Z"))) == [
        ("/events/0/type", "asset a-1: its first event is a transfer; a history starts with issue")
    ]


def test_an_asset_is_issued_once_even_across_documents():
    found = replay(linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z")),
                   linked(ev("issue", None, BOB, "2024-01-02T00:00:00Z")))
    assert [p for p, _ in found] == ["/events/0/type", "/events/0/prev_hash"]
    assert "issued again; it was issued at h0.json#/events/0" in found[0][1]


def test_an_edited_event_breaks_the_next_link():
    history = linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z"),
                     ev("transfer", ALICE, BOB, "2024-01-02T00:00:00Z"),
                     ev("transfer", BOB, CAROL, "2024-01-03T00:00:00Z"))
    history["events"][1]["time"] = "2024-01-02T00:00:01Z"  # edited after it was hashed
    ledger = Ledger()
    (finding,) = ledger.replay("h.json", history)
    assert finding.pointer == "/events/2/prev_hash"
    assert finding.expected == sha256_hex(history["events"][1])
    assert finding.actual == history["events"][2]["prev_hash"]


def test_only_the_holder_moves_the_asset():
    found = replay(linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z"),
                          ev("transfer", BOB, CAROL, "2024-01-02T00:00:00Z")))
    assert found == [("/events/1/from", "asset a-1: only the current holder may transfer it")]


def test_nothing_follows_a_burn():
    found = replay(linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z"),
                          ev("burn", ALICE, None, "2024-01-02T00:00:00Z"),
                          ev("transfer", ALICE, BOB, "2024-01-03T00:00:00Z")))
    assert [p for p, _ in found] == ["/events/2"]


def test_time_does_not_go_back():
    found = replay(linked(ev("issue", None, ALICE, "2024-01-01T10:00:00+08:00"),
                          ev("transfer", ALICE, BOB, "2024-01-01T01:00:00Z")))
    assert [p for p, _ in found] == ["/events/1/time"]


def test_a_locked_asset_stays_put_and_locks_pair_up():
    found = replay(linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z"),
                          ev("unlock", ALICE, None, "2024-01-02T00:00:00Z"),
                          ev("lock", ALICE, None, "2024-01-03T00:00:00Z"),
                          ev("lock", ALICE, None, "2024-01-04T00:00:00Z"),
                          ev("transfer", ALICE, BOB, "2024-01-05T00:00:00Z")))
    assert [p for p, _ in found] == ["/events/1/type", "/events/3/type", "/events/4/type"]
    assert "while the asset is locked" in found[2][1]


def test_events_of_other_assets_interleave_without_breaking_either_chain():
    history = linked(ev("issue", None, ALICE, "2024-01-01T00:00:00Z", asset="x"),
                     ev("issue", None, BOB, "2024-01-01T00:00:00Z", asset="y"),
                     ev("transfer", BOB, ALICE, "2024-01-02T00:00:00Z", asset="y"),
                     ev("transfer", ALICE, BOB, "2024-01-02T00:00:00Z", asset="x"))
    assert replay(history) == []


def test_malformed_events_are_left_to_the_schema():
    assert replay({"events": [None, {"type": "mint", "asset_id": "a-1"}, {"type": "issue"}]}) == []
    assert replay({"no_events": []}) == [] and replay([]) == []


def test_transfer_rules_lock_and_minimum_holding_period():
    from conformance.areas.assets.hashchain import TransferRule

    history = linked(
        ev("issue", None, ALICE, "2024-01-01T00:00:00Z"),
        ev("transfer", ALICE, BOB, "2024-01-01T12:00:00Z"),  # held 12 h of the 24 h required
        ev("transfer", BOB, CAROL, "2024-01-03T00:00:00Z"),  # held 36 h: fine
        ev("issue", None, ALICE, "2024-01-01T00:00:00Z", asset="b-2"),
        ev("transfer", ALICE, BOB, "2024-02-01T00:00:00Z", asset="b-2"),
    )
    rules = {"a-1": TransferRule(min_holding_period_s=86400, source="a.json#/transfer"),
             "b-2": TransferRule(locked=True, source="b.json#/transfer")}
    ledger = Ledger(rules)
    assert ledger.replay("h.json", history) == []  # rule findings are kept apart from the chain's
    found = [(f.pointer, f.message) for f in ledger.rule_findings]
    assert found[0][0] == "/events/1/time" and "after 43200 s, before the minimum holding period" in found[0][1]
    assert found[1] == ("/events/4/type", "asset b-2: transferred, but its metadata (b.json#/transfer) "
                                          "marks it non-transferable")
    assert len(found) == 2


def test_ndjson_lines_are_read_with_their_numbers():
    import io

    from conformance.codecs.ndjson import read_lines

    lines = list(read_lines(io.BytesIO(b'{"a": 1}\n\n[1,\n"x"\n'), what="h.ndjson"))
    assert [(line.number, line.value) for line in lines] == [(1, {"a": 1}), (3, None), (4, "x")]
    assert "h.ndjson line 3 is not valid JSON" in str(lines[1].error)


def test_ndjson_overlong_and_binary_lines_are_findings_and_reading_goes_on(monkeypatch):
    import io

    from conformance.codecs import ndjson

    monkeypatch.setattr(ndjson, "MAX_LINE_BYTES", 16)
    data = b'{"a": 1}\n' + b'{"b": "' + b"x" * 40 + b'"}\n' + b"\xff\xfe\x00\n" + b'{"c": 3}\n'
    lines = list(ndjson.read_lines(io.BytesIO(data), what="h.ndjson"))
    assert [(line.number, line.value) for line in lines] == [(1, {"a": 1}), (2, None), (3, None), (4, {"c": 3})]
    assert "longer than 16 bytes" in str(lines[1].error) and "not valid JSON" in str(lines[2].error)
