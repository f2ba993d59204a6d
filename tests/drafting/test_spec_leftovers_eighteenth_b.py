"""Leftovers of the eighteenth reading of issue 76, part b (docs/drafting.md, "Leftovers of the eighteenth reading, part
b"): the 编制说明's limits table lists every limit a normative statement fixes, counts included (AS-AIGC-012's 24, 8 and
48 characters, ID-AUTH-004's 100 proofs), each with its basis; the English 通过 lines state the outcome, no modal verb,
as the Chinese do. Each test fails on the draft before the change."""

from __future__ import annotations

import re

from conformance.drafting.facts import ordered
from conformance.drafting.indicative import indicative
from conformance.drafting.limitbasis import limit_basis
from conformance.drafting.writer import Writer, normative
from tests.drafting.blocks import between
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a number with a unit or a count word in a Chinese statement or rule, read independently of the table's builder: any
#: measure word (个 and the thing counted, 次, 名, 元, 位...), the units a count is written in; not 「第 N 章」, a
#: version (「VRM 1.0」), a status code or a time of day, which carry none of these words
_COUNTED = re.compile(r"(?<![\w.\-:^])(?<!第 )(\d+(?:\.\d+)?)\s?(?=个|次|名|元|分贝|周岁|岁|倍|位(?!置|址)|项|张|字符|字节|"
                      r"像素|帧(?!率)|ms|s\b|mm|cm|m\b|Hz|dB|%|°)")


def _table(catalog, lang: str, kept=None) -> dict[str, tuple[str, str]]:
    w = Writer(catalog, lang)
    blocks = limit_basis(w, kept if kept is not None else [r for r in ordered(catalog) if normative(r)])
    table = next(b for b in blocks if b.kind == "table")
    return {row[0].replace("\u2011", "-"): (row[1], row[2]) for row in table.rows[1:]}


def test_every_counted_limit_of_a_statement_stands_in_the_limits_table(catalog, limit_tables):
    """The table's builder read numbers with a unit only: AS-AIGC-012's 24, 8 and 48 characters, ID-AUTH-004's 100
    failed proofs, AS-MINOR-004's amounts in yuan, IF-SES's 8 and 32 participants stood in no row."""
    rows = limit_tables["zh"]  # _table(catalog, "zh"), built once a session
    missing = []
    for req in ordered(catalog):
        if not normative(req):
            continue
        text = re.sub(r"(\d+)\s?日（\d[\d ]*\s?秒）", r"\1 天", req.statement.zh + "".join(r.zh for r in req.rules))
        for number in {m.group(1) for m in _COUNTED.finditer(text)}:
            limits, basis = rows.get(req.id, ("", ""))
            if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", limits) or not basis.strip():
                missing.append((req.id, number))
    assert missing == [], missing[:12]
    assert rows["AS-AIGC-012"][0] == "24 个字符，8 个，48 个字符"
    assert "24、8 与 48 个字符为本文件自定的数值" in rows["AS-AIGC-012"][1]
    assert rows["ID-AUTH-004"][0] == "100 次" and "NIST SP 800-63B" in rows["ID-AUTH-004"][1]
    en = limit_tables["en"]
    assert en["AS-AIGC-012"][0] == "24 characters, 8 other characters, 48 characters"
    assert en["ID-AUTH-004"][0] == "100 proofs" and "NIST SP 800-63B" in en["ID-AUTH-004"][1]
    # the English table's limits are English: no Chinese count word left in them
    assert [rid for rid, (limits, _) in en.items() if re.search(r"[\u4e00-\u9fff]", limits)] == []


def test_a_planted_count_is_found_with_its_basis(catalog):
    """A statement limiting characters and attempts, its notes giving the numbers' source, gets a row quoting it."""
    req = catalog.requirements["AS-AIGC-012"]
    planted = req.model_copy(update={
        "id": "AS-AIGC-099", "rules": [],
        "statement": req.statement.model_copy(update={"zh": "返回的文本应在 3 次请求内带有标识，标识不超过 12 个字符。"}),
        "notes": req.notes.model_copy(update={"zh": "3 次与 12 个字符为本文件自定的数值。"})})
    rows = _table(catalog, "zh", [planted])
    assert rows["AS-AIGC-099"] == ("3 次，12 个字符", "附注：3 次与 12 个字符为本文件自定的数值。")


def test_the_lead_counts_the_counted_limits(note):
    lead = next(b.text for b in between(note, "note-3-2", "note-3-3") if b.kind == "para")
    assert "带单位或计数的数值" in lead


_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
_PASS = {"zh": "通过：", "en": "Pass: "}


def _passes(markdown: str, lang: str) -> dict[str, str]:
    out = {}
    for rid, case in _cases(markdown).items():
        lines = [c for c in _row(case, _CRITERIA[lang]).split("<br>") if c.startswith(_PASS[lang])]
        assert len(lines) == 1, (rid, lines)
        out[rid] = lines[0]
    return out


def test_no_english_pass_line_keeps_a_modal_verb(zh_markdown, en_markdown):
    """73 English pass lines restated the statement with its MUST or SHOULD ("that is: … MUST deliver …") where the
    Chinese drops 应: the English states the outcome in the indicative, and each language has one pass line a case."""
    zh, en = _passes(zh_markdown, "zh"), _passes(en_markdown, "en")
    assert len(en) == len(zh) == 310
    modal = [rid for rid, line in en.items() if re.search(r"\b(?:MUST|SHALL|SHOULD|MAY)\b", line)]
    assert modal == [], modal[:8]
    assert "that is: Every data product the implementation under test offers for trade is described as a W3C DCAT 3" in en["DP-DESC-001"]
    # a plural subject keeps the base form
    # (SC-CITY-013 1.3.2 writes "its `BuildingPart` objects": a CityJSON type is not made plural, thirty-fourth c4)
    assert "`BuildingPart` objects meet only on their boundaries" in en["SC-CITY-013"]
    assert "`file_name`) meet the completeness, accuracy" in en["DP-QUAL-001"]
    assert ("stays within 0.05 rad (or m) of the command at the 95th percentile, lags it by at most 100 ms, overshoots"
            in en["RB-TRACK-002"]) and "and matches the velocity" in en["RB-TRACK-002"]
    assert ("takes the user's withdrawal" in en["IF-UDP-010"] and "deletes the records kept for it"
            in en["IF-UDP-010"] and "and goes on serving" in en["IF-UDP-010"])
    assert "A tile's `geometricError` is not larger than" in en["SC-TILE-003"]


def test_the_indicative_conjugates_each_verb_for_its_subject():
    verbs = frozenset({"be", "have", "do", "carry", "match", "refuse", "answer", "keep", "go", "list", "name"})
    cases = {
        "A platform MUST have a key.": "A platform has a key.",
        "The resolver MUST do it.": "The resolver does it.",
        "Every file MUST carry a label and match its hash.": "Every file carries a label and matches its hash.",
        "Two documents MUST NOT carry one id.": "Two documents do not carry one id.",
        "A tile SHOULD NOT be larger than its parent.": "A tile is not larger than its parent.",
        "The registrar's operations MUST be signed.": "The registrar's operations are signed.",
        "A platform MUST refuse (403, a problem) a request, keep none of it, and go on answering.":
            "A platform refuses (403, a problem) a request, keeps none of it, and goes on answering.",
        "A platform MUST, once a report names it, refuse the item.": "A platform, once a report names it, refuses the item.",
        "Where the platform claims views, every file MUST name its view.": "Where the platform claims views, every file "
                                                                          "names its view.",
        "A robot description MAY also list limits.": "A robot description also lists limits.",
        "Materials, shaders and bindings MUST be valid and carry a name.": "Materials, shaders and bindings are valid "
                                                                            "and carry a name.",
    }
    for statement, expected in cases.items():
        assert indicative(statement, verbs) == expected, statement
    # a verb the catalog never puts after a modal is not guessed: the sentence stays as it is, and the scan above finds it
    assert indicative("A platform MUST foo the bar.", verbs) == "A platform MUST foo the bar."
