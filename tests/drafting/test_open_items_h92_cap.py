"""Issue 76's open items, part h92-cap (docs/drafting.md, "Open items of issue 76, part h92-cap"): the 不确定 lines of
the cases whose reader goes through the file adapter's ``documents()`` name a file the test equipment refuses to read
(m2.5 of the thirty-seventh reading, part m2); 编制说明 十 lists GB 9706.226—2021 among the mandatory standards (b2 of
part b); ``for_laboratory`` keeps a clause naming a validator as an instrument. Each test fails on the draft or the
drafting code as they were before these fixes."""

from __future__ import annotations

from conformance.drafting.testcases import for_laboratory
from tests.drafting.blocks import section
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: the cases of the data, identity (credentials, presentations, the catalog of subjects, public identity data),
#: robots, scenes and terminal areas whose check reaches ``FileAdapter.documents()`` (a call graph of suites/ and
#: areas/ read once, by script) and whose 不确定 line named no refused file; the assets cases are another part's
READING_DOCUMENTS = (
    "DP-DESC-001", "DP-LABEL-001", "DP-LABEL-002", "DP-LABEL-003", "DP-LABEL-004", "DP-LABEL-005", "DP-PRICE-001",
    "DP-QUAL-001", "ID-CAT-001", "ID-PRIV-001", "ID-VC-001", "ID-VC-002", "ID-VC-003", "ID-VC-004", "ID-VC-006",
    "ID-VC-007", "ID-VP-001", "RB-JOINT-002", "RB-URDF-001", "RB-URDF-002", "RB-URDF-003",
    *(f"SC-CITY-{n:03d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13)), "SC-GEO-001",
    *(f"SC-TILE-{n:03d}" for n in range(1, 12)), "TD-BODY-004", "TD-HOLO-002", "TD-OLF-004", "TD-OLF-006",
    *(f"TD-RUN-{n:03d}" for n in range(1, 8)), "TD-TACT-003",
    # the assets cases, part mAS (the thirty-ninth reading's leftovers): their hand-written lines name the file kind
    "AS-CONT-001", "AS-HIST-002", "AS-META-001", "AS-META-002", "AS-META-003", "AS-META-006", "AS-AIGC-011",
)


def test_every_case_reading_through_documents_names_a_refused_file(zh_markdown, en_markdown):
    """m2.5: their checks leave a file over ``max_file_bytes``, not a regular file or a link out of its folder
    unjudged, yet their 不确定 lines said "missing or cannot be obtained (access refused)" or named no file at all."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in READING_DOCUMENTS:
        zh = _verdict_lines(zh_cases[rid], "zh")["不确定"]
        assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取：不是普通文件" in zh, rid
        assert "该文件未作判定（即使另有" in zh and not zh.startswith("不确定：无"), rid
        en = _verdict_lines(en_cases[rid], "en")["Inconclusive"]
        assert "larger than the test equipment reads, `max_file_bytes`, or refused: not a regular file" in en, rid
        assert "so that file is not judged (even beside" in en and not en.startswith("Inconclusive: none"), rid


def test_a_case_reading_no_file_names_none(zh_markdown):
    """ID-PRIV-002 reads resolver answers only: no refused file is named where none is read."""
    assert "max_file_bytes" not in _verdict_lines(_cases(zh_markdown)["ID-PRIV-002"], "zh")["不确定"]


def test_the_nature_of_the_standard_lists_every_mandatory_standard_cited(note_md, note_md_en):
    """b2 of the thirty-seventh reading, part b: GB 9706.226—2021 stood in 七 and 八, not in 十's list."""
    assert "GB 4943.1—2022、GB 9706.226—2021、GB 44703—2024 等强制性国家标准" in section(note_md, 2, "十、标准性质的建议")
    assert "GB 4943.1-2022, GB 9706.226-2021 and GB 44703-2024" in section(note_md_en, 2, "10 Recommendation on the nature")


def test_a_validator_named_as_an_instrument_stays_in_the_criteria():
    """``_INSTALL`` matched 「校验器」 and dropped each clause naming the JSON Schema validator; only the installation
    state of a tool goes."""
    kept = for_laboratory("不通过：使用 JSON Schema 2020-12 校验器校验时有错误；记录每个错误。", "zh")
    assert "JSON Schema 2020-12 校验器" in kept
    gone = for_laboratory("不确定：文件无法取得；未安装可选依赖 usd-core 时无法读取。", "zh")
    assert gone == "不确定：文件无法取得。"
    assert "validator" in for_laboratory("Fail: the JSON Schema 2020-12 validator reports an error.", "en")
    assert "optional" not in for_laboratory("Inconclusive: a file is missing; the optional dependency is absent.",
                                            "en")

