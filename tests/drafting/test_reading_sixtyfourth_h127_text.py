"""The sixty-fourth reading of issue 76, part h127-text: a bibliography entry cited nowhere, verdict lines saying what
the checks do, one name for a 3D Tiles group, one reason for the 5 Hz motion bound, and a formula set as code.

a1: 参考文献 [20] ISO 16739:2013 was cited nowhere a reader sees (only SC-BIM-001's unprinted notes name it); the class
test of the forty-second reading counted it cited because 「ISO 16739」 stands inside 「ISO 16739-1:2018」. b1:
ID-AUTH-001's inconclusive line named a platform that cannot resolve did:key, which the check fails under R1. c1:
TD-GAZE-004's inconclusive line counted start validations per stream, where each validation is a stream of its own
and step 1 counts them per capture. c2: SC-TILE-008 named a tileset's groups 分组 and 组 in one case. d1: the rows of
三（三） gave the 5 Hz bound on commanded_motion circular reasons, and TD-MPLAT-003's pointed to a reason
TD-MPLAT-004's notes did not hold. dx1: 「1 − cos(π/10)」 printed as 「1 − cos(π`/10)`」, the slash after π read as a
path's. Each test fails on the branch's base (b6c90194c)."""

from __future__ import annotations

import re

from conformance.drafting.wording import coded

#: a document's designation at the head of a 参考文献 entry (the forty-second reading's families and a few more)
_DESIGNATION = re.compile(r"(?:Recommendation )?((?:ISO/IEC|ISO/TS|ISO|IEC|RFC|3GPP TS|3GPP TR|GB/T|GB|ASTM|ETSI EN|"
                          r"NIST SP|ITU-R|ITU-T|ANSI/NCSL|GOST|JCGM|JIS Z|Regulation \(EU\)) ?[\w./-]*\d[\w.-]*)")
#: an Internet-Draft's name in an entry
_DRAFT_NAME = re.compile(r"draft-[a-z0-9-]+\d")


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def _bibliography(zh_markdown: str, note_md: str) -> tuple[str, list[tuple[str, str]]]:
    """(the draft before the 参考文献 and the 编制说明, the entries as (number, text))."""
    draft = _plain(zh_markdown)
    start = draft.index("\n## 参考文献")
    entries = re.findall(r"^\[(\d+)\]\s*(.*)$", draft[start:], re.MULTILINE)
    return draft[:start] + _plain(note_md), entries


def _cited_by_designation(designation: str, text: str) -> bool:
    """Whether ``text`` names the document itself: 「ISO 16739」 inside 「ISO 16739-1:2018」 is another document's
    designation, and an edition named (「:2013」) is that edition or the designation without any."""
    base, _, year = designation.partition(":")
    name = rf"(?<![\w/-]){re.escape(base)}"
    if year:
        return bool(re.search(rf"{name}(?:[:—]{re.escape(year)}|(?![\w-]|\.\d|[:—]\d))", text))
    return bool(re.search(rf"{name}(?![\w-]|\.\d)", text))


def _uncited(text: str, entries: list[tuple[str, str]]) -> list[str]:
    uncited = []
    for number, entry in entries:
        if re.search(rf"参考文献\[(?:[\d、，至\]\[]*\D)?{number}\]", text):
            continue
        designation = _DESIGNATION.match(entry)
        if designation:
            cited = _cited_by_designation(designation.group(1), text)
        elif _DRAFT_NAME.search(entry):
            cited = _DRAFT_NAME.search(entry).group(0) in text  # type: ignore[union-attr]
        else:  # a Chinese document by its title: what stands between the authors and the type code, up to a colon
            title = re.match(r"[^.]*\.\s*([^\[：:]+)", entry)
            cited = bool(title) and title.group(1).strip()[:12] in text  # type: ignore[union-attr]
        if not cited:
            uncited.append(f"[{number}] {entry[:70]}")
    return uncited


def test_a1_every_bibliography_entry_is_cited_where_a_reader_sees_it(zh_markdown, note_md):
    """The class: each 参考文献 entry is cited in the draft or the 编制说明, by its number, by its own designation (not
    one it is the start of), an Internet-Draft's name or a Chinese document's title."""
    text, entries = _bibliography(zh_markdown, note_md)
    assert len(entries) > 150
    assert not _uncited(text, entries), _uncited(text, entries)
    assert not any("ISO 16739:2013" in entry for _, entry in entries)
    # the rule itself: a designation is not cited by a longer one it begins
    assert not _cited_by_designation("ISO 16739:2013", "ISO 16739-1:2018 与 ISO 16739-1:2024")
    assert _cited_by_designation("ISO 16739-1:2018", "ISO 16739-1:2018（IFC4 ADD2 TC1）")
    assert _cited_by_designation("RFC 8216", "见 RFC 8216 第 4 章")
    assert not _cited_by_designation("RFC 821", "RFC 8216")


def _case(markdown: str, rid: str) -> str:
    """The section of the test case of ``rid``, up to the next heading."""
    text = _plain(markdown)
    start = re.search(rf"\n#+ [\d.]+ {re.escape(rid)} ", text)
    assert start, rid
    end = re.search(r"\n#+ ", text[start.end():])
    return text[start.start():start.end() + (end.start() if end else len(text))]


def _criterion(case: str, verdict: str) -> str:
    found = re.search(rf"{verdict}[：:][^|\n]*", case)
    assert found, verdict
    return found.group(0)


def test_b1_id_auth_001_fails_a_platform_that_cannot_resolve_did_key(zh_markdown, en_markdown):
    case = _case(zh_markdown, "ID-AUTH-001")
    inconclusive, fail = _criterion(case, "不确定"), _criterion(case, "不通过")
    assert "did:key" not in inconclusive and "平台无法访问" in inconclusive, inconclusive
    assert "无法解析 `did:key` 形式的 DID 而未以 201 应答" in fail and "R1" in fail, fail
    en = _case(en_markdown, "ID-AUTH-001")
    assert "did:key" not in _criterion(en, "Inconclusive")
    assert "cannot resolve `did:key` DIDs" in _criterion(en, "Fail")


def test_c1_td_gaze_004_counts_start_validations_per_capture(zh_markdown, en_markdown):
    inconclusive = _criterion(_case(zh_markdown, "TD-GAZE-004"), "不确定")
    assert "某个采集文件中测得的开始时验证不是恰好一次" in inconclusive, inconclusive
    assert "某个数据流没有恰好一次" not in inconclusive and "另有数据流得到判定" not in inconclusive
    en = _criterion(_case(en_markdown, "TD-GAZE-004"), "Inconclusive")
    assert "a capture holds not exactly one measured validation at the start" in en and "a stream holds" not in en


#: 组 as a noun of its own, not a part of another word (分组, 起草组, 一组, 组合, 组成...)
_BARE_GROUP = re.compile(r"(?<![分起编小工数一每两三多词题])组(?![合成件织别长员])")


def test_c2_no_case_names_a_group_both_fen_zu_and_zu(zh_markdown):
    """The class: a test case that says 分组 does not also say 组 for the same thing (SC-TILE-008 did in step 6 and its
    not-applicable line, from the `items` text)."""
    sections = re.split(r"\n(?=#{2,6} )", _plain(zh_markdown))
    both = [(s.split("\n", 1)[0][:40], [s[max(0, m.start() - 8):m.end() + 6] for m in _BARE_GROUP.finditer(s)])
            for s in sections if "分组" in s and _BARE_GROUP.search(s)]
    assert not both, both
    case = _case(zh_markdown, "SC-TILE-008")
    assert case.count("瓦片集、分组、瓦片或内容的元数据") >= 2


def _limits_rows(note_md: str) -> dict[str, str]:
    text = _plain(note_md)
    table = text[text.index("### （三）各项限值的确定依据"):]
    table = table[:table.index("\n### ", 10)]
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| ([A-Z]{2}-[A-Z0-9]+-\d{3}) \|.*$", table, re.MULTILINE)}


def test_d1_the_5_hz_bound_has_one_reason_the_rows_point_to(note_md):
    rows = _limits_rows(note_md)
    first, third, fourth = rows["TD-MPLAT-001"], rows["TD-MPLAT-003"], rows["TD-MPLAT-004"]
    # the one reason, in the row of TD-MPLAT-001, ahead of the frame rate derived from it
    assert "5 Hz 为本文件自定：它是 TD-MPLAT-003 判定其时延的正弦运动的最高频率 1 Hz 的五倍" in first, first
    assert first.index("五次谐波") < first.index("每秒不少于 100 帧与 1.5 倍周期即据此") and "约 5.2 Hz" in first
    for row in (third, fourth):
        assert "理由见 TD-MPLAT-001 的附注" in row, row
    # no longer derived back from the frame rate, nor sent to a note that does not hold the reason
    assert "读数误差不超过 1% 的最高频率" not in fourth
    assert "理由见 TD-MPLAT-004 的附注" not in third and "使 TD-MPLAT-004 能在平台行程以内指令速度边界" not in third


def test_d1_every_row_sending_to_a_note_for_a_reason_finds_a_row_with_one(note_md):
    """The class: a row of 三（三） giving a reason as 「理由见 X 的附注」 names a requirement whose row gives reasons of
    its own (「本文件自定」 with a reason), not a row that only points on."""
    rows = _limits_rows(note_md)
    pointers = [(rid, target) for rid, row in rows.items() for target in re.findall(r"理由见 ([A-Z]{2}-[A-Z0-9]+-\d{3}) 的附注", row)]
    assert pointers
    for rid, target in pointers:
        assert target in rows, (rid, target)
        assert "本文件自定：" in rows[target] or "本文件自定，" in rows[target], (rid, target)


#: a code span that starts with a slash glued to the character before it (not a space or an opening mark)
_GLUED = re.compile(r"(?<=[^\s（(「“\"'\[|*：，、；])`/")


def _glued_slash_spans(markdown: str) -> list[str]:
    found = []
    for line in markdown.splitlines():
        for m in _GLUED.finditer(line):
            if line.count("`", 0, m.start()) % 2 == 0:  # an opening backtick
                found.append(line[max(0, m.start() - 20):m.start() + 20])
    return found


def test_dx1_no_code_span_starts_with_a_slash_glued_to_a_formula(zh_markdown, en_markdown):
    """The class: no code span of the draft, in either language, opens at a slash glued to what stands before it (a
    formula's division, 「cos(π/10)」, read as a path)."""
    for markdown in (zh_markdown, en_markdown):
        assert not _glued_slash_spans(markdown), _glued_slash_spans(markdown)
    assert "1 − cos(π/10)" in _plain(zh_markdown)
    assert coded("至多 1 − cos(π/10)，约 4.9%", set()) == "至多 1 − cos(π/10)，约 4.9%"
    assert coded("比值 (n)/2 与 α/β", set()) == "比值 (n)/2 与 α/β"
    assert coded("向 /test/clock 发送", set()) == "向 `/test/clock` 发送"
