"""The leftovers of the twenty-second reading of issue 76, part h (docs/drafting.md, "Leftovers of the twenty-second
reading, part h"): what parts a to g noticed and left. Each row's text is read in the rendered draft, both languages,
and where the text now promises a verdict the check is run, or its known-bad case looked for, to give it. Each test
fails on the draft and the checks as they were before these fixes."""

from __future__ import annotations

import ast
import base64
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conformance import Catalog
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "identity" / "fixtures"
VECTORS = ROOT / "tests" / "corpora" / "identity" / "proof-vectors"
_LABELS = {"zh": {"conditions": "前置条件", "steps": "测试步骤", "criteria": "判定准则"},
           "en": {"conditions": "Initial conditions", "steps": "Test procedure", "criteria": "Verdict criteria"}}
_LEAD = {"zh": ("通过：", "不通过：", "不适用：", "不确定："),
         "en": ("Pass:", "Fail:", "Not applicable:", "Inconclusive:")}


def _part(markdown: str, rid: str, lang: str, part: str) -> str:
    return _row(_cases(markdown)[rid], _LABELS[lang][part])


def _verdict(markdown: str, rid: str, lang: str, which: int) -> str:
    """One verdict line of a case (0 pass, 1 fail, 2 not applicable, 3 inconclusive)."""
    lines = [line for line in _part(markdown, rid, lang, "criteria").split("<br>")
             if line.startswith(_LEAD[lang][which])]
    assert len(lines) == 1, (rid, lang)
    return lines[0]


def _step(markdown: str, rid: str, lang: str, number: int) -> str:
    return next(s for s in _part(markdown, rid, lang, "steps").split("<br>") if s.startswith(f"{number}. "))


@pytest.fixture(scope="module")
def drafts(zh_markdown: str, en_markdown: str) -> dict[str, str]:
    return {"zh": zh_markdown, "en": en_markdown}


# ---- 1: ID-VC-003 and ID-VC-007 pass only when each proof or envelope verifies (as part d decided for ID-VC-004)

@pytest.mark.parametrize("rid", ["ID-VC-003", "ID-VC-007"])
def test_each_proof_or_envelope_must_verify_for_the_case_to_pass(drafts, rid):
    """The pass lines read 「……且至少有一个证明（封装）得以验证」: one verified proof passed a set beside another
    whose key was not given."""
    words = {"zh": ("每个", "至少有一个", "离线"), "en": ("every", "at least one", "offline")}
    for lang, (each, one, offline) in words.items():
        passes = _verdict(drafts[lang], rid, lang, 0)
        assert each in passes.lower() and one not in _part(drafts[lang], rid, lang, "criteria").lower(), (rid, lang)
        assert offline in _verdict(drafts[lang], rid, lang, 3), (rid, lang)


def test_id_vc_003_looks_up_keys_offline(drafts):
    assert "不从网络获取" in _step(drafts["zh"], "ID-VC-003", "zh", 3)
    assert "fetching nothing from the network" in _step(drafts["en"], "ID-VC-003", "en", 3)


def _vector_with_unknown_key(folder: Path) -> Path:
    """The W3C eddsa-rdfc-2022 vector with its proof's method a did:web DID whose document the run is not given."""
    data = json.loads((VECTORS / "eddsa-rdfc-2022.json").read_text(encoding="utf-8"))
    data["proof"]["verificationMethod"] = "did:web:issuer.example#key-1"
    path = folder / "vc-unknown-key.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _record(result, rid: str):
    (record,) = [r for r in result.report.requirements if r.requirement == rid]
    return record


def test_a_proof_whose_key_is_not_given_leaves_id_vc_003_inconclusive_beside_one_that_verifies(
        catalog: Catalog, run_manifest, tmp_path):
    good = tmp_path / "vc-good.json"
    shutil.copy(VECTORS / "eddsa-rdfc-2022.json", good)
    manifest = manifest_for(catalog, "identity-credentials", files={"credentials": [str(good)]})
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-003"]))["ID-VC-003"] == "pass"
    manifest["targets"]["credentials"]["paths"].append(str(_vector_with_unknown_key(tmp_path)))
    result = run_manifest(manifest, requirements=["ID-VC-003"])
    assert verdicts(result)["ID-VC-003"] == "inconclusive"
    assert "1 of the 2 proof(s) could not be verified offline" in _record(result, "ID-VC-003").message


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_an_envelope_whose_key_is_not_given_leaves_id_vc_007_inconclusive_beside_one_that_verifies(
        catalog: Catalog, run_manifest, tmp_path):
    presentation = json.loads((FIXTURES / "vp-enveloped-signed-and-tampered.json").read_text(encoding="utf-8"))
    signed = presentation["verifiableCredential"][0]
    presentation["verifiableCredential"] = [signed]
    good = tmp_path / "vp-good.json"
    good.write_text(json.dumps(presentation), encoding="utf-8")
    manifest = manifest_for(catalog, "identity-credentials", files={"credentials": [str(good)]})
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-007"]))["ID-VC-007"] == "pass"
    head, body, signature = signed["id"].partition(",")[2].split(".")
    header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    header["kid"] = "did:web:issuer.example#key-1"
    unknown = {**signed, "id": f"data:application/vc+jwt,{_b64url(json.dumps(header).encode())}.{body}.{signature}"}
    presentation["verifiableCredential"] = [signed, unknown]
    good.write_text(json.dumps(presentation), encoding="utf-8")
    result = run_manifest(manifest, requirements=["ID-VC-007"])
    assert verdicts(result)["ID-VC-007"] == "inconclusive"
    assert "1 of the 2 envelope(s) could not be verified offline" in _record(result, "ID-VC-007").message


def test_an_envelope_that_verifies_does_not_vouch_for_an_altered_one():
    """ID-VC-007's known-bad case: the credential as signed beside the altered copy fails R1
    (tests/e2e/test_known_bad.py runs it)."""
    known_bad = yaml.safe_load((ROOT / "suites" / "identity" / "known_bad.yaml").read_text(encoding="utf-8"))
    cases = [c for c in known_bad["ID-VC-007"]
             if c.get("files", {}).get("credentials") == ["vp-enveloped-signed-and-tampered.json"]]
    assert [c["rule"] for c in cases] == ["R1"]


# ---- 2: IF-TLS-001's 前置条件 name the optional trust-anchor file

def test_the_tls_case_names_the_trust_anchor_file_it_may_be_given(drafts):
    zh = _part(drafts["zh"], "IF-TLS-001", "zh", "conditions")
    # not optional since the twenty-fourth reading, row 8: the case cannot pass without it
    assert "目标 `api` 的信任锚文件 `ca_bundle`（PEM，RFC 7468）" in zh
    en = _part(drafts["en"], "IF-TLS-001", "en", "conditions")
    assert "the trust-anchor file `ca_bundle` of target `api` (PEM, RFC 7468)" in en


# ---- 3: IF-MOD-001 step 4 writes the listing request whole

def test_the_moderation_case_writes_the_listing_request_whole(drafts):
    assert "`GET /assets?owner={A 的 DID}`" in _step(drafts["zh"], "IF-MOD-001", "zh", 4)
    assert "`GET /assets?owner={A's DID}`" in _step(drafts["en"], "IF-MOD-001", "en", 4)


# ---- 4: a discovery document without a reporting endpoint fails the cases that file reports

_REPORTING = {"IF-REPORT-001": "R1", "IF-CODE-001": "R2", "IF-MOD-002": "R1", "IF-CODE-010": "R1"}


@pytest.mark.parametrize("rid", sorted(_REPORTING))
def test_a_missing_reporting_endpoint_fails_the_cases_that_file_reports(drafts, rid):
    """IF-CODE-010 and IF-CODE-001 judged it 不确定, IF-MOD-002 and IF-REPORT-001 did not say (their checks:
    inconclusive, or a failure under no rule), while a missing `sessions.join` fails (part e, row 9)."""
    for lang in ("zh", "en"):
        fail, unsure = _verdict(drafts[lang], rid, lang, 1), _verdict(drafts[lang], rid, lang, 3)
        assert "`reporting.endpoint`" in fail, (rid, lang)
        assert "举报端点" not in unsure and "reporting endpoint" not in unsure, (rid, lang)
        step = _step(drafts[lang], rid, lang, 1)
        # IF-MOD-002's step says why after the rule (sixty-ninth reading, h133-text): 「（规则 R1：……）」
        assert re.search(rf"“不通过”（规则 {_REPORTING[rid]}[）：]" if lang == "zh"
                         else rf'"fail" \(rule {_REPORTING[rid]}[),]', step), (rid, lang)


def test_each_reporting_case_has_a_known_bad_case_without_the_endpoint():
    known_bad = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    for rid, rule in _REPORTING.items():
        cases = [c for c in known_bad[rid] if "discovery-no-reporting-endpoint" in c.get("defects", [])]
        assert [c.get("rule") for c in cases] == [rule], rid


# ---- 5: TD-GAZE-001: a frame without flags is judged (valid and tracked, as annex E gives it since the forty-eighth
# reading, part h100-flags), not a reason for 不适用

def test_a_gaze_frame_without_flags_is_judged_as_the_capture_format_reads_it(drafts):
    for lang, absent in (("zh", "不带 `flags` 的帧按附录 E 视为朝向与位置均有效且已跟踪"),
                         ("en", "a frame without `flags` is, by annex E, valid and tracked in orientation and position")):
        assert absent in _step(drafts[lang], "TD-GAZE-001", lang, 2), lang
        # the line says such frames are judged, not that they make the case not applicable
        na = _verdict(drafts[lang], "TD-GAZE-001", lang, 2)
        assert "均不带" not in na and "carries flags" not in na and "carries `flags`" not in na, lang
    assert _verdict(drafts["zh"], "TD-GAZE-001", "zh", 2) == "不适用：无（声明本测试配置的被测对象均适用本要求）。"
    assert "不带 `flags` 的帧按第 2 步视为两位均置位" in _verdict(drafts["zh"], "TD-GAZE-001", "zh", 0)
    assert "a frame without `flags` has both set" in _verdict(drafts["en"], "TD-GAZE-001", "en", 0)


def test_a_capture_whose_gaze_frames_carry_no_flags_meets_the_rule():
    """What the check does, which the text says: absent flags read as all four bits, both tracked bits set."""
    import numpy as np

    from conformance.areas.terminal.poses import ORIENTATION_TRACKED, POSITION_TRACKED, flags_column

    class Frame:
        flags = None

    class Chunk:
        frames = [Frame(), Frame()]

        def __len__(self) -> int:
            return 2

    flags = flags_column(Chunk())
    assert np.all((flags & ORIENTATION_TRACKED) != 0) and np.all((flags & POSITION_TRACKED) != 0)


# ---- 6: TD-HAND-004's docstring states R2 as the rule does

def test_the_gesture_checks_docstring_states_r2_as_the_rule_does():
    tree = ast.parse((ROOT / "suites" / "terminal" / "test_hand.py").read_text(encoding="utf-8"))
    doc = next(ast.get_docstring(f) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
               and f.name == "test_recognised_gestures_answer_the_cued_gestures")
    assert "more than guessing" not in doc
    r2 = "at least the fewest that guessing among the vocabulary's gestures reaches with a probability of at most 5 %"
    assert r2 in " ".join(doc.split())


# ---- 7: the 编制说明 names the certification plan or the manifest

def test_the_explanatory_note_names_both_ways_of_tightening(note_md: str, note_md_en: str):
    assert "认证计划或声明文件只可在本文件规定的范围内将判定阈值改严" in note_md
    assert "a certification plan or the manifest can only make a pass threshold stricter" in note_md_en


# ---- 8: annex A writes a permission with 可

def test_annex_a_writes_the_longest_rest_interval_as_a_permission_with_ke(drafts):
    assert "设备可声明的最长休息提醒间隔" in drafts["zh"] and "设备能声明" not in drafts["zh"]


# ---- 9: the code comments name the number by GB 11643's term

@pytest.mark.parametrize("path", ["src/conformance/areas/_shared/privacy.py",
                                  "src/conformance/areas/terminal/biometric.py"])
def test_the_comments_name_the_citizen_identification_number(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert "resident identity" not in text and "citizen identification number" in text


# ---- 10: a case names the laboratory records or the DID documents only when it reads them

_LAB_RECORDS = {"zh": "测试实验室对测量类采集文件的签名记录", "en": "The test laboratory's signed records"}
_DID_DOCUMENTS = {"zh": "签发者的 DID 文档", "en": "DID documents"}


def test_only_measured_cases_name_the_laboratory_records(catalog: Catalog, drafts):
    """The run reads the laboratory records for a requirement of ``measures: instrument`` only
    (conformance._run.laboratory); 31 terminal cases of other kinds named them."""
    for lang, markdown in drafts.items():
        for rid, case in _cases(markdown).items():
            if rid.startswith("TD-") and _LAB_RECORDS[lang].lower() in _row(case, _LABELS[lang]["conditions"]).lower():
                assert catalog.requirement(rid).measures == "instrument", (rid, lang)


@pytest.mark.parametrize("rid,reads", [("ID-VC-001", False), ("ID-VC-002", False), ("ID-VP-001", False),
                                       ("ID-CAT-001", False), ("ID-VC-003", True), ("ID-VC-004", True),
                                       ("ID-VC-006", True), ("ID-VC-007", True)])
def test_a_credential_case_names_the_did_documents_only_when_it_reads_them(drafts, rid, reads):
    """The data-model cases read the credentials only; the signature cases look keys up in the DID documents."""
    for lang in ("zh", "en"):
        assert (_DID_DOCUMENTS[lang] in _part(drafts[lang], rid, lang, "conditions")) is reads, (rid, lang)
