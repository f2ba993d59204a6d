"""The privacy checks on their own: what counts as a personal identifier, and what does not."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._record.findings import Finding
from conformance.areas._shared import privacy as shared
from conformance.areas.identity import privacy
from conformance.reference import SAMPLES
from tests.conftest import fixture_path


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", "110105199003071239",
                                    "440304198512120023"])
def test_valid_identity_numbers(number):
    assert shared.is_prc_id_number(number)


@pytest.mark.parametrize("number", [
    "11010519491231002Y", "110105194912310021",  # wrong check character
    "11010519491331002X",                        # no 13th month (checksum recomputed below)
    "01010519491231002X", "1101051949123100", "11010519491231002XX",
])
def test_invalid_identity_numbers(number):
    if number == "11010519491331002X":
        number = number[:17] + shared.check_character(number[:17])  # valid checksum, bad date
    assert not shared.is_prc_id_number(number)


@given(st.from_regex(r"[1-9][0-9]{5}(19[0-9]{2}|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
                     fullmatch=True))
@settings(max_examples=50)
def test_any_identity_number_with_its_check_character_is_found(first17):
    number = first17 + shared.check_character(first17)
    assert shared.is_prc_id_number(number)
    assert shared.personal_identifiers({"note": f"ID {number}."}) == [
        Finding("the value contains a PRC citizen identification number (valid GB 11643 checksum)", pointer="/note")]
    wrong = next(c for c in "0123456789X" if c != number[17])
    assert not shared.is_prc_id_number(first17 + wrong)


@pytest.mark.parametrize(("text", "kind"), [
    ("call 13800138000", "a phone number"),
    ("+86 138 0013 8000", "a phone number"),
    ("tel:+1-201-555-0123", "a phone number"),
    ("+44 20 7946 0958", "a phone number"),
    ("mailto:li.lei@example.com", "an e-mail address"),
    ("contact: a.b+c@mail.example.cn", "an e-mail address"),
])
def test_phone_numbers_and_emails_are_found(text, kind):
    assert kind in shared.identifiers_in_text(text)


@pytest.mark.parametrize("text", [
    "did:key:z6MksZr5HP91WbEyz5pRB6aQxce4jhCUeGMuXUBuAqvngGog",
    "did:web:platform.example.com%3A8443:users:alice",
    "https://platform.example.com:8443/users/alice@home",  # userinfo-like path, no TLD after @
    "2024-01-01T00:00:00Z", "sha256-3f1a0b9c13800138000c", "version 13800138000123",
])
def test_ordinary_identity_strings_are_not_flagged(text):
    assert shared.identifiers_in_text(text) == []


def test_biometric_templates_are_found_by_name_keys_by_kid_are_not():
    document = {"faceTemplate": "AAEC", "x": {"fingerprintMinutiae": [1, 2]}, "keyFingerprint": "ab:cd"}
    assert [f.pointer for f in shared.personal_identifiers(document)] == ["/faceTemplate", "/x/fingerprintMinutiae"]


def test_samples_are_clean_and_fixtures_are_not():
    for path in (SAMPLES / "did_documents").glob("*.json"):
        assert shared.personal_identifiers(json.loads(path.read_text(encoding="utf-8"))) == [], path.name
    biometric = json.loads(fixture_path("identity", "did-doc-personal-id-biometric.json").read_text(encoding="utf-8"))
    assert {f.pointer for f in shared.personal_identifiers(biometric)} == {
        "/realNameBinding/idNumber", "/faceTemplate"}
    contact = json.loads(fixture_path("identity", "did-doc-phone-email.json").read_text(encoding="utf-8"))
    assert {f.pointer for f in shared.personal_identifiers(contact)} == {
        "/service/0/serviceEndpoint", "/service/1/serviceEndpoint/phone"}


def test_findings_never_echo_the_value():
    document = {"n": "11010519491231002X", "e": "li@example.com"}
    assert all("1101" not in f.message and "li@" not in f.message for f in shared.personal_identifiers(document))


def test_private_key_material_anywhere():
    body = {"didResolutionMetadata": {"privateKeyMultibase": "z..."}, "a": [{"kty": "EC", "d": "x"}]}
    assert {f.pointer for f in privacy.private_key_material(body)} == {
        "/didResolutionMetadata/privateKeyMultibase", "/a/0/d"}


@pytest.mark.parametrize("key", ["faceData", "voiceSample", "voice_template", "palmVein", "irisScan", "IRIS_CODE",
                                 "userFaceImage", "fingerprintData", "retinaScan", "dnaSample", "handGeometry"])
def test_properties_named_for_the_biometrics_id_priv_001_lists_are_found(key):
    """ID-PRIV-001 names face, fingerprint, iris, voice and palm data: before its 1.3 only a few
    compound names (faceTemplate, voiceprint...) were found, so voiceSample or palmVein passed."""
    assert [f.pointer for f in shared.personal_identifiers({"x": {key: "AAEC"}})] == [f"/x/{key}"]


@pytest.mark.parametrize("key", ["keyFingerprint", "fingerprint", "interfaceData", "surfaceImage",
                                 "interfaceTemplate", "voice", "face", "handler", "yearData"])
def test_names_that_only_contain_a_biometric_word_are_not_found(key):
    assert shared.personal_identifiers({key: "AAEC"}) == []


# -- people, not organisations (issue 71) -------------------------------------------------


def _ctpat(member_type: str) -> dict:
    """The W3C CCG traceability CTPAT certificate's shape: the member's contacts in the subject."""
    return {"@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/traceability/v1"],
            "type": ["VerifiableCredential", "CTPATCertificate"],
            "issuer": {"type": ["Organization"], "id": "did:example:ctpat"},
            "credentialSubject": {"type": ["CTPAT"], "id": "did:example:quality-metals.example.com",
                                  "member": {"type": [member_type], "name": "Quality Metals Inc",
                                             "faxNumber": "+1-628-555-9153", "email": "info@quality-metals.example.com"}}}


def test_a_type_a_context_defines_as_an_organisation_keeps_its_contacts():
    # the traceability context maps CTPATMember to schema.org Organization
    assert "CTPATMember" in privacy.context_organisation_types()
    assert privacy.personal_data(_ctpat("CTPATMember"), "credential") == []


def test_a_person_in_the_same_place_is_a_finding():
    found = privacy.personal_data(_ctpat("Person"), "credential")
    assert {f.pointer for f in found} == {"/credentialSubject/member/faxNumber", "/credentialSubject/member/email"}
    assert {f.extra.get("check") for f in found} == {"credential-subject"}


def _plain_findings(document: object, biometric_names: bool) -> list[tuple[str, str | None]]:
    """What the detector finds, by :func:`shared.walk` and a full scan of every name and string."""
    def kinds(text: str) -> list[str]:
        found = []
        if any(shared.is_prc_id_number(m.group()) for m in shared._ID_CANDIDATE.finditer(text)):
            found.append("shared.kind-prc-id")
        if shared._PRC_MOBILE.search(text) or shared._TEL_URI.search(text) or shared._E164.search(text):
            found.append("shared.kind-phone")
        if shared.has_email(text):
            found.append("shared.kind-email")
        return found

    out: list[tuple[str, str | None]] = []
    for where, node in shared.walk(document, "/top"):
        if isinstance(node, dict):
            for key in node:
                if biometric_names and shared.is_biometric_name(str(key)):
                    out.append(("shared.biometric-property", f"{where}/{shared.escape(str(key))}"))
                out.extend(("shared.identifier-in-name", where) for _ in kinds(str(key)))
        elif isinstance(node, str):
            out.extend(("shared.identifier-in-value", where) for _ in kinds(node))
    return out


_TEXT = st.text(alphabet="0123456789+-@ .:telTELabx~/", max_size=24) | st.sampled_from(
    ["11010519491231002X", "13812345678", "+86 138 1234 5678", "tel:+1", "+1 2 3 4 5 6 7 8 9", "a@b.cn",
     "mailto:x@example.com", "faceTemplate", "voice_sample", "k~1/x", "did:web:a.example#k123"])
_JSON = st.recursive(st.none() | st.integers() | _TEXT,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                     max_leaves=20)


@given(_JSON, st.booleans())
@settings(max_examples=200)
def test_the_detector_finds_what_a_full_scan_of_every_value_finds_in_the_same_order(document, biometric_names):
    """The detector writes a pointer only for a container or a finding and skips strings without
    three digits, "+" and a digit, "@" or "tel:": the findings, their pointers and order are still
    those of a scan of every name and string."""
    found = shared.personal_identifiers(document, biometric_names=biometric_names, pointer="/top")
    assert [(f.message.key, f.pointer) for f in found] == _plain_findings(document, biometric_names)


@given(_JSON)
@settings(max_examples=100)
def test_objects_are_walks_objects_with_their_pointers_in_order(document):
    assert list(shared.objects(document, "/top")) == [
        (where, node) for where, node in shared.walk(document, "/top") if isinstance(node, dict)]


@pytest.mark.parametrize("text, found", [
    ("+6834001", True),              # 7 digits: the shortest taken (3-digit country code, 4-digit number)
    ("+683400", False),              # 6 digits
    ("+123456789012345", True),      # 15 digits: ITU-T E.164's longest
    ("+1234567890123456", False),    # 16 digits: no E.164 number
    ("+12 3456 7890 1234 56", False),  # 16 digits grouped: not taken for its first 15
    ("+0123456789", False),          # a country code never starts with 0
    ("+1--2345678", False),          # two separators between digits
    ("+1-628-555-9153", True),
])
def test_international_numbers_are_the_e164_form_the_cases_state(text, found):
    """Issue 76, sixty-second reading, cx2: TD-BIO-004 and ID-PRIV-001 state the form, + and an ITU-T E.164
    number of 7 to 15 digits (its first 1 to 9, digits apart by at most one space or hyphen); the detector is
    that form (it took 9 to 19 digit, space or hyphen characters)."""
    from conformance.areas._shared import privacy

    assert privacy.E164_DIGITS == (7, 15)
    assert bool(privacy.identifiers_in_text(f"call {text} now")) is found
