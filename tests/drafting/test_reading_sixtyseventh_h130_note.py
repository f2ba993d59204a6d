"""The sixty-seventh reading of issue 76, part h130-note: the 编制说明's part 八 left out the mandatory national
standard GB 44703—2024 on optical radiation safety, and 八's laser entry read as if no mandatory standard bound laser
products once GB 7247.1—2012 was withdrawn (read67d, a2); two 参考文献 entries gave their publisher nowhere, or in a
bracketed gloss, not as their responsible party (read67d, doubtful 3); 四（五） counted a feature that holds only a
deprecated requirement among the draft's features (read67a, a1); annex A gave an informative parameter row an 「应」
and marked the settings of profiles serving only annex C's requirements but not their targets and trust-anchor files
(read67a, doubtful d1 and d2). Each test runs over the whole rendered text, so another instance of its class fails it
too, and each fails on the branch's base (a3e84674c)."""

from __future__ import annotations

import dataclasses
import difflib
import re

import pytest

from tests.drafting.test_reading_fiftyeighth_refs import _bibliography
from tests.drafting.test_reading_fortyfirst_h94note import _entries, _part

_MARK_ZH = "仅供附录 C 所列的资料性要求使用，不用于符合性判定"
_MARK_EN = "used only by informative requirements listed in annex C, not in judging conformance"
#: a mandatory national standard's designation, 「GB 44703—2024」 (not GB/T, GB/Z)
_MANDATORY = re.compile(r"GB \d+(?:\.\d+)*—\d{4}")


def _entry(note: str, designation: str) -> str:
    found = [text for title, text in _entries(note) if title.startswith(designation)]
    assert len(found) == 1, designation
    return found[0]


def test_d2_part_8_analyses_gb_44703(note_md, note_md_en):
    """八 analyses GB 44703—2024 as a mandatory national standard, with the cases touching optical radiation, what
    they leave to it and its dates as the standards catalogue's record gives them."""
    heads = [title for title, _ in _entries(note_md)]
    assert "GB 44703—2024《光辐射安全通用要求》（强制性国家标准）" in heads
    text = _entry(note_md, "GB 44703—2024")
    for said in ("TD-DISP-010", "TD-DEPTH-001", "TD-DEPTH-002", "2024 年 9 月 29 日发布、2026 年 10 月 1 日实施",
                 "不检验被测对象的光辐射安全风险分级、标识与安全控制", "符合本文件不能代替符合该强制性标准"):
        assert said in text, said
    assert text.startswith("没有要求引用它。")
    assert "### 8." in note_md_en and re.search(
        r"^### 8\.\d+ GB 44703-2024 General requirements for optical radiation safety \(mandatory national "
        r"standard\)$", note_md_en, re.M)
    assert "conformance to this document does not stand for conformance to it" in note_md_en


def test_d2_part_10_names_only_standards_part_8_analyses(note_md):
    """十's list of mandatory national standards holds GB 44703—2024, and each standard it names has its entry in 八."""
    ten = _part(note_md, "## 十、", "## 十一、")
    named = set(_MANDATORY.findall(ten))
    assert "GB 44703—2024" in named
    heads = [title for title, _ in _entries(note_md)]
    assert [d for d in sorted(named) if not any(h.startswith(d) for h in heads)] == []


def test_d2_a_withdrawn_mandatory_standard_names_the_one_in_force(note_md, note_md_en):
    """The class of 八（三十九）: an entry saying a former mandatory standard was withdrawn names the mandatory national
    standard that binds the same products now, so it does not read as if none did."""
    withdrawn = [(t, x) for t, x in _entries(note_md) if re.search(r"原强制性国家标准 GB \S+ 已废止", x)]
    assert withdrawn
    for title, text in withdrawn:
        gone = set(re.findall(r"原强制性国家标准 (GB \S+?) 已废止", text))
        assert set(_MANDATORY.findall(text)) - gone, title
    assert "did not leave laser products without a mandatory standard" in note_md_en


def test_d3_a_publishers_page_names_its_publisher(zh_markdown, en_markdown):
    """[147] and [181] gave no responsible party, [144] and [181] their publisher in a bracketed gloss: each entry now
    names its publisher (the val3dity documentation's author, as its usage page) before its title. The class: no
    entry's title ends in a gloss naming an organisation or a documentation set."""
    gloss = re.compile(r"\((?:[^()]*\b(?:TU Delft|Factory|University|Group|Authority|Foundation|documentation))\)\[")
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        entries = _bibliography(markdown, lang).values()
        assert [e[:80] for e in entries if gloss.search(e)] == []
        for start in ("Mitsar. Mitsar-EEG amplifier functional test[EB/OL]. ",
                      "Ledoux H. Errors: val3dity documentation[EB/OL]. ",
                      "Looking Glass Factory. Looking Glass quilt format[EB/OL]. "):
            assert sum(e.startswith(start) for e in entries) == 1, (lang, start)


def test_d3_the_note_cites_val3dity_by_its_documentation(zh_markdown, note_md):
    """The note's 「校验工具 `val3dity`（参考文献[n]）」 cites the val3dity documentation by its author, the entry of
    the errors its reports give (the program has no entry of its own)."""
    entries = _bibliography(zh_markdown, "zh")
    numbers = {int(n) for n in re.findall(r"`val3dity`（参考文献\[(\d+)\]）", note_md)}
    assert numbers and all(entries[n].startswith("Ledoux H. Errors: val3dity documentation") for n in numbers)


def _annex_a_features(markdown: str, lead: str) -> int:
    """The (profile, feature) pairs annex A names in its profiles' 「本配置的特性」 sentences."""
    annex = markdown.split("\n## 附录 A" if lead == "zh" else "\n## Annex A", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in annex.splitlines()
             if ("本配置的特性：" if lead == "zh" else "The profile's features: ") in line]
    return sum(len(re.findall(r"（`[^`]+`）" if lead == "zh" else r"\(`[^`]+`\)",
                              line.split("本配置的特性：" if lead == "zh" else "The profile's features: ", 1)[1]
                              .split("本配置所需" if lead == "zh" else "The endpoint names", 1)[0]))
               for line in lines)


def test_a1_the_reference_run_counts_the_drafts_features(zh_markdown, en_markdown, note_md, note_md_en, catalog):
    """四（五）'s claimed and unclaimed features add up to annex A's, and the feature holding only a deprecated
    requirement, which the run claims too, is named apart as not in this draft."""
    drafted = _annex_a_features(zh_markdown, "zh")
    assert drafted == _annex_a_features(en_markdown, "en") > 80
    claimed = re.search(r"含自动化要求的 (\d+) 个特性（仅含人工评估要求的 (\d+) 个特性不声明", note_md)
    assert claimed and int(claimed[1]) + int(claimed[2]) == drafted
    gone = [(p.id, n) for p in catalog.profiles.values() for n, f in p.features.items()
            if all(catalog.requirements[r].status == "deprecated" for r in f.requirements)]
    assert gone  # asset-minors's playtime-limits, AS-MINOR-002 only
    said = (f"另声明仅含已废止要求的 {len(gone)} 个特性 " + "、".join(f"`{p}` 的 `{n}`" for p, n in gone)
            + "，不列入本稿")
    assert said in note_md
    english = re.search(r"with the (\d+) features that hold an automated requirement \(the (\d+) features? assessed",
                        note_md_en)
    assert english and int(english[1]) + int(english[2]) == drafted
    assert "holding only deprecated requirements, `asset-minors`'s `playtime-limits`, not in this draft" in note_md_en


def _without_deprecated(catalog):
    """The catalog as if its deprecated requirements were gone: from the requirements, the profiles and the features
    (a feature left empty dropped)."""
    gone = {rid for rid, req in catalog.requirements.items() if req.status == "deprecated"}
    profiles = {}
    for pid, profile in catalog.profiles.items():
        features = {name: f.model_copy(update={"requirements": [r for r in f.requirements if r not in gone]})
                    for name, f in profile.features.items()}
        profiles[pid] = profile.model_copy(update={
            "requirements": [r for r in profile.requirements if r not in gone],
            "features": {name: f for name, f in features.items() if f.requirements}})
    return dataclasses.replace(catalog, profiles=profiles,
                               requirements={rid: r for rid, r in catalog.requirements.items() if rid not in gone})


#: a count as the note writes it (「1 156」 with its thin space, 「89」)
_COUNT = re.compile(r"\d+(?: \d{3})*")


def _token(m: re.Match[str]) -> str:
    """A count with the words before it, so that two counts of one number are told apart (「人工评估要求的 1」)."""
    return m.string[max(0, m.start() - 6):m.end()]


@pytest.mark.slow  # a second render of the whole note, of the catalog without its deprecated requirements
def test_a1_every_count_leaves_the_deprecated_out_unless_it_says_so(catalog, note):
    """The class of 四（五）'s 「89 个特性」: rendered from the catalog without its deprecated requirements, the note
    differs from the shipped one only in clauses that say they count deprecated ones (「已废止」): each count that
    changes, and each count the shipped note has beyond the other's, stands in a clause naming them."""
    from conformance.drafting.explanatory import explanatory_note

    shipped = [b.text for b in note]
    kept = [b.text for b in explanatory_note(_without_deprecated(catalog))]
    assert len(shipped) == len(kept)
    changed = []
    for ours, theirs in zip(shipped, kept, strict=True):
        if ours == theirs:
            continue
        mine, other = ours.split("。"), theirs.split("。")
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, mine, other, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            for sentence in mine[i1:i2]:
                counts = list(_COUNT.finditer(sentence))
                seen = [_token(m) for m in _COUNT.finditer("。".join(other[j1:j2]))]
                matcher = difflib.SequenceMatcher(None, [_token(m) for m in counts], seen, autojunk=False)
                for op, a1, a2, _, _ in matcher.get_opcodes():
                    for m in counts[a1:a2] if op in ("replace", "delete") else []:
                        clause = (re.split(r"[，；]", sentence[:m.start()])[-1] + m.group()
                                  + re.split(r"[，；]", sentence[m.end():])[0])
                        if "已废止" not in clause:
                            changed.append(clause[-120:])
    assert changed == []


def _annex_a_profiles(markdown: str, lang: str) -> dict[str, str]:
    annex = markdown.split("\n## 附录 A" if lang == "zh" else "\n## Annex A", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### (A\.\d+ .+)$", annex, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_ax_a_profile_serving_only_annex_c_marks_every_row(zh_markdown, en_markdown):
    """d2: A.12's 配置项 `identity_path` carried the marker, its target `api` and `ca_bundle` did not (A.10, A.25 the
    same). One rule now: in a profile whose ICS items are all informative, every IXIT and test parameter row says it
    serves only annex C's requirements."""
    for markdown, lang, mark in ((zh_markdown, "zh", _MARK_ZH), (en_markdown, "en", _MARK_EN)):
        checked = 0
        for heading, body in _annex_a_profiles(markdown, lang).items():
            tables = re.split(r"^表 A\.\d+　|^Table A\.\d+ ", body, flags=re.M)
            ics = [row.split(" | ") for row in body.splitlines() if re.match(r"^\| \d+ \| ", row)]
            if not ics or any(cells[2].strip() != "i" for cells in ics):
                continue
            checked += 1
            rows = [row for table in tables[2:] for row in table.splitlines()
                    if row.startswith("| ")
                    and not row.startswith(("| 项目", "| 测试参数", "| Item", "| Test parameter"))]
            assert rows, heading
            assert [row[:60] for row in rows if mark not in row] == [], (lang, heading)
        assert checked >= 3, lang


def test_ax_an_informative_row_states_no_provision(zh_markdown, en_markdown):
    """d1: A.6's `implicit_label_members` row said what the label 「应给出」 beside the marker saying it is not used for
    conformance. The class: no annex A row carrying the marker states a provision (应, 宜; shall, should, must)."""
    for markdown, lang, mark, modal in ((zh_markdown, "zh", _MARK_ZH, r"应|宜"),
                                        (en_markdown, "en", _MARK_EN, r"\b(?:shall|should|must)\b")):
        annex = markdown.split("\n## 附录 A" if lang == "zh" else "\n## Annex A", 1)[1].split("\n## ", 1)[0]
        marked = [row for row in annex.splitlines() if row.startswith("| ") and mark in row]
        assert len(marked) > 10
        # a trust-anchor row's own 「证书链应通向的」 says what the file holds, as in every profile's row
        said = [row[:80] for row in marked
                if re.search(modal, row.replace("证书链应通向的", "").replace("is to lead to", ""))]
        assert said == [], lang


def test_ax_a_targets_users_are_those_it_names_else_the_profiles():
    from conformance.drafting.icsrows import target_users

    named = target_users("显示器的角度亮度扫描结果（CSV；TD-HOLO-003）", ["TD-HOLO-001", "TD-HOLO-003"])
    assert named == {"TD-HOLO-003"}
    assert target_users("平台 HTTP 接口的基础地址", ["AS-REVIEW-001", "AS-RATING-002"]) == {"AS-REVIEW-001",
                                                                                            "AS-RATING-002"}
