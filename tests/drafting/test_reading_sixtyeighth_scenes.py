"""The sixty-eighth reading of issue 76, part h131-scenes.

c1 (read68c, K5): SC-FEED-003's 不确定 line closed on 「且没有最新观测超过 300 s 时限的 `Datastream`」, leaving out the
other finding of its 不通过 line, a `Datastream` without any Observation, which the check fails beside an unjudged
one. The class: AS-CONT-001 (「且没有引用不通过」), ID-VC-003 and ID-VC-007 (「且无不通过的证明/封装」) closed on no
failing reference, proof or envelope, though their fail lines (and checks) also fail a supplied file that does not
parse. c2 (read68c, X): SC-BIM-009's R1 and step 3 judged every 'Body' item, while the check leaves IfcBooleanResult
and IfcCsgSolid items to SC-BIM-006. a2 (read68a, X): A.31's target `asset_pairs`, read by the feature `asset-pairs`
whose only requirement is a candidate, lacked annex C's marker: a description naming a feature counted as read by
the whole profile. Each test runs over the whole rendered text where the finding is one of a class, and each fails
on the branch's base (ffa3fd452)."""

from __future__ import annotations

import re

from conformance.drafting.writer import normative
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_MARK_ZH = "仅供附录 C 所列的资料性要求使用，不用于符合性判定"
_MARK_EN = "used only by informative requirements listed in annex C, not in judging conformance"

#: a closing condition of an inconclusive line naming the findings there are none of, other than 「其他不符合项」 or
#: 「不符合项」 (all of them): 「且没有引用不通过」, 「且无不通过的证明」, 「且没有最新观测超过 300 s 时限的……」
_CLOSING_ZH = re.compile(r"[且或](?:没有|无)(?!法|其他不符合项|不符合项)[^，；。：（）、]*?(?:不通过|超过)")
_CLOSING_EN = re.compile(r"\b(?:and|or|,) (?:no|none)\b[^;.]{0,60}?\b(?:fail(?:s|ed|ing)?|exceeds?)\b")
#: IF-DISC-003's 「或没有端点不通过，而……」 names every finding of its fail line: each is an endpoint's (missing,
#: not http(s), 404, 410 or 5xx; suites/interfaces/test_discovery.py records no other)
_NAMING_EVERY_FINDING = {"IF-DISC-003"}


def _closing(markdown: str, lang: str) -> dict[str, list[str]]:
    """The cases whose inconclusive line closes on no finding of a kind it names, with those conditions."""
    label, pattern = ("不确定", _CLOSING_ZH) if lang == "zh" else ("Inconclusive", _CLOSING_EN)
    found = {}
    for rid, case in _cases(markdown).items():
        said = pattern.findall(_verdict_lines(case, lang)[label])
        if said:
            found[rid] = said
    return found


def test_c1_an_inconclusive_line_closes_on_no_other_finding(zh_markdown, en_markdown):
    """The class of c1: no inconclusive line closes on the absence of some findings only (「且没有引用不通过」, "and
    none failed"), unless those are all its fail line names; it closes on 「没有其他不符合项」, "nothing else fails"."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        found = _closing(markdown, lang)
        assert set(found) == _NAMING_EVERY_FINDING, (lang, found)


def test_c1_sc_feed_003_names_both_findings_of_its_fail_line(zh_markdown, en_markdown):
    """SC-FEED-003's inconclusive line closes on no other finding, naming both of its fail line's: a `Datastream`
    without any Observation and one whose newest is past the 300 s limit."""
    zh = _verdict_lines(_cases(zh_markdown)["SC-FEED-003"], "zh")
    assert "没有任何观测" in zh["不通过"] and "超过 300 s" in zh["不通过"]
    assert zh["不确定"].endswith("；且没有其他不符合项（没有无任何观测或最新观测超过 300 s 时限的 `Datastream`）。")
    en = _verdict_lines(_cases(en_markdown)["SC-FEED-003"], "en")
    assert en["Inconclusive"].endswith("; and nothing else fails (no `Datastream` has no Observation or a newest "
                                       "Observation past the 300 s limit).")


def test_c1_the_file_cases_close_on_no_other_finding(zh_markdown, en_markdown):
    """AS-CONT-001, ID-VC-003 and ID-VC-007, whose fail lines name a supplied file that does not parse, leave an
    unreadable content file, a proof or an envelope not checked inconclusive only when nothing else fails."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid, zh_said, en_said in (
            ("AS-CONT-001", "致使摘要无法计算，且没有其他不符合项，原因中指明该文件",
             "so its digest cannot be computed, and nothing else fails, the reason naming the file"),
            ("ID-VC-003", "不确定：没有其他不符合项，而有证明无法检查：", "Inconclusive: nothing else fails and a proof"),
            ("ID-VC-007", "不确定：没有其他不符合项，而有封装无法检查（",
             "Inconclusive: nothing else fails and an envelope")):
        zh, en = _verdict_lines(zh_cases[rid], "zh"), _verdict_lines(en_cases[rid], "en")
        assert "无法按其格式解析" in zh["不通过"], rid
        assert zh_said in zh["不确定"], rid
        assert en_said in en["Inconclusive"], rid


def test_c2_sc_bim_009_leaves_boolean_items_to_sc_bim_006(zh_markdown, en_markdown):
    """SC-BIM-009's R1 (in its 测试目的) and step 3 name every item kind its check passes over as SC-BIM-006's."""
    from conformance.areas.scenes.ifc_scope import BOOLEAN_ITEMS

    zh, en = _cases(zh_markdown)["SC-BIM-009"], _cases(en_markdown)["SC-BIM-009"]
    r1_zh = re.search(r"R1：([^<]*)", _row(zh, "测试目的"))
    r1_en = re.search(r"R1: ([^<]*)", _row(en, "Test purpose"))
    step_zh = re.search(r"3\. ([^<]*)", _row(zh, "测试步骤"))
    step_en = re.search(r"3\. ([^<]*)", _row(en, "Test procedure"))
    assert r1_zh and r1_en and step_zh and step_en
    for text in (r1_zh[1], r1_en[1], step_zh[1], step_en[1]):
        assert all(f"`{kind}`" in text for kind in BOOLEAN_ITEMS), text
        assert "SC‑BIM‑006" in text, text
    assert "由 SC‑BIM‑006 判定，此处不予判定" in step_zh[1]
    assert "SC‑BIM‑006's and not judged here" in step_en[1]


def _annex_a(markdown: str, lang: str) -> dict[str, str]:
    """Annex A's clauses by their profile's ID."""
    annex = markdown.split("\n## 附录 A" if lang == "zh" else "\n## Annex A", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### A\.\d+ .+\(`([a-z0-9-]+)`\)$|^### A\.\d+ .+（`([a-z0-9-]+)`）$", annex, flags=re.M)
    # re.split gives both groups of each heading, one of them None
    return {zh_id or en_id: body for zh_id, en_id, body in zip(parts[1::3], parts[2::3], parts[3::3], strict=True)}


def _target_rows(body: str, lang: str) -> dict[str, str]:
    """A profile's IXIT rows of its targets (and the laboratory's records), by role."""
    labels = ("被测目标", "测试实验室的记录") if lang == "zh" else ("Target", "Laboratory's record")
    return {m[1]: m[2] for m in re.finditer(rf"^\| (?:{'|'.join(labels)}) `([^`]+)` \| (.*?) \| ", body, re.M)}


def test_a2_a_target_row_is_marked_when_only_annex_c_reads_it(zh_markdown, en_markdown, catalog):
    """The class of a2: every annex A target row whose readers are all annex C's requirements carries the marker,
    and no other does. Its readers are the requirements its description names by ID, and those of the features of
    its profile it names (「用于 `asset-pairs` 特性」), else all the profile lists (in the draft)."""
    informative = {rid for rid, req in catalog.requirements.items() if not normative(req)}
    zh_annex, en_annex = _annex_a(zh_markdown, "zh"), _annex_a(en_markdown, "en")
    assert set(zh_annex) == set(en_annex) == set(catalog.profiles)
    wrong, marked, by_feature = [], 0, 0
    for pid, profile in catalog.profiles.items():
        listed = [r for r in profile.all_requirements() if catalog.requirements[r].status != "deprecated"]
        en_rows = _target_rows(en_annex[pid], "en")
        for role, desc in _target_rows(zh_annex[pid], "zh").items():
            readers = set(re.findall(r"\b[A-Z]{2}[-‑][A-Z0-9]+[-‑]\d{3}\b", desc.replace(_MARK_ZH, "")))
            readers = {r.replace("‑", "-") for r in readers}
            for feature in re.findall(r"用于 `([a-z0-9-]+)` 特性", desc):
                if feature in profile.features:
                    by_feature += 1
                    readers |= {r for r in profile.features[feature].requirements if r in listed}
            expected = (readers or set(listed)) <= informative
            marked += expected
            if (_MARK_ZH in desc) != expected or (_MARK_EN in en_rows[role]) != expected:
                wrong.append((pid, role, expected))
    assert wrong == []
    assert marked >= 5 and by_feature >= 3
    assert _MARK_ZH in _target_rows(zh_annex["interop-pair"], "zh")["asset_pairs"]


def test_a2_target_users_resolve_a_feature_named():
    """``target_users`` resolves a feature of the profile named in a description to its requirements among those
    listed; an ID named still counts, and a description naming neither leaves every requirement listed."""
    from types import SimpleNamespace

    from conformance.drafting.icsrows import target_users

    features = {"asset-pairs": SimpleNamespace(requirements=["AS-USD-012"])}
    listed = ["IF-IOP-001", "IF-IOP-002", "AS-USD-012"]
    assert target_users("用于 asset-pairs 特性：同一资产分别导出的 glTF 与 OpenUSD 文件", listed, features) == \
        {"AS-USD-012"}
    assert target_users("用于 `asset-pairs` 特性：……（IF-IOP-002）", listed, features) == {"AS-USD-012", "IF-IOP-002"}
    assert target_users("用于观察类特性：采集文件", listed, features) == set(listed)
    assert target_users("用于 other 特性：不属本配置的特性", listed, features) == set(listed)
    assert target_users("平台 A", listed) == set(listed)
