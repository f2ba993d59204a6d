"""A version's own note ("1.1.0 (issue 76, …): …", 「1.1.0 版（议题 76，……）：……」) is the catalog's history, never a
verdict criterion. After the thirty-sixth reading's merges, SC-TILE-008's and SC-TILE-010's 不适用 lines were
sentences of their version notes: the history filter cut the "(issue 76, …)" bracket first, and "1.1: …" no
longer read as history. The generator now leaves out every note sentence a version number opens."""

from __future__ import annotations

import pytest

from conformance.drafting.testcases import _VERSION_NOTE
from tests.drafting.test_spec_fifteenth_reading import _criteria


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_criterion_is_a_version_note(lang, zh_markdown, en_markdown):
    markdown = zh_markdown if lang == "zh" else en_markdown
    history = "检查变更" if lang == "zh" else "a changed check"
    for label in (("不适用：", "不确定：") if lang == "zh" else ("Not applicable: ", "Inconclusive: ")):
        assert sorted(rid for rid, text in _criteria(markdown, label).items() if history in text) == []
    assert "不适用：所提供的瓦片集的文件中没有元数据值，本要求无可逐一检查的被检对象" in zh_markdown


def test_a_version_note_is_told_from_a_criterion():
    for note in ("1.1.0 (issue 76, thirty-sixth reading's leftovers, part g): metadata entities …",
                 "1.1 版（议题 76，第三十六次审读遗留问题，第 g 部分）：元数据实体……", "1.2: before, …", "2.0 版：……"):
        assert _VERSION_NOTE.match(note), note
    for criterion in ("1.5 s 内未应答时判为不确定。", "元数据实体不含任何值时判为不适用。",
                      "A stream of 1.5 s or less is not judged."):
        assert not _VERSION_NOTE.match(criterion), criterion
