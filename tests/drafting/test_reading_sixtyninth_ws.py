"""The sixty-ninth reading of issue 76, part h133-ws: the WebSocket message caps of c2's class (a cap cut or failed a
target's input with no text saying so), classed "left" by part h133-ocaps:

* ``_shared.jsonrpc_ws.MAX_MESSAGE_BYTES`` and ``interfaces.sessions.MAX_MESSAGE_BYTES`` (256 KiB each): a message over
  it closed the connection, which IF-SES-001 recorded as a participant not let join (R1), a fail for size alone, and
  IF-SES-003/-005/-006 as deliveries, frames or a snapshot missing; no standard or contract sets 256 KiB (RFC 6455 sets
  none, annex D's session-message schema no size). It is 5.1's reading bound 「会话消息的大小」 now, one cap in
  ``jsonrpc_ws`` that sessions.py and harassment.py import; the close for size (code 1009 the test equipment sends)
  is recognised and the run past it is unjudged. Table 1 lists the cases reading the channel under it: IF-SES-001..006,
  IF-CODE-009 and IF-CODE-010 (the session's), and the ten cases of the terminal's runtime test interface; each names
  it in a step and its 不确定 line (en and zh), and 三（三） gives its reason. IF-COMM-001, which the brief named, reads
  no WebSocket (suites/interfaces/test_community.py: HTTP only) and is left as it is.

Each test fails on the branch's base (b59df7668)."""

from __future__ import annotations

import pytest

from conformance.areas._shared import jsonrpc_ws
from conformance.areas.interfaces import harassment, sessions
from conformance.drafting.boundtable import BOUNDS
from tests.drafting.module_caps import module_caps
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

NAME = ("会话消息的大小", "session message size")
SESSION = ("IF-SES-001", "IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006", "IF-CODE-009",
           "IF-CODE-010")
RUNTIME = ("TD-RUN-001", "TD-RUN-002", "TD-RUN-003", "TD-RUN-004", "TD-RUN-005", "TD-RUN-006", "TD-RUN-007",
           "TD-BODY-004", "TD-OLF-004", "TD-TACT-003")
CASES = SESSION + RUNTIME


def test_one_cap_is_the_bounds_figure():
    bound = next(b for b in BOUNDS if b.name == NAME)
    assert jsonrpc_ws.MAX_MESSAGE_BYTES == 256 * 1024 and not bound.sample
    assert "256 KiB（262 144 B）" in bound.value[0] and "256 KiB (262 144 B)" in bound.value[1]
    assert sessions.MAX_MESSAGE_BYTES is jsonrpc_ws.MAX_MESSAGE_BYTES is harassment.MAX_MESSAGE_BYTES
    caps = module_caps("interfaces", "_shared")
    assert "_shared/jsonrpc_ws.py:MAX_MESSAGE_BYTES" in caps
    assert not any(key.endswith(":MAX_MESSAGE_BYTES") and not key.startswith("_shared/") for key in caps), caps


def test_the_reasons_figures_hold():
    """A state message with its voice frame, for the longest participant ID a UUID, is under 2 KiB; a snapshot of 64
    such states under 128 KiB; 256 KiB is twice that."""
    import orjson

    state = {"jsonrpc": "2.0", "method": "session.state",
             "params": {"from": "x" * 36, "seq": 0, **sessions.state_for(63, 0)}}
    size = len(orjson.dumps(state))
    assert size < 2048 and 64 * size < 128 * 1024 and 2 * 128 * 1024 == jsonrpc_ws.MAX_MESSAGE_BYTES


def test_table_1_lists_the_cases_under_the_bound(zh_markdown, en_markdown):
    zh, en = _table_row(zh_markdown, NAME[0]), _table_row(en_markdown, NAME[1])
    for rid in CASES:
        assert rid.replace("-", "‑") in zh[2] or rid in zh[2], (rid, zh)
        assert rid.replace("-", "‑") in en[2] or rid in en[2], (rid, en)
    assert "256 KiB" in zh[1] and "不确定" in zh[3], zh


@pytest.mark.parametrize("rid", CASES)
def test_the_case_names_the_bound_in_a_step_and_its_inconclusive_line(zh_markdown, en_markdown, rid):
    zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if NAME[0] in s)
    assert f"读取界限“{NAME[0]}”，见 5.1" in step and "256 KiB" in step and "1009" in step, step
    step = next(s for s in _row(en, "Test procedure").split("<br>") if NAME[1] in s)
    assert f'the reading bound "{NAME[1]}", see 5.1' in step and "256 KiB" in step, step
    assert f"读取界限“{NAME[0]}”" in _verdict_lines(zh, "zh")["不确定"]
    assert f'the reading bound "{NAME[1]}"' in _verdict_lines(en, "en")["Inconclusive"]


def test_the_note_gives_the_bound_its_reason(note_md, note_md_en):
    zh, en = _note_row(note_md, NAME[0]), _note_row(note_md_en, NAME[1])
    assert "RFC 6455" in zh and "1009" in zh and "不确定" in zh, zh
    assert "RFC 6455" in en and "inconclusive" in en, en
