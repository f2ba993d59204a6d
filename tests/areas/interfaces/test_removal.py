"""IF-CODE-007: how the harness reads a removal notice, a listing and a standing, and the
reference's removal and appeals. The planted defects run in suites/interfaces/known_bad.yaml."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas._shared.registry import metadata
from conformance.areas.interfaces.removal import listed, notice_findings, notified, removal_categories
from conformance.reference.interfaces import removal
from conformance.reference.interfaces.reporting import CONDUCT
from conformance.reference.interfaces.standing import Community

NOTICE = {"type": "https://x.example/problems/content-removed", "status": 410, "sanction": "removal",
          "report_id": "rep-1", "rule": "CR-ILL-1"}


def test_the_reference_publishes_rules_that_remove_content():
    assert removal_categories(CONDUCT) == ["illegal-content", "minor-safety"]


@pytest.mark.parametrize(("status", "body", "rules"), [
    (410, NOTICE, []),
    (404, {**NOTICE, "sanction": None, "detail": "removed by the decision on report rep-1"}, []),
    (200, {"asset_id": "a"}, ["R1"]),
    (410, {**NOTICE, "report_id": "rep-2"}, ["R1"]),  # another decision
    (410, {"type": "https://x.example/problems/gone", "status": 410, "rule": "CR-ILL-1"}, ["R1"]),
    (410, {k: v for k, v in NOTICE.items() if k != "rule"}, ["R3"]),
    (410, "gone", ["R1", "R3"]),
])
def test_a_removal_notice_names_the_decision_and_cites_the_rule(status, body, rules):
    assert [f.rule for f in notice_findings(status, body, "rep-1", "CR-ILL-1", "f")] == rules


def test_a_notice_is_not_held_to_a_rule_the_outcome_does_not_cite():
    assert notice_findings(410, {k: v for k, v in NOTICE.items() if k != "rule"}, "rep-1", None, "f") == []


@pytest.mark.parametrize(("body", "expected"), [
    ({"items": [{"asset_id": "a"}, {"asset_id": "b"}]}, True), ({"items": [{"asset_id": "c"}]}, False),
    ({"items": "a"}, False), (["a"], False), ({"items": [None, 3]}, False),
])
def test_a_listing_holds_an_item_only_by_its_asset_id(body, expected):
    assert listed(body, "a") is expected


def test_the_standing_notifies_by_the_content_or_the_report():
    entry = {"identity": "did:web:a", "sanction": "removal"}
    assert notified({"sanctions": [{**entry, "subject": "a"}]}, "a", "rep-1")
    assert notified({"sanctions": [{**entry, "report_id": "rep-1"}]}, "a", "rep-1")
    assert not notified({"sanctions": [{**entry, "sanction": "warning", "subject": "a"}]}, "a", "rep-1")


def test_the_reference_removes_only_content_and_tells_its_author():
    community = Community()
    community.author_of = {"asset-1": "did:web:author"}.get
    community.remove("not-content", {"report_id": "rep-0", "rule": "CR-ILL-1", "since": "2026-01-01T00:00:00Z"})
    assert community.removed == {} and community.removal_authors == {}
    community.remove("asset-1", {"report_id": "rep-1", "rule": "CR-ILL-1", "since": "2026-01-01T00:00:00Z"})
    assert community.removal_authors == {"rep-1": "did:web:author"}
    (entry,) = community.standing("did:web:author")["sanctions"]
    assert entry["sanction"] == "removal" and entry["subject"] == "asset-1"
    silent = Community(frozenset({"removal-author-not-notified"}))
    silent.author_of = community.author_of
    silent.remove("asset-1", {"report_id": "rep-1", "rule": "CR-ILL-1", "since": "2026-01-01T00:00:00Z"})
    assert "asset-1" in silent.removed and silent.standing("did:web:author")["sanctions"] == []


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def _identity(client: httpx.Client) -> tuple[str, dict[str, str]]:
    body = client.post("/test-identities", json={}).json()
    return body["did"], {"Authorization": f"Bearer {body['token']}"}


def test_removed_content_answers_410_and_its_author_alone_may_appeal(client):
    did, author = _identity(client)
    _, stranger = _identity(client)
    item = "conformance-unit-removal"
    assert client.post("/assets", json=metadata(item, did), headers=author).status_code == 201
    ack = client.post("/reports", json={"subject": item, "category": "illegal-content"}).json()
    gone = client.get(f"/assets/{item}")
    assert gone.status_code == 410 and gone.json()["report_id"] == ack["report_id"]
    assert gone.json()["rule"] == "CR-ILL-1"
    assert item not in {i["asset_id"] for i in client.get("/assets", params={"owner": did}).json()["items"]}
    body = {"report_id": ack["report_id"], "statement": "mine"}
    assert client.post(removal.APPEALS_PATH, json=body, headers=author).status_code == 201
    assert client.post(removal.APPEALS_PATH, json=body, headers=stranger).status_code == 403
    assert client.post(removal.APPEALS_PATH, json=body).status_code == 401


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3), max_leaves=6)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report_id=json_values, statement=json_values)
def test_the_appeals_endpoint_answers_any_body_with_a_problem_or_an_appeal(client, report_id, statement):
    _, headers = _identity(client)
    answer = client.post(removal.APPEALS_PATH, json={"report_id": report_id, "statement": statement}, headers=headers)
    assert answer.status_code in (201, 400, 403, 404), answer.text
    if answer.status_code >= 400:
        assert answer.headers["content-type"].startswith("application/problem+json")


# -- a listing that never held the item (issue 59): R2 (removal-listed) unchecked, the requirement inconclusive --

def _if_code_007(catalog, run_manifest, base_url: str):
    from tests.conftest import manifest_for

    result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": base_url}),
                          requirements=["IF-CODE-007"])
    return next(r for r in result.report.requirements if r.requirement == "IF-CODE-007")


@pytest.mark.slow
def test_an_item_never_listed_leaves_if_code_007_inconclusive_naming_the_rule(catalog, serve_reference,
                                                                             run_manifest):
    """The reference's listing without asset_id (defect asset-list-without-ids) never shows the
    item: whether the removal took it out of the listing cannot be seen."""
    record = _if_code_007(catalog, run_manifest, serve_reference(["asset-list-without-ids"]))
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R2" in record.message and "/assets?owner=" in record.message


@pytest.mark.slow
def test_an_item_never_listed_still_fails_a_removal_left_served(catalog, serve_reference, run_manifest):
    record = _if_code_007(catalog, run_manifest,
                          serve_reference(["asset-list-without-ids", "removal-content-still-served"]))
    assert record.verdict.value == "fail", record.message
    assert "is still served" in record.message


@pytest.mark.slow
def test_the_reference_passes_if_code_007_with_every_rule_checked(catalog, reference_url, run_manifest):
    assert _if_code_007(catalog, run_manifest, reference_url).verdict.value == "pass"


def test_an_error_at_the_removed_contents_url_is_not_said_to_serve_it():
    """Issue 71: a 500 there breaks the rule (404 or 410) but is no proof the content is served."""
    (served,) = notice_findings(200, None, "rep-1", None, "f")
    (error,) = notice_findings(500, None, "rep-1", None, "f")
    assert "still served" in served.message and "still served" not in error.message
    assert served.rule == error.rule == "R1"


# -- IF-MOD-001: the test set of violating test content and the reference's review --------------

def test_the_test_set_plants_the_marker_in_one_field_each_and_keeps_a_clean_control():
    from conformance.areas.interfaces.screening import FIELDS, MARKER, planted_set

    entries = planted_set("conformance-screen-x", "did:web:author")
    planted = [e for e in entries if e.planted]
    (control,) = [e for e in entries if not e.planted]
    assert [e.field for e in planted] == list(FIELDS)
    for entry in planted:
        changed = {k for k in entry.metadata if entry.metadata[k] != metadata(entry.asset_id, "did:web:author")[k]}
        assert changed == {entry.field} and f"{MARKER}:illegal" in entry.metadata[entry.field]
    assert control.metadata == metadata(control.asset_id, "did:web:author")
    assert len({e.asset_id for e in entries}) == len(entries)


def test_the_reference_refuses_marked_content_only():
    from conformance.areas.interfaces.screening import planted_set
    from conformance.reference.interfaces import screening

    entries = planted_set("conformance-screen-x", "did:web:author")
    for entry in entries:
        if entry.planted:
            with pytest.raises(screening.ContentRefused) as caught:
                screening.screen(entry.metadata, frozenset())
            assert caught.value.status == 422 and caught.value.extra == {"category": "illegal"}
            screening.screen(entry.metadata, frozenset({"violating-content-published"}))  # let through
        else:
            screening.screen(entry.metadata, frozenset())
            with pytest.raises(screening.ContentRefused):
                screening.screen(entry.metadata, frozenset({"screening-refuses-all"}))
