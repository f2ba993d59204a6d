"""A bundled JSON-LD context is loaded and resolved once per process (pyld's cache, the context
tagged "static": the pinned bytes never change in a process); a context a run declares is served
for that run only, so a later run declaring other content under the same URL expands by it."""

from __future__ import annotations

from conformance.areas._shared import jsonld

BUNDLED = "https://www.w3.org/2018/credentials/v1"
DECLARED = "https://vendor.test/contexts/v1"


def _counting(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = jsonld._loader

    def counting(url, options=None):
        calls.append(url)
        return original(url, options)

    monkeypatch.setattr(jsonld, "_loader", counting)
    return calls


def test_a_bundled_context_is_not_loaded_again(monkeypatch):
    calls = _counting(monkeypatch)
    document = {"@context": BUNDLED, "type": "VerifiableCredential", "issuer": "did:example:a"}
    first = jsonld.expand(document)
    assert jsonld.expand(document) == first
    assert calls.count(BUNDLED) <= 1  # once, or never when an earlier test of the process resolved it


def test_a_declared_context_is_read_again_in_each_run(monkeypatch):
    calls = _counting(monkeypatch)
    document = {"@context": DECLARED, "colour": "red"}
    with jsonld.serving({DECLARED: {"@context": {"colour": "https://vendor.test/vocab#colour"}}}):
        first = jsonld.expand(document)
    with jsonld.serving({DECLARED: {"@context": {"colour": "https://vendor.test/vocab#color"}}}):
        second = jsonld.expand(document)
    assert first == [{"https://vendor.test/vocab#colour": [{"@value": "red"}]}]
    assert second == [{"https://vendor.test/vocab#color": [{"@value": "red"}]}]
    assert calls.count(DECLARED) == 2
