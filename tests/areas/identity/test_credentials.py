"""The verifiable credential schema and checks on their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.areas._shared.privacy import personal_identifiers
from conformance.areas.identity.credentials import incomparable_periods, subjects, validity_problems
from conformance.areas.identity.vcmodel import document_findings
from conformance.reference import SAMPLES
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "identity" / "fixtures"
VC = "https://metaverse-conformance.org/schemas/identity/verifiable-credential.json"
SAMPLE_FILES = sorted((SAMPLES / "credentials").glob("*.json"))


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_pass(catalog, path):
    credential = _load(path)
    assert not document_findings(credential)
    assert not validity_problems(credential)
    assert not personal_identifiers(credential)
    if "VerifiablePresentation" not in credential["type"]:
        assert all(s.get("identityCategory") for _, s in subjects(credential))


def test_samples_cover_both_versions():
    contexts = {_load(p)["@context"][0] for p in SAMPLE_FILES}
    assert contexts == {"https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2"}


def test_invalid_credential_is_located_precisely(catalog):
    pointers = {f.pointer for f in catalog.schemas.findings(_load(FIXTURES / "vc-invalid.json"), VC)}
    assert {"/type", "/issuer", "/validFrom", "/credentialStatus", "/credentialSchema", ""} <= pointers


@pytest.mark.parametrize(("start", "end", "ok"), [
    ("2026-01-01T08:00:00+08:00", "2026-01-01T00:00:00Z", True),   # the same instant
    ("2026-01-01T08:00:00+08:00", "2025-12-31T23:59:59Z", False),
    ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z", True),
])
def test_validity_period_compares_instants(start, end, ok):
    assert (validity_problems({"validFrom": start, "validUntil": end}) == []) is ok
    assert (validity_problems({"issuanceDate": start, "expirationDate": end}) == []) is ok


def test_dates_are_judged_by_each_versions_type():
    """VC 2.0's dateTimeStamp needs a time zone (without one it is the data model's finding, and ID-VC-002 reads
    it as UTC, VC 2.0 5.8: sixty-sixth reading b2); VC 1.1's xsd:dateTime does not, and two local times are ordered
    (XML Schema 1.1 D.2.3)."""
    from conformance.areas.identity.vcmodel import document_findings

    assert validity_problems({"validFrom": "2026-01-01T00:00:00", "validUntil": "2025-01-01T00:00:00"})
    assert validity_problems({"issuanceDate": "2026-01-01T00:00:00", "expirationDate": "2025-01-01T00:00:00"})
    # a local time and an instant: ordered where imputing +14:00 and -14:00 gives one order (XML Schema 1.1
    # Part 2 3.3.7.1), else incomparable and not judged (fiftieth reading bx1: before, never compared)
    assert validity_problems({"issuanceDate": "2026-01-01T00:00:00", "expirationDate": "2025-01-01T00:00:00Z"})
    near = {"issuanceDate": "2026-01-01T00:00:00", "expirationDate": "2025-12-31T20:00:00Z"}
    assert validity_problems(near) == []
    assert incomparable_periods(near) == [("issuanceDate", "expirationDate")]
    assert incomparable_periods({"issuanceDate": "2026-01-01T00:00:00", "expirationDate": "2026-01-02T00:00:01Z"}) == []
    v1 = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
          "issuer": "did:example:1", "issuanceDate": "2020-01-01T00:00:00",
          "credentialSubject": {"id": "did:example:2"}}
    assert [f for f in document_findings(v1) if f.extra.get("check") == "datetime"] == []
    for end_of_day in ("2019-03-26T24:00:00Z", "2019-03-26T24:00:00"):  # XML Schema 1.1 part 2, 3.3.7
        assert [f for f in document_findings({**v1, "issuanceDate": end_of_day})
                 if f.extra.get("check") == "datetime"] == []
    for bad in ("2020-01-01", "01/01/2020", "2020-01-01T00:00:00+25:00", "2019-03-26T24:00:01Z"):  # known-bad
        assert [f.pointer for f in document_findings({**v1, "issuanceDate": bad})
                 if f.extra.get("check") == "datetime"] == [
            "/issuanceDate"]
    v2 = {**v1, "@context": ["https://www.w3.org/ns/credentials/v2"], "validFrom": "2020-01-01T00:00:00"}
    del v2["issuanceDate"]
    assert [f.pointer for f in document_findings(v2) if f.extra.get("check") == "datetime"] == ["/validFrom"]


def test_v1_needs_issuance_date_and_v2_refuses_it(catalog):
    v1 = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": "VerifiableCredential",
          "issuer": "https://issuer.example.com", "credentialSubject": {"id": "did:example:1"}}
    assert {f.pointer for f in catalog.schemas.findings(v1, VC)} == {""}
    v2 = {**v1, "@context": ["https://www.w3.org/ns/credentials/v2"], "expirationDate": "2030-01-01T00:00:00Z"}
    assert {f.pointer for f in catalog.schemas.findings(v2, VC)} == {""}
    assert not catalog.schemas.findings({**v1, "issuanceDate": "2024-01-01T00:00:00Z"}, VC)


@pytest.mark.slow
def test_id_vc_002_is_not_applicable_when_no_credential_states_both_ends(catalog, run_manifest, tmp_path):
    """The statement's condition ("when a credential states both ends") never met: nothing to
    compare, so not applicable rather than a pass; one credential with both ends is judged."""
    from tests.conftest import manifest_for, verdicts

    one_end = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
               "issuer": "did:example:issuer", "validFrom": "2026-01-01T00:00:00Z",
               "credentialSubject": {"id": "did:example:subject"}}
    (tmp_path / "one-end.json").write_text(json.dumps(one_end), encoding="utf-8")
    manifest = manifest_for(catalog, "identity-credentials")
    manifest["targets"]["credentials"] = {"adapter": "file", "paths": [str(tmp_path / "one-end.json")]}
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-002"]))["ID-VC-002"] == "not_applicable"
    both = {**one_end, "validUntil": "2027-01-01T00:00:00Z"}
    (tmp_path / "one-end.json").write_text(json.dumps(both), encoding="utf-8")
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-002"]))["ID-VC-002"] == "pass"


@pytest.mark.slow
def test_id_vc_002_judges_the_credentials_a_presentation_embeds(catalog, run_manifest, tmp_path):
    """Issue 59: the statement is about "a credential"; before ID-VC-002 1.2 a credential embedded
    in a presentation was never compared, so an inverted period there passed (or was not applicable)."""
    from tests.conftest import manifest_for, verdicts

    inverted = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                "issuer": "did:example:issuer", "validFrom": "2027-01-01T00:00:00Z",
                "validUntil": "2026-01-01T00:00:00Z", "credentialSubject": {"id": "did:example:subject"}}
    presentation = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                    "verifiableCredential": [inverted]}
    (tmp_path / "vp.json").write_text(json.dumps(presentation), encoding="utf-8")
    manifest = manifest_for(catalog, "identity-credentials")
    manifest["targets"]["credentials"] = {"adapter": "file", "paths": [str(tmp_path / "vp.json")]}
    result = run_manifest(manifest, requirements=["ID-VC-002"])
    assert verdicts(result)["ID-VC-002"] == "fail"
    pointers = {e.get("pointer") for r in result.report.requirements for e in r.evidence if e.get("kind") == "finding"}
    assert "/verifiableCredential/0/validUntil" in pointers
