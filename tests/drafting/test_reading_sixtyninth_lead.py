"""The sixty-ninth reading of issue 76, read at b920846a6 (the readers' reports; the rest of its findings are left for
the next session, docs/drafting.md "Sixty-ninth reading").

a2 (K2): annex B's environment of the platform interfaces said 「平台对为两个平台时检验跨平台互操作」, though 3.21
defines a 平台对 as two platforms always: the condition is the IXIT giving platform B (the target ``api_b``).

Fails on b920846a6."""

from __future__ import annotations


def test_a2_annex_b_names_the_condition_not_a_pair_of_one(zh_markdown, en_markdown):
    assert "平台对为两个平台时" not in zh_markdown
    assert "IXIT 另给出平台 B（被测目标 `api_b`）时，检验平台 A 与平台 B 之间的互操作" in zh_markdown
    assert "a pair of platforms is tested for interoperability across them" not in en_markdown
    assert "when the IXIT also gives platform B (the target `api_b`), the interoperability of platforms A and B" \
        in en_markdown


def test_tcaps_note_every_bound_value_names_what_it_counts_in_english_too():
    """h133-tcaps's report: 「标记数据流的标记数」 read a bare "200 000" in English and 「三维相交检测的多边形数」 "1 000 in
    all", the Chinese cells carrying their unit (个, 多边形) and the English none."""
    import re

    from conformance.drafting.boundtable import BOUNDS

    bare = [b.name[1] for b in BOUNDS if not re.search(r"\d[\d ⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\.\d+)? ?(?:[a-zA-Z%°]|×)", b.value[1])
            and not re.search(r"(?:[a-zA-Z]+ ){1,4}\d", b.value[1])]
    assert bare == []
    values = {b.name[1]: b.value[1] for b in BOUNDS}
    assert values["markers of a marker stream"] == "200 000 markers"
    assert values["polygons of a 3D intersection test"].startswith("at most 1 000 polygons")
