"""The fifty-ninth reading, part h117-terms (docs/drafting.md, "Fifty-ninth reading, part h117-terms"): one name for
one thing. 5.1 called the request time limit and the reading bounds the IXIT may set 测试参数 and said they do not
change with the implementation (a3); A.31 called a feature 功能 (a4); a test step and E.11 said 证据 for what the
draft calls 记录 (a5); clause 4 left out MP4, MP3 and RC4 (ax1); the face cases named the person and the reference
system three ways each (c6); table 8's model checking software was a 读取工具 or 验证工具 in the cases (c7); 四（四）
called the known-bad cases a 能力验证 set (d5); 三（三） called 应/宜 requirements 强制的/推荐的要求 (d6). Each test
fails on the tree before (8de1ae53)."""

from __future__ import annotations

import json
import re

from tests.drafting.test_reading_fiftyfifth_cases55 import ROOT


def _between(markdown: str, start: str, end: str) -> str:
    begin = markdown.index(start)
    return markdown[begin:markdown.index(end, begin + len(start))]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。\n]", text) if s.strip()]


def _code_masked(text: str) -> str:
    return re.sub(r"https?://\S+", " ", re.sub(r"`[^`\n]*`", " ", text))


def _ixit_bounds() -> set[str]:
    """The IXIT members E.10 and E.11 call 5.1's reading bounds or request time limit."""
    names = set()
    for path in (ROOT / "schemas" / "manifest").glob("target-*.json"):
        for name, member in json.loads(path.read_text(encoding="utf-8")).get("properties", {}).items():
            if re.search(r"5\.1 所述的(读取界限|请求时限)", member.get("x-description-zh", "")):
                names.add(name)
    return names


def test_a3_the_bounds_the_ixit_sets_are_defaults_not_test_parameters(zh_markdown, en_markdown, note_md):
    """The class of a3: no sentence of 5.1 or of the 编制说明 makes a reading bound or the request time limit a 测试参数
    (the annex-A values the provider does not fill); the bounds E.10 and E.11 let the IXIT set are named in 5.1 as the
    test equipment's defaults the IXIT may change, and 「不因被测对象而改变」 holds only table 1's."""
    members = _ixit_bounds()
    assert {"max_file_bytes", "max_files", "max_response_bytes", "max_json_depth", "timeout_s"} <= members
    general = _between(zh_markdown, "\n### 5.1 ", "\n### 5.2 ")
    for text in (general, note_md):
        called = re.findall(r"(?:读取界限|请求时限)[^。；]{0,6}为[^。；]{0,12}(?<!不是)测试参数", text)
        assert not called, called
    assert "读取界限与请求时限都不是测试参数" in general
    defaults = [s for s in _sentences(general) if "默认值" in s and "IXIT 可" in s]
    assert defaults and all(f"`{m}`" in defaults[0] for m in members), defaults
    for sentence in _sentences(general):
        if "不因被测对象而改变" in sentence:
            assert re.search(r"表 \d+ 的读取界限由本文件规定", sentence), sentence
            assert not any(f"`{m}`" in sentence.split("不因被测对象而改变")[0] for m in members), sentence
    english = _between(en_markdown, "\n### 5.1 ", "\n### 5.2 ")
    assert "test parameter this document sets" not in english and "test parameters this document sets" not in english
    assert "the test equipment's defaults" in english


def test_a4_annex_a_names_features_as_features(zh_markdown):
    """The class of a4: annex A and the whole draft call a profile's optional capability 特性 (3.25), never 功能
    before its identifier."""
    assert not re.search(r"功能\s*`", zh_markdown)
    annex = _between(zh_markdown, "\n## 附录 A", "\n## 附录 B")
    assert "用于 `asset-pairs` 特性" in annex


def test_a5_what_a_case_records_is_its_record(zh_markdown, en_markdown):
    """The class of a5: the draft names what a case records 记录 (clause 16), never 证据, in the cases and in the
    manifest formats of annex E; the English likewise says record, not evidence, outside the VC member `evidence`."""
    assert "证据" not in zh_markdown
    for path in (ROOT / "schemas").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert "证据" not in text, path
    assert not re.search(r"\bevidence\b", _code_masked(en_markdown)), re.findall(r".{40}\bevidence\b.{20}",
                                                                                 _code_masked(en_markdown))
    step = _between(zh_markdown, "### 10.", "\n## 11 ")
    assert "引用其他 DID 的，予以记录，不作判定" in step


def test_ax1_every_latin_capitals_with_digits_token_is_listed(zh_markdown):
    """The class of ax1: every token of Latin capitals with digits the Chinese text writes outside code, URLs, clause 2
    and the bibliography is an abbreviation of clause 4, a name clause 4 keeps, an abbreviation of clause 4 with a
    version after it (IFC4, IFC2X3), a word of a document title clause 2 or the bibliography lists, or a symbol (one
    letter and digits: rule labels R1, variables)."""
    clause_4 = _between(zh_markdown, "\n## 4 ", "\n## 5 ")
    listed = set(re.findall(r"^([^：\n]+)：", clause_4, re.M))
    kept = clause_4[clause_4.rindex("保留原文："):]
    kept_words = set(re.findall(r"[A-Za-z0-9]+", kept))
    titles = _between(zh_markdown, "\n## 2 ", "\n## 3 ") + zh_markdown[zh_markdown.index("\n## 参考文献"):]
    title_words = set(re.findall(r"[A-Za-z0-9]+", titles))
    body = (zh_markdown[:zh_markdown.index("\n## 2 ")] + zh_markdown[zh_markdown.index("\n## 3 "):
                                                                      zh_markdown.index("\n## 4 ")]
            + zh_markdown[zh_markdown.index("\n## 5 "):zh_markdown.index("\n## 参考文献")])
    tokens = set(re.findall(r"(?<![A-Za-z0-9_./-])([A-Z][A-Z0-9]*[0-9][A-Z0-9]*)(?![A-Za-z0-9_])", _code_masked(body)))
    assert {"MP4", "MP3", "RC4"} <= tokens
    missing = sorted(t for t in tokens
                     if t not in listed and t not in kept_words and t not in title_words
                     and not re.fullmatch(r"[A-Z][0-9]+", t)
                     and not any(t.startswith(a) and re.fullmatch(r"[0-9][0-9A-Z]*", t[len(a):]) for a in listed))
    assert not missing, missing


def _cases(markdown: str, prefix: str) -> dict[str, str]:
    return {m.group(1): markdown[m.end():markdown.index("\n### ", m.end())]
            for m in re.finditer(rf"^### \d+\.\d+ ({prefix}-\d+) .*$", markdown, re.M)}


def test_c6_the_tracked_person_and_the_reference_system_have_one_name_each(zh_markdown):
    """The class of c6: in every body, face and hand case, in 5.9 and in annex A, the person tracked is 受试者 (never
    参考面部 or 表演者), the instrument is 参考系统, introduced by the kind 5.9 lists in brackets (光学标记点动作捕捉系统,
    面部标记点捕捉系统), and the capture it records keeps one name per area (参考动作捕捉, 参考面部捕捉, 参考捕捉)."""
    cases = {**_cases(zh_markdown, "TD-BODY"), **_cases(zh_markdown, "TD-FACE"), **_cases(zh_markdown, "TD-HAND")}
    assert len(cases) > 15
    terminal = _between(zh_markdown, "\n### 5.9 ", "\n## 6 ")
    annex = _between(zh_markdown, "\n## 附录 A", "\n## 附录 B")
    for place, text in [*cases.items(), ("5.9", terminal), ("annex A", annex)]:
        for wrong in (r"参考面部(?!捕捉)", "表演者", "参考手部", "参考捕捉系统", "光学动作捕捉系统",
                      r"(?:参考面部捕捉|参考动作捕捉|参考捕捉)(?:及其校准|的帧率|的标记点|解算)"):
            assert not re.search(wrong, text), (place, wrong, re.findall(f".{{20}}{wrong}.{{10}}", text))
    for rid, text in cases.items():
        for kind in re.finditer(r"(光学标记点动作捕捉系统|面部标记点捕捉系统)", text):
            assert text[:kind.start()].endswith("参考系统（"), (rid, text[kind.start() - 30:kind.end()])
            assert kind.group(1) in terminal, kind.group(1)
    face = "".join(text for rid, text in cases.items() if rid.startswith("TD-FACE"))
    assert "受试者" in face and "参考系统" in face


def test_c7_the_model_checking_software_has_table_8_s_name(zh_markdown):
    """The class of c7: the cases name software as clause 5 does, 程序; none says 读取工具, 验证工具, 校验工具 or 解析工具,
    and the model software the scene cases use is table 8's 「…模型的解析与校验程序」."""
    assert not re.search(r"(?:读取|验证|校验|解析)工具", zh_markdown)
    scenes = _between(zh_markdown, "\n## 13 ", "\n## 14 ")
    table_8 = _between(zh_markdown, "\n### 5.8 ", "\n### 5.9 ")
    used = set(re.findall(r"以 (\S+) 模型的解析与校验程序", scenes))
    assert used == {"IFC", "CityJSON"}, used
    assert all(name in table_8 for name in used) and "模型的解析与校验程序" in table_8


def test_d5_proficiency_testing_means_iso_iec_17043_s_only(note_md, note_md_en):
    """The class of d5: every 能力验证 of the 编制说明 is inter-laboratory proficiency testing, ISO/IEC 17043's; the set
    one tool judges on one computer is called by the defined term, 已知不合格用例."""
    for text, word in ((note_md, "能力验证"), (note_md_en, "proficiency")):
        found = [s for s in re.split(r"[。；]|\. ", text) if word in s]
        assert found
        for sentence in found:
            assert "ISO/IEC 17043" in sentence, sentence
    four = next(line for line in note_md.splitlines() if line.startswith("（四）测试结果的复现性"))
    assert "判定同一组已知不合格用例" in four


def test_d6_levels_are_named_by_their_verbs(zh_markdown, note_md, note_md_en):
    """The class of d6: the documents name a requirement's level by its verb (“应”级, “宜”级), never as a 强制/推荐
    requirement, words the 编制说明 keeps for the nature of standards."""
    for text in (zh_markdown, note_md):
        assert not re.search(r"(?:强制|推荐)的?要求", text), re.findall(r".{30}(?:强制|推荐)的?要求", text)
    assert not re.search(r"as a mandatory requirement|requirement is a recommendation", note_md_en)
    row = next(line for line in note_md.splitlines() if line.startswith("| TD‑DISP‑002 |"))
    assert "“应”级要求" in row and "“宜”级要求" in row
