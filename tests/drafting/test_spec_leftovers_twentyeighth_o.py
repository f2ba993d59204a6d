"""The leftovers of the twenty-eighth reading of issue 76, part o (docs/drafting.md, "Leftovers of the twenty-eighth
reading, part o"): the object under test named by clause 3.11's term (a19), "this document's" for "the catalog's"
(a20), units with their values (a13, a14, a25), one rounding rule (a16), CA in clause 4 (a22), annex A's IDS row in
the laboratory's terms (a24) and the publishers' own records in the 参考文献 (a26). Each test fails on the draft as it
was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_the_object_under_test_is_the_implementation_under_test(zh_markdown, en_markdown):
    """a19: 216 Fail lines said "a failure means the product does not conform", 160 more lines "the product"; the
    Chinese statements of DP-DESC-001 and its siblings said 产品 for 被测对象."""
    assert "the product does not conform" not in en_markdown
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    # DP-QUAL-001's "the labelling activity that produced the product" is the data product, not the object under test
    left = [rid for rid, case in en.items() if re.search(r"\bthe product(?:'s)? ", case.replace("produced the product", ""))]
    assert left == []
    assert "Every data product the implementation under test offers for trade" in _row(en["DP-DESC-001"], "Test purpose")
    for rid in ("DP-DESC-001", "DP-LABEL-001", "DP-LABEL-005", "RB-URDF-001", "RB-JOINT-001"):
        assert not re.search(r"(?<!数据)(?<!被测)产品", _row(zh[rid], "测试目的")), rid
    assert "不由产品" not in zh_markdown
    assert "特性的产品" not in zh["ID-CERT-001"]


def test_the_document_calls_its_things_this_documents(en_markdown):
    """a20: "the catalog's calibration board", "the catalog's reference corpus" where the Chinese says 本文件的."""
    assert not re.search(r"\b[Tt]he catalog's\b", en_markdown)
    assert "this document's calibration board" in _row(_cases(en_markdown)["TD-CAM-002"], "Test purpose")


def test_durations_are_written_with_their_unit(zh_markdown, en_markdown):
    """a13, a14: TD-VOICE-004's "the hour", TD-HAND-002's 第一秒 / "first second"."""
    en, zh = _cases(en_markdown), _cases(zh_markdown)
    voice = en["TD-VOICE-004"]
    assert not re.search(r"\b(?:the|an|listening) hour\b|first hour|whole hour", voice)
    assert "the 1 h of speech without" in _row(voice, "Test purpose")
    assert "第一秒" not in zh["TD-HAND-002"] and "first second" not in en["TD-HAND-002"]
    # the window starts at the first usable frame, not the stream's start (twenty-ninth reading's leftovers, part u)
    assert "首个此类帧起的 1 s 内" in _row(zh["TD-HAND-002"], "测试目的")
    assert "within 1 s of the first such frame" in _row(en["TD-HAND-002"], "Test purpose")


def test_missed_frames_are_counted_by_one_rounding(zh_markdown):
    """a16: TD-DISP-001 step 4 wrote 取整 alone, its siblings 四舍五入取整."""
    steps = _row(_cases(zh_markdown)["TD-DISP-001"], "测试步骤")
    assert "除以周期四舍五入取整后减一" in steps


def test_clause_4_lists_ca(zh_markdown, en_markdown):
    """a22: CA used 29 times, listed nowhere."""
    assert "\nCA：证书认证机构（certification authority）\n" in zh_markdown
    assert "\nCA: certification authority\n" in en_markdown


def test_annex_a_states_the_laboratory_check_and_units(zh_markdown, en_markdown):
    """a24, a25: the harness's exit code 2 in annex A; 秒数 for 以 s 计; the false-gesture limit without a unit."""
    for text in (zh_markdown, en_markdown):
        assert "退出码" not in text and "exit 2" not in text
    assert "格式错误的文件使 IXIT 不完整" in zh_markdown
    for name in ("冷静期秒数", "自请求起的秒数", "再等待的秒数", "完整响应的秒数", "最大秒数", "最长秒数"):
        assert name not in zh_markdown, name
    rows = [line for line in zh_markdown.splitlines() if line.startswith("| 参数 `max_false_gestures_per_min`")]
    assert len(rows) == 2 and all("| 1 min⁻¹" in row for row in rows)


def test_bibliography_entries_point_at_the_publishers(zh_markdown, en_markdown):
    """a26: iTeh preview pages for [21] and [25]; ASTM's home page and the edition outside the designation."""
    for text in (zh_markdown, en_markdown):
        # found by its title: the entries parts h94-refs and h94-aigc added before it move its number
        assert "iteh" not in re.split(r"\[\d+\] ISO/IEC 30113-1", text)[1].split("\n")[0]
        assert "https://www.astm.org/\n" not in text and "https://www.astm.org/e3064-16.html" in text
        assert "ASTM E3124-17 Standard Test Method" in text and "(2017)[S]" not in text
        assert "https://webstore.iec.ch/publication/62634" in text
