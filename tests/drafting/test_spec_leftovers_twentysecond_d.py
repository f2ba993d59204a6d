"""The leftovers of the twenty-second reading of issue 76, part d (docs/drafting.md, "Leftovers of the twenty-second
reading, part d"), and row 10 of the twenty-first: identity and transport security. Each row's text is read in the
rendered draft, both languages, and where the text now promises a verdict the check is run to give it. Each test
fails on the draft and the checks as they were before these fixes."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import httpx
import pytest

from conformance import Catalog, Inconclusive
from conformance._record.evidence import Evidence
from conformance.areas.identity import envelopes, jose, proofs
from conformance.areas.identity.requestbodies import issue_requests
from conformance.areas.identity.vcapi import issued_proof_problem
from conformance.areas.interfaces.tls import judge
from conformance.reference import create_app, serve
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "identity" / "fixtures"
#: the rows of a test case, by language: purpose, procedure, expected result, criteria
LABELS = {"zh": ("测试目的", "测试步骤", "预期结果", "判定准则"),
          "en": ("Test purpose", "Test procedure", "Expected result", "Verdict criteria")}
ALGS = ("`EdDSA`", "`Ed25519`", "`ES256`", "`ES384`", "`ES256K`", "`PS256`", "`RS256`")


def _case(markdown: str, requirement: str, lang: str) -> dict[str, str]:
    case = _cases(markdown)[requirement]
    rows = (_row(case, label) for label in LABELS[lang])
    return dict(zip(("purpose", "steps", "expected", "criteria"), rows, strict=True))


def _line(criteria: str, lead: str) -> str:
    """The criteria line that starts with ``lead`` (「通过：」, "Inconclusive:")."""
    return next((part for part in criteria.split("<br>") if part.startswith(lead)), "")


def _rule(purpose: str, rule: str) -> str:
    return next((part for part in purpose.split("<br>") if re.match(rf"{rule}[：:]", part)), "")


@pytest.fixture(scope="module")
def drafts(zh_markdown: str, en_markdown: str) -> dict[str, str]:
    return {"zh": zh_markdown, "en": en_markdown}


# ---- twenty-first reading, row 10: ID-VC-004's R4 holds of each JWT

def test_id_vc_004_passes_only_when_each_jwt_verifies(drafts):
    """The pass line read 「至少有一个 JWT 的签名得以验证并通过（R4）」 beside R4's 「VC 1.1 JWT 的签名应能用……验证」:
    one JWT that verified passed the set, another unjudged beside it (2.1: each)."""
    words = {"zh": ("每个", "至少有一个", "离线"), "en": ("each", "at least one", "offline")}
    for lang, (each, one, offline) in words.items():
        case = _case(drafts[lang], "ID-VC-004", lang)
        lead = ("通过：", "不确定：") if lang == "zh" else ("Pass:", "Inconclusive:")
        assert each in _line(case["criteria"], lead[0]).lower() and one not in case["criteria"].lower()
        assert each in _rule(case["purpose"], "R4").lower()
        assert offline in _line(case["criteria"], lead[1]) and offline in case["steps"]


def _unresolvable_jwt(folder: Path) -> Path:
    """vc-jwt.jwt with its header's kid a did:web DID whose document the test is not given."""
    head, body, _ = (FIXTURES / "vc-jwt.jwt").read_text(encoding="utf-8").strip().split(".")
    header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    header["kid"] = "did:web:issuer.example#key-1"
    encoded = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    path = folder / "vc-jwt-unresolvable.jwt"
    path.write_text(f"{encoded}.{body}.{'A' * 86}\n", encoding="utf-8")
    return path


def test_a_jwt_whose_key_is_not_given_leaves_id_vc_004_inconclusive_beside_one_that_verifies(
        catalog: Catalog, run_manifest, tmp_path):
    good = tmp_path / "vc-jwt.jwt"
    shutil.copy(FIXTURES / "vc-jwt.jwt", good)
    manifest = manifest_for(catalog, "identity-credentials", files={"credentials": [str(good)]})
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-004"]))["ID-VC-004"] == "pass"
    manifest["targets"]["credentials"]["paths"].append(str(_unresolvable_jwt(tmp_path)))
    result = run_manifest(manifest, requirements=["ID-VC-004"])
    assert verdicts(result)["ID-VC-004"] == "inconclusive"
    (record,) = [r for r in result.report.requirements if r.requirement == "ID-VC-004"]
    assert "1 of the 2 JWT signature(s) could not be checked offline" in record.message  # the check's own verdict


# ---- row 26: ID-VC-007's algorithms in statement, R1, step 2 and the fail line

def test_id_vc_007_states_one_list_of_algorithms_everywhere(drafts):
    for lang in ("zh", "en"):
        case = _case(drafts[lang], "ID-VC-007", lang)
        statement = case["purpose"].split("<br>")[0]
        assert all(alg in statement for alg in ALGS), lang  # Ed25519 and RS256 marked as code too
        assert all(alg in _rule(case["purpose"], "R1") for alg in ALGS), lang
        step = next(s for s in case["steps"].split("<br>") if s.startswith("2."))
        assert all(alg in step for alg in ALGS), lang
        fail = _line(case["criteria"], "不通过：" if lang == "zh" else "Fail:")
        assert ("算法不在 R1 所列之中" if lang == "zh" else "algorithm is not one R1 lists") in fail


def test_an_envelope_of_an_unlisted_algorithm_fails_and_one_without_alg_is_not_judged():
    data = json.loads((FIXTURES / "vp-enveloped-hs256.json").read_text(encoding="utf-8"))
    url = data["verifiableCredential"][0]["id"]
    outcome, why = envelopes.verify_enveloped(url, proofs.offline_resolver())
    assert outcome == proofs.FAILED and "HS256" in str(why)
    # the same JWS without alg: nothing to judge it by (the criteria's 不确定), not a failure
    head, body, signature = url.partition(",")[2].split(".")
    header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    del header["alg"]
    bare = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    assert jose.verify_jose(f"{bare}.{body}.{signature}", proofs.offline_resolver(), proofs.FAILED)[0] \
        == proofs.NOT_VERIFIED
    # ID-VC-004 keeps its own reading of the JWS algorithms: the default outcome is unchanged
    assert jose.verify_jose(url.partition(",")[2], proofs.offline_resolver())[0] == proofs.NOT_VERIFIED


# ---- rows 27 and 28: ID-VCAPI-001's unlisted cryptosuite, its issuer and options from the IXIT

def test_id_vcapi_001_fails_an_unlisted_cryptosuite(drafts):
    assert issued_proof_problem({"type": "DataIntegrityProof", "cryptosuite": "bbs-2023"})[0] == "fail"
    for lang, (fail, unsure, words) in {"zh": ("不通过：", "不确定：", "不在 ID‑VC‑003 所列之中"),
                                        "en": ("Fail:", "Inconclusive:", "not one ID‑VC‑003 lists")}.items():
        criteria = _case(drafts[lang], "ID-VCAPI-001", lang)["criteria"]
        assert words in _line(criteria, fail).replace("-", "‑")
        assert "密码套件" not in _line(criteria, unsure) and "cryptosuite" not in _line(criteria, unsure)


def test_id_vcapi_001_sends_the_issuer_and_options_the_ixit_gives(drafts):
    for lang in ("zh", "en"):
        case = _case(drafts[lang], "ID-VCAPI-001", lang)
        statement, step = case["purpose"].split("<br>")[0], case["steps"].split("<br>")[0]
        assert "测试配置指定签发者" not in statement and "profile's issuer" not in statement
        named = "IXIT 给出签发者（配置项 `issuer`）" if lang == "zh" else "the IXIT gives, setting `issuer`"
        assert named in statement
        assert '"options": {}' not in step
        for member, setting in (("proofType", "proof_type"), ("cryptosuite", "cryptosuite"),
                                ("verificationMethod", "verification_method")):
            assert f"`{member}`" in step and f"`{setting}`" in step, (lang, member)
    # what step 1 says is what the check sends
    (request,) = issue_requests("did:example:holder", "did:example:issuer", "DataIntegrityProof", "eddsa-jcs-2022",
                                None)
    assert request["options"] == {"proofType": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}
    assert request["credential"]["issuer"] == "did:example:issuer"


# ---- rows 37 and 41: ID-MFA-003's dated reference and its amr

def test_id_mfa_003_cites_webauthn_level_2_dated_in_both_languages(drafts):
    zh = _case(drafts["zh"], "ID-MFA-003", "zh")["purpose"]
    en = _case(drafts["en"], "ID-MFA-003", "en")["purpose"]
    assert "W3C Web Authentication Level 2（2021-04-08）" in zh  # clause 2's name (thirty-seventh reading, b4)
    assert en.count("Web Authentication Level 2 (2021-04-08)") == 1 and "(2021-04-08) (2021-04-08)" not in en


def test_id_mfa_003_statement_and_expected_result_name_the_amr_r2_asks_for(drafts):
    for lang in ("zh", "en"):
        case = _case(drafts[lang], "ID-MFA-003", lang)
        for text in (case["purpose"].split("<br>")[0], case["expected"], _rule(case["purpose"], "R2")):
            assert all(value in text for value in ("`hwk`", "`pop`", "`swk`")), (lang, text[:80])


# ---- rows 54 and 55: IF-TLS-001's trust anchors and its cipher suites

def _ixit_table(markdown: str, title: str, lang: str) -> str:
    """The IXIT table of a profile in annex A: its lines from its title to the blank line after it."""
    at = markdown.index(f"{title}的 IXIT\n" if lang == "zh" else f"IXIT of {title}\n")
    return markdown[at:markdown.index("\n\n", markdown.index("|", at))]


def test_if_tls_001_trust_anchors_are_an_ixit_item_and_no_system_store(catalog: Catalog, drafts):
    readers = [p for p in catalog.profiles.values() if "IF-TLS-001" in p.all_requirements()]
    assert len(readers) >= 2
    for lang, item in (("zh", "信任锚文件 `ca_bundle`（PEM，RFC 7468）"), ("en", "Trust-anchor file `ca_bundle`")):
        for profile in readers:
            assert item in _ixit_table(drafts[lang], profile.title.get(lang), lang), (lang, profile.id)
        case = _case(drafts[lang], "IF-TLS-001", lang)
        assert "系统信任库" not in drafts[lang] and "system store" not in drafts[lang]
        assert "IXIT" in _rule(case["purpose"], "R6") and "`ca_bundle`" in _rule(case["purpose"], "R6")
        assert "`ca_bundle`" in _line(case["criteria"], "不确定：" if lang == "zh" else "Inconclusive:")


def test_without_trust_anchors_if_tls_001_is_inconclusive_not_failed():
    with serve(create_app(), tls=True) as url:
        parsed = httpx.URL(url)
        judged = judge(parsed.host, parsed.port, None)
    assert judged.findings == [] and "no-anchors" in judged.notes
    import importlib.util

    spec = importlib.util.spec_from_file_location("transport_22d", ROOT / "suites" / "interfaces" / "test_transport.py")
    transport = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(transport)

    class Api:
        role, timeout_s, ca_bundle = "api", 5.0, None

        def __init__(self, base: str) -> None:
            self.base_url = httpx.URL(base)

        def get(self, path: str, **kwargs):
            return type("Answer", (), {"status": 404})()

    with serve(create_app(), tls=True) as url, pytest.raises(Inconclusive):
        transport.test_interface_uses_tls({"api": Api(url)}, Evidence())


def test_if_tls_001_r4_says_which_refusals_rfc_9325_forbids_and_which_are_its_own(drafts):
    """RFC 9325 4.1 (as RFC 7525 4.1 before it): MUST NOT NULL, RC4 and under 112 bits (export, single DES);
    SHOULD NOT under 128 bits, where 3DES (112 bits) falls. Refusing 3DES is the document's own choice."""
    words = {"zh": ("。", "，而", "本文件自行要求", "单 DES"),
             "en": (". ", ", and refusing", "this document's own choice", "single DES")}
    for lang, (stop, turn, own, single) in words.items():
        r4 = _rule(_case(drafts[lang], "IF-TLS-001", lang)["purpose"], "R4")
        forbids, _, choice = r4.split(stop)[1].partition(turn)
        assert "RFC 9325" in forbids and single in forbids and "112" in forbids and "3DES" not in forbids, lang
        assert "3DES" in choice and "128" in choice and own in choice, lang
