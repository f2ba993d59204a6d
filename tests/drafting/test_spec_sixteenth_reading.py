"""The sixteenth reading of issue 76 (docs/drafting.md, "Sixteenth reading"): the rules a test case states each
checked by its steps or its pass line, in order and with their numbers; GB 45438's annex E named as such; the
requirement verbs of GB/T 1.1-2020 annex C; one name for a percentile, the moderation clock defined; signs, long
numbers, alternative units and requirement IDs as the draft writes them; the decision rules' risks and the digits of
*U*; the 编制说明's figures adding up and asking the report for what clause 16 lists; official document numbers in one
form. Each test fails on the draft as it was before the fix it names; the scans also on a planted defect."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import pytest

from conformance.drafting.signs import signs
from tests.drafting.blocks import text_of

#: a test case's subclause in the Markdown: its heading, up to the next heading
_CASE = re.compile(r"^### \d+\.\d+ (?:〔[^〕]*〕)?([A-Z]+-[A-Z0-9]+-\d+) .*?(?=^#{2,3} |\Z)", re.M | re.S)
_LABELS = {"zh": ("测试目的", "测试步骤", "判定准则", "其规则为：", "通过："),
           "en": ("Test purpose", "Test procedure", "Verdict criteria", "Its rules are:", "Pass: ")}


def _cases(markdown: str) -> dict[str, str]:
    """Each test case's subclause by its requirement ID (a dict of the caller's own)."""
    return dict(_case_list(markdown))


@functools.lru_cache(maxsize=4)
def _case_list(markdown: str) -> tuple[tuple[str, str], ...]:
    """The scan behind :func:`_cases`, kept for the last few texts: some 200 calls a session read the
    same two drafts (the session's zh_markdown and en_markdown), and a scan of one is some 0.015 CPU-s
    (the lazy match tries its lookahead at every character)."""
    return tuple((m.group(1), m.group(0)) for m in _CASE.finditer(markdown))


def _row(case: str, label: str) -> str:
    m = re.search(rf"^\| {label} \| (.*) \|$", case, re.M)
    return m.group(1) if m else ""


def _refs(text: str, lang: str) -> set[int]:
    """The rules a text names, ranges expanded (「R1 至 R5」, "R1 to R5")."""
    to = "至" if lang == "zh" else "to"
    out = {int(n) for n in re.findall(r"(?<![\w‑-])R(\d+)\b", text)}
    for a, b in re.findall(rf"(?<![\w‑-])R(\d+) ?(?:{to}|-|–) ?R(\d+)", text):
        out |= set(range(int(a), int(b) + 1))
    return out


def _stated(case: str, lang: str) -> list[int]:
    purpose, head = _row(case, _LABELS[lang][0]), _LABELS[lang][3]
    return [int(n) for n in re.findall(r"<br>R(\d+)[：:]", purpose.split(head, 1)[1])] if head in purpose else []


def unchecked_rules(markdown: str, lang: str) -> dict[str, list[str]]:
    """Each case whose steps or pass line name rules, with the rules it states that neither names."""
    out = {}
    for rid, case in _cases(markdown).items():
        stated = set(_stated(case, lang))
        steps = _refs(_row(case, _LABELS[lang][1]), lang)
        line = next((part for part in _row(case, _LABELS[lang][2]).split("<br>") if part.startswith(_LABELS[lang][4])),
                    "")
        passed = _refs(re.sub(r"（[^）]*）|\([^)]*\)", "", line), lang)  # a bracket's aside is no pass condition
        missing = sorted(stated - steps - passed) if stated and (steps or passed) else []
        if missing:
            out[rid] = [f"R{n}" for n in missing]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rule_a_case_states_is_checked_by_a_step_or_its_pass_line(lang, zh_markdown, en_markdown):
    """ID-VCAPI-001 stated 31 rules and checked R1 to R5 (「通过：满足 R1 至 R5」), ID-VCAPI-002 28 and R1, R2,
    ID-VC-003 six and R1 to R4: a laboratory following the steps passed what the rules fail."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    assert unchecked_rules(markdown, lang) == {}
    case = _cases(markdown)["ID-VC-003"]
    assert "eddsa-rdfc-2022" in _row(case, _LABELS[lang][1])  # ID-VC-003 5.0: the Recommendations' suites
    tag = "（规则 R3）" if lang == "zh" else "(rule R3)"
    planted = case.replace(tag, "").replace("R1 至 R3" if lang == "zh" else "R1 to R3",
                                            "R1 至 R2" if lang == "zh" else "R1 to R2")
    assert unchecked_rules(planted, lang) == {"ID-VC-003": ["R3"]}


def test_the_rules_of_a_case_are_listed_in_order(zh_markdown, en_markdown):
    """SC-CITY-007 listed R1 ... R6, R11, R7 ... R10 (GB/T 1.1-2020 7.5: a list's items in order)."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        disordered = {rid: rules for rid, case in _cases(markdown).items()
                      for rules in [_stated(case, lang)] if rules != sorted(rules)}
        assert disordered == {}
        assert _stated(_cases(markdown)["SC-CITY-007"], lang) == list(range(1, 12))


def _rule(markdown: str, rid: str, n: int) -> str:
    return re.search(rf"<br>R{n}[：:]([^<]*)", _cases(markdown)[rid]).group(1)


def test_a_rule_states_the_number_its_statement_gives(zh_markdown, en_markdown):
    """AS-AIGC-013 R1 「位于边或角」 without its 10 %, IF-CODE-010 R1 and IF-REPORT-001 R2, R4 「时限」 without
    86 400 s, TD-DEPTH-002 R1 「之差应不超过 1%」 of nothing named, SC-CITY-007 R6 and R11 tolerances by name."""
    expected = {("AS-AIGC-013", 1): ("最短边的 10%", "10 % of the shortest side"),
                ("IF-CODE-010", 1): ("86 400 s", "86 400 s"), ("IF-REPORT-001", 2): ("86 400 s", "86 400 s"),
                ("IF-REPORT-001", 4): ("86 400 s", "86 400 s"), ("TD-DEPTH-002", 1): ("该距离的 1%", "1 % of that distance"),
                ("SC-CITY-007", 6): ("0.01 m", "0.01 m"), ("SC-CITY-007", 11): ("20°", "20°")}
    for (rid, n), (zh, en) in expected.items():
        assert zh in _rule(zh_markdown, rid, n), (rid, n)
        assert en in _rule(en_markdown, rid, n), (rid, n)


def test_a_rule_names_gb_45438_when_it_cites_that_standards_annex_e(zh_markdown, en_markdown):
    """「格式符合附录 E」 in AS-AIGC-013 to -016 meant GB 45438—2025's annex E, while this document's annex E is
    its data formats (GB/T 1.1-2020 9.5)."""
    for rid in ("AS-AIGC-013", "AS-AIGC-014", "AS-AIGC-015", "AS-AIGC-016"):
        for markdown, bare in ((zh_markdown, r"(?<!45438—2025 )附录 E(?!\w)"),
                               (en_markdown, r"annex E(?! of GB 45438)")):
            # the format line points to this document's annex E on purpose (fifty-sixth reading's E.26, AS-AIGC-016)
            case = re.sub(r"所读数据的格式见附录 E（.*?）。|The formats of the data read are in annex E \(.*?\)\.", "",
                          _cases(markdown)[rid])
            assert not re.search(bare, case), rid


def test_no_test_step_names_the_project(zh_markdown, en_markdown):
    """AS-AIGC-017's step 2 sent 「"ContentProducer": "metaverse-conformance"」: the project's name in a step."""
    for markdown in (zh_markdown, en_markdown):
        named = [rid for rid, case in _cases(markdown).items() if "metaverse-conformance\"" in case]
        assert named == []


def test_the_moderation_clock_is_a_term_of_clause_3(zh_markdown, en_markdown):
    """测试处罚时钟 (IF-MOD-002's rules, IF-CODE-006, annex A: 10 uses) was defined nowhere."""
    terms = zh_markdown.split("## 3 术语和定义", 1)[1].split("## 4 ", 1)[0]
    assert "测试处罚时钟  test moderation clock" in terms
    assert "test moderation clock" in en_markdown.split("## 3 Terms and definitions", 1)[1].split("## 4 ", 1)[0]


def _normative(markdown: str) -> str:
    """The normative text: the body with annex A, and annexes D and E, code values left out."""
    body, rest = markdown.split("## 附录 B", 1)
    return re.sub(r"`[^`\n]*`", "`C`", body + "\n" + rest.split("## 附录 D", 1)[1].split("## 参考文献", 1)[0])


def requirement_verbs(text: str) -> list[str]:
    """须 and 不得 standing for a requirement (须知, 无须, 必须 aside): GB/T 1.1-2020 annex C writes 应, 不应."""
    return [m.group(0) for m in re.finditer(r"(?<![无必])须(?!知)|不得", text)]


def test_the_normative_text_states_requirements_with_ying(zh_markdown):
    """「测得值须在接受限……以内方可通过」 (28 判定准则), 「每个试次须指明」, 「调用者须持有该资产」 and three 「不得」
    (AS-TRADE-001's step, A.9, E.2)."""
    assert requirement_verbs(_normative(zh_markdown)) == []
    assert requirement_verbs("测得值须在接受限以内；代币代码不得为 ISO 4217 代码；无须等待。") == ["须", "不得"]


def test_every_must_case_says_what_a_failure_means(zh_markdown, en_markdown):
    """TD-BODY-005's and TD-MOT-003's 不通过 lines lacked the sentence the other 276 「应」 cases carry."""
    for markdown, lang, level, said in ((zh_markdown, "zh", "（应）", "本要求为“应”级"),
                                        (en_markdown, "en", "(MUST)", "This is a MUST requirement")):
        silent = [rid for rid, case in _cases(markdown).items()
                  if level in case.split("\n", 1)[0] and said not in _row(case, _LABELS[lang][2])]
        assert silent == []


def _outside_code(markdown: str) -> str:
    return re.sub(r"`[^`\n]*`", "`C`", markdown)


#: the forms the reading found: ``<=``, a hyphen before a negative value, five digits ungrouped (not a document's
#: number nor a date-like seed), an exponent, a space before °/s, 「p95」, 「或米」 after a radian, an ID range by 「..」
#: or a bare suffix, a 文号 with a space before 号
_FORMS = {"comparison": re.compile(r"<=|>="),
          "hyphen minus": re.compile(r"(?:(?<=[\s（(\[，、：=])|^)-(?=\d)(?!0\d\d\b)", re.M),
          "ungrouped": re.compile(r"(?<![\w.,/#:?=&\-−〔‑])(?<!GB )(?<!GB/T )(?<!ISO )(?<!IEC )(?<!RFC )"
                                  r"(?<!ES )(?<!TS )(?<!TR )(?!(?:19|20)\d{6}\b)\d{5,}(?![\d.,:\-—‑])"),
          "exponent": re.compile(r"\b\d+(?:\.\d+)?e-\d+\b"),
          "spaced degree": re.compile(r"\d °/s"),
          "percentile": re.compile(r"(?<![\w`])p(?:50|95|99)\b"),
          "unit name": re.compile(r"rad(?:/s)? 或米"),
          "ID range": re.compile(r"[‑-]\d{3}\.\.\d{3}|[、，,] ?-0\d\d\b|至 -0\d\d\b"),
          "issue number": re.compile(r"〕\d+ 号|令第 \d+ 号")}


#: the forms only the Chinese text is to avoid (the English has no 文号; it names a percentile as the Chinese does since
#: the eighteenth reading's leftovers, part d)
_ZH_ONLY = ("unit name", "issue number")


def notation_defects(markdown: str, lang: str = "zh") -> dict[str, list[str]]:
    text = _outside_code(markdown).split("## 参考文献", 1)[0].split("## Bibliography", 1)[0]
    found = {name: [text[max(0, m.start() - 12):m.end() + 6] for m in pattern.finditer(text)]
             for name, pattern in _FORMS.items() if lang == "zh" or name not in _ZH_ONLY}
    return {name: hits[:3] for name, hits in found.items() if hits}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_signs_numbers_units_and_ids_as_the_draft_writes_them(lang, zh_markdown, en_markdown):
    """18 「<=」, 「-60 dB FS」, 「10000000 B」, 「1e-05」, 「10000 °/s」, 「p95」, 「0.1 rad/s 或米/秒」,
    「AS‑AIGC‑001..003、-005」 and 「国新出发〔2021〕14 号」 (GB 3101, GB 3102.11, GB/T 9704-2012 7.2.4)."""
    assert notation_defects(zh_markdown if lang == "zh" else en_markdown, lang) == {}


def test_the_notation_pass_and_the_scan_agree_on_planted_forms():
    planted = ("且 0 <= `start` < `end` <= 长度；不低于 -60 dB FS；不超过 10000000 B；最严 1e-05；角速度 10000 °/s；"
               "其 p95 不大于 2 s；不超过 0.1 rad/s 或米/秒；（AS‑AIGC‑001..003、-005）；国新出发〔2021〕14 号；"
               "GB 45438—2025；ISO 10303-21；种子 20240501；SC‑CITY‑007 至 -009")
    assert set(notation_defects(planted)) == set(_FORMS)
    fixed = signs(planted, "zh")
    assert notation_defects(fixed) == {}
    for written in ("0 ≤ `start` < `end` ≤ 长度", "−60 dB FS", "10 000 000 B", "1 × 10⁻⁵", "10 000°/s",
                    "其第 95 百分位数不大于", "0.1 rad/s 或 m/s", "AS‑AIGC‑001 至 AS‑AIGC‑003、AS‑AIGC‑005",
                    "〔2021〕14号", "GB 45438—2025", "ISO 10303-21", "20240501", "SC‑CITY‑007 至 SC‑CITY‑009"):
        assert written in fixed, written


def test_the_decision_rules_state_their_risk_and_the_report_its_digits(zh_markdown, en_markdown):
    """6.3 named the rules without the risk each carries (GB/T 27025—2019 7.8.6.1; ILAC-G8:09/2019 4.2.1, 4.2.2), and
    neither 6.2 nor clause 16 said how *U* and the value are rounded (GUM 7.2.6; JJF 1059.1-2012)."""
    zh = zh_markdown.split("### 6.2 ", 1)[1].split("\n表 10", 1)[0]
    assert "7.8.6.1" in zh and "50%" in zh and "2.5%" in zh
    assert "至多取两位有效数字" in zh and "7.2.6" in zh
    en = en_markdown.split("### 6.2 ", 1)[1].split("\nTable 10", 1)[0]
    assert "7.8.6.1" in en and "50 %" in en and "2.5 %" in en and "two significant digits" in en


def test_the_notes_suite_figures_add_up(note, note_en):
    """「签发方套件检查 14 项，通过 12 项，未通过 1 项」: the fourteenth, which the suite skips, was unaccounted."""
    zh = re.search(r"签发方套件检查 (\d+) 项，通过 (\d+) 项，未通过 (\d+) 项，另有 (\d+) 项", text_of(note))
    assert zh is not None and int(zh[1]) == int(zh[2]) + int(zh[3]) + int(zh[4])
    en = re.search(r"issuer suite (\d+) of (\d+) checks passing, (\d+) failing, (\d+) skipped", text_of(note_en))
    assert en is not None and int(en[2]) == int(en[1]) + int(en[3]) + int(en[4])


def test_the_note_asks_the_report_for_what_clause_16_lists(note, note_en):
    """十一 asked a test report for 「要求目录摘要值」, which the test report clause does not list."""
    assert "摘要值" not in text_of(note) and "“测试报告”一章的 a）" in text_of(note)
    assert "digest of the requirement catalog" not in text_of(note_en)


def test_the_note_writes_official_document_numbers_as_issued(note):
    """八's headings wrote 「国新出发〔2021〕14 号」, 「令第 5 号」 while the draft's 参考文献 writes 「14号」, 「令第5号」."""
    assert notation_defects(text_of(note)).get("issue number") is None
    assert "国新出发〔2021〕14号" in text_of(note)


def test_annexes_d_and_e_name_no_program(zh_markdown, en_markdown):
    """「PKCS 10」 beside 「PKCS #10」 (annex D), and E.2's 「1.0 的读取程序接受……」, 「读取程序为每个数据流建立一个解码器」."""
    for markdown, program in ((zh_markdown, "读取程序"), (en_markdown, "a reader ")):
        annexes = markdown.split("## 附录 D" if program == "读取程序" else "## Annex D", 1)[1]
        assert "PKCS 10" not in annexes and program not in annexes
    assert "`issueCertificate`：为 PKCS #10 请求中的密钥签发 X.509 证书" in zh_markdown  # the summary whole


def undated_citations(blocks: list) -> dict[str, int]:
    """How often the text after clause 3 (up to the 参考文献) cites a document clause 2 dates without its date."""
    from conformance.drafting.datedrefs import _citing, dated_designations

    dated = dated_designations(blocks)
    pattern = _citing(dated)
    start = next(i for i, b in enumerate(blocks) if b.anchor == "clause-3")
    end = next(i for i, b in enumerate(blocks) if b.anchor == "bibliography")
    text = _outside_code(text_of(blocks[start:end]) + "\n" + "\n".join(b.title for b in blocks[start:end]))
    found: dict[str, int] = {}
    for m in pattern.finditer(text) if pattern else ():
        found[m.group(1)] = found.get(m.group(1), 0) + 1
    return found


def test_a_document_clause_2_dates_is_cited_with_its_date(zh, en):
    """ISO 376, ISO 4217, ISO 16739-1, IEC 62471, GB 11643 and nine more stood dated in clause 2 and undated in the
    text some 70 times (GB/T 1.1-2020 9.5 and clause 2's own lead-in: which edition applies)."""
    from conformance.drafting.datedrefs import dated_citations, dated_designations

    assert dated_designations(zh)["ISO 376"] == "ISO 376:2011"
    assert dated_designations(zh)["GB 11643"] == "GB 11643—1999"
    assert dated_designations(zh)["ISO 9283"] == "ISO 9283:1998"  # GB/T 12642—2013's identical adoption
    assert undated_citations(zh) == {} and undated_citations(en) == {}
    clause3 = next(i for i, b in enumerate(zh) if b.anchor == "clause-3")
    planted = [*zh[:clause3 + 1], replace(zh[clause3 + 1], text="传感器按 ISO 376 所述校准；`ISO 376` 为代码值"),
               *zh[clause3 + 2:]]
    assert undated_citations(planted) == {"ISO 376": 1}
    assert "传感器按 ISO 376:2011 所述校准；`ISO 376` 为代码值" in text_of(dated_citations(planted))
