"""The trust list's format (src/conformance/programme/trustlist.py), without a programme run:
read strictly (one line with the place for each way it can be wrong), issued with the sequence
one higher and a proof any change breaks, unsigned again by an edit; the rollback state file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.errors import HarnessInputError
from conformance.programme import checkpoint, note, signing, trustlist, trustverify
from conformance.programme.certverify import Rejected

NOW = datetime(2026, 11, 1, tzinfo=UTC)
AUTHORITY = Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
PROGRAMME = Ed25519PrivateKey.from_private_bytes(bytes([8]) * 32)


def entry(**changes: Any) -> dict[str, Any]:
    origin = "pilot.shanghai.example/shanghai-pilot"
    witness = note.note_key("witness.example/w1", Ed25519PrivateKey.generate().public_key(), note.COSIGNATURE)
    return {"id": "shanghai-pilot", "name": "Shanghai pilot", "jurisdiction": "CN-SH",
            "url": "https://pilot.shanghai.example/",
            "keys": [{"id": signing.issuer_did(PROGRAMME.public_key()), "validFrom": "2026-01-01T00:00:00Z"}],
            "log": {"origin": origin, "verifierKey": checkpoint.verifier_key(origin, PROGRAMME.public_key()).vkey()},
            "witnesses": [witness.vkey()], "quorum": 1, "plans": [{"id": "round-1", "sha256": "a" * 64}],
            "catalogDigests": ["sha256:" + "b" * 64], **changes}


def blank(**changes: Any) -> dict[str, Any]:
    return {"type": trustlist.LIST_TYPE, "id": "urn:example:list", "issuer": {"name": "Registry"}, "sequence": 0,
            "programmes": [entry()], **changes}


def issued(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "list.json"
    model = trustlist.TrustList.model_validate(blank(**changes))
    trustlist.save(path, trustlist.signed(model, AUTHORITY, NOW, 30))
    return path


def test_sign_raises_the_sequence_and_the_authority_signs(tmp_path):
    path = issued(tmp_path, sequence=4)
    listed, raw = trustlist.load_raw(path)
    assert listed.sequence == 5 and listed.issued == "2026-11-01T00:00:00Z"
    assert listed.nextUpdate == "2026-12-01T00:00:00Z"
    assert signing.check_proof(raw) == signing.issuer_did(AUTHORITY.public_key()) == listed.issuer.id
    believed = trustverify.believed_list(path, AUTHORITY.public_key(), NOW, None)
    assert believed.programme("shanghai-pilot") is not None


def test_an_edit_leaves_the_list_unsigned(tmp_path):
    listed = trustlist.load(issued(tmp_path))
    assert "proof" not in trustlist.edited(listed, programmes=[])


@settings(max_examples=25, deadline=None)
@given(member=st.sampled_from(["sequence", "nextUpdate", "jurisdiction", "quorum"]), value=st.integers(0, 1000))
def test_any_change_after_signing_breaks_the_signature(tmp_path_factory, member, value):
    path = issued(tmp_path_factory.mktemp("changed"))
    raw = orjson.loads(path.read_bytes())
    if member == "sequence":
        raw["sequence"] += 1 + value
    elif member == "nextUpdate":
        raw["nextUpdate"] = f"{2100 + value}-01-01T00:00:00Z"
    elif member == "jurisdiction":
        raw["programmes"][0]["jurisdiction"] = f"XX-{value}"
    else:
        raw["programmes"][0]["quorum"] = 0
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(Rejected, match="does not verify"):
        trustverify.believed_list(path, AUTHORITY.public_key(), NOW, None)


@pytest.mark.parametrize(("change", "place", "problem"), [
    (lambda d: d.update(sequence=-1), "$.sequence", "greater than or equal"),
    (lambda d: d.update(sequence="1"), "$.sequence", "integer"),
    (lambda d: d.update(type="TrustList"), "$.type", ""),
    (lambda d: d.update(programmes=[entry(), entry()]), "$.programmes", "listed twice"),
    (lambda d: d["programmes"][0].update(keys=[]), "$.programmes[0].keys", ""),
    (lambda d: d["programmes"][0]["keys"][0].update(validFrom="2026-01-01T00:00:00+08:00"),
     "$.programmes[0].keys[0].validFrom", "ending in Z"),
    (lambda d: d["programmes"][0].update(witnesses=[d["programmes"][0]["log"]["verifierKey"]]),
     "$.programmes[0].witnesses[0]", "cosignature (0x04)"),
    (lambda d: d["programmes"][0]["log"].update(verifierKey="nope"), "$.programmes[0].log.verifierKey", ""),
    (lambda d: d["programmes"][0].update(catalogDigests=["md5:00"]), "$.programmes[0].catalogDigests[0]", ""),
])
def test_a_malformed_list_is_one_line_with_its_place(tmp_path, change, place, problem):
    raw = blank()
    change(raw)
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(HarnessInputError) as caught:
        trustlist.load(path)
    said = str(caught.value)
    assert f"at {place}" in said and problem in said and "\n" not in said


def test_a_list_that_is_not_json_or_too_big_is_bad_input(tmp_path):
    path = tmp_path / "list.json"
    path.write_bytes(b"{\"id\": 1, \"id\": 2}")
    with pytest.raises(HarnessInputError, match="strict JSON"):
        trustlist.load(path)
    with pytest.raises(HarnessInputError, match="no such file"):
        trustlist.load(tmp_path / "missing.json")


def test_the_state_file_keeps_the_highest_sequence_and_refuses_a_lower_one(tmp_path):
    state = tmp_path / "seen.json"
    newer = trustlist.TrustList.model_validate(blank(sequence=3))
    trustverify._check_sequence(state, newer)
    assert orjson.loads(state.read_bytes()) == {"urn:example:list": 3}
    trustverify._check_sequence(state, newer)  # the same list again: fine
    with pytest.raises(Rejected, match="lower than 3 seen before"):
        trustverify._check_sequence(state, trustlist.TrustList.model_validate(blank(sequence=2)))
    assert orjson.loads(state.read_bytes()) == {"urn:example:list": 3}


def test_a_key_ends_at_its_retirement_or_validity_whichever_is_first():
    key = trustlist.ProgrammeKey(id=signing.issuer_did(PROGRAMME.public_key()), validFrom="2026-01-01T00:00:00Z",
                                 validUntil="2027-01-01T00:00:00Z", retired="2026-06-01T00:00:00Z")
    assert key.end() == datetime(2026, 6, 1, tzinfo=UTC)


# -- laboratories: added and withdrawn on the command line ----------------------------------------------


LABORATORY = Ed25519PrivateKey.from_private_bytes(bytes([9]) * 32)


def laboratory(**changes: Any) -> dict[str, Any]:
    return {"id": "example-test-lab", "name": "Example Test Laboratory",
            "keys": [{"id": signing.issuer_did(LABORATORY.public_key()), "validFrom": "2026-01-01T00:00:00Z"}],
            "accreditation": {"body": "CNAS", "number": "L0000", "scope": ["TD-HAPT-003", "TD-FORCE-004"],
                              "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2028-01-01T00:00:00Z"},
            **changes}


def test_a_laboratory_is_added_signed_on_the_list_and_withdrawn(tmp_path, capsys):
    from conformance.certification.attestation import generate_keys
    from conformance.cli import main
    from conformance.programme import labtrust

    generate_keys(tmp_path / "authority.key")
    path, lab = tmp_path / "list.json", tmp_path / "lab.json"
    lab.write_bytes(orjson.dumps(laboratory()))
    assert main(["trust-list", "init", str(path), "--id", "urn:example:labs", "--authority", "Registry"]) == 0
    assert main(["trust-list", "add-laboratory", str(path), str(lab)]) == 0
    said = capsys.readouterr().out
    assert "added the laboratory example-test-lab (Example Test Laboratory, CNAS L0000, 2 requirements" in said
    assert "proof" not in orjson.loads(path.read_bytes())  # unsigned until sign
    assert main(["trust-list", "sign", str(path), "--key", str(tmp_path / "authority.key")]) == 0
    assert "1 laboratories" in capsys.readouterr().out
    raw = orjson.loads(path.read_bytes())
    authority = raw["issuer"]["id"]
    listed = labtrust.load(path, authority, datetime.now(UTC)).trust_list
    entry = listed.laboratory_of(signing.issuer_did(LABORATORY.public_key()))
    assert entry is not None and entry.status == trustlist.RECOGNISED and entry.statusSince is not None
    assert main(["trust-list", "remove-laboratory", str(path), "example-test-lab"]) == 0
    assert "withdrew the laboratory example-test-lab" in capsys.readouterr().out
    assert main(["trust-list", "sign", str(path), "--key", str(tmp_path / "authority.key")]) == 0
    withdrawn = labtrust.load(path, authority, datetime.now(UTC)).trust_list.laboratories
    assert withdrawn is not None and [lab.status for lab in withdrawn] == [trustlist.WITHDRAWN]


@pytest.mark.parametrize(("entry", "command", "said"), [
    (laboratory(accreditation={**laboratory()["accreditation"], "scope": ["TD-NONE-999"]}), "add-laboratory",
     "at $.accreditation.scope: TD-NONE-999 is no requirement of the catalog"),
    (laboratory(keys=[{"id": signing.issuer_did(PROGRAMME.public_key()), "validFrom": "2026-01-01T00:00:00Z"}]),
     "add-laboratory", "is listed for the programme shanghai-pilot already"),
    (laboratory(accreditation={**laboratory()["accreditation"], "validUntil": "2025-01-01T00:00:00Z"}),
     "add-laboratory", "at $.accreditation.validUntil: 2025-01-01T00:00:00Z is not after validFrom"),
    (laboratory(colour="blue"), "add-laboratory", "at $.colour: is a member the format does not have"),
    (None, "remove-laboratory", "LABORATORY_ID 'nowhere-lab': is not on the list"),
])
def test_a_bad_laboratory_entry_or_id_is_one_line_and_exit_2(tmp_path, capsys, entry, command, said):
    from conformance.cli import main

    path = tmp_path / "list.json"
    trustlist.save(path, trustlist.TrustList.model_validate(blank()))
    before = path.read_bytes()
    if entry is None:
        args = [str(path), "nowhere-lab"]
    else:
        (tmp_path / "lab.json").write_bytes(orjson.dumps(entry))
        args = [str(path), str(tmp_path / "lab.json")]
    assert main(["trust-list", command, *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and said in err, err
    assert path.read_bytes() == before
