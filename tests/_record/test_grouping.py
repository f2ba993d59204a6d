"""A measured value that does not pass is kept past its input's cap, as a first finding is: the
verdict rests on it (RB-TRACK-002's tracker: seven joints x six rules from one file, the failing
joint's value came after the input's 20 and was left out)."""

from __future__ import annotations

from conformance._record.grouping import PER_INPUT, Grouped


def _value(joint: int, outcome: str) -> dict[str, object]:
    return {"kind": "measurement", "file": "mocap.jsonl", "subject": f"joint-{joint}", "outcome": outcome}


def test_a_failing_value_after_the_inputs_share_is_kept():
    grouped = Grouped()
    for joint in range(PER_INPUT + 5):
        grouped.add(_value(joint, "pass"))
    grouped.add(_value(99, "fail"))
    grouped.add(_value(100, "guard_band"))
    kept = [item["subject"] for item in grouped.kept()]
    assert len(kept) == PER_INPUT + 2 and kept[-2:] == ["joint-99", "joint-100"]
    assert grouped.omitted == {"mocap.jsonl": 5}  # the passing values past the share, counted


def test_failing_values_stay_within_the_total():
    grouped = Grouped(per_input=2, total=4)
    for joint in range(10):
        grouped.add(_value(joint, "fail"))
    assert len(grouped.kept()) == 4 and grouped.omitted == {"mocap.jsonl": 6}
