"""The leftovers of the thirty-ninth reading of issue 76, part aX (docs/drafting.md, "Leftovers of the thirty-ninth
reading, part aX"): DP-QUAL-001's verdict lines as its check judges (a8), ID-VC-003's bounds of the test equipment and
its unverified states (a9), code spans on the right words (a12). Each test fails on the draft as it was before."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_quality_without_the_labelling_end_is_inconclusive_and_no_record_not_applicable(zh_markdown, en_markdown):
    """Row a8: R3 unjudged without `prov:endedAtTime`; 不适用 as the check decides it; only the first listing read."""
    zh = _verdict_lines(_cases(zh_markdown)["DP-QUAL-001"], "zh")
    assert "R3 未作判定" in zh["不确定"] and "只分发图像清单的数据集不是标注数据产品" in zh["不适用"]
    en = _verdict_lines(_cases(en_markdown)["DP-QUAL-001"], "en")
    assert "R3 is not judged" in en["Inconclusive"] and "only an image listing" in en["Not applicable"]
    assert "只读取分发次序中的第一份" in _row(_cases(zh_markdown)["DP-QUAL-001"], "测试步骤")
    assert "only the first in distribution order" in _row(_cases(en_markdown)["DP-QUAL-001"], "Test procedure")


def test_proof_checks_state_the_bounds_of_the_test_equipment(zh_markdown, en_markdown):
    """Row a9: ID-VC-003's 不确定 line named only a missing DID document and offline suites or contexts."""
    zh = _cases(zh_markdown)["ID-VC-003"]
    assert "证明不是 JSON 对象" in _verdict_lines(zh, "zh")["不确定"]
    # BBS+ 2020 moved to the candidate ID-VC-008 (fifty-eighth reading, a4); the bound left is the file cap
    assert "测试设备读取文件的上限 `max_file_bytes`" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["ID-VC-003"]
    assert "the proof is not a JSON object" in _verdict_lines(en, "en")["Inconclusive"]
    assert "`max_file_bytes`" in _verdict_lines(en, "en")["Inconclusive"]


def test_code_spans_hold_literals(zh_markdown, en_markdown):
    """Row a12: `NumericDates`, a bare VRM in AS-VRM-001's R1, `GZIP` marked in Chinese only (the Chinese body
    holds English only in code spans, so the English marks it too)."""
    assert "`NumericDates`" not in en_markdown and "`NumericDate` values" in _cases(en_markdown)["ID-VC-004"]
    assert "或 `VRM`（0.x）扩展" in _cases(zh_markdown)["AS-VRM-001"]
    assert "or the `VRM` (0.x) extension" in _cases(en_markdown)["AS-VRM-001"]
    assert "`GZIP`-expanded" in _cases(en_markdown)["ID-VCAPI-003"]


def test_a_challenge_that_does_not_parse_is_named_in_the_inconclusive_lines(zh_markdown, en_markdown):
    """Part h92-ruleID's open row 3: ID-AUTH-004 and ID-PORT-004 read later challenges through `served_body`."""
    for rid in ("ID-AUTH-004", "ID-PORT-004"):
        assert "以 200 或 201 应答而响应体无法解析（另见 ID‑AUTH‑001）" in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        assert "answered 200 or 201 with a body that does not parse (see ID‑AUTH‑001)" in _verdict_lines(
            _cases(en_markdown)[rid], "en")["Inconclusive"]
