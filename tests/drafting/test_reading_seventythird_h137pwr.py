"""The seventy-third reading of issue 76 (read73c), TD-PWR-003's battery life after a cut-off (part h137-pwr).

c1 (X): step 4 measured the battery life to the cut-off only when at least 60 s of record followed it, and otherwise
to the last reading, so a device whose power fell below 0.1 W for good at 1.99 h, its record ending 50 s later, was
measured as 2.004 h and passed, counting time it was already off. Now step 4 measures to the cut-off whenever the record
shows one (to the last reading only when none is seen), step 5 and the 不确定 line record a cut-off before 2 h with fewer
than 60 s after it as unjudged (not confirmed), and the check does the same (1.3; tests/areas/terminal/test_supply.py,
the capture perf-rules/battery-cutoff-unconfirmed.ndjson.gz).

The class test: every sentence of the rendered draft (both languages) that measures TD-PWR-003's battery life to the
last reading limits it to a record showing no cut-off, and every one that records a stream unjudged for ending sooner
without a cut-off names the unconfirmed cut-off beside it.

Fails on bb7a364bd."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

RID = "TD-PWR-003"


def _lines(markdown: str, lang: str) -> tuple[list[str], dict[str, str]]:
    text = _cases(markdown)[RID]
    return _steps(text, lang), _verdict_lines(text, lang)


def _sentences(markdown: str, split: str) -> list[str]:
    return [s for line in markdown.splitlines() for s in re.split(split, line) if s]


def test_c1_step_4_measures_to_the_cut_off_whenever_one_is_seen(zh_markdown, en_markdown):
    steps, _ = _lines(zh_markdown, "zh")
    assert "记录中出现截止（最后一个读数低于 0.1 W）时，续航为自首个读数至截止的时间，不计截止之后的记录" in steps[4], steps[4]
    assert "截止之后记录持续至少 60 秒时" not in steps[4] and "否则为自首个读数至最后一个读数" not in steps[4]
    steps, _ = _lines(en_markdown, "en")
    assert "Where the record shows a cut-off (the last reading below 0.1 W), the battery life is the time from the " \
           "first reading to the cut-off" in steps[4], steps[4]
    assert "otherwise the time from the first reading to the last" not in steps[4]


def test_c1_a_cut_off_not_confirmed_is_unjudged_in_step_5_and_the_inconclusive_line(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "zh")
    assert "或截止后记录不足 60 s（截止未得到确认，设备可能再次取电），将该数据流记为未判定" in steps[5], steps[5]
    assert "或其在 2 h 前截止而截止后的记录不足 60 s（即使另有数据流得到判定）" in lines["不确定"], lines["不确定"]
    steps, lines = _lines(en_markdown, "en")
    assert "or fewer than 60 s recorded after the cut-off (the cut-off not confirmed" in steps[5], steps[5]
    assert "or it cuts off before 2 h with fewer than 60 s recorded after the cut-off (even beside a stream " \
           "judged)" in lines["Inconclusive"], lines["Inconclusive"]


def test_c1_class_no_text_measures_to_the_last_reading_past_a_cut_off(zh_markdown, en_markdown):
    zh = [s for s in _sentences(zh_markdown, r"(?<=[。；])") if "至最后一个读数的时间" in s]
    assert zh and all("未出现截止" in s for s in zh), zh
    en = [s for s in _sentences(en_markdown, r"(?<=[.;])\s") if "from the first reading to the last" in s]
    assert en and all("shows none" in s for s in en), en


def test_c1_class_every_unjudged_early_end_names_the_unconfirmed_cut_off(zh_markdown, en_markdown):
    zh = [s for s in _sentences(zh_markdown, r"(?<=[。])") if "未截止即" in s and ("续航" in s or "2 h" in s)]
    assert zh and all("不足 60 s" in s for s in zh), zh
    en = [s for s in _sentences(en_markdown, r"(?<=\.)\s")
          if re.search(r"ends? (sooner|before 2 h(ours)?) without a cut-off", s)]
    assert en and all("fewer than 60 s" in s for s in en), en
