"""The forty-second reading, part h94-basisT (docs/drafting.md, "Forty-second reading, part h94-basisT"): the rows of
the 编制说明's 三（三） for the terminal area and RB-TRACK-001. Rows were cut with 「……」 before the numbers they list
(c7, d11), gave no basis for the thresholds that decide whether a signal started (c8), for weights, rates and levels
of the 判定准则 (c9, c12, d5, d6, d7), took the instruments' sentence 「这些数值为本文件自定……各仪器的扩展不确定度……」
for the limits' reason (d8), credited TD-PERF-001/002 with 780°/s (d10), read as change history (cX2) or pointed at an
item the note does not hold (cX3); annex E.3 bounded `bit_depth` and `order` more loosely than TD-AUD-001 checks them
(c11). Each test fails on the draft as it was before."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance.areas.terminal.audio import BIT_DEPTHS, MAX_ORDER
from conformance.drafting.limitnumbers import levels
from conformance.drafting.writer import Block

from .test_spec_leftovers_fortyfirst_h94basis import _limits, _number

#: the rows the reading named, each of whose listed numbers the quoted notes now give a basis for
_ROWS = ("TD-FORCE-003", "TD-FORCE-004", "TD-TACT-002", "TD-GAZE-005", "TD-OLF-003", "RB-TRACK-001", "TD-HAPT-003",
         "TD-FACE-004", "TD-FACE-006", "TD-MPLAT-001", "TD-BCI-007", "TD-BCI-008", "TD-BODY-003", "TD-HAND-005",
         "TD-AUD-004", "TD-VOICE-004", "TD-MPLAT-004", "TD-PERF-004")


def _unit(limit: str, number: str) -> str:
    """The first sign of a limit's unit after its number (「25 ms」 -> m, 「1.25 倍」 -> 倍), empty for a bare number."""
    rest = re.sub(r"^(?:至少|每秒|第)\s?", "", limit).lstrip("−")[len(number):].strip()
    return rest[:1]


def test_each_number_of_these_rows_is_quoted_with_its_unit_and_a_basis(note: list[Block]):
    """c7, d11, d5-d8: the quoted notes name each listed number with its unit (「25 ms」, not 25 of another unit), the
    row names no number as the notes' gap, and a sentence of the quotation says where the numbers come from."""
    rows = _limits(note)
    for req in _ROWS:
        limits, basis = rows[req]
        assert basis.startswith("附注：") and "附注未写明" not in basis, (req, basis)
        for limit in limits.split("，"):
            if limit in levels(limit):  # a percentile level, named in a list too: 「第 5 与第 95 百分位数」
                assert limit in levels(basis), (req, limit, basis)
                continue
            number = _number(limit)
            unit = _unit(limit, number)
            assert re.search(rf"(?<![\d.]){re.escape(number)}\s?{re.escape(unit)}", basis), (req, limit, basis)
        assert re.search(r"自定|取自|沿用|依据|设定", basis), (req, basis)


def test_the_thresholds_deciding_a_signal_and_the_weights_have_their_basis(note: list[Block]):
    """c8, c9, c12, d10: the thresholds of the steps (4× and 5× the noise floor, 0.05 μmol/mol, 10 Hz), TD-FACE-004's
    0.25, 0.05 and 0.3, TD-MPLAT-001's 1.5 periods and TD-PERF-004's 780°/s are in the quoted sentence that sets them,
    780°/s credited to Grossman et al. as TD-MOT-002 cites them, not to TD-PERF-001/002."""
    rows = _limits(note)
    # 「本底 4 倍」 in digits since the sixty-seventh reading, part h130-term (d1's class)
    wanted = {"TD-FORCE-004": ("本底 4 倍", "25 ms 起损害"), "TD-HAPT-003": ("本底 4 倍", "10 Hz 以上"),
              "TD-OLF-003": ("本底的 5 倍", "0.05 μmol/mol", "1.25 倍"), "TD-FACE-004": ("0.25", "0.05", "跨度不小于 0.3"),
              "TD-MPLAT-001": ("1.5 倍",), "TD-PERF-004": ("780°/s 为 Grossman", "TD‑MOT‑002")}
    for req, parts in wanted.items():
        basis = rows[req][1].replace("TD-MOT-002", "TD‑MOT‑002")
        for part in parts:
            assert part in basis and "自定" in basis, (req, part, basis)
    assert "即 TD-PERF-001 与 TD-PERF-002 的限值" not in rows["TD-PERF-004"][1]


def test_no_row_takes_the_instruments_sentence_for_the_limits_basis(note: list[Block]):
    """d8 and the class: the sentence on the apparatus's accuracy and the test environment is about the instruments,
    so no row of the table quotes it as the basis of a limit."""
    rows = _limits(note)
    quoting = [req for req, (_, basis) in rows.items() if "各仪器的扩展不确定度" in basis]
    assert not quoting, quoting


def test_no_row_reads_as_history_or_points_at_an_item_it_does_not_hold(note: list[Block]):
    """cX2, cX3: TD-FORCE-003's row states what decides conformance, not what was changed; no row cites a lettered
    item in brackets (「（考虑到 g)）」) without saying whose item it is."""
    rows = _limits(note)
    for req, (_, basis) in rows.items():
        assert not re.search(r"（考虑到 [a-z]\)）", basis), (req, basis)
    force = rows["TD-FORCE-003"][1]
    assert not re.search(r"改为|不改为|不再", force) and "决定符合性的是" in force, force
    assert "“考虑到”部分第 g) 项" in rows["TD-FACE-006"][1]


def test_annex_e_bounds_the_audio_declaration_as_the_check_reads_it():
    """c11: E.3 said 「`audio.bit_depth` 不小于 1」 and 「`audio.order` 不小于 0」 while TD-AUD-001 fails any depth but
    16, 24 or 32 and any order above 7: the schema the annex renders now holds the check's values."""
    schema = json.loads(Path("schemas/terminal/capture-header.json").read_text(encoding="utf-8"))
    audio = schema["$defs"]["stream"]["properties"]["audio"]["properties"]
    assert audio["bit_depth"].get("enum") == list(BIT_DEPTHS)
    assert audio["order"].get("maximum") == MAX_ORDER and audio["order"].get("minimum") == 0
