"""ACA-Py (acapy-agent on PyPI, the OpenWallet Foundation's cloud agent), started as its own
documentation starts it and described in one manifest as a vendor would describe it: its admin
API serves a DID resolver (``/resolver/resolve/{did}``) and the VC API's issuer and verifier
(``/vc/credentials/issue``, ``/vc/credentials/verify``) behind an ``X-API-Key`` header.

The verdict of every requirement the two claimed profiles select is written down below, with the
evidence that decides it and the clause it rests on (docs/real-products.md, "ACA-Py"). A ``fail``
here is the product's real behaviour, not the harness's error. The pinned version is
scripts/install-real-products.sh's."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.real_products.contexthost import context_host
from tests.real_products.products import Run, differences, free_port, installed, run_harness, started

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

#: a DID of a method ACA-Py resolves (did:peer:4, short form) that no wallet here holds: an unknown
#: DID that needs no network (the profile's default, did:web:unknown.invalid, is a DNS lookup)
UNKNOWN_DID = "did:peer:4zQmd8CpeFPci817KDsbSAKWcXAE2mjvCQSasRewvbSF54Bd"

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "ID-RES-001": ("fail", "GET /resolver/resolve/{did} answers 200 application/json with ACA-Py's own envelope "
                           "{did_document, metadata}: neither a DID document (no top-level id) nor its media type "
                           "(DID Resolution, HTTP(S) binding; DID Core 6)"),
    "ID-RES-002": ("fail", "strings that are not DIDs are answered 422 by the route's request validation, not 400; "
                           "the unknown DID 404 text/plain, not problem details (DID Resolution HTTP(S) binding; "
                           "RFC 9457 3)"),
    "ID-RES-003": ("fail", "the Accept header is not consulted: application/did-resolution gets the same "
                           "application/json envelope (no didResolutionMetadata), image/png gets 200, not 406 "
                           "(DID Resolution HTTP(S) binding; RFC 9110 12.5.1)"),
    "ID-RES-004": ("fail", "an unsupported method is answered 501, as the binding says, but text/plain "
                           "'No resolver supporting DID ... loaded.', not problem details (RFC 9457 3)"),
    "ID-PRIV-001": ("pass", "the did:key document holds a key and its relationships only: no personal identifier"),
    "ID-PRIV-002": ("pass", "no answer carries private key material (d, privateKeyMultibase, privateKeyJwk...)"),
    "ID-VCAPI-001": ("fail", "asked for options.proofType DataIntegrityProof, /vc/credentials/issue answers 400 "
                             "'Supported VC 2.0 proof types are: Ed25519Signature2020, BbsBlsSignature2020': its VC "
                             "API route issues no Data Integrity proof, which the statement requires (VC API "
                             "issuing; VC Data Integrity 2.1); ACA-Py signs those only at /vc/di/add-proof, "
                             "which is not shaped as the VC API"),
    "ID-VCAPI-002": ("inconclusive", "its precondition, a credential issued by /credentials/issue, did not hold "
                                     "(ID-VCAPI-001's 400): the verifier was never given one to judge"),
    "ID-VCAPI-003": ("not_applicable", "the manifest does not claim the feature credential-status (revocation "
                                       "through the VC API's update status and a Bitstring Status List)"),
}

#: the same run asking for no proof type: ACA-Py signs as it does by default (Ed25519Signature2020)
EXPECTED_DEFAULT_SIGNING: dict[str, tuple[str, str]] = {
    **EXPECTED,
    "ID-VCAPI-001": ("fail", "issued with no options.proofType, the credential carries an Ed25519Signature2020 "
                             "proof (a Linked Data Signature suite), not the DataIntegrityProof of a cryptosuite "
                             "the statement requires (eddsa-jcs-2022 / ecdsa-jcs-2019; VC Data Integrity 2.1); of "
                             "the VC Data Model 2.0 probes (R6-R31), it signs 10 violations as sent and answers 9 "
                             "with 500, and credentialSubject [] with 500 (R3): SIGNED_PROBES, FAILED_PROBES"),
    "ID-VCAPI-002": ("inconclusive", "/vc/credentials/verify verifies the credential ACA-Py issued and refuses the "
                                     "copy whose credentialSubject was altered, but the harness's own conforming "
                                     "eddsa-jcs-2022 credential gets verified false ('no proofs matched the "
                                     "required suites (Ed25519Signature2018, Ed25519Signature2020, "
                                     "EcdsaSecp256r1Signature2019)'): it verifies no Data Integrity proof, so "
                                     "the data-model probes (R3-R28) cannot be judged"),
}

#: the probes (conformance.areas.identity.requestbodies.PROBES) ACA-Py 1.7.0 signs as sent, each a
#: VC Data Model 2.0 MUST the issued credential breaks (4.9, 4.10, 4.11, 5.3, 5.6)
SIGNED_PROBES = {"valid-from-no-zone", "valid-until-date-only", "validity-order", "status-id-not-url",
                 "schema-no-id", "schema-id-not-url", "related-not-object", "related-no-id",
                 "related-id-repeated", "evidence-no-type"}
#: ... and those it answers 500 (neither refused with a 4xx nor issued): its JSON-LD signing fails on them
FAILED_PROBES = {"type-not-url", "name-extra-member", "name-no-value", "description-extra-member",
                 "status-no-type", "schema-no-type", "related-no-digest", "refresh-no-type", "terms-no-type"}

#: the same run with an API key ACA-Py refuses: nothing behind the key was observed, so nothing
#: fails for it; ID-RES-002 still fails, on answers ACA-Py gives before it checks the key
EXPECTED_KEY_REFUSED: dict[str, tuple[str, str]] = {
    **{requirement: ("inconclusive", "every answer behind the key is 401: the run's credentials were refused")
       for requirement, (verdict, _) in EXPECTED.items() if verdict != "not_applicable"},
    "ID-VCAPI-003": EXPECTED["ID-VCAPI-003"],  # a feature not claimed is not applicable, whatever the key
    "ID-RES-002": ("fail", "ACA-Py validates the path before the API key: the strings that are not DIDs are "
                           "answered 422 with or without a key, and that answer is judged (DID Resolution HTTP(S) "
                           "binding)"),
}


@pytest.fixture(scope="module")
def acapy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """ACA-Py's admin API on a free port with a fresh wallet (in a HOME of its own, where ACA-Py
    keeps it), and the did:key it issues as, created through that API as an operator would."""
    executable = installed("acapy", "aca-py")
    home = tmp_path_factory.mktemp("acapy")
    port, key = free_port(), secrets.token_hex(16)
    argv = [str(executable), "start", "--admin", "127.0.0.1", str(port), "--admin-api-key", key,
            "--no-transport", "--no-ledger", "--wallet-type", "askar", "--wallet-name", "conformance",
            "--wallet-key", secrets.token_hex(16), "--auto-provision", "--log-level", "warning"]
    base_url = f"http://127.0.0.1:{port}"
    headers = {"X-API-Key": key}
    # the contexts it dereferences come from the harness's pinned copies, network or not
    with context_host(home) as routed, started(argv, ready=f"{base_url}/status/ready", headers=headers,
                                               env={**os.environ, "HOME": str(home), **routed},
                                               log=home / "acapy.log"):
        created = httpx.post(f"{base_url}/wallet/did/create", headers=headers, timeout=30,
                             json={"method": "key", "options": {"key_type": "ed25519"}})
        created.raise_for_status()
        yield {"base_url": base_url, "key": key, "did": created.json()["result"]["did"], "home": home}


def manifest(acapy: dict[str, Any], proof_type: str | None = "DataIntegrityProof") -> dict[str, Any]:
    """ACA-Py as its operator describes it: one target (the admin API), its own paths, its API
    key from a variable, the DID it issues as and the proof it is asked for (None: none, ACA-Py
    signs as it does by default)."""
    issuing = {"issuer": acapy["did"], **({"proof_type": proof_type} if proof_type else {})}
    return {
        "product": {"name": "ACA-Py (acapy-agent)", "version": "1.7.0", "vendor": "OpenWallet Foundation"},
        "profiles": [
            {"id": "identity-resolver", "parameters": {"known_did": acapy["did"], "unknown_did": UNKNOWN_DID}},
            {"id": "identity-credentials-api", "parameters": issuing},
        ],
        "targets": {"api": {
            "adapter": "http",
            "base_url": acapy["base_url"],
            "paths": {"did_resolution": "/resolver/resolve/{did}", "credentials_issue": "/vc/credentials/issue",
                      "credentials_verify": "/vc/credentials/verify"},
            "headers_env": {"X-API-Key": "ACAPY_ADMIN_KEY"},
        }},
    }


def test_every_verdict_is_the_one_written_down(acapy, tmp_path: Path):
    run = run_harness(manifest(acapy), tmp_path, {"ACAPY_ADMIN_KEY": acapy["key"]})
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 1, run.console  # not conformant: the fails are the product's
    # the evidence names what decides each fail, as the table says
    assert "/vc/credentials/issue" in run.evidence("ID-VCAPI-001") and "400" in run.evidence("ID-VCAPI-001")
    assert "422" in run.evidence("ID-RES-002")
    assert "/resolver/resolve/" in run.evidence("ID-RES-004") and "501" in run.evidence("ID-RES-004")
    assert "ID-VCAPI-001" in run.evidence("ID-VCAPI-002")  # the precondition names who judges it
    # the console's cause line carries ACA-Py's own reason, a JSON {"message": ...} (no problem document)
    assert "the product said: Supported VC 2.0 proof types are:" in run.console, run.console
    # every resolver finding names the URL really requested, on the product's own path
    requested = f"GET {acapy['base_url']}/resolver/resolve/"
    for requirement in ("ID-RES-001", "ID-RES-002", "ID-RES-003", "ID-RES-004"):
        places = [place for place in run.finding_places(requirement) if place]  # a body not JSON names it inline
        assert places and all(place.startswith(requested) for place in places), (requirement, places)
    assert acapy["key"] not in run.console  # the key is redacted, the reproduce lines say ${ACAPY_ADMIN_KEY}
    assert "${ACAPY_ADMIN_KEY}" in run.console


def test_a_refused_api_key_fails_nothing_behind_it(acapy, tmp_path: Path):
    run = run_harness(manifest(acapy), tmp_path, {"ACAPY_ADMIN_KEY": "not-" + acapy["key"]})
    assert not differences(EXPECTED_KEY_REFUSED, run), "\n".join(differences(EXPECTED_KEY_REFUSED, run))
    assert "check ACAPY_ADMIN_KEY" in run.console
    # the unknown DID's 401 is no finding of ID-RES-002 (issue 59): only the 422s it observed are
    refused = [place for place in run.finding_places("ID-RES-002") if UNKNOWN_DID in place]
    assert not refused and run.finding_places("ID-RES-002"), run.evidence("ID-RES-002")
    profiles = {entry["id"]: entry["outcome"] for entry in run.report["profiles"]}
    assert profiles["identity-credentials-api"] == "incomplete"


def test_default_signing_is_judged_against_the_statement(acapy, tmp_path: Path):
    run = run_harness(manifest(acapy, proof_type=None), tmp_path, {"ACAPY_ADMIN_KEY": acapy["key"]})
    assert not differences(EXPECTED_DEFAULT_SIGNING, run), "\n".join(differences(EXPECTED_DEFAULT_SIGNING, run))
    assert "Ed25519Signature2020" in run.evidence("ID-VCAPI-001")
    assert "DataIntegrityProof" in run.evidence("ID-VCAPI-001")
    # the finding names the product's own route, where it really issued
    places = [place for place in run.finding_places("ID-VCAPI-001") if place]
    assert places and all(place.startswith(f"POST {acapy['base_url']}/vc/credentials/issue") for place in places)
    assert probes_found(run, "ID-VCAPI-001", "identity.vcapi-probe-signed") == SIGNED_PROBES
    assert probes_found(run, "ID-VCAPI-001", "identity.vcapi-probe-not-refused") == FAILED_PROBES
    # the verifier: its own credential verified, the tampered copy not, the harness's eddsa-jcs-2022 one not
    assert "no proofs matched the required suites" in run.evidence("ID-VCAPI-002")
    assert "identity.vcapi-probe-control-refused" in run.evidence("ID-VCAPI-002")


def probes_found(run: Run, requirement: str, key: str) -> set[str]:
    """The probes named by the findings of one requirement whose message is ``key``."""
    entry = next(e for e in run.report["requirements"] if e["requirement"] == requirement)
    return {item["text"]["args"]["probe"] for item in entry["evidence"]
            if item.get("kind") == "finding" and item.get("text", {}).get("key") == key}
