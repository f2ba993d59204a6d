"""TD-HAND-005, TD-BODY-003 and TD-FACE-004 (issue 76, fortieth reading's c11, part cT): the frames a reference
comparison holds stop at the test equipment's cap, and the frames after it, not compared, are noted with their
count, as the steps now state (they were dropped without a word)."""

from __future__ import annotations

from types import SimpleNamespace

from conformance import Evidence
from conformance.areas.terminal.suite import note_capped


def test_frames_past_the_cap_are_noted_with_their_count():
    evidence = Evidence()
    tracked, reference = SimpleNamespace(id="hand_left"), SimpleNamespace(id="hand_left_reference")
    note_capped(evidence, "cap.ndjson", (tracked, SimpleNamespace(kept=10, dropped=0)),
                (reference, SimpleNamespace(kept=40_000, dropped=1_234)))
    said = " ".join(str(item) for item in evidence.items)
    assert "hand_left_reference" in said and "1234" in said and "40000" in said, said
    assert "'hand_left'" not in said  # the tracked stream kept every frame: nothing to say


def test_no_track_is_nothing_to_note():
    evidence = Evidence()
    note_capped(evidence, "cap.ndjson", (SimpleNamespace(id="face"), None))
    assert not evidence.items
