"""ID-RES-003 (1.3): a DID resolution result is application/did-resolution, or the JSON-LD form
of earlier drafts with its profile, as the notes say; plain application/ld+json is neither."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_resolution", ROOT / "suites/identity/test_resolution.py")
resolution = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resolution)


@pytest.mark.parametrize(("content_type", "accepted"), [
    ("application/did-resolution", True),
    ("Application/DID-Resolution; charset=utf-8", True),
    ('application/ld+json;profile="https://w3id.org/did-resolution"', True),
    ('application/ld+json; profile="https://www.w3.org/ns/json-ld#compacted https://w3id.org/did-resolution"', True),
    ("application/ld+json", False),  # was accepted before 1.3: looser than the notes
    ('application/ld+json;profile="https://example.com/other"', False),
    ("application/json", False),
    ("", False),
])
def test_the_media_types_the_notes_name_and_no_other(content_type, accepted):
    assert resolution.resolution_media_type(content_type) is accepted


class Evidence:
    def __init__(self):
        self.found = []

    def finding(self, message, **members):
        self.found.append(members)

    def findings_from(self, findings, **location):
        return 0


def test_a_result_as_plain_json_ld_is_a_finding(catalog):
    did = "did:web:identity.example.com"
    result = {"didDocument": {"@context": "https://www.w3.org/ns/did/v1", "id": did},
              "didResolutionMetadata": {"contentType": "application/did+ld+json"}, "didDocumentMetadata": {}}
    response = SimpleNamespace(requested=f"GET http://t/1.0/identifiers/{did}", json=lambda: result,
                               headers={"content-type": "application/ld+json"})
    evidence = Evidence()
    resolution.check_resolution_result(response, did, catalog.schemas, evidence)
    assert [f["actual"] for f in evidence.found] == ["application/ld+json"]
    response.headers = {"content-type": "application/did-resolution"}
    evidence = Evidence()
    resolution.check_resolution_result(response, did, catalog.schemas, evidence)
    assert evidence.found == []
