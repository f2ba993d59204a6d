"""ID-PRIV-001/002 never pass on nothing: when every resolver answer is a 5xx or 429 the
answers are noted and the verdict is inconclusive (issue 14, item 3)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive, NonConformance
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_privacy", ROOT / "suites/identity/test_privacy.py")
privacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(privacy)


class Api:
    def __init__(self, status: int, body: bytes = b'{"title": "busy"}'):
        self.status, self.body = status, body

    def get(self, path, headers=None):
        return SimpleNamespace(status=self.status, content=self.body, json=lambda: {"title": "busy"},
                               requested=f"GET http://t{path}")


class Evidence:
    def __init__(self):
        self.notes: list[str] = []

    def note(self, message, **data):
        self.notes.append(message)


class HtmlApi:
    """A resolver route that does not exist: 404 with an HTML page (no JSON to judge)."""

    def get(self, path, headers=None):
        def json():
            raise NonConformance("the body is not valid JSON")
        return SimpleNamespace(status=404, content=b"<html>Not Found</html>", json=json, requested=f"GET http://t{path}")


@pytest.fixture(scope="module")
def schemas(catalog):
    return catalog.schemas  # the shipped schemas, meta-validated once a session (not at collection)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_only_unanswered_resolutions_make_it_inconclusive(status, schemas):
    evidence = Evidence()
    with pytest.raises(Inconclusive, match="nothing was judged"):
        list(privacy._resolved(Api(status), "did:web:example.com", schemas, evidence))
    assert len(evidence.notes) == 3  # one per representation asked for


def test_answers_that_were_given_are_judged(schemas):
    answers = list(privacy._resolved(Api(404), "did:web:example.com", schemas, Evidence()))
    assert len(answers) == 3


def test_a_404_page_is_nothing_to_judge_not_a_failure(schemas):
    # issue 59: a privacy requirement over a body that does not exist used to fail (not JSON)
    evidence = Evidence()
    with pytest.raises(Inconclusive, match="nothing answers at GET http://t/1.0/identifiers/did:web:example.com"):
        list(privacy._resolved(HtmlApi(), "did:web:example.com", schemas, evidence))
    assert len(evidence.notes) == 3
