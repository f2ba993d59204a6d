"""The leftovers of the twenty-fourth reading of issue 76, part c (docs/drafting.md, "Leftovers of the twenty-fourth
reading, part c"): AS-META-006 not applicable on no file named by a token ID (row 1); GB 45438-2025 cited without
a sub-clause number no one checked (row 2); DP-LABEL-003's step on `iscrowd` (row 3); ID-RES-002's known DID and
its citation of DID Core (rows 4, 5); ID-MFA-002's 不适用 line (row 6); "the base URL" plain (row 17);
SC-TILE-009's steps on the inner tiles of a composite (row 18); "the a tileset's files" (row 19); SC-BIM-010's
quoted code values (row 20); no inconclusive condition in a 不适用 line (row 35); percentiles and TD-OLF-006's
capture files plain in English (row 36). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.areas.data import coco_masks
from tests.areas.data.test_labels import _file
from tests.conftest import fixture_path, manifest_for
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: the cases whose 不适用 line said 「……本身即被检对象，未提供时判为不确定」 (row 35)
_WHOLE = ("RB-JOINT-001", "RB-URDF-001", "SC-BIM-001", "SC-CITY-001", "SC-CITY-010", "SC-CITY-011", "SC-TILE-001")


def test_no_file_named_by_a_token_id_is_not_applicable(zh_markdown, en_markdown):
    """Row 1: AS-META-006 passed 「无此类文件时亦为通过」 where 3.24 calls it 不适用, as AS-CONT-001 does."""
    lines = _verdict_lines(_cases(zh_markdown)["AS-META-006"], "zh")
    assert "亦为通过" not in lines["通过"] and "数量为 0" not in lines["通过"]
    assert lines["不适用"].startswith("不适用：所提供的元数据文档均不以通证标识命名")
    assert "亦为通过" not in zh_markdown  # the only case that had it
    en = _verdict_lines(_cases(en_markdown)["AS-META-006"], "en")
    assert "also when there is none" not in en["Pass"]
    assert en["Not applicable"].startswith("Not applicable: no metadata document supplied is named by a token ID")


def test_metadata_named_by_no_token_id_is_judged_not_applicable(catalog, run_manifest):
    """Row 1, the check: a document not named by a token ID leaves AS-META-006 nothing to judge (it passed)."""
    manifest = manifest_for(catalog, "asset-metadata-erc")
    manifest["targets"]["asset_metadata"] = {"adapter": "file",
                                             "paths": [str(fixture_path("assets", "metadata-rights-not-vrm.json"))]}
    result = run_manifest(manifest, requirements=["AS-META-006"])
    (record,) = [r for r in result.report.requirements if r.requirement == "AS-META-006"]
    assert record.verdict.value == "not_applicable" and "named by a token ID" in record.message, record.message


def test_gb_45438_is_cited_without_an_unchecked_sub_clause_number(zh_markdown, en_markdown, note, note_en):
    """Row 2: AS-AIGC-011's statement cited 「GB 45438—2025 5.2」 while the 编制说明 says the sub-clause numbers come
    from a secondary reading; its notes cited the clause another way than AS-AIGC-013's."""
    for text in (zh_markdown, en_markdown):
        assert not re.search(r"45438[—-]2025 \d", text)  # no clause number after the designation
    assert "GB 45438—2025 对生成合成图片的显式标识要求" in _row(_cases(zh_markdown)["AS-AIGC-011"], "测试目的")
    assert "GB 45438-2025 asks of a generated picture's explicit label" in _row(
        _cases(en_markdown)["AS-AIGC-011"], "Test purpose")
    zh, en = text_of(note), text_of(note_en)
    # GB 45438's sub-clause, not GB/T 35273's 5.2 (minimum necessity), which 八 cites by its number (thirty-first, b16)
    assert not re.search(r"按其 5\.2(?!（最小必要）)", zh) and "its 5.2 sets" not in en
    assert "不引用这些条号" in zh and "never these numbers" in en
    # the 三（三） rows of AS-AIGC-011 and AS-AIGC-013 cite the image sub-clause one way
    assert "GB 45438—2025 5.2 要求" not in zh and "GB 45438-2025 5.2 puts" not in en
    assert zh.count("第 5 章（其中的图片条款，二手资料称 5.2）") >= 2


def test_a_step_looks_at_every_iscrowd_value(zh_markdown, en_markdown):
    """Row 3: R5 asks `iscrowd` 0, or 1 with an RLE mask; step 6 only looked at 1, so 2 was judged by no step."""
    case = _cases(zh_markdown)["DP-LABEL-003"]
    assert "查看 `iscrowd` 是否为整数 0 或 1" in _row(case, "测试步骤")
    assert "`iscrowd` 均为 0 或 1" in _row(case, "预期结果")
    en = _cases(en_markdown)["DP-LABEL-003"]
    assert "whether `iscrowd` is the integer 0 or 1" in _row(en, "Test procedure")
    assert "every `iscrowd` is 0 or 1" in _row(en, "Expected result")


def test_an_iscrowd_other_than_0_or_1_breaks_r5():
    """Row 3, the check the step now describes: 2, "1" and true are no crowd flag of COCO's."""
    polygon = [[10, 10, 30, 10, 30, 30, 10, 30]]
    for crowd in (2, "1", True):
        data = _file({"segmentation": polygon, "area": 400.0, "bbox": [10, 10, 20, 20], "iscrowd": crowd})
        findings, _ = coco_masks.check_segmentations(data, 1, 1)
        assert [f.rule for f in findings] == ["R5"], crowd


def test_the_known_did_of_the_invalid_did_case_is_used_where_it_is_named(zh_markdown, en_markdown):
    """Row 4: ID-RES-002's 前置条件 named `known_did`, which no step or criterion used."""
    case = _cases(zh_markdown)["ID-RES-002"]
    assert "`known_did`" in _row(case, "前置条件")
    assert "`known_did`" in _row(case, "测试步骤")
    assert "已知 DID 亦未得到解析接口自身的应答（第 3 步）" in _verdict_lines(case, "zh")["不确定"]
    en = _cases(en_markdown)["ID-RES-002"]
    assert "`known_did`" in _row(en, "Test procedure")
    assert "the known DID gets no answer of the resolution interface's own" in _verdict_lines(en, "en")["Inconclusive"]


def test_did_core_is_cited_by_its_section(zh_markdown, en_markdown):
    """Row 5: 「（DID Core 3.1）」, a bare number beside a document's name, beside 「DID Core 第 3.1 节」."""
    assert "DID Core 3.1" not in zh_markdown
    assert "不符合 DID 语法（DID Core 第 3.1 节）" in _row(_cases(zh_markdown)["ID-RES-002"], "测试目的")
    assert "(per DID Core section 3.1)" in _row(_cases(en_markdown)["ID-RES-002"], "Test purpose")


def test_the_multi_factor_case_is_not_applicable_by_its_feature_alone(zh_markdown, en_markdown):
    """Row 6: 「ICS 未声明多因素认证特性，平台不提供双因素登录。」 named no feature's title and joined a state of the
    product."""
    zh = _verdict_lines(_cases(zh_markdown)["ID-MFA-002"], "zh")["不适用"]
    assert zh == "不适用：ICS 未声明支持特性“高保障级别的多因素认证”（`mfa`）。"
    en = _verdict_lines(_cases(en_markdown)["ID-MFA-002"], "en")["Not applicable"]
    assert en == 'Not applicable: the ICS does not declare the feature "Multi-factor authentication for the high ' \
                 'assurance level" (`mfa`).'


def test_the_base_url_is_no_code_value(en_markdown):
    """Row 17: IR-SEC-001's English marked "the base `URL`" (4 places) where the Chinese writes 「基础 URL」 plain."""
    case = _cases(en_markdown)["IR-SEC-001"]
    assert "base `URL`" not in case
    assert "the base URL" in _row(case, "Test procedure") and "type `URL`" in _row(case, "Test procedure")
    assert "base `URL`" not in en_markdown


def test_the_legacy_tile_steps_read_the_inner_tiles_of_a_composite(zh_markdown, en_markdown):
    """Row 18: SC-TILE-009's steps read each file's header and compared `byteLength` with the file's length, where R1
    to R6 hold for each tile, the inner tiles of a composite too; 「且为 8 的倍数」 stood under R1's tag."""
    steps = _row(_cases(zh_markdown)["SC-TILE-009"], "测试步骤")
    assert "逐个读取内部瓦片" in steps and "对每个文件及其每个内部瓦片同样进行" in steps
    assert "内部瓦片的 `byteLength` 位于复合瓦片余下的字节之内" in steps
    assert "（规则 R1）且为 8 的倍数" not in steps
    assert re.search(r"`byteLength` 为 8 的倍数[^（]*（规则 R3）", steps)
    en = _row(_cases(en_markdown)["SC-TILE-009"], "Test procedure")
    assert "to each file and to each of its inner tiles alike" in en and "(rule R1) and a multiple of 8" not in en


def test_no_doubled_article_before_the_tileset_s_files(en_markdown):
    """Row 19: 20 places in SC-GEO-001 and SC-TILE-001 to -011 read "the a tileset's files"."""
    assert "the a tileset" not in en_markdown
    assert "Inconclusive: the tileset's files are missing or cannot be obtained (access refused)" in _cases(en_markdown)["SC-TILE-009"]


def test_quoted_code_values_stay_whole(en_markdown):
    """Row 20: SC-BIM-010's English Pass line read "`'Body`' and '`FootPrint'`"."""
    lines = _verdict_lines(_cases(en_markdown)["SC-BIM-010"], "en")
    assert "a space's `'Body'` and `'FootPrint'`" in lines["Pass"]
    assert not re.search(r"`'[^`' ]+`'|'`[^`' ]+'`", en_markdown)


def test_no_inconclusive_condition_in_a_not_applicable_line(zh_markdown, en_markdown):
    """Row 35: seven 不适用 lines said 「未提供时判为不确定」, which their 不确定 lines say."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in _WHOLE:
        assert "判为不确定" not in _verdict_lines(zh[rid], "zh")["不适用"], rid
        assert "本身即被检对象" in _verdict_lines(zh[rid], "zh")["不适用"], rid
        assert "inconclusive" not in _verdict_lines(en[rid], "en")["Not applicable"], rid
    assert "未提供时判为不确定" not in zh_markdown and "none supplied is inconclusive" not in en_markdown


def test_percentiles_and_capture_files_are_no_code_values(en_markdown):
    """Row 36: "its `95th-percentile` tracking error" (8 places) and TD-OLF-006's "`capture` files", plain in
    Chinese."""
    assert not re.search(r"`\d+(?:st|nd|rd|th)-", en_markdown)
    assert "its 95th-percentile tracking error" in _row(_cases(en_markdown)["RB-TRACK-001"], "Expected result")
    conditions = _row(_cases(en_markdown)["TD-OLF-006"], "Initial conditions")
    assert "provides: capture files" in conditions and "its `capture` member" in conditions
