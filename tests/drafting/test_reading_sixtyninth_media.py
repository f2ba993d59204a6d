"""The sixty-ninth reading of issue 76, part h133-media: the two caps of ``assets/media.py`` that part h133-ocaps left
(c2's class: a cap that cuts or fails a target's input with no text saying so).

``_MAX_TEXT``: a compressed PNG text chunk was inflated to 1 MiB and the cut text judged, silently (a label cut short
reported missing or malformed). It is 5.1's reading bound 「PNG 文本块的解压大小」 now (table 1, its reason in
三（三）):
a file holding a chunk expanding past it is unjudged, named in AS-AIGC-013's step 4 and 不确定 line (normative, 1.4) and
inline in the candidate AS-AIGC-005's notes (1.3.0).

``MAX_BOX_DEPTH``: ISO-BMFF containers nested past 16 stay a finding, now stated: ISO/IEC 14496-12's box structures
nest them at most 5 deep (moov/trak/mdia/minf/stbl), so such a file is no MP4 file; AS-AIGC-014 and -015 state it in
the step reading the metadata (wording only), AS-AIGC-005 and -007 in their notes.

Each test fails on the branch's base (b59df7668)."""

from __future__ import annotations

from pathlib import Path

import yaml

from conformance.areas.assets import media
from conformance.drafting.boundtable import BOUNDS
from tests.drafting.test_reading_sixtyeighth_tbound import _note_row, _table_row
from tests.drafting.test_reading_sixtyninth_ocaps import CAPS
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

TEXT = ("PNG 文本块的解压大小", "PNG text chunk expanded")
BOXES = ("moov/trak/mdia/minf/stbl", "ISO/IEC 14496-12:2022")


def _requirement(rid: str) -> dict:
    data = yaml.safe_load(Path(ROOT / "suites" / "assets" / "requirements.yaml").read_text(encoding="utf-8"))
    return next(r for r in data["requirements"] if r["id"] == rid)


def test_both_caps_are_classified_none_left():
    assert CAPS["assets/media.py:_MAX_TEXT"][:3] == ("bound", TEXT[0], "1 MiB")
    assert CAPS["assets/media.py:MAX_BOX_DEPTH"][0] == "finding"


def test_the_bound_is_the_cap():
    bound = next(b for b in BOUNDS if b.name == TEXT)
    assert media._MAX_TEXT == 1 << 20 and not bound.sample
    assert "1 MiB（1 048 576 B）" in bound.value[0] and "1 MiB (1 048 576 B)" in bound.value[1]


def test_table_1_lists_as_aigc_013_under_the_bound(zh_markdown, en_markdown):
    zh, en = _table_row(zh_markdown, TEXT[0]), _table_row(en_markdown, TEXT[1])
    assert zh[2].replace("\u2011", "-") == "AS-AIGC-013" and en[2].replace("\u2011", "-") == "AS-AIGC-013", (zh, en)
    assert "不确定" in zh[3], zh


def test_as_aigc_013_names_the_bound_in_step_4_and_its_inconclusive_line(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["AS-AIGC-013"], _cases(en_markdown)["AS-AIGC-013"]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if s.startswith("4."))
    assert f"至多解压 1 MiB（读取界限“{TEXT[0]}”，见 5.1）" in step, step
    assert f'expanded up to 1 MiB (the reading bound "{TEXT[1]}", see 5.1)' in _row(en, "Test procedure")
    assert f"超过 1 MiB 的压缩文本块（读取界限“{TEXT[0]}”），规则 R2 未予判定" in _verdict_lines(zh, "zh")["不确定"]
    assert f'expanding past 1 MiB (the reading bound "{TEXT[1]}"), rule R2 not judged' in \
        _verdict_lines(en, "en")["Inconclusive"]


def test_the_note_gives_the_bound_its_reason(note_md, note_md_en):
    zh, en = _note_row(note_md, TEXT[0]), _note_row(note_md_en, TEXT[1])
    assert "附录 E" in zh and "不确定" in zh and "完整读取" in zh, zh
    assert "annex E" in en and "inconclusive" in en and "read whole" in en, en


def test_the_candidate_cites_the_bound_inline():
    notes = _requirement("AS-AIGC-005")["notes"]
    assert f"（读取界限“{TEXT[0]}”）" in notes["zh"] and f'(the reading bound "{TEXT[1]}")' in notes["en"]
    assert "见 5.1" not in notes["zh"] and "see 5.1" not in notes["en"]


def test_the_nesting_finding_is_stated_with_the_format_s_own_depth(zh_markdown, en_markdown):
    assert media.MAX_BOX_DEPTH == 16
    for rid, step in (("AS-AIGC-014", "5."), ("AS-AIGC-015", "4.")):
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        text = next(s for s in _row(zh, "测试步骤").split("<br>") if s.startswith(step))
        assert "嵌套超过 16 层" in text and BOXES[1] in text and f"`{BOXES[0]}`" in text, (rid, text)
        assert "nest more than 16 deep" in _row(en, "Test procedure"), rid
    for rid in ("AS-AIGC-005", "AS-AIGC-007"):
        notes = _requirement(rid)["notes"]
        assert "嵌套超过 16 层" in notes["zh"] and "nest more than 16 deep" in notes["en"], rid
        assert BOXES[0] in notes["zh"] and BOXES[1] in notes["en"], rid
