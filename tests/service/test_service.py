"""The service (issue 78): accounts with TOTP, CSRF, security headers, manifests checked by the
harness's loader, secrets sealed, tenant isolation over every route with an object id. One app
for the module, in process (Starlette's TestClient, httpx underneath; no lifespan, so no
worker); the run on the reference is in test_service_run.py."""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select, update
from starlette.routing import Route
from starlette.testclient import TestClient

from conformance.service import auth
from conformance.service.app import create_app
from conformance.service.config import load_config
from conformance.service.models import Application, AuditRow, LoginSession, Run, Secret, User, now

MANIFEST = """product: {name: My Platform API, version: 1.0.0, vendor: Me}
profiles: [interfaces-core]
targets:
  api: {adapter: http, base_url: "https://127.0.0.1:9"}
"""
PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(load_config(tmp_path_factory.mktemp("service"), secure_cookies=False))


def client(app) -> TestClient:
    return TestClient(app, base_url="http://service.test", follow_redirects=False)


def csrf_of(browser: TestClient, path: str) -> str:
    page = browser.get(path)
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def seed_of(uri: str) -> bytes:
    secret = parse_qs(urlsplit(uri).query)["secret"][0]
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def signed_up(app, email: str) -> TestClient:
    """A browser signed in to a new account owning a new organisation (password, then TOTP)."""
    browser = client(app)
    enrol = browser.post("/signup", data={"csrf": csrf_of(browser, "/signup"), "email": email,
                                                "password": PASSWORD, "organisation": email})
    assert enrol.status_code == 200
    uri = re.search(r'<code id="otpauth">([^<]+)</code>', enrol.text).group(1).replace("&amp;", "&")
    assert uri.startswith("otpauth://totp/")
    before = browser.cookies["session"]
    done = browser.post("/signin", data={"csrf": csrf_of(browser, "/signin"), "email": email,
                                               "password": PASSWORD, "code": auth.totp_now(seed_of(uri))})
    assert done.status_code == 303, done.text
    assert browser.cookies["session"] != before  # the session is rotated on sign-in
    return browser


def post(browser: TestClient, path: str, form: dict[str, str], csrf_from: str = "/products"):
    return browser.post(path, data={"csrf": csrf_of(browser, csrf_from), **form})


def a_product(browser: TestClient, manifest: str = MANIFEST) -> tuple[str, str]:
    """A product with one version (its manifest taken): the product's id and the version's."""
    made = post(browser, "/products", {"name": "My Platform API"})
    product_id = made.headers["location"].rsplit("/", 1)[1]
    added = post(browser, f"/products/{product_id}/versions", {"version": "1.0.0", "manifest": manifest})
    assert added.status_code == 303, added.text
    page = browser.get(f"/products/{product_id}")
    return product_id, re.search(r'/versions/([0-9a-f]+)/runs', page.text).group(1)


def test_a_bad_manifest_is_refused_with_the_harnesss_located_line(app):
    browser = signed_up(app, "bad-manifest@example.com")
    made = post(browser, "/products", {"name": "P"})
    product_id = made.headers["location"].rsplit("/", 1)[1]
    refused = post(browser, f"/products/{product_id}/versions",
                         {"version": "1", "manifest": MANIFEST.replace("profiles:", "profile:")})
    assert refused.status_code == 400
    line = re.search(r'<p role="alert" id="problem">([^<]+)</p>', refused.text).group(1)
    assert line.startswith("manifest.yaml") and "profile" in line  # the file as the vendor knows it
    assert "version" not in (browser.get(f"/products/{product_id}")).text.split("<h2>")[1].split("<form")[0]


@pytest.mark.parametrize("edit", [
    ('adapter: http, base_url: "https://127.0.0.1:9"', 'adapter: file, paths: ["../../service.key"]'),
    ("base_url:", 'ca_bundle: "../../service.key", base_url:'),
    ("targets:", "jsonld_contexts: {'https://x.example/c': ../../service.key}\ntargets:"),
], ids=["file-target", "local-ca-bundle", "local-context"])
def test_a_manifest_naming_a_file_of_the_services_machine_is_refused(app, edit):
    browser = signed_up(app, f"outside-{edit[0][:4]}@example.com")
    made = post(browser, "/products", {"name": "P"})
    product_id = made.headers["location"].rsplit("/", 1)[1]
    refused = post(browser, f"/products/{product_id}/versions", {"version": "1", "manifest": MANIFEST.replace(*edit)})
    assert refused.status_code == 400, refused.text
    assert re.search(r'<p role="alert" id="problem">manifest.yaml at \$\.(targets|jsonld)', refused.text)


def test_a_secret_is_stored_sealed_and_never_shown_again(app):
    browser = signed_up(app, "secrets@example.com")
    product_id, _ = a_product(browser)
    stored = post(browser, f"/products/{product_id}/secrets", {"name": "PLATFORM_TOKEN", "value": "s3cret-value"})
    assert stored.status_code == 303
    page = browser.get(f"/products/{product_id}")
    assert "PLATFORM_TOKEN" in page.text and "s3cret-value" not in page.text
    with app.state.service.sessions() as db:
        sealed = db.scalar(select(Secret.ciphertext).where(Secret.product_id == product_id))
    assert b"s3cret-value" not in sealed and app.state.service.vault.open(sealed) == b"s3cret-value"
    database = app.state.service.config.database.read_bytes()
    assert b"s3cret-value" not in database


def test_a_form_too_large_or_not_url_encoded_is_refused_before_it_is_read_whole(app):
    browser = signed_up(app, "hostile@example.com")
    csrf = csrf_of(browser, "/products")
    assert browser.post("/products", content=b"csrf=" + csrf.encode() + b"&name=" + b"x" * 300_000,
                        headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert browser.post("/products", json={"csrf": csrf, "name": "P"}).status_code == 415


def test_a_form_without_its_csrf_token_is_refused(app):
    browser = signed_up(app, "csrf@example.com")
    assert (browser.post("/products", data={"name": "P"})).status_code == 403
    assert (browser.post("/products", data={"name": "P", "csrf": "forged"})).status_code == 403
    assert (post(browser, "/products", {"name": "P"})).status_code == 303


def test_sign_in_needs_the_totp_code_and_is_rate_limited(app):
    signed_up(app, "limited@example.com")
    browser, limit = client(app), app.state.service.limit
    try:
        tries = [post(browser, "/signin", {"email": "limited@example.com", "password": PASSWORD, "code": "000000"},
                      csrf_from="/signin") for _ in range(6)]
    finally:
        limit._failures.clear()  # the test client's one address: the other tests sign in from it too
    assert [t.status_code for t in tries] == [400] * 5 + [429]


def test_an_owner_adds_members_and_a_member_may_not(app):
    owner, member = signed_up(app, "boss@example.com"), signed_up(app, "staff@example.com")
    added = post(owner, "/organisation/members", {"email": "staff@example.com"}, csrf_from="/organisation")
    assert added.status_code == 303
    assert "staff@example.com</td><td data-state=\"member\">Member" in owner.get("/organisation").text
    with app.state.service.sessions.begin() as db:  # staff's session in boss's organisation (no switch page yet)
        boss_org = db.scalar(select(LoginSession.organisation_id).where(
            LoginSession.user_id == select(User.id).where(User.email == "boss@example.com").scalar_subquery()))
        db.execute(update(LoginSession).where(LoginSession.user_id == select(User.id).where(
            User.email == "staff@example.com").scalar_subquery()).values(organisation_id=boss_org))
    refused = post(member, "/organisation/members", {"email": "csrf@example.com"}, csrf_from="/organisation")
    assert refused.status_code == 400 and "csrf@example.com" not in owner.get("/organisation").text


def test_a_session_ends_at_sign_out_and_at_its_expiry(app):
    browser = signed_up(app, "expiry@example.com")
    kept = browser.cookies["session"]
    assert post(browser, "/signout", {}).status_code == 303
    stale = client(app)
    stale.cookies.set("session", kept)
    assert stale.get("/products").headers["location"] == "/signin"  # the old cookie opens nothing
    browser = signed_up(app, "expiry2@example.com")
    with app.state.service.sessions.begin() as db:
        db.execute(update(LoginSession).where(LoginSession.user_id.is_not(None)).values(expires=now()))
    assert browser.get("/products").headers["location"] == "/signin"


def test_every_page_carries_the_security_headers_and_no_inline_script(app):
    browser = signed_up(app, "headers@example.com")
    for path in ("/", "/signin", "/signup", "/products", "/organisation", "/products/0000", "/files"):
        answer = browser.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert "<script" not in answer.text


def test_pages_speak_chinese_when_asked(app):
    page = client(app).get("/signin?lang=zh")
    assert 'lang="zh-CN"' in page.text and "登录" in page.text


def object_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the app with an object id in its path: a new route is tried too."""
    found = [(method, route.path) for route in app.routes if isinstance(route, Route) and "{" in route.path
             for method in sorted(route.methods - {"HEAD"})]
    assert len(found) >= 7
    return found


def with_token(browser: TestClient) -> str:
    """The browser's organisation's new API token, sent by the browser from now on (the API's routes)."""
    made = post(browser, "/organisation/tokens", {}, csrf_from="/organisation")
    token = re.search(r'<code id="token">([^<]+)</code>', made.text).group(1)
    browser.headers["authorization"] = f"Bearer {token}"
    return token


def test_no_route_with_an_object_id_shows_or_changes_another_organisations_object(app):
    """Every route with an object id, by a session and an API token of another organisation: 404.
    Officers' routes are 404 to the owner too (no officer here: test_service_officers.py)."""
    owner = signed_up(app, "owner@example.com")
    product_id, version_id = a_product(owner)
    started = post(owner, f"/versions/{version_id}/runs", {})
    run_id = started.headers["location"].rsplit("/", 1)[1]
    with app.state.service.sessions.begin() as db:  # an application (its run is still queued: no worker here)
        application = Application(organisation_id=db.get(Run, run_id).organisation_id, run_id=run_id)
        db.add(application)
        db.flush()
        application_id = application.id
    ids = {"product_id": product_id, "version_id": version_id, "run_id": run_id, "view": "json",
           "application_id": application_id, "action": "certify"}
    other = signed_up(app, "other@example.com")
    with_token(owner), with_token(other)
    for method, path in object_routes(app):
        url = path.format(**ids)
        answer = (other.get(url) if method == "GET" else post(other, url, {"name": "X", "version": "2",
                                                                                  "manifest": MANIFEST, "value": "v"}))
        assert answer.status_code == 404, (method, path, answer.status_code)
        own = owner.get(url) if method == "GET" else None
        assert own is None or own.status_code != 404 or path.endswith("{view}") or path.startswith("/officer"), (
            path, own.status_code)
    # the owner's own run, still queued (no worker here), may not be applied with
    assert post(owner, f"/runs/{run_id}/apply", {}, csrf_from=f"/runs/{run_id}").status_code == 400


def an_application(app, browser: TestClient) -> tuple[str, str]:
    """The browser's organisation's application for a run (its run marked conformant by hand: no
    worker here; test_service_officers.py certifies a real one): (application id, run id)."""
    _, version_id = a_product(browser)
    run_id = post(browser, f"/versions/{version_id}/runs", {}).headers["location"].rsplit("/", 1)[1]
    with app.state.service.sessions.begin() as db:
        db.execute(update(Run).where(Run.id == run_id).values(status="finished", exit_code=0))
    assert post(browser, f"/runs/{run_id}/apply", {}, csrf_from=f"/runs/{run_id}").status_code == 303
    with app.state.service.sessions() as db:
        return db.scalar(select(Application.id).where(Application.run_id == run_id)), run_id


def made_officer(app, email: str) -> TestClient:
    browser = signed_up(app, email)
    with app.state.service.sessions.begin() as db:
        db.execute(update(User).where(User.email == email).values(officer=True))
    return browser


def test_an_officer_refuses_with_a_reason_the_vendor_sees_and_the_audit_keeps(app, caplog):
    vendor, officer = signed_up(app, "refused@example.com"), made_officer(app, "officer-r@example.com")
    application_id, run_id = an_application(app, vendor)
    page = f"/officer/applications/{application_id}"
    assert application_id in officer.get("/officer").text and 'href="/officer"' in officer.get("/products").text
    assert "认证申请队列" in officer.get("/officer?lang=zh").text
    assert 'href="/officer"' not in vendor.get("/products").text
    caplog.set_level("INFO", logger="conformance.service.officers")
    assert post(officer, f"{page}/refuse", {"reason": ""}, csrf_from=page).status_code == 400  # a reason is needed
    assert post(vendor, f"{page}/refuse", {"reason": "mine"}, csrf_from=f"/runs/{run_id}").status_code == 404
    assert post(officer, f"{page}/refuse", {"reason": "the manual checks are missing"}, csrf_from=page
                ).status_code == 303
    assert "Refused</span> (the manual checks are missing)" in vendor.get(f"/runs/{run_id}").text
    assert post(officer, f"{page}/refuse", {"reason": "again"}, csrf_from=page).status_code == 409
    with app.state.service.sessions() as db:
        rows = db.execute(select(AuditRow.action, AuditRow.reason).where(AuditRow.application_id == application_id))
        assert rows.all() == [("refuse", "the manual checks are missing")]
    assert [r.getMessage() for r in caplog.records if "refuse" in r.getMessage()] == [
        f"officer {officer_id(app, 'officer-r@example.com')} refuse application {application_id}: refused"]


def officer_id(app, email: str) -> str:
    with app.state.service.sessions() as db:
        return db.scalar(select(User.id).where(User.email == email))


def test_certify_without_a_programme_is_declined_on_the_review_page(app):
    officer = made_officer(app, "officer-c@example.com")
    application_id, _ = an_application(app, signed_up(app, "uncertified@example.com"))
    page = f"/officer/applications/{application_id}"
    declined = post(officer, f"{page}/certify", {}, csrf_from=page)
    assert declined.status_code == 409 and "--programme" in declined.text
    assert '<span id="application" data-state="submitted">' in officer.get(page).text
    # the audit row says why in the officer's language, not in the English it was logged in
    from conformance.messages import render

    audit = officer.get(page + "?lang=zh").text.split('data-action="certify"', 1)[1]
    assert render("service.declined-no-programme", {}, "zh") in audit.split("</li>", 1)[0], audit[:300]
    assert client(app).get("/programme").status_code == 404  # no programme: no public pages either


def test_an_api_token_is_shown_once_kept_hashed_and_opens_its_organisation_only(app):
    browser = signed_up(app, "api@example.com")
    a_product(browser)
    token = with_token(browser)
    assert "mvc_" not in browser.get("/organisation").text  # not shown again
    assert token.encode() not in app.state.service.config.database.read_bytes()
    ci = client(app)
    listed = ci.get("/api/v1/products", headers={"authorization": f"Bearer {token}"}).json()["products"]
    assert [p["name"] for p in listed] == ["My Platform API"]
    other_token = with_token(signed_up(app, "api2@example.com"))
    others = ci.get("/api/v1/products", headers={"authorization": f"Bearer {other_token}"})
    assert others.json() == {"products": []}
    for header in ({}, {"authorization": "Bearer mvc_forged"}, {"authorization": f"Basic {token}"}):
        assert ci.get("/api/v1/products", headers=header).status_code == 401
    del browser.headers["authorization"]
    assert browser.get("/api/v1/products").status_code == 401  # a session's cookie is not a token


def test_service_run_starts_a_run_waits_for_it_and_writes_its_reports(app, tmp_path):
    """`conformance service-run`'s client over the API (the worker's finishing played by its wait)."""
    from conformance.errors import HarnessInputError
    from conformance.service.client import service_run

    browser = signed_up(app, "ci@example.com")
    _, version_id = a_product(browser)
    ci = client(app)
    ci.headers["authorization"] = f"Bearer {with_token(browser)}"
    done = tmp_path / "done"
    done.mkdir()
    (done / "report.json").write_text('{"exit_code": 1}')
    (done / "junit.xml").write_text("<testsuite/>")

    def the_worker_finishes(_: float) -> None:
        with app.state.service.sessions.begin() as db:
            db.execute(update(Run).where(Run.version_id == version_id).values(
                status="finished", exit_code=1, report_dir=str(done)))

    said: list[str] = []
    assert service_run(ci, version_id, tmp_path / "out", 60, said.append, the_worker_finishes) == 1
    assert (tmp_path / "out" / "report.json").read_text() == '{"exit_code": 1}'
    assert (tmp_path / "out" / "junit.xml").read_text() == "<testsuite/>" and said[-1].endswith("finished (exit 1)")
    with pytest.raises(HarnessInputError, match="answered 404"):
        service_run(ci, "0000000000000000", tmp_path / "out", 60)


def test_a_slow_officer_action_holds_no_page_back(app, monkeypatch):
    """Two requests overlap in one event loop: an officer's action whose programme work (signing,
    the log's append) waits until a vendor's page has been answered. Were the action's work done
    on the event loop, the page could not be answered while it waits, and its wait would end by
    its failsafe (False), not by the page."""
    import asyncio
    import threading

    import httpx

    from conformance.service import review

    vendor, officer = signed_up(app, "overlap@example.com"), made_officer(app, "officer-o@example.com")
    application_id, run_id = an_application(app, vendor)
    acting, answered, waited = threading.Event(), threading.Event(), []

    def slow_programme(*_: object) -> str:
        acting.set()
        waited.append(answered.wait(timeout=20))
        return "refused"

    monkeypatch.setattr(review, "_perform", slow_programme)
    page = f"/officer/applications/{application_id}"
    csrf = csrf_of(officer, page)

    async def side_by_side() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with (httpx.AsyncClient(transport=transport, base_url="http://service.test",
                                      cookies=officer.cookies) as officers,
                    httpx.AsyncClient(transport=transport, base_url="http://service.test",
                                      cookies=vendor.cookies) as vendors):
            action = asyncio.create_task(officers.post(f"{page}/refuse", data={"csrf": csrf, "reason": "slow"}))
            while not acting.is_set():
                await asyncio.sleep(0.01)
            shown = await vendors.get(f"/runs/{run_id}")
            answered.set()
            return await action, shown

    acted, shown = asyncio.run(side_by_side())
    assert waited == [True] and shown.status_code == 200 and acted.status_code == 303, (waited, acted.text)
    assert 'data-state="refused"' in vendor.get(f"/runs/{run_id}").text


def test_an_organisations_queued_runs_are_capped_with_a_problem_and_retry_after(tmp_path):
    """Past ``queued_runs`` self-tests queued or running, one more is 429: the API's body an RFC
    9457 problem, the page's the product page saying why in its language; both with Retry-After.
    Another organisation's queue is its own; a run done frees a place."""
    from conformance.cli.parser import build_parser
    from conformance.service.config import QUEUED_RUNS, RUN_RETRY_AFTER_S
    from tests.paths import ROOT

    app = create_app(load_config(tmp_path / "service", secure_cookies=False, queued_runs=2))
    vendor, other = signed_up(app, "queue@example.com"), signed_up(app, "queue2@example.com")
    _, version_id = a_product(vendor)
    api = client(app)
    api.headers["authorization"] = f"Bearer {with_token(vendor)}"
    started = [api.post(f"/api/v1/versions/{version_id}/runs") for _ in range(2)]
    assert [s.status_code for s in started] == [202, 202]
    refused = api.post(f"/api/v1/versions/{version_id}/runs")
    assert refused.status_code == 429 and refused.headers["retry-after"] == str(RUN_RETRY_AFTER_S)
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["status"] == 429 and problem["type"] == "about:blank" and problem["limit"] == 2
    assert problem["title"] == "Too Many Requests" and "2 self-tests" in problem["detail"]
    page = post(vendor, f"/versions/{version_id}/runs", {}, csrf_from="/products?lang=zh")
    assert page.status_code == 429 and page.headers["retry-after"] == str(RUN_RETRY_AFTER_S)
    assert "贵机构已有 2 个自测在排队或运行中" in page.text
    assert post(other, f"/versions/{a_product(other)[1]}/runs", {}).status_code == 303  # its own queue
    with app.state.service.sessions.begin() as db:
        db.execute(update(Run).where(Run.id == started[0].json()["id"]).values(status="finished", exit_code=0))
    assert api.post(f"/api/v1/versions/{version_id}/runs").status_code == 202  # a place freed
    with app.state.service.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Run).where(Run.version_id == version_id)) == 3
    helps = {a.dest: a.help for a in build_parser()._subparsers._group_actions[0].choices["service"]._actions}
    assert f"(default {QUEUED_RUNS})" in helps["queued_runs"]  # the CLI's help says the config's default
    docs = (ROOT / "docs" / "service.md").read_text(encoding="utf-8")  # and so do the docs
    assert f"(default {QUEUED_RUNS}:" in docs and f"`Retry-After: {RUN_RETRY_AFTER_S}`" in docs


def test_the_officers_queue_is_paged_submitted_first(tmp_path):
    """A city's thousand applications are not one page: QUEUE_PAGE a page, submitted first, with
    links to the next and previous pages (bench/service_scale.py measured the unpaged one)."""
    from conformance.service.review import QUEUE_PAGE

    app = create_app(load_config(tmp_path / "service", secure_cookies=False))
    vendor, officer = signed_up(app, "many@example.com"), made_officer(app, "officer-q@example.com")
    application_id, run_id = an_application(app, vendor)
    with app.state.service.sessions.begin() as db:
        run = db.get(Run, run_id)
        db.execute(update(Application).where(Application.id == application_id).values(status="refused"))
        for _ in range(QUEUE_PAGE):
            made = Run(organisation_id=run.organisation_id, version_id=run.version_id, status="finished", exit_code=0)
            db.add(made)
            db.flush()
            db.add(Application(organisation_id=run.organisation_id, run_id=made.id))
    first, second = officer.get("/officer"), officer.get("/officer?page=1")
    assert first.text.count('data-state="submitted"') == QUEUE_PAGE and 'href="/officer?page=1"' in first.text
    assert application_id not in first.text and application_id in second.text  # the refused one: last
    assert 'href="/officer?page=0" rel="prev"' in second.text and "?page=2" not in second.text
    assert officer.get("/officer?page=-1").status_code == 200 and officer.get("/officer?page=x").status_code == 200


def test_a_database_an_earlier_service_made_gains_the_columns_added_since(tmp_path):
    import sqlite3

    config = load_config(tmp_path / "service", secure_cookies=False)
    create_app(config)
    with sqlite3.connect(config.database) as db:
        db.execute("ALTER TABLE audit DROP COLUMN declined")  # as the service before the column made it
    create_app(config)
    with sqlite3.connect(config.database) as db:
        assert "declined" in {row[1] for row in db.execute("PRAGMA table_info(audit)")}


def test_a_browser_s_request_for_the_site_icon_is_answered_without_an_error(app):
    """Chromium asks every site for /favicon.ico; a 404 showed as a failed resource in each page's console
    (tests/service/test_service_browser.py holds the console clean)."""
    answer = client(app).get("/favicon.ico")
    assert answer.status_code == 204 and not answer.content
