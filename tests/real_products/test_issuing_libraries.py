"""Credentials and presentations issued by two independent open-source stacks, each judged by the
harness and by the issuing library's OWN verify, item by item (issue 62):

- Digital Bazaar's JavaScript stack (``@digitalbazaar/vc`` with Ed25519Signature2020 and Data
  Integrity ``eddsa-rdfc-2022``), pinned by tests/real_products/issuers/package-lock.json;
- SpruceID's DIDKit (``didkit`` on PyPI: the Rust ``ssi`` library with Python bindings), issuing
  Ed25519Signature2018 and Ed25519Signature2020.

Each stack issues, under a fixed did:key, a credential and a presentation of it, and the tampered
copies: a claim changed, one character of the signature changed, the issuer (or holder) swapped,
and a credential that expired yesterday (validly signed). The drivers under issuers/ are glue: they
call the library's issue and verify functions with its bundled contexts (no network). The harness
judges every item in one ``conformance validate --profile identity-credentials`` run: an item is
invalid when a finding names its file, undecided when it is noted as not judged, valid otherwise.

Where the two verdicts differ the reason is written down in ``DIFFERENCES`` with the clause it
rests on (docs/identity.md, "Credentials issued by open-source libraries"); any other disagreement
fails the test. The agreement count is printed."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.real_products.products import INSTALLED, installed

pytestmark = [pytest.mark.real_products, pytest.mark.slow]

ISSUERS = Path(__file__).parent / "issuers"
#: a bound on one driver's run (it issues and verifies up to 55 items), not a performance claim
DRIVER_BOUND_S = 300

#: (library, item name suffix) -> (what the harness says, why): each stated difference, with its clause
EXPIRY = ("valid", "the harness judges what a credential is and whether its proof verifies, not whether the moment "
                   "of the run is inside its validity period: an expired credential is a conformant artefact (VC Data "
                   "Model 2.0 4.9 orders validFrom and validUntil, ID-VC-002; its 7.1 Verification reads no clock, and "
                   "A.7 makes the validity period 'a component of validation, which is performed after verification'; "
                   "VC 1.1 A.5 likewise; docs/identity.md, 'The validity period and the clock'). "
                   "@digitalbazaar/vc's verify refuses it; DIDKit 0.3.3's "
                   "does not look at a Linked Data credential's expirationDate (it agrees with the harness) but "
                   "refuses a VC-JWT past its exp (RFC 7519 4.1.4: not accepted for processing)")
DIFFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("digitalbazaar", "-expired"): EXPIRY,
    ("digitalbazaar", "-presentation-expired-credential"): EXPIRY,
    ("didkit", "-jwt-expired"): EXPIRY,
}


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _ed25519_jwk(seed: int) -> dict[str, str]:
    """A fixed Ed25519 key pair as a private JWK (RFC 8037): the same did:key every run."""
    secret = bytes([seed]) * 32
    public = Ed25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "d": _encode(secret), "x": _encode(public)}


def _ec_jwk(curve: ec.EllipticCurve, name: str) -> dict[str, str]:
    """A fixed EC key pair as a private JWK (RFC 7518 6.2)."""
    key = ec.derive_private_key(0x62626262, curve)
    numbers = key.public_key().public_numbers()
    secret = key.private_numbers().private_value
    return {"kty": "EC", "crv": name, "x": _encode(numbers.x.to_bytes(32, "big")),
            "y": _encode(numbers.y.to_bytes(32, "big")), "d": _encode(secret.to_bytes(32, "big"))}


def _items(argv: list[str], stdin: str, cwd: Path) -> dict[str, Any]:
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, cwd=cwd, timeout=DRIVER_BOUND_S)
    # DIDKit's Python binding may crash at interpreter exit, after its output is complete: judged by the output
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"{argv[0]} exited {done.returncode}:\n{done.stderr[-3000:]}") from None


def digitalbazaar_items(folder: Path, now: str) -> dict[str, Any]:
    modules = INSTALLED / "js-vc" / "node_modules"
    if not (INSTALLED / "js-vc" / "installed").is_file():
        installed("js-vc", "node")  # skips with the install script's reason
    folder.mkdir()
    driver = folder / "digitalbazaar.mjs"
    driver.write_bytes((ISSUERS / "digitalbazaar.mjs").read_bytes())
    (folder / "node_modules").symlink_to(modules)  # Node resolves packages beside the script
    return _items(["node", str(driver), now], json.dumps({"p256": _ec_jwk(ec.SECP256R1(), "P-256")}), folder)


def didkit_items(folder: Path) -> dict[str, Any]:
    python = installed("didkit", "python")
    folder.mkdir()
    keys = json.dumps({"ed25519": _ed25519_jwk(1), "other": _ed25519_jwk(2),
                       "p256": _ec_jwk(ec.SECP256R1(), "P-256"), "secp256k1": _ec_jwk(ec.SECP256K1(), "secp256k1")})
    return _items([str(python), str(ISSUERS / "spruceid_didkit.py")], keys, folder)


def harness_verdicts(files: list[Path], out: Path) -> dict[str, str]:
    """file name -> valid / invalid / undecided, from one ``conformance validate`` run over all."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "conformance.cli", "validate", "--profile", "identity-credentials",
                           "--out", str(out), "--format", "json", "--no-progress", *map(str, files)],
                          capture_output=True, text=True, env=environment, timeout=600)
    report = out / "report.json"
    assert report.is_file(), done.stdout + done.stderr
    verdicts = {file.name: "valid" for file in files}
    for entry in json.loads(report.read_text(encoding="utf-8"))["requirements"]:
        for item in entry["evidence"]:
            name = Path(item.get("file") or "").name
            if name not in verdicts:
                continue
            if item.get("kind") == "finding":
                verdicts[name] = "invalid"
            elif item.get("unjudged") and verdicts[name] == "valid":
                verdicts[name] = "undecided"
    return verdicts


def test_the_harness_judges_issued_items_as_each_library_verifies_them(tmp_path: Path) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    produced = {"digitalbazaar": digitalbazaar_items(tmp_path / "digitalbazaar", now),
                "didkit": didkit_items(tmp_path / "didkit")}
    items = tmp_path / "items"
    items.mkdir()
    library_says: dict[str, tuple[str, str, str, str]] = {}
    for library, output in produced.items():
        assert len(output["items"]) >= 10, output
        for item in output["items"]:
            document = item["document"]
            if isinstance(document, str):  # a VC-JWT, as a .jwt file
                path = items / f"{library}--{item['name']}.jwt"
                path.write_text(document, encoding="ascii")
            else:
                path = items / f"{library}--{item['name']}.json"
                path.write_text(json.dumps(document, indent=1), encoding="utf-8")
            library_says[path.name] = (library, item["name"], "valid" if item["verified"] else "invalid",
                                       item["error"] or "")
    harness_says = harness_verdicts(sorted(items.iterdir()), tmp_path / "report")

    agree, stated, unexplained = 0, [], []
    for name, (library, item, verdict, error) in sorted(library_says.items()):
        harness = harness_says[name]
        difference = next((why for (lib, suffix), why in DIFFERENCES.items()
                           if lib == library and item.endswith(suffix)), None)
        if harness == verdict:
            agree += 1
            assert difference is None, f"{name}: written down as a difference, but both say {verdict}"
        elif difference is not None and difference[0] == harness:
            stated.append(f"{name}: {library} says {verdict} ({error}); the harness {harness}: {difference[1][:80]}…")
        else:
            unexplained.append(f"{name}: {library} says {verdict} ({error}), the harness says {harness}")
    total = len(library_says)
    print(f"\nissued by {', '.join(o['library'] for o in produced.values())}: "
          f"{agree}/{total} agree, {len(stated)} stated differences, {len(unexplained)} unexplained")
    print("\n".join(stated))
    assert not unexplained, "\n".join(unexplained)
    # no tampered copy is accepted by the harness, whatever the library says
    tampered = [name for name in library_says if any(t in name for t in ("changed", "swapped"))]
    assert tampered and all(harness_says[name] == "invalid" for name in tampered)
    # and every item issued as valid is valid for the harness
    assert all(harness_says[name] == "valid" for name in library_says if "-valid." in name)
