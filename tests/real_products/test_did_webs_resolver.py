"""did-webs-resolver (on PyPI, Hyperledger Labs' resolver for did:webs and did:keri, on keripy),
started as its documentation starts its resolver service and described in one manifest as a
vendor would: a Universal Resolver style ``GET /1.0/identifiers/{did}``, no authentication.

Its own KERI keystore holds one identifier, incepted with KERI's ``kli`` as an operator would;
``did:keri:<that identifier>`` then resolves from the local key event log, with no network. The
verdict of every requirement identity-resolver selects is written down below, with the evidence
that decides it and the clause it rests on (docs/real-products.md, "did-webs-resolver"). The
pinned version is scripts/install-real-products.sh's."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.real_products.products import differences, free_port, installed, run_harness, started

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

KERI_HOME = Path(__file__).with_name("keri_home.py")
#: a syntactically valid KERI identifier (a Blake3-256 digest, code E) that no keystore here holds
UNKNOWN_DID = "did:keri:E" + "A" * 43
#: a single-signature, transferable identifier with no witnesses: nothing to reach on the network
INCEPTION = '{"transferable": true, "wits": [], "toad": 0, "icount": 1, "ncount": 1, "isith": "1", "nsith": "1"}'

#: requirement -> (verdict, why): the evidence that decides it and the clause it rests on
EXPECTED: dict[str, tuple[str, str]] = {
    "ID-RES-001": ("fail", "asked for application/did+json, it answers 200 application/did+ld+json, a document "
                           "without @context: the JSON-LD representation requires one (DID Core 6.3.1; DID "
                           "Resolution HTTP(S) binding)"),
    "ID-RES-002": ("fail", "errors are application/json {\"error\": ...}, not problem details; the unknown "
                           "identifier is answered 417 Expectation Failed, not 404 notFound (DID Resolution "
                           "HTTP(S) binding; RFC 9457 3)"),
    "ID-RES-003": ("fail", "application/did-resolution gets a valid DID resolution result (rule R1 holds), but "
                           "image/png gets 200 and the document, not 406, and application/did+ld+json a "
                           "document without @context (RFC 9110 12.5.1; DID Core 6.3.1)"),
    "ID-RES-004": ("fail", "a DID of a method it does not resolve is answered 400 'invalid DID', not 501 "
                           "methodNotSupported (DID Resolution HTTP(S) binding)"),
    "ID-PRIV-001": ("pass", "the did:keri document holds a JSON Web Key and the controller's relationships only"),
    "ID-PRIV-002": ("pass", "no answer carries private key material (the JWKs have no d)"),
}


def keri(python: Path, head: Path, *arguments: str) -> str:
    """One KERI command line, its keystores under ``head``; its output."""
    done = subprocess.run([str(python), str(KERI_HOME), str(head), *arguments], capture_output=True, text=True,
                          timeout=120, cwd=head)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The resolver service on a free port, over a keystore holding one incepted identifier."""
    python = installed("did-webs-resolver", "python")
    head = tmp_path_factory.mktemp("keri")
    keri(python, head, "kli", "init", "--name", "resolver", "--nopasscode")
    (head / "inception.json").write_text(INCEPTION, encoding="utf-8")
    incepted = keri(python, head, "kli", "incept", "--name", "resolver", "--alias", "controller",
                    "--file", str(head / "inception.json"))
    found = re.search(r"^Prefix\s+(\S+)$", incepted, re.MULTILINE)
    assert found, incepted
    port = free_port()
    argv = [str(python), str(KERI_HOME), str(head), "dws", "did", "webs", "resolver-service", "--name", "resolver",
            "--http", str(port), "--loglevel", "INFO"]
    base_url = f"http://127.0.0.1:{port}"
    with started(argv, ready=f"{base_url}/health", headers={}, env=os.environ, log=head / "resolver.log"):
        yield {"base_url": base_url, "did": f"did:keri:{found.group(1)}"}


def manifest(resolver: dict[str, Any]) -> dict[str, Any]:
    """The resolver as its operator describes it: the default path, no authentication, the
    identifier it holds, and an identifier of its own method that it does not."""
    return {
        "product": {"name": "did-webs-resolver", "version": "0.3.7", "vendor": "Hyperledger Labs"},
        "profiles": [{"id": "identity-resolver",
                      "parameters": {"known_did": resolver["did"], "unknown_did": UNKNOWN_DID}}],
        "targets": {"api": {"adapter": "http", "base_url": resolver["base_url"]}},
    }


def test_every_verdict_is_the_one_written_down(resolver, tmp_path: Path):
    run = run_harness(manifest(resolver), tmp_path, {})
    assert not differences(EXPECTED, run), "\n".join(differences(EXPECTED, run))
    assert run.returncode == 1, run.console  # not conformant: the fails are the product's
    # the evidence names what decides each fail, as the table says
    assert "@context" in run.evidence("ID-RES-001")
    assert "417" in run.evidence("ID-RES-002") and "application/problem+json" in run.evidence("ID-RES-002")
    assert "406" in run.evidence("ID-RES-003")
    assert "501" in run.evidence("ID-RES-004") and "400" in run.evidence("ID-RES-004")
    requested = f"GET {resolver['base_url']}/1.0/identifiers/"  # every finding names the URL requested
    for requirement in ("ID-RES-001", "ID-RES-002", "ID-RES-003", "ID-RES-004"):
        places = [place for place in run.finding_places(requirement) if place]  # a body not JSON names it inline
        assert places and all(place.startswith(requested) for place in places), (requirement, places)
