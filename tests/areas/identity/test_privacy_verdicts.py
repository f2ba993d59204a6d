"""ID-PRIV-001/002 never pass on nothing: when every resolver answer is a 5xx or 429 the
answers are noted and the verdict is inconclusive (issue 14, item 3)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_privacy", ROOT / "suites/identity/test_privacy.py")
privacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(privacy)


class Api:
    def __init__(self, status: int, body: bytes = b'{"title": "busy"}'):
        self.status, self.body = status, body

    def get(self, path, headers=None):
        return SimpleNamespace(status=self.status, content=self.body, json=lambda: {"title": "busy"})


class Evidence:
    def __init__(self):
        self.notes: list[str] = []

    def note(self, message, **data):
        self.notes.append(message)


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
