"""The seventy-eighth reading of issue 76, part h144-ident.

b1: ID-RES-003's check fails a DID resolution result under R1 on its media type, accepting
``application/did-resolution`` or the earlier drafts' ``application/ld+json`` with the did-resolution profile; R1,
step 2, the expected result and the fail line named no media type, and annex D's table D.3 gave ``resolveDid``'s
200 the first alone. The class: every media type the check accepts is named by R1 and step 2 in both languages and
by the contract's answer annex D prints.

b2: ID-MFA-001's R2 (and ID-MFA-003's R6, the same rule for the device case) says the key proof alone for an
``acr: "high"`` challenge is answered with ``mfa_required`` and an ``mfa_token`` and no token; the check failed only a
token with ``acr`` ``high`` and never read ``mfa_required``. Both now judge the answer as the contract's schema of
``submitProof`` gives it, each new defect with its known-bad case; ID-MFA-002, whose login is a set-up, still judges
a login that completes.

Fails on 3e4124910."""

from __future__ import annotations

import importlib.util
import re

import pytest
import yaml

from conformance.reference.identity.auth import DEFECTS
from tests.areas.failing_query import verdicts
from tests.conftest import manifest_for
from tests.drafting.test_reading_fiftyfifth_cases55 import ROOT, _case, _known_bad, _line

_spec = importlib.util.spec_from_file_location("suite_resolution_h144", ROOT / "suites/identity/test_resolution.py")
resolution = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resolution)

#: the media types the check takes for a resolution result, as a header reads (one each kind it accepts)
ACCEPTED = ("application/did-resolution", f'application/ld+json;profile="{resolution.RESOLUTION_PROFILE}"')
#: the defects this part planted, each a new way of failing the rule of the key-alone high login
NEW_DEFECTS = ("mfa-required-omitted", "mfa-token-beside-low")
#: the requirement and rule judging the answer to the key proof alone for an acr high challenge
KEY_ALONE_RULES = {"ID-MFA-001": "R2", "ID-MFA-003": "R6"}


def _requirement(rid: str) -> dict:
    data = yaml.safe_load((ROOT / "suites" / "identity" / "requirements.yaml").read_text(encoding="utf-8"))
    (req,) = [r for r in data["requirements"] if r["id"] == rid]
    return req


def _rule(rid: str, rule: str, lang: str) -> str:
    return next(r[lang] for r in _requirement(rid)["rules"] if r["id"] == rule)


def _contract() -> dict:
    return yaml.safe_load((ROOT / "schemas" / "interfaces" / "platform.openapi.yaml").read_text(encoding="utf-8"))


def test_b1_every_media_type_the_check_accepts_is_one_it_does():
    for media in ACCEPTED:
        assert resolution.resolution_media_type(media), media


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_b1_rule_and_step_name_each_accepted_media_type(lang, zh_markdown, en_markdown):
    """Before: R1 and step 2 named only the Accept header, and no media type of the answer."""
    case = _case(zh_markdown if lang == "zh" else en_markdown, "ID-RES-003")
    steps = _line(case, "测试步骤" if lang == "zh" else "Test procedure")
    step_two = steps[steps.index("2. "):steps.index("3. ")]
    rule = _rule("ID-RES-003", "R1", lang)
    for media in ACCEPTED:
        kind, _, profile = media.partition(";profile=")
        assert media in step_two, (lang, media)
        assert f"`{kind}`" in rule and (not profile or profile.strip('"') in rule), (lang, media)
    assert ("W3C DID 解析" if lang == "zh" else "W3C DID Resolution") in rule


def test_b1_annex_d_prints_every_accepted_media_type_for_resolve_did(zh_markdown):
    """Before: the contract's 200 of resolveDid, and table D.3's row, gave `application/did-resolution` alone."""
    content = _contract()["paths"]["/1.0/identifiers/{did}"]["get"]["responses"]["200"]["content"]
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `GET /1.0/identifiers/{did}` |"))
    success = row[row.index("成功响应"):row.index("其他响应")]
    for media in ACCEPTED:
        assert media in content, media
        assert content[media]["schema"]["$ref"].endswith("/identity/did-resolution-result.json"), media
        assert f"`{media}`" in success, media


def test_b2_each_rule_of_the_key_alone_login_names_mfa_required_true_and_no_token_of_any_acr():
    for rid, rule in KEY_ALONE_RULES.items():
        en, zh = _rule(rid, rule, "en"), _rule(rid, rule, "zh")
        assert "`mfa_required` as `true`" in en and "of whatever `acr`" in en, (rid, en)
        assert "值为 `true` 的 `mfa_required`" in zh and "无论其 `acr`" in zh, (rid, zh)


def test_b2_the_contract_demands_what_the_rules_say():
    answer = _contract()["paths"]["/1.0/auth/proofs"]["post"]["responses"]["200"]["content"]["application/json"]
    (demand,) = [s for s in answer["schema"]["oneOf"] if "required" in s]
    assert set(demand["required"]) == {"mfa_required", "mfa_token"} and demand["properties"]["mfa_required"] == {
        "const": True}


def test_b2_each_new_defect_fails_each_rule_by_a_known_bad_case():
    """Before: neither defect existed, and a reference planting either passed ID-MFA-001 and ID-MFA-003."""
    for defect in NEW_DEFECTS:
        assert defect in DEFECTS
        for rid, rule in KEY_ALONE_RULES.items():
            assert any(bad["rule"] == rule and bad.get("defects") == [defect] for bad in _known_bad("identity", rid)), (
                rid, defect)


@pytest.mark.slow
@pytest.mark.parametrize("defect", NEW_DEFECTS)
def test_b2_the_set_up_login_of_id_mfa_002_still_completes(defect, serve_reference, run_manifest, catalog):
    """ID-MFA-002 is inconclusive only when the two-factor login cannot be completed; these answers complete it."""
    url = serve_reference(defects=[defect], tls=True)
    cases = ["ID-MFA-001", "ID-MFA-002", "ID-MFA-003"]
    result = run_manifest(manifest_for(catalog, "identity-auth", base_urls={"api": url}), requirements=cases)
    assert verdicts(result, cases) == {"ID-MFA-001": "fail", "ID-MFA-002": "pass", "ID-MFA-003": "fail"}


def test_b2_steps_say_what_the_check_reads(zh_markdown):
    for rid, rule in KEY_ALONE_RULES.items():
        steps = _line(_case(zh_markdown, rid), "测试步骤")
        step = next(s for s in re.split(r"<br>", steps) if f"（规则 {rule}）" in s and "mfa_required" in s)
        assert "值为 `true` 的 `mfa_required`" in step and "无论其 `acr`" in step, (rid, step)
