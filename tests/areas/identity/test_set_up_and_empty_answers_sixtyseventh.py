"""The sixty-seventh reading of issue 76, part h130-idp: d1, an empty 2xx resolver answer holds no public data, so
ID-PRIV-001 and ID-PRIV-002 leave it unjudged (naming ID-RES-001) as they leave one whose body is not JSON, and a
resolver answering every request so no longer passes on nothing (before: the answer counted as judged); b2, the
inconclusive path ID-REG-002's 不确定 line now names, a provisioning of the user without real-name verification
answered 5xx. The d1 tests fail on the branch's base (a3e84674c)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_privacy_d1", ROOT / "suites/identity/test_privacy.py")
privacy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(privacy)


class _Empty:
    """A resolver answering every representation ``status`` with no body."""

    def __init__(self, status: int) -> None:
        self.status = status

    def get(self, path, headers=None):
        def json():
            raise AssertionError("an empty body is not read as JSON")
        return SimpleNamespace(status=self.status, content=b"", json=json, requested=f"GET http://t{path}")


class _Evidence:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.unjudged_calls: list[tuple[str, str]] = []

    def note(self, message, **data):
        self.notes.append(str(message))

    def unjudged(self, where, message, **data):
        self.unjudged_calls.append((where, str(message)))


@pytest.fixture(scope="module")
def schemas(catalog):
    return catalog.schemas


@pytest.mark.parametrize("status", [200, 204, 303])
def test_d1_an_empty_answer_is_no_answer_judged(status, schemas):
    """Each of the three representations is left unjudged naming ID-RES-001, and with nothing judged the verdict is
    inconclusive; before, each counted as judged and nothing was raised (a pass on no data)."""
    evidence = _Evidence()
    with pytest.raises(Inconclusive):
        list(privacy._resolved(_Empty(status), "did:web:example.com", schemas, evidence))
    assert len(evidence.unjudged_calls) == 3
    assert all("ID-RES-001" in message for _, message in evidence.unjudged_calls)


def test_d1_a_resolver_answering_200_with_no_body_passes_neither_privacy_case(run_manifest, catalog):
    ids = ["ID-PRIV-001", "ID-PRIV-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path.startswith("/1.0/identifiers/"),
                       status=200, body=b"") as url:
        result = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"ID-PRIV-001": "inconclusive", "ID-PRIV-002": "inconclusive"}
    for rid in ids:
        assert "ID-RES-001 judges that answer" in reasons(result, rid), rid


def test_b2_the_unverified_user_answered_5xx_leaves_id_reg_002_inconclusive(run_manifest, catalog):
    """R4's set-up provisions the verified user, then the unverified one: the second provisioning answered 500
    (neither a 4xx nor an identity) makes the case inconclusive, as its 不确定 line says."""
    provisions = []

    def second_provisioning(method: str, path: str, query: str) -> bool:
        if method == "POST" and path == "/test-identities":
            provisions.append(path)
            return len(provisions) == 2
        return False
    ids = ["ID-REG-002"]
    with serve_failing(second_provisioning, status=500) as url:
        result = run_manifest(manifest_for(catalog, "identity-registrar", base_urls={"api": url}), requirements=ids)
    assert len(provisions) == 2
    assert verdicts(result, ids) == {"ID-REG-002": "inconclusive"}
