"""Build the issue-50 ecosystem corpora outside the project: credentials, presentations and DID
documents from public sources the project had not used, each item labelled by its source.

    python bench/ecosystem_corpora.py OUT
    CONFORMANCE_IDENTITY_CORPORA=OUT python bench/fidelity.py --area identity

Each source is read from its repository at a pinned commit (a local clone under
``$CONFORMANCE_MIRRORS/<owner>+<name>/repo`` when there is one, else ``git clone`` from GitHub into
OUT/.clones) and written to ``OUT/<source>/`` with a ``sources.yaml`` naming repository,
commit, path, how each item is judged (``judge``) and the label with where it comes from:

* ``acapy``: ACA-Py's (openwallet-foundation/acapy) test DID documents (did:key resolver
  output its tests compare against: valid) and its signed credentials, presentation and
  documents (its tests assert they verify: verified; the BbsBlsSignature2020 and
  BbsBlsSignatureProof2020 ones too, verified with MATTR's BBS+ library, docs/identity.md).
* ``traceability-vocab``: the W3C CCG traceability vocabulary's credential examples (its
  published schemas' ``example``; the vocabulary's CI checks each against its schema and
  context): valid.
* ``presentation-exchange``: DIF Presentation Exchange's sample implementation test vectors
  (a JSON-LD credential and presentation its tests evaluate): valid.
* ``openbadges-spec-examples``: the Open Badges 3.0 specification's examples (ob_v3p0/examples,
  each a ``<pre class="json example vc">``): valid.
* ``digitalbazaar-vc-dates``: the date strings digitalbazaar/vc's tests accept or reject as
  XML Schema dateTime (test/20-dateRegex.spec.js), each as the issuanceDate of a VC 1.1
  credential (VC 1.1 4.6 types it xsd:dateTime): valid or invalid as the test asserts.
* ``digitalbazaar-ecdsa-rdfc-2019``: the signed fixtures Digital Bazaar's ecdsa-rdfc-2019
  cryptosuite verifies in its tests (test/test-vectors.js: the W3C P-256 and P-384 vectors and
  the specification's Example 48): verified.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

SOURCES = {
    "acapy": ("openwallet-foundation/acapy", "51e0aa4c1987ecc6ecdcb629a44e471ff7a49edf"),
    "traceability-vocab": ("w3c-ccg/traceability-vocab", "4e2a0fbe69d84f0f528af4574abf52b7e055b17a"),
    "presentation-exchange": ("decentralized-identity/presentation-exchange",
                              "7cbe949c95fe1e19413b24c9b49dc34f76f5d76a"),
    "openbadges-spec-examples": ("1EdTech/openbadges-specification", "1af145ff2dc6e22627e79eb5d0f9afca06ea2489"),
    "digitalbazaar-vc-dates": ("digitalbazaar/vc", "7ddb985a67e42afeb24ef833a5b45ecb72d7771d"),
    "digitalbazaar-ecdsa-rdfc-2019": ("digitalbazaar/ecdsa-rdfc-2019-cryptosuite",
                                      "015dac06783a1cc355d5c413d9660b49820d396c"),
}
LICENCES = {"acapy": "Apache-2.0", "traceability-vocab": "W3C Software and Document License",
            "presentation-exchange": "Apache-2.0", "openbadges-spec-examples": "1EdTech specification examples",
            "digitalbazaar-vc-dates": "BSD-3-Clause", "digitalbazaar-ecdsa-rdfc-2019": "BSD-3-Clause"}


class Repo:
    def __init__(self, name: str, out: Path) -> None:
        self.repository, self.commit = SOURCES[name]
        owner_name = self.repository.replace("/", "+")
        mirror = Path(os.environ.get("CONFORMANCE_MIRRORS", "/work/.mirror")) / owner_name / "repo"
        self.git = mirror if mirror.is_dir() else self._clone(out / ".clones" / owner_name)

    def _clone(self, where: Path) -> Path:
        if not where.is_dir():
            subprocess.run(["git", "clone", "--quiet", "--filter=blob:none", "--no-checkout",
                            f"https://github.com/{self.repository}.git", str(where)], check=True)
        return where

    def show(self, path: str) -> str:
        return subprocess.run(["git", "-C", str(self.git), "show", f"{self.commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout

    def ls(self, folder: str) -> list[str]:
        out = subprocess.run(["git", "-C", str(self.git), "ls-tree", "--name-only", f"{self.commit}:{folder}"],
                             check=True, capture_output=True, text=True).stdout
        return [f"{folder}/{n}" for n in out.split()]


def _literals(source: str) -> dict[str, Any]:
    """The module-level NAME = {...} literals of a Python test module."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


RELATIONSHIPS = ("authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation")
#: Items whose source's label a specification section contradicts: (expected, the section and why).
RELABELLED = {
    ("traceability-vocab", "ActivityPubActorCard.json"): (
        "invalid", "JSON-LD 1.1 4.1.11 (protected term redefinition): the ActivityStreams context redefines "
        "name, a term the VC 2.0 context (VC 2.0 B.1, its published digest) protects; the vocabulary's CI expands "
        "with its own copy of that context (services/contexts/vc-v1.json)"),
    **{("traceability-vocab", f"FSMA{kind}CTECredential.json"): (
        "invalid", "JSON-LD 1.1 4.1.11 (protected term redefinition): a scoped context of the traceability "
        "context redefines name, which the VC 2.0 context protects; the vocabulary's CI expands with its own copy "
        "of the VC context (services/contexts/vc-v1.json)") for kind in ("Creating", "Receiving", "Shipping",
                                                                             "Transforming")},
    **{("traceability-vocab", f"GS1{kind}Credential.json"): (
        "invalid", "VC 2.0 4.5: a type expands to an IRI; under the GS1 contexts as the vocabulary's tests keep them "
        "(bundled from services/contexts, not checked against ref.gs1.org) the status type CredentialStatusList2021 "
        "is defined by none and stays relative") for kind in ("8PrefixLicense", "CompanyPrefixLicense", "Data",
                                                               "Delegation", "PrefixLicense")},
    **{("traceability-vocab", f"GS1{kind}Credential.json"): (
        "invalid", "JSON-LD 1.1 4.1.11 (protected term redefinition) under the GS1 contexts as the vocabulary's "
        "tests keep them (not checked against ref.gs1.org): a term the VC 2.0 context protects is redefined")
      for kind in ("IdentificationKeyLicense", "Key")},
    ("presentation-exchange", "vp-ld.json"): (
        "invalid", "VC 1.1 4.2: a presentation's id is a single URI; 'ebc6f1c2' has no scheme"),
}


def acapy(repo: Repo) -> list[dict[str, Any]]:
    items = []
    path = "acapy_agent/did/tests/test_dids.py"
    for name, value in _literals(repo.show(path)).items():
        if name.startswith("DID_") and isinstance(value, dict):
            empty = [r for r in RELATIONSHIPS if value.get(r) == []]
            items.append({"name": f"{name[:40]}.json", "data": value, "path": path, "judge": "did-document",
                          "expected": "invalid" if empty else "valid",
                          "label": f"DID Core 5.3: {', '.join(empty)} present but empty, where a verification "
                                   "relationship is a set of one or more verification methods (acapy's tests expect "
                                   "the document as its resolver emits it)" if empty
                          else "the did:key document its resolver tests expect"})
    for path, names in (("acapy_agent/vc/vc_ld/tests/test_credential.py",
                         ("CREDENTIAL_ISSUED", "CREDENTIAL_ISSUED_2020", "CREDENTIAL_ISSUED_BBS",
                          "PRESENTATION_SIGNED")),
                        ("acapy_agent/vc/ld_proofs/tests/test_doc.py",
                         ("DOC_SIGNED", "DOC_SIGNED_2020", "DOC_SIGNED_BBS", "DOC_DERIVED_BBS"))):
        literals = _literals(repo.show(path))
        for name in names:
            if name in literals:
                items.append({"name": f"{name.lower()}.json", "data": literals[name], "path": path, "judge": "proof",
                              "expected": "verified", "label": f"{path.rsplit('/', 1)[1]} verifies {name}"})
    return items


def traceability(repo: Repo) -> list[dict[str, Any]]:
    items = []
    for path in repo.ls("openapi/components/schemas/credentials"):
        schema = yaml.safe_load(repo.show(path))
        example = schema.get("example") if isinstance(schema, dict) else None
        if not isinstance(example, str):
            continue
        try:
            data = json.loads(example)
        except ValueError:
            continue
        items.append({"name": path.rsplit("/", 1)[1].replace(".yml", ".json"), "data": data, "path": path,
                      "judge": "data-model", "expected": "valid", "label": "the vocabulary's published example"})
    return items


def presentation_exchange(repo: Repo) -> list[dict[str, Any]]:
    base = "sample-implementation/src/__fixtures__/test-vectors"
    return [{"name": n, "data": json.loads(repo.show(f"{base}/{n}")), "path": f"{base}/{n}", "judge": "data-model",
             "expected": "valid", "label": "a test vector its sample implementation evaluates"}
            for n in ("vc-ld.json", "vp-ld.json")]


PRE = re.compile(r'<pre\s+class="json example (?:vc|vp)[^"]*"[^>]*>(.*?)</pre>', re.S)


def openbadges(repo: Repo) -> list[dict[str, Any]]:
    items = []
    for path in repo.ls("ob_v3p0/examples"):
        for index, block in enumerate(PRE.findall(repo.show(path))):
            try:
                data = json.loads(block)
            except ValueError:
                continue  # an example with an ellipsis or comments is no document
            stem = path.rsplit("/", 1)[1].removesuffix(".html")
            items.append({"name": f"{stem}-{index}.json", "data": data, "path": path, "judge": "data-model",
                          "expected": "valid", "label": "an example of the specification"})
    return items


def vc_dates(repo: Repo) -> list[dict[str, Any]]:
    path = "test/20-dateRegex.spec.js"
    items = []
    asserted = re.findall(r"assertDateTime\('([^']*)',\s*(true|false)\)", repo.show(path))
    for index, (date, verdict) in enumerate(asserted):
        credential = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
                      "issuer": "did:example:issuer", "issuanceDate": date,
                      "credentialSubject": {"id": "did:example:subject"}}
        items.append({"name": f"date-{index:02d}.json", "data": credential, "path": path, "judge": "data-model",
                      "expected": "valid" if verdict == "true" else "invalid",
                      "label": f"its test asserts {date!r} is {'' if verdict == 'true' else 'not '}"
                               "an XML Schema dateTime"})
    return items


def _objects_after(text: str, marker: str) -> list[Any]:
    """Each JSON object literal that follows ``marker`` in a JavaScript test file (its quoted
    keys make it JSON)."""
    found = []
    for match in re.finditer(re.escape(marker), text):
        start = text.index("{", match.end())
        depth = 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                found.append(json.loads(text[start:end + 1]))
                break
    return found


def ecdsa_rdfc(repo: Repo) -> list[dict[str, Any]]:
    path = "test/test-vectors.js"
    return [{"name": f"signed-fixture-{index}.json", "data": fixture, "path": path, "judge": "proof",
             "expected": "verified", "label": "test/test-vectors.spec.js: should verify the signed fixture"}
            for index, fixture in enumerate(_objects_after(repo.show(path), "signedFixture:"))]


BUILDERS = {"acapy": acapy, "traceability-vocab": traceability, "presentation-exchange": presentation_exchange,
            "openbadges-spec-examples": openbadges, "digitalbazaar-vc-dates": vc_dates,
            "digitalbazaar-ecdsa-rdfc-2019": ecdsa_rdfc}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__)
        return 2
    out = Path(argv[0])
    for name, build in BUILDERS.items():
        repo = Repo(name, out)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        listing = []
        for item in build(repo):
            if (name, item["name"]) in RELABELLED:
                item["expected"], item["label"] = RELABELLED[name, item["name"]]
            (folder / item["name"]).write_text(json.dumps(item["data"], indent=2) + "\n", encoding="utf-8")
            listing.append({"file": item["name"], "path": item["path"], "judge": item["judge"],
                            "expected": item["expected"], "label": item["label"]})
        (folder / "sources.yaml").write_text(yaml.safe_dump({
            "repository": repo.repository, "commit": repo.commit, "licence": LICENCES[name], "items": listing},
            sort_keys=False, allow_unicode=True), encoding="utf-8")
        print(f"{name}: {len(listing)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
