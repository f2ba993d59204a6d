"""The fifty-second reading, part h106-limO (docs/drafting.md, "Fifty-second reading, part h106-limO"): numbers of the
编制说明 without a reason or a source: reading bounds stating only their purpose (d6), AS-GLTF-003's budgets (d5),
AS-META-004's 21 from a classification outside 参考文献 (d7), SC-RENDER-002's 120 frames and 160 × 90 pixels (c3).
Each test fails on the draft as it was before (9a39dcf7)."""

from __future__ import annotations

import re

from conformance.drafting.boundtable import BOUNDS
from conformance.drafting.readingbounds import all_bounds
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows

#: a clause saying which conforming input a bound still takes in whole, or by how much it exceeds what is needed
_TAKES_IN = re.compile("容纳|全部|完整|不会因此|之内|均有|倍")


def test_every_bound_of_the_note_says_what_it_still_takes_in(catalog):
    """d6: every bound the 编制说明 gives a reason for, 5.1's paragraph bounds too (the 4 MiB response and the 5 000
    files escaped the fiftieth reading's test, which read the table's alone), says what conforming input it still
    takes in; 「一份凭证通常只有数十条陈述」 and MQTT's protocol maximum said nothing of the 8 MiB, the 60 s or 256 KiB."""
    bounds = all_bounds(Writer(catalog, "zh"))
    assert len(bounds) > 20
    for bound in bounds:
        assert _TAKES_IN.search(bound.why[0]), bound.name
    reasons = {bound.name[0]: bound.why[0] for bound in bounds}
    # BBS+ 2020's bound is no longer printed (only candidate ID-VC-008 cites it, fifty-eighth a4); its reason holds
    bbs = {bound.name[0]: bound.why[0] for bound in BOUNDS}["BBS+ 2020 证明所签的文档"]
    assert "8 MiB 容纳 20 000 条" in bbs and "60 s" in bbs
    assert "256 KiB 容纳" in reasons["MQTT 数据包的大小"]
    assert "41 943 B" in reasons["测试设备读取 HTTP 响应体的上限"]
    assert "2 500 项资产" in reasons["一个路径或通配模式读取的文件数"]


#: a product of two values with the unit after the last alone, 「160 × 90 像素」: the limits column read 「90 像素」 only
_ONE_UNIT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?) ?[x×] ?(\d+(?:\.\d+)?) ?(像素|px|mm|cm|m(?![a-zA-Z])|°)")


def test_each_side_of_a_size_a_case_decides_by_has_its_unit(catalog):
    """c3: a size the statement, rules or criteria give writes each side with its unit, 「160 像素 × 90 像素」, so that
    the limits column lists both (SC-RENDER-001, -002 and -004 listed 96 or 90 像素 and never the 160)."""
    from conformance.drafting.limitnumbers import deciding_text
    w = Writer(catalog, "zh")
    found = [(r.id, m.group(0)) for r in catalog.requirements.values() for m in _ONE_UNIT.finditer(deciding_text(w, r))
             if m.group(1) != m.group(2)]
    assert not found


def test_the_render_stream_gives_its_2_s_and_its_twelfth_a_reason(note):
    """c3: SC-RENDER-002's 120 frames and 160 × 90 pixels are conversions; the 2 s and the 1/12 they rest on have
    reasons of their own, and the limits list the 160."""
    limits, basis = limit_rows(note)["SC-RENDER-002"]
    assert "160 像素" in limits and "90 像素" in limits, limits
    assert "2 s 为本文件自定：" in basis and "1/12 为本文件自定：" in basis, basis


def test_the_rendering_budgets_have_a_source_or_a_reason_each(note):
    """d5: AS-GLTF-003's 100 000 triangles come from a published engine guide the 参考文献 lists; the vertices, bytes and
    draw calls are the document's own, each with a reason, not 「按……实时渲染选取」."""
    basis = limit_rows(note)["AS-GLTF-003"][1]
    assert re.search(r"100 000 个三角形取自[^。]*Galacean Engine（参考文献\[\d+\]）", basis), basis
    assert "实时渲染选取" not in basis and "欧拉公式" in basis and "6 000 000 字节" in basis, basis


def test_the_upper_age_names_its_classification_in_the_bibliography(note):
    """d7: AS-META-004's 21 is IMDA's R21 rating; the classification is in 参考文献 and the quote points to it."""
    basis = limit_rows(note)["AS-META-004"][1]
    assert re.search(r"新加坡资讯通信媒体发展局（参考文献\[\d+\]）", basis) and "R21" in basis, basis
