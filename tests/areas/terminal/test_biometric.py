"""Biometric and personal data in captures (TD-BIO-001..004): what the analysis finds, and
what it leaves alone (declarations inherited from the offer, captures without declarations
that still validate, extension members on the slow path)."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance._catalog.schemas import SchemaRegistry
from conformance.areas._shared.privacy import personal_identifiers, raw_identifiers
from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from tests.paths import ROOT

HEADER = "https://metaverse-conformance.org/schemas/terminal/capture-header.json"
BIO_RULES = ("bio_declared", "bio_terms", "bio_export", "pseudonymous")


def _lines(device: str = "eye_tracker", seconds: float = 0.5) -> list[bytes]:
    buffer = io.BytesIO()
    generate(buffer, device, seconds)
    return buffer.getvalue().splitlines(keepends=True)


def _analysed(lines: list[bytes]):
    return analyse(io.BytesIO(b"".join(lines)))


def _edit_header(lines: list[bytes], change) -> list[bytes]:
    header = orjson.loads(lines[0])
    change(header)
    return [orjson.dumps(header) + b"\n", *lines[1:]]


def _totals(result) -> dict[str, int]:
    return {rule: result.log(rule).total for rule in BIO_RULES if result.log(rule).total}


def test_a_generated_capture_declares_every_biometric_stream():
    result = _analysed(_lines("vr_headset"))
    assert _totals(result) == {}
    assert {s.id for s in result.streams.values() if s.checked.get("bio_declared")} == {
        "hand_left", "hand_right", "gaze", "face"}


def test_a_stream_without_its_own_declaration_takes_its_offer_s():
    lines = _edit_header(_lines(), lambda h: h["streams"][0].pop("personal_data"))
    result = _analysed(lines)
    assert _totals(result) == {}
    checked = result.streams["gaze"].checked
    assert (checked["bio_declared"], checked["bio_terms"]) == (1, 1)


def test_a_header_of_before_the_declarations_still_validates_and_only_biometric_types_need_one():
    def strip(header):
        header.pop("subject")
        for item in (*header["streams"], *header["device"]["offers"]):
            item.pop("personal_data", None)
    lines = _edit_header(_lines("vr_headset"), strip)
    schemas = SchemaRegistry.from_directory(ROOT / "schemas")
    assert schemas.findings(orjson.loads(lines[0]), HEADER) == []
    result = _analysed(lines)
    undeclared = {f.coordinates.get("stream") for f in result.log("bio_declared").detailed}
    assert undeclared == {"hand_left", "hand_right", "gaze", "face"}  # head, controllers, haptics need none
    assert _totals(result).keys() == {"bio_declared"}


def test_an_export_judges_only_streams_with_frames():
    lines = _edit_header(_lines(), lambda h: h.update(export={"off_device": True}))
    result = _analysed(lines[:1])  # the header alone: no raw frame leaves
    assert result.exported and result.log("bio_export").total == 0
    result = _analysed(lines)
    assert result.log("bio_export").total == 1
    assert result.log("bio_export").detailed[0].actual == "derived"


def test_an_extension_member_is_found_on_the_slow_path_too():
    lines = _lines()
    frame = orjson.loads(lines[5])
    frame["x-contact"] = "mailto:someone@example.org"
    lines[5] = orjson.dumps(frame) + b"\n"
    lines.insert(3, b"\n")  # a blank line: the block is read line by line
    result = _analysed(lines)
    (found,) = result.log("pseudonymous").detailed
    assert (found.line, found.coordinates.get("stream"), found.pointer) == (7, "gaze", "/x-contact")
    assert "someone" not in str(found)  # the value is never echoed
    assert result.log("structure").total == 0  # an extension member is allowed by the frame format


@pytest.mark.parametrize("name", ["user_id", "x-userName", "account-id", "Email", "x-phone", "phone_number",
                                  "phoneNumber", "mobileNo", "email_address", "emailAddress", "userEmail",
                                  "cellphone", "id_card_no"])
def test_members_named_for_a_raw_user_identifier(name):
    result = _analysed(_edit_header(_lines(), lambda h: h.update({f"x-{name.removeprefix('x-')}": "pn-1"})))
    assert result.log("pseudonymous").total == 1


def test_the_shared_detector_leaves_biometric_names_to_the_identity_area():
    document = {"personal_data": {"biometric": True}, "faceTemplate": "..."}
    assert raw_identifiers(document) == []
    assert len(personal_identifiers(document)) == 2
    assert [f.pointer for f in raw_identifiers({"a": ["13812345678"]}, "/x")] == ["/x/a/0"]


def test_hostile_extension_frames_give_findings_never_a_crash():
    lines = _lines()
    # a stream that is not a string; nesting beyond orjson's depth limit, and beyond msgspec's only
    lines[4:4] = [b'{"stream":["gaze"],"t":1,"x-a":"13812345678"}\n',
                  b'{"stream":"gaze","t":2,"x-deep":' + b"[" * 2000 + b"]" * 2000 + b"}\n",
                  b'{"stream":"gaze","t":2,"x-deep":' + b"[" * 1010 + b"]" * 1010 + b"}\n",
                  b'{"stream":"gaze","t":3,"x-b":{"user_id":["a"],"n":[1,{"x-c":"a@b.cn"}]}}\n']
    result = _analysed(lines)
    assert result.log("structure").total  # the bad frames are findings of their own rule
    pointers = sorted(f.pointer for f in result.log("pseudonymous").detailed)
    assert pointers == ["/x-a", "/x-b/n/1/x-c", "/x-b/user_id"]


@pytest.mark.parametrize("retention", ["none", "session", "P30D", "PT12H", "P1Y2M", "P1W", "PT0.5H", "P1DT1,5H"])
def test_a_retention_is_an_iso_8601_duration_session_or_none(retention):
    def set_retention(header):
        header["streams"][0]["personal_data"]["retention"] = retention
    result = _analysed(_edit_header(_lines(), set_retention))
    assert result.log("bio_terms").total == 0


@pytest.mark.parametrize("retention", ["forever", "P", "PT", "P1DT", "P1M2Y", "p30d", "-P1D", "P1.5DT1H", "30 days"])
def test_a_retention_that_is_no_duration_breaks_td_bio_002_and_the_schema_alike(retention):
    def set_retention(header):
        header["streams"][0]["personal_data"]["retention"] = retention
    lines = _edit_header(_lines(), set_retention)
    result = _analysed(lines)
    (found,) = result.log("bio_terms").detailed
    assert (found.pointer, found.actual) == ("/streams/0/personal_data/retention", retention)
    schemas = SchemaRegistry.from_directory(ROOT / "schemas")
    assert schemas.findings(orjson.loads(lines[0]), HEADER) != []


@pytest.mark.parametrize("name", ["x-phoneme", "x-emailed", "x-telemetry", "x-mobility", "x-user_agent", "x-loginless"])
def test_names_that_only_begin_like_an_identifier_are_not_one(name):
    result = _analysed(_edit_header(_lines(), lambda h: h.update({name: "pn-1"})))
    assert result.log("pseudonymous").total == 0


def test_the_check_s_consent_bases_and_retention_are_the_descriptor_schema_s():
    """TD-BIO-002's check judges a declaration's consent and retention by the values the device descriptor schema
    defines; the two are written in both places (the check runs without the catalog's schemas), so they must agree."""
    from conformance.areas.terminal.biometric import CONSENT, RETENTION

    schema = orjson.loads((ROOT / "schemas" / "terminal" / "device-descriptor.json").read_bytes())
    terms = schema["$defs"]["personal_data"]["properties"]
    assert tuple(terms["consent"]["enum"]) == CONSENT
    assert terms["retention"]["pattern"] == f"^(?:{RETENTION.pattern})$"
