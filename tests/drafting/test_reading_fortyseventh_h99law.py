"""The forty-seventh reading, part h99-law (docs/drafting.md, "Forty-seventh reading, part h99-law"): 编制说明 八 said
AS-MINOR-003's window was taken 「逐字」 from the NPPA's 2021 notice and derived with 「因此」 the obligation to serve a
minor inside it, while the notice only limits (「仅可……提供」) and the serving is this document's own (d1); 八 said the
2021 notice left the 2019 payment caps unchanged, then that it prevails where the two differ, without saying where they
differ (dx1). Each test fails on the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.explanatory_data import load_note_data
from conformance.drafting.facts import ordered
from conformance.drafting.writer import normative

#: a rule obliging the platform to serve (start a session, accept a payment, serve an item): a source that only
#: limits (「仅可」「不得」) gives no such obligation, so it is the document's own
SERVE = re.compile(r"应被(?:开启|接受|提供)")


def _section(note_md: str, title_words: str) -> str:
    """A subsection of 八 of the rendered 编制说明, by words of its heading (the heading to the next heading)."""
    return re.search(rf"^### （[一二三四五六七八九十]+）[^\n]*{re.escape(title_words)}[^\n]*\n(.*?)(?=^#)",
                     note_md, re.M | re.S).group(1)


def test_a_source_said_adopted_word_for_word_adds_no_obligation_to_serve(catalog):
    """d1, the class: a law or notice cited by a requirement that also obliges the platform to serve is never said to be
    taken 「逐字」, and where its section says the document adopts its terms, it says what the document adds."""
    data = load_note_data(catalog)
    judged = []
    for entry in data.get("relations"):
        serving = [r.id for r in ordered(catalog) if normative(r)
                   and any(ref.name == entry["name"] for ref in r.source.standards)
                   and any(SERVE.search(rule.zh) for rule in r.rules)]
        text = entry["zh"]
        if serving:
            assert "逐字" not in text, entry["name"]
        if serving and "采用" in text:
            judged.append(entry["name"])
            assert "本文件增加的要求" in text and any(rid in text for rid in serving), entry["name"]
    assert len(judged) >= 1  # the 2021 notice at least


def test_the_2021_notice_only_limits_and_the_window_s_serving_is_the_document_s(note_md):
    """d1: 八's section on the 2021 notice says the item limits, what AS-MINOR-003 adds and why, and that a platform
    stricter than the notice fails it; the 2026 arrangement's section derives nothing with 「因此」 from the notice."""
    notice = _section(note_md, "国新出发〔2021〕14号")
    assert "逐字" not in notice
    assert "并不要求平台在时段之内提供服务" in notice
    assert re.search(r"AS[-‑]MINOR[-‑]003 还要求平台在时段之内为未成年人开启游戏会话，这是本文件增加的要求", notice)
    assert "任何时间都拒绝未成年人的平台" in notice  # the reason
    assert re.search(r"更严格的平台[^。]*符合该通知，却不符合 AS[-‑]MINOR[-‑]003", notice)
    holidays = _section(note_md, "国办发明电〔2025〕7号")
    assert "因此要求" not in holidays and "不违反该通知" in holidays and "本文件增加的要求" in holidays


def test_the_2019_notice_s_section_says_where_the_2021_notice_prevails(note_md):
    """dx1: the section no longer says both that the 2021 notice changed nothing and that it prevails on a
    disagreement; it names the provisions that differ and why the payment caps stand."""
    notice = _section(note_md, "国新出发〔2019〕34号")
    assert "未改变这些限额" not in notice and "二者如有不一致" not in notice
    assert re.search(r"不一致之处在于游戏时段与时长（2019 年通知第二项）以及游客体验模式（第一项）", notice)
    assert "未规定限额" in notice and "仍然有效" in notice
    assert "逐字" not in notice and "须" not in notice
