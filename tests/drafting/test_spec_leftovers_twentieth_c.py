"""The leftovers of the twentieth reading of issue 76, part c (docs/drafting.md, "Leftovers of the twentieth reading,
part c"): every step that checks something names the rule it checks, in one form (row 10); Latin letters and digits
set apart from Han characters by a space, as the draft does elsewhere (row 40). Each test fails on the draft as it was
before the fix; the scans also on a planted line."""

from __future__ import annotations

import re

from tests.drafting.test_spec_sixteenth_reading import _LABELS, _cases, _refs, _row

#: a rule tag: a bracket naming the rule(s) a step checks, 「（规则 R1）」「（规则 R1、R3）」「（规则 R1 至 R3）」, also with a
#: condition beside it 「（规则 R1，相差不超过 10%）」「（A：规则 R1；B：规则 R2）」; "(rule R1)", "(rules R1, R3)", …
_TAG = {"zh": re.compile(r"（[^（）]*规则 R\d+[^（）]*）"), "en": re.compile(r"\([^()]*\brules? R\d+[^()]*\)")}
#: the generated procedure's items, one a rule: 「a) R1：……」, "a) R1: …"
_ITEM = re.compile(r"^ *[a-z]\) R\d+[：:]", re.M)
#: a bracket holding rule IDs alone, without the word: 「（R1）」, "(R1, R2)"
_BARE = re.compile(r"[（(]R\d+(?:(?:、|, | 至 | to )R\d+)*[）)]")
#: a step that checks what the product does: it looks at, checks or compares something
_CHECKS = {"zh": re.compile(r"核对|检查|查看|比较|比对|校验(?!和)"),
           "en": re.compile(r"\b(?:check(?:s|ing)?\b(?! of)|look (?:at|for|in)|compare|validate)", re.I)}
#: a step that records (「记录检查的帧数……」), checks the ICS, or checks a condition of the method and states what
#: follows when it fails (不确定, 不适用, 不予判定, a reading 不能使用), checks no rule
_NO_RULE = {"zh": re.compile(r"^\d+\. 记录|核对 ICS|不确定|不适用|不予判定|停止判定|不能使用"),
            "en": re.compile(r"^\d+\. Record|Check the ICS|inconclusive|not applicable|not judge|unjudged|stop judging"
                             r"|unusable", re.I)}


def _with_rules(markdown: str, lang: str) -> dict[str, str]:
    """Each test case whose requirement states rules (its purpose lists them)."""
    return {rid: case for rid, case in _cases(markdown).items() if _LABELS[lang][3] in _row(case, _LABELS[lang][0])}


def _steps(case: str, lang: str) -> list[str]:
    """A case's numbered steps, each with its lettered items."""
    out: list[str] = []
    for line in _row(case, _LABELS[lang][1]).split("<br>"):
        if re.match(r"^\d+\. ", line) or not out:
            out.append(line)
        else:
            out[-1] += "\n" + line
    return out


def _tagged(step: str, lang: str) -> set[int]:
    return {n for tag in _TAG[lang].findall(step) for n in _refs(tag, lang)} | \
        {int(m) for m in re.findall(r"^ *[a-z]\) R(\d+)[：:]", step, re.M)}


def _stated(case: str, lang: str) -> set[int]:
    purpose = _row(case, _LABELS[lang][0]).split(_LABELS[lang][3], 1)[1]
    return {int(n) for n in re.findall(r"<br>R(\d+)[：:]", purpose)}


def rules_no_step_cites(markdown: str, lang: str) -> dict[str, list[str]]:
    """Each case with rules, and the rules none of its steps tags."""
    out = {}
    for rid, case in _with_rules(markdown, lang).items():
        cited = set().union(*(_tagged(s, lang) for s in _steps(case, lang)))
        if missing := sorted(_stated(case, lang) - cited):
            out[rid] = [f"R{n}" for n in missing]
    return out


def checks_citing_no_rule(markdown: str, lang: str) -> list[str]:
    """Each step that checks something and names no rule: "ID step N"."""
    return [f"{rid} {step.split('.', 1)[0]}" for rid, case in _with_rules(markdown, lang).items()
            for step in _steps(case, lang)
            if _CHECKS[lang].search(step) and not _tagged(step, lang) and not _NO_RULE[lang].search(step)]


def bare_rule_brackets(markdown: str, lang: str) -> list[str]:
    return [f"{rid}: {m}" for rid, case in _with_rules(markdown, lang).items()
            for m in _BARE.findall(_row(case, _LABELS[lang][1]))]


def test_each_rule_of_a_case_is_tagged_by_a_step(zh_markdown, en_markdown):
    """Row 10: 49 of the cases with rules had no step saying which rule it checks (DP-QUAL-001's headed by quality
    dimensions instead), and ID-MFA-002's steps looked at R3 alone, RB-URDF-001's at no numeric attribute (R5)."""
    assert rules_no_step_cites(zh_markdown, "zh") == {}
    assert rules_no_step_cites(en_markdown, "en") == {}


def test_each_step_that_checks_names_its_rules(zh_markdown, en_markdown):
    """Row 10: a step that looks at, checks or compares something says which rule it checks (a step recording, the
    ICS step and a condition of the method, which states what follows when it fails, excepted). Besides the 49 cases
    of the reading, 18 others had such a step: AS-AIGC-016 and -017, AS-CONT-001, ID-AUTH-002, ID-REG-002, ID-VC-003,
    -006, ID-VCAPI-001, IF-CODE-001, -008, IF-SES-001, RB-TRACK-002, SC-CITY-007, -008, -009, -012, TD-DISP-011 and
    TD-HAND-004."""
    assert checks_citing_no_rule(zh_markdown, "zh") == []
    assert checks_citing_no_rule(en_markdown, "en") == []


def test_a_rule_tag_reads_one_way(zh_markdown, en_markdown):
    """Row 10, one form: 「（规则 R1）」 and "(rule R1)" as the other cases write it, not 「（R1）」 (AS-TRADE-003,
    TD-ACC-002 and twelve more)."""
    assert bare_rule_brackets(zh_markdown, "zh") == []
    assert bare_rule_brackets(en_markdown, "en") == []


_PLANTED = ("### 9.1 XX-YYY-001 试验\n\n| 项目 | 内容 |\n|---|---|\n"
            "| 测试目的 | 验证……其规则为：<br>R1：甲。<br>R2：乙。 |\n"
            "| 测试步骤 | 1. 取得文件。<br>2. 完整性：检查甲。<br>3. 核对乙（R2）。<br>4. 记录不满足项。 |\n")


def test_the_scans_find_a_planted_case():
    """The three scans on a planted case: R1 tagged by no step, step 2 checks without a tag (headed by its dimension,
    as DP-QUAL-001's were), step 3 tags R2 bare."""
    assert rules_no_step_cites(_PLANTED, "zh") == {"XX-YYY-001": ["R1", "R2"]}
    assert checks_citing_no_rule(_PLANTED, "zh") == ["XX-YYY-001 2", "XX-YYY-001 3"]
    assert bare_rule_brackets(_PLANTED, "zh") == ["XX-YYY-001: （R2）"]


#: what the Latin-and-Han scan leaves alone: code values and URLs (written as they are), titles in 《》 and the document
#: numbers of official documents (〔2025〕7号, 令第5号), which keep their publishers' form, and the lines citing a
#: standard by its designation and title or listing a reference (clause 2, the bibliography), the foreword's sentence
#: GB/T 1.1-2020 prescribes among them
_KEPT = (re.compile(r"`[^`\n]*`"), re.compile(r"https?://\S+"), re.compile(r"《[^》]*》"),
         re.compile(r"〔\d{4}〕\d+号|令第\d+号"))
_CITING = re.compile(r"^(?:\[\d+\] |GB|本文件按照GB)")
_TOUCHING = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]")


def latin_touching_han(markdown: str) -> list[str]:
    """Each place a Latin letter or digit stands right beside a Han character, with a little context."""
    for kept in _KEPT:
        markdown = kept.sub("`c`", markdown)
    return [line[max(0, m.start() - 12):m.end() + 12] for line in markdown.split("\n") if not _CITING.match(line)
            for m in _TOUCHING.finditer(line)]


def test_latin_text_is_set_apart_from_han_text(zh_markdown):
    """Row 40: 「glTF与 VRM文件」 (the preconditions of AS-GLTF-001 to -003 and AS-VRM-001, a bracket removed from the
    target's description), 「即CityJSON」 (SC-CITY-007's and -008's pass lines) and 「不是 URL的凭证」 (ID-VCAPI-002's
    rules R3 and R5 to R9); the draft elsewhere sets a space between Latin and Han text."""
    assert latin_touching_han(zh_markdown) == []
    assert "glTF 与 VRM 文件" in zh_markdown and "即 CityJSON" in zh_markdown


def test_the_latin_and_han_scan_finds_a_planted_line():
    planted = "已按 IXIT（附录 A）提供：glTF与 VRM文件。\n按 `a`的 https://x.org/的 《第1部分》 〔2025〕7号\n[3] GB/T 1.1—2020 第1部分"
    found = latin_touching_han(planted)  # the code value, the URL, the title, the number and the reference kept
    assert len(found) == 2 and "glTF与" in found[0] and "VRM文件" in found[1]


def test_the_explanatory_note_sets_latin_apart_from_han(note_md):
    """The 编制说明 in the same form (it had no such place; the scan keeps it so)."""
    assert latin_touching_han(note_md) == []
