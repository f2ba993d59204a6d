"""The eighteenth reading's leftovers, part a (docs/drafting.md, "Leftovers of the eighteenth reading, part a"): a MAY
(可) requirement fails no product for not doing what it permits (GB/T 1.1-2020, 可; ISO/IEC Directives Part 2 7.5):
its statement is conditional on the permitted thing, its test case judges the absence 不适用, and so does its check;
a placeholder is written 〈 〉, not in ASCII angle brackets. Each test fails on the draft as it was before the change."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import manifest_for, verdict_and_evidence
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: the MAY requirements whose checks failed the absence of what they permit, and the permitted thing each names
PERMITTED = {"AS-META-001": "`asset_id`", "AS-META-003": "`rights`", "AS-META-004": "`transfer`",
             "ID-CAT-001": "`identityCategory`", "TD-FORCE-003": "safety.max_force_n",
             "TD-ACC-001": "accessibility", "TD-ACC-002": "accessibility", "TD-PWR-001": "power"}
_CRITERIA = {"zh": "判定准则", "en": "Verdict criteria"}
_ABSENT_FAILS = {"zh": re.compile(r"不通过：[^。]*缺少 (`rights`|`identityCategory`)|不确定：所属能力未声明 safety"),
                 "en": re.compile(r"Fail: [^.]*lacks (`rights`|`identityCategory`)|Inconclusive: the offer declares no")}
_ABSENT_NA = {"zh": "允许而不要求", "en": "permits"}


def _criteria(markdown: str, lang: str) -> dict[str, str]:
    label = _CRITERIA[lang]
    return {rid: case[case.index(f"| {label} |"):] for rid, case in _cases(markdown).items() if f"| {label} |" in case}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_may_case_judges_the_absence_of_what_it_permits_not_applicable(lang, zh_markdown, en_markdown):
    """AS-META-003 「可带有权利声明 `rights`」 failed 「任一文档缺少 `rights`」; ID-CAT-001, AS-META-001, -004 likewise;
    TD-FORCE-003 judged a device declaring no safety force 不确定."""
    criteria = _criteria(zh_markdown if lang == "zh" else en_markdown, lang)
    for rid in PERMITTED:
        text = criteria[rid]
        assert not _ABSENT_FAILS[lang].search(text), (rid, text[:400])
        na = re.search(r"(不适用：|Not applicable: )[^\n|]*", text)
        # sixtieth reading, part h120-iface (b1): annex D's schema requires `rights` of a document in its form, so
        # AS-META-003's line says AS-META-001 fails its absence there instead of calling the member optional
        said = _ABSENT_NA[lang] if rid != "AS-META-003" else "AS‑META‑001"
        assert na and said in na.group(0), (rid, na and na.group(0))


def test_the_statements_of_the_may_cases_state_their_condition(catalog):
    """The permitted thing, when done, is judged; when not, nothing is (AS-META-001, -003, -004). Written
    「若带有，则……」 until the twenty-first reading's row 4 made each one permission with its forms, 「……不予判定」
    (part c of the twenty-second round: tests/drafting/test_spec_leftovers_twentysecond_c.py)."""
    for rid in ("AS-META-001", "AS-META-003", "AS-META-004"):
        statement = catalog.requirements[rid].statement
        assert "不予判定" in statement.zh and "not judged" in statement.en, rid
    assert "required_members" not in catalog.profiles["asset-metadata"].parameters


def _verdict(catalog, run_manifest, profile, requirement, role, paths, parameters=None):
    manifest = manifest_for(catalog, profile, parameters=parameters)
    manifest["targets"][role]["paths"] = [str(p) for p in paths]
    return verdict_and_evidence(run_manifest(manifest, requirements=[requirement]), requirement)


@pytest.mark.parametrize("requirement", ["AS-META-001", "AS-META-003", "AS-META-004"])
def test_metadata_without_the_permitted_members_is_not_applicable(requirement, catalog, run_manifest, tmp_path):
    plain = tmp_path / "plain.json"  # ERC-721 metadata, none of the platform's members
    plain.write_text(json.dumps({"name": "Voxel Helmet", "image": "https://assets.reference.example/h.png"}))
    verdict, evidence = _verdict(catalog, run_manifest, "asset-metadata", requirement, "asset_metadata", [plain])
    assert verdict == "not_applicable", evidence


def test_metadata_carrying_part_of_the_identity_members_fails(catalog, run_manifest, tmp_path):
    """A permission used in part is not used: identity members without the others fail AS-META-001 (its 3.0 removed
    AS-META-004's profile-required members, which this test judged before)."""
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"name": "Voxel Helmet", "asset_id": "helmet-0001"}))
    verdict, evidence = _verdict(catalog, run_manifest, "asset-metadata", "AS-META-001", "asset_metadata", [partial])
    assert verdict == "fail" and "issuer" in evidence


def test_credential_subjects_declaring_no_category_are_not_applicable(catalog, run_manifest, tmp_path):
    credential = tmp_path / "vc.json"
    credential.write_text(json.dumps({
        "@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
        "issuer": "did:web:identity.example.com", "issuanceDate": "2024-06-01T08:00:00+08:00",
        "credentialSubject": [{"id": "did:web:platform.example.com"}]}))
    verdict, evidence = _verdict(catalog, run_manifest, "identity-credentials", "ID-CAT-001", "credentials",
                                 [credential])
    assert verdict == "not_applicable", evidence


def test_a_force_device_declaring_no_safety_force_is_not_applicable(catalog, run_manifest):
    from tests.conftest import fixture_path

    verdict, evidence = _verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-003", "captures",
                                 [fixture_path("terminal", "force-rules/no-safety.ndjson")])
    assert verdict == "not_applicable", evidence


#: a value to fill in written in ASCII angle brackets outside a code value: 「{"at": <RFC 3339>}」, "<A's DID>"
_BRACKETED = {"zh": re.compile(r"[<‹][^<>\n=`]*[\u4e00-\u9fff][^<>\n=`]*>|<RFC 3339>"),
              "en": re.compile(r"<(?:RFC 3339|seconds|decimal|code|package|now|event type|"
                               r"(?:[A-Z]'s|the|a|an) [^<>\n`]{1,40})>")}


def _outside_code(markdown: str) -> str:
    return re.sub(r"`[^`\n]*`", "``", markdown)


def test_a_value_to_fill_in_is_named_in_words_not_in_angle_brackets(zh_markdown, en_markdown):
    """Annex A's settings (「{`"at"`: <RFC 3339>}」 ×5, 「<十进制>」, 「<代码>」, 「<秒数>」...) and IF-UDP-005, -006, -007,
    IF-TDX-001 wrote a value to fill in between ASCII angle brackets, beside 「{`"to"`: B 的 DID}」 (44 bodies): the draft
    names such a value in words (docs/drafting.md, "Leftovers of the eighteenth reading, part a")."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        found = _BRACKETED[lang].findall(_outside_code(markdown))
        assert found == [], (lang, found[:8])
    planted = zh_markdown + "\n请求体 {at: <RFC 3339>}\n"  # a body is code now (thirtieth reading, a4): plant outside it
    assert _BRACKETED["zh"].findall(_outside_code(planted))
    assert "{`\"at\"`: RFC 3339 时刻}" in zh_markdown or "{\"at\": RFC 3339 时刻}" in zh_markdown


@pytest.mark.parametrize(("profile", "requirement", "capture"), [
    ("terminal-sensor-performance", "TD-PWR-001", "force-rules/no-safety.ndjson"),  # no power stream
    ("terminal-accessibility", "TD-ACC-001", None),
    ("terminal-accessibility", "TD-ACC-002", None),
])
def test_a_device_not_making_the_permitted_declaration_is_not_applicable(profile, requirement, capture, catalog,
                                                                         run_manifest):
    from tests.conftest import fixture_path

    if capture:
        role, paths = "captures", [fixture_path("terminal", capture)]
    else:  # a descriptor without accessibility (the fixture TD-ACC-001's known-bad case once used)
        role, paths = "descriptors", [fixture_path("terminal", "acc-rules/missing.json")]
    verdict, evidence = _verdict(catalog, run_manifest, profile, requirement, role, paths)
    assert verdict == "not_applicable", evidence
