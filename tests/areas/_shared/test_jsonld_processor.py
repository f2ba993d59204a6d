"""The JSON-LD processor the harness expands with (areas/_shared/jsonld_processor.py) gives what
plain pyld gives, and reuses the processing of a type-scoped context from one document to the
next instead of building its term definitions again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld as pyld

from conformance.areas._shared import jsonld, jsonld_processor
from tests import jsonld_samples

CREDENTIAL_V2 = jsonld_samples.CREDENTIALS / "avatar-membership-v2.json"


def _documents() -> list[Path]:
    return [path for path, _ in jsonld_samples.with_context()]


def _plain(document: object, fallback_vocab: str | None = None) -> object:
    options: dict[str, object] = {"documentLoader": jsonld._loader}
    if fallback_vocab:
        options["expandContext"] = {"@vocab": fallback_vocab}
    try:
        return pyld.JsonLdProcessor().expand(document, options)
    except KeyError as exc:
        if exc.args != ("@vocab",):
            return "refused"
        # pyld's "@vocab": null quirk, which jsonld.expand works around the same way
        return _plain(jsonld._without_null_vocab(document), fallback_vocab)
    except (pyld.JsonLdError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return "refused"


def _ours(document: object, fallback_vocab: str | None = None) -> object:
    try:
        return jsonld.expand(document, fallback_vocab)
    except (jsonld.UnknownContext, jsonld.ExpansionError, jsonld.Unprocessable):
        return "refused"


def test_there_are_documents_to_compare():
    assert len(_documents()) >= 20


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_the_expansion_is_plain_pyld_s(path):
    document = json.loads(path.read_bytes())
    for vocab in (None, "urn:metaverse-conformance:undefined-term#"):
        plain = _plain(document, vocab)
        assert _ours(document, vocab) == plain
        assert _ours(document, vocab) == plain  # again, from what the first expansion left cached


def _term_definitions(monkeypatch) -> list[int]:
    made = [0]
    original = pyld.JsonLdProcessor._create_term_definition

    def counting(self, *args, **kwargs):
        made[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pyld.JsonLdProcessor, "_create_term_definition", counting)
    return made


def test_a_type_scoped_context_is_processed_once_not_once_a_document(monkeypatch):
    document = json.loads(CREDENTIAL_V2.read_bytes())
    made = _term_definitions(monkeypatch)
    jsonld.expand(document)  # whatever this process had not processed yet
    made[0] = 0
    again = jsonld.expand({**document, "id": "urn:uuid:another-credential"})
    reused = made[0]
    made[0] = 0
    assert pyld.JsonLdProcessor().expand(document, {"documentLoader": jsonld._loader})
    rebuilt = made[0]
    assert again and rebuilt > 0  # plain pyld builds the scoped contexts' definitions each time
    assert reused == 0, f"{reused} term definitions built again (plain pyld: {rebuilt})"


def test_the_children_kept_are_bounded(monkeypatch):
    monkeypatch.setattr(jsonld_processor, "KEPT", 1)
    monkeypatch.setattr(jsonld_processor.Processor, "_children", {})
    jsonld.expand(json.loads(CREDENTIAL_V2.read_bytes()))
    assert len(jsonld_processor.Processor._children) == 1


def test_a_context_object_is_found_by_its_json_not_canonicalised_each_time(monkeypatch):
    from pyld import context_resolver

    calls = [0]
    original = context_resolver.canonicalize

    def counting(value):
        calls[0] += 1
        return original(value)

    monkeypatch.setattr(context_resolver, "canonicalize", counting)
    document = json.loads(CREDENTIAL_V2.read_bytes())
    ours = jsonld.expand(document)
    assert calls[0] == 0  # every scoped and inline context keyed by the standard encoder
    assert pyld.JsonLdProcessor().expand(document, {"documentLoader": jsonld._loader}) == ours
    assert calls[0] > 0  # plain pyld canonicalises the same contexts


def test_equal_context_objects_share_a_resolution_and_others_do_not():
    from cachetools import LRUCache

    resolver = jsonld_processor.KeyedResolver(LRUCache(maxsize=10), jsonld._loader)

    def resolved(context):
        (found,) = resolver.resolve(None, context, "")
        return found

    first = resolved({"@vocab": "urn:a#", "name": {"@id": "urn:a#name"}})
    assert resolved({"name": {"@id": "urn:a#name"}, "@vocab": "urn:a#"}) is first  # members in another order
    assert resolved({"@context": {"@vocab": "urn:a#", "name": {"@id": "urn:a#name"}}}) is first
    for other in ({"@vocab": "urn:b#", "name": {"@id": "urn:a#name"}}, {"@vocab": "urn:a#"},
                  {"@vocab": "urn:a#", "name": {"@id": "urn:a#name", "@type": "@id"}}):
        assert resolved(other) is not first and resolved(other).document == other
    assert jsonld_processor._key({"x": 1.0}) != jsonld_processor._key({"x": None})
    assert jsonld_processor._key({"x": float("nan")}) is None  # JSON has no NaN: left to pyld's own key
