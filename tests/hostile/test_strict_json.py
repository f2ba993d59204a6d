"""Strict parsing of everything signed (issue 44, part 6): a certificate, a status list or an
attestation's payload that two JSON parsers read differently (a member twice: one parser
keeps the first, another the last), with a lone surrogate, or with an integer beyond
±(2^53 - 1) is rejected, exit 1, in one line naming the place as a JSON path. Each document
here is signed by the programme's key as the parser of the verifier reads it, so that it
verifies on a parser that keeps the last member."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from conformance.certification.attestation import (
    ENVELOPE_NAME,
    PAYLOAD_TYPE,
    envelope_bytes,
    fingerprint,
    load_private_key,
    pae,
)
from conformance.cli import main
from conformance.programme import signing, statuslist

from .edge_cases import certificate
from .test_edges import verify


def _resign(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """The signed JSON at ``path`` changed, then signed again by the programme's key."""
    key = load_private_key(path.parents[2] / "program.key")
    document = orjson.loads(path.read_bytes())
    created = document.pop("proof")["created"]
    change(document)
    path.write_bytes(orjson.dumps(signing.add_proof(document, key, created)))


def _first_member(data: bytes, name: str, value: Any) -> bytes:
    """``data`` (a JSON object) with a member ``name`` written first: a parser keeping the last
    member reads ``data`` as it was, one keeping the first reads ``value``."""
    assert data.startswith(b"{")
    return b"{" + orjson.dumps(name) + b":" + orjson.dumps(value) + b"," + data[1:]


def test_a_certificate_with_a_duplicate_credential_subject_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path)
    rival = {"type": "CertifiedProduct", "product": {"name": "rival", "version": "9", "vendor": "Other"}}
    cert.write_bytes(_first_member(cert.read_bytes(), "credentialSubject", rival))
    said = verify(capsys, cert)
    assert said.startswith(f"rejected: the certificate {cert} at $.credentialSubject:"), said
    assert "more than once" in said


def test_a_status_list_with_a_duplicate_member_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path, revoked=frozenset({0}))
    listed = cert.parents[1] / statuslist.STATUS_PATH
    document = orjson.loads(listed.read_bytes())
    # the signed list revokes entry 0 and is read as such; the one a first-member parser reads does not
    unset = {**document["credentialSubject"], "encodedList": statuslist.encode(set())}
    subject = orjson.dumps(document["credentialSubject"])
    data = listed.read_bytes().replace(b'"credentialSubject":' + subject, b'"credentialSubject":' + orjson.dumps(
        unset) + b',"credentialSubject":' + subject)
    assert data != listed.read_bytes()
    listed.write_bytes(data)
    said = verify(capsys, cert)
    assert said.startswith("rejected: the status list ") and " at $.credentialSubject:" in said, said


def test_a_status_list_with_a_duplicate_member_that_would_verify_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path)
    listed = cert.parents[1] / statuslist.STATUS_PATH
    listed.write_bytes(_first_member(listed.read_bytes(), "validFrom", "2000-01-01T00:00:00Z"))
    said = verify(capsys, cert)
    assert said.startswith("rejected: the status list ") and " at $.validFrom:" in said, said


def test_an_attestation_payload_with_a_duplicate_predicate_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path)
    run = cert.parents[1] / "headset" / "run-1"
    envelope = orjson.loads((run / ENVELOPE_NAME).read_bytes())
    payload = base64.b64decode(envelope["payload"])
    statement = orjson.loads(payload)
    # a payload read as the signed one by a parser keeping the last member, as a partial run by one keeping the first
    forged = _first_member(payload, "predicate", {**statement["predicate"], "scope": "partial"})
    key = load_private_key(tmp_path / "program.key")
    (run / ENVELOPE_NAME).write_bytes(envelope_bytes(forged, [(fingerprint(key.public_key()),
                                                               key.sign(pae(PAYLOAD_TYPE, forged)))]))
    said = verify(capsys, cert)
    assert said.startswith("rejected: the run's attestation does not hold: the signed payload is not strict JSON: "
                           "at $.predicate:"), said
    code = main(["verify", str(run), "--trust", str(tmp_path / "program.key.pub"), "--report-only"])
    assert code == 1
    assert "at $.predicate:" in capsys.readouterr().out


def test_a_lone_surrogate_in_a_certificates_product_name_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path, product={"name": "head\u2028set", "version": "2.1", "vendor": "Acme"})
    # a name the signer could not write as UTF-8: "\ud800" escaped, as a hostile issuer writes it
    cert.write_bytes(cert.read_bytes().replace("head\u2028set".encode(), b"head\\ud800set"))
    said = verify(capsys, cert)
    assert said.startswith(f"rejected: the certificate {cert} at $.credentialSubject.product.name: "
                           "a string with a lone surrogate"), said


def test_an_integer_beyond_2_53_in_a_certificate_is_rejected(tmp_path, capsys):
    cert = certificate(tmp_path)
    _resign(cert, lambda document: document["credentialSubject"]["programme"].update(round=2**60))
    said = verify(capsys, cert)
    assert said.startswith(f"rejected: the certificate {cert} at $.credentialSubject.programme.round: "
                           f"the integer {2**60} is beyond"), said


def test_a_certificate_as_issued_still_verifies(tmp_path, capsys):
    cert = certificate(tmp_path)
    assert main(["verify", str(cert), "--trust", str(tmp_path / "program.key.pub")]) == 0, capsys.readouterr()
    assert capsys.readouterr().out.startswith("verified: certificate ")


@pytest.mark.parametrize("member", ["credentialStatus", "issuer", "proof"])
def test_any_duplicate_member_of_a_certificate_is_rejected_naming_it(tmp_path, capsys, member):
    cert = certificate(tmp_path)
    cert.write_bytes(_first_member(cert.read_bytes(), member, {}))
    said = verify(capsys, cert)
    assert f" at $.{member}: the member \"{member}\" appears more than once" in said, said
