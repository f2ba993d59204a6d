"""The fifty-second reading, part h106-limT (docs/drafting.md, "Fifty-second reading, part h106-limT"): terminal numbers
the 编制说明 三（三） quoted without a reason: TD-PERF-001's 2 mm (d1), TD-PERF-003's 0.5° drift and TD-PERF-005's
tolerances and returns, justified only by ASTM E3064's silence (d2), TD-MPLAT-003's 10 % leaning on AGARD-AR-144's
method (d3), TD-VOICE-004's 300 ms, 800 ms and 65 dB SPL (d4), TD-RUN-003's and TD-RUN-006's 8 requests given
TD-BODY-004's reason though they ask once (c2), TD-BCI-008's 99 % only restated (c4). Each fails at 9a39dcf7."""

from __future__ import annotations

import re

from tests.drafting.blocks import limit_rows as _rows

#: a number with its unit as the table writes it; not the tail of 「86 400 s」
_NUMBER = re.compile(r"(?<![\d.])(?<!\d )(\d+(?:\.\d+)?) ?(mm|cm|min|ms|s|°|%|dB|Hz|m|MΩ|次|个)(?![A-Za-z])")
#: the source's silence after the number's heading: 「自定……，并非引自……」, 「自定……未规定……」, 「……但不规定……」
_SILENCE = re.compile(r"自定[^。：；]*?(?:未规定|未给出|不规定|并非(?:引自|所引|标准|[A-Z]))")
_BRACKET = re.compile(r"（[^（）]*）")
#: a heading taking its numbers from another requirement, whose row gives the reason
_FOLLOWS = re.compile(r"沿用|相同|同 [A-Z]{2}-|[即见为] [A-Z]{2}-[A-Z]+-\d{3}")
#: a bracket right after a number saying why or whose it is (「400 mm 的范围（……时，……）」, 「1.0°（TD-GAZE-002 的限值）」)
_WHY = re.compile(r"^[^（）。]{0,12}（[^（）]*(?:使|即|时|倍|相同|沿用|[A-Z]{2}-[A-Z]+-\d{3})[^（）]*）")
#: a bracket giving a number's parameter or its value otherwise (「（身体跟踪器 30 Hz 下约 0.33 s）」): no heading of it
_ASIDE = re.compile(r"（[^（）]*(?:约|测试参数|`)[^（）]*）")
#: rows whose reason gives the number in other words: TD-FORCE-005's 200 ms is 「五分之一秒」
_IN_WORDS = {"TD-FORCE-005"}


def _flat(text: str) -> str:
    while (flat := _BRACKET.sub("", text)) != text:
        text = flat
    return text


def _clauses(text: str) -> list[str]:
    """The clauses of ``text``, cut at a 「；」 or 「。」 outside brackets (TD-TACT-005's bracket holds a 「；」)."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"（": 1, "）": -1}.get(char, 0)
        if char in "；。" and not depth:
            out.append(text[start:i + 1])
            start = i + 1
    return out + [text[start:]]


def unreasoned(basis: str) -> list[str]:
    """The numbers a quoted clause calls the document's own, with the source's silence, that nothing after the silence
    names again: its reason, if any, was for the heading's other numbers (d2: TD-PERF-003's 60 s and 5 s got one, its
    0.5° none; TD-PERF-005's drift limits got one, its 5 returns and 5 mm none)."""
    out = []
    for clause in _clauses(basis):
        silence = _SILENCE.search(_flat(clause))
        if not silence:
            continue
        head = clause[:clause.find(_flat(clause)[silence.start():silence.start() + 4])]
        if _FOLLOWS.search(_flat(head)) or "理由" in clause:
            continue
        rest = basis[basis.find(clause) + len(head):]
        asides = [a.span() for a in _ASIDE.finditer(head)]
        for n in _NUMBER.finditer(head):
            if any(a <= n.start() < b for a, b in asides) or _WHY.match(head[n.end():]):
                continue
            if not re.search(rf"(?<![\d.]){re.escape(n.group(1))} ?{re.escape(n.group(2))}", rest[len(n.group(0)):]
                             if rest.startswith(n.group(0)) else rest):
                out.append(n.group(0))
    return out


def test_each_number_of_a_silent_heading_has_its_own_reason(note):
    """d2's class, wider than h104-silence's (which took the first clause after the silence as the reason for every
    number of the heading, and 「但不规定」 for a reason): each number a quoted heading calls 本文件自定, with its source's
    silence, is named again in the reasons after it, unless the heading takes it from another requirement."""
    bare = {rid: found for rid, (_, basis) in _rows(note).items() if rid not in _IN_WORDS and (found := unreasoned(basis))}
    assert not bare, bare


def test_the_pattern_finds_d2():
    assert unreasoned("附注：60 s 与 0.5°为本文件自定的数值，并非引自有出处的来源：ASTM E3064 但不规定漂移限值；"
                      "60 s 使首末两段相隔 50 s。") == ["0.5°"]
    assert not unreasoned("附注：80 dB 为本文件自定的数值，并非引自所引标准：其限值未能取得引用；共模抑制为 80 dB 时，残留至多 0.57 mV。")


def test_the_interaction_tracking_limit_has_a_reason(note):
    """d1: TD-PERF-001's 2 mm is no longer 「交互级跟踪（毫米级）的设定」: it is set against TD-PERF-002's 17 mm."""
    basis = _rows(note)["TD-PERF-001"][1]
    assert "交互级" not in basis and "17 mm" in basis and "八分之一" in basis


def test_the_drift_and_session_figures_have_reasons(note):
    """d2: TD-PERF-003's 0.5° is TD-PERF-002's precision, for a reason; TD-PERF-005's 5 returns, 1 s, 5 mm and 5 cm each
    have theirs in the quote."""
    rows = _rows(note)
    assert "TD-PERF-002 的精密度 0.5°" in rows["TD-PERF-003"][1] and "60 s 使" in rows["TD-PERF-003"][1]
    perf5 = rows["TD-PERF-005"][1]
    for reason in ("5 次回位使", "1 s 停留使", "5 mm 容许", "5 cm 容许"):
        assert reason in perf5, reason


def test_the_platform_tolerance_is_the_documents_own(note):
    """d3: TD-MPLAT-003's 10 % is called the document's own (AGARD-AR-144 gives the method only), with its reason."""
    basis = _rows(note)["TD-MPLAT-003"][1]
    assert "只给出方法而未给出限值" in basis and "10% 使" in basis and "的设定" not in basis


def test_the_voice_figures_have_reasons(note):
    """d4: TD-VOICE-004's 65 dB SPL, 300 ms and 800 ms each have a reason in the quote."""
    basis = _rows(note)["TD-VOICE-004"][1]
    for heading in ("65 dB SPL：", "300 ms：", "800 ms："):
        assert heading in basis, heading


def test_the_single_query_cases_have_their_own_reason(note):
    """c2: TD-RUN-003 and TD-RUN-006 ask once: their 8 requests no longer borrow TD-BODY-004's reason."""
    rows = _rows(note)
    for rid in ("TD-RUN-003", "TD-RUN-006"):
        assert "TD-BODY-004" not in rows[rid][1] and "只询问一次" in rows[rid][1], rid


def test_the_bci_read_share_has_a_reason(note):
    """c4: TD-BCI-008's 99 % has TD-RATE-002's reason, not its restatement alone."""
    assert "理由与 TD-RATE-002 的 1% 相同" in _rows(note)["TD-BCI-008"][1]
