"""The fifty-eighth reading, part h114-vcdraft (docs/drafting.md, "Fifty-eighth reading, part h114-vcdraft"): ID-VC-003,
a normative (stable, 应) requirement, judged proofs by verification algorithms only drafts and W3C CCG reports define,
listed in the 参考文献 alone: normative references to drafts in substance, which GB/T 1.1-2020 does not allow (a4).
The stable requirement now keeps the cryptosuites of the W3C Recommendations; the others are ID-VC-008's, a candidate.
Each test fails on the draft as it was before (b894c882)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conformance.areas.identity import bip340, ldjws, proofs
from conformance.areas.identity.vcapi import issued_proof_problem

ROOT = Path(__file__).parents[2]

#: every proof type and cryptosuite the harness knows, by the standard that defines its verification (None: no
#: document the catalog cites; bbs-2023's W3C Data Integrity BBS Cryptosuites v1.0 is not a Recommendation)
DEFINED_BY = {
    "eddsa-rdfc-2022": "W3C Data Integrity EdDSA Cryptosuites v1.0",
    "eddsa-jcs-2022": "W3C Data Integrity EdDSA Cryptosuites v1.0",
    "ecdsa-rdfc-2019": "W3C Data Integrity ECDSA Cryptosuites v1.0",
    "ecdsa-jcs-2019": "W3C Data Integrity ECDSA Cryptosuites v1.0",
    "ecdsa-sd-2023": "W3C Data Integrity ECDSA Cryptosuites v1.0",
    "eddsa-2022": None,  # the name drafts of the EdDSA cryptosuites used before 2023
    "bbs-2023": None,
    "bip340-jcs-2025": "DCD Data Integrity BIP340 Cryptosuite v0.1",
    "bip340-rdfc-2025": "DCD Data Integrity BIP340 Cryptosuite v0.1",
    "Ed25519Signature2020": "W3C CCG Ed25519 Signature 2020",
    "EcdsaSecp256r1Signature2019": "W3C CCG Data Integrity ECDSA Cryptosuite v2019",
    "Ed25519Signature2018": "W3C CCG Ed25519 Signature 2018",
    "JsonWebSignature2020": "W3C CCG JSON Web Signature 2020",
    "EcdsaSecp256k1Signature2019": "W3C CCG EcdsaSecp256k1Signature2019",
    "BbsBlsSignature2020": "W3C CCG BBS+ Signatures 2020",
    "BbsBlsSignatureProof2020": "W3C CCG BBS+ Signatures 2020",
}


def _standards() -> dict[str, dict]:
    listed = yaml.safe_load((ROOT / "suites" / "standards.yaml").read_text(encoding="utf-8"))["standards"]
    return {s["name"]: s for s in listed}


def _published(name: str) -> bool:
    """Whether the proof type or cryptosuite is defined by a document clause 2 may cite (not ``normative: false``)."""
    reference = DEFINED_BY[name]
    return reference is not None and _standards()[reference].get("normative", True) is not False


def _requirements() -> list[dict]:
    return [r for f in sorted((ROOT / "suites").glob("*/requirements.yaml"))
            for r in yaml.safe_load(f.read_text(encoding="utf-8"))["requirements"]]


def test_a4_no_stable_statement_or_rule_names_a_suite_only_a_draft_defines():
    """The class: a stable requirement's statement and rules (both languages) name no proof type or cryptosuite whose
    only reference is a 参考文献 entry (a draft or a community group report), nor cite such an entry in its sources.
    The map covers every proof type and cryptosuite the harness knows."""
    known = {*proofs.SUITES, *proofs.LEGACY, *ldjws.JWS_LEGACY, *proofs.BBS_2020, *proofs.BBS, *bip340.SUITES,
             *proofs.DRAFT_SUITES}
    assert known <= set(DEFINED_BY), known - set(DEFINED_BY)
    standards = _standards()
    assert all(ref in standards for ref in DEFINED_BY.values() if ref), "a reference the catalog does not list"
    assert {n for n in DEFINED_BY if _published(n)} == set(proofs.SUITES)
    drafted = [n for n in DEFINED_BY if not _published(n)]
    informative = {name for name, s in _standards().items() if s.get("normative", True) is False}
    found = []
    for req in _requirements():
        if req.get("status") != "stable":
            continue
        texts = [req["statement"]["en"], req["statement"]["zh"]] + \
            [rule[lang] for rule in req.get("rules") or [] for lang in ("en", "zh")]
        for name in drafted:
            if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) for text in texts):
                found.append((req["id"], name))
        for ref in req["source"].get("standards") or []:
            if ref["name"] in {DEFINED_BY[n] for n in drafted} & informative:
                found.append((req["id"], ref["name"]))
    assert not found, found


def test_a4_the_checks_of_stable_requirements_judge_no_drafted_proof():
    """ID-VC-003's check judges only the proofs not of a drafted type or cryptosuite, ID-VC-008's only those; and
    ID-VCAPI-001 takes an issued proof only of a cryptosuite ID-VC-003 lists, none a draft defines."""
    for name in DEFINED_BY:
        proof = {"type": "DataIntegrityProof", "cryptosuite": name} if name[0].islower() else {"type": name}
        if name in proofs.DRAFTED_SUITES or name in proofs.DRAFTED_TYPES:
            assert proofs.drafted(proof) and not proofs.published(proof), name
            assert not _published(name), name
        accepted = issued_proof_problem({"type": "DataIntegrityProof", "cryptosuite": name}) is None
        assert accepted == _published(name), name


@pytest.fixture(scope="module")
def catalog_requirements() -> dict[str, dict]:
    return {r["id"]: r for r in _requirements()}


def test_a4_the_drafted_suites_are_a_candidate_with_a_known_bad_case_per_rule(catalog_requirements):
    candidate = next(r for r in catalog_requirements.values()
                     if r.get("status") == "candidate" and "bip340-jcs-2025" in r["statement"]["en"])
    assert candidate["id"] == "ID-VC-008"
    known_bad = yaml.safe_load((ROOT / "suites" / "identity" / "known_bad.yaml").read_text(encoding="utf-8"))
    named = {case.get("rule") for case in known_bad["ID-VC-008"]}
    assert named == {rule["id"] for rule in candidate["rules"]}
    stable = catalog_requirements["ID-VC-003"]
    assert stable["status"] == "stable" and [r["id"] for r in stable["rules"]] == ["R1", "R2", "R3"]
    assert {case.get("rule") for case in known_bad["ID-VC-003"]} == {"R1", "R2", "R3"}
    profile = yaml.safe_load((ROOT / "profiles" / "identity-credentials.yaml").read_text(encoding="utf-8"))
    assert {"ID-VC-003", "ID-VC-008"} <= set(profile["requirements"])


def test_a4_the_drafted_suites_render_only_in_annex_c(zh_markdown):
    """The stable case's test purpose (its statement) names none of them; the candidate is annex C's, no case."""
    heading = re.search(r"^### \d+\.\d+ ID.VC.003 凭证上的证明通过验证（应）$", zh_markdown, re.M)
    assert heading
    case = zh_markdown[heading.end():zh_markdown.index("\n### ", heading.end())]
    assert "测试目的" in case
    drafted = [n for n in DEFINED_BY if not _published(n) and n != "bbs-2023"]
    assert not [n for n in drafted if n in case], [n for n in drafted if n in case]
    assert "| ID\u2011VC\u2011008 | 草案所定义证明类型与密码套件的证明通过验证 | 候选 |" in zh_markdown
    assert not re.search(r"^### \d+\.\d+ ID\u2011VC\u2011008 ", zh_markdown, re.M)


def test_a4_the_note_says_which_entries_only_annex_c_cites(note_md):
    """三（五）: the entries of the drafts and CCG reports are named as cited only by annex C's drafts and candidates."""
    sentence = next(line for line in note_md.splitlines() if line.startswith("参考文献所列文件为下列要求提供"))
    apart = sentence[sentence.index("其中参考文献"):]
    listed = set(re.findall(r"\[(\d+)\]", apart.split("只为附录")[0]))
    assert "只为附录 C 所列的草案或候选要求所引，本文件的规范性要求不以其为依据" in apart
    uses = {n: u.replace("\u2011", "-") for n, u in re.findall(r"参考文献\[(\d+)\]（([^）]*)）", sentence)}
    # the drafts and CCG reports are the entries ID-VC-008, the candidate, cites; found by use, not by number, as new
    # entries renumber the 参考文献 (fifty-ninth reading: [91], [162] to [167] became [95], [168] to [173])
    drafts = [n for n, u in uses.items() if "ID-VC-008" in u]
    assert len(drafts) >= 7, drafts
    for number in drafts:
        assert number in listed and "ID-VC-003" not in uses[number], number
