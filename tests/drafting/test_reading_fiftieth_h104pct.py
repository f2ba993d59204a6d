"""The fiftieth reading, part h104-pct (docs/drafting.md, "Fiftieth reading, part h104-pct"): the percentile levels
that decide verdicts (RB-TRACK-001/-002's 95th, TD-DISP-001/-002/-009's and TD-RATE-003's 99th, TD-DISP-009's 5th and
99.5th, TD-FACE-004's 5th and 95th, TD-TACT-004's 95th) stood in no row of the 编制说明's 三（三） and had no reason (c2);
TD-DISP-005's English cell read a bare "0.5" and IF-SES-001's row had no 10 updates (leftovers). Each test fails on the
draft as it was before (8882e77b)."""

from __future__ import annotations

import re

from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

#: a level as any text writes it, alone or in a list: 「第 99 百分位数」, 「第 5 与第 99.5 百分位数」, 「第 40 至第 60 百分位数」
_LEVEL = re.compile(r"第 ?(\d+(?:\.\d+)?)(?= ?(?:(?:与|和|、|至)第 ?\d+(?:\.\d+)? ?)*百分位)")
#: the requirements whose levels are a population's (TD-HAND-004's subjects' hand lengths in GB/T 10000—2023), not a
#: level of the samples measured: listed, their reason the quoted clause citing that standard
_POPULATION = {"TD-HAND-004"}


def _says_what(level: str, basis: str) -> bool:
    """Whether the quote says what the level is: 「第 99 百分位数为本文件自定：……」, 「第 5 与第 99.5 百分位数为……」."""
    return bool(re.search(rf"第 ?{re.escape(level)} ?(?:(?:与|和|、)第 ?[\d.]+ ?)*百分位数?(?:（[^）]*）)?\s?(?:为|是|使)",
                          basis))


def test_every_percentile_level_stands_in_its_row_with_its_reason(catalog, note):
    """The class of c2, over every case of the draft: a level in a statement, rule, condition, step or criterion is
    listed in its requirement's row as 「第 N 百分位数」, and the quote says what it is (not flagged)."""
    rows = _rows(note)
    w = Writer(catalog, "zh")
    wrong, seen = [], set()
    for rid, req in catalog.requirements.items():
        if rid not in rows or (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        text = "\n".join([req.statement.zh, *(rule.zh for rule in req.rules), *case.conditions, *case.steps,
                          *(line for line in case.criteria if not line.startswith("不适用"))])
        limits, basis = rows[rid]
        for level in dict.fromkeys(m.group(1) for m in _LEVEL.finditer(text)):
            seen.add(rid)
            if f"第 {level} 百分位数" not in limits.split("，"):
                wrong.append((rid, level, "not listed"))
            elif rid not in _POPULATION and not _says_what(level, basis):
                wrong.append((rid, level, "no reason"))
    assert not wrong
    assert {"RB-TRACK-001", "RB-TRACK-002", "TD-DISP-001", "TD-DISP-002", "TD-DISP-009", "TD-RATE-003", "TD-FACE-004",
            "TD-TACT-004", "IF-LAT-001", "IF-SES-002"} <= seen


def test_each_level_has_the_reason_of_its_check(note):
    """c2: the reason each quote gives is what the level tolerates in its own check."""
    rows = _rows(note)
    wanted = {"RB-TRACK-001": "至多 5% 的样本", "RB-TRACK-002": "至多 5% 的帧", "TD-DISP-001": "一百帧中有一帧",
              "TD-DISP-002": "一百帧中有一帧", "TD-RATE-003": "一百个间隔中有一个", "TD-TACT-004": "至多 5% 的帧",
              "TD-FACE-004": "少数离群的帧", "IF-SES-002": "最大值 400 ms 约束"}
    for rid, reason in wanted.items():
        assert reason in rows[rid][1], (rid, rows[rid][1])
    disp = rows["TD-DISP-009"][1]
    assert "少数离群的样本" in disp and "第 99.5 百分位数，既仍落在点亮的样本之中" in disp
    assert "第 5 与第 99.5 百分位数为本文件自定" in disp


def test_the_english_cells_carry_the_words_of_the_chinese(note, note_en):
    """Leftovers: TD-DISP-005's 0.5 sample periods (the English cell read a bare "0.5"), IF-SES-001's 10 updates a
    participant (its step's 「`session_updates`（10）次」 stood in no row), each level as an English ordinal."""
    rows, rows_en = _rows(note), _rows(note_en)
    assert "0.5 sample periods" in rows_en["TD-DISP-005"][0].split(", ")
    assert "10 次" in rows["IF-SES-001"][0].split("，") and "10 times" in rows_en["IF-SES-001"][0].split(", ")
    assert {"99th percentile", "5th percentile", "99.5th percentile"} <= set(rows_en["TD-DISP-009"][0].split(", "))
