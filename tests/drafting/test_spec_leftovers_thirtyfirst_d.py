"""The leftovers of the thirty-first reading of issue 76, part d (docs/drafting.md, "Leftovers of the thirty-first
reading, part d"): IF-TDX-001's fail and inconclusive lines (rows a14, a15), IF-UDP-004's steps (a16), the data
export period written 2 592 000 s as annex A writes it (a17, b4), and the explanatory note's citations of standards
and laws and its cooling-off window (b16, b17). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_signed_export_fail_line_names_problem_details(zh_markdown, en_markdown):
    """Row a14: the check takes the refusal as an RFC 9457 problem; the fail line dropped 问题详情."""
    zh = _verdict_lines(_cases(zh_markdown)["IF-TDX-001"], "zh")["不通过"]
    assert "未以 401 与 403 以外的 `4xx` 问题详情拒绝" in zh
    en = _verdict_lines(_cases(en_markdown)["IF-TDX-001"], "en")["Fail"]
    assert "not refused with `4xx` problem details other than 401 and 403" in en


def test_assets_are_issued_with_one_word(zh_markdown):
    """Row a15: 「资产未能签发」 was the draft's only 签发 of an asset; the others say 发行."""
    assert "资产未能签发" not in zh_markdown
    assert "资产未能发行" in _verdict_lines(_cases(zh_markdown)["IF-TDX-001"], "zh")["不确定"]


def test_the_refused_export_steps_say_what_is_looked_at(zh_markdown, en_markdown):
    """Row a16: steps 2 and 3 recorded without saying what is judged, and no step recorded the non-conformities."""
    zh = _steps(_cases(zh_markdown)["IF-UDP-004"], "zh")
    assert "查看是否以 403 或 404 及 RFC 9457 问题详情拒绝" in zh[1] and "平台对的每个平台" in zh[1]
    assert "查看是否以 401 及问题详情拒绝" in zh[2]
    assert zh[3].startswith("4. 记录每个不符合项")
    en = _steps(_cases(en_markdown)["IF-UDP-004"], "en")
    assert "refused with 403 or 404 and RFC 9457 problem details" in en[1]
    assert "refused with 401 and problem details" in en[2]
    assert en[3].startswith("4. Record each non-conformity")


def test_the_export_period_is_written_in_seconds(zh_markdown, en_markdown):
    """Rows a17 and b4: IF-UDP-006, annex A's row A.13.6 and table B.2 wrote the period as 「30 日」 / "30 days",
    while annex A's export_response_s and AS-TRADE's cooling-off period are written in seconds."""
    zh, en = _cases(zh_markdown)["IF-UDP-006"], _cases(en_markdown)["IF-UDP-006"]
    assert "30 日" not in zh and "30 days" not in en
    assert "请求后 2 592 000 s 时未以 200 提供导出" in _verdict_lines(zh, "zh")["不通过"]
    assert "stands 2 592 000 s after the request" in _verdict_lines(en, "en")["Fail"]
    assert "| 6 | IF‑UDP‑006 自请求起 2 592 000 s 内提供用户的数据导出 |" in zh_markdown  # item 6 of its table (41st a20)
    assert "| 6 | IF‑UDP‑006 A user's data export is provided within 2 592 000 s of the request |" in en_markdown
    assert not re.search(r"自请求起 30 日|30 days of the request", zh_markdown + en_markdown)
    assert "在用户的测试时钟上自请求起 2 592 000 s 内提供，依 GB/T 35273—2020 的 8.7 c)" in zh_markdown
    assert "provided within 2 592 000 s of the request on the user's test clock" in en_markdown


def test_the_explanatory_note_cites_subclauses_and_articles_in_one_form(note_md, note_md_en):
    """Row b16: 「第 8.7 c) 条」 cited a standard's subclause as a law's article, and the law citations mixed
    「第二十五条第三项」, 「第五十五条第一款第（三）项」 and 「第四十七条第一款第三项」."""
    for old in ("第 8.7 c) 条", "第 3.1、3.2 条", "第 6.2、6.3 条", "第 5.2 条", "第 8.3 条", "第 8.6 条"):
        assert old not in note_md
    assert "按该标准的 3.1、3.2 与附录 B" in note_md
    assert "按其 5.2（最小必要）、8.2（更正）、8.3（删除）与 8.6（获取副本）" in note_md  # 8.2 (IF-UDP-011): h101-law2
    assert "30 天" not in note_md
    assert "其 8.7 c) 规定的 30 日（2 592 000 s）" in note_md
    assert "第（" not in note_md
    assert "该法第二十五条第一款第三项" in note_md and "该法第五十五条第一款第三项" in note_md
    assert "Article 25, paragraph 1, item 3" in note_md_en and "Article 73, item 2" in note_md_en


def test_the_cooling_off_window_is_written_as_the_cases_write_it(note_md, note_md_en):
    """Row b17: 八（八） wrote the document's own period as 「七日冷静期」 / "seven-day", beside 604 800 s elsewhere."""
    assert "七日冷静期" not in note_md and "604 800 s 冷静期" in note_md and "7 天冷静期为本文件自定" in note_md
    assert "第二十五条（七日无理由退货）" in note_md
    assert "seven-day cooling-off" not in note_md_en and "a 604 800 s cooling-off window" in note_md_en
    assert "so the 7 days are the document's own choice" in note_md_en
