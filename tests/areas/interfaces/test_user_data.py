"""A user's data export and import (IF-UDP-*): the reference's routes, and the judging
functions of conformance.areas.interfaces.userdata, with hypothesis where the input is open."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas._shared.registry import metadata
from conformance.areas.interfaces import userdata
from conformance.reference.interfaces import userdata as reference

PROFILE = {"display_name": "Ann", "locale": "zh-CN", "settings": {"theme": "dark"},
           "avatars": [{"uri": "https://avatars.example/ann.vrm", "media_type": "model/gltf-binary"}]}

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**53) + 1, 2**53 - 1), st.text(max_size=20))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


def _user(client: httpx.Client) -> tuple[str, dict[str, str]]:
    body = client.post("/test-identities", json={}).json()
    return body["did"], {"Authorization": f"Bearer {body['token']}"}


def test_a_users_data_moves_between_two_instances(serve_reference):
    a, b = (httpx.Client(verify=verifying_context(), base_url=serve_reference([])),
            httpx.Client(verify=verifying_context(), base_url=serve_reference([])))
    did, auth = _user(a)
    other, other_auth = _user(a)
    assert a.put(f"/users/{did}/profile", json=PROFILE, headers=auth).json() == PROFILE
    assert a.post("/assets", json=metadata("udp-unit-0001", did), headers=auth).status_code == 201
    package = a.get(f"/users/{did}/export", headers=auth).json()
    assert userdata.integrity_problem(package, "sha-256-jcs") is None
    assert userdata.holding_ids(package) == ["udp-unit-0001"]
    # refused to another user, to no one, and the profile likewise
    assert a.get(f"/users/{did}/export", headers=other_auth).status_code == 403
    assert a.get(f"/users/{did}/export").status_code == 401
    assert a.get(f"/users/{did}/profile", headers=other_auth).status_code == 403
    # a DID that is not ASCII is another user too (it was a 500: compare_digest refuses such a str)
    assert a.get("/users/did:example:%C3%BC/profile", headers=auth).status_code == 403
    _user(b)  # B's first identity is A's subject's namesake; import as the second
    importer, importer_auth = _user(b)
    assert importer != did
    tampered = {**package, "profile": {**PROFILE, "display_name": "Mallory"}}
    assert b.post("/users/import", json={"export": tampered}, headers=importer_auth).status_code == 422
    assert b.post("/users/import", json={"export": package}).status_code == 401
    imported = b.post("/users/import", json={"export": package}, headers=importer_auth)
    assert imported.status_code == 201 and imported.json()["holdings"] == ["udp-unit-0001"]
    assert b.get(f"/users/{importer}/profile", headers=importer_auth).json() == PROFILE
    assert b.get("/assets/udp-unit-0001/state").json()["owner"] == did
    assert b.get("/assets/udp-unit-0001/history").json() == a.get("/assets/udp-unit-0001/history").json()
    # a second import of the same holdings is a conflict, not a second copy
    assert b.post("/users/import", json={"export": package}, headers=importer_auth).status_code == 409
    assert other not in str(package)


def test_the_reference_keeps_its_declared_daily_limit(serve_reference):
    a = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    did, auth = _user(a)
    limit = reference.TERMS["limits"]["exports_per_day"]
    statuses = [a.get(f"/users/{did}/export", headers=auth).status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [200] * limit
    assert statuses[-1] == 429


def test_a_late_export_is_served_only_a_day_past_the_30_days_on_the_users_clock(serve_reference):
    """user-export-late (IF-UDP-006's known-bad): 202 with a Location until the user's clock stands 31
    days after the request, so the harness, standing it at 30 days, sees no export."""
    a = httpx.Client(verify=verifying_context(), base_url=serve_reference(["user-export-late"]))
    did, auth = _user(a)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    statuses = []
    for days in (0, 30, 31):
        assert a.post("/test/clock", json={"at": (start + timedelta(days=days)).isoformat()},
                      headers=auth).status_code == 200
        answer = a.get(f"/users/{did}/export", headers=auth)
        statuses.append((answer.status_code, answer.headers.get("location")))
    assert statuses == [(202, f"/users/{did}/export"), (202, f"/users/{did}/export"), (200, None)]


def test_the_reference_refuses_profiles_it_cannot_keep(serve_reference):
    a = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    did, auth = _user(a)
    for bad in ([], {**PROFILE, "nickname": "x"}, {**PROFILE, "avatars": [{}] * 3},
                {**PROFILE, "settings": {str(i): i for i in range(reference.MAX_SETTINGS + 1)}}):
        answer = a.put(f"/users/{did}/profile", json=bad, headers=auth)
        assert answer.status_code == 422, bad
        assert answer.headers["content-type"] == "application/problem+json"


@settings(max_examples=60, deadline=None)
@given(profile=st.dictionaries(st.text(max_size=8), json_value, max_size=5), data=st.data())
def test_a_seal_holds_and_any_change_breaks_it(profile, data):
    package = reference.seal({"type": "UserDataExport", "subject": "did:web:x.example", "profile": profile,
                              "holdings": [], "exported_at": "2026-01-01T00:00:00Z"})
    assert userdata.integrity_problem(package, "sha-256-jcs") is None
    assert userdata.integrity_problem(package, "sha-512-jcs") is not None  # not the declared scheme
    changed = copy.deepcopy(package)
    changed["holdings"] = [data.draw(json_value)]  # anything where the package had nothing
    assert userdata.integrity_problem(changed, "sha-256-jcs") is not None


@settings(max_examples=60, deadline=None)
@given(value=json_value, path=st.lists(st.sampled_from(["a", "b", 0]), max_size=4), as_name=st.booleans())
def test_another_users_mark_is_found_wherever_it_is(value, path, as_name):
    needle = "did:web:other.example:u:7"
    planted: object = {needle: 1} if as_name else f"prefix {needle} suffix"
    for step in reversed(path):
        planted = [value, planted] if step == 0 else {step: planted, "rest": value}
    found = userdata.mentions({"holdings": planted, "profile": value}, {needle: "DID"})
    assert found and all(label == "DID" for _, label in found)


def test_hostile_packages_are_findings_not_crashes():
    assert userdata.integrity_problem([1, 2], "sha-256-jcs") is not None
    assert userdata.integrity_problem({"integrity": "x"}, "sha-256-jcs") is not None
    assert userdata.integrity_problem({"a": float("nan"), "integrity": {"algorithm": "sha-256-jcs"}},
                                      "sha-256-jcs") is not None
    deep: object = "leaf"
    for _ in range(10_000):  # deeper than any recursion limit: the walk is iterative
        deep = [deep]
    assert userdata.mentions({"x": deep}, {"leaf": "asset"}) == [("/x" + "/0" * 10_000, "asset")]
    # every node is walked (sixty-ninth reading, h133-ocaps): another user's data past the 200 000th node is found
    wide = {"items": ["b"] * 250_000 + ["a"]}
    assert userdata.mentions(wide, {"a": "asset"}) == [("/items/250000", "asset")]
    assert userdata.holding_ids({"holdings": "nope"}) == []
    assert userdata.completeness({"holdings": [1, {"metadata": []}]}, "did:web:x.example", {}, ["id-1"], {})


def test_completeness_names_each_difference():
    package = {"subject": "did:web:x.example", "profile": PROFILE, "holdings": [
        {"metadata": {"asset_id": "one"}, "events": [{"n": 1}]}]}
    assert userdata.completeness(package, "did:web:x.example", PROFILE, ["one"], {"one": [{"n": 1}]}) == []
    problems = dict(userdata.completeness(package, "did:web:y.example", {**PROFILE, "locale": "en"},
                                          ["one", "two"], {"one": [{"n": 2}]}))
    assert set(problems) == {"/subject", "/profile", "/holdings", "/holdings/0/events"}


@pytest.mark.slow
def test_an_export_not_served_fails_if_udp_001_only(catalog, serve_reference, run_manifest):
    """Issue 59: IF-UDP-002 (the seal) and IF-UDP-003 (nothing of another user) judge what an
    export holds; where B does not serve it they have nothing to judge there (inconclusive), and
    only IF-UDP-001, which asks that it be served, fails."""
    from tests.conftest import manifest_for, verdicts

    base_urls = {"api": serve_reference([]), "api_b": serve_reference(["user-export-unavailable"])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls)
    found = verdicts(run_manifest(manifest, requirements=["IF-UDP-001", "IF-UDP-002", "IF-UDP-003"]))
    assert found == {"IF-UDP-001": "fail", "IF-UDP-002": "inconclusive", "IF-UDP-003": "inconclusive"}


def test_the_reference_records_a_users_actions_and_forgets_them_on_deletion(serve_reference):
    """IF-UDP-007..009 at the reference: the export's activity names the profile set and the
    asset issued, each for a purpose the discovery document declares; a deletion by the user
    (refused to anyone else) leaves an empty export and no listing naming the user."""
    a = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    did, auth = _user(a)
    other, other_auth = _user(a)
    a.put(f"/users/{did}/profile", json=PROFILE, headers=auth)
    assert a.post("/assets", json=metadata("udp-unit-0101", did), headers=auth).status_code == 201
    package = a.get(f"/users/{did}/export", headers=auth).json()
    done = [("profile.set", did), ("asset.issue", "udp-unit-0101")]
    assert userdata.actions_missing(package, done) == []
    purposes = a.get("/.well-known/metaverse-interop").json()["user_data"]["purposes"]
    assert userdata.purpose_problems(package, purposes) == []
    assert a.delete(f"/users/{did}/data", headers=other_auth).status_code == 403
    assert a.delete(f"/users/{did}/data").status_code == 401
    assert a.delete(f"/users/{did}/data", headers=auth).status_code == 204
    after = a.get(f"/users/{did}/export", headers=auth).json()
    assert userdata.leftovers(after, {"Ann": "profile"}) == []
    assert a.get(f"/assets?owner={did}").json()["items"] == []
    assert other not in str(after)


def test_the_activity_judges_name_each_gap_and_survive_hostile_packages():
    package = {"activity": [{"action": "profile.set", "object": "did:web:x.example", "purpose": "account"},
                            {"action": "asset.issue", "object": "one", "purpose": "advertising"},
                            {"action": "asset.burn", "object": "one", "purpose": "account"}, "junk"]}
    done = [("profile.set", "did:web:x.example"), ("asset.issue", "one"), ("asset.issue", "two")]
    assert userdata.actions_missing(package, done) == [("asset.issue", "two")]
    problems = dict(userdata.purpose_problems(package, {"account": {"actions": ["profile.set"]}}))
    assert set(problems) == {"/activity/1/purpose", "/activity/2/action"}
    for hostile in ({}, {"activity": "x"}, {"activity": [1, None, []]}):
        assert userdata.actions_missing(hostile, done) == done
        assert userdata.purpose_problems(hostile, "not an object") == []
    assert userdata.activity({"activity": "x"}) is None
    left = dict(userdata.leftovers({"subject": "did:web:x.example", "profile": {"display_name": "Ann"},
                                    "holdings": [{}], "activity": []}, {"Ann": "profile"}))
    assert set(left) == {"/holdings", "/profile/display_name"}


@pytest.mark.parametrize(("defect", "export_keeps", "listed"), [
    ("user-delete-keeps-activity", ["/activity"], False),  # IF-UDP-009 R1 only
    ("user-delete-keeps-holdings", [], True),  # R2 only: the export is empty, the listing is not
])
def test_each_deletion_defect_breaks_one_rule(serve_reference, defect, export_keeps, listed):
    a = httpx.Client(verify=verifying_context(), base_url=serve_reference([defect]))
    did, auth = _user(a)
    a.put(f"/users/{did}/profile", json=PROFILE, headers=auth)
    assert a.post("/assets", json=metadata(f"udp-unit-{defect[-8:]}", did), headers=auth).status_code == 201
    assert a.delete(f"/users/{did}/data", headers=auth).status_code == 204
    after = a.get(f"/users/{did}/export", headers=auth).json()
    assert [pointer for pointer, _ in userdata.leftovers(after, {"Ann": "profile"})] == export_keeps
    assert bool(a.get(f"/assets?owner={did}").json()["items"]) is listed


def test_the_purpose_of_consent_observed_is_one_that_records_the_users_action():
    purposes = {"account": {"actions": ["profile.set"], "basis": "contract"},
                "ads": {"actions": ["asset.issue"], "basis": "consent"},
                "personalisation": {"actions": ["profile.set"], "basis": "consent"}}
    assert userdata.consent_purpose(purposes, "profile.set") == "personalisation"
    assert userdata.consent_purpose({"account": purposes["account"]}, "profile.set") is None
    assert userdata.consent_purpose(["not", "an", "object"], "profile.set") is None
    assert userdata.consent_purpose({"x": {"actions": "profile.set", "basis": "consent"}}, "profile.set") is None


def test_the_biometric_purpose_observed_is_a_sensitive_one():
    purposes = {"login": {"actions": ["biometric.enrol"], "basis": "consent"},
                "face-login": {"actions": ["biometric.enrol"], "basis": "consent", "sensitive": True}}
    assert userdata.consent_purpose(purposes, "biometric.enrol") == "login"
    assert userdata.consent_purpose(purposes, "biometric.enrol", sensitive=True) == "face-login"
    assert userdata.consent_purpose({"login": purposes["login"]}, "biometric.enrol", sensitive=True) is None


def test_a_retention_is_whole_seconds_a_purpose_states():
    """IF-UDP-012 R1: only a positive whole number of seconds is a stated retention."""
    purposes = {"a": {"retention_s": 86_400}, "b": {"retention_s": True}, "c": {"retention_s": 0},
                "d": {"retention_s": 1.5}, "e": {}, "f": "x"}
    assert [p for p in purposes if userdata.retention_of(purposes, p) is not None] == ["a"]
    assert userdata.retention_of(["not", "an", "object"], "a") is None
    assert userdata.retention_of(purposes, "missing") is None
