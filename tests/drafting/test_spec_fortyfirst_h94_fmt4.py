"""The forty-first reading of issue 76, part h94-fmt4 (docs/drafting.md, "Forty-first reading, part fmt4"): what a
test case decodes that no JSON Schema states was defined by no normative annex: the key of a `did:key` or `did:jwk`
identifier (row a10: only the method specifications, community drafts, said how), an S2 cell token (a11: only the
extension in the bibliography), a quilt's layout in its file name or Exif comment (a13: a vendor's page, and
「其他常见图像格式」 left the format open). Annex E now gives each as a table of what the check reads, the cases cite
it, and every document annex E cites is in clause 2 or the bibliography. Each test fails on the sources as they were
before this part."""

from __future__ import annotations

import re

from conformance.areas.identity.didcore import CODECS
from conformance.areas.scenes import s2
from conformance.areas.terminal import multiview
from tests.drafting.blocks import section
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _encoding_clause(markdown: str, title: str) -> tuple[str, str]:
    """(number, text) of annex E's clause whose title holds ``title``."""
    annex = section(markdown, 2, r"附录 E")
    found = re.search(rf"^### (E\.\d+) .*{re.escape(title)}", annex, re.M)
    assert found, title
    return found.group(1), section(annex, 3, re.escape(found.group(1)) + " ")


def _varint(value: int) -> str:
    """A multicodec prefix's bytes as annex E writes them (「`80 24`」)."""
    out = []
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return " ".join(f"{b:02x}" for b in out)


def test_the_did_key_decoding_is_annex_e_s_table_of_the_check_s_codecs(zh_markdown):
    """Row a10: every multicodec prefix the DID document check decodes, with its key length, is in the table, and
    the cases that decode a `did:key` or `did:jwk` cite the clause."""
    number, text = _encoding_clause(zh_markdown, "`did:key` 与 `did:jwk`")
    for codec, (name, lengths) in CODECS.items():
        assert f"`{_varint(codec)}`" in text and f"`{name}`" in text, name
        for length in lengths:
            assert str(length) in text, (name, length)
    # an RFC place as a section (fifty-fourth reading, b4)
    assert "RFC 4648 第 5 节" in text and "RFC 7517" in text and "`#0`" in text
    cases = _cases(zh_markdown)
    for case in ("ID-DOC-001", "ID-VC-003", "ID-VC-004"):
        assert f"DID 所编码的公钥：{number}" in _row(cases[case], "前置条件"), case
    bibliography = section(zh_markdown, 2, "参考文献")
    assert "The did:key Method: Draft Community Group Report[EB/OL]" in bibliography
    assert "did:jwk Method Specification[EB/OL]" in bibliography


def test_the_s2_token_s_valid_form_is_the_check_s(zh_markdown):
    """Row a11: the token SC-TILE-011 holds R2 to is defined in annex E as the check applies it."""
    number, text = _encoding_clause(zh_markdown, "S2 单元标记")
    assert s2.TOKEN.pattern == r"^[0-9a-f]{1,16}$" and "1 至 16 个小写十六进制数字" in text and "末位不为 `0`" in text
    assert sum(1 << bit for bit in range(0, 61, 2)) == s2.LEVEL_BITS and "偶数位（第 0、2、…、60 位" in text
    assert s2.FACES == 6 and "最高 3 位，为 0 至 5" in text
    assert s2.valid_token("89c25") and not s2.valid_token("89c250") and not s2.valid_token("c")  # face 6
    assert f"S2 单元标记：{number}" in _row(_cases(zh_markdown)["SC-TILE-011"], "前置条件")


def test_a_quilt_is_png_or_jpeg_and_its_layout_marks_are_annex_e_s(zh_markdown, en_markdown):
    """Row a13: TD-HOLO-002 reads PNG and JPEG only, and annex E gives the file-name suffix and the Exif comment's
    members the check reads."""
    number, text = _encoding_clause(zh_markdown, "拼图的布局标记")
    assert multiview.QUILT_FORMATS == ("PNG", "JPEG") and "ISO/IEC 15948:2004" in text and "ISO/IEC 10918-1:1994" in text
    assert all(f"`{member}`" in text for member in multiview.LAYOUT_MEMBERS)
    named = [code.rstrip(b"\0").decode() for code in multiview.CHARSETS if code.strip(b"\0")]
    assert all(f"`{name}`" in text for name in named) and "8 个零字节" in text
    assert "`_qs` 后接列数、`x`、行数、`a` 与宽高比" in text and "CIPA DC-008-2012 的 4.6.5" in text
    case = _cases(zh_markdown)["TD-HOLO-002"]
    assert f"拼图的布局标记：{number}" in _row(case, "前置条件") and "其他常见图像格式" not in case
    assert "another common image format" not in _cases(en_markdown)["TD-HOLO-002"]


def test_every_document_annex_e_cites_is_listed(zh_markdown):
    """The class: a document annex E rests on (an RFC, an ISO or IEC standard, CIPA's Exif) is in clause 2, so that
    no format the cases read is defined by a document the draft does not list."""
    annex, clause_2 = section(zh_markdown, 2, r"附录 E"), section(zh_markdown, 2, "2 规范性引用文件")
    cited = set(re.findall(r"RFC \d+|ISO/IEC \d+(?:-\d+)?:\d{4}|ISO \d+(?:-\d+)?:\d{4}|CIPA DC-\d+-\d+", annex))
    assert cited and not {c for c in cited if c not in clause_2}, sorted(c for c in cited if c not in clause_2)
