"""The sixty-ninth reading of issue 76, part h133-text (read69a a1 and doubtful items; read69b b1 and doubtful 1;
read69d doubtful 2).

a1 (K9): clause 2 dates CityJSON Specifications 2.0.2 (2026-03-27), the edition whose schemas the harness vendors, while
SC-CITY-001 validated against 「官方 CityJSON 2.0 模式」, which names no patch edition; its statement and step 2 now cite
clause 2's edition and say that 「CityJSON 2.0」 names it. The class (note 一（五）: a named specification clause 2 dates
is cited with its version) found IF-CON-001's 「OpenAPI 3.1」 beside clause 2's OpenAPI Specification 3.1.0 too.
b1 (K2): annex D's D.3 defined violating test content only in a ``POST /assets`` body and listed IF-MOD-002 under it,
though IF-MOD-002 carries the marker in a report's ``description``; a paragraph now defines the marker in a
``POST /reports`` body (from the contract's ``x-test-content``). b's doubtful 1: IF-MOD-002 says why a missing
``reporting.endpoint`` fails R1. a's doubtful items: table 6 names the platform pair by 3.21, 「平台对」 is only ever the
term, AS-GLTF-001 says which step yields the report step 4 reads. d's doubtful 2: 三（三）'s basis cells end in 「。」,
not 「……」, and a clause a quoted one runs on into is kept when it gives a listed number (TD-OLF-005's 4 s)."""

from __future__ import annotations

import json
import re

from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

MARKER = "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT"


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


def _clause(markdown: str, number: str) -> str:
    m = re.search(rf"^## {number} .*?(?=^## )", markdown, re.M | re.S)
    assert m, number
    return m.group(0)


def _body(markdown: str) -> str:
    """The draft from clause 3 to the end of its annexes (the 参考文献 left out)."""
    start = re.search(r"^## 3 ", markdown, re.M)
    end = re.search(r"^## 参考文献", markdown, re.M)
    assert start and end
    return _plain(markdown[start.start():end.start()])


# a1 and its class ----------------------------------------------------------------------------------------------------

#: publishers whose documents are cited by number (a dated number names one text) rather than by a specification's name
_NUMBERED = re.compile(r"^(ISO|IEC|GB|RFC|ITU|Recommendation|ETSI|FIPS|IEEE|CIPA|ECMA|JSON Schema)")
#: words of a specification's name that do not name it
_GENERIC = {"Specification", "Specifications", "Version", "Part", "Standard", "Core", "Model", "Data", "Encoding",
            "Information", "OASIS", "OGC", "W3C", "API", "Language", "Definition", "Common"}


def _named_specifications(markdown: str) -> list[tuple[str, str]]:
    """(name, dotted version) of each named specification clause 2 lists with a date in brackets."""
    out = []
    for line in _clause(markdown, "2").splitlines():
        m = re.match(r"^(.*?) \(([^()]*)\)$", line.strip())
        if m and not _NUMBERED.match(m.group(1)):
            out += [(m.group(1), v) for v in re.findall(r"(?<![\w.-])(\d+\.\d+(?:\.\d+)*)(?![\w.])", m.group(1))]
    return out


def _shortened(markdown: str) -> list[str]:
    """Each body citation of a clause-2 specification by a shorter version than clause 2's (「CityJSON 2.0」 for
    2.0.2), unless the body says which edition that shorter name stands for (「本文件所称 CityJSON 2.0 指该版本」)."""
    body = _body(markdown)
    found = []
    for name, version in _named_specifications(markdown):
        parts = version.split(".")
        prefixes = [".".join(parts[:n]) for n in range(2, len(parts))]
        for word in {w for w in re.findall(r"[A-Za-z][\w.-]*[A-Za-z0-9]", name) if w not in _GENERIC and len(w) > 2}:
            for short in prefixes:
                said = re.compile(rf"(?<![\w.-]){re.escape(word)} {re.escape(short)}(?![\w.]|\.\d)")
                if said.search(body) and f"所称 {word} {short} 指该版本" not in body:
                    found.append(f"{word} {short} (clause 2: {name} {version})")
    return found


def test_a1_sc_city_001_cites_the_edition_clause_2_dates(zh_markdown):
    case = _plain(_cases(zh_markdown)["SC-CITY-001"])
    cited = "CityJSON Specifications 2.0.2（2026-03-27）"
    assert cited in _row(case, "测试目的") and cited in _row(case, "测试步骤").split("<br>")[1]
    assert "本文件所称 CityJSON 2.0 指该版本" in _row(case, "测试目的")
    assert "CityJSON Specifications 2.0.2 (2026-03-27)" in _clause(zh_markdown, "2")
    # the edition the check validates with: the vendored schemas' own identifiers
    folder = ROOT / "src/conformance/areas/scenes/cityjson"
    ids = {json.loads(p.read_text("utf-8"))["$id"] for p in folder.glob("*.schema.json")}
    assert ids and all(i.startswith("https://www.cityjson.org/schemas/2.0.2/") for i in ids), ids


def test_a1_class_no_specification_is_cited_by_a_shorter_version(zh_markdown):
    """Class (note 一（五）): a named specification clause 2 dates is cited by its version, not a shorter one that several
    editions fit, or the body says which edition the shorter name stands for; the scan flags a planted citation."""
    assert _shortened(zh_markdown) == []
    planted = zh_markdown.replace("## 参考文献", "平台接口契约（OpenAPI 3.1）。\n\n## 参考文献", 1)
    assert _shortened(planted) == ["OpenAPI 3.1 (clause 2: OpenAPI Specification 3.1.0 3.1.0)"]


# b1 and its class ----------------------------------------------------------------------------------------------------

_CONTENT = re.compile(r"^(?:举报表明的)?违规测试内容（([^）]*)）：(?:发送至 `(\w+ [^`]+)` 的请求体中|经 `(\w+ [^`]+)` 建立的 "
                      r"WebSocket 发送的 `[^`]+` 消息中)，成员 (.+?) 载有标记", re.M)


def _paragraphs(markdown: str) -> list[tuple[list[str], str, list[str], str]]:
    """Annex D's violating-content paragraphs: (requirement IDs, operation, members, the paragraph)."""
    out = []
    for m in _CONTENT.finditer(_plain(markdown)):
        line = _plain(markdown)[m.start():_plain(markdown).index("\n", m.start())]
        out.append((m.group(1).split("、") if m.group(1) else [], m.group(2) or m.group(3),
                    re.findall(r"`([^`]+)`", m.group(4)), line))
    return out


def _names_member(step: str, member: str) -> bool:
    """Whether ``step`` names ``member``, a message's by its last two names (`chat` and "text")."""
    *_, parent, last = ["", *member.split(".")]
    return f"`{member}`" in step or bool(parent) and f"`{parent}`" in step and f'"{last}"' in step


def _through(step: str, op: str, members: list[str]) -> bool:
    """Whether ``step`` sends its marker through ``op`` as a paragraph on it defines: a message's member named (by its
    last names), or the operation named (the reporting endpoint for ``POST /reports``, which the discovery document
    gives) with the member named unless the operation is (IF-MOD-001's 「名称末尾附加」 through `POST /assets`)."""
    if any("." in m for m in members):
        return any(_names_member(step, m) for m in members)
    if f"`{op}`" in step:
        return True
    return op == "POST /reports" and "举报端点" in step and any(f"`{m}`" in step for m in members)


def test_b1_a_reports_marker_is_defined_for_post_reports(zh_markdown):
    paragraphs = _paragraphs(zh_markdown)
    assets = next(p for p in paragraphs if p[1] == "POST /assets")
    reports = next(p for p in paragraphs if p[1] == "POST /reports")
    assert "IF-MOD-002" not in assets[0] and reports[0] == ["IF-MOD-002"]
    assert reports[2] == ["description"]
    assert "成员 `subject` 所指之物为该类违规测试内容" in reports[3] and "其生产部署无需识别该标记" in reports[3]


def test_b1_class_every_case_planting_the_marker_has_its_paragraph(zh_markdown):
    """Class: each case whose steps carry the marker is listed in an annex D paragraph whose operation is the one it
    sends the marker through, and whose member its marked step names; each listed case carries the marker."""
    paragraphs = _paragraphs(zh_markdown)
    assert paragraphs
    listed = {rid for ids, *_ in paragraphs for rid in ids}
    for rid, case in _cases(zh_markdown).items():
        steps = [s for s in _plain(_row(case, "测试步骤")).split("<br>") if MARKER in s]
        if not steps:
            assert rid not in listed, rid
            continue
        mine = [p for p in paragraphs if rid in p[0]]
        assert mine, rid
        assert any(_through(s, op, members) for _, op, members, _ in mine for s in steps), rid


def test_b_doubtful_1_a_missing_reporting_endpoint_is_r1s_with_its_reason(zh_markdown):
    step = _row(_plain(_cases(zh_markdown)["IF-MOD-002"]), "测试步骤").split("<br>")[0]
    assert "（规则 R1：平台不提供举报端点即无从受理举报，被举报资产的地址也就不会因举报而停止提供）" in step


# a's doubtful items ----------------------------------------------------------------------------------------------------

#: what follows the term 平台对 (3.21) wherever the draft writes it; anything else reads 平台 + 对 ("towards")
_TERM_FOLLOWERS = re.compile(r"平台对(?!的|中|均|为两个|时|（|）|，|。|、|不通过|\s+pair)")


def test_a_doubtful_table_6_names_the_pair_by_3_21(zh_markdown):
    assert "检验跨平台互操作时：平台对的两个平台（平台 A 与平台 B）的访问地址" in zh_markdown
    assert "两个被测平台（平台对）" not in zh_markdown


def test_a_doubtful_class_platform_pair_is_only_ever_the_term(zh_markdown):
    found = [zh_markdown[max(0, m.start() - 15):m.end() + 15] for m in _TERM_FOLLOWERS.finditer(zh_markdown)]
    assert found == []
    assert "平台未对突发请求返回任何 429 响应" in _plain(_cases(zh_markdown)["IF-RATE-001"])


def test_a_doubtful_gltf_report_comes_from_step_2(zh_markdown):
    steps = _row(_plain(_cases(zh_markdown)["AS-GLTF-001"]), "测试步骤").split("<br>")
    assert "每个受校验文件的校验结果为一份 glTF 校验报告，其格式见附录 E" in steps[1]
    assert steps[3].startswith("4. 检查第 2 步所得的 glTF 校验报告")


# d's doubtful 2 --------------------------------------------------------------------------------------------------------


def test_d_doubtful_2_no_basis_cell_ends_in_an_ellipsis(note):
    rows = limit_rows(note)
    assert rows
    cut = {rid: basis[-20:] for rid, (_, basis) in rows.items() if basis.rstrip(" ）)").endswith(("……", "；"))
           or re.search(r"[……；]（[^（]*读取界限[^（]*）$", basis)}
    assert cut == {}


def test_d_doubtful_2_a_run_on_clause_giving_a_listed_number_is_kept(note):
    """TD-OLF-005's 4 s: its reason stood in the clause after the quoted one, cut at 「……」."""
    limits, basis = limit_rows(note)["TD-OLF-005"]
    assert "4 s" in limits
    assert "2 s 与 4 s 均不短于 TD‑OLF‑003 至少测量的 1 s" in basis or "2 s 与 4 s 均不短于 TD-OLF-003 至少测量的 1 s" in basis
