"""The forty-ninth reading, part h102-refsA (docs/drafting.md, "Forty-ninth reading, part h102-refsA"): the references
the verdicts rest on. 5.1 called each held JSON-LD context 「该 URL 所发布文档的固定版本」 without saying which (a1);
TD-AUD-007 computed its verdict by 「网络音频接口第 6.4 节」, a Working Draft listed only in the 参考文献 (a2); 参考文献
[172] (Woodworth) was cited nowhere, its key counted by Kuhn's entry alone (a5); 三（三） named Čoh, Virginia Tech,
3DPW, SR Research, Mitsar and the Open University without their 参考文献 numbers (d8). Each test fails on 98143ab5."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import yaml

from conformance.drafting.writer import Block

ROOT = Path(__file__).resolve().parents[2]
CONTEXTS = ROOT / "src" / "conformance" / "areas" / "_shared" / "contexts"
SPECIFICATION = ROOT / "suites" / "specification.yaml"


def _annex_e(markdown: str) -> str:
    return re.split(r"\n## (?:附录 [A-Z]|参考文献)", markdown.split("\n## 附录 E", 1)[1], maxsplit=1)[0]


def _bibliography(markdown: str) -> dict[int, str]:
    listed = markdown.split("\n## 参考文献", 1)[1]
    return {int(n): entry for n, entry in re.findall(r"^\[(\d+)\] (.+)$", listed, re.M)}


def test_a1_every_held_context_has_the_digest_of_its_file_in_annex_e(zh_markdown):
    """The class: each context 5.1 lists is a row of annex E's table with the SHA-256 of the very file the equipment
    loads (computed here from the bytes, not read from the generator), and 5.1 says the content is that document."""
    entries = yaml.safe_load((CONTEXTS / "sources.yaml").read_text(encoding="utf-8"))["contexts"]
    digests = {e["url"]: hashlib.sha256((CONTEXTS / e["file"]).read_bytes()).hexdigest() for e in entries}
    paragraph = next(line for line in zh_markdown.splitlines() if "个测试设备持有的 JSON-LD 上下文" in line)
    listed = re.findall(r"`(https?://[^`]+)`", paragraph.split("其他上下文视为无法取得：", 1)[1].split("。", 1)[0])
    assert len(listed) == int(re.search(r"下列 (\d+) 个测试设备持有的", paragraph).group(1)) == len(digests)
    annex = _annex_e(zh_markdown)
    heading = re.search(r"^### (E\.\d+) 测试设备持有的 JSON-LD 上下文$", annex, re.M)
    assert heading and f"即 SHA-256 摘要为 {heading.group(1)} 所列值的文档" in paragraph
    clause = annex[heading.end():]
    assert "文件字节序列（原样，不作任何规范化）的 SHA-256 摘要" in clause
    for url in listed:
        row = rf"^\| `{re.escape(url)}` \| `{digests[url]}` \| \d{{4}}-\d{{2}}-\d{{2}} \|$"
        assert re.search(row, clause, re.M), url
    # the VC 2.0 Recommendation pins its base context by this digest: the table gives the same
    assert digests["https://www.w3.org/ns/credentials/v2"] == (
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734")


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid.replace('-', '[-‑]')} ", markdown, re.M)
    assert start
    return markdown[start.end():markdown.index("\n### ", start.end())]


def test_a2_the_distance_case_writes_its_gain_formulas_and_cites_the_draft_informatively(zh_markdown, en_markdown):
    """The case is self-contained: the three models' gains are in its step, the Web Audio API (a Working Draft) is
    its bibliography entry, no section of it is what the verdict is computed by; E.3's row points to the step."""
    number = next(n for n, entry in _bibliography(zh_markdown).items() if entry.startswith("W3C Web Audio API"))
    case = _case(zh_markdown, "TD-AUD-007")
    steps = next(line for line in case.splitlines() if line.startswith("| 测试步骤 |"))
    assert "网络音频接口第" not in steps and f"见参考文献[{number}]" in steps
    for formula in ("线性模型 *g*(*d*) = 1 − *f*′ (*d*′ − *r*) / (*M* − *r*)", "*d*′ 为 *d* 限定于 [*r*, *M*] 之值",
                    "*f*′ 为 *f* 限定于 [0, 1] 之值", "反比模型 *g*(*d*) = *r* / (*r* + *f* (*d*″ − *r*))",
                    "指数模型 *g*(*d*) = (*d*″ / *r*)^(-*f*)", "*d*″ 为 *d* 与 *r* 中的较大者"):
        assert formula in steps, formula
    en_steps = next(line for line in _case(en_markdown, "TD-AUD-007").splitlines() if "| Test procedure |" in line)
    assert "section 6.4" not in en_steps and f"see Bibliography [{number}]" in en_steps
    row = next(line for line in _annex_e(zh_markdown).splitlines() if line.startswith("| `binaural.distance_model` |"))
    assert "网络音频接口" not in row and "各模型的增益公式见判定距离衰减的测试用例的测试步骤" in row  # no requirement named in annex E


def test_a5_each_work_of_a_key_is_listed_with_the_requirements_citing_it(zh_markdown, note_md):
    """The class: a citation key naming several works (specification.yaml gives it a list of entries) has each of
    its entries in 三（五）'s list, with the requirements citing the key (Woodworth's book beside Kuhn's paper)."""
    citations = yaml.safe_load(SPECIFICATION.read_text(encoding="utf-8"))["references"]["citations"]
    numbers = {entry: n for n, entry in _bibliography(zh_markdown).items()}
    uses = dict(re.findall(r"参考文献\[(\d+)\]（([A-Z]+-[A-Z0-9-]+(?:、[A-Z]+-[A-Z0-9-]+)*)）", note_md))
    works = [entries for entries in citations.values() if isinstance(entries, list)]
    assert works
    for entries in works:
        listed = [next(n for entry, n in numbers.items() if entry.startswith(work)) for work in entries]
        assert len({uses.get(str(n)) for n in listed}) == 1 and uses.get(str(listed[0])), listed
    woodworth = next(n for entry, n in numbers.items() if entry.startswith("Woodworth"))  # numbered as the list goes
    assert "TD-AUD-004" in uses[str(woodworth)].split("、")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _names(entry: str, named: list[str]) -> set[str]:
    """How a row may name a 参考文献 entry: its first author's surname or its publisher's leading word (「Čoh」,
    「3DPW」, 「Mitsar」), its leading organisation (「SR Research」, 「The Open University」), and the names the notes
    give it besides (specification.yaml's ``named_in_notes``: 「弗吉尼亚理工大学」)."""
    first = re.split(r"[ ,.\-\[]", entry, maxsplit=1)[0]
    lead = entry.split(", ", 1)[0]
    return {n for n in (first, lead if len(lead.split()) <= 3 else "", *named)
            if n and n not in ("The", "W3C") and not _DESIGNATED.match(n)}


#: a specification's designation, which names it (clause 2's rule, 「ISO 19107」, 「ERC-1155」, 「COCO 格式」): the rows
#: cite a specification by it, not by a 参考文献 number
_DESIGNATED = re.compile(r"^(?:GB|ISO|IEC|IEEE|ASTM|ITU|NIST|ERC|COCO|\d)")


def test_d8_every_source_a_limit_row_names_carries_its_number(note: list[Block], zh_markdown, note_md):
    """The class: in 三（三）, each 参考文献 entry that informs the row's requirement (三（五）'s list) and whose author
    or organisation the row names is followed there by its number."""
    references = yaml.safe_load(SPECIFICATION.read_text(encoding="utf-8"))["references"]
    named = references.get("named_in_notes", {})
    bibliography = _bibliography(zh_markdown)
    by_entry = {}  # entry number -> the names notes give it besides, from the catalog key its entry is
    for key, others in named.items():  # a key's entry as the citations give it, or its leading author
        cited = references["citations"].get(key) or key.split(",")[0]
        lead = _fold(cited if isinstance(cited, str) else cited[0]).split("[", 1)[0]
        number = next(n for n, entry in bibliography.items() if _fold(entry).startswith(lead))
        by_entry[number] = others
    # fiftieth reading, a3: the Chinese names of a model and a format (「伍德沃思模型」, AmbiX) are listed too
    assert {"伍德沃思", "AmbiX"} <= {name for others in named.values() for name in others}
    informs: dict[str, list[int]] = {}
    for n, ids in re.findall(r"参考文献\[(\d+)\]（([A-Z]+-[A-Z0-9-]+(?:、[A-Z]+-[A-Z0-9-]+)*)）", note_md):
        for rid in ids.split("、"):
            informs.setdefault(rid, []).append(int(n))
    table = next(b for b in note if b.kind == "table" and b.rows and b.rows[0][1] == "限值")
    missing, checked = [], 0
    for row in table.rows[1:]:
        rid, basis = row[0].replace("\u2011", "-"), _fold(row[2])
        for n in informs.get(rid, []):
            for name in _names(bibliography[n], by_entry.get(n, [])):
                if re.search(rf"(?<![A-Za-z]){re.escape(_fold(name))}(?![a-z])", basis):
                    checked += 1
                    if f"参考文献[{n}]" not in basis:
                        missing.append((rid, n, name))
    assert checked > 20 and not missing, "\n".join(map(str, missing))


def test_d8_the_english_rows_number_the_same_sources(note_md_en):
    """The English 三（三） numbers the mentions as the Chinese does, a possessive keeping its "'s"."""
    # the numbers as the bibliography orders its entries (an entry added before one moves it)
    for marked in (r"\(Coh et al\. 2018, Bibliography \[\d+\]\)", r"\(Virginia Tech, 2005, Bibliography \[\d+\]\)",
                   r"3DPW's \(Bibliography \[\d+\]\) evaluation", r"SR Research's \(Bibliography \[\d+\]\)",
                   r"Mitsar \(Bibliography \[\d+\]\)", r"The Open University \(Bibliography \[\d+\]\)"):
        assert re.search(marked, note_md_en), marked

