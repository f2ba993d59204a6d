"""The seventy-second reading of issue 76 (read72b), part h136-notes.

b1 (X): AS-AIGC-014's step 5 and AS-AIGC-015's step 4 gave the reason for 16 层 as 「16 层的理由见附注」, and TD-PWR-002's
前置条件 said 「限值的来源见附注」 ("see the notes" in English): the standard prints no 附注 (a requirement's notes are printed
only in the 编制说明), so the pointers led nowhere. The steps now give the reason in one clause (16 层 lies far beyond the
deepest nesting of ISO/IEC 14496-12:2022's box structures, which no file written to that standard reaches), and the
apparatus line of TD-PWR-002 no longer points at the limit's source, which its 1.5.2 deliberately left to the notes.
The class: no test case (clauses 7 to 14) and no other part of the draft refers to 附注 or to a requirement's notes,
in either language; a 「见注」 ("see Note") is allowed only where its subclause holds a GB/T 1.1 注 (NOTE) of its own.
Annex B's topic table (「见各要求的说明」, "as each requirement's notes say") was one more instance of the class.

b2 (K1): IF-TDX-001's step 4 wrote the signing input as the formula 「“第一段.其 base64url 编码”」, a bare ASCII full stop
in running Chinese. It now says 「第一段、字符 `.` 与规范化所得形式的 `base64url` 编码依次相连所得的字节……（RFC
7515 第 5.2 节验证签名所用的 JWS 签名输入）」 (5.2, the validation the check performs, as
``areas/interfaces/signedexport.signing_input`` says). The class: no ASCII full stop between two CJK characters, or a
CJK character and a code span, outside code spans in the rendered draft and 编制说明; the only other instance, annex D's
description of `api_versions[]` (「形式为“主版本号.次版本号”」, from schemas/interfaces/discovery.json), is reworded too.

Each test fails on the branch's base (fa16bf1e1) but the scan's own check on sample strings."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a pointer to the requirements' notes, which the standard does not print
_NOTES_ZH = re.compile(r"附注|见各要求的说明")
_NOTES_EN = re.compile(r"\b(?:the|its|their|each requirement's|requirements') notes\b", re.I)
#: a pointer to a GB/T 1.1 note, allowed where the subclause holds one
_SEE_NOTE = {"zh": re.compile(r"见注(?: ?\d+)?"), "en": re.compile(r"\bsee Note\b(?: \d+)?")}
_NOTE_LINE = {"zh": re.compile(r"^注(?: ?\d+)?：", re.M), "en": re.compile(r"^NOTE(?: \d+)?\b", re.M)}

_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_CODE = re.compile(r"`[^`\n]*`")
_SPAN = "\ue000"  # a code span, as the scan sees it
#: an ASCII full stop between two CJK characters, or a CJK character and a code span
_BARE_STOP = re.compile(rf"(?:{_CJK}\.(?:{_CJK}|{_SPAN}))|(?:{_SPAN}\.{_CJK})")


def _pointers_to_the_notes(markdown: str, lang: str) -> list[tuple[str, str]]:
    notes = _NOTES_ZH if lang == "zh" else _NOTES_EN
    found = []
    for rid, case in _cases(markdown).items():
        found += [(rid, case[max(0, m.start() - 40):m.end() + 20]) for m in notes.finditer(case)]
        if not _NOTE_LINE[lang].search(case):
            found += [(rid, case[max(0, m.start() - 40):m.end() + 20]) for m in _SEE_NOTE[lang].finditer(case)]
    return found


def test_b1_no_test_case_sends_the_reader_to_the_notes(zh_markdown, en_markdown):
    assert len(_cases(zh_markdown)) > 300 and len(_cases(en_markdown)) > 300
    assert not _pointers_to_the_notes(zh_markdown, "zh")
    assert not _pointers_to_the_notes(en_markdown, "en")


def test_b1_the_draft_nowhere_names_the_requirements_notes(zh_markdown, en_markdown):
    """The whole draft (annex B's topic table was an instance outside the test cases)."""
    zh = [zh_markdown[max(0, m.start() - 40):m.end() + 20] for m in _NOTES_ZH.finditer(zh_markdown)]
    en = [en_markdown[max(0, m.start() - 40):m.end() + 20] for m in _NOTES_EN.finditer(en_markdown)]
    assert not zh and not en, (zh, en)


def test_b1_the_nesting_steps_give_16_s_reason_themselves(zh_markdown, en_markdown):
    for rid in ("AS-AIGC-014", "AS-AIGC-015"):
        zh, en = _row(_cases(zh_markdown)[rid], "测试步骤"), _row(_cases(en_markdown)[rid], "Test procedure")
        assert ("最深的一路嵌套为 `moov/trak/mdia/minf/stbl`，16 层远在这一深度之上，按该标准写成的文件达不到）"
                in zh), rid
        assert ("the deepest nesting of these containers is `moov/trak/mdia/minf/stbl`, and 16 lies far beyond that "
                "depth, which no file written to the standard reaches)") in en, rid
        # no count the 三（三） row would have to give (seventy-first reading, b1)
        assert "5 层" not in zh and "三倍" not in zh and "5 deep" not in en and "three times" not in en, rid


def test_b1_the_thermometer_line_keeps_its_reason_without_a_pointer(zh_markdown, en_markdown):
    zh, en = _row(_cases(zh_markdown)["TD-PWR-002"], "前置条件"), _row(_cases(en_markdown)["TD-PWR-002"], "Initial conditions")
    # the seventh reading's one way for Celsius: 「整摄氏度」 became the limit's unit, 1 ℃ (CI at a176daeea)
    assert "温度计至多使设备失去 0.5 ℃的余量，即该限值所用单位 1 ℃的一半；" in zh, zh
    assert "half a degree of a limit given in whole degrees; a contact thermometer" in en, en
    assert "来源" not in zh and "source" not in en


def _bare_stops(markdown: str) -> list[str]:
    found = []
    for line in markdown.splitlines():
        scanned = _CODE.sub(_SPAN, line)
        found += [scanned[max(0, m.start() - 20):m.end() + 20] for m in _BARE_STOP.finditer(scanned)]
    return found


def test_b2_no_bare_ascii_full_stop_in_running_chinese(zh_markdown, note_md):
    assert not _bare_stops(zh_markdown), _bare_stops(zh_markdown)
    assert not _bare_stops(note_md), _bare_stops(note_md)


def test_b2_the_scan_finds_the_instances_it_is_for():
    assert _bare_stops("以“第一段.其 `base64url` 编码”的字节") == ["以“第一段.其 \ue000 编码”的字节"]
    assert _bare_stops("字符 `.`.的") and _bare_stops("由主版本号.`1`")
    # numbers, section numbers, a literal in quotes or code, a GB/T 7714 entry's full stop and a list number are not
    assert not _bare_stops("比值 1.5，第 5.1 节，按“.”分为三段，字符 `.` 与 `a.b`，科技司. 工业和信息化部，1. 取得")


def test_b2_if_tdx_001_names_the_signing_input(zh_markdown, en_markdown):
    zh, en = _row(_cases(zh_markdown)["IF-TDX-001"], "测试步骤"), _row(_cases(en_markdown)["IF-TDX-001"], "Test procedure")
    assert ("以第一段、字符 `.` 与规范化所得形式的 `base64url` 编码依次相连所得的字节为签名输入（RFC 7515 第 5.2 节"
            "验证签名所用的 JWS 签名输入）") in zh, zh
    assert "“第一段" not in zh
    assert ("the character `.` and the `base64url` encoding of that canonical form, joined in that order: the JWS "
            "Signing Input over "
            "which RFC 7515, section 5.2, validates a signature (rule R1)") in en, en


def test_b2_annex_d_writes_the_version_s_form_in_words(zh_markdown):
    assert "一个版本，由主版本号、字符 `.` 与次版本号依次相连而成（如 `1.0`）。" in zh_markdown
    assert "主版本号.次版本号" not in zh_markdown
