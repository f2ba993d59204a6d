"""The one finding type, and how evidence keeps items per input."""

from __future__ import annotations

import dataclasses

import pytest

from conformance._record.evidence import Evidence
from conformance._record.findings import Finding
from conformance._record.grouping import Grouped, by_input, grouped
from conformance._record.redaction import Redactor


def test_a_finding_is_frozen_and_has_no_instance_dict():
    finding = Finding("bad", pointer="/a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "good"  # type: ignore[misc]
    assert not hasattr(finding, "__dict__")
    with pytest.raises(TypeError):
        Finding("bad", "/a")  # type: ignore[misc]  # members after the message are named


def test_evidence_holds_the_known_members_in_order():
    finding = Finding("too fast", file="cap.ndjson", line=7, coordinates={"stream": "head", "frame": 3, "t": 0},
                      pointer="/pose", expected=1, actual=2, rule="order", requirement="TD-CAP-002",
                      extra={"count": 4})
    assert finding.evidence() == {
        "kind": "finding", "message": "too fast", "file": "cap.ndjson", "pointer": "/pose", "line": 7,
        "stream": "head", "frame": 3, "t": 0, "expected": 1, "actual": 2, "rule": "order",
        "requirement": "TD-CAP-002", "count": 4,
    }
    assert Finding("x").evidence() == {"kind": "finding", "message": "x"}
    assert Finding("x", pointer="").evidence()["pointer"] == ""  # the whole document is a place


def test_coordinates_are_written_after_the_line_in_their_order_and_none_is_left_out():
    finding = Finding("x", line=2, coordinates={"frame": 4, "gone": None, "stream": "s"}, actual=1, extra={"seed": 7})
    assert list(finding.evidence()) == ["kind", "message", "line", "frame", "stream", "actual", "seed"]
    assert Finding.of("x", coordinates={"frame": 4}, seed=7).evidence() == \
        {"kind": "finding", "message": "x", "frame": 4, "seed": 7}
    # a coordinate never overwrites a member of the core
    assert Finding("x", file="a", coordinates={"file": "b"}).evidence()["file"] == "a"


def test_a_capture_finding_gives_the_evidence_item_it_gave_as_fields():
    """The terminal area's findings: stream, frame and t are its coordinates, and the item is
    the one the report has always held (same members, same order)."""
    from conformance.areas.terminal.model import captured

    finding = captured("too fast", t=0, frame=3, stream="head", file="cap.ndjson", line=7, pointer="/pose",
                       expected=1, actual=2, rule="order", count=4)
    assert dict(finding.coordinates) == {"stream": "head", "frame": 3, "t": 0}
    assert list(finding.evidence().items()) == [
        ("kind", "finding"), ("message", "too fast"), ("file", "cap.ndjson"), ("pointer", "/pose"), ("line", 7),
        ("stream", "head"), ("frame", 3), ("t", 0), ("expected", 1), ("actual", 2), ("rule", "order"), ("count", 4),
    ]
    assert captured("m", stream=None, line=1).evidence() == {"kind": "finding", "message": "m", "line": 1}


def test_of_sorts_members_from_extra_evidence():
    finding = Finding.of("refused", file="POST /assets", actual=500, seed=7, sequence=None)
    assert (finding.file, finding.actual, dict(finding.extra)) == ("POST /assets", 500, {"seed": 7})


@pytest.mark.parametrize(("finding", "summary"), [
    (Finding("m"), "m"),
    (Finding("m", file="a.json", pointer="/x"), "a.json /x: m"),
    (Finding("m", file="h.ndjson", line=3), "h.ndjson:3: m"),
    (Finding("m", line=1, pointer=""), "line 1: m"),
])
def test_summary_says_where(finding, summary):
    assert finding.summary() == summary


def test_findings_from_fills_only_what_a_finding_lacks():
    evidence = Evidence()
    count = evidence.findings_from([Finding("a", pointer="/a"), Finding("b", file="other.json")],
                                   file="doc.json", expected="nothing")
    assert count == 2 and evidence.findings_count == 2
    assert [(i["file"], i["expected"]) for i in evidence.items] == [("doc.json", "nothing"), ("other.json", "nothing")]
    assert evidence.first_finding() == "doc.json /a: a"


def test_secrets_are_redacted_from_findings():
    evidence = Evidence(Redactor(["s3cret-token"]))
    evidence.finding("sent s3cret-token back", file="GET /x", actual={"token": "s3cret-token"})
    assert "s3cret-token" not in str(evidence.export())


def test_each_input_keeps_at_most_per_input_items_and_counts_the_rest():
    groups = Grouped(per_input=2, total=100)
    for n in range(5):
        groups.add({"kind": "finding", "message": str(n), "file": "a.json"})
    groups.add({"kind": "note", "message": "general"})
    groups.add({"kind": "finding", "message": "b", "file": "b.json"})
    assert [(i["kind"], i.get("file"), i["message"]) for i in groups.export()] == [
        ("finding", "a.json", "0"), ("finding", "a.json", "1"),
        ("note", "a.json", "3 more items about a.json omitted"),
        ("note", None, "general"),
        ("finding", "b.json", "b"),
    ]


def test_past_the_total_a_failing_input_still_keeps_its_first_finding():
    groups = Grouped(per_input=5, total=3)
    for name in ("a", "b", "c", "d"):
        groups.add({"kind": "http", "request": {"method": "GET", "url": f"http://h/{name}"}, "response": None})
        groups.add({"kind": "finding", "message": "x", "file": f"{name}.json"})
        groups.add({"kind": "finding", "message": "y", "file": f"{name}.json"})
    kept = groups.export()
    assert {i["file"] for i in kept if i["kind"] == "finding"} == {"a.json", "b.json", "c.json", "d.json"}
    notes = [i["message"] for i in kept if i["kind"] == "note"]
    # Exchanges past the total have nothing kept: they are counted in one note at the end.
    assert notes[-1] == "3 more items omitted"
    assert "1 more item about d.json omitted" in notes


def test_omission_notes_of_several_tests_add_up():
    first = Grouped(per_input=1)
    second = Grouped(per_input=1)
    for groups, names in ((first, "012"), (second, "abc")):
        for name in names:
            groups.add({"kind": "finding", "message": name, "file": "a.json"})
    merged = grouped([*first.export(), *second.export()])
    assert [i["message"] for i in merged] == ["0", "a", "4 more items about a.json omitted"]
    # a finding both tests recorded is kept once
    assert [i["message"] for i in grouped([*first.export(), *first.export()])] == [
        "0", "4 more items about a.json omitted"]


def test_by_input_gives_a_group_per_input_and_http_exchanges_by_url():
    exchange = {"kind": "http", "request": {"method": "GET", "url": "http://h/x"}, "response": None}
    items = [{"kind": "finding", "message": "m", "file": "a.json"}, exchange, exchange,
             {"kind": "note", "message": "n"}]
    assert [(key, len(group)) for key, group in by_input(items)] == [("a.json", 1), ("GET http://h/x", 2), ("", 1)]


def test_expected_and_actual_in_words_keep_their_template():
    from conformance.messages import localize, msg

    expected = msg("engine.undeclared", what="x")
    item = Finding(msg("engine.no-test-ran"), expected=expected, actual=3).evidence()
    assert item["expected"] == "no x declared" and item["expected_text"] == expected.text()
    assert "actual_text" not in item and item["actual"] == 3
    assert localize(item["expected"], item["expected_text"], "zh") == "未声明x"
