"""The fifty-first reading, part h105-formats (docs/drafting.md, "Fifty-first reading, part h105-formats"): the capture
file, the asset history and the two robot records were framed as 「NDJSON」, defined only by a 参考文献 entry the draft
never cited, and annex E did not say what a line is (a4); DP-LABEL-003 decodes the COCO compressed RLE string, which
annex E only named (a5). E.1 now states the framing the three readers apply (one helper), every other NDJSON format
points to it, and a clause of annex E defines the string as the project's decoder reads it."""

from __future__ import annotations

import gzip
import io
import re

import pytest

from conformance.areas.data.coco_masks import MAX_GROUPS, BadRLE, decode_counts
from conformance.areas.robots.jointstates import Recording
from conformance.areas.terminal import analyse
from conformance.codecs.ndjson import read_lines
from conformance.drafting.formats import NDJSON
from conformance.reference import SAMPLES
from tests.drafting.blocks import section
from tests.drafting.test_spec_fortyfirst_h94_fmt4 import _encoding_clause
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _number(markdown: str, name: str, heading: str = "参考文献") -> int:
    listed = markdown.split(f"\n## {heading}", 1)[1]
    return int(re.search(rf"^\[(\d+)\] {re.escape(name)}", listed, re.M).group(1))


def _clauses(markdown: str, annex: str) -> dict[str, str]:
    """Annex E's clauses, number -> text."""
    text = section(markdown, 2, annex)
    return {m.group(1): section(text, 3, re.escape(m.group(1)) + " ") for m in re.finditer(r"^### (E\.\d+) ", text, re.M)}


def test_a4_e1_states_what_a_line_of_an_ndjson_file_is(zh_markdown, en_markdown):
    """E.1 gives the terminator, the carriage return before it, what an empty line is, and the pointer to NDJSON's
    参考文献 entry (it was cited nowhere in the draft)."""
    e1 = _clauses(zh_markdown, r"附录 E")["E.1"]
    number = _number(zh_markdown, NDJSON)
    assert f"NDJSON 文件（换行分隔的 JSON，见参考文献[{number}]）" in e1
    for said in ("换行符（`U+000A`）结束", "最后一行可以没有换行符", "回车符（`U+000D`）属于该行", "RFC 8259 第 2 节",
                 "的行为空行", "其余每行为一个 JSON 文本"):
        assert said in e1, said
    en = _clauses(en_markdown, r"Annex E")["E.1"]
    assert f"(newline-delimited JSON, see Bibliography [{_number(en_markdown, NDJSON, 'Bibliography')}])" in en
    assert "line feed (`U+000A`)" in en and "is an empty line" in en


@pytest.mark.parametrize("annex", [r"附录 E", r"Annex E"])
def test_a4_every_other_ndjson_format_points_to_e1(annex, zh_markdown, en_markdown):
    """The class: each clause of annex E after E.1 that frames a file as NDJSON points to E.1's framing (the robot
    records' and the asset history's clauses said 「UTF-8 编码的 NDJSON」 alone)."""
    clauses = _clauses(zh_markdown if annex.startswith("附录") else en_markdown, annex)
    framed = {number: text for number, text in clauses.items() if number != "E.1" and "NDJSON" in text}
    assert len(framed) >= 4  # the joint-state and controller-state records, the tracker capture, the asset history
    pointer = "行与空行见 E.1" if annex.startswith("附录") else "lines and empty lines as in E.1"
    assert [number for number, text in framed.items() if pointer not in text] == []


#: bodies on which E.1's framing decides: (what, the lines the body frames, the body)
_BODIES = [
    ("line feeds, carriage returns before them, a last line without one", 3, b"A\r\nB\nC"),
    ("a line of JSON white space is empty", 2, b"A\n \t\r\nB\n"),
    ("a lone carriage return ends no line", 1, b"A\rB\n"),
    ("a form feed is no JSON white space: its line is no empty line", 3, b"A\n\x0c\nB\n"),
]


@pytest.mark.parametrize("what,framed,body", _BODIES, ids=[b[0] for b in _BODIES])
def test_a4_the_three_readers_frame_lines_as_e1_states(what, framed, body):
    """The capture reader, the asset history reader and the robot record reader agree with E.1 (the robot records
    were split at a lone carriage return, and all three took a line holding a form feed for an empty one)."""
    record = b'{"a": 1}'
    history = list(read_lines(io.BytesIO(body.replace(b"A", record).replace(b"B", record).replace(b"C", record)),
                              what="history"))
    robots = list(Recording(body.replace(b"A", record).replace(b"B", record).replace(b"C", record)).lines())
    assert len(history) == len(robots) == framed, what
    assert [line.error is None for line in history] == [why is None for _, _, why in robots], what
    # the capture: the sample's header, then the body's lines as frames (its lines counted as the reader frames them)
    header, a, b, c = gzip.decompress((SAMPLES / "captures" / "headset-session.ndjson.gz").read_bytes()).split(b"\n")[:4]
    result = analyse(io.BytesIO(header + b"\n" + body.replace(b"A", a).replace(b"B", b).replace(b"C", c)))
    structure = result.logs["structure"].total
    assert structure == sum(line.error is not None for line in history), what


def _encode(counts: list[int]) -> str:
    """``counts`` written as table E.21 (the string form's clause) reads them: from the fourth on the difference from
    the count two before, each value in 5-bit groups, low first, 0x20 while more follow, 0x10 of the last its sign."""
    out = []
    for k, count in enumerate(counts):
        value = count - counts[k - 2] if k > 2 else count
        while True:
            group, value = value & 0x1F, value >> 5
            more = not ((value == 0 and not group & 0x10) or (value == -1 and group & 0x10))
            out.append(chr((group | (0x20 if more else 0)) + 48))
            if not more:
                break
    return "".join(out)


def test_a5_annex_e_defines_the_compressed_rle_string_as_the_decoder_reads_it(zh_markdown):
    """Annex E's clause states the offset, the groups, the sign and the difference two counts back; strings written by
    the table decode through the project's decoder to the counts they were written from; the strings the table calls
    undecodable are refused; E.15's `counts` row cites the table and DP-LABEL-003 the clause."""
    number, text = _encoding_clause(zh_markdown, "COCO 压缩游程字符串")
    for said in ("码位减 48", "`0x1F`", "`0x20` 位为 1 表示同一个值还有下一组", "`0x10` 位为 1 时该值为负",
                 "自第 4 个起，第 *k* 个计数为其值加上第 *k* − 2 个计数", f"多于 {MAX_GROUPS} 组",
                 f"（见参考文献[{_number(zh_markdown, 'COCO API mask interface (RLE)')}]）"):
        assert said in text, said
    assert _encode([2, 3, 1, 1]) == "231N" and decode_counts("231N") == [2, 3, 1, 1]  # 1 − 3 = −2: one group, 0x10
    for counts in ([0, 6, 1], [5, 1000, 3, 999, 7, 40000, 2, 1], [123456789, 1, 0, 2**40], [17] * 9):
        assert decode_counts(_encode(counts)) == counts, counts
    for refused in ("2311p", "3" + chr(0x20 + 48), "o" * MAX_GROUPS + "0"):  # outside, ends inside, 13 groups
        with pytest.raises(BadRLE):
            decode_counts(refused)
    table = re.search(r"^表 (E\.\d+)　COCO 压缩游程字符串$", zh_markdown, re.M).group(1)
    assert re.search(rf"^\| `annotations\[\]\.segmentation〔2〕\.counts` \|.*（见表 {table}）。 \|$", zh_markdown, re.M)
    assert f"COCO 压缩游程字符串：{number}" in _row(_cases(zh_markdown)["DP-LABEL-003"], "前置条件")
