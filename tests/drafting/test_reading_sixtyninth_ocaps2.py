"""The sixty-ninth reading of issue 76, part h133-ocaps2: the caps part h133-ocaps left (``left`` in
tests/drafting/test_reading_sixtyninth_ocaps.py's CAPS) whose verdict could be wrong, a finding a conforming product
got for its size alone.

- ``interfaces/sessions.py:MAX_KEPT``: IF-SES-001 R2 judged the first 20 000 messages of a run against the schema and
  no more. A relayed state reaches every other participant as the same text, so the record keeps each distinct text
  with how often it arrived, and every text is judged: the cap is gone.

Each test fails on the branch's base (00c6a4a05)."""

from __future__ import annotations

from conformance.areas.interfaces import sessions
from tests.drafting.module_caps import module_caps


def test_the_session_record_keeps_every_message():
    assert "interfaces/sessions.py:MAX_KEPT" not in module_caps("interfaces")
    record = sessions.Record(sessions.Plan(participants=2, updates=1, interval_s=0.1, settle_s=0.1), ids=[None] * 3)
    assert record.messages == {}
