"""The leftovers of the thirty-ninth reading of issue 76, part mAS (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part mAS"): the assets cases whose reader goes through the file adapter's ``documents()``
leave a file the test equipment refuses to read unjudged (part h92-cap did the other areas), so their 不确定 lines
name it. Each test fails on the suites as they were at c0dd8477 (checked once against those sources)."""

from __future__ import annotations

import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

#: the assets cases in the draft whose check reads ``asset_metadata`` through ``FileAdapter.documents()`` (traced
#: from suites/assets/test_*.py); AS-META-004 is part h92-aAS's, and the candidates AS-META-005, AS-RATING-001 and
#: AS-AIGC-001…-010 have no test case in the draft
READING_DOCUMENTS = ("AS-CONT-001", "AS-HIST-002", "AS-META-001", "AS-META-002", "AS-META-003", "AS-META-006",
                     "AS-AIGC-011")


def test_every_assets_case_reading_through_documents_names_a_refused_file(zh_markdown, en_markdown):
    """Their checks leave a metadata file over ``max_file_bytes``, not a regular file or a link out of its folder
    unjudged, yet their 不确定 lines said "missing, access refused", named only another file, or said 「无」."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in READING_DOCUMENTS:
        zh = _verdict_lines(zh_cases[rid], "zh")["不确定"]
        assert "大于本测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取：不是普通文件" in zh, rid
        assert "该文件未作判定（即使另有" in zh and not zh.startswith("不确定：无"), rid
        en = _verdict_lines(en_cases[rid], "en")["Inconclusive"]
        assert "larger than the test equipment reads, `max_file_bytes`, or refused: not a regular file" in en, rid
        assert "so that file is not judged (even beside" in en and not en.startswith("Inconclusive: none"), rid


def test_the_cases_say_their_reader_leaves_a_refused_file_unjudged():
    """The flag part h92-cap's ``drafting/unparsed.py::refused`` reads, so a line rewritten later keeps the clause."""
    procedures = yaml.safe_load((ROOT / "suites/assets/procedures.yaml").read_text(encoding="utf-8"))["procedures"]
    assert [rid for rid in READING_DOCUMENTS if not procedures[rid].get("refused_unjudged")] == []


def test_the_changed_cases_step_with_a_note():
    """A patch step each, its note line in both languages."""
    data = yaml.safe_load((ROOT / "suites/assets/requirements.yaml").read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in data["requirements"]}
    for rid in READING_DOCUMENTS:
        notes = by_id[rid]["notes"]
        assert "thirty-ninth reading's leftovers, part mAS" in notes["en"], rid
        assert "第三十九次审读遗留问题，第 mAS 部分" in notes["zh"], rid
