"""The fiftieth reading, part h104-rest (docs/drafting.md, "Fiftieth reading, part h104-rest"): numbers of the
编制说明's 三（三） resting on a candidate of annex C (c5, d6: TD-PWR-001/-003's 2 h as four of TD-REST-001's 30 min,
TD-GAZE-004's 30 min as TD-REST-001's interval), TD-PWR-003's 60 s without a reason, TD-AUD-004's head model without
its basis (d3), and reading bounds whose reason fits any number (d5). Each test fails on the draft as it was before
(8882e77b)."""

from __future__ import annotations

import re

from conformance.drafting.boundtable import BOUNDS
from conformance.drafting.limitnumbers import ANAPHOR
from conformance.drafting.writer import normative
from tests.drafting.blocks import limit_rows as _rows

#: a clause setting a number by what another requirement allows or uses: 「即 TD-REST-001 所允许的……」
_LEANS = r"(?:即\s?{id}|{id}\s?(?:所|提醒))"


def test_no_number_of_the_document_rests_on_an_annex_c_candidate(note, catalog):
    """c5, d6: a clause giving a number this document sets (本文件自定, 本文件的设定) does not take it from what a
    candidate of informative annex C allows: that requirement is no part of the document."""
    candidates = [r.id for r in catalog.requirements.values() if not normative(r)]
    assert "TD-REST-001" in candidates
    leaning = re.compile("|".join(_LEANS.format(id="[-\u2011]".join(map(re.escape, rid.split("-")))) for rid in candidates))
    for rid, (_, basis) in _rows(note).items():
        parts = re.split("[。；]", basis)
        # a clause pointing back, 「它们是本文件自定的数值」, speaks of the numbers the clause before it takes from where it
        # says (fifty-first reading, part h105-quotes: TD-DISP-009's 「……与 TD-DISP-006 所用的测试配置参数：……；它们是……」)
        for before, clause in zip(["", *parts], parts):
            if "本文件自定" in clause or "本文件的设定" in clause:
                assert not leaning.search(before + clause if ANAPHOR.match(clause) else clause), (rid, clause)


def test_the_battery_life_and_the_wear_time_give_their_own_reason(note):
    """c5, d6: the 2 h, the 60 s after the cut-off and the 30 min of wear each have a reason of their own."""
    rows = _rows(note)
    for rid in ("TD-PWR-001", "TD-PWR-003"):
        basis = rows[rid][1]
        assert "四倍" not in basis and "放完一部不超过 2 h 的影片" in basis, (rid, basis)
    assert "截止后的 60 s 亦为本文件自定" in rows["TD-PWR-003"][1]
    assert "头戴设备有充分机会随使用移动" in rows["TD-GAZE-004"][1]


def test_the_head_model_figures_have_their_basis(note):
    """d3: 8.75 cm and 343 m/s are the document's own with their reason, the 7.5 cm to 10 cm and the degrees the
    100 us covers are the model's own figures, not unsourced head-related transfer function sets."""
    basis = _rows(note)["TD-AUD-004"][1]
    assert "半径 8.75 cm 与声速 343 m/s 为本文件自定" in basis and "20 ℃" in basis, basis
    assert "伍德沃思（参考文献[" in basis and "头相关传递函数集" not in basis, basis
    assert "相差均不超过 94 μs" in basis, basis


def test_every_reading_bound_says_what_it_still_covers():
    """d5: a bound's reason says, after what it limits, which conforming inputs it still takes in whole, so a reader
    sees why it does not cut them (「限定一次测试的时长与所需内存」 alone fits any number)."""
    for bound in BOUNDS:
        zh, en = bound.why
        assert "；" in zh and "; " in en, bound.name
