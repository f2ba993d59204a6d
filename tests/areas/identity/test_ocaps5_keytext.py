"""The sixty-ninth reading, part h133-ocaps5: a DID document holding key text past 5.1's reading bound 「密钥文本的长度」
(``multikey.MAX_KEY_TEXT``) is not judged whole (``didcore.Unjudged``), neither passed on the rest silently nor failed."""

from __future__ import annotations

import pytest

from conformance.areas.identity import didcore, multikey
from conformance.codecs.bases import base58_encode

KEY = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"  # an Ed25519 did:key (did:key 0.7's example)


def _document(material: dict[str, str], did: str = "did:example:123") -> dict[str, object]:
    method = {"id": f"{did}#{KEY}", "type": "Multikey", "controller": did, **material}
    return {"id": did, "verificationMethod": [method]}


@pytest.fixture
def low(monkeypatch: pytest.MonkeyPatch) -> int:
    assert multikey.MAX_KEY_TEXT == 10_000
    monkeypatch.setattr(multikey, "MAX_KEY_TEXT", 40)
    monkeypatch.setattr(didcore, "MAX_KEY_TEXT", 40)
    return 40


def test_a_multibase_key_past_the_bound_is_unjudged_not_passed(low: int) -> None:
    found = didcore.document_problems(_document({"publicKeyMultibase": "z" + "1" * low}))
    assert [type(f) for f in found] == [didcore.Unjudged], found
    assert "密钥文本的长度" in found[0].message or "length of key text" in found[0].message
    assert found[0].pointer == "/verificationMethod/0/publicKeyMultibase"
    assert didcore.document_problems(_document({"publicKeyMultibase": "z" + "1" * (low - 2)})) == []  # within: judged


def test_a_did_key_past_the_bound_is_unjudged(low: int) -> None:
    did = "did:key:z" + "2" * low
    found = didcore.document_problems({"id": did, "verificationMethod": []})
    assert [type(f) for f in found] == [didcore.Unjudged] and found[0].pointer == "/id"


def test_a_base58_key_compared_past_the_bound_is_unjudged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(didcore, "MAX_KEY_TEXT", 60)
    did = "did:key:" + KEY
    long_key = base58_encode(b"\x01" * 60)
    found = didcore.document_problems(_document({"publicKeyBase58": long_key}, did))
    assert any(isinstance(f, didcore.Unjudged) for f in found), found
    assert not any(f.extra.get("check") == "did-key-agreement" for f in found)


def test_data_model_parts_the_unjudged_from_findings_and_notes(low: int) -> None:
    class Schemas:
        def findings(self, document: object, schema: str) -> list[didcore.Finding]:
            return []

    findings, notes, unjudged = didcore.data_model(_document({"publicKeyMultibase": "z" + "1" * low}),
                                                   Schemas())  # type: ignore[arg-type]
    assert findings == [] and notes == [] and len(unjudged) == 1
